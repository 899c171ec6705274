"""Exact conversion between Chinese numerals (with 万/亿 scales) and ``Decimal``.

Never goes through float: digits are read as ``Decimal`` strings and scaled by powers of ten.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation, localcontext

DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "０": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
SMALL_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: dict[str, int] = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}

ZEROS = "零〇○０"
CN_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
_TENS_CHARS = str.maketrans({"廿": "二十", "卅": "三十", "卌": "四十"})
_CAPITAL_DIGIT = "[" + "".join(DIGITS) + "]"
# Money in capital numerals, as cheques write it: 玖仟陆佰陆拾伍圆壹角捌分, 壹拾壹元整.
_MONEY = re.compile(
    rf"(?P<yuan>[^元圆]+)[元圆](?:(?P<jiao>{_CAPITAL_DIGIT})角)?(?:(?P<fen>{_CAPITAL_DIGIT})分)?(?:整|正)?"
)
_ARABIC = re.compile(r"^[+-]?(\d[\d,]*)(\.\d+)?")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")


class CnNumberError(ValueError):
    pass


def _parse_section(s: str) -> int:
    """Parse a numeral below 10^4 made of digits and 十/百/千 (e.g. 三千五百, 十二, 零四百三十)."""
    total = 0
    pending: int | None = None
    last_unit = 10**5
    for token in _tokens(s):
        if isinstance(token, int):
            if pending is not None:  # 五六百 ("five or six hundred") is a range, not a number
                raise CnNumberError(f"two digits in a row: {s!r}")
            pending = token
        elif token in ZEROS:
            if pending is not None:  # 一零 inside a section is no numeral
                raise CnNumberError(f"misplaced zero: {s!r}")
            # 零 only marks skipped places: 一千零十 is 1010, so it never multiplies the next unit
        else:
            unit = SMALL_UNITS[token]
            if unit >= last_unit:
                raise CnNumberError(f"units out of order: {s!r}")
            if pending is not None and pending > 9:  # 12百: an Arabic run can multiply a unit only as a digit
                raise CnNumberError(f"malformed numeral: {s!r}")
            last_unit = unit
            total += (1 if pending is None else pending) * unit
            pending = None
    if pending is not None:
        if pending >= last_unit:  # 一百230: the trailing number must fit below the last unit
            raise CnNumberError(f"malformed numeral: {s!r}")
        total += pending
    return total


def _ascii_digits(s: str) -> bool:
    """Arabic digits only (str.isdigit alone also takes ² and other Unicode digits)."""
    return s.isascii() and s.isdigit()


def _tokens(s: str) -> list[int | str]:
    """A section's tokens: digit values (a Chinese digit, or a run of Arabic digits as in 四千230),
    zeros (零), and small units."""
    out: list[int | str] = []
    i = 0
    while i < len(s):
        ch = s[i]
        if _ascii_digits(ch):
            j = i
            while j < len(s) and _ascii_digits(s[j]):
                j += 1
            out.append(int(s[i:j]))
            i = j
            continue
        if ch in ZEROS:
            out.append(ch)
        elif ch in DIGITS:
            out.append(DIGITS[ch])
        elif ch in SMALL_UNITS:
            out.append(ch)
        else:
            raise CnNumberError(f"not a Chinese numeral: {s!r}")
        i += 1
    return out


def _is_digit_string(s: str) -> bool:
    """一二三四 style digit-by-digit strings (years like 二〇二四), no 十/百/千."""
    return len(s) > 1 and all(ch in DIGITS for ch in s)


def _parse_integer_cn(s: str) -> int:
    if not s:
        raise CnNumberError("empty numeral")
    if _is_digit_string(s):
        return int("".join(str(DIGITS[ch]) for ch in s))
    if _ascii_digits(s):  # an Arabic group inside a mixed numeral: 100万三千, 1万600
        return int(s)
    # Split at the largest scales first: 亿 groups, then 万 groups inside them.
    for big, factor in (("兆", 10**12), ("亿", 10**8), ("億", 10**8), ("万", 10**4), ("萬", 10**4)):
        if big in s:
            head, _, tail = s.rpartition(big)
            # rpartition so that 万亿 (10^12) parses as (x万)亿 -> head contains 万
            high = _parse_integer_cn(head) if head else 1
            low = _parse_integer_cn(tail.lstrip(ZEROS)) if tail.strip(ZEROS) else 0
            if low >= factor:
                raise CnNumberError(f"malformed numeral: {s!r}")
            # 三千五百万 = 3500 * 10^4; 一万五 (colloquial) = 15000
            if tail and tail[0] not in ZEROS and len(tail) == 1 and tail in DIGITS:
                low = DIGITS[tail] * factor // 10
            elif len(tail) == 1 and _ascii_digits(tail):  # 1万6: 16000 spoken, 10006 by the digits; never guess
                raise CnNumberError(f"ambiguous numeral: {s!r}")
            return high * factor + low
    if len(s) >= 2 and _ascii_digits(s[-1]) and s[-2] in SMALL_UNITS and SMALL_UNITS[s[-2]] >= 100:
        raise CnNumberError(f"ambiguous numeral: {s!r}")  # 1千5: 1500 spoken, 1005 by the digits
    value = _parse_section(s)
    # colloquial 三千五 = 3500, 两百五 = 250 (a Chinese digit; 1百01 is 101)
    if len(s) >= 2 and s[-1] in DIGITS and s[-1] not in ZEROS and s[-2] in SMALL_UNITS \
            and SMALL_UNITS[s[-2]] >= 100:
        value += DIGITS[s[-1]] * SMALL_UNITS[s[-2]] // 10 - DIGITS[s[-1]]
    return value


def _decimal_from_arabic(s: str) -> tuple[Decimal, str]:
    m = _ARABIC.match(s)
    if not m:
        raise CnNumberError(f"not a number: {s!r}")
    intpart = m.group(1)
    if "," in intpart and not re.fullmatch(r"\d{1,3}(,\d{3})+", intpart):
        raise CnNumberError(f"bad thousands separators: {s!r}")
    raw = m.group(0).replace(",", "")
    try:
        return Decimal(raw), s[m.end():]
    except InvalidOperation as exc:  # pragma: no cover - regex guarantees digits
        raise CnNumberError(f"not a number: {s!r}") from exc


def _scale_of(suffix: str) -> int:
    """Total power of ten of a scale suffix such as 万, 亿, 万亿, 千万, 百亿."""
    power = 0
    for ch in suffix:
        if ch in BIG_UNITS:
            power += {10**4: 4, 10**8: 8, 10**12: 12}[BIG_UNITS[ch]]
        elif ch in SMALL_UNITS:
            power += {10: 1, 100: 2, 1000: 3}[SMALL_UNITS[ch]]
        else:
            raise CnNumberError(f"not a scale: {suffix!r}")
    return power


MAX_DIGITS = 40  # longer digit strings are identifiers, not quantities


def parse_cn_number(s: str) -> Decimal:
    """Parse digits or Chinese numerals with optional 万/亿 scales into an exact Decimal.

    Examples: "一万零四百三十" -> 10430, "12.62亿" -> 1262000000, "三千五百万" -> 35000000,
    "１２．６２亿" -> 1262000000, "110,386" -> 110386, "百分之十三" -> 13, "十二点五" -> 12.5.
    """
    s = s.strip().translate(_FULLWIDTH)
    if not s:
        raise CnNumberError("empty number")
    if len(s) > 4 * MAX_DIGITS:
        raise CnNumberError(f"too long for a number ({len(s)} characters)")
    with localcontext() as ctx:
        ctx.prec = 2 * MAX_DIGITS + 20  # scaleb and products stay exact
        return _parse(s)


def _parse(s: str) -> Decimal:
    if s.startswith("百分之"):
        return _parse(s[3:])
    sign = Decimal(-1) if s[0] in "-负" else Decimal(1)
    if s[0] in "-+负正":
        s = s[1:]
    if not s:
        raise CnNumberError("a sign without a number")
    money = _MONEY.fullmatch(s)
    if money:  # 壹拾壹元壹角壹分, 壹佰壹拾壹圆整: yuan, jiao (1/10), fen (1/100)
        value = _parse(money.group("yuan"))
        for part, place in (("jiao", -1), ("fen", -2)):
            if money.group(part):
                value += Decimal(DIGITS[money.group(part)]).scaleb(place)
        return canon(sign * value)
    s = s.translate(_TENS_CHARS)  # 廿二 = 二十二
    if s[0].isdigit():
        value, rest = _decimal_from_arabic(s)
        if not rest:
            return canon(sign * value)
        try:
            return canon(sign * value.scaleb(_scale_of(rest)))
        except CnNumberError:
            if "." in s[: len(s) - len(rest)]:  # 10.1万零100: a decimal head takes a scale only
                raise
        # mixed Arabic and Chinese groups: 100万三千, 200亿零四千230, 1百01, 1万600 (read below)
    # Chinese numerals, optionally with 点 decimals: 十二点五, 三点六万, 一百点123
    if "点" in s:
        int_part, _, rest = s.partition("点")
        frac_digits = ""
        i = 0
        while i < len(rest) and (rest[i] in DIGITS or _ascii_digits(rest[i])):
            frac_digits += rest[i] if rest[i].isascii() else str(DIGITS[rest[i]])
            i += 1
        scale = rest[i:]
        if not frac_digits or not int_part:  # 零点, 点零: no number
            raise CnNumberError(f"malformed decimal numeral: {s!r}")
        whole = _parse_integer_cn(int_part)
        value = Decimal(f"{whole}.{frac_digits}")
        if scale:
            value = value.scaleb(_scale_of(scale))
        return canon(sign * value)
    if any(ch not in CN_NUMERAL_CHARS and not _ascii_digits(ch) for ch in s):
        raise CnNumberError(f"not a Chinese numeral: {s!r}")
    return canon(sign * Decimal(_parse_integer_cn(s)))


def canon(d: Decimal) -> Decimal:
    """Plain (non-exponent) form without trailing zeros: 1.262E+9 -> 1262000000, 13.00 -> 13.

    Works on the digit string, so no context rounding can touch long values.
    """
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    out = Decimal(text)
    return out if out else Decimal(0)


_CN_DIGITS = "零一二三四五六七八九"


def _format_section(n: int, leading: bool) -> str:
    """0 < n < 10^4 in standard form; leading=True lets 10-19 read 十X instead of 一十X."""
    out = []
    zero = False
    for power, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // power % 10
        if d == 0:
            if out:
                zero = True
            continue
        if zero:
            out.append("零")
            zero = False
        if not (d == 1 and unit == "十" and leading and not out):
            out.append(_CN_DIGITS[d])
        out.append(unit)
    return "".join(out)


def format_cn_int(n: int, leading: bool = True) -> str:
    """Standard Chinese numeral for a non-negative integer: 10430 -> 一万零四百三十.

    Recursive on 亿 then 万, so 10^12 reads 一万亿 and parses back the same way.
    """
    if n < 0:
        return "负" + format_cn_int(-n)
    if n == 0:
        return "零"
    for factor, name in ((10**8, "亿"), (10**4, "万")):
        if n >= factor:
            high, low = divmod(n, factor)
            out = format_cn_int(high, leading) + name
            if low:
                if low < factor // 10:
                    out += "零"
                out += format_cn_int(low, leading=False)
            return out
    return _format_section(n, leading)


def format_cn_number(d: Decimal) -> str:
    """Chinese-numeral form of an exact Decimal: 10430 -> 一万零四百三十, 12.5 -> 十二点五."""
    if not d.is_finite():
        raise CnNumberError(f"not a finite number: {d}")
    sign = "负" if d < 0 else ""
    d = abs(d)
    text = format(d, "f")
    int_part, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    out = sign + format_cn_int(int(int_part))
    if frac:
        out += "点" + "".join(_CN_DIGITS[int(c)] for c in frac)
    return out


def format_scaled(d: Decimal) -> str:
    """Digits with the largest exact 亿/万 scale: 1262000000 -> 12.62亿, 1460000 -> 146万."""
    sign = "-" if d < 0 else ""
    d = abs(d)
    for power, name in ((8, "亿"), (4, "万")):
        if d >= Decimal(10) ** power:
            scaled = d.scaleb(-power)
            return sign + _plain(scaled) + name
    return sign + _plain(d)


def _plain(d: Decimal) -> str:
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
