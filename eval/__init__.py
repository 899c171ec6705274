"""Faithfulness harness and benchmarks: is every number of a brief backed by the source?

Public API (see eval/README.md):

- ``parse_english_numbers(text) -> list[BriefNumber]``; Chinese briefs use the core's
  ``parse_mentions`` (``parse_brief(text, "zh")``).
- ``check_brief(source, brief, lang) -> BriefReport``: each number's verdict, error type, rounding
  note, matched source mention(s) and, for errors, the one source mention it should have been.
  With ``summary_en=`` / ``summary_zh=`` / ``summary_zh_hant=`` instead: ``check_briefs``, a JSON-ready dict.
- ``NumberPrecision``, ``KeyMetricRecall``, ``Faithfulness``, ``CharRougeL``: metrics with
  ``.signature()``.
- ``evaluate_records(records, ...) -> {"signature", "aggregate", "documents"}``.
- ``pressbrief.eval.systems.get_system(name)``: ``pressbrief`` / ``raw`` / ``lead`` brief generators for
  ``--system`` (not re-exported here: the systems run the brief, which imports the judge, and importing
  ``pressbrief.eval.judge`` runs this file first).
"""

from typing import Any, overload

from pressbrief.service.numeric.types import Extraction

from .judge import align
from .judge.align import parse_brief, suggestions
from .judge.english_numbers import parse_english_numbers
from .judge.harness import check_briefs, evaluate_document, evaluate_records
from .judge.highlights import default_highlights
from .judge.metrics import CharRougeL, Faithfulness, KeyMetricRecall, NumberPrecision
from .judge.options import DEFAULT_OPTIONS, HARNESS_VERSION, AlignOptions
from .judge.signature import Signature
from .judge.types import ERROR_TYPES, BriefNumber, BriefReport, NumberCheck, SourceRef

__all__ = [
    "DEFAULT_OPTIONS", "ERROR_TYPES", "HARNESS_VERSION", "AlignOptions", "BriefNumber", "BriefReport", "CharRougeL",
    "Faithfulness", "KeyMetricRecall", "NumberCheck", "NumberPrecision", "Signature", "SourceRef", "check_brief",
    "check_briefs", "default_highlights", "evaluate_document", "evaluate_records", "parse_brief",
    "parse_english_numbers", "suggestions",
]


@overload
def check_brief(source: str | Extraction, brief: str, lang: str, *, options: AlignOptions = ...,
                numbers: list[BriefNumber] | None = ...) -> BriefReport: ...


@overload
def check_brief(source: str | Extraction, brief: None = ..., lang: None = ..., *, options: AlignOptions = ...,
                summary_en: str | None = ..., summary_zh: str | None = ...,
                summary_zh_hant: str | None = ...) -> dict[str, Any]: ...


def check_brief(source: str | Extraction, brief: str | None = None, lang: str | None = None, *,
                options: AlignOptions = DEFAULT_OPTIONS, numbers: list[BriefNumber] | None = None,
                summary_en: str | None = None, summary_zh: str | None = None,
                summary_zh_hant: str | None = None) -> BriefReport | dict[str, Any]:
    """One brief's verdicts (``align.check_brief``), or, called with ``summary_en=`` / ``summary_zh=`` /
    ``summary_zh_hant=`` instead of ``brief, lang``, those briefs scored together as a JSON-ready dict
    (``harness.check_briefs``)."""
    if brief is None:
        return check_briefs(source, summary_en=summary_en, summary_zh=summary_zh, summary_zh_hant=summary_zh_hant,
                            options=options)
    if lang is None:
        raise ValueError("check_brief: lang is required with a brief (en, zh or zh-Hant)")
    return align.check_brief(source, brief, lang, options=options, numbers=numbers)
