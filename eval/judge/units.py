"""Canonical units shared by both languages, and when two units may stand for each other.

A canonical unit is a short code: ``%`` percent, ``pp`` percentage points, ``bp`` basis points,
currencies by ISO code (``CNY``, ``USD`` ...), measures (``t``, ``km``, ``mu``, ``day`` ...), ``x``
for multiples (倍, "times", "-fold"), ``occ`` for occurrences (次), ``person`` for a count the
English names as people ("2,000 medical staff") and ``None`` for a plain count (件, 家, 个, "trademarks").
A compound unit keeps its parts: ``t/h`` for 蒸吨/小时 or "tons per hour".
"""

from __future__ import annotations

# Chinese unit (as the core normalizes it, or as written) -> canonical unit.
_ZH_UNITS: dict[str, str | None] = {
    "%": "%", "％": "%", "百分点": "pp", "个百分点": "pp", "pp": "pp", "基点": "bp", "个基点": "bp", "bp": "bp",
    "元": "CNY", "人民币": "CNY", "块": "CNY", "美元": "USD", "美金": "USD", "港元": "HKD", "港币": "HKD",
    "欧元": "EUR", "日元": "JPY", "英镑": "GBP", "韩元": "KRW", "卢布": "RUB", "澳元": "AUD",
    "令吉": "MYR", "新加坡元": "SGD", "新元": "SGD", "新台币": "TWD", "加元": "CAD",
    "英里": "mile", "海里": "nmi", "英尺": "ft", "户": "household",
    "吨": "t", "蒸吨": "t", "万吨": "t", "千克": "kg", "公斤": "kg", "斤": "jin", "克": "g",
    "公里": "km", "千米": "km", "米": "m", "厘米": "cm", "毫米": "mm",
    "平方米": "m2", "平米": "m2", "平方公里": "km2", "平方千米": "km2", "立方米": "m3", "方": "m3",
    "亩": "mu", "公顷": "ha",
    "千瓦时": "kWh", "度": "kWh", "千瓦": "kW", "兆瓦": "MW", "吉瓦": "GW", "兆焦": "MJ",
    "天": "day", "日": "day", "工作日": "day", "个工作日": "day", "年": "year", "周年": "year", "个月": "month",
    "月": "month", "周": "week", "星期": "week", "小时": "hour", "个小时": "hour", "分钟": "minute",
    "秒": "second", "季度": "quarter", "个季度": "quarter", "岁": "age", "倍": "x", "成": "tenth",
    "次": "occ",  # occurrences: "twice" / "two times", never "two workers"
}

# English unit words (lower case) -> canonical unit. Longer keys are tried first by the parser.
EN_UNITS: dict[str, str | None] = {
    "%": "%", "percent": "%", "per cent": "%", "pct": "%",
    "percentage points": "pp", "percentage point": "pp", "percent points": "pp", "pp": "pp", "ppt": "pp",
    "basis points": "bp", "basis point": "bp", "bps": "bp", "bp": "bp",
    "yuan": "CNY", "rmb": "CNY", "renminbi": "CNY", "cny": "CNY", "yuan renminbi": "CNY",
    "us dollars": "USD", "u.s. dollars": "USD", "dollars": "USD", "dollar": "USD", "usd": "USD",
    "hong kong dollars": "HKD", "hk dollars": "HKD", "hkd": "HKD", "euros": "EUR", "euro": "EUR",
    "eur": "EUR", "yen": "JPY", "pounds": "GBP", "pounds sterling": "GBP", "won": "KRW", "rubles": "RUB",
    "tons": "t", "tonnes": "t", "ton": "t", "tonne": "t", "steam tons": "t", "t": "t",
    "kilograms": "kg", "kilogram": "kg", "kg": "kg", "grams": "g", "jin": "jin",
    "miles": "mile", "mile": "mile", "nautical miles": "nmi", "feet": "ft", "foot": "ft",
    "acres": "acre", "acre": "acre",  # never 亩 (1 mu is about 0.16 acre): a unit error, not a match
    "households": "household", "household": "household", "families": "household",
    "kilometers": "km", "kilometres": "km", "kilometer": "km", "kilometre": "km", "km": "km",
    "meters": "m", "metres": "m", "meter": "m", "metre": "m", "centimeters": "cm", "millimeters": "mm",
    "square meters": "m2", "square metres": "m2", "sq m": "m2", "sqm": "m2", "m2": "m2",
    "square kilometers": "km2", "square kilometres": "km2", "sq km": "km2", "km2": "km2",
    "cubic meters": "m3", "cubic metres": "m3", "m3": "m3",
    "mu": "mu", "hectares": "ha", "hectare": "ha", "ha": "ha",
    "kilowatt-hours": "kWh", "kilowatt hours": "kWh", "kwh": "kWh", "kw": "kW", "kilowatts": "kW",
    "megawatts": "MW", "mw": "MW", "gigawatts": "GW", "gw": "GW", "mj": "MJ", "kilowatt": "kW",
    "megawatt-hours": "MWh", "megawatt hours": "MWh", "mwh": "MWh", "gigawatt-hours": "GWh",
    "gigawatt hours": "GWh", "gwh": "GWh", "terawatt-hours": "TWh", "terawatt hours": "TWh", "twh": "TWh",
    "kilowatt-hour": "kWh", "kilowatt hour": "kWh",
    "days": "day", "day": "day", "working days": "day", "work days": "day", "business days": "day",
    "years": "year", "year": "year", "months": "month", "month": "month", "weeks": "week", "week": "week",
    "quarters": "quarter", "quarter": "quarter", "hours": "hour", "hour": "hour", "minutes": "minute",
    "minute": "minute", "seconds": "second",
    "years old": "age", "year-old": "age", "years of age": "age",
    "times": "x", "fold": "x", "-fold": "x",
}

# Prefix currency markers (exact case where it matters).
EN_CURRENCY_PREFIX: dict[str, str] = {
    "RMB": "CNY", "CNY": "CNY", "Rmb": "CNY", "rmb": "CNY", "¥": "CNY", "￥": "CNY", "CN¥": "CNY",
    "US$": "USD", "USD": "USD", "$": "USD", "HK$": "HKD", "HKD": "HKD", "€": "EUR", "EUR": "EUR",
    "£": "GBP", "GBP": "GBP", "JPY": "JPY", "RM": "MYR", "S$": "SGD", "NT$": "TWD", "A$": "AUD",
    "C$": "CAD",
}

CURRENCIES = frozenset({"CNY", "USD", "HKD", "EUR", "JPY", "GBP", "KRW", "RUB", "AUD", "MYR", "SGD", "TWD", "CAD"})
RATE_UNITS = frozenset({"%", "pp", "bp"})


def zh_unit(unit: str | None) -> str | None:
    """Canonical form of a unit as the core reports it (元 -> CNY, 蒸吨/小时 -> t/h, 件 -> None)."""
    if not unit:
        return None
    if unit in _ZH_UNITS:
        return _ZH_UNITS[unit]
    if "/" in unit:
        head, _, tail = unit.partition("/")
        h, t = zh_unit(head), zh_unit(tail)
        if h or t:
            return f"{h or '?'}/{t or '?'}"
        return None
    # 万元 / 亿元 style units that kept a scale character: the currency is what matters here.
    for suffix, canon in (("美元", "USD"), ("港元", "HKD"), ("欧元", "EUR"), ("元", "CNY"), ("吨", "t"),
                          ("平方米", "m2"), ("公里", "km"), ("亩", "mu"), ("千瓦时", "kWh"),
                          ("户", "household")):
        if unit.endswith(suffix):
            return canon
    return None  # a count classifier: 件 家 个 项 人 名 所 次 座 台 辆 户 ...


def base_unit(unit: str | None) -> str | None:
    """The part before a '/' (t/h -> t); None stays None."""
    if unit is None:
        return None
    return unit.split("/", 1)[0] or None


def _per(unit: str | None) -> str | None:
    """The part after a '/' (CNY/mu -> mu), in one spelling for both languages (m3/s = m3/second)."""
    if not unit or "/" not in unit:
        return None
    tail = unit.split("/", 1)[1]
    return _PER_SPELLING.get(tail, tail)


_PER_SPELLING = {"s": "second", "mo": "month", "d": "day", "yr": "year", "wk": "week", "h": "hour",
                 "min": "minute"}
# what a per-unit divides by: "per person" and 每月 are not in conflict (每人每月 said half), "per acre" and 每亩 are
_PER_KIND = {**{u: "area" for u in ("mu", "acre", "ha", "m2", "km2")},
             **{u: "time" for u in ("second", "minute", "hour", "day", "week", "month", "year", "quarter")},
             **{u: "who" for u in ("person", "household")}}


def units_compatible(brief_unit: str | None, source_unit: str | None) -> bool:
    """May a number written with ``brief_unit`` stand for a source number in ``source_unit``?

    A brief that names no unit is compatible with any count or measure, but a rate is always
    named (a bare 25.72 does not stand for 25.72%). A brief that names a unit must name the
    source's unit (compared on the base: t/h and t agree); naming a currency or measure for a
    plain count (37 tons for 37件) is a unit error. ``age`` and ``year`` agree (34岁 / 34 years old).
    """
    b, s = base_unit(brief_unit), base_unit(source_unit)
    bt, st = _per(brief_unit), _per(source_unit)
    if bt and st and bt != st and _PER_KIND.get(bt, bt) == _PER_KIND.get(st, st):
        return False  # 1,200 yuan per acre for 每亩1200元, per year for 每月: another area, another period
    if b == s:
        return True
    if {b, s} == {"age", "year"}:
        return True
    if "occ" in (b, s):  # 3次: "3 times" or a plain 3, never "3 workers"
        return {b, s} <= {"occ", "x", None}
    if "person" in (b, s):  # "37 people": any plain count, never a measure or money
        return {b, s} <= {"person", None}
    if b is None:
        return s not in RATE_UNITS
    if s is None:
        # "three times" for a 3次 count; "two days" where the core kept 两天 as a plain count.
        return b in ("x", "day", "year", "month", "week", "hour")
    return False
