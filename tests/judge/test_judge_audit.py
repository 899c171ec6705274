"""The judge on professional translations it was not tuned on (WMT21 systems, WMT23 with MQM ratings).

``tests/data/judge_labels.jsonl`` is what a person read: a number of a system's English, the verdict
it deserves and why. The texts stay in ../shared/corpus (never in the repository); without them the
tests skip.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pressbrief.eval.bench.judge_audit import LABELS, checks_of, wmt21, wmt23
from pressbrief.eval.bench.paths import default_corpus

CORPUS = default_corpus().parent  # ../shared/corpus


def _records() -> dict[str, dict]:
    out = {}
    for name in ("wmt21-dev-systems.jsonl", "wmt23-mqm-open.jsonl"):
        path = CORPUS / name
        if not path.is_file():
            pytest.skip(f"{path} not found (../shared is absent); skipping the judge audit")
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                out[rec["id"]] = rec
    return out


def _labels() -> list[dict]:
    with Path(LABELS).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


LABELLED = _labels()


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    return _records()


@pytest.mark.parametrize("lab", LABELLED, ids=[f"{x['id'].split('@')[1]}-{x['seg']}-{x['text']}" for x in LABELLED])
def test_labelled_number(lab: dict, records: dict[str, dict]) -> None:
    checks = [f for f in checks_of(records[lab["id"]]) if f["seg"] == lab["seg"]]
    hit = [f for f in checks if f["text"] == lab["text"]] or [f for f in checks if lab["text"] in f["text"]]
    assert hit, f"{lab['text']!r} not parsed on line {lab['seg']}: {[f['text'] for f in checks]}"
    f = hit[0]
    if lab["expect"] == "supported":
        assert f["supported"], f"false alarm ({lab['why']}): {f['error']} {f['note']}"
    else:
        assert not f["supported"], f"missed ({lab['why']})"
        if lab.get("error"):
            assert f["error"] == lab["error"], f"{f['error']} ({f['note']}) where {lab['error']} is right"


def test_flags_on_online_b_and_the_human_reference_are_read_and_real(records: dict[str, dict]) -> None:
    """Every flag on ref-A and Online-B has been read; at least 80% of each system's are real."""
    res = wmt21(CORPUS / "wmt21-dev-systems.jsonl", ["ref-A", "Online-B"], LABELS)
    unread = [(f["id"], f["seg"], f["text"], f["error"]) for f in res["flags"] if f["label"] is None]
    assert not unread, f"new flags to read and label: {unread}"
    for name, s in res["systems"].items():
        assert s["real_share"] is not None and s["real_share"] >= 0.8, (name, s)


def test_professional_raters_ok_numbers_are_rarely_flagged(records: dict[str, dict]) -> None:
    res = wmt23(CORPUS / "wmt23-mqm-open.jsonl", CORPUS / "wmt23-mqm-open-labels.jsonl")
    ok = res["human_ok"]
    assert ok["numbers"] >= 800
    assert ok.get("flagged", 0) / ok["numbers"] <= 0.02, res["shown"]["human_ok"][:5]
