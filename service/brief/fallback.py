"""Template briefs built only from the highlights: the guard's last resort.

Every figure here is the numeric core's own rendering (English) or the source's own clause
(Chinese), so the harness can back each one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..numeric import render_en
from ..numeric.types import Extraction, Metric
from .english import romanize

# Newlines are not breaks: releases pasted from print split sentences across page breaks.
CLAUSE_BREAK = re.compile(r"[，,。；;！？!?]|\n\s*\n(?=[^\n]{0,40}\n)")


def source_clause(text: str, start: int, end: int) -> str:
    """The clause of the source around a span, between punctuation marks."""
    left = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    right_match = CLAUSE_BREAK.search(text, end)
    right = right_match.start() if right_match else len(text)
    return re.sub(r"\s+", "", text[left:right])


def highlight_clauses(extraction: Extraction, highlights: list[Metric],
                      clean: Callable[[str], str] | None = None) -> list[str]:
    """The source clause of each highlight (its label in front when the clause lacks it), once each;
    `clean` trims a clause before that."""
    clauses: list[str] = []
    for metric in highlights:
        clause = source_clause(extraction.text, metric.mention.start, metric.mention.end)
        if clean:
            clause = clean(clause)
        if metric.label and metric.label not in clause:
            clause = metric.label + clause  # 居全省第一位 alone does not say what ranks first
        if clause and clause not in clauses:
            clauses.append(clause)
    return clauses


def fallback_zh(extraction: Extraction, highlights: list[Metric]) -> str:
    clauses = highlight_clauses(extraction, highlights)
    return ("要点：" + "；".join(clauses) + "。") if clauses else "原文未给出可核实的关键数据。"


def label_en(metric: Metric) -> str:
    if metric.label_en:
        return metric.label_en[0].upper() + metric.label_en[1:]
    return romanize(metric.label) if metric.label else "Reported figure"


def change_en(extraction: Extraction, metric: Metric) -> str | None:
    """The core's rendering of the growth rate a metric carries (up 25.72% year on year)."""

    m = metric.mention
    if metric.change is None or m.kind == "change":
        return None  # a growth rate is its own change: "up 8.7% year on year" once, not twice
    for other in extraction.mentions:
        if other.kind == "change" and other.value == metric.change.value and other.section_id == m.section_id \
                and other.sentence_index == m.sentence_index:
            return render_en(other)
    return None


def fallback_en(extraction: Extraction, highlights: list[Metric]) -> str:
    lines, unlabeled = [], []
    for m in highlights:
        if not m.rendered_en:
            continue
        change = change_en(extraction, m)
        figure = m.rendered_en + (f", {change}" if change else "")
        if m.label_en:
            lines.append(f"{label_en(m)}: {figure}.")
        else:
            unlabeled.append(figure)  # pinyin of a long Chinese label reads as noise, so no label
    if unlabeled:
        lines.append(("Other figures reported: " if lines else "Figures reported: ") + "; ".join(unlabeled) + ".")
    return ("Key figures from the release. " + " ".join(lines)) if lines else \
        "The release gives no figures that could be verified."
