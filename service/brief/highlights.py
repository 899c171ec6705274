"""Choose the metrics an investor reads first: money, growth, ranks, headline counts, targets."""

from __future__ import annotations

from ..numeric.render import vague_word
from ..numeric.types import Extraction, Metric

MONEY_UNITS = ("元", "CNY", "美元", "USD", "港元", "HKD", "欧元", "EUR")
TARGET_CUES = ("力争", "目标", "到20", "计划", "预计")
# A small count is context, not a key figure: 两名知情人士 (two informants), 两国 (two countries), 16条路线,
# 两只狗獾; so are ages and the people who speak or report.
SMALL_COUNT = 20
_NOT_A_FIGURE_UNITS = ("岁", "周岁")
_SPEAKERS = ("人士", "记者", "专家", "发言人", "队员", "代表", "委员", "嘉宾", "官员")


def is_noise(metric: Metric) -> bool:
    """A figure an investor does not want as a highlight (a small count, an age, a count of speakers)."""
    m = metric.mention
    if m.kind != "count" or metric.change is not None:
        return False
    if m.unit in _NOT_A_FIGURE_UNITS:
        return True
    if m.value is not None and m.value < SMALL_COUNT:
        return True
    return any(word in (metric.label or "") for word in _SPEAKERS)


def score(metric: Metric) -> float:
    """Why these weights: a brief has room for a handful of figures. Money and growth move
    valuations, a headline count that comes with its growth rate is the story, ranks and
    targets frame them, plain counts come next; dates and periods are context only."""
    m = metric.mention
    if m.kind in ("date", "period", "other") or (vague_word(m) or "")[:1] in ("数", "几") or is_noise(metric):
        return 0.0  # 二次检测 is "a second round of tests", 升破7.0 a level crossed, 数亿美元 a magnitude
    if m.kind == "amount":
        s = 8.0 if m.unit in MONEY_UNITS else 3.5
    elif m.kind == "count":
        s = 7.0 if metric.change is not None else 2.5
    elif m.kind in ("change", "percent"):
        s = 5.0
    elif m.kind == "rank":
        rank = metric.rank or m.rank
        s = 3.0 if rank is None or rank.tier else (6.0 if rank.position == 1 else 4.5)
    elif m.kind == "ratio":
        s = 3.0
    else:
        s = 1.0
    if metric.label_en:
        s += 0.5  # a glossary term reads well in the English brief
    if any(cue in (metric.period or "") for cue in TARGET_CUES):
        s += 0.5
    if m.approx == "range":
        s -= 0.5
    return s


def _restates_change(metric: Metric, chosen: list[Metric]) -> bool:
    """A growth rate already carried by a chosen count (10430件, 同比增长25.72%) is not repeated."""
    m = metric.mention
    return m.kind == "change" and any(
        c.change is not None and c.change.value == m.value and c.mention.section_id == m.section_id
        and c.mention.sentence_index == m.sentence_index for c in chosen)


def _heading_spans(extraction: Extraction) -> list[tuple[int, int]]:
    spans = []
    for sec in extraction.sections:
        if sec.heading:
            start = extraction.text.find(sec.heading, sec.start)
            if start >= 0:
                spans.append((start, start + len(sec.heading)))
    return spans


def _in(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in spans)


def choose_highlights(extraction: Extraction, n: int = 8) -> list[Metric]:
    """Top-n metrics by investor interest, returned in source order (stable, deterministic)."""
    candidates = [m for m in extraction.metrics if not m.mention.is_code and score(m) > 0]
    headings = _heading_spans(extraction)
    # A headline usually restates a body figure; prefer the body, whose sentence carries the context.
    ranked = sorted(candidates, key=lambda m: (-score(m), _in(headings, m.mention.start), m.mention.start))
    seen: set[tuple[int, int]] = set()
    seen_facts: set[tuple] = set()
    chosen: list[Metric] = []
    for metric in ranked:
        span = (metric.mention.start, metric.mention.end)
        same = (metric.label, metric.mention.kind, metric.mention.value, metric.entity)
        if span in seen or same in seen_facts or _restates_change(metric, chosen):
            continue  # the heading often repeats a body figure (全省第一 / 全省第一位)
        seen.add(span)
        seen_facts.add(same)
        chosen.append(metric)
        if len(chosen) == n:
            break
    return sorted(chosen, key=lambda m: m.mention.start)
