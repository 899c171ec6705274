"""Faithfulness harness and benchmarks: is every number of a brief backed by the source?

Public API (see eval/README.md):

- ``parse_english_numbers(text) -> list[BriefNumber]``; Chinese briefs use the core's
  ``parse_mentions`` (``parse_brief(text, "zh")``).
- ``check_brief(source, brief, lang) -> BriefReport``: each number's verdict, error type, rounding
  note, matched source mention(s) and, for errors, the one source mention it should have been.
- ``NumberPrecision``, ``KeyMetricRecall``, ``Faithfulness``, ``CharRougeL``: metrics with
  ``.signature()``.
- ``evaluate_records(records, ...) -> {"signature", "aggregate", "documents"}``.
- ``get_system(name)``: ``pressbrief`` / ``raw`` / ``lead`` brief generators for ``--system``.
"""

from .align import DEFAULT_OPTIONS, HARNESS_VERSION, AlignOptions, check_brief, parse_brief, suggestions
from .english_numbers import parse_english_numbers
from .harness import evaluate_document, evaluate_records
from .highlights import default_highlights
from .metrics import CharRougeL, Faithfulness, KeyMetricRecall, NumberPrecision, Signature
from .types import ERROR_TYPES, BriefNumber, BriefReport, NumberCheck, SourceRef

__all__ = [
    "DEFAULT_OPTIONS", "ERROR_TYPES", "HARNESS_VERSION", "AlignOptions", "BriefNumber", "BriefReport", "CharRougeL",
    "Faithfulness", "KeyMetricRecall", "NumberCheck", "NumberPrecision", "Signature", "SourceRef", "check_brief",
    "default_highlights", "evaluate_document", "evaluate_records", "get_system", "parse_brief",
    "parse_english_numbers", "suggestions",
]


def get_system(name: str, model: str | None = None):
    """A brief generator by name (lazy: loading a system never loads a model until it runs)."""
    from .systems import get_system as _get

    return _get(name, model=model)
