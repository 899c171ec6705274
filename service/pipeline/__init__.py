"""The brief pipeline: plan (plan.py) -> write (write.py, with service/brief/writers/) -> assemble
(summarize.py). It sits above the brief's parts (service/brief/), which never import it."""

from .plan import LANGS, BriefOptions, parse_langs
from .summarize import BriefResult, summarize

__all__ = ["LANGS", "BriefOptions", "BriefResult", "parse_langs", "summarize"]
