"""Template briefs built only from the highlights: the guard's last resort.

Every figure here is the numeric core's own rendering (English) or the source's own clause
(Chinese), so the harness can back each one.
"""

from __future__ import annotations

import re

from .english import romanize
from .numeric.types import Extraction, Metric

CLAUSE_BREAK = re.compile(r"[，,。；;！？!?\n]")


def source_clause(text: str, start: int, end: int) -> str:
    """The clause of the source around a span, between punctuation marks."""
    left = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    right_match = CLAUSE_BREAK.search(text, end)
    right = right_match.start() if right_match else len(text)
    return re.sub(r"\s+", "", text[left:right])


def fallback_zh(extraction: Extraction, highlights: list[Metric]) -> str:
    clauses: list[str] = []
    for metric in highlights:
        clause = source_clause(extraction.text, metric.mention.start, metric.mention.end)
        if clause and clause not in clauses:
            clauses.append(clause)
    return ("要点：" + "；".join(clauses) + "。") if clauses else "原文未给出可核实的关键数据。"


def label_en(metric: Metric) -> str:
    if metric.label_en:
        return metric.label_en[0].upper() + metric.label_en[1:]
    return romanize(metric.label) if metric.label else "Reported figure"


def fallback_en(extraction: Extraction, highlights: list[Metric]) -> str:
    lines = [f"{label_en(m)}: {m.rendered_en}." for m in highlights if m.rendered_en]
    return ("Key figures from the release. " + " ".join(lines)) if lines else \
        "The release gives no figures that could be verified."
