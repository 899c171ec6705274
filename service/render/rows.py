"""One row of a pack's metrics table (``MetricRow``), built from a highlight or a cited source
number, with its English value, change, rank and period, and the numbers a brief may cite it by."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from pressbrief.eval.judge.english_numbers import parse_english_numbers
from pressbrief.service.numeric.render import ordinal
from pressbrief.service.numeric.units import COUNTER_EN

from .quote import quote

MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_BASIS_EN = {
    "同比": "YoY", "较去年同期": "YoY", "比上年": "YoY", "比去年": "YoY", "较上年": "YoY", "yoy": "YoY",
    "环比": "MoM", "seq": "seq.", "较上月": "MoM", "较上季度": "QoQ",
}  # fmt: skip


_HAN = re.compile(r"[\u4e00-\u9fff]")


def value_en(h: dict) -> str:
    """The English rendering with the counter's noun where it has one (20辆 -> 20 vehicles)."""
    rendered = h.get("rendered_en") or ""
    unit = h.get("unit") or ""
    if rendered and re.fullmatch(r"(?:about |more than |at least |nearly |less than |at most )?[\d,.]+", rendered) \
            and unit in COUNTER_EN and h.get("kind") == "count":
        return f"{rendered} {COUNTER_EN[unit]}"
    value = rendered or h.get("text") or ""
    if _HAN.search(value):  # 2021年, 二级: the period words the pack knows, else nothing (the quote shows it)
        period = fmt_period(h.get("text") or "")
        return "" if _HAN.search(period) else period
    return value


@dataclass
class MetricRow:
    anchor: str
    number: int
    label: str  # Chinese label (what the number measures)
    label_en: str | None
    value_en: str
    value_zh: str  # the number as the source writes it
    change: str
    rank: str
    period: str
    period_en: str
    quote: tuple[str, str, str]  # (before, number, after) in the source
    start: int | None = None
    end: int | None = None
    values: tuple[Decimal, ...] = ()  # what numbers in a brief may stand for this row
    cited: bool = False  # not a highlight: added because a brief cites it
    sentence: tuple = (None, None)  # (section_id, sentence_index) in the source
    change_value: Decimal | None = None
    rank_position: int | None = None

    def shows(self, h: dict) -> bool:
        """True when source mention ``h`` is this row's change or rank (same sentence and label)."""
        if (h.get("section_id"), h.get("sentence_index")) != self.sentence or h.get("label") != self.label:
            return False
        if h.get("kind") == "change":
            return self.change_value is not None and _dec(h.get("value")) == self.change_value
        if h.get("kind") == "rank":
            pos = (h.get("rank") or {}).get("position", _dec(h.get("value")))
            return self.rank_position is not None and pos is not None and int(pos) == self.rank_position
        return False


def _dec(value) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


_PERIOD_EN = {
    "今年": "this year", "本年": "this year", "全年": "full year", "去年": "last year", "上年": "last year",
    "目前": "to date", "当前": "to date", "截至目前": "to date", "近年来": "recent years", "累计": "cumulative",
    "上半年": "H1", "下半年": "H2", "一季度": "Q1", "二季度": "Q2", "三季度": "Q3", "四季度": "Q4",
    "前三季度": "Q1–Q3", "本月": "this month", "上月": "last month",
}  # fmt: skip


def fmt_period(period: str | None, lang: str = "en") -> str:
    """English for the common period words (今年 -> this year); years and other text as written."""
    if not period:
        return ""
    if lang == "zh":
        return period
    p = period.strip()
    if p in _PERIOD_EN:
        return _PERIOD_EN[p]
    m = re.fullmatch(r"(\d{4})\s*年(度)?", p)
    if m:
        return m.group(1)
    m = re.fullmatch(r"(\d{4})\s*年\s*(上半年|下半年|一季度|二季度|三季度|四季度|前三季度)", p)
    if m:
        return f"{_PERIOD_EN[m.group(2)]} {m.group(1)}"
    m = re.fullmatch(r"(\d{4})\s*年\s*(底|末)", p)
    if m:
        return f"end-{m.group(1)}"
    m = re.fullmatch(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?", p)
    if m and 1 <= int(m.group(2)) <= 12:
        parts = [m.group(3), MONTHS_EN[int(m.group(2)) - 1], m.group(1)]
        return " ".join(x for x in parts if x)
    m = re.fullmatch(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*(?:-|—|–|~|至|到)\s*(\d{1,2})\s*月", p)
    if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 12:
        span = f"{MONTHS_EN[int(m.group(2)) - 1]}–{MONTHS_EN[int(m.group(3)) - 1]}"
        return f"{span} {m.group(1)}" if m.group(1) else span
    return period


def fmt_change(change: dict | None) -> str:
    if not change:
        return ""
    value = _dec(change.get("value"))
    unit = change.get("unit") or ""
    direction = change.get("direction")
    sign = {"up": "+", "down": "−"}.get(direction or "", "")
    num = "" if value is None else _plain(abs(value))
    unit_en = {"%": "%", "pp": " pp"}.get(unit, f" {unit}" if unit else "")
    basis = change.get("basis") or ""
    basis_en = _BASIS_EN.get(basis, basis)
    if _HAN.search(unit_en):
        unit_en = ""
    if _HAN.search(basis_en):
        basis_en = ""
    return " ".join(p for p in (f"{sign}{num}{unit_en}".strip(), basis_en) if p)


def fmt_rank(rank: dict | None) -> str:
    if not rank:
        return ""
    scope = rank.get("scope_en") or rank.get("scope") or ""
    if _HAN.search(scope):
        scope = ""  # a scope with no English name: the position alone (the quote says where)
    if scope and not scope.startswith("the ") and re.match(r"[a-z]", scope):
        scope = f"the {scope}"
    where = f" in {scope}" if scope else ""
    if rank.get("tier"):
        return f"top tier{where}"
    pos = rank.get("position")
    return f"{ordinal(int(pos))}{where}" if isinstance(pos, int) else scope


def _plain(value: Decimal) -> str:
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return format(value.normalize(), "f")


def row_values(h: dict) -> tuple[Decimal, ...]:
    vals: list[Decimal] = []
    for v in (
        h.get("value"),
        h.get("upper"),
        (h.get("change") or {}).get("value"),
        (h.get("rank") or {}).get("position"),
    ):
        d = _dec(v)
        if d is not None:
            vals.append(d)
    for n in parse_english_numbers(h.get("rendered_en") or ""):
        if n.value is not None:
            vals.append(n.value)
    for s in (h.get("date_iso"), h.get("period"), h.get("text")):
        for digits in re.findall(r"\d+(?:\.\d+)?", s or ""):
            vals.append(Decimal(digits))
    return tuple(dict.fromkeys(vals))


def metric_row(h: dict, anchor: str, number: int, text: str, cited: bool = False) -> MetricRow:
    start, end = h.get("start"), h.get("end")
    if isinstance(start, int) and isinstance(end, int) and text:
        q = quote(text, start, end)
    else:
        q = ("", h.get("text") or "", "")
    return MetricRow(
        anchor=anchor,
        number=number,
        label=h.get("label") or "",
        label_en=h.get("label_en"),
        value_en=value_en(h),
        value_zh=h.get("text") or "",
        change=fmt_change(h.get("change")),
        rank="" if fmt_rank(h.get("rank")) == (h.get("rendered_en") or "") else fmt_rank(h.get("rank")),
        period=h.get("period") or "",
        period_en="" if _HAN.search(fmt_period(h.get("period"))) else fmt_period(h.get("period")),
        quote=q,
        start=start if isinstance(start, int) else None,
        end=end if isinstance(end, int) else None,
        values=row_values(h),
        cited=cited,
        sentence=(h.get("section_id"), h.get("sentence_index")),
        change_value=_dec((h.get("change") or {}).get("value")),
        rank_position=(h.get("rank") or {}).get("position")
        if isinstance((h.get("rank") or {}).get("position"), int)
        else None,
    )
