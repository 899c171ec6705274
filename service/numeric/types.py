"""Typed records of the numeric core.

Every value is an exact ``Decimal`` with the Chinese scale (万, 亿 ...) already applied;
offsets are character offsets into the text the caller passed in (not a normalized
copy), so ``text[m.start:m.end] == m.text`` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Kind = Literal["count", "amount", "percent", "change", "rank", "date", "period", "ratio", "other"]
Approx = Literal["more_than", "at_least", "less_than", "at_most", "about", "nearly", "range"] | None
Direction = Literal["up", "down", "flat"] | None


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str  # exact original substring text[start:end] (page-break newlines included)
    section_id: int
    clean: str = ""  # the sentence on one line: page-break joins removed, original script


@dataclass(frozen=True)
class Section:
    """An article or part of a release: a heading (may be empty) and its sentences."""

    id: int
    start: int
    end: int
    heading: str
    entity: str | None = None  # e.g. 市市场监管局 or 经开区 when the release names it
    sentences: tuple[Sentence, ...] = ()


@dataclass(frozen=True)
class Change:
    value: Decimal
    unit: str  # "%" or "pp" (percentage points) or a plain unit for absolute changes
    direction: Direction
    basis: str | None = None  # 同比 / 环比 / 较去年同期 ...


@dataclass(frozen=True)
class Rank:
    position: int | None  # 1 for 第一; None for a tier like 第一方阵 without a position
    scope: str | None  # 全省 / 全国 / 16个国家级功能区 ...
    scope_en: str | None = None
    tier: bool = False  # True for 第一方阵-style standings


@dataclass(frozen=True)
class Mention:
    """One numeric mention in the source, parsed exactly."""

    text: str  # exact source substring
    start: int
    end: int
    kind: Kind
    value: Decimal | None  # scale applied: 12.62亿 -> Decimal("1262000000")
    unit: str | None  # normalized unit: 件, 元, %, 吨, 亩, 家, 年 ... (pp for 个百分点)
    approx: Approx = None
    upper: Decimal | None = None  # upper bound for ranges (3-5年 -> value 3, upper 5)
    direction: Direction = None
    basis: str | None = None
    rank: Rank | None = None
    is_code: bool = False  # “13710”机制, “1+3”, “四个100%”: a name, not a metric
    section_id: int = 0
    sentence_index: int = 0
    # ISO 8601 form of a date or period: "2024-12-27", "--12-27" (no year), "2024", "2023-H1",
    # "2024-Q3", "T15:00". Dates other than plain years have value None.
    date_iso: str | None = None


@dataclass(frozen=True)
class Metric:
    """A mention linked to what it measures."""

    mention: Mention
    label: str  # 新增商标注册
    label_en: str | None  # from the glossary; None when untranslated
    rendered_en: str  # "RMB 1.262 billion", "more than 1,400", "1st in the province"
    period: str | None = None
    change: Change | None = None
    rank: Rank | None = None
    entity: str | None = None
    untranslated: bool = False


@dataclass(frozen=True)
class Extraction:
    text: str
    sections: tuple[Section, ...]
    mentions: tuple[Mention, ...]  # every numeric mention, codes included
    metrics: tuple[Metric, ...]  # mentions that are metrics (codes excluded)
    stats: dict = field(default_factory=dict)

    def metrics_in(self, start: int, end: int) -> tuple[Metric, ...]:
        """The metrics whose mention starts in ``start:end`` of the text (a sentence's, a chunk's)."""
        return tuple(m for m in self.metrics if start <= m.mention.start < end)
