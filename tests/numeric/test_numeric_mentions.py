"""Numeric mentions of every everyday form, segmentation and messy input."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pressbrief.service.numeric import extract, parse_mentions, render_en, segment


def one(text: str):
    ms = [m for m in parse_mentions(text) if not m.is_code]
    assert len(ms) == 1, [(m.text, m.kind) for m in ms]
    return ms[0]


@pytest.mark.parametrize(
    ("text", "span", "kind", "value", "unit", "approx"),
    [
        ("新增商标注册10430件", "10430件", "count", "10430", "件", None),
        ("融资１２．６２亿元", "１２．６２亿元", "amount", "1262000000", "元", None),
        ("有效商标注册量110,386件", "110,386件", "count", "110386", "件", None),
        ("服务基地两家", "两家", "count", "2", "家", None),
        ("十二个省辖市", "十二个", "count", "12", "个", None),
        ("一万零四百三十件", "一万零四百三十件", "count", "10430", "件", None),
        ("投资三千五百万元", "三千五百万元", "amount", "35000000", "元", None),
        ("第十一场新闻发布会", "第十一场", "other", "11", "场", None),
        ("占比百分之十三", "百分之十三", "percent", "13", "%", None),
        ("五成企业", "五成", "percent", "50", "%", None),
        ("效率是人工的三倍", "三倍", "ratio", "3", "倍", None),
        ("追赃挽损146万元", "146万元", "amount", "1460000", "元", None),
        ("日处理10万吨工业水厂", "10万吨", "amount", "100000", "吨/日", None),
        ("有效高价值发明专利1400余件", "1400余件", "count", "1400", "件", "more_than"),
        ("220余家企业", "220余家", "count", "220", "家", "more_than"),
        ("3000多家企业", "3000多家", "count", "3000", "家", "more_than"),
        ("保持1万件以上", "1万件以上", "count", "10000", "件", "at_least"),
        ("节省时间60天以上", "60天以上", "period", "60", "天", "at_least"),
        ("约200人参加", "约200人", "count", "200", "人", "about"),
        ("近3000家企业", "近3000家", "count", "3000", "家", "nearly"),
        ("超过500家", "超过500家", "count", "500", "家", "more_than"),
        ("使用寿命3-5年", "3-5年", "period", "3", "年", "range"),
        ("连续3年保持", "连续3年", "period", "3", "年", None),
        ("360蒸吨/小时热电联产项目", "360蒸吨/小时", "amount", "360", "蒸吨/小时", None),
        ("每万人发明专利拥有量达到12件", "12件", "ratio", "12", "件/万人", None),
        ("2381亩", "2381亩", "amount", "2381", "亩", None),
        ("近三分之一的野生动物", "近三分之一", "ratio", "1", "/3", "nearly"),
        ("五六百米", "五六百米", "amount", "500", "米", "range"),
        ("不到18个月", "不到18个月", "period", "18", "个月", "less_than"),
        ("总价回购6.13亿股", "6.13亿股", "count", "613000000", "股", None),
        ("用三至五年时间", "三至五年", "period", "3", "年", "range"),
    ],
)
def test_forms(text, span, kind, value, unit, approx):
    m = one(text)
    assert (m.text, m.kind, m.value, m.unit, m.approx) == (span, kind, Decimal(value), unit, approx)
    assert text[m.start:m.end] == m.text


@pytest.mark.parametrize(
    ("text", "span", "value", "unit", "direction", "basis"),
    [
        ("今年新增商标注册同比增长25.72%", "同比增长25.72%", "25.72", "%", "up", "同比"),
        ("质押融资金额较去年同期增长16.85%", "较去年同期增长16.85%", "16.85", "%", "up", "较去年同期"),
        ("失业率下降3.2个百分点", "下降3.2个百分点", "3.2", "pp", "down", None),
        ("增速比上月高0.1个百分点", "0.1个百分点", "0.1", "pp", "up", "比上月"),
        ("CPI环比上涨0.5%", "环比上涨0.5%", "0.5", "%", "up", "环比"),
        ("中间价下调17个基点", "下调17个基点", "17", "bp", "down", None),
    ],
)
def test_changes(text, span, value, unit, direction, basis):
    m = one(text)
    assert m.kind == "change"
    assert (m.text, m.value, m.unit, m.direction, m.basis) == (span, Decimal(value), unit, direction, basis)


@pytest.mark.parametrize(
    ("text", "span", "position", "scope", "tier"),
    [
        ("均居全省第三位", "全省第三位", 3, "全省", False),
        ("地理标志商标数量全省第一", "全省第一", 1, "全省", False),
        ("稳居全省第一方阵", "全省第一方阵", 1, "全省", True),
        ("位居全国首位", "全国首位", 1, "全国", False),
    ],
)
def test_ranks(text, span, position, scope, tier):
    m = one(text)
    assert m.kind == "rank" and m.text == span
    assert (m.rank.position, m.rank.scope, m.rank.tier) == (position, scope, tier)


def test_rank_scope_with_number():
    ms = parse_mentions("经开区位列16个国家级功能区中第二位")
    assert [(m.text, m.kind) for m in ms] == [("16个", "count"), ("第二位", "rank")]
    assert ms[1].rank.scope == "16个国家级功能区"


@pytest.mark.parametrize(
    ("text", "span", "kind", "iso"),
    [
        ("12月27日,我市举行", "12月27日", "date", "--12-27"),
        ("2024年度优化营商环境", "2024年度", "period", "2024"),
        ("力争到2025年年底", "2025年年底", "date", "2025"),
        ("在2022年~2023年上半年全省营商环境评价中", "2022年~2023年上半年", "period", "2022/2023-H1"),
        ("1-7月份，固定资产投资", "1-7月份", "period", "--01/--07"),
        ("前三季度", "前三季度", "period", "Q1/Q3"),
        ("2021年前三季度", "2021年前三季度", "period", "2021-Q1/2021-Q3"),
        ("二〇二四年十二月", "二〇二四年十二月", "date", "2024-12"),
        ("2020-07-26 05:03:17 来源", "2020-07-26 05:03:17", "date", "2020-07-26T05:03:17"),
        ("阿里巴巴2025财年", "2025财年", "period", "FY2025"),
    ],
)
def test_dates(text, span, kind, iso):
    m = one(text)
    assert (m.text, m.kind, m.date_iso) == (span, kind, iso)


@pytest.mark.parametrize(
    ("text", "code"),
    [("落实“13710”机制", "13710"), ("“1+3”工作机制", "1+3"), ("达到“四个100%”", "四个100%"),
     ("围绕“五抓五提”", "五抓五提"), ("5G基站", "5G"), ("“十四五”规划", "十四五"),
     ("大连市第六人民医院", "第六人民医院")],
)
def test_codes(text, code):
    ms = parse_mentions(text)
    assert [(m.text, m.is_code) for m in ms] == [(code, True)]


@pytest.mark.parametrize(
    "text",
    ["第一时间推送整改", "一站式服务", "一窗办、一网办", "两个一级指标", "全省首家试点", "打造一流营商环境",
     "知识产权服务万里行", "这一场景", "有一个村庄", "一处处城市森林", "每亩还能节约", "千家万户", "百花齐放"],
)
def test_not_numbers(text):
    assert [m.text for m in parse_mentions(text) if m.text not in ("两个",)] == []


@pytest.mark.parametrize(
    ("text", "span", "value", "upper", "approx"),
    [("数十个宴会厅", "数十个", "20", "99", "range"), ("上万人参加", "上万人", "10000", "99999", "range"),
     ("超过百万元", "超过百万元", "1000000", None, "more_than"),
     ("不低于1660元", "不低于1660元", "1660", None, "at_least"),
     ("不超过每秒3000立方米", "3000立方米", "3000", None, "at_most")],
)
def test_vague_and_bounds(text, span, value, upper, approx):
    m = one(text)
    assert (m.text, m.value, m.upper, m.approx) == (span, Decimal(value), upper and Decimal(upper), approx)


def test_traditional_chinese():
    trad = "今年知識產權質押融資12.62億元，同比增長25.72%，居全省第一位。"
    ms = parse_mentions(trad)
    assert [(m.text, m.kind, m.value) for m in ms] == [
        ("12.62億元", "amount", Decimal("1262000000")),
        ("同比增長25.72%", "change", Decimal("25.72")),
        ("全省第一位", "rank", Decimal("1")),
    ]
    assert all(trad[m.start:m.end] == m.text for m in ms)
    assert render_en(ms[0]) == "RMB 1.262 billion"


def test_crlf_fullwidth_spaces_and_page_breaks():
    text = "標題\r\n\r\n本報訊 今年新增商標\r\n\r\n注册１０４３０件，同比增长２５．７２％。"
    x = extract(text)
    assert [(m.text, m.value) for m in x.mentions] == [
        ("１０４３０件", Decimal("10430")), ("同比增长２５．７２％", Decimal("25.72"))]
    m = x.metrics[0]
    assert text[m.mention.start:m.mention.end] == m.mention.text
    assert m.label == "新增商标注册"


def test_html_paste():
    html = "<html><body><h1>新乡市发布会</h1><p>今年知识产权质押融资<b>12.62</b>亿元，惠及40家中小微企业。</p>" \
           "<p>有效发明专利6951件&nbsp;，居全省第三位。</p></body></html>"
    x = extract(html)
    texts = [m.text for m in x.mentions]
    assert texts == ["12.62</b>亿元", "40家", "6951件", "全省第三位"]
    money = x.mentions[0]
    assert money.value == Decimal("1262000000") and html[money.start:money.end] == money.text
    assert all("<" not in s.clean or "</b>" in s.clean for sec in x.sections for s in sec.sentences)


def test_segment_reference_release():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "examples" / "xinxiang-2024-12-27-business-environment.txt"
            ).read_text("utf-8")
    secs = segment(text)
    assert len(secs) == 3 and [s.entity for s in secs] == [None, "市市场监管局", "经开区"]
    for s in secs:
        for t in s.sentences:
            assert text[t.start:t.end] == t.text
            assert "\n" not in t.clean
    leads = [t.clean for s in secs for t in s.sentences if t.clean.startswith("本报讯")]
    assert len(leads) == 2


def test_short_text_without_headings():
    ms = parse_mentions("有效发明专利6951件")
    assert [m.text for m in ms] == ["6951件"]


def test_stray_spaces():
    x = extract("今年新增商标注册 10430 件，同比增长 25.72 %，知识产权质押融资 12.62 亿元。")
    assert [(m.mention.text, m.mention.value, m.label) for m in x.metrics] == [
        ("10430 件", Decimal("10430"), "新增商标注册"),
        ("同比增长 25.72 %", Decimal("25.72"), "新增商标注册"),
        ("12.62 亿元", Decimal("1262000000"), "知识产权质押融资"),
    ]


def test_an_ascii_mark_inside_a_latin_name_ends_no_sentence():
    # clts-sample6's Chinese brief printed "IC作为国产美妆品牌玛丽黛佳的姐妹品牌，YES!" cut out of the brand YES!IC
    x = extract("产品很多。YES!IC作为玛丽黛佳的姐妹品牌，将产品缩小15%。好!Great!")
    said = [x.text[t.start:t.end] for sec in x.sections for t in sec.sentences]
    assert said == ["产品很多。", "YES!IC作为玛丽黛佳的姐妹品牌，将产品缩小15%。", "好!", "Great!"]
