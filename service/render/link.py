"""Link each number of a brief to the metrics-table row it comes from.

English numbers are found with the faithfulness harness's parser
(``pressbrief.eval.english_numbers.parse_english_numbers``) when it is installed, else with the
small parser in ``numbers_en``. A number that stands for no highlight but for another number of
the source gets a row of its own ("cited" rows, looked up with ``extract``); one that matches
nothing in the source stays unlinked and is flagged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from .numbers_en import find_numbers

if TYPE_CHECKING:
    from .view import MetricRow

SourceNumbers = Callable[[str], list[dict]]  # source text -> metric-shaped dicts of all its numbers


@dataclass(frozen=True)
class Link:
    start: int
    end: int
    text: str
    anchor: str | None  # the table row's anchor; None: not found in the source


@dataclass(frozen=True)
class _Num:
    start: int
    end: int
    text: str
    values: tuple[Decimal, ...]
    quantum: Decimal


def _en_numbers(brief: str) -> list[_Num]:
    try:
        from pressbrief.eval.english_numbers import parse_english_numbers
    except ImportError:
        parse_english_numbers = None
    if parse_english_numbers is None:
        return [_Num(n.start, n.end, n.text, (n.value,), n.quantum) for n in find_numbers(brief)]
    out = []
    for n in parse_english_numbers(brief):
        values: list[Decimal] = []
        for v in (n.value, n.upper, n.rank_position):
            if v is not None:
                values.append(Decimal(v))
        if n.date is not None:
            values += [Decimal(p) for p in (n.date.year, n.date.month, n.date.day) if p is not None]
        if not values:
            continue
        out.append(_Num(n.start, n.end, n.text, tuple(dict.fromkeys(values)), n.quantum or Decimal(0)))
    return out


def _row_matches(num: _Num, values: tuple[Decimal, ...]) -> bool:
    half = num.quantum / 2
    return any(abs(a - b) <= half for a in num.values for b in values)


def _best_row(num: _Num, rows: list[MetricRow]) -> MetricRow | None:
    hits = [r for r in rows if _row_matches(num, r.values)]
    if not hits:
        return None
    key = re.sub(r"\s+", " ", num.text.strip())
    for r in hits:  # prefer the row whose English rendering is written the same way
        if key and key in r.value_en:
            return r
    return hits[0]


def link_en(
    brief: str, rows: list[MetricRow], text: str, anchor: str, extract: SourceNumbers | None = None
) -> list[Link]:
    """Links for every number of an English brief; may append cited rows to ``rows``."""
    from .view import metric_row, row_values

    links: list[Link] = []
    source: list[dict] | None = None
    for num in _en_numbers(brief):
        row = _best_row(num, rows)
        if row is None and extract is not None and text:
            if source is None:
                source = extract(text)
            for h in source:
                if _row_matches(num, row_values(h)):
                    row = metric_row(h, f"{anchor}-m{len(rows) + 1}", len(rows) + 1, text, cited=True)
                    rows.append(row)
                    break
        links.append(Link(num.start, num.end, num.text, row.anchor if row else None))
    return links


def link_zh(brief: str, rows: list[MetricRow]) -> list[Link]:
    """Links for numbers of a Chinese brief written exactly as in the source (longest first)."""
    if not brief:
        return []
    taken = bytearray(len(brief))
    links = []
    for row in sorted(rows, key=lambda r: -len(r.value_zh)):
        key = row.value_zh
        if not key or not re.search(r"\d|[一二三四五六七八九十百千万亿两]", key):
            continue
        pos = brief.find(key)
        while pos >= 0:
            if not any(taken[pos : pos + len(key)]):
                taken[pos : pos + len(key)] = b"\x01" * len(key)
                links.append(Link(pos, pos + len(key), key, row.anchor))
            pos = brief.find(key, pos + len(key))
    for m in _ZH_NUMBER.finditer(brief):  # other numbers (changes, ranks): by value
        if any(taken[m.start():m.end()]):
            continue
        value = Decimal(m.group(1).replace(",", "")) * _ZH_SCALE.get(m.group(2) or "", 1)
        decimals = len(m.group(1).split(".")[1]) if "." in m.group(1) else 0
        num = _Num(m.start(), m.end(), m.group(0), (value,), Decimal(1).scaleb(-decimals) * _ZH_SCALE.get(
            m.group(2) or "", 1))
        row = _best_row(num, rows)
        links.append(Link(m.start(), m.end(), m.group(0), row.anchor if row else None))
    return sorted(links, key=lambda link: link.start)


_ZH_NUMBER = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)(万亿|万|亿|千)?(?:%|％|个百分点)?")
_ZH_SCALE = {"千": Decimal(1000), "万": Decimal(10) ** 4, "亿": Decimal(10) ** 8, "万亿": Decimal(10) ** 12}
