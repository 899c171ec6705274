"""Deterministic English for mentions and metrics.

The forms are regular on purpose (the evaluation harness parses them back): numbers are
written with thousands separators or with million/billion/trillion when that is exact,
money as "RMB 1.262 billion" (style "rmb") or "1.262 billion yuan" (style "yuan").
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, localcontext

from .glossary import glossary_lookup
from .types import Mention, Metric, Rank
from .units import MEASURE, MONEY, SINGULAR, TIME

STYLES = ("rmb", "yuan")
_SCALES = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million"))
_APPROX = {"more_than": "more than", "at_least": "at least", "less_than": "less than",
           "at_most": "at most", "about": "about", "nearly": "nearly"}
_BASIS = {"同比": "year on year", "环比": "month on month"}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_SCOPE = {"全省": "the province", "全国": "the country", "全市": "the city", "全区": "the district",
          "全县": "the county", "全州": "the prefecture", "全球": "the world", "全网": "the network"}
_QUARTER_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth"}


def plain(d: Decimal) -> str:
    """Digits with thousands separators, no exponent, no trailing zeros: 10430 -> 10,430."""
    sign = "-" if d < 0 else ""
    text = format(abs(d), "f")
    intpart, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    grouped = f"{int(intpart):,}"
    return sign + grouped + (f".{frac}" if frac else "")


def number_en(d: Decimal, scaled: bool = True) -> str:
    """10430 -> 10,430; 1262000000 -> 1.262 billion (only when exact in at most 3 decimals)."""
    if scaled:
        with localcontext() as ctx:
            ctx.prec = 120  # exact shifts even for very long values
            for size, word in _SCALES:
                if abs(d) >= size:
                    q = d.scaleb(-(len(str(size)) - 1))
                    if q == q.quantize(Decimal("0.001")) or size == _SCALES[0][0]:
                        return f"{plain(q)} {word}"
    return plain(d)


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def scope_en(scope: str | None, province: str | None = None) -> str | None:
    """English for a rank scope; 全省 names the province when it is known."""
    if not scope:
        return None
    if scope == "全省" and province:
        return province
    if scope in _SCOPE:
        return _SCOPE[scope]
    if scope.startswith("全省") and province:
        rest = glossary_lookup(scope[2:])
        if rest:
            return f"{rest} in {province}"

    hit = glossary_lookup(scope)
    if hit:
        return hit
    # "16个国家级功能区" -> "16 national-level functional zones"
    import re

    m = re.fullmatch(r"(\d+)个?(.+)", scope)
    if m:
        noun = glossary_lookup(m.group(2))
        if noun:
            return f"{m.group(1)} {noun}"
    if scope.startswith("全") and scope[:2] in _SCOPE:
        noun = glossary_lookup(scope[2:])
        if noun:
            return f"{noun} in {_SCOPE[scope[:2]]}"
    return None


def _rank_en(rank: Rank, scope_text: str | None) -> str:
    where = ""
    if scope_text:
        # 全省/全国 read "in the province"; a scope naming a group (16个国家级功能区, 全省功能区) reads "among"
        among = rank.scope not in _SCOPE
        where = (" among " if among else " in ") + scope_text
    elif rank.scope:
        where = f" in {rank.scope}"
    if rank.tier and rank.position is not None and rank.scope is not None and rank.position <= 4:
        pass
    if rank.tier:
        if rank.position is None:
            return f"top tier{where}"
        # 第一方阵 is the first tier; 前三 is the top three
        if rank.position == 1:
            return f"first tier{where}"
        return f"top {rank.position}{where}"
    if rank.position is None:
        return f"ranked{where}"
    return f"{ordinal(rank.position)}{where}"


def _approx_prefix(m: Mention) -> str:
    if m.approx in _APPROX:
        if m.approx == "at_most" and m.kind == "period" and m.text.endswith("内"):
            return "within "
        return _APPROX[m.approx] + " "
    return ""


def _money(value: Decimal, unit: str, style: str) -> str:
    code, name = MONEY.get(unit, ("RMB", "yuan"))
    num = number_en(value)
    if style == "yuan":
        return f"{num} {name}"
    return f"{code} {num}"


def _measure(value: Decimal, unit: str) -> str:
    base, _, per = unit.partition("/")
    if unit in MEASURE:
        base, per = unit, ""
    if base == "亩":
        ha = (value / Decimal(15)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        text = f"{number_en(value)} mu (about {plain(ha)} ha)"
    else:
        word = MEASURE.get(base, base)
        if value == 1:
            word = SINGULAR.get(word, word)
        text = f"{number_en(value)} {word}"
    if per:
        text += " per " + {"日": "day", "年": "year", "小时": "hour"}.get(per, per)
    return text


def _time(value: Decimal, unit: str, consecutive: bool) -> str:
    word = TIME.get(unit, "years" if unit == "年度" else unit)
    if value == 1:
        word = SINGULAR.get(word, word)
    if consecutive:
        return f"{plain(value)} consecutive {word}"
    return f"{plain(value)} {word}"


def _date(m: Mention) -> str:
    iso = m.date_iso or ""
    if "/" in iso:
        a, _, b = iso.partition("/")
        if a == "Q1" and b.startswith("Q"):
            return f"the first {_words(int(b[1:]))} quarters"
        if a.startswith("--") and b.startswith("--"):
            return f"{_MONTHS[int(a[2:4]) - 1]} to {_MONTHS[int(b[2:4]) - 1]}"
        if len(a) == 7 and a[4] == "-" and a[:4] == b[:4] and len(b) == 7 and "Q" not in a + b:
            return f"{_MONTHS[int(a[5:7]) - 1]} to {_MONTHS[int(b[5:7]) - 1]} {a[:4]}"
        if a.endswith("-Q1") and b.startswith(a[:4] + "-Q"):
            return f"the first {_words(int(b[-1]))} quarters of {a[:4]}"
        return f"{_one_date(a, m)} to {_one_date(b, m)}"
    return _one_date(iso, m)


def _words(n: int) -> str:
    return {2: "two", 3: "three", 4: "four"}.get(n, str(n))


def _one_date(iso: str, m: Mention) -> str:
    time = ""
    if "T" in iso:
        iso, _, t = iso.partition("T")
        time = t
    if iso.startswith("---"):
        out = f"the {ordinal(int(iso[3:5]))}"
    elif iso.startswith("--"):
        mo, _, d = iso[2:].partition("-")
        out = f"{_MONTHS[int(mo) - 1]} {int(d)}" if d else _MONTHS[int(mo) - 1]
    elif iso.startswith("Q"):
        out = f"Q{iso[1:]}"
    elif iso.startswith("FY"):
        out = f"fiscal {iso[2:]}"
    elif iso.endswith("s") and iso[:4].isdigit():
        out = f"the {iso}"
    elif iso[:4].isdigit() and len(iso) >= 4:
        y = iso[:4]
        rest = iso[5:]
        if not rest:
            if m.text.endswith(("年底", "年末")):
                out = f"the end of {y}"
            elif m.text.endswith("年初"):
                out = f"the start of {y}"
            else:
                out = y
        elif rest == "H1":
            out = f"the first half of {y}"
        elif rest == "H2":
            out = f"the second half of {y}"
        elif rest.startswith("Q") and "/" not in rest:
            out = f"Q{rest[1:]} {y}"
        else:
            mo, _, d = rest.partition("-")
            out = f"{_MONTHS[int(mo) - 1]} {int(d)}, {y}" if d else f"{_MONTHS[int(mo) - 1]} {y}"
    else:
        out = iso
    return f"{out} {time}".strip() if time else out


def render_mention(m: Mention, style: str = "rmb", rank: Rank | None = None) -> str:
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}; use one of {', '.join(STYLES)}")
    if m.is_code:
        return f"“{m.text}”"
    rank = rank or m.rank
    if m.kind == "rank" and rank is not None:
        return _rank_en(rank, rank.scope_en or scope_en(rank.scope))
    if m.unit == "世纪" and m.value is not None:
        return f"the {ordinal(int(m.value))} century"
    if m.kind in ("date",) or (m.kind == "period" and m.date_iso):
        return _date(m)
    if m.value is None:
        return " x ".join(part.strip() for part in re.split(r"[x×*X]", m.text)) if m.unit else m.text
    value = m.value
    unit = m.unit or ""
    if m.kind == "change":
        word = {"up": "up", "down": "down"}.get(m.direction or "", "changed")
        amount = _percent(value, unit)
        basis = _basis(m.basis)
        return f"{word} {amount}" + (f" {basis}" if basis else "")
    if m.kind == "percent":
        return _approx_prefix(m) + _percent(value, unit)
    vague = vague_word(m)
    if vague:
        return _vague_en(m, vague)
    if m.upper is not None and m.approx == "range":
        low = _bare(value, unit, style, m)
        return f"{_strip_unit(low)} to {_bare(m.upper, unit, style, m)}"
    text = _approx_prefix(m) + _bare(value, unit, style, m)
    if m.direction in ("up", "down"):
        text = f"{m.direction} {text}" + (f" {_basis(m.basis)}" if _basis(m.basis) else "")
    return text


# Chinese words for a magnitude, not a value (数亿美元 is "hundreds of millions of US dollars", never "USD
# 200 million to USD 999,999,999"); "more than" for the 上/过/破 words, which do state a floor.
_VAGUE_EN = {"十几": "more than ten", "十多": "more than ten", "几十": "dozens of", "数十": "dozens of",
             "上百": "more than a hundred", "数百": "hundreds of", "几百": "hundreds of",
             "上千": "more than a thousand", "数千": "thousands of", "几千": "thousands of",
             "上万": "more than ten thousand", "过万": "more than ten thousand", "破万": "more than ten thousand",
             "数万": "tens of thousands of", "几万": "tens of thousands of", "十几万": "more than a hundred thousand",
             "数十万": "hundreds of thousands of", "几十万": "hundreds of thousands of",
             "上百万": "more than a million", "数百万": "millions of", "上千万": "more than ten million",
             "数千万": "tens of millions of", "上亿": "more than a hundred million",
             "过亿": "more than a hundred million", "破亿": "more than a hundred million",
             "数亿": "hundreds of millions of", "几亿": "hundreds of millions of"}
_VAGUE_KEYS = sorted(_VAGUE_EN, key=len, reverse=True)
_PEOPLE = ("人", "名", "人次", "位")


def vague_word(m: Mention) -> str | None:
    """The magnitude word of a mention with no value of its own (数亿, 几十), None for a figure."""
    if m.approx != "range" or m.upper is None:
        return None
    return next((w for w in _VAGUE_KEYS if w in m.text), None)


def _vague_en(m: Mention, word: str) -> str:
    phrase = _VAGUE_EN[word]
    base = (m.unit or "").split("/")[0]
    noun = MONEY[base][1] if base in MONEY else "people" if base in _PEOPLE else None
    if noun is None:
        return phrase.removesuffix(" of")
    return f"{phrase} {noun}"


def _strip_unit(s: str) -> str:
    return s.split(" ")[0] if s.split(" ")[0][:1].isdigit() else s


def _basis(basis: str | None) -> str | None:
    if not basis:
        return None
    if basis in _BASIS:
        return _BASIS[basis]
    if "同期" in basis or "去年" in basis or "上年" in basis:
        return "year on year"
    if "上月" in basis:
        return "month on month"
    if "年初" in basis:
        return "from the start of the year"
    if "上季度" in basis:
        return "quarter on quarter"
    return None


def _percent(value: Decimal, unit: str) -> str:
    if unit == "bp":
        return f"{plain(value)} basis {'point' if value == 1 else 'points'}"
    if unit == "pp":
        word = "percentage point" if value == 1 else "percentage points"
        return f"{plain(value)} {word}"
    if unit == "‰":
        return f"{plain(value)} per mille"
    if unit == "倍":
        return f"{plain(value)} times"
    return f"{plain(value)}%"


def _bare(value: Decimal, unit: str, style: str, m: Mention) -> str:
    if unit.startswith("/") and unit[1:].isdigit():
        return f"{plain(value)}/{unit[1:]}"  # 三分之一 -> 1/3
    if unit in ("岁", "周岁"):
        return f"{plain(value)} years old"
    if unit == "bp":
        return _percent(value, unit)
    if unit == "度":
        if re.search(r"[万亿]", m.text) or "电" in m.text:
            return f"{number_en(value)} kWh"
        return f"{plain(value)} degrees"
    base = unit.split("/")[0]
    if base in MONEY:
        return _money(value, base, style)
    if unit in MEASURE or base in MEASURE:
        return _measure(value, unit)
    if m.kind == "period" and (base in TIME or base == "年度"):
        return _time(value, base, m.text.startswith("连续"))
    if base == "倍":
        return f"{plain(value)} times"
    if "/" in unit and m.kind == "ratio":
        per = unit.split("/", 1)[1]
        return f"{number_en(value)} per {_per_en(per)}"
    if m.kind == "other" and m.text.startswith("第"):
        return ordinal(int(value)) if value == value.to_integral_value() else plain(value)
    return number_en(value)


def _per_en(per: str) -> str:
    scale = {"十万": "100,000", "百万": "1 million", "万": "10,000", "千": "1,000", "百": "100", "十": "10"}
    noun = {"人": "people", "户": "households", "平方公里": "square km", "家": "firms", "名": "people"}
    for s, word in scale.items():
        if per.startswith(s):
            return f"{word} {noun.get(per[len(s):], per[len(s):])}"
    return noun.get(per, per)


def render_en(metric_or_mention: Metric | Mention, style: str = "rmb") -> str:
    """English rendering: 12.62亿元 -> "RMB 1.262 billion", 居全省第一位 -> "1st in the province"."""
    if isinstance(metric_or_mention, Metric):
        m = metric_or_mention.mention
        return render_mention(m, style, metric_or_mention.rank if m.kind == "rank" else None)
    return render_mention(metric_or_mention, style)
