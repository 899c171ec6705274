"""The extractor against the hand-checked gold file of the reference release."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from pressbrief.service.numeric import extract, mention_to_json

ROOT = Path(__file__).resolve().parents[2]
RELEASE = ROOT / "examples" / "xinxiang-2024-12-27-business-environment.txt"
GOLD = ROOT / "tests" / "gold" / "xinxiang-2024-12-27.json"
FIELDS = ("text", "start", "end", "kind", "value", "unit", "approx", "is_code")


@pytest.fixture(scope="module")
def extraction():
    return extract(RELEASE.read_text("utf-8"))


@pytest.fixture(scope="module")
def gold():
    return json.loads(GOLD.read_text("utf-8"))["mentions"]


def _key(d: dict) -> tuple:
    return tuple(d[f] for f in FIELDS)


def precision_recall(found: list[dict], gold: list[dict]) -> tuple[float, float, list, list]:
    f = {_key(d) for d in found}
    g = {_key(d) for d in gold}
    tp = len(f & g)
    return tp / len(f) if f else 1.0, tp / len(g) if g else 1.0, sorted(f - g), sorted(g - f)


def test_gold_offsets_are_exact(gold):
    text = RELEASE.read_text("utf-8")
    for g in gold:
        assert text[g["start"]:g["end"]] == g["text"]


def test_precision_recall_against_gold(extraction, gold):
    found = [mention_to_json(m) for m in extraction.mentions]
    p, r, extra, missing = precision_recall(found, gold)
    print(f"\nprecision {p:.3f} recall {r:.3f} ({len(found)} found, {len(gold)} gold)")
    assert not extra and not missing, f"extra={extra}\nmissing={missing}"
    assert p == 1.0 and r == 1.0


def test_gold_details(extraction, gold):
    by_span = {(m.start, m.end): m for m in extraction.mentions}
    for g in gold:
        m = by_span[(g["start"], g["end"])]
        if "upper" in g:
            assert format(m.upper, "f") == g["upper"]
        if "direction" in g:
            assert (m.direction, m.basis) == (g["direction"], g["basis"])
        if "date_iso" in g:
            assert m.date_iso == g["date_iso"]
        if "rank_scope" in g:
            assert m.rank is not None and m.rank.scope == g["rank_scope"]
            assert m.rank.tier == g.get("tier", False)


def test_metrics_exclude_codes(extraction, gold):
    codes = {(g["start"], g["end"]) for g in gold if g["is_code"]}
    spans = {(x.mention.start, x.mention.end) for x in extraction.metrics}
    assert codes and not codes & spans
    assert len(extraction.metrics) == len(gold) - len(codes)


def _metric(extraction, text: str, nth: int = 0):
    hits = [x for x in extraction.metrics if x.mention.text == text]
    return hits[nth]


@pytest.mark.parametrize(
    ("text", "nth", "label", "rendered"),
    [
        ("10430件", 0, "新增商标注册", "10,430"),
        ("12.62亿元", 0, "知识产权质押融资", "RMB 1.262 billion"),
        ("146万元", 0, "追赃挽损", "RMB 1.46 million"),
        ("1400余件", 0, "有效高价值发明专利", "more than 1,400"),
        ("同比增长25.72%", 0, "新增商标注册", "up 25.72% year on year"),
        ("6951件", 0, "有效发明专利", "6,951"),
        ("37件", 0, "中国驰名商标", "37"),
        ("18件", 0, "地理标志商标", "18"),
        ("2381亩", 0, "盘活土地", "2,381 mu (about 158.7 ha)"),
        ("40家", 0, "中小微企业", "40"),
        ("12件", 0, "每万人发明专利拥有量", "12 per 10,000 people"),
        ("2588万元", 0, "奖励资金", "RMB 25.88 million"),
        ("全省第一位", 0, "地理标志商标", "1st in Henan province"),
    ],
)
def test_labels_and_english(extraction, text, nth, label, rendered):
    x = _metric(extraction, text, nth)
    assert x.label == label
    assert x.rendered_en == rendered


def test_links_change_rank_entity(extraction):
    reg = _metric(extraction, "10430件")
    assert reg.change is not None and reg.change.value == Decimal("25.72") and reg.change.basis == "同比"
    assert reg.label_en == "new trademark registrations"
    gi = _metric(extraction, "18件")
    assert gi.rank is not None and gi.rank.position == 1 and gi.rank.scope == "全省"
    assert _metric(extraction, "12.62亿元").entity == "市市场监管局"
    assert _metric(extraction, "2381亩").entity == "经开区"
    second = _metric(extraction, "第二位")
    assert second.rendered_en == "2nd among 16 national-level functional zones"


def test_sections(extraction):
    secs = extraction.sections
    assert [s.entity for s in secs] == [None, "市市场监管局", "经开区"]
    assert secs[1].heading.startswith("地理标志商标数量全省第一")
    text = extraction.text
    # the page break inside "今年新增商标\n\n注册10430件" is one sentence
    sent = next(t for t in secs[1].sentences if "10430" in t.text)
    assert "今年新增商标注册10430件" in sent.clean
    assert text[sent.start:sent.end] == sent.text
