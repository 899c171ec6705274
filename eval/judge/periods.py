"""A figure's period against its source: "the first half of the year" is not 1-7月.

The core keeps a figure's period, but a writer can still put the figure in another one (a January-July
total written as the first half's). Both sides are read as spans of months of one year: 上半年 and "first
half" are months 1-6, 前三季度 and "the first three quarters" 1-9, 1-7月 and "January to July" 1-7. A
sentence names a period its source does not when the source names periods of its own and none of them is
that one; a source that names none is not judged (the period may be said in a sentence before).
"""

from __future__ import annotations

import re

Months = tuple[int, int]

_ZH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
              "十一": 11, "十二": 12}
_QUARTERS = {1: (1, 3), 2: (4, 6), 3: (7, 9), 4: (10, 12)}
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
_EN_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
               "eleven": 11}

_ZH_SO_FAR = re.compile(r"前([一二两三四五六七八九十]{1,2}|\d{1,2})个?月")
_ZH_QUARTERS_SO_FAR = re.compile(r"前([二两三])(?:个)?季度")
_ZH_QUARTER = re.compile(r"(?:第)?([一二三四])季度")
_ZH_RANGE = re.compile(r"(?<!\d)(\d{1,2})\s*[-－—–~～至到]\s*(\d{1,2})\s*月")
_MONTH_NAME = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|" \
              r"apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
_EN_RANGE = re.compile(rf"(?i)\b(?:from\s+|between\s+)?{_MONTH_NAME}\s*(?:to|through|till|until|-|–|—|and)\s*"
                       rf"{_MONTH_NAME}\b")
_EN_SO_FAR = re.compile(r"(?i)\bfirst\s+(two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2})\s+months\b")
_EN_QUARTERS_SO_FAR = re.compile(r"(?i)\bfirst\s+(two|three)\s+quarters\b")
_EN_QUARTER = re.compile(r"(?i)\b(first|second|third|fourth)\s+quarter\b|\bQ([1-4])\b|\b([1-4])Q\b")
_EN_HALF = re.compile(r"(?i)\b(first|second)\s+half\b|\bH([12])\b")


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(i + 1 for i, full in enumerate(_MONTHS) if full.startswith(name[:3]))


def _zh_number(text: str) -> int:
    return int(text) if text.isdigit() else _ZH_DIGITS[text]


def chinese_periods(text: str) -> set[Months]:
    """The spans of months a Chinese text names (上半年 -> (1, 6), 前三季度 -> (1, 9), 1-7月 -> (1, 7))."""
    out: set[Months] = set()
    for m in _ZH_QUARTERS_SO_FAR.finditer(text):
        out.add((1, 3 * _zh_number(m.group(1))))
    rest = _ZH_QUARTERS_SO_FAR.sub("", text)
    for m in _ZH_QUARTER.finditer(rest):
        out.add(_QUARTERS[_zh_number(m.group(1))])
    if "上半年" in text:
        out.add((1, 6))
    if "下半年" in text:
        out.add((7, 12))
    for m in _ZH_SO_FAR.finditer(text):
        out.add((1, _zh_number(m.group(1))))
    for m in _ZH_RANGE.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        if 1 <= a < b <= 12:
            out.add((a, b))
    return out


def english_periods(text: str) -> set[Months]:
    """The spans of months an English text names ("the first half" -> (1, 6), "January to July" -> (1, 7))."""
    out: set[Months] = set()
    for m in _EN_QUARTERS_SO_FAR.finditer(text):
        out.add((1, 3 * _EN_NUMBERS[m.group(1).lower()]))
    rest = _EN_QUARTERS_SO_FAR.sub("", text)
    for m in _EN_QUARTER.finditer(rest):
        if m.group(1):
            out.add(_QUARTERS[["first", "second", "third", "fourth"].index(m.group(1).lower()) + 1])
        else:
            out.add(_QUARTERS[int(m.group(2) or m.group(3))])
    for m in _EN_HALF.finditer(text):
        first = (m.group(1) or "").lower() == "first" or m.group(2) == "1"
        out.add((1, 6) if first else (7, 12))
    for m in _EN_SO_FAR.finditer(text):
        n = m.group(1).lower()
        out.add((1, int(n) if n.isdigit() else _EN_NUMBERS[n]))
    for m in _EN_RANGE.finditer(text):
        a, b = _month(m.group(1)), _month(m.group(2))
        if a < b:
            out.add((a, b))
    return out


def _say(months: Months) -> str:
    a, b = months
    return f"{_MONTHS[a - 1].capitalize()}-{_MONTHS[b - 1].capitalize()}"


def period_phrase(source: str) -> str | None:
    """The one span of months ``source`` names, in English ("January-September" for 前三季度), or None."""
    said = chinese_periods(source)
    return _say(next(iter(said))) if len(said) == 1 else None


def period_mismatch(source: str, sentence: str) -> str | None:
    """Why ``sentence`` puts its figures in a period its ``source`` does not name, or None."""
    said, written = chinese_periods(source), english_periods(sentence)
    if not said:
        return None
    wrong = sorted(written - said)
    if not wrong:
        return None
    return f"the period {_say(wrong[0])} is not the source's ({', '.join(_say(p) for p in sorted(said))})"


# An average over years (两年平均增长5.2%, 年均增长8%): the figure is a yearly average, not the growth of the
# whole span ("grew by 5.2% over the past two years" was read as a wrong figure).
_ZH_AVERAGE = re.compile(r"(?:[两二三四五六七八九十\d]+年)?(?:平均|年均)(?:增长|增速|增幅|下降|降幅|涨幅|上涨)?"
                         r"(?:为|达|达到|约)?\s*(-?\d+(?:\.\d+)?)\s*[%％]")
_EN_AVERAGE = re.compile(r"(?i)\baverag\w*|\bannual(?:ly|ized)?\b|\b(?:a|per|each)\s+year\b|\byearly\b|\bCAGR\b")


def average_mismatch(source: str, sentence: str) -> str | None:
    """Why ``sentence`` states a figure its source gives as a yearly average (两年平均增长5.2%) without saying
    it is one, or None."""
    if _EN_AVERAGE.search(sentence):
        return None
    for m in _ZH_AVERAGE.finditer(source):
        if re.search(rf"(?<![\d.]){re.escape(m.group(1))}\s*(?:%|percent|per cent)", sentence):
            return f"{m.group(1)}% is a yearly average in the source ({m.group(0)}), not said as one"
    return None


def time_mismatch(source: str, sentence: str) -> str | None:
    """Why ``sentence`` puts its figures in another time than its source: another period, a period of another
    year, a yearly average said as growth over the span, or a relative time turned round; None when none of them."""
    return period_mismatch(source, sentence) or year_period_mismatch(source, sentence) or \
        deadline_mismatch(source, sentence) or average_mismatch(source, sentence) or \
        relative_time_mismatch(source, sentence) or relative_year_mismatch(source, sentence) or \
        basis_period_mismatch(source, sentence) or span_mismatch(source, sentence) or \
        fiscal_year_mismatch(source, sentence) or from_last_year_mismatch(source, sentence) or \
        weekday_mismatch(source, sentence) or period_lost(source, sentence)


# A change from last year's figure (从去年的3000亩扩展到30000亩) with "last year" put after both figures ("from
# 3,000 mu to 30,000 mu last year": the new figure read as last year's, AFTER12-AFTER17, L0046)
ZH_FROM_LAST_YEAR = re.compile(r"从(去年|上年|前年)(?:的|底的|同期的)?[^，,。；;到至]{0,10}?\d")
_EN_TO_LAST_YEAR = re.compile(r"(?i)\bfrom\s+[^;]{0,30}?\d[^;]{0,30}?\bto\s+[^;]{0,30}?\d[\d,.]*\s*"
                              r"(?:[A-Za-z%]+\s+){0,3}?(?:in\s+)?(?:last|the\s+previous|the\s+past)\s+year\b")


def from_last_year_mismatch(source: str, sentence: str) -> str | None:
    """Why ``sentence`` dates a change's new figure to last year where its source dates only the old one, or None."""
    if ZH_FROM_LAST_YEAR.search(source) and _EN_TO_LAST_YEAR.search(sentence):
        return "'last year' put after the new figure; the source dates only the old one (从去年的…)"
    return None


# A cumulative period (前三季度, 1-7月, 上半年) lost: "The NBS reported GDP of RMB 82.3131 trillion." for
# 前三季度国内生产总值823131亿元, right after a sentence on the third quarter alone (sina-r1, AFTER18)
_EN_ANY_TIME = re.compile(r"(?i)\b(?:year|years|quarters?|months?|half|Q[1-4]|H[12]|january|february|march|april|"
                          r"may|june|july|august|september|october|november|december|annual\w*|since|so\s+far|"
                          r"to\s+date|ytd|cumulative\w*|during|period|20\d\d|19\d\d)\b")


def period_lost(source: str, sentence: str) -> str | None:
    """Why ``sentence`` gives figures of a span of months its source names (前三季度) with no time at all, or None."""
    said = chinese_periods(source)
    if not said or _EN_ANY_TIME.search(sentence) or not re.search(r"\d", sentence):
        return None
    return f"the source's period ({', '.join(_say(p) for p in sorted(said))}) is left out"


# A weekday the source never writes ("on Friday" for 22日: the 22nd was a Wednesday, L0364, AFTER18)
_EN_WEEKDAY = re.compile(r"(?i)\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
_ZH_WEEKDAY = re.compile(r"(?:星期|周|礼拜)[一二三四五六日天末]")


def weekday_mismatch(source: str, sentence: str) -> str | None:
    """Why ``sentence`` names a weekday its source does not write, or None."""
    day = _EN_WEEKDAY.search(sentence)
    if day and not _ZH_WEEKDAY.search(source):
        return f"'{day.group(0)}': the source names no weekday"
    return None


# A company's fiscal year said as the calendar year (阿里巴巴2025财年第一财季 is April-June 2024: "the first quarter
# of 2025" puts the figure nine months late); "fiscal 2025", "fiscal year 2025", "FY2025" keep it
_ZH_FISCAL_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})财年")
_EN_FISCAL = re.compile(r"(?i)\b(?:fiscal|financial)(?:\s+year)?\s*(?:of\s+)?$|\bFY\s*$")


def fiscal_year_mismatch(source: str, sentence: str) -> str | None:
    """Why ``sentence`` gives a year the source writes as a fiscal year (财年) as a calendar year, or None."""
    fiscal = set(_ZH_FISCAL_YEAR.findall(source))
    for m in re.finditer(r"(?<![\d.])((?:19|20)\d{2})(?![\d.])", sentence):
        if m.group(1) in fiscal and not re.search(rf"{m.group(1)}年", source.replace(f"{m.group(1)}财年", "")) \
                and not _EN_FISCAL.search(sentence[max(0, m.start() - 20):m.start()]):
            return f"{m.group(1)} is a fiscal year in the source ({m.group(1)}财年), said as the calendar year"
    return None


# How long a figure took, said as another span (AFTER16: 拼多多过去12个月的活跃买家达7.88亿 written "within a few
# years, Pinduoduo has attracted 788 million …"): a span of months or one year against "a few years", and back
_ZH_MONTHS_SPAN = re.compile(r"(?:过去|近|最近)(?:的)?(?:[一二两三四五六七八九十]{1,3}|\d{1,2})个月"
                             r"|(?:过去|近|最近)(?:一|1)年")
_ZH_YEARS_SPAN = re.compile(r"近年|近几年|近些年|几年|多年|数年|这些年|[两二三四五六七八九十\d]+年(?:来|间|中|里)")
_EN_YEARS_SPAN = re.compile(r"(?i)\b(?:(?:a|the\s+(?:past|last))\s+few|several|recent|many)\s+years\b|"
                            r"\bover\s+the\s+years\b")
_EN_MONTHS_SPAN = re.compile(r"(?i)\b(?:past|last|previous)\s+(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|"
                             r"ten|eleven|twelve|eighteen|twenty-four)\s+months\b|\b(?:past|last|previous)\s+year\b")


def span_mismatch(source: str, sentence: str) -> str | None:
    """Why ``sentence`` gives its figure another span of time than its source (months or a year against "a few
    years"), or None."""
    years = _EN_YEARS_SPAN.search(sentence)
    if years and _ZH_MONTHS_SPAN.search(source) and not _ZH_YEARS_SPAN.search(source):
        return f"'{years.group(0)}' where the source says {_ZH_MONTHS_SPAN.search(source).group(0)}"
    if years:
        # both spans in the source, each in its own sentence: the figures are the months' sentence's when the
        # years' has none (黄峥在短短几年内让公司实现上市 … 在过去的12个月中…7.88亿购物者)
        parts = [p for p in re.split(r"(?<=[。！？；])", source) if p.strip()]
        dated = [p for p in parts if _ZH_MONTHS_SPAN.search(p) and not _ZH_YEARS_SPAN.search(p)]
        vague = [p for p in parts if _ZH_YEARS_SPAN.search(p)]
        said = next((s for s in re.split(r"(?<=[.;!?])\s+", sentence) if _EN_YEARS_SPAN.search(s)), "")
        if dated and vague and all(not re.search(r"\d", _ZH_YEARS_SPAN.sub("", p)) for p in vague) \
                and re.search(r"\d", _EN_YEARS_SPAN.sub("", said)):
            return f"'{years.group(0)}' put on a figure of {_ZH_MONTHS_SPAN.search(dated[0]).group(0)}"
    months = _EN_MONTHS_SPAN.search(sentence)
    if months and _ZH_YEARS_SPAN.search(source) and not _ZH_MONTHS_SPAN.search(source) \
            and not re.search(r"去年|上年|(?<!\d)\d{4}年", source):
        return f"'{months.group(0)}' where the source says {_ZH_YEARS_SPAN.search(source).group(0)}"
    return None


# A year the source writes out said as "this year" / "next year" (AFTER10: 在2021年之前撤出, reported in November
# 2019, written "before the end of this year"): which year "this" is, the brief cannot know; the source's is said
_ZH_RELATIVE_YEAR = re.compile(r"今年|本年|当年|明年|来年|去年|上年|前年|同年|年内|全年|年底|年末|年初|近年|每年|"
                               r"多年|连续")
_EN_RELATIVE_YEAR = re.compile(r"(?i)\b(?:this|next|last|the previous|the coming|the following) year\b|"
                               # "by year end" (AFTER11's rewording of the same 2021年之前): this year's end
                               r"\b(?:by|before|until|at)\s+(?:the\s+)?(?:year[- ]end|end\s+of\s+the\s+year)\b")


def relative_year_mismatch(source: str, sentence: str) -> str | None:
    """Why ``sentence`` says "this/next/last year" where its source names the year itself and no relative year,
    or None."""
    said = _EN_RELATIVE_YEAR.search(sentence)
    if said is None or _ZH_RELATIVE_YEAR.search(source) or _BASIS_WORDS.search(source):
        return None
    years = re.findall(r"(?<!\d)(\d{4})年", source)
    if not years or any(y in sentence for y in years):
        return None
    return f"'{said.group(0)}' where the source says {years[0]}"


# A deadline of a year: 2021年之前 is before 2021 begins, 2021年底前 by the end of it (AFTER9: 在2021年之前撤出
# written "withdraw by the end of 2021", a year later than the source)
_ZH_BEFORE_YEAR = re.compile(r"(\d{4})年(?:之)?前")
_ZH_BY_YEAR_END = re.compile(r"(\d{4})年(?:底|末|年底|年末)(?:之)?前")
_EN_YEAR_END = re.compile(r"(?i)\b(?:by|before|until|till)\s+(?:the\s+)?end\s+of\s+(\d{4})\b|\b(?:by|before)\s+"
                          r"(?:year-end|end-)(\d{4})\b|"
                          # "a 2021 deadline/target" (AFTER12, AFTER14 for 在2021年之前撤出): a deadline within 2021
                          r"\b(?:a|an|the|its)\s+(\d{4})\s+(?:deadline|target|goal|timeline|time\s*frame)\b|"
                          r"\b(?:deadline|target\s+date)\s+of\s+(\d{4})\b")
_EN_BEFORE_YEAR = re.compile(r"(?i)\b(?:before|prior\s+to)\s+(\d{4})\b")


def deadline_mismatch(source: str, sentence: str) -> str | None:
    """Why ``sentence`` moves a deadline of a year: the end of a year the source says is the deadline's start
    (2021年之前, "by the end of 2021"), or the start where the source says its end; None otherwise."""
    before = {m.group(1) for m in _ZH_BEFORE_YEAR.finditer(source)}
    by_end = {m.group(1) for m in _ZH_BY_YEAR_END.finditer(source)}
    for m in _EN_YEAR_END.finditer(sentence):
        year = next(g for g in m.groups() if g)
        if year in before and year not in by_end:
            return f"'{m.group(0)}' where the source says before {year} ({year}年之前)"
    for m in _EN_BEFORE_YEAR.finditer(sentence):
        if m.group(1) in by_end and m.group(1) not in before:
            return f"'{m.group(0)}' where the source says by the end of {m.group(1)}"
    return None


# A half or quarter bound to its year: 2022年~2023年上半年 is 2022 to the first half of 2023, and "the first half
# of 2022 to 2023" (the reference release's English brief) moves the half to the other year.
_ZH_YEAR_PART = re.compile(r"(\d{4})年(?:第)?(上半年|下半年|[一二三四]季度)")
_EN_YEAR_PART = re.compile(r"(?i)\b(first|second|third|fourth)\s+(half|quarter)\s+of\s+(\d{4})\b")
_ZH_PART = {"上半年": (1, 6), "下半年": (7, 12)} | {f"{zh}季度": _QUARTERS[i] for i, zh in enumerate("一二三四", 1)}
_EN_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4}
# A span of years ending in a part of its last year (2022年~2023年上半年): the part belongs to the last year
ZH_RANGE_TO_PART = re.compile(r"(\d{4})年?\s*[~～至到—–-]+\s*(\d{4})年(?:第)?(上半年|下半年|[一二三四]季度)")


def year_period_mismatch(source: str, sentence: str) -> str | None:
    """Why ``sentence`` puts a half or quarter in another year than its source does (the source binding that
    half or quarter to a year of its own), or None."""
    said: dict[Months, set[str]] = {}
    for m in _ZH_YEAR_PART.finditer(source):
        said.setdefault(_ZH_PART[m.group(2)], set()).add(m.group(1))
    for m in _EN_YEAR_PART.finditer(sentence):
        n = _EN_ORDINAL[m.group(1).lower()]
        part = ((1, 6) if n == 1 else (7, 12)) if m.group(2).lower() == "half" else _QUARTERS[n]
        years = said.get(part)
        if years and m.group(3) not in years:
            return f"'{m.group(0)}' where the source says the {_say(part)} of {', '.join(sorted(years))}"
    return None


# Relative times turned round: 上周 written "this week" (catamaran-00), 去年 "this year". (the Chinese of one side,
# the English of that side); a basis (去年同期, 比上月) says what a figure is compared with, not when it is.
_RELATIVE: tuple[tuple[str, str, str, str], ...] = (
    ("week", r"上周|上个?星期|上礼拜", r"本周|这周|这个?星期|本星期", r"week"),
    ("month", r"上个?月", r"本月|这个月|当月", r"month"),
    ("year", r"去年|上年", r"今年|本年|当年", r"year"),
)
_BASIS_WORDS = re.compile(r"(?:比|较|同比|与)?(?:去年|上年)同期|(?:比|较)上个?月|(?:比|较)(?:去年|上年)")


def relative_time_mismatch(source: str, sentence: str) -> str | None:
    """Why ``sentence`` puts its facts in this week/month/year where its source says the last one (or the
    reverse), or None. A source that names both, or neither, is not judged."""
    when = _BASIS_WORDS.sub("", source)
    for name, zh_last, zh_this, en in _RELATIVE:
        last, this = bool(re.search(zh_last, when)), bool(re.search(zh_this, when))
        if last == this:
            continue
        said_this = re.search(rf"(?i)\bthis\s+{en}\b", sentence)
        said_last = re.search(rf"(?i)\b(?:last|previous|past)\s+{en}\b", sentence)
        if last and said_this and not said_last:
            return f"'this {name}' where the source says the last one ({re.search(zh_last, when).group(0)})"
        if this and said_last and not said_this:
            return f"'last {name}' where the source says this one ({re.search(zh_this, when).group(0)})"
    return None


# What a change is measured against, by the length of the period: 比上半年 is the first half, 较上月 the month
# before, 同比 the year before. 环比 is the period before, whatever its length.
_ZH_BASES = (
    ("half", r"(?:比|较|与)(?:今年)?(?:上半年|1-6月|1～6月|1至6月|前两个?季度)"),
    ("quarter", r"(?:比|较|与)(?:上个?季度|上一季度|[一二三四]季度)|环比"),
    ("month", r"(?:比|较|与)(?:上个?月末?|上一个?月)|环比|(?:比|较)\d{1,2}月(?:份|末)?"),
    ("year", r"同比|(?:比|较|与)(?:去年|上年|上一年)"),
)
_EN_BASES = {
    # "the first half of last year" is the year before, not the half before
    "half": r"(?:previous|last|prior|first|preceding) half(?:-year)?(?!\s+of)|half-on-half",
    "quarter": r"(?:previous|last|prior|preceding) quarter|quarter[- ]on[- ]quarter|q/q|sequential(?:ly)?",
    "month": r"(?:previous|last|prior|preceding) month|month[- ]on[- ]month|m/m",
    "year": r"(?:previous|last|prior|preceding) year|year[- ]on[- ]year|y/y|a year (?:earlier|ago)",
}
_EN_COMPARED = re.compile(r"(?i)\b(?:compared\s+(?:to|with)|from|than|over|versus|vs\.?|relative\s+to|against)\b"
                          r"[^.;]{0,60}?\b(?:the\s+)?(" + "|".join(f"(?:{v})" for v in _EN_BASES.values()) + r")\b")


def basis_period_mismatch(source: str, sentence: str) -> str | None:
    """Why ``sentence`` compares a figure with a period its source does not (比上半年两年平均增速回落0.1个百分点
    written "down 0.1 percentage points compared to … the previous quarter": sina-r1, AFTER8-AFTER12), or None.
    Judged only where the source compares with some period and the English names one it never does."""
    named = {kind for kind, zh in _ZH_BASES if re.search(zh, source)}
    if not named:
        return None
    for m in _EN_COMPARED.finditer(sentence):
        said = next(kind for kind, en in _EN_BASES.items() if re.fullmatch(f"(?i){en}", m.group(1)))
        if said not in named:
            return f"compared with the {said} before, where the source compares with another period " \
                   f"({', '.join(sorted(named))})"
    return None
