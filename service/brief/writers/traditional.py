"""The Traditional-Chinese copy: the guarded Chinese brief converted with OpenCC, then checked like any
brief (the harness reads Traditional text through the core's normalization, and a figure it cannot back
there is repaired or dropped too)."""

from __future__ import annotations

from ...numeric.types import Extraction, Metric
from ..fallback import fallback_zh
from ..guard import GuardStats, guard
from ..traditional import to_traditional


def write_traditional(extraction: Extraction, brief_zh: str, highlights: list[Metric],
                      variant: str = "s2t") -> tuple[str, GuardStats]:
    highlights_zh = fallback_zh(extraction, highlights)
    text, stats = guard(extraction, "zh-Hant", iter([to_traditional(brief_zh, variant)]),
                        lambda: to_traditional(highlights_zh, variant), max_candidates=1)
    stats.candidates = 0  # no model candidate: a conversion of the guarded zh brief
    return text, stats
