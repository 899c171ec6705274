"""The harness on hand-written (source, brief) pairs: the exact verdict of every number."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from pressbrief.eval import ERROR_TYPES, check_brief

_SPEC = importlib.util.spec_from_file_location("eval_pairs", Path(__file__).parents[1] / "data" / "eval_pairs.py")
assert _SPEC and _SPEC.loader
_MOD = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_MOD)
PAIRS: list[dict] = _MOD.PAIRS


def _source(pair: dict, sample_text: str) -> str:
    return sample_text if pair["source"] == "@release" else pair["source"]


@pytest.mark.parametrize("pair", PAIRS, ids=[p["id"] for p in PAIRS])
def test_pair_verdicts(pair: dict, sample_text: str) -> None:
    report = check_brief(_source(pair, sample_text), pair["brief"], pair["lang"])
    got = [(c.number.text, c.error or "supported") for c in report.checks]
    assert got == [tuple(e) for e in pair["expect"]]
    for c in report.checks:
        assert pair["brief"][c.number.start:c.number.end] == c.number.text
        assert (c.verdict == "supported") == (c.error is None)


def test_pairs_cover_every_error_type_in_both_languages() -> None:
    assert len(PAIRS) >= 60
    assert len({p["id"] for p in PAIRS}) == len(PAIRS)
    assert sum(1 for p in PAIRS if p["id"].startswith("R")) >= 15
    for lang_group in (("en",), ("zh", "zh-Hant")):
        seen = {e for p in PAIRS if p["lang"] in lang_group for _, e in p["expect"]}
        missing = set(ERROR_TYPES) - seen
        assert not missing, f"{lang_group}: no pair for {sorted(missing)}"
        assert "supported" in seen
    assert any(p["lang"] == "zh-Hant" for p in PAIRS)


def test_reference_release_pairs_use_its_sentences(sample_text: str) -> None:
    flat = "".join(sample_text.split())  # the release has page-break newlines inside sentences
    for p in PAIRS:
        if p["id"].startswith("R") and p["source"] != "@release":
            for sentence in p["source"].split("。"):
                assert "".join(sentence.split()) in flat, (p["id"], sentence)
