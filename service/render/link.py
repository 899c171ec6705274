"""Link each number of a brief to the metrics-table row it comes from.

English briefs are checked with the judge (``pressbrief.eval.judge.align.check_brief``): each supported
number links to the row of the source mention it matched; the rest are parsed by the judge's English
number parser and matched to rows by value. A number that stands for no highlight but for another
number of the source gets a row of its own ("cited" rows, looked up with ``extract``); one not found in
the source stays unlinked, flagged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from pressbrief.eval.judge.align import check_brief
from pressbrief.eval.judge.english_numbers import parse_english_numbers

from .rows import MetricRow, metric_row, row_values

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


def shift_links(links: list[Link], start: int, end: int) -> list[Link]:
    """The links inside ``text[start:end]``, with offsets into that slice (a brief rendered sentence by sentence)."""
    return [Link(lk.start - start, lk.end - start, lk.text, lk.anchor) for lk in links
            if start <= lk.start and lk.end <= end]


def _en_numbers(brief: str) -> list[_Num]:
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


def _harness_checks(brief: str, text: str, lang: str):
    """The judge's verdicts on every number of ``brief``."""
    return check_brief(text, brief, lang).checks


def _row_for_span(rows: list[MetricRow], start: int, end: int) -> MetricRow | None:
    for r in rows:
        if r.start is not None and r.end is not None and r.start < end and start < r.end:
            return r
    return None


def link_en(
    brief: str, rows: list[MetricRow], text: str, anchor: str, extract: SourceNumbers | None = None
) -> list[Link]:
    """Links for every number of an English brief; may append cited rows to ``rows``.

    With the harness, a number links to the row of the source mention it was matched to (the
    harness's own verdict, so "every number is in the table" means "every number is supported");
    an unsupported number stays unlinked. Without it, numbers are matched to rows by value.
    """
    if not brief:
        return []
    checks = _harness_checks(brief, text, "en") if text else None
    if checks is None:
        return _link_by_value(brief, rows, text, anchor, extract)
    source: list[dict] | None = None
    links: list[Link] = []
    for c in checks:
        n = c.number
        row = None
        if c.supported:
            for m in c.matches:
                row = _row_for_span(rows, m.start, m.end)
                if row is not None:
                    break
            if row is None:
                if source is None:
                    source = extract(text) if extract else []
                spans = [(m.start, m.end, m) for m in c.matches] or _verbatim(n.text, text)
                for start, end, ref in spans:
                    h = next((d for d in source if d.get("start") == start and d.get("end") == end), None)
                    # the change or rank of a highlight: its row already shows it
                    row = next((r for r in rows if h is not None and r.shows(h)), None)
                    if row is None:
                        h = h or _ref_dict(ref, text, start, end)
                        row = metric_row(h, f"{anchor}-m{len(rows) + 1}", len(rows) + 1, text, cited=True)
                        rows.append(row)
                    break
        links.append(Link(n.start, n.end, n.text, row.anchor if row else None))
    return links


def _verbatim(number_text: str, text: str) -> list[tuple[int, int, None]]:
    """Digits the harness found written verbatim in the source (names, codes)."""
    digits = re.search(r"\d+(?:\.\d+)?", number_text)
    if not digits:
        return []
    pos = text.find(digits.group(0))
    return [(pos, pos + len(digits.group(0)), None)] if pos >= 0 else []


def _ref_dict(ref, text: str, start: int, end: int) -> dict:
    return {
        "text": text[start:end],
        "start": start,
        "end": end,
        "kind": getattr(ref, "kind", "other"),
        "label": getattr(ref, "label", None) or "",
        "label_en": None,
        "rendered_en": getattr(ref, "rendered_en", None) or text[start:end],
    }


def _link_by_value(
    brief: str, rows: list[MetricRow], text: str, anchor: str, extract: SourceNumbers | None
) -> list[Link]:
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
        if any(taken[m.start() : m.end()]):
            continue
        value = Decimal(m.group(1).replace(",", "")) * _ZH_SCALE.get(m.group(2) or "", 1)
        decimals = len(m.group(1).split(".")[1]) if "." in m.group(1) else 0
        num = _Num(
            m.start(), m.end(), m.group(0), (value,), Decimal(1).scaleb(-decimals) * _ZH_SCALE.get(m.group(2) or "", 1)
        )
        row = _best_row(num, rows)
        links.append(Link(m.start(), m.end(), m.group(0), row.anchor if row else None))
    return sorted(links, key=lambda link: link.start)


_ZH_NUMBER = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)(万亿|万|亿|千)?(?:%|％|个百分点)?")
_ZH_SCALE = {"千": Decimal(1000), "万": Decimal(10) ** 4, "亿": Decimal(10) ** 8, "万亿": Decimal(10) ** 12}
