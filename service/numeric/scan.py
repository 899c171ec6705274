"""Find numeric mentions in one sentence of normalized text.

Passes run from the most specific to the most generic, and each claims its characters, so a
digit belongs to exactly one mention: codes, dates/periods, changes, percentages, ranks,
then numbers with units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from . import patterns as P
from .cnnum import CnNumberError, canon, parse_cn_number
from .types import Rank
from .units import COUNTERS, TIME, category, normalize_unit

_CLAUSE_BREAK = set("，。；：！？,;:!?()（）“”\"「」 ")
_CN_MONTH_DAY = {"十": 10, "十一": 11, "十二": 12}


@dataclass
class Raw:
    """A mention in sentence coordinates (before mapping to original offsets)."""

    i: int
    j: int
    kind: str
    value: Decimal | None
    unit: str | None
    approx: str | None = None
    upper: Decimal | None = None
    direction: str | None = None
    basis: str | None = None
    rank: Rank | None = None
    is_code: bool = False
    date_iso: str | None = None


def _num(s: str) -> Decimal:
    return parse_cn_number(s)


def _small(s: str) -> int:
    """Month/day/quarter numbers written in digits or Chinese numerals."""
    if s.isdigit():
        return int(s)
    return int(parse_cn_number(s))


_LOOKBACK = 60  # a label, basis or scope is never further back than this


def _clause_start(text: str, i: int) -> int:
    k = i
    floor = max(0, i - _LOOKBACK)
    while k > floor and text[k - 1] not in "，。；！？,;!?：:":
        k -= 1
    return k


class _Claims:
    def __init__(self, n: int):
        self.taken = [False] * n

    def free(self, i: int, j: int) -> bool:
        return not any(self.taken[i:j])

    def take(self, i: int, j: int) -> None:
        for k in range(i, j):
            self.taken[k] = True


def scan(text: str) -> list[Raw]:
    """All numeric mentions of one sentence (normalized text), ordered by position."""
    if not re.search(rf"[\d{P.CNDIG}十首百千万亿]", text):
        return []
    claims = _Claims(len(text))
    out: list[Raw] = []
    for step in (_codes, _dates, _changes, _percents, _ranks, _fractions, _generic, _vague):
        step(text, claims, out)
    out.sort(key=lambda r: (r.i, r.j))
    return out


def _add(out: list[Raw], claims: _Claims, raw: Raw) -> None:
    claims.take(raw.i, raw.j)
    out.append(raw)


# --- codes ---------------------------------------------------------------------------------------

_HAS_QUOTE = re.compile("[“\"「『‘]")
_HAS_LATIN = re.compile("[A-Za-z]")


def _codes(text: str, claims: _Claims, out: list[Raw]) -> None:
    if _HAS_QUOTE.search(text):
        _quoted_codes(text, claims, out)
    for rx in (P.PLUS_CODE, P.PLAN_CODE, P.HOTLINE):
        for m in rx.finditer(text):
            if claims.free(m.start(), m.end()):
                code = Raw(m.start(), m.end(), "other", _code_value(m.group()), None, is_code=True)
                _add(out, claims, code)
    if "第" in text:
        for m in P.ORDINAL_NAME.finditer(text):
            if claims.free(m.start(), m.end()):
                _add(out, claims, Raw(m.start(), m.end(), "other", None, None, is_code=True))
    for m in P.LIST_MARK.finditer(text):
        if claims.free(m.start(), m.end()):
            _add(out, claims, Raw(m.start(), m.end(), "other", Decimal(m["n"]), None, is_code=True))
    if not _HAS_LATIN.search(text) and "×" not in text and "*" not in text:
        return
    for m in P.DIMENSIONS.finditer(text):
        if claims.free(m.start(), m.end()):
            unit = normalize_unit(m["u1"] or m["u3"] or "") or None
            _add(out, claims, Raw(m.start(), m.end(), "other", None, unit))
    for m in P.LATIN_CODE.finditer(text):
        if m.start() > 0 and text[m.start() - 1] == ".":
            continue
        letters = re.sub(r"[\d.\-]", "", m.group())
        if letters in P.LATIN_UNITS:
            continue
        if claims.free(m.start(), m.end()):
            _add(out, claims, Raw(m.start(), m.end(), "other", None, None, is_code=True))


def _quoted_codes(text: str, claims: _Claims, out: list[Raw]) -> None:
    for m in P.QUOTED.finditer(text):
        inner = m.group(1)
        if not P.QUOTED_NUMERIC.search(inner) or not _looks_numeric_name(inner):
            continue
        i, j = m.start(1), m.end(1)
        if claims.free(i, j):
            _add(out, claims, Raw(i, j, "other", _code_value(inner), None, is_code=True))


def _looks_numeric_name(inner: str) -> bool:
    """A quoted short string whose numerals are part of a name (五抓五提, 13710, 一图一表)."""
    if re.fullmatch(r"\s*[\d.]+\s*%?\s*", inner) and "%" in inner:
        return False  # a quoted percentage is still a percentage
    # A Chinese numeral must stand as a number: 千/百 inside words (百花) do not count alone.
    return bool(re.search(rf"[\d{P.CNDIG}十]", inner))


def _code_value(s: str) -> Decimal | None:
    return Decimal(s) if s.isdigit() else None


# --- dates ------------------------------------------------------------------------------------

def _year(s: str) -> int:
    if s.isdigit():
        return int(s)
    return int(parse_cn_number(s))


def _quarter_iso(ys: str) -> tuple[str, str]:
    """Year suffix -> (iso suffix, kind)."""
    if ys in ("上半年",):
        return "-H1", "period"
    if ys in ("下半年",):
        return "-H2", "period"
    q = P.QUARTER.fullmatch(ys)
    if q:
        if q.group("pre"):
            return f"-Q1/{{y}}-Q{_small(q.group('q2'))}", "period"
        return f"-Q{_small(q.group('q'))}", "period"
    if ys in ("度", "年度"):
        return "", "period"
    return "", "date"


_DATE_GATE = re.compile("[年月日时季/\\-财世]")


def _dates(text: str, claims: _Claims, out: list[Raw]) -> None:
    if not _DATE_GATE.search(text):
        return
    for m in P.ISO_DATE.finditer(text):
        iso = f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
        if m["h"]:
            iso += f"T{int(m['h']):02d}:{m['mi']}" + (f":{m['s']}" if m["s"] else "")
        if claims.free(m.start(), m.end()):
            _add(out, claims, Raw(m.start(), m.end(), "date", None, "date", date_iso=iso))
    for m in P.FISCAL_YEAR.finditer(text):
        if claims.free(m.start(), m.end()):
            _add(out, claims, Raw(m.start(), m.end(), "period", Decimal(m["y"]), "财年", date_iso=f"FY{m['y']}"))
    for m in P.DECADE.finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        if m["c"]:
            year = (int(m["c"]) - 1) * 100 + int(m["d"])
            _add(out, claims, Raw(m.start(), m.end(), "date", Decimal(year), "年代", date_iso=f"{year}s"))
        elif m["y"]:
            _add(out, claims, Raw(m.start(), m.end(), "date", Decimal(m["y"]), "年代", date_iso=f"{m['y']}s"))
        else:
            _add(out, claims, Raw(m.start(), m.end(), "date", Decimal(m["c2"]), "世纪", date_iso=None))
    for m in P.ELIDED_DAY.finditer(text):
        if claims.free(m.start(), m.end()):
            iso = f"--{int(m['m']):02d}-{int(m['d']):02d}"
            _add(out, claims, Raw(m.start(), m.end(), "date", None, "date", date_iso=iso))
    for m in P.YEAR_RANGE.finditer(text):
        suffix, _ = _quarter_iso(m["ys"]) if m["ys"] else ("", "")
        iso = f"{m['y1']}/{m['y2']}{suffix}".replace("{y}", m["y2"])
        if claims.free(m.start(), m.end()):
            _add(out, claims, Raw(m.start(), m.end(), "period", Decimal(m["y1"]), "年", approx="range",
                                  upper=Decimal(m["y2"]), date_iso=iso))
    for m in P.MONTH_RANGE.finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        y = f"{_year(m['y'])}-" if m["y"] else "--"
        iso = f"{y}{int(m['m1']):02d}/{y}{int(m['m2']):02d}"
        _add(out, claims, Raw(m.start(), m.end(), "period", Decimal(int(m["m1"])), "月", approx="range",
                              upper=Decimal(int(m["m2"])), date_iso=iso))
    for m in [*P.CN_DATE_Y.finditer(text), *P.CN_DATE_M.finditer(text)]:
        if not m.group() or not claims.free(m.start(), m.end()):
            continue
        has_year = "y" in m.re.groupindex
        if has_year and m["y"] and not m["m"] and not m["ys"]:
            nxt = text[m.end():m.end() + 1]
            if nxt and nxt in "多余间来前后" or _year(m["y"]) < 1900:
                continue
        if not has_year and not m["d"] and not m["mfen"]:
            # 一月/五月 alone: accept digits; Chinese-numeral months only with 份 or a day
            if not m["m"].isdigit():
                continue
        raw = _date_raw(m, m.start(), m.end())
        if raw:
            _add(out, claims, raw)
    for m in P.DAY_ONLY.finditer(text):
        if claims.free(m.start(), m.end()):
            if _is_duration(text, m.start(), m.end()):
                n = Decimal(int(m["d"]))
                j2, suf = _approx_suffix(text, m.end())
                _add(out, claims, Raw(m.start(), j2, "period", n, "日", approx=suf))
                continue
            iso = f"---{int(m['d']):02d}"
            if m["h"]:
                iso += f"T{int(m['h']):02d}:{int(m['mi'] or 0):02d}"
            _add(out, claims, Raw(m.start(), m.end(), "date", None, "date", date_iso=iso))
    for m in P.HOUR_ONLY.finditer(text):
        if claims.free(m.start(), m.end()):
            iso = f"T{int(m['h']):02d}:{int(m['mi'] or 0):02d}"
            _add(out, claims, Raw(m.start(), m.end(), "date", None, "date", date_iso=iso))
    for m in P.QUARTER.finditer(text):
        if not claims.free(m.start(), m.end()):
            continue
        if m["pre"]:
            n = _small(m["q2"])
            _add(out, claims, Raw(m.start(), m.end(), "period", Decimal(n), "季度", date_iso=f"Q1/Q{n}"))
        else:
            n = _small(m["q"])
            _add(out, claims, Raw(m.start(), m.end(), "period", Decimal(n), "季度", date_iso=f"Q{n}"))


_DURATION_BEFORE = re.compile(r"(?:实施|隔离|持续|连续|为期|历时|需要|需|须|用了|用|共|满|每|前|近|长达|超过|仅)$")
_DURATION_AFTER = re.compile(r"(?:集中|隔离|观察|居家|内|以内|之内|以上|左右|以后|后再|时间|期)")


def _is_duration(text: str, i: int, j: int) -> bool:
    """14日集中隔离 is fourteen days; 26日，… and 26日召开 are the 26th of the month."""
    return bool(_DURATION_BEFORE.search(text[max(0, i - 3):i]) or _DURATION_AFTER.match(text, j))


def _date_raw(m: re.Match, i: int, j: int) -> Raw | None:
    g = m.groupdict()
    y = _year(g["y"]) if g.get("y") else None
    mo = _small(m["m"]) if m["m"] else None
    d = _small(m["d"]) if m["d"] else None
    if mo is not None and not 1 <= mo <= 12 or d is not None and not 1 <= d <= 31:
        return None
    time = ""
    if m["h"]:
        time = f"T{int(m['h']):02d}:{int(m['mi'] or 0):02d}"
    if y is not None and mo is None:
        ys = g.get("ys") or ""
        suffix, kind = _quarter_iso(ys)
        unit = "年度" if ys == "度" else "年"
        return Raw(i, j, kind, Decimal(y), unit, date_iso=f"{y}{suffix}".replace("{y}", str(y)))
    parts = [f"{y:04d}" if y is not None else "-"]
    if mo is not None:
        parts.append(f"{mo:02d}")
    if d is not None:
        parts.append(f"{d:02d}")
    iso = "-".join(parts) + time
    return Raw(i, j, "date", None, "date", date_iso=iso)


# --- changes and percentages ---------------------------------------------------------------------

def _basis_in_clause(text: str, i: int) -> str | None:
    head = text[_clause_start(text, i):i]
    found = re.findall(P.BASIS, head)
    return found[-1] if found else None


def _changes(text: str, claims: _Claims, out: list[Raw]) -> None:
    for m in P.CHANGE.finditer(text):
        i, j = m.start(), m.end()
        if not claims.free(i, j):
            continue
        if m.start("dir") > 0 and text[m.start("dir") - 1] == "新" and not m["basis"]:
            continue  # 新增 is "newly added", not a change
        direction = "up" if re.fullmatch(P.UP, m["dir"]) else "down"
        try:
            if m["pct"]:
                value, unit = _num(m["cnp"]), "%"
            else:
                value, unit = _num(m["num"]), m["unit"]
        except CnNumberError:
            continue
        if unit == "成":
            value, unit = canon(value * 10), "%"
        unit = normalize_unit(unit)
        basis = m["basis"] or _basis_in_clause(text, i)
        if m["basis"] is None and m.start() > 0 and text[m.start() - 1] == "比":
            basis = None
        j2, suf = _approx_suffix(text, j)
        _add(out, claims, Raw(i, j2, "change", value, unit, direction=direction, basis=basis, approx=suf))


_PERCENT_GATE = re.compile("[%‰百成倍点]")


def _percents(text: str, claims: _Claims, out: list[Raw]) -> None:
    if not _PERCENT_GATE.search(text):
        return
    for m in P.PERCENT.finditer(text):
        i, j = m.start(), m.end()
        if not claims.free(i, j):
            continue
        try:
            if m["pct"]:
                value, unit, kind = _num(m["cnp"]), "%", "percent"
                if m["neg"]:  # 百分之负三点八
                    value = -value
            elif m["num"]:
                value, unit, kind = _num(m["num"]), normalize_unit(m["unit"]), "percent"
                if m["sign"]:  # -3.8%
                    value = -value
            elif m["cheng"]:
                raw = m["cnum"]
                if not raw.isdigit() and not re.fullmatch(r"[一二三四五六七八九十]", raw):
                    continue
                value, unit, kind = canon(_num(raw) * 10), "%", "percent"
                if value > 100:
                    continue
            else:
                raw = m["bnum"]
                if not raw[0].isdigit() and raw in ("一",):
                    continue
                value, unit, kind = _num(raw), "倍", "ratio"
        except CnNumberError:
            continue
        if i > 0 and text[i - 1] in "第":
            continue
        approx, i2 = _approx_prefix(text, i)
        j2, suf = _approx_suffix(text, j)
        cmp_dir = _comparative(text, i2) if kind == "percent" else None
        if cmp_dir:
            # 增速比上月高0.1个百分点: a change against the basis named earlier in the clause
            basis = _basis_in_clause(text, i2)
            _add(out, claims, Raw(i2, j2, "change", value, unit, approx=suf or approx, direction=cmp_dir,
                                  basis=basis))
            continue
        _add(out, claims, Raw(i2, j2, kind, value, unit, approx=suf or approx))


def _comparative(text: str, i: int) -> str | None:
    """高/低/多/少 right before a number, with a 比/较 basis earlier in the clause."""
    k = i
    if k > 0 and text[k - 1] in "约了":
        k -= 1
    if k == 0:
        return None
    ch = text[k - 1]
    if ch not in P.CMP_UP + P.CMP_DOWN:
        return None
    head = text[_clause_start(text, k):k]
    if "比" not in head and "较" not in head:
        return None
    return "up" if ch in P.CMP_UP else "down"


# --- fractions ------------------------------------------------------------------------------------

_FRACTION = re.compile(rf"(?P<den>{P.CN}|(?<!\d)\d{{1,12}})分之(?P<num>{P.CN}|\d{{1,12}}(?:\.\d+)?)")
# 1/2 is 二分之一; not a date part (12/27, 2024/12/27) nor a service time (7/24小时)
_SLASH_FRACTION = re.compile(r"(?<![\d./-])(?P<num>\d{1,4})/(?P<den>\d{1,4})(?![\d/.-]|\s*(?:小时|时|天|日|号|月|年))")


def _fractions(text: str, claims: _Claims, out: list[Raw]) -> None:
    """三分之一 -> value 1, unit "/3" (exact: 1/3 has no finite decimal)."""
    for m in _FRACTION.finditer(text):
        i, j = m.start(), m.end()
        if m["den"] == "百" or not claims.free(i, j):
            continue
        try:
            den, num = _num(m["den"]), _num(m["num"])
        except CnNumberError:
            continue
        if den <= 0:
            continue
        approx, i2 = _approx_prefix(text, i)
        j2, suf = _approx_suffix(text, j)
        _add(out, claims, Raw(i2, j2, "ratio", num, f"/{den}", approx=suf or approx))
    if "/" not in text:
        return
    for m in _SLASH_FRACTION.finditer(text):
        i, j = m.start(), m.end()
        num, den = Decimal(m["num"]), Decimal(m["den"])
        if not 0 < num < den or not claims.free(i, j):  # 24/7, 3/2: no proper fraction, left to other rules
            continue
        approx, i2 = _approx_prefix(text, i)
        j2, suf = _approx_suffix(text, j)
        _add(out, claims, Raw(i2, j2, "ratio", canon(num), f"/{canon(den)}", approx=suf or approx))


# --- ranks and ordinals --------------------------------------------------------------------------

def _scope_before(text: str, i: int) -> tuple[str | None, int]:
    """Scope of a rank written before it: (scope, span start). 全省 -> span includes it."""
    c0 = _clause_start(text, i)
    head = text[c0:i]
    m = re.search(r"全[省国市区县州球网][\u4e00-\u9fff]{0,6}?$", head)
    if m and not re.search(r"[居排列位]", m.group()[2:]):
        return m.group(), c0 + m.start()
    cue = None
    for cm in P.RANK_CUE.finditer(head):
        cue = cm
    if cue is not None and cue.group().startswith("全"):
        return cue.group(), i  # 全省 somewhere before: scope without span
    if cue is not None:
        scope = head[cue.end():].rstrip("中内里之的")
        scope = scope.strip()
        return (scope or None), i
    return None, i


def _has_rank_cue(text: str, i: int) -> bool:
    head = text[max(_clause_start(text, i), i - 14):i]
    return bool(P.RANK_CUE.search(head))


def _ranks(text: str, claims: _Claims, out: list[Raw]) -> None:
    for m in P.RANK.finditer(text):
        i, j = m.start(), m.end()
        if not claims.free(i, j):
            continue
        after = text[j:j + 3]
        if m["first"]:  # 首位
            if not _has_rank_cue(text, i):
                continue
            scope, si = _scope_before(text, i)
            _add(out, claims, Raw(si, j, "rank", Decimal(1), None, rank=Rank(1, scope)))
            continue
        if m["top"]:  # 前三位 / 前10名
            if not _has_rank_cue(text, i):
                continue
            try:
                n = int(_num(m["top"]))
            except CnNumberError:
                continue
            scope, si = _scope_before(text, i)
            _add(out, claims, Raw(si, j, "rank", Decimal(n), None, rank=Rank(n, scope, tier=True)))
            continue
        try:
            n = _num(m["num"])
        except CnNumberError:
            continue
        if not m["pos"] and not m["tier"] and after.startswith(P.RANK_IDIOMS):
            continue  # 第一时间, 第一书记
        counter = _counter_after(text, j) if not (m["pos"] or m["tier"]) else None
        is_rank = bool(m["pos"] or m["tier"]) or (
            counter is None and _has_rank_cue(text, i) and not re.match(r"[\u4e00-\u9fff]", after[:1] or " ")
        ) or (counter is None and _has_rank_cue(text, i) and after[:1] in ("", " "))
        if m["pos"] == "位" and not _has_rank_cue(text, i) and re.match(r"[\u4e00-\u9fff]", after[:1] or " "):
            is_rank = False  # 第一位 + noun: an ordinal ("the first ...")
        if is_rank:
            scope, si = _scope_before(text, i)
            tier = bool(m["tier"])
            _add(out, claims, Raw(si, j, "rank", n, None, rank=Rank(int(n), scope, tier=tier)))
        else:
            unit = counter
            j2 = j + len(counter) if counter else j
            _add(out, claims, Raw(i, j2, "other", n, unit))


_ORDINAL_COUNTERS = re.compile(
    "|".join(re.escape(c) for c in sorted({"号", "季度", "届", "批", "次", "期", "轮", *COUNTERS, *TIME},
                                          key=len, reverse=True))
)


def _counter_after(text: str, j: int) -> str | None:
    m = _ORDINAL_COUNTERS.match(text, j)
    return m.group() if m else None


# --- generic numbers -------------------------------------------------------------------------------

def _approx_prefix(text: str, i: int) -> tuple[str | None, int]:
    m = P.APPROX_PRE_RE.search(text[max(0, i - 3):i])
    if m:
        word = m.group()
        k = i - len(word)
        if word in P.APPROX_NOT_AFTER and k > 0 and text[k - 1] in P.APPROX_NOT_AFTER[word]:
            return None, i  # 节约16元 is "saves 16 yuan", not "about 16"
        return P.APPROX_PRE[word], k
    return None, i


def _approx_suffix(text: str, j: int) -> tuple[int, str | None]:
    for word in ("及以上", "以上", "以下", "以内", "之内", "左右", "上下", "出头"):
        if text.startswith(word, j):
            return j + len(word), P.APPROX_SUF[word]
    return j, None


def _generic(text: str, claims: _Claims, out: list[Raw]) -> None:
    for m in P.GENERIC.finditer(text):
        i, j = m.start(), m.end()
        if not claims.free(i, j):
            # a claimed prefix (e.g. a date) may hide a shorter free match; retry from its end
            continue
        raw = _generic_raw(text, m)
        if raw is not None and claims.free(raw.i, raw.j):
            _add(out, claims, raw)


def _generic_raw(text: str, m: re.Match) -> Raw | None:
    i, j = m.start(), m.end()
    if m["cnum"]:
        cn = m["cnum"]
        unit_raw = m["cunit"]
        if any(text.startswith(idiom, i) for idiom in P.CN_IDIOMS):
            return None
        if cn == "一" and (unit_raw not in P.ONE_OK or (i > 0 and text[i - 1] in P.ONE_NOT_AFTER)):
            return None
        if text.startswith(unit_raw, m.end("cunit")):
            return None  # 一处处, 一座座: reduplication, not a count
        if i > 0 and text[i - 1] in "数几" and cn[0] in "十百千":
            return None  # 数十个, 几百人: vague amounts
        if cn == "二" and unit_raw == "次":
            return Raw(i, j, "other", Decimal(2), "次")  # 二次回访: the second time, an ordinal
        rough = re.fullmatch(r"([一二三四五六七八])([二三四五六七八九])([十百千万亿]*)", cn)
        if rough and P.CNDIG.index(rough[2]) == P.CNDIG.index(rough[1]) + 1 if rough else False:
            # 五六百米, 七八个: "five or six hundred" -> a range
            scale = rough[3]
            low, high = _num(rough[1] + scale), _num(rough[2] + scale)
            unit = normalize_unit(unit_raw)
            return Raw(i, j, _kind_for(unit, low), low, unit, approx="range", upper=high)
        if len(cn) > 1 and all(ch in P.CNDIG for ch in cn):
            return None  # 三五年: vague spans, not values
        if i > 0 and text[i - 1] in "第":
            return None
        try:
            value = _num(cn)
        except CnNumberError:
            return None
        approx = "more_than" if m["cm1"] else None
        suf = m["csuf"]
        if m["cnum2"]:
            try:
                high = _num(m["cnum2"])
            except CnNumberError:
                return None
            if high <= value:
                return None
            unit = normalize_unit(unit_raw)
            return Raw(i, j, _kind_for(unit, value), value, unit, approx="range", upper=high)
    else:
        try:
            value = _num(m["num"] + (m["scale"] or ""))
        except CnNumberError:
            return None
        unit_raw = m["unit"]
        approx = "more_than" if (m["m1"] or m["m2"]) else None
        suf = m["suf"]
    upper = None
    if m["num2"] if not m["cnum"] else None:
        try:
            upper = _num(m["num2"] + (m["scale2"] or m["scale"] or ""))
        except CnNumberError:
            upper = None
        if upper is not None and upper > value:
            approx = "range"
        else:
            # 1-2 is not a range when the second is smaller: keep only the first number
            return _generic_raw_single(text, m, value)
    if suf:
        approx = approx or P.APPROX_SUF[suf]
        if suf == "内" and not unit_raw:
            j -= 1
            suf = None
    unit = normalize_unit(unit_raw) if unit_raw else None
    if unit == "%" or unit == "‰" or unit == "pp" or unit == "成":
        return None  # handled by the percent pass; here only when claimed by something else
    pre_approx, i2 = _approx_prefix(text, i)
    if pre_approx and not (pre_approx == "nearly" and unit in TIME):
        if not (text[i2:i].endswith("破") and text.startswith("兑", j)):
            approx = approx or pre_approx
            i = i2
    elif not pre_approx:
        gap = P.APPROX_GAP_RE.search(text[max(0, i - 8):i])
        if gap:
            approx = approx or P.APPROX_PRE[gap["w"]]
    kind = _kind_for(unit, value)
    if kind == "other" and unit is None and (m["scale"] or (approx and "." not in m["num"])):
        kind = "count"  # 7.88亿购物者, 3000多: a quantity even without a counter
    if unit == "楼":
        kind = "other"  # 家住10楼: a floor number
    direction = basis = None
    head = text[_clause_start(text, i):i]
    if kind in ("count", "amount"):
        dm = P.DIR_ABS.search(head)
        if dm and not head[: dm.start()].endswith("新"):
            direction = "up" if re.fullmatch(P.UP, dm["dir"]) else "down"
            basis = dm["basis"] or _basis_in_clause(text, i)
        else:
            cmp_dir = _comparative(text, i)
            if cmp_dir:
                direction, basis = cmp_dir, _basis_in_clause(text, i)
    if "至少" in head or "最少" in head:
        approx = approx or "at_least"
    if kind == "period" and head.endswith("连续"):
        i -= 2
    if unit and kind in ("count", "amount"):
        per = P.PER_RE.search(head)
        if per:
            unit = f"{unit}/{per['scale']}{per['noun']}"
            kind = "ratio"
        elif P.PER_DAY.search(head):
            unit = f"{unit}/日"
        elif P.PER_YEAR.search(head):
            unit = f"{unit}/年"
        elif kind == "amount" and "/" not in unit:
            pers = P.PER_MEASURE.findall(head)
            if pers:
                unit = f"{unit}/{pers[-1]}"
    return Raw(i, j, kind, value, unit, approx=approx, upper=upper, direction=direction, basis=basis)


def _vague(text: str, claims: _Claims, out: list[Raw]) -> None:
    """上万人, 数十个, 超过百万元, 近万名: quantities without a digit."""
    for m in P.VAGUE_RE.finditer(text):
        i, j = m.start(), m.end()
        if not claims.free(i, j):
            continue
        word, unit_raw = m["w"], m["unit"]
        if word in P.ROUND_WORDS:
            if not m["pre"] or not unit_raw:
                continue  # 万里行, 千家万户, 百万 in a name: only 超过百万元 / 近万人 count
            low = high = Decimal(P.ROUND_WORDS[word])
            approx = P.APPROX_PRE.get(m["pre"])
        else:
            if not unit_raw and not m["pre"]:
                continue
            low, high = (Decimal(v) for v in P.VAGUE_WORDS[word])
            approx = "range"
        unit = normalize_unit(unit_raw) if unit_raw else None
        if unit in ("%", "pp", "‰", "成"):
            continue
        kind = _kind_for(unit, low)
        if kind == "other":
            kind = "count"
        _add(out, claims, Raw(i, j, kind, low, unit, approx=approx, upper=high if high != low else None))


def _generic_raw_single(text: str, m: re.Match, value: Decimal) -> Raw | None:
    end = m.start("rsep")
    return Raw(m.start(), end, "other", value, None)


def _kind_for(unit: str | None, value: Decimal) -> str:
    cat = category(unit)
    return {
        "money": "amount",
        "measure": "amount",
        "time": "period",
        "counter": "count",
        "ratio": "ratio",
        "percent": "percent",
        "pp": "percent",
    }.get(cat, "other")


def shift(raw: Raw, **changes) -> Raw:
    return replace(raw, **changes)
