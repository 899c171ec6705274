"""English rendering, glossary and the JSON shape shared by the API, briefs and batch."""

from __future__ import annotations

import json

import pytest

from pressbrief.service.numeric import (
    extract,
    extraction_to_json,
    glossary_lookup,
    mention_to_json,
    metric_to_json,
    parse_mentions,
    render_en,
)


def en(text: str, style: str = "rmb") -> str:
    ms = [m for m in parse_mentions(text) if not m.is_code]
    assert len(ms) == 1, [m.text for m in ms]
    return render_en(ms[0], style)


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("12.62亿元", "RMB 1.262 billion"),
        ("146万元", "RMB 1.46 million"),
        ("2588万元", "RMB 25.88 million"),
        ("5万元", "RMB 50,000"),
        ("13.53万亿元", "RMB 13.53 trillion"),
        ("58亿美元", "USD 5.8 billion"),
        ("10430件", "10,430"),
        ("1400余件", "more than 1,400"),
        ("1万件以上", "at least 10,000"),
        ("约200人", "about 200"),
        ("近3000家", "nearly 3,000"),
        ("居全省第一位", "1st in the province"),
        ("居全国第三位", "3rd in the country"),
        ("稳居全省第一方阵", "first tier in the province"),
        ("同比增长25.72%", "up 25.72% year on year"),
        ("下降3.2个百分点", "down 3.2 percentage points"),
        ("环比下降0.1%", "down 0.1% month on month"),
        ("2381亩", "2,381 mu (about 158.7 ha)"),
        ("24公里", "24 km"),
        ("日处理10万吨", "100,000 tonnes per day"),
        ("360蒸吨/小时", "360 steam tonnes per hour"),
        ("每万人发明专利拥有量达到12件", "12 per 10,000 people"),
        ("连续3年", "3 consecutive years"),
        ("60天以上", "at least 60 days"),
        ("一周内", "within 1 week"),
        ("3-5年", "3 to 5 years"),
        ("12月27日", "December 27"),
        ("2024年12月27日", "December 27, 2024"),
        ("到2025年年底", "the end of 2025"),
        ("2023年上半年", "the first half of 2023"),
        ("第十一场", "11th"),
        ("三分之一", "1/3"),
        ("百分之十三", "13%"),
        ("三倍", "3 times"),
        ("7.88亿购物者", "788 million"),
        ("1.98亿度电", "198 million kWh"),
    ],
)
def test_render(text, english):
    assert en(text) == english


def test_yuan_style():
    assert en("12.62亿元", "yuan") == "1.262 billion yuan"
    assert en("146万元", "yuan") == "1.46 million yuan"
    with pytest.raises(ValueError):
        en("146万元", "dollars")


def test_province_scope():
    x = extract("河南省新乡市今年地理标志商标18件，居全省第一位。")
    rank = [m for m in x.metrics if m.mention.kind == "rank"][0]
    assert rank.rendered_en == "1st in Henan province"
    assert rank.rank.scope_en == "Henan province"


@pytest.mark.parametrize(
    ("label", "english"),
    [
        ("有效发明专利", "valid invention patents"),
        ("地理标志商标", "geographical-indication trademarks"),
        ("中国驰名商标", "well-known Chinese trademarks"),
        ("地区生产总值", "GDP"),
        ("社会消费品零售总额", "total retail sales of consumer goods"),
        ("固定资产投资", "fixed-asset investment"),
        ("进出口", "imports and exports"),
        ("居民消费价格", "consumer prices (CPI)"),
        ("有效高价值发明专利", "valid high-value invention patents"),
        ("國家級專利導航服務基地", "national-level patent navigation service bases"),
    ],
)
def test_glossary(label, english):
    assert glossary_lookup(label) == english


def test_glossary_srdi_and_untranslated():
    assert "(SRDI)" in glossary_lookup("专精特新")
    assert glossary_lookup("优化营商环境工作系列") is None
    assert glossary_lookup("") is None


def test_untranslated_labels_are_marked():
    x = extract("今年我市举办优化营商环境工作系列活动12场。")
    m = x.metrics[0]
    assert m.label_en is None and m.untranslated is True


def test_json_shape():
    x = extract("新乡市\n\n本报讯 今年知识产权质押融资12.62亿元，同比增长16.85%，居全省第一位，落实“13710”机制。")
    data = extraction_to_json(x)
    json.dumps(data, ensure_ascii=False)  # serializable
    assert set(data) >= {"sections", "metrics", "mentions", "stats"}
    first = data["metrics"][0]
    for key in ("text", "start", "end", "kind", "value", "unit", "approx", "label", "label_en", "rendered_en",
                "section_id", "entity", "change", "rank", "period"):
        assert key in first
    assert first["value"] == "1262000000" and first["unit"] == "元" and first["kind"] == "amount"
    assert first["label"] == "知识产权质押融资" and first["rendered_en"] == "RMB 1.262 billion"
    assert first["change"] == {"value": "16.85", "unit": "%", "direction": "up", "basis": "同比"}
    assert first["rank"]["position"] == 1
    assert [m["text"] for m in data["metrics"]] == ["12.62亿元", "同比增长16.85%", "全省第一位"]
    assert any(m["is_code"] and m["text"] == "13710" for m in data["mentions"])
    assert metric_to_json(x.metrics[0])["value"] == "1262000000"
    assert mention_to_json(x.mentions[0])["text"] == "12.62亿元"


def test_a_magnitude_word_renders_as_words_not_a_range():
    from pressbrief.service.brief.highlights import choose_highlights

    ex = extract("对冲基金开始提取数亿美元，上万人参加，数千万元资金到位，另拨付2000万元。")
    got = {m.mention.text: m.rendered_en for m in ex.metrics}
    assert got["数亿美元"] == "hundreds of millions of US dollars"  # never "USD 200 million to USD 999,999,999"
    assert got["上万人"] == "more than ten thousand people"
    assert got["数千万元"] == "tens of millions of yuan"
    # a magnitude is no figure to report: not a highlight; 上万 states a floor and stays one
    chosen = [m.mention.text for m in choose_highlights(ex, 8)]
    assert "数亿美元" not in chosen and "数千万元" not in chosen and "2000万元" in chosen and "上万人" in chosen
