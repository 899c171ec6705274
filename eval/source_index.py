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

from pressbrief.service.numeric.types import Extraction, Mention, Metric

from .english_numbers import sentence_spans
from .types import DateParts, SourceRef
from .units import zh_unit

_CN_SMALL = "零〇一二两三四五六七八九十"


def small_cn_int(s: str) -> int | None:
    """1-99 (and 4-digit 二〇二四 years) written in digits or Chinese numerals."""
    if not s:
        return None
    if s.isdigit():
        return int(s)
    try:
        from pressbrief.service.numeric.cnnum import parse_cn_number

        v = parse_cn_number(s)
        return int(v) if v == v.to_integral_value() else None
    except (ImportError, ValueError, InvalidOperation):
        return None


_Y = r"(?P<y>(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})年"
_M = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月"
_D = r"(?P<d>3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])[日号號]"
_DATE_RES = (re.compile(rf"(?<![\d〇零一二三四五六七八九十]){_Y}(?:{_M}(?:{_D})?)?"),
              re.compile(rf"(?<![\d年]){_M}(?:{_D})?"))
_DAY_RE = re.compile(r"(?<![\d.第个月])(?P<d>3[01]|[12]\d|0?[1-9])(?:日|号)(?!内|以内|之内|以上|均)")
_DAY_RANGE_RE = re.compile(r"(?<![\d.])(?P<d1>3[01]|[12]\d|0?[1-9])\s*[-—~至到]\s*(?P<d2>3[01]|[12]\d|0?[1-9])日")
_ISO_RE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")
_YEAR_DIGITS_RE = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})(?=年|—|-|~|～|至|到)")
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


def written_quantum(text: str, value: Decimal) -> Decimal | None:
    """The value of the last written digit place of a source/brief Chinese mention (12.62亿 -> 10^6)."""
    m = re.search(r"\d+(?:\.\d+)?", text.replace(",", "").translate(str.maketrans("０１２３４５６７８９．", "0123456789.")))
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


def _mention_record(i: int, m: Mention, sentence: int, metric: Metric | None) -> SrcMention:
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
    return SrcMention(
        idx=i, mention=m, value=value, unit=unit, kind=m.kind, approx=m.approx, upper=m.upper,
        direction=direction if direction in ("up", "down") else None, basis=canonical_basis(basis),
        rank_position=rank.position if rank else None, rank_scope=canonical_scope(rank.scope) if rank else None,
        rank_tier=bool(rank.tier) if rank else False, sentence=sentence, section=m.section_id, sig=sig,
        quantum=quantum, is_code=m.is_code, metric=metric,
    )


def scan_dates(text: str, sentence_of) -> list[SrcDate]:
    out: list[SrcDate] = []
    for m in _ISO_RE.finditer(text):
        out.append(SrcDate(DateParts(int(m["y"]), int(m["m"]), int(m["d"])), m.start(), m.end(), sentence_of(m.start())))
    for m in (m for rx in _DATE_RES for m in rx.finditer(text)):
        y = small_cn_int(m["y"]) if m.re.groupindex.get("y") and m["y"] else None
        mo = small_cn_int(m["m"]) if m["m"] else None
        d = small_cn_int(m["d"]) if m["d"] else None
        if y is None and mo is None:
            continue
        if mo is not None and not 1 <= mo <= 12:
            continue
        out.append(SrcDate(DateParts(y, mo, d), m.start(), m.end(), sentence_of(m.start())))
    for m in _YEAR_DIGITS_RE.finditer(text):
        out.append(SrcDate(DateParts(int(m["y"]), None, None), m.start(), m.end(), sentence_of(m.start())))
    for m in _DAY_RE.finditer(text):
        out.append(SrcDate(DateParts(None, None, int(m["d"])), m.start(), m.end(), sentence_of(m.start())))
    for m in _DAY_RANGE_RE.finditer(text):
        for g in ("d1", "d2"):
            out.append(SrcDate(DateParts(None, None, int(m[g])), m.start(g), m.end(g), sentence_of(m.start())))
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


def build_index(ex: Extraction) -> SourceIndex:
    text = ex.text
    sentences = _sentences(ex)
    starts = [s for s, _ in sentences]

    def sentence_of(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    metrics = _metric_map(ex)
    mentions: list[SrcMention] = []
    for i, m in enumerate(ex.mentions):
        mentions.append(_mention_record(i, m, sentence_of(m.start), metrics.get((m.start, m.end))))
    by_value: dict[Decimal, list[SrcMention]] = {}
    by_sig: dict[str, list[SrcMention]] = {}
    sorted_values: list[tuple[Decimal, int]] = []
    ranks: list[SrcMention] = []
    codes: list[SrcMention] = []
    for sm in mentions:
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
        times=_scan_times(text, sentence_of), raw_digits=raw_digits, codes=codes,
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
    from pressbrief.service.numeric import extract

    ex = extract(text)
    with _LOCK:
        _TEXT_CACHE[text] = ex
        while len(_TEXT_CACHE) > _MAX:
            _TEXT_CACHE.popitem(last=False)
    return ex
