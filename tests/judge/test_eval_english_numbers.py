"""The English number parser: values, scales, units, approximations, ranks, dates, names skipped."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pressbrief.eval import parse_english_numbers
from pressbrief.eval.judge.types import DateParts


def one(text: str):
    nums = parse_english_numbers(text)
    assert len(nums) == 1, [(n.text, n.kind) for n in nums]
    n = nums[0]
    assert text[n.start:n.end] == n.text
    return n


@pytest.mark.parametrize("text, value, unit, span", [
    ("RMB 1.262 billion", "1262000000", "CNY", "RMB 1.262 billion"),
    ("1.262 billion yuan", "1262000000", "CNY", "1.262 billion yuan"),
    ("RMB1.262bn", "1262000000", "CNY", "RMB1.262bn"),
    ("US$46,000", "46000", "USD", "US$46,000"),
    ("$3 million", "3000000", "USD", "$3 million"),
    ("RMB280 Million", "280000000", "CNY", "RMB280 Million"),
    ("1.46 million", "1460000", None, "1.46 million"),
    ("100 million", "100000000", None, "100 million"),
    ("10,430", "10430", None, "10,430"),
    ("25.72%", "25.72", "%", "25.72%"),
    ("13 percent", "13", "%", "13 percent"),
    ("3.2 percentage points", "3.2", "pp", "3.2 percentage points"),
    ("17 basis points", "17", "bp", "17 basis points"),
    ("2,381 mu", "2381", "mu", "2,381 mu"),
    ("400 hectares", "400", "ha", "400 hectares"),
    ("24 km", "24", "km", "24 km"),
    ("360 steam tons per hour", "360", "t/h", "360 steam tons per hour"),
    ("820,000kw", "820000", "kW", "820,000kw"),
    ("twelve", "12", None, "twelve"),
    ("two hundred and fifty", "250", None, "two hundred and fifty"),
    ("a dozen", "12", None, "a dozen"),
    ("one million yuan", "1000000", "CNY", "one million yuan"),
    ("50K", "50000", None, "50K"),
    ("eight times", "8", "x", "eight times"),
])
def test_values_scales_units(text, value, unit, span):
    n = one(text)
    assert n.value == Decimal(value)
    assert n.unit == unit
    assert n.text == span


def test_values_are_exact_decimals():
    n = one("RMB 1.262 billion")
    assert isinstance(n.value, Decimal) and str(n.value) == "1262000000"
    assert n.sig == "1262" and n.quantum == Decimal(1000000)
    assert one("0.1 percent").value == Decimal("0.1")


@pytest.mark.parametrize("text, approx", [
    ("more than 1,400", "more_than"), ("over 10,000", "more_than"), ("nearly 7,000", "nearly"),
    ("about 40", "about"), ("at least 2", "at_least"), ("less than 18 months", "less_than"),
    ("no more than 3,000", "at_most"), ("no less than RMB 1,660", "at_least"), ("1,400-plus", "more_than"),
    ("60 days or more", "at_least"), ("an estimated 420,000", "about"), ("within 7 days", "at_most"),
])
def test_approximation_words(text, approx):
    assert one(text).approx == approx


def test_direction_and_basis():
    nums = parse_english_numbers("up 16.85% year on year; fell 3.2 percentage points month on month; "
                                 "a 25.72% year-on-year increase; rose to 110,386")
    by = {n.text: n for n in nums}
    assert (by["16.85%"].direction, by["16.85%"].basis, by["16.85%"].kind) == ("up", "yoy", "change")
    assert (by["3.2 percentage points"].direction, by["3.2 percentage points"].basis) == ("down", "seq")
    assert by["25.72%"].direction == "up"
    assert by["110,386"].direction is None  # "rose to" is a level, not a change


def test_ranks_and_ordinals():
    nums = parse_english_numbers("ranking first in the province; second among 16 national-level zones; "
                                 "the first tier of the province; the second-largest city; No. 1 in the country; "
                                 "its 11th press conference; for the first time")
    got = [(n.text, n.kind, n.rank_position, n.rank_scope, n.rank_tier) for n in nums]
    assert ("first", "rank", 1, "province", False) in got
    assert ("second", "rank", 2, "n16", False) in got
    assert ("first tier", "rank", 1, "province", True) in got
    assert ("second", "rank", 2, None, False) in got
    assert ("No. 1", "rank", 1, "country", False) in got
    assert ("11th", "other", None, None, False) in got
    assert len(nums) == 7  # "16" and the six above; "the first time" is no claim


def test_dates_years_times():
    nums = parse_english_numbers("On July 26th, 2020, from 0:00 to 24:00 on July 25 and 26; since 2010; "
                                 "in the 1990s; in February; December 27; 15:43")
    dates = [(n.text, n.date) for n in nums if n.kind == "date"]
    assert ("July 26th, 2020", DateParts(2020, 7, 26)) in dates
    assert ("July 25", DateParts(None, 7, 25)) in dates
    assert ("26", DateParts(None, 7, 26)) in dates
    assert ("2010", DateParts(2010, None, None)) in dates
    assert ("1990s", DateParts(1990, None, None, decade=True)) in dates
    assert ("February", DateParts(None, 2, None)) in dates
    times = [n.value for n in nums if n.kind == "time"]
    assert times == [Decimal(0), Decimal(2400), Decimal(1543)]


def test_ranges_fractions_codes():
    by = {n.text: n for n in parse_english_numbers("3-5 years; 0.64 to 3.31 meters; two-thirds of firms; "
                                                   'the "1+3" mechanism')}
    assert (by["3-5 years"].value, by["3-5 years"].upper, by["3-5 years"].approx) == (3, 5, "range")
    assert by["0.64 to 3.31 meters"].upper == Decimal("3.31")
    assert by["two-thirds"].unit == "fraction"
    assert by["1+3"].is_code


@pytest.mark.parametrize("text", [
    "COVID-19 cases", "5G networks", "the G20 summit", "an A380 jet", "one of the largest", "for the first time",
    "the Three Gorges dam", "the village's “Two Committees”", "PM2.5 levels", "no one knows",
])
def test_names_and_non_claims_are_skipped(text):
    assert parse_english_numbers(text) == []


def test_offsets_hold_for_every_number():
    text = ("Pledge financing reached RMB 1.262 billion (up 16.85%), ranking first; about 7,000 patents; "
            "On July 26, 2020, 3-5 years, two-thirds, No. 1 in China.")
    for n in parse_english_numbers(text):
        assert text[n.start:n.end] == n.text
