"""Names and claims of English briefs, traced to the source (eval/judge/names.py, eval/judge/claims.py) and kept
out of briefs by the guard when they trace to nothing."""

from __future__ import annotations

import pytest

from pressbrief.eval import check_brief, evaluate_records
from pressbrief.eval.judge.claims import (
    comparison_contradiction,
    condition_mismatch,
    country_mismatch,
    exchange_rate_mismatch,
    expectation_mismatch,
    prior_value_mismatch,
    reversed_claims,
    share_mismatch,
    vague_magnitude_mismatch,
)
from pressbrief.eval.judge.list_items import invented_items
from pressbrief.eval.judge.names import check_names
from pressbrief.eval.judge.periods import (
    basis_period_mismatch,
    chinese_periods,
    deadline_mismatch,
    english_periods,
    period_mismatch,
    relative_time_mismatch,
    relative_year_mismatch,
    span_mismatch,
    time_mismatch,
    year_period_mismatch,
)
from pressbrief.eval.judge.places import place_mismatch
from pressbrief.eval.judge.terms import misattributed_figures, untraced_terms
from pressbrief.service.brief.english_rules import (
    cut_untraced_speakers,
    drop_reversed_claims,
    drop_untraced_names,
    drop_untraced_terms,
    guard_english,
)
from pressbrief.service.brief.name_repair import names_to_give
from pressbrief.service.errors import InputError
from pressbrief.service.numeric import extract
from pressbrief.service.pipeline import summarize

SOURCE = ("新乡市市场监管局局长张伟表示，我市知识产权质押融资12.62亿元。新乡经开区两项一级指标居全省第一。"
          "受中美关系影响，人民币对美元汇率一度大贬，贬值压力加大。目前，我市共有防汛抢险队伍12支。")


def _origins(brief: str) -> dict[str, tuple]:
    return {c.text: (c.origins, c.untraced) for c in check_names(SOURCE, brief).checks}


def test_a_name_traced_by_the_place_table_and_the_glossary():
    got = _origins("Pledge financing in Xinxiang reached RMB 1.262 billion, the Xinxiang Municipal Administration "
                   "for Market Regulation said.")
    assert got["Xinxiang Municipal Administration for Market Regulation"] == (("place", "glossary"), ())


def test_a_person_traced_by_the_pinyin_of_the_source_characters():
    assert _origins("The director Zhang Wei said so.")["Zhang Wei"] == (("pinyin",), ())
    # a name whose pinyin the source holds only in scattered characters is no name of the release
    assert _origins("The director Zhang Ming said so.")["Zhang Ming"][1]


def test_a_word_traced_by_a_dictionary_gloss_of_a_source_word():
    got = _origins("The city has 12 Flood Control teams.")
    assert got["Flood Control"][0] == ("dictionary",) and not got["Flood Control"][1]


def test_untraced_names_are_reported_and_their_sentences_dropped():
    brief = ("Pledge financing reached RMB 1.262 billion. The city hosts the first National Trademark "
             "Registration Center of the province. Sony and Zhang Wei attended.")
    report = check_names(SOURCE, brief)
    untraced = {c.text for c in report.checks if not c.supported}
    assert "Sony and Zhang Wei" in untraced and any("Registration Center" in t for t in untraced)
    assert report.precision is not None and report.precision < 1
    kept, dropped = drop_untraced_names(SOURCE, brief)
    assert dropped == 2 and kept == "Pledge financing reached RMB 1.262 billion."


def test_a_reversed_direction_is_caught_both_ways():
    assert [c.word for c in reversed_claims(SOURCE, "The yuan faced appreciation pressure.")] == ["appreciation"]
    assert reversed_claims(SOURCE, "The yuan faced depreciation pressure.") == []
    up = "今年以来，人民币对美元累计升值超过6%，涨幅扩大。"
    assert [c.word for c in reversed_claims(up, "The yuan depreciated by more than 6%.")] == ["depreciated"]
    assert [c.word for c in reversed_claims(up, "The gains narrowed.")] == ["narrowed"]
    assert reversed_claims(up, "The yuan appreciated by more than 6% and the gains widened.") == []
    kept, dropped = drop_reversed_claims(SOURCE, "The yuan faced appreciation pressure. Teams: 12.")
    assert (kept, dropped) == ("Teams: 12.", 1)


def test_the_guard_counts_names_and_claims():
    ex = extract(SOURCE)
    brief = ("Xinxiang's pledge financing reached RMB 1.262 billion. Sony attended. "
             "The yuan faced appreciation pressure. Zhang Wei said the city has 12 flood control teams.")
    text, st = guard_english(ex, iter([brief]), lambda: "fallback", max_candidates=1)
    assert "Sony" not in text and "appreciation" not in text and "RMB 1.262 billion" in text
    assert (st.names_dropped, st.claims_dropped) == (1, 1) and st.names_checked >= 1
    assert st.errors_seen.get("untraced_name") == 1 and st.errors_seen.get("reversed_claim") == 1
    assert {"names_checked", "names_dropped", "claims_dropped"} <= set(st.to_json())


def test_ordinary_word_pinyin_is_dropped_and_a_known_word_translated():
    ex = extract(SOURCE)
    # 防汛 and 附加 are dictionary words and read as English; 岗链 is neither a word nor a name of the
    # release: pinyin ("Ganglian") would be noise, so its sentence goes
    text, st = guard_english(ex, iter(["The city has 12 防汛 teams with 附加 rules. The 岗链 works."]),
                     lambda: "x", max_candidates=1)
    assert text == "The city has 12 flood control teams with additional rules."
    assert st.errors_seen.get("untraced_pinyin") == 1


@pytest.mark.parametrize("brief,expected", [
    ("Xinxiang's pledge financing reached RMB 1.262 billion.", 1.0),
    ("Luoyang's pledge financing reached RMB 1.262 billion.", 0.0),
])
def test_eval_reports_name_precision_for_any_brief(brief, expected):
    res = evaluate_records([{"id": "x", "text": SOURCE, "summary_en": brief}], text_metrics=False)
    en = res["aggregate"]["per_lang"]["en"]
    assert en["name_precision"] == expected and en["names"] == 1
    assert res["documents"][0]["briefs"]["en"]["name_precision"] == expected


@pytest.mark.parametrize("path", ["direct", "zh-translated", "lead-figures"])
def test_each_english_path_gives_a_guarded_brief(path, sample_text, monkeypatch):
    """With a tiny random model the prose is noise, so what comes through is what the guard lets through:
    on every path the English holds only supported numbers and traced names (the template when nothing
    of the model's survives)."""

    monkeypatch.setenv("PRESSBRIEF_MAX_NEW_TOKENS", "24")
    monkeypatch.setenv("PRESSBRIEF_TRANSLATE_CANDIDATES", "1")
    r = summarize(sample_text, model="tiny-qwen2", langs="en", max_highlights=2, en_path=path).to_json()
    assert r["en_path"] == path and r["brief_en"]
    assert check_brief(sample_text, r["brief_en"], "en").precision in (None, 1.0)
    assert check_names(sample_text, r["brief_en"]).precision in (None, 1.0)
    assert {"names_checked", "names_dropped", "claims_dropped"} <= set(r["guard"]["per_lang"]["en"])
    assert r["title_en"] is None or isinstance(r["title_en"], str)


def test_an_unknown_english_path_is_a_clear_error(sample_text):
    with pytest.raises(InputError, match="unknown English path 'literal'"):
        summarize(sample_text, model="tiny-qwen2", langs="en", en_path="literal")


def test_a_figure_put_on_a_metric_the_source_never_names_is_dropped():
    source = "人民币对美元汇率中间价24日下调17个基本点，报6.9938。四川是劳务输出大省。"
    brief = ("The central parity rate of the yuan was lowered by 17 basis points. On the 24th, the interest "
             "rate was lowered by 17 basis points. Sichuan is a large labour-exporting province.")
    found = untraced_terms(source, brief)
    assert [c.term for c in found] == ["interest rate"]  # the exchange rate and 输出 are the release's words
    record: list[dict] = []
    kept, dropped = drop_untraced_terms(source, brief, record)
    assert dropped == 1 and "interest" not in kept and "central parity rate" in kept
    assert record[0]["why"].startswith("untraced metric: 'interest rate'")
    # the source naming the metric: nothing to say
    assert untraced_terms("央行下调贷款市场报价利率10个基点。", "The interest rate was cut by 10 basis points.") == []
    res = evaluate_records([{"id": "d", "text": source, "summary_en": brief}], text_metrics=False)
    assert res["aggregate"]["per_lang"]["en"]["metrics_untraced"] == 1


def test_deaths_the_release_never_reports_are_caught():
    evacuated = "目前，险区162户、520人已全部撤离。"
    wrong = "The landslide has caused significant damage, including the loss of 162 houses and 520 people."
    assert [c.term for c in untraced_terms(evacuated, wrong)] == ["deaths"]
    assert untraced_terms(evacuated, "All 520 people of 162 households were evacuated.") == []
    assert untraced_terms("此次重大地质灾害，无一人伤亡。", "No one was killed.") == []


def test_a_figure_moved_onto_another_metric_is_caught():
    source = ("1-7月份，固定资产投资同比增长3.6%，房地产开发投资下降10.2%。"
              "前三季度国内生产总值823131亿元，同比增长9.8%。2020年第一季度产出比去年同期下降了6.8％。")
    wrong = "China's economy grew by 3.6% in the first seven months."
    found = misattributed_figures(source, wrong)
    assert [(c.term, c.word) for c in found] == [("the economy", "economy")]
    right = ("Fixed-asset investment grew 3.6% and the economy grew 9.8%, to RMB 82.3131 trillion. "
             "In the first quarter of 2020 the economy shrank by 6.8%.")
    assert misattributed_figures(source, right) == []
    # a figure the source does not back is the number check's business, not this one's
    assert misattributed_figures(source, "The economy grew by 7.7%.") == []


def test_an_untraced_name_only_in_who_said_it_costs_the_attribution_not_the_sentence():
    source = "省林业局野生动物保护处处长李国强介绍，全省陆生野生动物已从2000年的380种增加到现在的450多种。"
    said = ("The Provincial Forestry Bureau's Wildlife Conservation Section Deputy Director Li Guoqiang reported that "
            "terrestrial wildlife species rose from 380 in 2000 to more than 450 today.")
    text, cut = cut_untraced_speakers(source, said)
    assert cut == 1 and text == "Terrestrial wildlife species rose from 380 in 2000 to more than 450 today."
    # an untraced name in what was said is no attribution to cut: the names check still sees it
    claim = "Li Guoqiang said wildlife species in Yunnan Province rose from 380 to more than 450."
    assert cut_untraced_speakers(source, claim) == (claim, 0)


def test_an_example_list_of_things_the_source_does_not_name_is_caught():
    source = "保护区内生活着金雕、勺鸡、斑羚等178种野生动物；全省种植水稻、小麦、玉米3000万亩。"
    assert invented_items(source, "The reserve is home to 178 species, including golden bears and red pandas.") == [
        "golden bears", "red pandas"]
    assert invented_items(source, "Crops such as rice, wheat and corn were planted on 30 million mu.") == []
    assert invented_items(source, "Crops such as rice, wheat and soybeans were planted on 30 million mu.") == [
        "soybeans"]


def test_a_comparison_with_expectations_turned_round_is_caught():
    source = "美国7月PPI涨幅低于预期。数据显示，美国7月PPI同比升2.2%，预期升2.3%。"
    assert expectation_mismatch(source, "US PPI rose 2.2% year on year, higher than the expected 2.3%.")
    assert expectation_mismatch(source, "US PPI rose 2.2% year on year, below expectations of 2.3%.") is None
    assert expectation_mismatch("前三季度GDP增速高于预期目标。", "Growth beat expectations.") is None
    assert expectation_mismatch("前三季度GDP增速高于预期。", "Growth was lower than expected.")


def test_a_figure_compared_with_its_expectation_the_wrong_way_round_is_caught():
    # The 8-14 brief: 低于预期 is in the sentence before the unit, so only the figures themselves tell.
    unit = "数据显示，美国7月PPI同比升2.2%，预期升2.3%。"
    wrong = "PPI in July increased by 2.2% year on year, which is higher than the expected increase of 2.3%."
    assert expectation_mismatch(unit, wrong) and comparison_contradiction(wrong)
    assert comparison_contradiction("PPI rose 2.2%, below the expected 2.3%.") is None
    assert comparison_contradiction("It rose 2.2%, beating forecasts of 2.0%.") is None
    assert comparison_contradiction("It rose 2.2%, beating forecasts of 2.5%.")
    # a count beside "more than" another count is no comparison with an expectation
    assert comparison_contradiction("It produced more than 8,000 leaders and more than 61,000 reserves.") is None
    # figures of different kinds are not compared
    assert comparison_contradiction("Revenue of 100 billion, higher than the expected 5% growth.") is None


def test_a_figure_put_in_another_period_is_caught():
    # The 8-16 brief: 1-7月 figures written as the first half's.
    unit = "1-7月份，固定资产投资同比增长3.6%，房地产开发投资下降10.2%。"
    assert period_mismatch(unit, "Fixed-asset investment increased by 3.6% in the first half of the year.")
    assert period_mismatch(unit, "Fixed-asset investment rose 3.6% from January to July.") is None
    assert period_mismatch(unit, "Fixed-asset investment rose 3.6% in the first seven months.") is None
    assert period_mismatch("前三季度GDP同比增长5.2%，其中第三季度增长5.6%。",
                           "GDP grew 5.2% in the first three quarters and 5.6% in the third quarter.") is None
    assert period_mismatch("前三季度GDP同比增长5.2%。", "GDP grew 5.2% in the first half.")
    # a source that names no period of its own is not judged: the period may be said before it
    assert period_mismatch("固定资产投资同比增长3.6%。", "Investment rose 3.6% in the first half.") is None
    assert chinese_periods("前两个月出口增长") == {(1, 2)} and english_periods("in Q1 2020") == {(1, 3)}


def test_a_half_moved_to_another_year_is_caught():
    # the reference release's English brief: 2022年~2023年上半年 written "the first half of 2022 to 2023"
    unit = "在2022年~2023年上半年全省营商环境评价中，经开区位列第二位。"
    assert year_period_mismatch(unit, "In the evaluation of the first half of 2022 to 2023, the zone ranked 2nd.")
    assert year_period_mismatch(unit, "In the evaluation of 2022 to the first half of 2023, the zone ranked 2nd.") \
        is None
    assert year_period_mismatch("2024年第三季度营收增长5%。", "Revenue rose 5% in the third quarter of 2023.")
    assert year_period_mismatch("2024年第三季度营收增长5%。", "Revenue rose 5% in the third quarter of 2024.") is None
    # a half the source binds to no year is not judged here (period_mismatch judges the half itself)
    assert year_period_mismatch("上半年营收增长5%。", "Revenue rose 5% in the first half of 2024.") is None


def test_a_deadline_moved_a_year_is_caught():
    # AFTER9: 在2021年之前撤出 written "withdraw by the end of 2021"
    unit = "该公司计划在2021年之前撤出中国市场。"
    assert deadline_mismatch(unit, "The company plans to withdraw from China by the end of 2021.")
    assert deadline_mismatch(unit, "The company plans to withdraw from China before 2021.") is None
    year_end = "力争2025年底前完成改造。"
    assert deadline_mismatch(year_end, "It aims to finish the work by the end of 2025.") is None
    assert deadline_mismatch(year_end, "It aims to finish the work before 2025.")
    # the year written out, said as "this year" (AFTER10's rewording of the same unit): which year that is the
    # brief cannot know
    assert relative_year_mismatch(unit, "The company plans to end its LCD business before the end of this year.")
    assert relative_year_mismatch(unit, "Panasonic plans to completely stop LCD manufacturing by year end.")
    assert relative_year_mismatch("年内将完成2000个项目。", "It will finish 2,000 projects this year.") is None
    assert relative_year_mismatch("2024年营收较去年同期增长5%。", "Revenue rose 5% from last year.") is None


def test_a_figure_said_to_meet_an_expectation_it_missed_is_caught():
    # AFTER4's 8-14 brief: "US PPI was up 2.2% year on year, as expected" where 2.3% was expected.
    unit = "数据显示，美国7月PPI同比升2.2%，预期升2.3%，前值自升2.6%修正至升2.7%；"
    assert expectation_mismatch(unit, "US PPI was up 2.2% year on year, as expected, compared with 2.6%.")
    assert expectation_mismatch(unit, "US PPI rose 2.2%, in line with market expectations.")
    assert expectation_mismatch(unit, "US PPI rose 2.2% year on year; 2.3% had been expected.") is None
    met = "数据显示，美国7月CPI同比升2.9%，预期升2.9%。"
    assert expectation_mismatch(met, "US CPI rose 2.9% year on year, as expected.") is None


def test_a_previous_reading_said_as_a_change_and_which_was_expected_are_caught():
    # AFTER10's 8-14 brief: "The PPI in July rose by 2.2% year on year, which was expected, and was higher than
    # the previous month by 2.7%." (预期升2.3%; 前值…修正至升2.7% is June's reading, not a change from it)
    unit = "数据显示，美国7月PPI同比升2.2%，预期升2.3%，前值自升2.6%修正至升2.7%；"
    assert expectation_mismatch(unit, "The PPI rose by 2.2% year on year, which was expected.")
    assert expectation_mismatch(unit, "The PPI was expected to rise 2.3% and rose 2.2%.") is None
    assert prior_value_mismatch(unit, "The PPI rose 2.2% and was higher than the previous month by 2.7%.")
    assert prior_value_mismatch(unit, "The PPI rose 2.2%; the previous month's reading was revised up to 2.7%.") is None
    assert prior_value_mismatch(unit, "US PPI rose 2.2% in July; in June it rose by 2.7%.") is None


def test_a_figure_given_to_another_country_is_caught():
    # AFTER5's 8-14 brief: the US PPI written as "The Chinese government's figures show that the PPI …".
    unit = "数据显示，美国7月PPI同比升2.2%，预期升2.3%。"
    assert country_mismatch(unit, "The Chinese government's figures show that the PPI in July rose 2.2%.")
    assert country_mismatch(unit, "US PPI rose 2.2% year on year in July.") is None
    # no country said is judged too (test_a_foreign_figure_said_without_its_country_is_caught)
    both = "中美经贸磋商：美国对中国商品加征关税。"
    assert country_mismatch(both, "The US raised tariffs on Chinese goods.") is None
    assert country_mismatch("7月CPI同比上涨0.5%。", "Japan's CPI rose 0.5%.") is None  # the span names no country
    assert country_mismatch("美国宣布对华加征关税。", "The US raised tariffs on Chinese goods.") is None


def test_a_relative_time_turned_round_is_caught():
    # AFTER6's catamaran-00: 上周…约谈了34家 written "This week, … met with 34 …".
    unit = "上周，中国反垄断机构约谈了34家互联网平台企业。"
    assert relative_time_mismatch(unit, "This week, China's antitrust authorities met with 34 platforms.")
    assert relative_time_mismatch(unit, "Last week, China's antitrust authorities met with 34 platforms.") is None
    # a basis is no time: 比去年同期 beside "this year" says what the figure is compared with
    assert relative_time_mismatch("营收比去年同期增长5%。", "Revenue rose 5% this year from a year earlier.") is None
    assert relative_time_mismatch("去年销量为100万辆。", "Sales were 1 million this year.")
    assert relative_time_mismatch("今年和去年销量均为100万辆。", "Sales were 1 million this year.") is None


def test_a_figure_given_to_another_place_is_caught():
    # AFTER9's L0330: Yinchuan's nearly 200 lakes and marshes written "There are approximately 200 … in Ningxia."
    unit = extract("自2009年以来，宁夏相关部门已累计投入湿地保护资金约34.5亿元，目前，银川湿地面积为1.92万公顷，"
                   "有自然湖泊、沼泽湿地近200个。")
    assert place_mismatch(unit, "Ningxia invested about RMB 3.45 billion. There are about 200 lakes in Ningxia.")
    assert place_mismatch(unit, "Ningxia invested about RMB 3.45 billion; Yinchuan has nearly 200 lakes.") is None
    assert place_mismatch(unit, "Yinchuan invested about RMB 3.45 billion in wetland protection.")
    # no place named in the English sentence, or one place in the span: not judged
    assert place_mismatch(unit, "About 200 natural lakes and marshes remain.") is None
    assert place_mismatch(extract("目前，银川有自然湖泊近200个。"), "Ningxia has about 200 lakes.") is None


def test_a_figure_given_to_two_companies_is_caught():
    # AFTER9's catamaran-00: Pinduoduo's 788 million shoppers written "Alibaba and Pinduoduo attracted 788 million"
    unit = extract("拼多多在宣布他辞职的那一天表示，在过去的12个月中拼多多已经吸引了7.88亿购物者——比阿里巴巴还多。")
    assert place_mismatch(unit, "Alibaba and Pinduoduo attracted 788 million shoppers in the past 12 months.")
    assert place_mismatch(unit, "Alibaba attracted 788 million shoppers in the past 12 months.")
    assert place_mismatch(unit, "Pinduoduo said it attracted 788 million shoppers in 12 months, more than Alibaba.") \
        is None
    both = extract("阿里巴巴和拼多多去年共吸引了15亿购物者。")
    assert place_mismatch(both, "Alibaba and Pinduoduo attracted 1.5 billion shoppers last year.") is None


def test_who_reports_a_figure_does_not_own_it():
    # 根据国际清算银行公布的数据，人民币…升值38%: the BIS reports the renminbi's rise; the G20 is not judged against it
    unit = extract("根据国际清算银行公布的数据，人民币有效汇率升值38%，是二十国集团中最强势的货币。")
    assert place_mismatch(unit, "The renminbi's effective rate rose 38%, the strongest in the G20.") is None


def test_most_for_a_minority_share_is_caught():
    # AFTER10's L0027: 全市近三分之一的野生动物种类在这里都能见到 written "Most of the wildlife species … here"
    unit = "全市近三分之一的野生动物种类在松山都能见到。"
    assert share_mismatch(unit, "Most of the city's wildlife species can be seen in Songshan.")
    assert share_mismatch(unit, "Nearly a third of the city's wildlife species can be seen in Songshan.") is None
    assert share_mismatch("大多数企业利润增长，三分之一的企业出口下降。", "Most firms grew profits.") is None


def test_a_change_measured_against_another_period_is_caught():
    # sina-r1: 比上半年两年平均增速回落0.1个百分点 written "compared to … the previous quarter"
    unit = "前三季度国内生产总值同比增长9.8%，两年平均增长5.2%，比上半年两年平均增速回落0.1个百分点。"
    assert basis_period_mismatch(unit, "The two-year average of 5.2% was 0.1 percentage points lower than the "
                                       "two-year average growth in the previous quarter.")
    assert basis_period_mismatch(unit, "GDP grew 9.8% year on year; the two-year average of 5.2% was 0.1 "
                                       "percentage points lower than in the first half.") is None
    assert basis_period_mismatch("工业增加值同比增长3.1%，较上月回落2.2个百分点。",
                                 "Output rose 3.1%, 2.2 points less than the previous quarter.")
    assert basis_period_mismatch("工业增加值同比增长3.1%，较上月回落2.2个百分点。",
                                 "Output rose 3.1% year on year, 2.2 points less than the previous month.") is None
    # "the first half of last year" is the year-earlier basis of a half-year figure, not the half before
    assert basis_period_mismatch("上半年销售额同比增长5%。", "Sales grew 5% compared with the first half of last "
                                                      "year.") is None
    assert basis_period_mismatch("三季度GDP环比增长0.2%。", "GDP rose 0.2% from the previous quarter.") is None


def test_a_yuan_per_dollar_rate_moved_the_wrong_way_is_caught():
    # L0364: 人民币…大贬，双双跌破1美元兑人民币7.0元关口 (the yuan weaker: more yuan per dollar)
    unit = "离岸、在岸人民币对美元汇率22日盘中一度大贬，双双跌破1美元兑人民币7.0元关口。"
    assert exchange_rate_mismatch(unit, "The yuan reached a new low, dropping below 7.0 yuan per US dollar.")
    assert exchange_rate_mismatch(unit, "The offshore and onshore yuan both weakened past 7.0 yuan per US dollar "
                                        "on the 22nd.") is None
    stronger = "人民币对美元即期汇价23日升破7.0大关，收在6.9961。"
    assert exchange_rate_mismatch(stronger, "The spot yuan rose to above 7.0 yuan per dollar.")
    assert exchange_rate_mismatch(stronger, "The spot yuan strengthened past 7.0 per dollar, closing at "
                                            "6.9961.") is None


def test_a_national_park_or_reserve_is_given_by_its_english_name():
    # L0514: 三江源国家公园管理局 was written "Three mountains in Yuanyuan"
    assert names_to_give("记者从三江源国家公园管理局长江源园区获悉")["三江源国家公园"] == "Sanjiangyuan National Park"
    assert names_to_give("松山国家级自然保护区现已安装200余台红外相机")["松山国家级自然保护区"] == \
        "Songshan National Nature Reserve"
    # a name the dictionary does not hold is not guessed
    assert not any("公园" in zh for zh in names_to_give("在某某某国家公园，游客增加"))


def test_a_figure_of_a_condition_said_as_a_payment_is_caught():
    # L0418: 举办者…给教职员工每人每月发放不低于1660元基本生活费的，市财政将…预拨 — the 1,660 yuan is what the
    # operator must pay for the city's advance, written "each teacher will receive at least RMB 1,660"
    unit = ("对于在疫情期间，普惠性民办幼儿园举办者参照三区最低工资标准，给教职员工每人每月发放不低于1660元基本生活费"
            "的，市财政将按照每生每年1000元标准，预拨6个月补助资金。")
    assert condition_mismatch(unit, "Each teacher will receive at least RMB 1,660 a month, and the city will advance "
                                    "six months of funding at RMB 1,000 per child per year.")
    assert condition_mismatch(unit, "Private kindergartens that pay each staff member at least RMB 1,660 a month "
                                    "will get six months of funding in advance.") is None
    assert condition_mismatch(unit, "If operators pay staff at least RMB 1,660 a month, the city advances six "
                                    "months of funding.") is None
    assert condition_mismatch(unit, "Kindergartens paying each staff member at least RMB 1,660 a month get six "
                                    "months of funding in advance.") is None
    # the figure that follows from the condition is a plain fact
    assert condition_mismatch(unit, "The city will advance six months of funding at RMB 1,000 per child per "
                                    "year.") is None


def test_a_count_given_by_magnitude_said_as_another_is_caught():
    # catamaran-03: 他的诈骗受害者众达数万 (tens of thousands) written "in the millions" (AFTER14), "thousands"
    # (AFTER13)
    unit = "他的诈骗受害者众达数万，其中一些人落至了极度绝望的境地。"
    assert vague_magnitude_mismatch(unit, "Fraud victims number in the millions.")
    assert vague_magnitude_mismatch(unit, "His fraud had thousands of victims.")
    assert vague_magnitude_mismatch(unit, "His fraud had tens of thousands of victims.") is None
    # 数亿 is hundreds of millions, not "hundreds"; a source without such a word is not judged here
    assert vague_magnitude_mismatch("提取数亿美元", "withdrew hundreds of millions of dollars") is None
    assert vague_magnitude_mismatch("公司有员工3000人", "It has thousands of staff.") is None


def test_a_deadline_before_a_year_said_as_a_deadline_in_it_is_caught():
    # clts-plus-sample5: 在2021年之前撤出 (before 2021) written "set a 2021 deadline", "a 2021 target" (AFTER12,
    # AFTER14)
    unit = "松下敲定了在2021年之前撤出液晶面板制造业务的方针。"
    assert deadline_mismatch(unit, "Panasonic set a 2021 deadline to stop producing LCD panels.")
    assert deadline_mismatch(unit, "Panasonic set a 2021 target of exiting LCD manufacturing.")
    assert deadline_mismatch(unit, "Panasonic will exit LCD manufacturing before 2021.") is None
    assert deadline_mismatch("松下计划2021年底前撤出。", "Panasonic set a 2021 deadline to exit.") is None


def test_a_persons_name_traces_as_one_run_of_the_source():
    # catamaran-02 (AFTER14): 吴贞 written "Gao Hezheng", traced as 高 in one place and 和正 in another
    source = "吴贞在鹰潭市经营着一家家族企业。高铁站附近的人和正在开业的餐厅都多了。"
    report = {c.text: c.supported for c in check_names(source, "Gao Hezheng runs a family business. Wu Zhen "
                                                               "runs it in Yingtan.").checks}
    assert report["Gao Hezheng"] is False and report["Wu Zhen"] is True
    # a river, a lake or a foreign name is no pinyin person
    assert all(c.supported for c in check_names("唐河和李湖流经此地。", "The Tang River rose.").checks)


def test_ahead_of_an_expectation_it_is_under_is_caught():
    # wind-ljz-2024-8-14 (AFTER15 batch): 美国7月PPI同比升2.2%，预期升2.3% written "ahead of the expected 2.3%"
    assert comparison_contradiction("PPI rose by 2.2% in July year on year, which is ahead of the expected 2.3% "
                                    "increase.")
    assert comparison_contradiction("PPI rose 2.2%, behind the expected 2.3%.") is None
    assert expectation_mismatch("美国7月PPI同比升2.2%，低于预期。", "PPI rose 2.2%, ahead of expectations.")


def test_a_foreign_figure_said_without_its_country_is_caught():
    # wind-ljz-2024-8-14 (AFTER15): 美国7月PPI同比升2.2% written "PPI rose by 2.2% in July": read as China's
    unit = "数据显示，美国7月PPI同比升2.2%，预期升2.3%。"
    assert country_mismatch(unit, "PPI rose by 2.2% in July compared to the previous year.")
    assert country_mismatch(unit, "US PPI rose by 2.2% year on year in July.") is None
    assert country_mismatch(unit, "The Fed's preferred gauge aside, PPI rose 2.2% in July.") is None
    # a company the span names owns its figures (日本经济新闻 names Japan, 松下 is Panasonic)
    assert country_mismatch("日本经济新闻报道，松下敲定了撤出液晶面板业务的方针，员工约1000人。",
                            "Panasonic, with about 1,000 staff, will exit LCD panels.") is None
    assert country_mismatch("今年出口增长5%。", "Exports rose 5% this year.") is None


def test_a_span_of_months_said_as_years_is_caught():
    # AFTER16 (catamaran): 过去12个月的活跃买家达7.88亿 written "within a few years, … has attracted 788 million"
    unit = "美团过去6个月的年度交易用户达6.3亿。"
    assert span_mismatch(unit, "In the past few years, Meituan has gained 630 million annual transacting users.")
    assert time_mismatch(unit, "Over several years, Meituan has gained 630 million annual transacting users.")
    assert span_mismatch(unit, "In the past six months, Meituan had 630 million annual transacting users.") is None
    # and back: 近年来 is no twelve months
    assert span_mismatch("近年来，该省新增高新技术企业800家。", "In the past 12 months the province added 800 firms.")
    assert span_mismatch("近年来，该省新增高新技术企业800家。", "In recent years the province added 800 firms.") is None
