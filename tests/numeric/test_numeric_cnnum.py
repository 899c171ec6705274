"""Property tests: Chinese numerals and 万/亿 forms round-trip exactly, never through float."""

from __future__ import annotations

import ast
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressbrief.service.numeric import format_cn_number, parse_cn_number, parse_mentions, render_en
from pressbrief.service.numeric.cnnum import CnNumberError, format_cn_int, format_scaled

NUMERIC_DIR = Path(__file__).resolve().parents[2] / "service" / "numeric"
FAST = settings(max_examples=150, deadline=None)

decimals = st.decimals(min_value=Decimal("0"), max_value=Decimal("1e15"), places=6, allow_nan=False,
                       allow_infinity=False)


@FAST
@given(st.integers(min_value=0, max_value=10**17))
def test_integer_round_trip(n):
    assert parse_cn_number(format_cn_int(n)) == n


@FAST
@given(decimals)
def test_decimal_round_trip_chinese_numerals(d):
    assert parse_cn_number(format_cn_number(d)) == d


@FAST
@given(decimals)
def test_decimal_round_trip_wan_yi(d):
    assert parse_cn_number(format_scaled(d)) == d


@FAST
@given(st.integers(min_value=1, max_value=10**30), st.integers(min_value=0, max_value=12))
def test_long_decimals_stay_exact(digits, places):
    # 31 significant digits: a float would lose the tail
    d = Decimal(digits).scaleb(-places)
    assert parse_cn_number(format_scaled(d)) == d
    assert parse_cn_number(format_cn_number(d)) == d


@FAST
@given(st.integers(min_value=2, max_value=10**12))
def test_chinese_numeral_mentions(n):
    ms = parse_mentions(format_cn_int(n) + "件")
    assert len(ms) == 1 and ms[0].value == n and ms[0].unit == "件"


_EN = re.compile(r"^(?:RMB )?([\d,]+(?:\.\d+)?)(?: (thousand|million|billion|trillion))?$")
_SCALE = {None: 0, "million": 6, "billion": 9, "trillion": 12}


@FAST
@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e14"), places=2, allow_nan=False,
                   allow_infinity=False))
def test_money_english_parses_back(d):
    ms = parse_mentions(format_scaled(d) + "元")
    assert len(ms) == 1 and ms[0].value == d
    m = _EN.match(render_en(ms[0]))
    assert m, render_en(ms[0])
    assert Decimal(m.group(1).replace(",", "")).scaleb(_SCALE[m.group(2)]) == d


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一万零四百三十", "10430"), ("12.62亿", "1262000000"), ("146万", "1460000"), ("三千五百万", "35000000"),
        ("１２．６２亿", "1262000000"), ("110,386", "110386"), ("百分之十三", "13"), ("十二", "12"), ("两", "2"),
        ("十", "10"), ("一万五", "15000"), ("三千五", "3500"), ("二〇二四", "2024"), ("1.5万亿", "1500000000000"),
        ("十二点五", "12.5"), ("一亿零一百万", "101000000"), ("一万零五亿", "1000500000000"),
    ],
)
def test_examples(text, value):
    assert parse_cn_number(text) == Decimal(value)
    assert str(parse_cn_number(text)) == value  # plain form, no exponent


@pytest.mark.parametrize("bad", ["", "abc", "1,23", "十十", "五六百", "三百四千"])
def test_malformed(bad):
    with pytest.raises(CnNumberError):
        parse_cn_number(bad)


def test_numeric_core_never_uses_float():
    for path in NUMERIC_DIR.glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "float":
                pytest.fail(f"{path.name}:{node.lineno} calls float()")
            assert not (isinstance(node, ast.Constant) and isinstance(node.value, float)), path.name


def _spoken_variants(standard: str) -> set[str]:
    """Other ways people write the same integer: 零十 for 零一十 (一千零十), 两 for 二 before 千/万/亿,
    一十 spelled out at the start."""
    out = {standard, standard.replace("零一十", "零十")}
    out |= {re.sub(r"(?<!十)二(?=[千万亿])", "两", v) for v in set(out)}  # 两千, 两万; never 十两万
    if standard.startswith("十"):
        out.add("一" + standard)
    return out


@FAST
@given(st.integers(min_value=0, max_value=10**13))
def test_spoken_variants_read_the_same_integer(n):
    for form in _spoken_variants(format_cn_int(n)):
        assert parse_cn_number(form) == n, form


@pytest.mark.parametrize("text, value", [
    ("一千零十", 1010), ("一千零十一", 1011), ("一万零十", 10010), ("十万零一千", 101000),
    ("廿二", 22), ("卅", 30), ("壹拾壹元壹角壹分", Decimal("11.11")), ("玖仟陆佰陆拾伍圆壹角捌分", Decimal("9665.18")),
    ("壹佰壹拾壹圆整", 111), ("百分之负三点八", Decimal("-3.8")), ("一百点123", Decimal("100.123")),
    ("100万三千", 1003000), ("200亿零四千230", 20000004230), ("1百01", 101), ("1万600", 10600),
])
def test_forms_read_exactly(text, value):
    assert parse_cn_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["点零", "零点", "负", "元整", "圆", "10.1万零100", "五六百", "1万6", "1千5",
                                  "一百230"])
def test_forms_that_cannot_be_read_exactly_are_refused(text):
    """Never a guess: 1万6 is 16000 spoken but 10006 by its digits, so it is no number at all."""
    with pytest.raises(CnNumberError):
        parse_cn_number(text)


def test_signed_and_slash_forms_in_text():
    def metrics(text):
        return [(m.mention.kind, m.mention.value, m.mention.unit) for m in extract(text).metrics]

    from pressbrief.service.numeric import extract

    assert metrics("全市共有一千零十家企业。") == [("count", Decimal(1010), "家")]
    assert metrics("增速为-3.8%。") == metrics("增速为百分之负三点八。") == [("percent", Decimal("-3.8"), "%")]
    assert metrics("增长1.2%-3.8%。")[1] == ("percent", Decimal("3.8"), "%")  # a range's dash is no sign
    assert metrics("概率是1/2。") == metrics("概率是二分之一。") == [("ratio", Decimal(1), "/2")]
    assert all(m[0] != "ratio" for m in metrics("提供24/7服务，7/24小时在线。"))  # no proper fraction / a time
