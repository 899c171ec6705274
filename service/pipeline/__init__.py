"""The brief pipeline: plan (plan.py) -> write (write.py, with service/brief/writers/) -> assemble
(summarize.py). It sits above the brief's parts (service/brief/), which never import it."""

from ..brief.translate import TranslationResult, translate
from .plan import LANGS, BriefOptions, parse_langs
from .summarize import BriefResult, summarize

__all__ = ["LANGS", "BriefOptions", "BriefResult", "TranslationResult", "parse_langs", "summarize", "translate"]
