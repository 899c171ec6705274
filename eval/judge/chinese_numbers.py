"""Numbers in Chinese and Traditional-Chinese briefs, read by the numeric core's ``parse_mentions``.

The core does the parsing; this module only turns each ``Mention`` into the harness's
``BriefNumber`` (canonical unit and basis, written precision, date parts, clock times).
"""

from __future__ import annotations

import re
from decimal import Decimal

from pressbrief.service.numeric import parse_mentions
from pressbrief.service.numeric.types import Mention

from .source_index import (
    canonical_basis,
    canonical_scope,
    fraction_share,
    scan_dates,
    sig_digits,
    small_cn_int,
    written_quantum,
)
from .types import BriefNumber, DateParts
from .units import zh_unit

_TIME_ONLY_RE = re.compile(
    r"^(?:上午|下午|晚上|凌晨|中午)?(?P<h>2[0-4]|[01]?\d|二十[一二三四]?|十[一二三四五六七八九]?|[零一二三四五六七八九])"
    r"(?:时|時|点|點)(?:(?P<mi>[0-5]?\d|[一二三四五]?十[一二三四五六七八九]?|[一二三四五六七八九])分|(?P<half>半))?$"
)
_SCALE_CHARS = ("万亿", "亿", "万", "萬", "億", "千万", "百万")


def _time_value(text: str) -> Decimal | None:
    m = _TIME_ONLY_RE.match(text.strip())
    if not m:
        return None
    h = small_cn_int(m["h"])
    if h is None:
        return None
    mi = 30 if m["half"] else (small_cn_int(m["mi"]) if m["mi"] else 0) or 0
    if text.startswith(("下午", "晚上")) and h < 12:
        h += 12
    return Decimal(h * 100 + mi)


def mention_to_number(m: Mention, lang: str) -> BriefNumber:
    """The harness's view of one mention the core found in a Chinese brief."""
    unit = zh_unit(m.unit)
    kind = m.kind
    value = m.value
    share = fraction_share(m)
    if share is not None:
        value, unit = share, "fraction"
    date = None
    if kind in ("date", "period") or m.unit == "date":
        tv = _time_value(m.text)
        if tv is not None:
            kind, value, unit = "time", tv, "time"
        else:
            found = scan_dates(m.text, lambda _pos: 0)
            if found:
                date = found[0].parts
            elif value is not None and value == value.to_integral_value() and 1800 <= value <= 2100:
                date = DateParts(int(value), None, None)
            unit = "date" if date is not None else unit
            if date is not None:
                kind = "date" if kind != "period" else "period"
    rank = m.rank
    scale_word = next((s for s in _SCALE_CHARS if s in m.text), None)
    return BriefNumber(
        text=m.text, start=m.start, end=m.end, lang=lang, kind=kind, value=value, unit=unit, approx=m.approx,
        upper=m.upper, direction=m.direction if m.direction in ("up", "down") else None,
        basis=canonical_basis(m.basis), rank_position=rank.position if rank else None,
        rank_scope=canonical_scope(rank.scope) if rank else None, rank_tier=bool(rank.tier) if rank else False,
        date=date, sig=sig_digits(value) if value is not None else "",
        quantum=written_quantum(m.text, value) if value is not None and kind not in ("date", "time") else None,
        scale_word=scale_word, ordinal=m.text.startswith("第") and kind != "rank", is_code=m.is_code, mention=m,
    )


def parse_chinese_numbers(text: str, lang: str = "zh") -> list[BriefNumber]:
    """Every number in a Chinese (or Traditional-Chinese) brief, via the core's ``parse_mentions``."""

    markers = {m.start(1) for m in _LIST_MARKER_ZH.finditer(text)}
    return [mention_to_number(m, lang) for m in parse_mentions(text) if m.start not in markers]


# "1. " / "2、" / "3）" opening a line numbers a list item; it is no claim about the source.
_LIST_MARKER_ZH = re.compile(r"(?m)^[ \t]*(\d{1,2})(?:[.)．、）](?!\d))")
