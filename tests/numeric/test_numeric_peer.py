"""The numeric core against a peer's test cases: cn2an's numeral suite (MIT; its cases are a fact
table in ../shared/peer/cn2an-cases.json, read here, never copied into the repository)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from pressbrief.service.numeric import extract, parse_cn_number
from pressbrief.service.numeric.cnnum import CnNumberError

CASES = Path(__file__).resolve().parents[3] / "shared" / "peer" / "cn2an-cases.json"


@pytest.fixture(scope="module")
def cases() -> dict:
    if not CASES.is_file():
        pytest.skip(f"peer cases not found at {CASES} (../shared is absent); skipping the cn2an suite")
    return json.loads(CASES.read_text(encoding="utf-8"))


def test_cn2an_values_exact_and_never_silently_wrong(cases):
    exact, wrong, refused = [], [], []
    for case in cases["values"]:
        try:
            got = parse_cn_number(case["text"])
        except CnNumberError:
            refused.append(case["text"])
            continue
        (exact if got == Decimal(case["value"]) else wrong).append((case["text"], case["value"], str(got)))
    assert wrong == []  # a refusal is allowed, a wrong value never
    assert len(exact) >= 128, refused


def test_cn2an_invalid_strings_are_refused(cases):
    accepted = []
    for text in cases["invalid"]:
        try:
            accepted.append((text, parse_cn_number(text)))
        except CnNumberError:
            pass
    assert accepted == []


def test_cn2an_sentence_pairs_give_the_same_values(cases):
    def values(text):
        return [(m.kind, m.value) for m in extract(text).mentions]

    for pair in cases["sentences"]:
        assert values(pair["chinese"]) == values(pair["arabic"]), pair
        assert values(pair["arabic"]), pair  # each pair states a number
