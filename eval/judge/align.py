"""Align every number of a brief to the source and give it a verdict.

``check_brief(source, brief, lang)`` is both the evaluation harness and the guard the pipeline
calls on each candidate brief, so it takes a pre-computed ``Extraction`` and keeps the source
index cached: checking one brief costs a parse of the brief and a few dictionary look-ups.

How a number is judged, in order (the first that applies wins):

1. **exact**: a source mention with the same value (scale applied on both sides) and a compatible
   unit, approximation, direction and basis -> supported. Ranks compare position, tier and scope;
   dates and times compare the parts the brief states; ranges compare both ends.
2. **rounding**: a source mention the brief's number is a rounding of, at the precision the brief
   wrote. Supported when the brief signals it (about, nearly, more than ... for a bound in the
   right direction), or when it is a *faithful* rounding: written with a scale word (million,
   billion, 万, 亿) keeping at least ``faithful_sig_digits`` significant digits, and not a rate
   (12.62亿元 -> "RMB 1.26 billion"). Any other rounding is an error ``value`` (25.72% -> 25.7%).
3. an exact-value mention with a conflict -> ``unit``, ``direction``, ``approx_lost`` or ``period``
   (year on year vs month on month).
4. **scale**: same significant digits, off by a power of ten (12.62亿元 -> "12.62 billion").
5. **derived**: a sum or difference of same-unit source numbers of one section, the total of a
   sentence, or a ratio / percentage / growth rate of two of them.
6. **value**: a plausible intended source number with other digits: the only same-class number of
   the source sentence the brief sentence is anchored to, or one with near-identical digits
   (27.52% for 25.72%).
7. digits that appear verbatim in the source outside any parsed mention (names, codes: 波音737)
   -> supported.
8. otherwise ``unsupported``; ``period`` for a date or year when a nearby one exists.

*Local context*: numbers of a brief sentence that match one source sentence uniquely anchor it;
small or ambiguous numbers (ranks, 1-9, dates) are then judged against the anchored source sentence
first, so "ranked second" after "RMB 1.262 billion" is checked against 居全省第一位 of that
sentence, not against some other 第二位 in the release.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

from pressbrief.eval.judge.attribution import misattributions
from pressbrief.service.lexicon.dictionary import lookup
from pressbrief.service.numeric.cnnum import format_cn_int
from pressbrief.service.numeric.normalize import to_simplified
from pressbrief.service.numeric.types import Extraction

from .chinese_numbers import parse_chinese_numbers
from .distance import edit_distance
from .english_numbers import parse_english_numbers, sentence_spans
from .options import DEFAULT_OPTIONS, AlignOptions
from .signature import signature_string
from .source_index import (
    SCOPE_WORDS,
    SourceIndex,
    SrcDate,
    SrcMention,
    canonical_scope,
    extraction_for,
    index_for,
    scan_dates,
    small_cn_int,
)
from .types import LANGS, BriefNumber, BriefReport, DateParts, NumberCheck, SourceRef
from .units import CURRENCIES, RATE_UNITS, base_unit, units_compatible

_SCOPE_BEFORE = re.compile("(" + "|".join(SCOPE_WORDS) + ")$")  # 全省首家: the scope of a first
_LOWER = ("more_than", "at_least")
_UPPER = ("less_than", "at_most")




# --------------------------------------------------------------------------------------------------
# small helpers
# --------------------------------------------------------------------------------------------------

def _q(value: Decimal, quantum: Decimal, rounding: str) -> Decimal:
    try:
        return (value / quantum).quantize(Decimal(1), rounding=rounding) * quantum
    except (InvalidOperation, ZeroDivisionError):
        return value


def _approx_issue(b: str | None, s: str | None) -> bool:
    """Does the brief's approximation misstate the source's (for an equal value)?"""
    if b is None:
        return s is not None
    if b == "about":
        return False
    if b in _LOWER:
        return s not in _LOWER
    if b in _UPPER:
        return s not in _UPPER
    if b == "nearly":
        return s in _LOWER
    if b == "range":
        return s != "range"
    return False


def _value_class(unit: str | None) -> str:
    u = base_unit(unit)
    if u in RATE_UNITS:
        return "rate"
    if u in CURRENCIES:
        return "money"
    if u is None or u in ("x", "fraction"):
        return "count"
    return u


def _same_class(n: BriefNumber, c: SrcMention) -> bool:
    if not units_compatible(n.unit, c.unit):
        return False
    bc, sc = _value_class(n.unit), _value_class(c.unit)
    if bc == sc:
        return True
    return bc == "count" and sc != "rate"


def is_power_of_ten(r: Decimal) -> bool:
    """Whether ``r`` is 10, 100, 0.1 ... (not 1): a figure off by it has its digits right and its scale wrong."""
    if r <= 0:
        return False
    try:
        exp = r.log10()
    except InvalidOperation:
        return False
    return exp == exp.to_integral_value() and exp != 0


def _fmt(d: Decimal | None) -> str:
    if d is None:
        return "?"
    if d == d.to_integral_value():
        return f"{int(d):,}"
    return format(d.normalize(), "f")


# --------------------------------------------------------------------------------------------------
# the judge
# --------------------------------------------------------------------------------------------------

@dataclass
class _Ctx:
    ix: SourceIndex
    opts: AlignOptions
    local: set[int]  # anchored source sentences for this number (may be empty)
    used: frozenset[int] = frozenset()  # source mention starts other numbers of the brief stand for
    anchor_at: int | None = None  # source offset of the anchoring mention
    brief: str = ""  # the brief's text, for the words after a number (what it counts)


def _verdict(n: BriefNumber, error: str | None, matches=(), rounding=None, suggestion=None, note="") -> NumberCheck:
    return NumberCheck(number=n, verdict="supported" if error is None else "error", error=error,
                       rounding=rounding, matches=tuple(matches), suggestion=suggestion, note=note)


def _prefer_local(cands: list, local: set[int], key=lambda c: c.sentence) -> list:
    if not local:
        return cands
    loc = [c for c in cands if key(c) in local]
    return loc + [c for c in cands if key(c) not in local]


def _issues(n: BriefNumber, c: SrcMention) -> list[str]:
    out = []
    if n.direction and c.direction and n.direction != c.direction:
        out.append("direction")
    if not n.ordinal and not units_compatible(n.unit, c.unit):
        out.append("unit")
    if _approx_issue(n.approx, c.approx) and not (n.approx == "range" and c.upper == n.upper) \
            and not _span_of_time(n, c):
        out.append("approx_lost")
    if n.basis and c.basis and n.basis != c.basis:
        out.append("period")
    return out


def _span_of_time(n: BriefNumber, c: SrcMention) -> bool:
    """三天之内 / 一年以内 is the span itself ("during the three-day visit", "in a year"), not a bound a
    brief must keep; 长达20天 / 高达30% ("as long as") may be said "up to"."""
    if n.approx == "at_most" and c.approx is None and c.emphatic:
        return True
    return n.approx is None and c.approx == "at_most" and c.mention.text.endswith(("之内", "以内")) \
        and base_unit(c.unit) in ("day", "week", "month", "year", "hour")


def _judge_rank(n: BriefNumber, cx: _Ctx) -> NumberCheck:
    ix = cx.ix
    pool = ix.ranks
    local = [r for r in pool if r.sentence in cx.local] if cx.local else []

    def ok(r: SrcMention) -> bool:
        if n.rank_tier != r.rank_tier:
            return False
        if not n.rank_tier and r.rank_position != n.rank_position:
            return False
        return not (n.rank_scope and r.rank_scope and n.rank_scope != r.rank_scope)

    # the anchored sentence decides only when it holds a rank of the same sort (tier vs position);
    # in it, the rank that follows the anchoring number is the one that qualifies it
    # (37件、居全省第二位,地理标志商标18件,居全省第一位: 37 goes with 第二位)
    local = sorted((r for r in local if r.rank_tier == n.rank_tier), key=lambda r: r.mention.start)
    could_be = list(local) or [r for r in pool if r.rank_tier == n.rank_tier]  # before narrowing
    if local and cx.anchor_at is not None:
        after = [r for r in local if r.mention.start >= cx.anchor_at]
        nearest = after[:1] or local[-1:]
        r0 = nearest[0]
        # unless the brief names another scope than that rank's (first *in the province* after
        # "16 national-level zones" goes with 全省第一位, not with 16个...中第二位)
        if not (n.rank_scope and r0.rank_scope and n.rank_scope != r0.rank_scope):
            local = nearest
    search = local if local else pool
    good = [r for r in search if ok(r)]
    if good:
        return _verdict(n, None, [ix.ref(r) for r in good[:3]])
    if not local and n.rank_position == 1 and not n.rank_tier:
        # 全省首家 / 首个 / 最大: "the first (largest) in the province" where the core parsed no rank
        spans = [(r.mention.start, r.mention.end) for r in pool]
        for m in re.finditer(r"首家|首个|首批|首座|首位|最大|最高|最多", ix.text):
            # 全省首家 is first in the province: a brief's "first in the country" is not backed by it,
            # nor is any scope when the source names none.
            said = _SCOPE_BEFORE.search(ix.text[max(0, m.start() - 2):m.start()])
            if n.rank_scope and n.rank_scope != canonical_scope(said.group(1) if said else None):
                continue
            if not any(a <= m.start() < b for a, b in spans):
                return _verdict(n, None, [ix.span_ref(m.start(), m.end(), "rank", Decimal(1))],
                                note=f"{m.group(0)} read as first")
    if search:
        # wrong position, scope or tier
        near = search
        # A suggestion must be the one rank the brief can mean: a guard writes it in place of the
        # brief's ordinal, so it may change the position but never move the rank to another metric
        # ("indicators ranked 1st among 16 zones" must not become "2nd among 16 zones", the zone's
        # own rank) and never fix a scope the brief spells out in words the ordinal does not cover.
        fits = [r for r in could_be if not (n.rank_scope and r.rank_scope and n.rank_scope != r.rank_scope)]
        sug = fits[0] if len(fits) == 1 and len(could_be) == 1 else None
        why = []
        r0 = sug or near[0]
        if r0.rank_tier != n.rank_tier:
            why.append("tier vs position")
        elif r0.rank_position != n.rank_position:
            why.append(f"position {n.rank_position} vs source {r0.rank_position}")
        if n.rank_scope and r0.rank_scope and n.rank_scope != r0.rank_scope:
            why.append(f"scope {n.rank_scope} vs source {r0.rank_scope}")
        return _verdict(n, "rank", [ix.ref(r) for r in near[:3]], suggestion=ix.ref(sug) if sug else None,
                        note="; ".join(why))
    named = _ordinal_with_scope(n, ix.text)
    if named is not None:
        return _verdict(n, None, [ix.span_ref(named[0], named[1], "rank", Decimal(n.rank_position or 1))],
                        note=f"{ix.text[named[0]:named[1]]}: the same position and scope")
    return _verdict(n, "unsupported", note="the source states no rank")


_SCOPE_OF_WORD = {"天下": "world", "世界": "world", "全球": "world", "全国": "country", "全省": "province",
                  "全市": "city"}


def _ordinal_with_scope(n: BriefNumber, text: str) -> tuple[int, int] | None:
    """天下第一场 -> "the first farm in the world": a position the core reads as no rank, backed only when
    the brief's scope is the one written right before it (so 第一季度 never backs "ranked first")."""
    if n.rank_position is None or n.rank_tier or not n.rank_scope:
        return None

    for word, scope in _SCOPE_OF_WORD.items():
        if scope != n.rank_scope:
            continue
        for form in (f"{word}第{format_cn_int(n.rank_position)}", f"{word}第{n.rank_position}"):
            pos = text.find(form)
            if pos >= 0:
                return pos, pos + len(form)
    return None


def _brief_dates(n: BriefNumber) -> list[DateParts]:
    if n.lang == "en" or n.mention is None:
        return [n.date] if n.date else []

    found = [d.parts for d in scan_dates(n.text, lambda _p: 0)]
    if not found and n.date:
        found = [n.date]
    if n.upper is not None and n.upper == n.upper.to_integral_value() and 1800 <= n.upper <= 2100:
        if all(p.year != int(n.upper) for p in found):
            found.append(DateParts(int(n.upper), None, None))
    return found


def _date_matches(p: DateParts, d: SrcDate) -> bool:
    s = d.parts
    if p.decade:
        return s.year is not None and p.year is not None and p.year <= s.year <= p.year + 9
    for a, b in ((p.year, s.year), (p.month, s.month), (p.day, s.day)):
        if a is not None and a != b:
            return False
    return True


def _find_date(p: DateParts, ix: SourceIndex, local: set[int]) -> list[SrcDate]:
    hits = [d for d in ix.dates if _date_matches(p, d)]
    if hits:
        return _prefer_local(hits, local)
    if p.decade:
        return []
    # The source often leaves parts to context: 28日 under a 7月 dateline, 7月26日 with 2020年
    # elsewhere. A source date agreeing on every part it states, with the brief's finest part, is
    # accepted when each part it lacks is stated somewhere else in the source.
    finest = "day" if p.day is not None else "month" if p.month is not None else "year"
    for d in _prefer_local(ix.dates, local):
        s = d.parts
        if getattr(s, finest) is None or s.decade:
            continue
        pairs = (("year", p.year, s.year), ("month", p.month, s.month), ("day", p.day, s.day))
        if any(a is not None and b is not None and a != b for _, a, b in pairs):
            continue
        support = [d]
        for name, a, b in pairs:
            if a is not None and b is None:
                other = next((o for o in ix.dates if getattr(o.parts, name) == a and not o.parts.decade), None)
                if other is None:
                    support = []
                    break
                support.append(other)
        if support:
            return support
    return []


def _judge_date(n: BriefNumber, cx: _Ctx) -> NumberCheck:
    ix = cx.ix
    parts = _brief_dates(n)
    if not parts:
        return _judge_value(n, cx)
    matched: list[SrcDate] = []
    missing: list[DateParts] = []
    for p in parts:
        hits = _find_date(p, ix, cx.local)
        if hits:
            matched.extend(hits[:2])
        else:
            missing.append(p)
    if not missing:
        return _verdict(n, None, [ix.date_ref(d) for d in matched])
    p = missing[0]
    # a nearby date of the same granularity -> period; nothing like it -> unsupported
    same_gran = [d for d in ix.dates if (d.parts.year is None) == (p.year is None)
                 and (d.parts.month is None) == (p.month is None) and (d.parts.day is None) == (p.day is None)]
    local = [d for d in same_gran if d.sentence in cx.local] if cx.local else []
    near = []
    if p.year is not None:
        near = [d for d in same_gran if d.parts.year is not None and abs(d.parts.year - p.year) <= 2]
    elif p.month is not None and p.day is not None:
        near = [d for d in same_gran if d.parts.month == p.month or d.parts.day == p.day]
    elif p.day is not None:
        near = [d for d in ix.dates if d.parts.day is not None and abs(d.parts.day - p.day) <= 3]
    elif p.month is not None:
        near = [d for d in ix.dates if d.parts.month is not None and abs(d.parts.month - p.month) <= 2]
    cands = local or near
    if cands:
        sug = cands[0] if len({(c.parts.year, c.parts.month, c.parts.day) for c in cands}) == 1 else None
        return _verdict(n, "period", [ix.date_ref(d) for d in cands[:3]],
                        suggestion=ix.date_ref(sug) if sug else None,
                        note=f"no {_date_str(p)} in the source")
    return _verdict(n, "unsupported", note=f"no {_date_str(p)} in the source")


def _date_str(p: DateParts) -> str:
    bits = []
    if p.year is not None:
        bits.append(f"{p.year}{'s' if p.decade else ''}")
    if p.month is not None:
        bits.append(f"month {p.month}")
    if p.day is not None:
        bits.append(f"day {p.day}")
    return " ".join(bits) or "date"


def _judge_time(n: BriefNumber, cx: _Ctx) -> NumberCheck:
    ix = cx.ix
    if n.value is None:
        return _verdict(n, "unsupported")
    v = int(n.value)
    h, mi = divmod(v, 100)
    hits = [t for t in ix.times if t[1] == mi and (t[0] == h or t[0] + 12 == h or (h == 24 and t[0] == 0)
                                                     or (h == 0 and t[0] == 24))]
    if hits:
        return _verdict(n, None, [ix.span_ref(t[2], t[3], "time", Decimal(t[0] * 100 + t[1])) for t in hits[:2]])
    local = [t for t in ix.times if t[4] in cx.local]
    if local:
        return _verdict(n, "period", [ix.span_ref(t[2], t[3], "time", None) for t in local[:2]],
                        note=f"no {h:02d}:{mi:02d} in the source")
    return _verdict(n, "unsupported", note=f"no {h:02d}:{mi:02d} in the source")


def _judge_code(n: BriefNumber, cx: _Ctx) -> NumberCheck:
    ix = cx.ix
    key = re.sub(r"\s+", "", n.text)
    pos = ix.text.find(key)
    if pos >= 0:
        return _verdict(n, None, [ix.span_ref(pos, pos + len(key), "other", None)], note="a name or code")
    key = to_simplified(key)  # a Traditional brief names the code 兩委 where the source has 两委
    for c in ix.codes:
        if to_simplified(re.sub(r"\s+", "", c.mention.text).strip("“”\"")) == key:
            return _verdict(n, None, [ix.ref(c)], note="a name or code")
    return _verdict(n, "unsupported", note="no such name or code in the source")


def _rounding_judgement(n: BriefNumber, c: SrcMention, opts: AlignOptions) -> tuple[str, str] | None:
    """('ok'|'bad', note) when the brief's number is a rounding of c at the brief's precision."""
    q = n.quantum
    if q is None or q <= 0 or c.value is None or n.value is None or c.value == n.value:
        return None
    sv, bv = c.value, n.value
    half = _q(sv, q, ROUND_HALF_UP) == bv
    floor = _q(sv, q, ROUND_FLOOR) == bv
    ceil = _q(sv, q, ROUND_CEILING) == bv
    src = f"{_fmt(sv)}"
    if n.approx == "about" and (half or floor or ceil):
        return "ok", f"signalled rounding (about): source {src}"
    close = bv != 0 and abs(sv - bv) / abs(bv) <= Decimal("0.1")
    if n.approx in _LOWER and sv > bv and floor and close:
        return "ok", f"signalled bound ({n.approx.replace('_', ' ')}): source {src}"
    if n.approx in _UPPER + ("nearly",) and sv < bv and ceil and close:
        return "ok", f"signalled bound ({n.approx.replace('_', ' ')}): source {src}"
    if n.approx is None and half:
        if c.approx is not None:
            return "bad", f"rounded {src} and dropped the source's approximation"
        rate = base_unit(n.unit) in RATE_UNITS or base_unit(c.unit) in RATE_UNITS
        if (opts.faithful_sig_digits and n.scale_word and not rate and len(n.sig) >= opts.faithful_sig_digits):
            return "ok", f"faithful rounding ({len(n.sig)} significant digits with a scale word): source {src}"
        return "bad", f"unsignalled rounding of {src} to {_fmt(bv)}"
    if n.approx is not None and (half or floor or ceil):
        return "bad", f"{n.approx.replace('_', ' ')} {_fmt(bv)} misstates the source {src}"
    return None


def _derived(n: BriefNumber, cx: _Ctx, ratios: bool = True) -> NumberCheck | None:
    ix = cx.ix
    if n.value is None:
        return None
    cls = _value_class(n.unit)
    if cls != "rate":
        hit = ix.derived().get(n.value)
        if hit and all(units_compatible(n.unit, m.unit) for m in hit[1]):
            op, ms = hit
            return _verdict(n, "derived", [ix.ref(m) for m in ms],
                            note=f"{op} of {', '.join(m.mention.text for m in ms)}")
    if ratios and (cls == "rate" or base_unit(n.unit) in ("x", "fraction")):
        q = n.quantum or Decimal("0.01")
        # only numbers near the brief's context: anchored sentences, else the whole (small) source
        pool = [m for m in ix.mentions if m.value is not None and m.value > 0 and not m.is_code
                and m.kind not in ("date", "period", "rank") and m.unit not in ("date", "%", "pp", "bp")]
        if cx.local:
            pool = [m for m in pool if m.sentence in cx.local] or pool[:40]
        pool = pool[:60]
        for a in pool:
            for b in pool:
                if a is b or a.unit != b.unit and not (a.unit is None or b.unit is None):
                    continue
                if cls == "rate":
                    cands = (("share", a.value / b.value * 100), ("growth", (a.value / b.value - 1) * 100))
                elif n.unit == "fraction":
                    cands = (("ratio", a.value / b.value),)
                else:
                    cands = (("multiple", a.value / b.value),)
                for op, val in cands:
                    if val <= 0:
                        continue
                    if _q(val, q, ROUND_HALF_UP) == n.value or (n.unit == "fraction" and abs(val - n.value) < q * 10):
                        return _verdict(n, "derived", [ix.ref(a), ix.ref(b)],
                                        note=f"{op} of {a.mention.text} and {b.mention.text}")
    return None


def _raw_digits(n: BriefNumber, cx: _Ctx) -> NumberCheck | None:
    if not cx.opts.raw_digits or n.value is None or n.unit not in (None, "x") or n.scale_word:
        return None
    if n.value != n.value.to_integral_value() or n.approx:
        return None
    key = str(int(n.value))
    spans = cx.ix.raw_digits.get(key, [])
    covered = [(m.mention.start, m.mention.end) for m in cx.ix.mentions]
    for s, e in spans:
        if not any(ms <= s and e <= me for ms, me in covered) or any(
                m.is_code and m.mention.start <= s and e <= m.mention.end for m in cx.ix.mentions):
            return _verdict(n, None, [cx.ix.span_ref(s, e, "other", n.value)],
                            note="digits written in the source outside any metric (a name or code)")
    return None


def _judge_value(n: BriefNumber, cx: _Ctx) -> NumberCheck:
    ix = cx.ix
    if n.value is None:
        return _verdict(n, "unsupported")
    if n.unit == "fraction":
        return _judge_fraction(n, cx)
    exact = list(ix.by_value.get(n.value, []))
    if n.ordinal:
        ranks = [r for r in ix.ranks if r.rank_position is not None and n.value == r.rank_position]
        positional = [c for c in exact if _positional(c)]
        if positional or ranks:
            return _verdict(n, None, [ix.ref(c) for c in _prefer_local(positional + ranks, cx.local)[:3]])
        hit = _ordinal_in_text(n.value, ix.text)
        if hit is not None:
            return _verdict(n, None, [ix.span_ref(hit[0], hit[1], "other", n.value)], note="ordinal in the source")
        word = _word_numeral(n, cx, ordinal=True)
        if word is not None:
            return word
        # "the two-day (10th and 11th) programme", "around the 28th": a day of the month written as an
        # ordinal where no date pattern of the brief caught it
        days = [d for d in ix.dates if d.parts.day == n.value]
        if days:
            d = _prefer_local(days, cx.local)[0]
            return _verdict(n, None, [ix.date_ref(d)], note=f"{ix.text[d.start:d.end]}: a day of the month")
        if exact:  # "the 100th delegation" for 百人 / 100人: a position the source never gives
            c = _prefer_local(exact, cx.local)[0]
            return _verdict(n, "value", [ix.ref(c)], note=f"an ordinal for the count {c.mention.text}")
    # ranges: both ends
    if n.upper is not None:
        both = [c for c in exact if c.upper == n.upper and c.value == n.value]
        if both:
            return _verdict(n, None, [ix.ref(c) for c in both[:2]])
        ups = ix.by_value.get(n.upper, [])
        pairs = [(a, b) for a in exact for b in ups if a.sentence == b.sentence and a is not b]
        if pairs:
            a, b = pairs[0]
            return _verdict(n, None, [ix.ref(a), ix.ref(b)], note="range read from two source numbers")
        # one end right, the other not: "between 600,000 and 900,000" for 60万到80万
        ends = [c for c in ix.mentions if c.upper is not None and c.value is not None
                and (c.value == n.value) != (c.upper == n.upper) and units_compatible(n.unit, c.unit)]
        if ends:
            c = _prefer_local(ends, cx.local)[0]
            return _verdict(n, "value", [ix.ref(c)], suggestion=ix.ref(c),
                            note=f"range {_fmt(n.value)}-{_fmt(n.upper)} vs source {_fmt(c.value)}-{_fmt(c.upper)}")
    exact = _prefer_local(exact, cx.local)
    clean = [c for c in exact if not _issues(n, c)]
    # among equal values, the same unit first (two days: 两天 before 两家)
    clean.sort(key=lambda c: (c.sentence not in cx.local, base_unit(c.unit) != base_unit(n.unit)))
    if clean:
        return _verdict(n, None, [ix.ref(c) for c in clean[:3]])
    word = _word_numeral(n, cx)
    if word is not None:
        return word
    conv = _conversion(n, cx)
    if conv is not None:
        return conv
    vague = _vague(n, cx)
    if vague is not None:
        return vague
    # 14日集中隔离: a day count the source writes like a date
    if base_unit(n.unit) == "day" and n.value == n.value.to_integral_value() and n.value <= 31:
        for d in ix.dates:
            if d.parts.day == int(n.value) and d.parts.month is None and d.parts.year is None:
                return _verdict(n, None, [ix.date_ref(d)], note=f"{ix.text[d.start:d.end]} read as a number of days")
    # rounding
    best_bad: tuple[SrcMention, str] | None = None
    near = [c for c in ix.near_values(n.value) if _same_class(n, c) and c.value != n.value]
    near = _prefer_local(near, cx.local)
    # an exact-value mention of the same quantity outranks a rounding of another one
    same_quantity = [c for c in exact if "unit" not in _issues(n, c)]
    for c in near:
        j = _rounding_judgement(n, c, cx.opts)
        if j is None:
            continue
        if j[0] == "ok" and not same_quantity and not [i for i in _issues(n, c) if i != "approx_lost"]:
            return _verdict(n, None, [ix.ref(c)], rounding=j[1])
        if best_bad is None:
            best_bad = (c, j[1])
    scaled = _scale_candidates(n, cx)
    if exact:
        # the closest reading: local first, then fewest conflicts, a unit conflict last
        exact.sort(key=lambda x: (0 if x.sentence in cx.local else 1, "unit" in _issues(n, x), len(_issues(n, x))))
        c = exact[0]
        iss = _issues(n, c)
        if iss[0] == "unit" and scaled and base_unit(n.unit) is not None and any(
                base_unit(s.unit) == base_unit(n.unit) for s in scaled):
            s = next(s for s in scaled if base_unit(s.unit) == base_unit(n.unit))
            return _verdict(n, "scale", [ix.ref(s)], suggestion=ix.ref(s),
                            note=f"{_fmt(n.value)} vs source {_fmt(s.value)}")
        err = iss[0]
        note = {
            "direction": f"{n.direction} vs source {c.direction}",
            "unit": f"unit {n.unit or 'none'} vs source {c.unit or 'count'}",
            "approx_lost": f"{n.approx or 'exact'} vs source {c.approx or 'exact'}",
            "period": f"basis {n.basis} vs source {c.basis}",
        }[err]
        if len(iss) > 1:
            note += f" (also {', '.join(iss[1:])})"
        return _verdict(n, err, [ix.ref(x) for x in exact[:3]], suggestion=ix.ref(c) if len(exact) == 1 else None,
                        note=note)
    if cx.opts.derived and _value_class(n.unit) != "rate":
        d = _derived(n, cx, ratios=False)
        if d is not None:
            return d
    if best_bad is not None:
        c, note = best_bad
        return _verdict(n, "value", [ix.ref(c)], rounding=note, suggestion=ix.ref(c), note=note)
    if scaled:
        c = scaled[0]
        return _verdict(n, "scale", [ix.ref(c)], suggestion=ix.ref(c) if len(scaled) == 1 else None,
                        note=f"{_fmt(n.value)} vs source {_fmt(c.value)}")
    if cx.opts.derived:
        d = _derived(n, cx)
        if d is not None:
            return d
    raw = _raw_digits(n, cx)
    if raw is not None:
        return raw
    # value: the one plausible source number
    plaus = _plausible(n, cx)
    if plaus is not None:
        c, why = plaus
        return _verdict(n, "value", [ix.ref(c)], suggestion=ix.ref(c), note=why)
    sug = _only_candidate(n, cx)
    return _verdict(n, "unsupported", suggestion=ix.ref(sug) if sug else None,
                    note="no source number it could be")


_SCALED_TEXT = re.compile(r"[万萬亿億千百]|\d\.\d")


def _scale_candidates(n: BriefNumber, cx: _Ctx) -> list[SrcMention]:
    """Source numbers with the brief's significant digits at another power of ten, where a scale is
    in play on one side (a scale word or decimal in the brief, 万/亿 or a decimal in the source):
    146万元 -> "146 yuan", 12.62亿元 -> "12.62 billion"; not 14 vs 1400."""
    if not n.sig or n.value is None or n.value == 0:
        return []
    brief_scaled = bool(n.scale_word) or "." in n.text or n.lang != "en" and bool(_SCALED_TEXT.search(n.text))
    out = []
    bc = _value_class(n.unit)
    for c in cx.ix.by_sig.get(n.sig, []):
        if not c.value or c.value == n.value or not units_compatible(n.unit, c.unit):
            continue
        sc = _value_class(c.unit)
        if bc != sc and not (bc == "count" and sc not in ("rate", "money")) and not (
                n.unit is None and sc == "money" and n.scale_word):
            continue  # "a dozen" is not 120亿美元 at another scale; "1.262 billion" may be 12.62亿元
        if not is_power_of_ten(abs(n.value / c.value)):
            continue
        same_unit = base_unit(n.unit) is not None and base_unit(n.unit) == base_unit(c.unit)
        if brief_scaled or _SCALED_TEXT.search(c.mention.text) and (len(n.sig) >= 2 or same_unit):
            out.append(c)
    return _prefer_local(out, cx.local)


# brief unit, source unit -> factor (brief value = source value x factor)
_CONVERSIONS: dict[tuple[str, str], Decimal] = {
    ("ha", "mu"): Decimal(1) / Decimal(15), ("mu", "ha"): Decimal(15), ("km2", "mu"): Decimal(1) / Decimal(1500),
    ("mu", "km2"): Decimal(1500), ("m2", "mu"): Decimal(2000) / Decimal(3), ("ha", "km2"): Decimal(100),
    ("km2", "ha"): Decimal("0.01"), ("kg", "jin"): Decimal("0.5"), ("jin", "kg"): Decimal(2),
    ("t", "jin"): Decimal("0.0005"), ("km2", "m2"): Decimal("0.000001"), ("ha", "m2"): Decimal("0.0001"),
    # power and energy in a larger unit, as translators write them (1000万千瓦 -> "10,000 MW", "10 GW")
    ("MW", "kW"): Decimal("0.001"), ("GW", "kW"): Decimal("0.000001"), ("GW", "MW"): Decimal("0.001"),
    ("MWh", "kWh"): Decimal("0.001"), ("GWh", "kWh"): Decimal("0.000001"), ("TWh", "kWh"): Decimal("1E-9"),
    ("kg", "t"): Decimal(1000), ("t", "kg"): Decimal("0.001"),
}


def unit_factor(brief_unit: str | None, source_unit: str | None) -> Decimal | None:
    """What a source value in ``source_unit`` is multiplied by to be said in ``brief_unit`` (both canonical):
    1 for the same base unit, a conversion's factor (kW -> MW: 0.001), None when they do not convert."""
    b, s = base_unit(brief_unit), base_unit(source_unit)
    if b == s:
        return Decimal(1)
    return _CONVERSIONS.get((b, s)) if b and s else None


def _conversion(n: BriefNumber, cx: _Ctx) -> NumberCheck | None:
    """'6,000 mu (400 hectares)': a unit conversion of a source number, as the core itself renders
    (2381亩 -> 2,381 mu (about 158.7 ha)). Supported, with the conversion noted."""
    bu = base_unit(n.unit)
    if bu is None or n.value is None:
        return None
    q = n.quantum or Decimal(1)
    for c in _prefer_local(cx.ix.mentions, cx.local):
        cu = base_unit(c.unit)
        f = _CONVERSIONS.get((bu, cu)) if cu else None
        if f is None or c.value is None:
            continue
        conv = c.value * f
        if _q(conv, q, ROUND_HALF_UP) == n.value or abs(conv - n.value) <= q:
            return _verdict(n, None, [cx.ix.ref(c)],
                            rounding=f"unit conversion of {c.mention.text} "
                                     f"({_fmt(conv.quantize(Decimal('0.01')))} {bu})")
    return None


def _ordinal_in_text(v: Decimal, text: str) -> tuple[int, int] | None:
    """第十一 / 第11 / 一级 / 11级 / 十一届 in the raw source: an ordinal the core keeps as a word."""
    if v != v.to_integral_value() or v <= 0 or v > 999:
        return None

    k = int(v)
    cn = format_cn_int(k)
    for form in (f"第{cn}", f"第{k}", f"{cn}级", f"{k}级", f"{cn}届", f"{k}届", f"{cn}期", f"{cn}号", f"{k}号"):
        pos = text.find(form)
        while pos >= 0:
            before = text[pos - 1:pos] if pos else ""
            if not (before.isdigit() or before in "一二三四五六七八九十百千两零"):
                return pos, pos + len(form)
            pos = text.find(form, pos + 1)
    return None


def _positional(c: SrcMention) -> bool:
    """Can this source mention back an English ordinal (the 16th forum: 第十六届; the 75th anniversary:
    75周年), as opposed to a plain count (百人, 100人)?"""
    t = c.mention.text
    return c.kind in ("other", "rank", "period", "date") or t.startswith("第") or t.endswith(("周年", "届", "号"))


_NUMERAL_CHARS = set("零〇一二两三四五六七八九十百千万亿")


def _counts_the_word(brief: str, n: BriefNumber, word: str, unit: str | None) -> bool:
    """Whether the English number ``n`` is part of a name (a capital or a hyphen after it) or counts what the
    source word's own character names (两委: "two committees", 三峡 "Three Gorges", 万亩 "10,000-mu")."""
    after = brief[n.end:n.end + 40]
    if re.match(r"-|\s+[A-Z⟦]", after):  # ⟦…⟧: a name the translation marks
        return True
    if n.unit is not None and unit is not None:
        return True  # a measure (万亩 "10,000 mu") is judged by its unit
    heads = [c for c in word if c not in _NUMERAL_CHARS]
    words = {w.lower().rstrip("s") for w in re.findall(r"[A-Za-z]+", after)[:3]}
    for head in heads:
        entry = lookup(head)
        if entry is None:
            continue
        glossed = {g.lower().rstrip("s") for gloss in (entry.glosses or (entry.english,))
                   for g in re.findall(r"[A-Za-z]+", gloss)}
        if words & glossed:
            return True
    return not heads


def _word_numeral(n: BriefNumber, cx: _Ctx, ordinal: bool = False) -> NumberCheck | None:
    """两委 -> "the two committees", 二十大 -> "the 20th congress", 万亩 -> "10,000-mu": a numeral inside a
    source word, matched only exactly (same value, compatible unit, no hedge the source lacks). A count
    word does not back an ordinal (百人团 is no "100th delegation") nor a position word a count (二十大 is
    no "20 principles", 四论 no "four discussions")."""
    if n.value is None or n.value != n.value.to_integral_value() or n.approx not in (None,) or n.upper is not None:
        return None
    if not ordinal and n.value < 2:
        return None
    ix = cx.ix
    same = [w for w in ix.words if w.value == n.value]
    if not same:
        return None
    if ordinal:
        fits = [w for w in same if w.kind != "count"]
    else:
        fits = [w for w in same if w.kind != "ordinal" and units_compatible(n.unit, w.unit)]
    if not ordinal and n.lang == "en" and cx.brief:
        # a count backed by a word's numeral counts that word's thing (两委 "two committees") or is part of a name
        # ("Three Gorges", "Three-River"): 三江源 backs no "Three wild antelopes" (L0514, AFTER17)
        fits = [w for w in fits if _counts_the_word(cx.brief, n, w.mention.text, w.unit)]
    if fits:
        w = _prefer_local(fits, cx.local)[0]
        return _verdict(n, None, [ix.ref(w)], note=f"numeral inside the word {w.mention.text}")
    w = _prefer_local(same, cx.local)[0]
    if ordinal and w.kind == "count":
        return _verdict(n, "value", [ix.ref(w)], note=f"an ordinal for the count {w.mention.text}")
    if not ordinal and w.kind == "ordinal" and n.unit is None:
        return _verdict(n, "value", [ix.ref(w)], note=f"a count for the position {w.mention.text}")
    if not ordinal and w.unit is not None and not units_compatible(n.unit, w.unit):
        return _verdict(n, "unit", [ix.ref(w)], note=f"unit {n.unit} vs source {w.unit} ({w.mention.text})")
    return None


def _vague(n: BriefNumber, cx: _Ctx) -> NumberCheck | None:
    """十几 / 上万 / 五六百米: supported when the brief's number (or range) lies inside and is hedged."""
    ix = cx.ix
    for v in _prefer_local(ix.vague, cx.local):
        lo, hi = v.value, v.upper if v.upper is not None else v.value
        if lo is None or not (units_compatible(n.unit, v.unit) or v.unit is None and _value_class(n.unit) != "rate"):
            continue
        top = n.upper if n.upper is not None else n.value
        if lo <= n.value <= hi and lo <= top <= hi:
            if n.approx is None and n.upper is None and not (n.value == lo and v.approx in _LOWER):
                return _verdict(n, "approx_lost", [ix.ref(v)], suggestion=ix.ref(v),
                                note=f"an exact number for the vague {v.mention.text}")
            return _verdict(n, None, [ix.ref(v)], rounding=f"within the vague source quantity {v.mention.text}")
    return None


def _judge_fraction(n: BriefNumber, cx: _Ctx) -> NumberCheck:
    ix = cx.ix
    for c in ix.mentions:
        if c.value is None:
            continue
        v = c.value / 100 if c.unit == "%" else c.value if c.kind == "ratio" or c.value < 1 else None
        if v is not None and abs(v - n.value) <= Decimal("0.02"):
            return _verdict(n, None, [ix.ref(c)], rounding=f"fraction of {c.mention.text}")
    for m in re.finditer(r"([一二三四五六七八九十]+)分之([一二三四五六七八九十]+)|一半|半数|过半", ix.text):
        if m.group(0) in ("一半", "半数", "过半"):
            v = Decimal("0.5")
        else:
            den, num = small_cn_int(m.group(1)), small_cn_int(m.group(2))
            if not den or num is None:
                continue
            v = Decimal(num) / Decimal(den)
        if abs(v - n.value) <= Decimal("0.02"):
            return _verdict(n, None, [ix.span_ref(m.start(), m.end(), "ratio", v)])
    d = _derived(n, cx) if cx.opts.derived else None
    return d or _verdict(n, "unsupported", note="no such share in the source")


def _plausible(n: BriefNumber, cx: _Ctx) -> tuple[SrcMention, str] | None:
    ix = cx.ix
    if cx.local:
        loc = [c for c in ix.mentions if c.sentence in cx.local and c.value is not None and _same_class(n, c)
               and c.unit != "date" and c.rank_position is None and not c.is_code
               and c.mention.start not in cx.used]
        if len(loc) == 1 and _similar(n, loc[0]):
            return loc[0], f"the anchored source sentence has {loc[0].mention.text}"
        sim = [c for c in loc if _similar(n, c)]
        if len(sim) == 1:
            return sim[0], f"digits close to {sim[0].mention.text}"
    if not n.sig or len(n.sig) < 2:
        return None
    sims = []
    for c in ix.near_values(n.value, Decimal("0.6")):
        if not _same_class(n, c) or not c.sig or c.unit == "date" or c.mention.start in cx.used:
            continue
        if len(c.sig) == len(n.sig) and edit_distance(n.sig, c.sig) <= (1 if len(n.sig) <= 3 else 2) \
                and _similar(n, c):
            sims.append(c)
    if len(sims) == 1:
        return sims[0], f"digits close to {sims[0].mention.text}"
    return None


def _similar(n: BriefNumber, c: SrcMention) -> bool:
    """Could c be what the brief meant: the same kind of quantity, and close digits or within 30%?"""
    if n.value is None or c.value is None or not n.sig or not c.sig:
        return False
    bc, sc = _value_class(n.unit), _value_class(c.unit)
    if bc != sc and not (bc == "count" and sc not in ("rate", "money")):
        return False
    if len(n.sig) == len(c.sig) >= 2 and edit_distance(n.sig, c.sig) <= len(n.sig) - 1:
        return True
    return c.value != 0 and abs(n.value - c.value) / abs(c.value) <= Decimal("0.3")


def _only_candidate(n: BriefNumber, cx: _Ctx) -> SrcMention | None:
    """The one source number an unsupported number may stand for: only for money, rates and measures
    (a plain count such as "58 banks" has no safe replacement)."""
    if _value_class(n.unit) == "count":
        return None
    ix = cx.ix
    pool = [c for c in ix.mentions if c.value is not None and _same_class(n, c) and c.unit != "date"
            and c.rank_position is None and not c.is_code and c.kind not in ("date", "period")
            and c.mention.start not in cx.used]
    if cx.local:
        loc = [c for c in pool if c.sentence in cx.local]
        if len(loc) == 1:
            return loc[0]
    cls = _value_class(n.unit)
    if cls in ("money", "rate") or (cls not in ("count",)):
        same_unit = [c for c in pool if base_unit(c.unit) == base_unit(n.unit)]
        if len(same_unit) == 1:
            return same_unit[0]
    return None


_CALENDAR_PERIOD = re.compile(r"季度|半年|年度|年底|年末|年初|月份|上旬|中旬|下旬|季末|前[一二三四1-4]季")


def _verbatim_period(n: BriefNumber, cx: _Ctx) -> NumberCheck | None:
    """前三季度 / 上半年 / 连续3年 written exactly as in the source (Chinese briefs)."""
    if n.lang == "en" or n.kind not in ("period", "date") or not _CALENDAR_PERIOD.search(n.text):
        return None
    t = cx.ix.text
    pos = t.find(n.text)
    while pos >= 0:
        after = t[pos + len(n.text):pos + len(n.text) + 1]
        before = t[pos - 1:pos] if pos else ""
        if not (after.isdigit() or before.isdigit() or after == "."):
            return _verdict(n, None, [cx.ix.span_ref(pos, pos + len(n.text), n.kind, n.value)],
                            note="the same wording in the source")
        pos = t.find(n.text, pos + 1)
    return None


def _judge(n: BriefNumber, cx: _Ctx) -> NumberCheck:
    if n.is_code:
        return _judge_code(n, cx)
    verbatim = _verbatim_period(n, cx)
    if verbatim is not None:
        return verbatim
    if n.kind == "rank" and (n.rank_position is not None or n.rank_tier):
        return _judge_rank(n, cx)
    if n.kind == "time":
        return _judge_time(n, cx)
    if n.kind in ("date", "period") and (n.date is not None or n.unit == "date" or n.lang != "en"):
        if n.unit == "date" or n.date is not None:
            return _judge_date(n, cx)
    return _judge_value(n, cx)


# --------------------------------------------------------------------------------------------------
# anchors and the public entry point
# --------------------------------------------------------------------------------------------------

def _anchor(n: BriefNumber, ix: SourceIndex) -> tuple[int, int] | None:
    """(source sentence, source offset) a distinctive brief number matches exactly, if unique."""
    if n.value is None or n.kind in ("rank", "date", "period", "time") or n.is_code or n.ordinal:
        return None
    if n.value == n.value.to_integral_value() and abs(n.value) < 10:
        return None
    cands = [c for c in ix.by_value.get(n.value, []) if units_compatible(n.unit, c.unit)]
    sents = {c.sentence for c in cands}
    if len(sents) == 1:
        return cands[0].sentence, cands[0].mention.start
    return None


def parse_brief(brief: str, lang: str) -> list[BriefNumber]:
    """Numbers of a brief: the English parser for ``en``, the numeric core for ``zh`` / ``zh-Hant``."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    if lang == "en":
        return parse_english_numbers(brief)

    return parse_chinese_numbers(brief, lang)


def check_brief(source: str | Extraction, brief: str, lang: str, *, options: AlignOptions = DEFAULT_OPTIONS,
                numbers: list[BriefNumber] | None = None) -> BriefReport:
    """Every number of ``brief`` with its verdict against ``source``.

    ``source`` is the release text or the core's ``Extraction`` of it (pass the Extraction when
    checking many candidates: the source index is cached per Extraction object). ``lang`` is
    ``en``, ``zh`` or ``zh-Hant``. ``numbers`` may pass numbers already parsed from ``brief``.
    Several briefs of one source scored together: ``harness.check_briefs``.
    """
    if lang is None:
        raise ValueError("check_brief: lang is required with a brief (en, zh or zh-Hant)")
    ex = source if isinstance(source, Extraction) else extraction_for(source)
    ix = index_for(ex)
    if numbers is None:
        nums = parse_brief(brief, lang)
        if lang == "zh-Hant":
            nums = _via_simplified(brief, nums)
    else:
        nums = numbers
    spans = sentence_spans(brief) or [(0, len(brief))]
    starts = [s for s, _ in spans]

    def sent(pos: int) -> int:
        i = 0
        for k, s in enumerate(starts):
            if s <= pos:
                i = k
            else:
                break
        return i

    sids = [sent(n.start) for n in nums]
    anchors: dict[int, list[tuple[int, tuple[int, int]]]] = {}
    if options.local_context:
        for n, sid in zip(nums, sids, strict=True):
            a = _anchor(n, ix)
            if a is not None:
                anchors.setdefault(sid, []).append((n.start, a))
    ctxs = []
    for n, sid in zip(nums, sids, strict=True):
        local: set[int] = set()
        at: int | None = None
        cand = [(abs(pos - n.start), a) for pos, a in anchors.get(sid, []) if pos != n.start]
        if n.kind == "rank" and any(pos < n.start for pos, _ in anchors.get(sid, [])):
            # a rank qualifies the figure before it ("37 well-known trademarks, ranking second …, and 18 …,
            # ranking first"): the nearer figure after it is the next item's, not this rank's
            cand = [(n.start - pos, a) for pos, a in anchors.get(sid, []) if pos < n.start]
        if cand:
            cand.sort()
            local, at = {cand[0][1][0]}, cand[0][1][1]
        ctxs.append(_Ctx(ix, options, local, anchor_at=at, brief=brief))
    checks = [_judge(n, cx) for n, cx in zip(nums, ctxs, strict=True)]
    # Second pass: an erroneous number's intended source number is not one the brief already states, nor one
    # the brief states with its hedge lost: "at least 80% … under 4" and a "50%" the core cannot back (大约一半)
    # made the 50% the sentence's other percentage, "at least 80% of falls among children aged 5 to 14"
    used = frozenset(m.start for c in checks if c.supported for m in c.matches) | frozenset(
        c.suggestion.start for c in checks if c.error == "approx_lost" and c.suggestion is not None)
    if used and any(not c.supported for c in checks):
        checks = [c if c.supported else _judge(n, _Ctx(cx.ix, cx.opts, cx.local, used, cx.anchor_at, brief))
                  for c, n, cx in zip(checks, nums, ctxs, strict=True)]
    if options.attribution:
        checks = _misattributed(ex, brief, lang, checks)
    return BriefReport(lang=lang, brief=brief, checks=tuple(checks), signature=signature_string(options, lang))


def _misattributed(ex: Extraction, brief: str, lang: str, checks: list[NumberCheck]) -> list[NumberCheck]:
    """A rank the source has, but the brief pins on a metric the source ranks otherwise
    ("well-known trademarks ranked 1st" where 1st is the geographical-indication trademarks')."""

    # Ranks only: the value check (a count pinned on another metric) leans on labels too loosely to
    # judge a full human translation (it flagged correct figures in the dev references).
    wrong = {m.start: m for m in misattributions(ex, brief, lang, checks) if m.error == "rank"}
    return [replace(c, verdict="error", error=wrong[c.number.start].error, suggestion=None,
                    note="misattributed: the source gives this figure to another metric")
            if c.number.start in wrong else c for c in checks]


def _via_simplified(brief: str, nums: list[BriefNumber]) -> list[BriefNumber]:
    """Judge a Traditional brief on its Simplified form, as the source is normalized the same way
    (兩委, 7日內, 保證水位 then read exactly like the Simplified text), keeping the brief's own
    spans and text. Only when OpenCC keeps every character in place (it nearly always does)."""
    from dataclasses import replace


    simple = to_simplified(brief)
    if len(simple) != len(brief):
        return nums
    return [replace(n, text=brief[n.start:n.end], lang="zh-Hant") for n in parse_brief(simple, "zh")]


def suggestions(report: BriefReport) -> list[tuple[NumberCheck, SourceRef]]:
    """(check, source mention) for each erroneous number that has one unambiguous intended source number:
    what the guard repairs, e.g. with ``suggestion.rendered_en``."""
    return [(c, c.suggestion) for c in report.checks if not c.supported and c.suggestion is not None]
