"""An index over one source release, built once and reused for every brief checked against it.

Holds the core's mentions with canonical units, lookups by exact value, by significant digits
(for scale errors) and by magnitude (for roundings), ranks, the source's dates and clock times
(scanned from the raw text so that the harness does not depend on how the core encodes them),
raw digit strings (names and codes such as 波音737 the core does not count as numbers), and —
lazily — the sums, differences and ratios of nearby source numbers (for ``derived``).
"""

from __future__ import annotations

import bisect
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from pressbrief.service.numeric import extract
from pressbrief.service.numeric.cnnum import parse_cn_number
from pressbrief.service.numeric.types import Extraction, Mention, Metric

from .english_numbers import sentence_spans
from .types import DateParts, SourceRef
from .units import zh_unit

_CN_SMALL = "零〇一二两三四五六七八九十"


def fraction_share(m: Mention) -> Decimal | None:
    """The share a fraction names: the core writes 四分之一 as value 1, unit "/4" (exact), read as 0.25 in the
    source index and in a brief alike; None for any other mention."""
    if m.unit and re.fullmatch(r"/\d+", m.unit) and m.value is not None:
        return m.value / Decimal(m.unit[1:])
    return None


def small_cn_int(s: str) -> int | None:
    """1-99 (and 4-digit 二〇二四 years) written in digits or Chinese numerals."""
    if not s:
        return None
    if s.isdigit():
        return int(s)
    try:
        v = parse_cn_number(s)
        return int(v) if v == v.to_integral_value() else None
    except (ImportError, ValueError, InvalidOperation):
        return None


_SP = r"[ \u3000]?"  # "1979 年", "9 月": a space some sources put between a number and its unit
_Y = r"(?P<y>(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})" + _SP + "年" + _SP
_M = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])" + _SP + "月" + _SP
_D = (r"(?P<d>3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?"
      r"|[一二三四五六七八九])" + _SP + "[日号號]")
_DATE_RES = (re.compile(rf"(?<![\d〇零一二三四五六七八九十]){_Y}(?:{_M}(?:{_D})?)?"),
              re.compile(rf"(?<!\d年)(?<![\d〇零一二三四五六七八九]){_M}(?:{_D}|(?P<d2>3[01]|[12]\d|0?[1-9])(?=[和、至到-]))?"))
_DAY_RE = re.compile(r"(?<![\d.第个月])(?P<d>3[01]|[12]\d|0?[1-9])(?:日|号|號)(?!内|以内|之内|以上)")
_DAY_RANGE_RE = re.compile(r"(?<![\d.])(?P<d1>3[01]|[12]\d|0?[1-9])\s*[-—~至到]\s*(?P<d2>3[01]|[12]\d|0?[1-9])日")
_ISO_RE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")
_MONTH_RANGE_RE = re.compile(r"(?<![\d])(?P<m1>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月?\s*[-—–~～至到]\s*"
                             r"(?P<m2>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月")
_YEAR_DIGITS_RE = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})(?=[ \u3000]?年|财年|—|-|~|～|至|到)")
_DECADE_RE = re.compile(r"(?P<y>(?:19|20)?\d0|[五六七八九]十)年代")
_TIME_RE = re.compile(r"(?<![\d:])(?P<h>2[0-4]|[01]?\d)[:：](?P<mi>[0-5]\d)(?![\d])"
                      r"|(?P<h2>2[0-4]|[01]?\d|二十[一二三四]?|十[一二三四五六七八九]?|[零一二三四五六七八九])"
                      r"(?:时|点)(?:(?P<mi2>[0-5]?\d|[一二三四五]?十[一二三四五六七八九]?|[一二三四五六七八九])分|(?P<half>半))?")
_RAW_DIGITS_RE = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|(?<![\d.,])\d+(?:\.\d+)?(?![\d])")
_PM_WORDS = ("下午", "晚上", "晚", "傍晚", "夜间", "午后")

_BASIS_YOY = ("同比", "较去年同期", "比去年同期", "较上年同期", "比上年同期", "较去年", "比去年", "较上年", "比上年",
              "与去年同期相比", "同期相比", "同期")
_BASIS_SEQ = ("环比", "较上月", "比上月", "较上季度", "比上季度")

_SCOPES = (("全省", "province"), ("省", "province"), ("全国", "country"), ("国内", "country"), ("全市", "city"),
           ("市", "city"), ("全区", "district"), ("全县", "district"), ("全球", "world"), ("世界", "world"))
SCOPE_WORDS = tuple(key for key, _ in _SCOPES if len(key) == 2)  # 全省, 全国 ...: a scope said before a claim


def canonical_basis(basis: str | None) -> str | None:
    """同比 / 较去年同期 -> yoy; 环比 -> seq; anything else -> None (unknown, not compared)."""
    if not basis:
        return None
    b = basis.strip()
    if b in ("yoy", "seq"):
        return b
    if any(b.startswith(x) or x in b for x in _BASIS_SEQ):
        return "seq"
    if any(x in b for x in _BASIS_YOY):
        return "yoy"
    return None


def canonical_scope(scope: str | None) -> str | None:
    """全省 -> province, 全国 -> country ...; a counted group (16个国家级功能区) -> n16; else None."""
    if not scope:
        return None
    s = scope.strip()
    m = re.match(r"^(\d+|[一二三四五六七八九十两]+)个", s)
    if m:
        v = small_cn_int(m.group(1).replace("两", "二"))
        return f"n{v}" if v is not None else None
    if re.search(r"\d", s):
        return None
    for key, canon in _SCOPES:
        if s.startswith(key) and (len(s) <= 3 or key.startswith("全")):
            return canon
    return None


def sig_digits(value: Decimal) -> str:
    t = format(value.copy_abs().normalize(), "f").replace(".", "")
    return t.lstrip("0").rstrip("0") or "0"


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")


def written_quantum(text: str, value: Decimal) -> Decimal | None:
    """The value of the last written digit place of a source/brief Chinese mention (12.62亿 -> 10^6)."""
    plain = text.replace(",", "").translate(_FULLWIDTH_DIGITS)
    m = re.search(r"\d+(?:\.\d+)?", plain)
    if not m or value == 0:
        return None
    digits = m.group(0)
    try:
        base = Decimal(digits)
    except InvalidOperation:
        return None
    if base == 0:
        return None
    scale = (value.copy_abs() / base)
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    return scale * Decimal(1).scaleb(-decimals)


@dataclass
class SrcMention:
    idx: int
    mention: Mention
    value: Decimal | None
    unit: str | None
    kind: str
    approx: str | None
    upper: Decimal | None
    direction: str | None
    basis: str | None
    rank_position: int | None
    rank_scope: str | None
    rank_tier: bool
    sentence: int
    section: int
    sig: str
    quantum: Decimal | None
    is_code: bool
    metric: Metric | None = None
    vague: bool = False  # 十几, 五六百, 上万: a range the harness read itself (value..upper)
    emphatic: bool = False  # 长达 / 高达 / 多达 before it: "as long as", which "up to" may translate
    fix: str = ""  # what the harness corrected in the core's reading, if anything


@dataclass
class SrcDate:
    parts: DateParts
    start: int
    end: int
    sentence: int


@dataclass
class SourceIndex:
    extraction: Extraction
    text: str
    sentences: list[tuple[int, int]]
    mentions: list[SrcMention]
    by_value: dict[Decimal, list[SrcMention]]
    by_sig: dict[str, list[SrcMention]]
    sorted_values: list[tuple[Decimal, int]]
    ranks: list[SrcMention]
    dates: list[SrcDate]
    times: list[tuple[int, int, int, int, int]]  # hour, minute, start, end, sentence
    raw_digits: dict[str, list[tuple[int, int]]]
    codes: list[SrcMention]
    vague: list[SrcMention] = field(default_factory=list)
    words: list[SrcMention] = field(default_factory=list)  # 两委, 二十大, 百人, 万亩, 首批: numerals inside words
    _derived: dict | None = field(default=None, repr=False)

    # -- lookups --------------------------------------------------------------------------
    def sentence_of(self, pos: int) -> int:
        starts = [s for s, _ in self.sentences]
        i = bisect.bisect_right(starts, pos) - 1
        return max(0, i)

    def sentence_text(self, sid: int) -> str:
        if not self.sentences:
            return self.text
        s, e = self.sentences[min(sid, len(self.sentences) - 1)]
        return self.text[s:e].strip()

    def ref(self, m: SrcMention) -> SourceRef:
        mm = m.mention
        return SourceRef(text=mm.text, start=mm.start, end=mm.end, kind=mm.kind, value=m.value, unit=mm.unit,
                         sentence=self.sentence_text(m.sentence),
                         rendered_en=m.metric.rendered_en if m.metric else None,
                         label=m.metric.label if m.metric else None)

    def date_ref(self, d: SrcDate) -> SourceRef:
        return SourceRef(text=self.text[d.start:d.end], start=d.start, end=d.end, kind="date",
                         value=Decimal(d.parts.year) if d.parts.year else None, unit="date",
                         sentence=self.sentence_text(d.sentence))

    def span_ref(self, start: int, end: int, kind: str, value: Decimal | None) -> SourceRef:
        return SourceRef(text=self.text[start:end], start=start, end=end, kind=kind, value=value, unit=None,
                         sentence=self.sentence_text(self.sentence_of(start)))

    def near_values(self, value: Decimal, rel: Decimal = Decimal("0.12")) -> list[SrcMention]:
        """Mentions whose value lies within ``rel`` (relative) of ``value``."""
        if value == 0:
            return list(self.by_value.get(Decimal(0), []))
        lo, hi = value * (1 - rel), value * (1 + rel)
        if lo > hi:
            lo, hi = hi, lo
        keys = [v for v, _ in self.sorted_values]
        i = bisect.bisect_left(keys, lo)
        out = []
        while i < len(keys) and keys[i] <= hi:
            out.append(self.mentions[self.sorted_values[i][1]])
            i += 1
        return out

    def derived(self) -> dict:
        """Sums and differences of same-unit numbers in one section, and sentence totals (lazy)."""
        if self._derived is None:
            self._derived = _build_derived(self)
        return self._derived


def _metric_map(ex: Extraction) -> dict[tuple[int, int], Metric]:
    out: dict[tuple[int, int], Metric] = {}
    for met in ex.metrics:
        out[(met.mention.start, met.mention.end)] = met
    return out


def _sentences(ex: Extraction) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for sec in ex.sections:
        for s in sec.sentences:
            spans.append((s.start, s.end))
    spans.sort()
    if not spans:
        spans = sentence_spans(ex.text)
    if not spans:
        spans = [(0, len(ex.text))]
    # cover the gaps so every offset maps to the sentence starting at or before it
    return spans


_BASIS_WORDS_RE = re.compile("|".join(sorted(_BASIS_YOY + _BASIS_SEQ, key=len, reverse=True)))
_CLAUSE_END = "，,。；;！？!?\n"


def _clause_basis(text: str, start: int) -> str | None:
    """同比增速6.1%，环比增速0.8% / 同比分别增长6.1%和0.8%: the basis said earlier in the rate's own clause
    (the core ties a basis only to 增长 / 下降 right after it)."""
    lo = max((text.rfind(c, 0, start) for c in _CLAUSE_END), default=-1) + 1
    found = list(_BASIS_WORDS_RE.finditer(text, lo, start))
    if not found:
        return None
    return "环比" if found[-1].group(0) in _BASIS_SEQ else "同比"


def _mention_record(i: int, m: Mention, sentence: int, metric: Metric | None, text: str | None = None) -> SrcMention:
    unit = zh_unit(m.unit)
    if m.unit == "date" or m.kind == "date":
        unit = "date"
    # a metric's rank belongs to the metric (10430件 ... 居全省第三位), not to the count itself
    rank = m.rank if m.rank is not None else (metric.rank if metric and m.kind == "rank" else None)
    direction = m.direction
    basis = m.basis
    if metric and metric.change and metric.mention is m:
        direction = direction or metric.change.direction
        basis = basis or metric.change.basis
    value = m.value
    sig = sig_digits(value) if value is not None else ""
    quantum = written_quantum(m.text, value) if value is not None else None
    approx, fix = m.approx, ""
    share = fraction_share(m)
    if share is not None:
        value, unit = share, "fraction"
        sig, quantum = sig_digits(value), None
    if text is not None:
        approx, unit, fix = _correct(text, m, approx, unit)
        if basis is None and m.kind in ("percent", "change") and unit in ("%", "pp"):
            basis = _clause_basis(text, m.start)
            fix = fix or ("basis read from the clause" if basis else "")
    return SrcMention(
        idx=i, mention=m, value=value, unit=unit, kind=m.kind, approx=approx, upper=m.upper,
        direction=direction if direction in ("up", "down") else None, basis=canonical_basis(basis),
        rank_position=rank.position if rank else None, rank_scope=canonical_scope(rank.scope) if rank else None,
        rank_tier=bool(rank.tier) if rank else False, sentence=sentence, section=m.section_id, sig=sig,
        quantum=quantum, is_code=m.is_code, metric=metric, fix=fix,
        emphatic=text is not None and text[max(0, m.start - 2):m.start] in ("长达", "高达", "多达"),
    )


# Words that end in 约 but do not mean "about" (节约16元 = saved 16 yuan).
_YUE_WORDS = "节制预签合公条邀履违特契"
_MARK_AFTER = re.compile(r"(?:整数)?(?:关口|大关|关)")
_BREAK_RE = re.compile(r"跌破|突破|站上|升破|低于|高于")
_DUO_WORDS = "种样家个项次元名位人方年"  # 多种 / 多家 ...: 多 opens the next word ("5个多种类" is rare)
_UNIT_HINTS = (("基本点", "bp"), ("基点", "bp"), ("兆焦", "MJ"), ("千瓦时", "kWh"), ("度", "kWh"), ("千瓦", "kW"),
               ("立方米每秒", "m3/s"), ("立方米", "m3"), ("公顷", "ha"), ("厘米", "cm"), ("米", "m"))


_APPROX_GAP = {"不超过": "at_most", "不高于": "at_most", "不多于": "at_most", "最多": "at_most", "至多": "at_most",
               "不少于": "at_least", "不低于": "at_least", "至少": "at_least", "超过": "more_than", "逾": "more_than",
               "约": "about", "近": "nearly", "不到": "less_than", "不足": "less_than"}
_APPROX_GAP_RE = re.compile("(" + "|".join(sorted(_APPROX_GAP, key=len, reverse=True))
                            + r")(?:每秒|每天|每日|每年|每月|每小时|每人|每亩|每户|每平方米)$")


def _correct(text: str, m: Mention, approx: str | None, unit: str | None) -> tuple[str | None, str | None, str]:
    """Work around readings of the core that the harness knows to be wrong (listed in its report)."""
    fix = ""
    before = text[max(0, m.start - 2):m.start]
    if approx == "about" and m.text.startswith("约") and before[-1:] and before[-1] in _YUE_WORDS:
        approx, fix = None, "约 is part of a word (节约)"
    if approx in ("less_than", "more_than") and before.endswith("不"):
        approx = "at_least" if approx == "less_than" else "at_most"
        fix = "不低于 / 不超过 read as a bound"
    if approx is None and m.kind not in ("date", "period", "rank"):
        pm = _APPROX_GAP_RE.search(text[max(0, m.start - 8):m.start])
        if pm:
            approx, fix = _APPROX_GAP[pm.group(1)], f"{pm.group(0)} read as a bound"
    if approx is None and before.endswith("破") and m.kind not in ("date", "period", "rank") \
            and not text[m.end:m.end + 1] == "兑":
        approx = "less_than" if before.endswith("跌破") else "more_than"
        fix = "破 read as a bound"
    if approx is None and m.kind not in ("date", "period", "rank") and _MARK_AFTER.match(text, m.end):
        # 跌破1美元兑人民币7.0元关口: the bound is said before the pair, the mark after the number
        lo = max((text.rfind(c, 0, m.start) for c in "，。；,;"), default=-1) + 1
        verb = _BREAK_RE.search(text, lo, m.start)
        if verb:
            approx = "less_than" if verb.group(0) in ("跌破", "低于") else "more_than"
            fix = f"{verb.group(0)} … 关口 read as a bound"
    if approx is None and m.kind not in ("date", "period", "rank") and text[m.end:m.end + 1] == "多" \
            and m.text[-1:] and not m.text[-1].isdigit() and text[m.end + 1:m.end + 2] not in _DUO_WORDS:
        approx, fix = "more_than", "多 after the unit (5亩多)"
    if unit is None and m.value is not None and m.kind not in ("date", "period", "rank"):
        after = text[m.end:m.end + 5]
        for hint, code in _UNIT_HINTS:
            if after.startswith(hint) and not after.startswith(("度假", "度过")):
                unit, fix = code, f"unit {hint} after the number"
                break
    return approx, unit, fix


def scan_dates(text: str, sentence_of) -> list[SrcDate]:
    out: list[SrcDate] = []
    for m in _ISO_RE.finditer(text):
        parts = DateParts(int(m["y"]), int(m["m"]), int(m["d"]))
        out.append(SrcDate(parts, m.start(), m.end(), sentence_of(m.start())))
    for m in (m for rx in _DATE_RES for m in rx.finditer(text)):
        y = small_cn_int(m["y"]) if m.re.groupindex.get("y") and m["y"] else None
        mo = small_cn_int(m["m"]) if m["m"] else None
        d = small_cn_int(m["d"]) if m["d"] else None
        if d is None and m.re.groupindex.get("d2") and m["d2"]:
            d = int(m["d2"])
        if y is None and mo is None:
            continue
        if mo is not None and not 1 <= mo <= 12:
            continue
        out.append(SrcDate(DateParts(y, mo, d), m.start(), m.end(), sentence_of(m.start())))
    for m in _MONTH_RANGE_RE.finditer(text):
        for g in ("m1", "m2"):
            mo = small_cn_int(m[g])
            if mo is not None and 1 <= mo <= 12:
                out.append(SrcDate(DateParts(None, mo, None), m.start(g), m.end(g), sentence_of(m.start())))
    for m in _YEAR_DIGITS_RE.finditer(text):
        out.append(SrcDate(DateParts(int(m["y"]), None, None), m.start(), m.end(), sentence_of(m.start())))
    for m in _DAY_RE.finditer(text):
        out.append(SrcDate(DateParts(None, None, int(m["d"])), m.start(), m.end(), sentence_of(m.start())))
    for m in _DAY_RANGE_RE.finditer(text):
        for g in ("d1", "d2"):
            out.append(SrcDate(DateParts(None, None, int(m[g])), m.start(g), m.end(g), sentence_of(m.start())))
    for y, s, e in year_abbreviations(text):
        out.append(SrcDate(DateParts(y, None, None), s, e, sentence_of(s)))
    for m in _DECADE_RE.finditer(text):
        raw = m["y"]
        if raw.endswith("十"):
            y = 1900 + 10 * "零一二三四五六七八九".index(raw[0])
        else:
            y = int(raw)
            if y < 100:
                y += 1900
        out.append(SrcDate(DateParts(y, None, None, decade=True), m.start(), m.end(), sentence_of(m.start())))
    return out


def _scan_times(text: str, sentence_of) -> list[tuple[int, int, int, int, int]]:
    out = []
    for m in _TIME_RE.finditer(text):
        if m["h"] is not None:
            h, mi = int(m["h"]), int(m["mi"])
        else:
            h = small_cn_int(m["h2"])
            if h is None:
                continue
            mi = 30 if m["half"] else (small_cn_int(m["mi2"]) if m["mi2"] else 0) or 0
            before = text[max(0, m.start() - 3):m.start()]
            if h < 12 and any(w in before for w in _PM_WORDS):
                out.append((h + 12, mi, m.start(), m.end(), sentence_of(m.start())))
        out.append((h, mi, m.start(), m.end(), sentence_of(m.start())))
    return out


# Counts a source gives by their order of magnitude (数万: tens of thousands), as ranges: the harness reads them
# as mentions, and ``claims.vague_magnitude_mismatch`` checks an English magnitude word against them
VAGUE_WORDS: dict[str, tuple[int, int]] = {
    "十几": (11, 19), "十多": (11, 19), "几十": (20, 99), "数十": (20, 99), "上百": (100, 999),
    "数百": (100, 999), "几百": (100, 999), "上千": (1000, 9999), "数千": (1000, 9999), "几千": (1000, 9999),
    "上万": (10000, 99999), "过万": (10000, 99999), "破万": (10000, 99999), "近万": (9000, 9999),
    "数万": (20000, 99999), "几万": (20000, 99999), "十几万": (110000, 199999), "数十万": (200000, 999999),
    "几十万": (200000, 999999), "上百万": (1000000, 9999999), "数百万": (1000000, 9999999),
    "上千万": (10**7, 10**8 - 1), "数千万": (10**7, 10**8 - 1), "上亿": (10**8, 10**9 - 1), "过亿": (10**8, 10**9 - 1),
    "破亿": (10**8, 10**9 - 1), "数亿": (2 * 10**8, 10**9 - 1), "几亿": (2 * 10**8, 10**9 - 1),
    "百万": (10**6, 10**6), "千万": (10**7, 10**7), "十万": (10**5, 10**5), "百亿": (10**10, 10**10),
    "千亿": (10**11, 10**11), "万亿": (10**12, 10**12), "百强": (100, 100), "千强": (1000, 1000),
    "十强": (10, 10), "五百强": (500, 500),
    # before 数十 can take the 数十 of 数十亿元 as "dozens of yuan"
    "数十亿": (10**9, 10**10 - 1), "几十亿": (10**9, 10**10 - 1), "数百亿": (10**10, 10**11 - 1),
    "几百亿": (10**10, 10**11 - 1), "数千亿": (10**11, 10**12 - 1), "几千万": (10**7, 10**8 - 1),
    "几百万": (10**6, 10**7 - 1),
}
_VAGUE_RE = re.compile(r"(?<![一二三四五六七八九十百千万亿两\d])(?P<pre>超过|超|逾|近|约|将近|接近)?(?P<w>"
                       + "|".join(sorted(VAGUE_WORDS, key=len, reverse=True)) + r")(?P<unit>倍|[元米吨亩人名家件个])?")
_PAIR_RE = re.compile(r"(?<![一二三四五六七八九十百千万亿两\d])(?P<a>[一二三四五六七八])(?P<b>[二三四五六七八九])"
                      r"(?P<s>十|百|千|万|十万|百万|千万|亿)?(?P<unit>厘米|公里|米|吨|亩|元|万元|亿元|人|名|家|个|天|年|次)")
_FIRST_N_RE = re.compile(r"前(?P<n>[一二三四五六七八九十两1-9]|1[0-2])(?P<u>个?季度|个月)")
_PRE_APPROX = {"超过": "more_than", "超": "more_than", "逾": "more_than", "近": "nearly", "将近": "nearly",
               "接近": "nearly", "约": "about"}


def _harness_mention(idx: int, text: str, s: int, e: int, value: Decimal, upper: Decimal | None, unit: str | None,
                     written_approx: str | None, approx: str | None, sentence: int, fix: str, *, kind: str = "count",
                     rank_position: int | None = None, vague: bool = False) -> SrcMention:
    """A source quantity the harness reads itself (the core leaves it out): its Mention and index record.
    `written_approx` is the Mention's, `approx` the one judged against (a vague quantity is a range)."""
    m = Mention(text=text[s:e], start=s, end=e, kind="count", value=value, unit=unit, approx=written_approx,
                upper=upper)
    return SrcMention(idx=idx, mention=m, value=value, unit=zh_unit(unit), kind=kind, approx=approx, upper=upper,
                      direction=None, basis=None, rank_position=rank_position, rank_scope=None, rank_tier=False,
                      sentence=sentence, section=0, sig=sig_digits(value), quantum=None, is_code=False, vague=vague,
                      fix=fix)


def _vague_mentions(text: str, covered: list[tuple[int, int]], sentence_of, start_idx: int) -> list[SrcMention]:
    """十几 / 上万 / 超过百万元 / 五六百米 / 四五厘米: quantities the core leaves out, as ranges."""
    out: list[SrcMention] = []

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in covered)

    def add(s: int, e: int, lo: Decimal, hi: Decimal, unit: str | None, approx: str | None, vague: bool) -> None:
        out.append(_harness_mention(start_idx + len(out), text, s, e, lo, hi if hi != lo else None, unit,
                                    approx, "range" if vague else approx, sentence_of(s),
                                    "vague quantity read by the harness", vague=vague))

    for m in _VAGUE_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        lo, hi = VAGUE_WORDS[m["w"]]
        unit = m["unit"]
        if m["w"] in ("十万", "百万", "千万", "百亿", "千亿", "万亿") and not (unit or m["pre"]):
            continue  # 百万 in a name; counted only as 超过百万元 / 百万元
        add(m.start(), m.end(), Decimal(lo), Decimal(hi), unit, _PRE_APPROX.get(m["pre"] or ""), lo != hi)
    for m in _FIRST_N_RE.finditer(text):
        n = small_cn_int(m["n"].replace("两", "二"))
        if n:
            unit = "季度" if "季" in m["u"] else "个月"
            add(m.start(), m.end(), Decimal(n), Decimal(n), unit, None, False)
    for m in _PAIR_RE.finditer(text):
        a, b = small_cn_int(m["a"]), small_cn_int(m["b"])
        if a is None or b is None or b != a + 1:
            continue
        scale = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "十万": 10**5, "百万": 10**6, "千万": 10**7,
                 "亿": 10**8}.get(m["s"] or "", 1)
        unit = m["unit"]
        if unit in ("万元", "亿元"):
            scale *= 10**4 if unit == "万元" else 10**8
            unit = "元"
        add(m.start(), m.end(), Decimal(a * scale), Decimal(b * scale), unit, None, True)
    return out


# A numeral written inside a word: 两委 (the two committees), 四大行业, 二十大 (the 20th congress), 百人团,
# 万亩 (a 10,000-mu field), 首批 (the first batch). The core reads none of them as a quantity; an English
# translation writes the number, so the harness indexes them apart from the core's mentions.
_WORD_NUM_RE = re.compile(r"(?<![一二两三四五六七八九十百千万亿零〇\d.第再数几上])"
                          r"(?P<n>[二两三四五六七八九]?十[一二三四五六七八九]?|[二两三四五六七八九]|[百千万])"
                          r"(?P<w>[\u4e00-\u9fff])")
_WORD_NUM_NOT = ("十分", "万分", "千万", "万万", "三思", "万一", "百姓", "千方", "百般", "万般", "八卦", "十足")
_WORD_ORDINAL_ONLY = "届号论"  # 十四届, 四论 (the fourth commentary): a position; 二十大 too (大 after 十+)
_WORD_ORDINAL_AFTER = "次期轮批"  # 五次, 三期: a count or a position
_FIRST_RE = re.compile(r"首(?=[批次个家届位台款部座轮期])")
# 九二共识 (the 1992 Consensus), 〇八奥运: a year written as its last two digits in Chinese numerals
_YEAR_ABBREV_RE = re.compile(r"(?<![一二两三四五六七八九十百千万亿零〇\d])"
                             r"(?P<a>[〇零一二三四五六七八九])(?P<b>[〇零一二三四五六七八九])"
                             r"(?=共识|南巡|讲话|宪法|奥运|事件|事变|风波|地震|危机|特大)")
_CN_DIGIT = "〇一二三四五六七八九"


def year_abbreviations(text: str) -> list[tuple[int, int, int]]:
    """(year, start, end) of 九二共识-style years."""
    out = []
    for m in _YEAR_ABBREV_RE.finditer(text):
        a, b = (_CN_DIGIT.index("〇" if c == "零" else c) for c in (m["a"], m["b"]))
        out.append(((2000 if a <= 2 else 1900) + 10 * a + b, m.start(), m.end()))
    return out


def _word_numerals(text: str, taken: list[tuple[int, int]], sentence_of, start_idx: int) -> list[SrcMention]:
    out: list[SrcMention] = []

    def add(s: int, e: int, value: int, unit: str | None, kind: str) -> None:
        out.append(_harness_mention(start_idx + len(out), text, s, e, Decimal(value), None, unit, None, None,
                                    sentence_of(s), "numeral inside a word", kind=kind,
                                    rank_position=value if kind != "count" else None))

    for m in _WORD_NUM_RE.finditer(text):
        s, e = m.start(), m.end()
        if any(a < e and s < b for a, b in taken) or text[s:e] in _WORD_NUM_NOT:
            continue
        n = m["n"]
        value = {"百": 100, "千": 1000, "万": 10000}.get(n) or small_cn_int(n.replace("两", "二"))
        if not value:
            continue
        w = m["w"]
        if n in "百千万":
            kind = "count"
        elif w in _WORD_ORDINAL_ONLY or w == "大" and value >= 10:
            kind = "ordinal"  # 二十大, 十四届, 四论: a position
        else:
            kind = "either" if w in _WORD_ORDINAL_AFTER else "count"
        add(s, e, value, w if w in ("人", "亩", "吨", "米", "元", "户") else None, kind)
    for m in _FIRST_RE.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            add(m.start(), m.end() + 1, 1, None, "ordinal")
    return out


def build_index(ex: Extraction) -> SourceIndex:
    text = ex.text
    sentences = _sentences(ex)
    starts = [s for s, _ in sentences]

    def sentence_of(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    metrics = _metric_map(ex)
    mentions: list[SrcMention] = []
    pairs = [(m.start(), m.end()) for m in _PAIR_RE.finditer(text)
             if (lambda a, b: a is not None and b == a + 1)(small_cn_int(m["a"]), small_cn_int(m["b"]))]
    for m in ex.mentions:
        if m.text.endswith("分") and text[m.end:m.end + 1] == "之":
            continue  # 四分之一 read as 四分 by the core: the fraction is handled on its own
        if any(a <= m.start and m.end <= b for a, b in pairs):
            continue  # 五六百米 read as 六百米 by the core: the harness's range replaces it
        mentions.append(_mention_record(len(mentions), m, sentence_of(m.start), metrics.get((m.start, m.end)),
                                        text))
    covered = [(m.mention.start, m.mention.end) for m in mentions]
    for sm in _vague_mentions(text, covered, sentence_of, len(mentions)):
        mentions.append(sm)
    valued = [(m.mention.start, m.mention.end) for m in mentions if m.value is not None]
    words = _word_numerals(text, valued, sentence_of, len(mentions))
    by_value: dict[Decimal, list[SrcMention]] = {}
    by_sig: dict[str, list[SrcMention]] = {}
    sorted_values: list[tuple[Decimal, int]] = []
    ranks: list[SrcMention] = []
    codes: list[SrcMention] = []
    vague: list[SrcMention] = []
    for sm in mentions:
        if sm.vague:
            vague.append(sm)
            continue
        if sm.approx == "range" and sm.upper is not None and not re.search(r"[\d０-９]", sm.mention.text) \
                and sm.kind not in ("date", "period"):
            vague.append(sm)  # 十几名 / 五六百米 as the core reads them: a vague quantity, also indexed below
        if sm.is_code:
            codes.append(sm)
        if sm.rank_position is not None or sm.rank_tier or sm.kind == "rank":
            ranks.append(sm)
            continue
        if sm.value is None or sm.unit == "date":
            continue
        by_value.setdefault(sm.value, []).append(sm)
        if sm.upper is not None:
            by_value.setdefault(sm.upper, []).append(sm)
        by_sig.setdefault(sm.sig, []).append(sm)
        sorted_values.append((sm.value, sm.idx))
    sorted_values.sort()
    raw_digits: dict[str, list[tuple[int, int]]] = {}
    for m in _RAW_DIGITS_RE.finditer(text):
        raw_digits.setdefault(m.group(0).replace(",", ""), []).append((m.start(), m.end()))
    return SourceIndex(
        extraction=ex, text=text, sentences=sentences, mentions=mentions, by_value=by_value, by_sig=by_sig,
        sorted_values=sorted_values, ranks=ranks, dates=scan_dates(text, sentence_of),
        times=_scan_times(text, sentence_of), raw_digits=raw_digits, codes=codes, vague=vague,
        words=words,
    )


# Sum / difference tables --------------------------------------------------------------------------

_DERIVABLE_UNITS_SKIP = ("%", "pp", "bp", "date")


def _build_derived(ix: SourceIndex) -> dict:
    """value -> (op, operands) for sums and differences of two same-unit numbers of one sentence or of
    adjacent sentences, plus the total of each sentence's same-unit numbers. Rates, dates, ranks,
    ordinals (第十一场) and codes are left out; same-sentence explanations win over adjacent ones."""
    out: dict[Decimal, tuple[str, list[SrcMention]]] = {}
    groups: dict[tuple[int, str | None], list[SrcMention]] = {}
    for sm in ix.mentions:
        if sm.value is None or sm.is_code or sm.unit in _DERIVABLE_UNITS_SKIP or sm.rank_position is not None:
            continue
        if sm.vague:
            continue
        if sm.kind in ("date", "period", "rank", "other") or sm.mention.text.startswith("第"):
            continue
        groups.setdefault((sm.section, sm.unit), []).append(sm)
    for (_, _), ms in groups.items():
        pairs = [(a, b) for i, a in enumerate(ms) for b in ms[i + 1:] if abs(a.sentence - b.sentence) <= 1]
        pairs.sort(key=lambda p: abs(p[0].sentence - p[1].sentence))
        for a, b in pairs:
            for op, v in (("sum", a.value + b.value), ("difference", abs(a.value - b.value))):
                if v == 0 or a.sentence != b.sentence and v < 20:
                    continue  # small results across sentences are mostly coincidences
                out.setdefault(v, (op, [a, b]))
        by_sentence: dict[int, list[SrcMention]] = {}
        for sm in ms:
            by_sentence.setdefault(sm.sentence, []).append(sm)
        for group in by_sentence.values():
            if len(group) > 2:
                out.setdefault(sum((g.value for g in group), Decimal(0)), ("sum", group))
    return out


# Cache --------------------------------------------------------------------------------------------

_CACHE: OrderedDict[int, tuple[Extraction, SourceIndex]] = OrderedDict()
_TEXT_CACHE: OrderedDict[str, Extraction] = OrderedDict()
_LOCK = threading.Lock()
_MAX = 64


def index_for(ex: Extraction) -> SourceIndex:
    """The index of an Extraction, cached by identity (the guard checks many candidates per source)."""
    key = id(ex)
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is not None and hit[0] is ex:
            _CACHE.move_to_end(key)
            return hit[1]
    ix = build_index(ex)
    with _LOCK:
        _CACHE[key] = (ex, ix)
        while len(_CACHE) > _MAX:
            _CACHE.popitem(last=False)
    return ix


def extraction_for(text: str) -> Extraction:
    """The core's extraction of a source text, cached by text."""
    with _LOCK:
        hit = _TEXT_CACHE.get(text)
        if hit is not None:
            _TEXT_CACHE.move_to_end(text)
            return hit

    ex = extract(text)
    with _LOCK:
        _TEXT_CACHE[text] = ex
        while len(_TEXT_CACHE) > _MAX:
            _TEXT_CACHE.popitem(last=False)
    return ex
