"""Issue 27: a translation repairs before it rejects, fits its checks to translation, and never leaves a
sentence out. Each false alarm of the issue has a test of its kind (with other words than the issue's),
each beside a case that must still be caught; stub generators stand in for the model."""

from __future__ import annotations

import pytest

from pressbrief.eval.judge.marks import marked_spans, unmark
from pressbrief.eval.judge.names import check_names
from pressbrief.eval.judge.terms import untraced_terms_in_translation
from pressbrief.models.runtimes.base import GenerationResult
from pressbrief.service.brief import translate as translate_module
from pressbrief.service.brief.english_rules import guard_english
from pressbrief.service.brief.guard import check_text
from pressbrief.service.brief.mbr import mbr_choice
from pressbrief.service.brief.name_repair import repair_names
from pressbrief.service.brief.translate import translate, units, without_previous
from pressbrief.service.brief.translation_check import NAME, NUMBER, assess
from pressbrief.service.lexicon.chinese import has_chinese
from pressbrief.service.numeric import extract


def _untraced(source: str, english: str) -> list[str]:
    return [c.text for c in check_names(source, english).checks if not c.supported]


# --- a wrong name is repaired from the source ------------------------------------------------------

def test_a_misspelt_place_is_spelt_from_its_source_characters():
    source = "桐乡市今年接待游客120万人次。"
    fixed = repair_names(source, "Tongshang received 1.2 million tourist visits this year.")
    assert fixed.text == "Tongxiang received 1.2 million tourist visits this year."
    assert fixed.changes == [{"from": "Tongshang", "to": "Tongxiang", "zh": "桐乡市", "origin": "dictionary"}]
    # a right spelling, and a name that resembles nothing of the source, are left alone
    assert repair_names(source, "Tongxiang received 1.2 million visits.").changes == []
    unrelated = "Microsoft received 1.2 million visits."
    assert repair_names(source, unrelated).text == unrelated


def test_a_name_two_letters_off_is_spelt_from_the_source():
    # AFTER10's L0027: 松山 (Songshan) written "Shanshan": the block matcher scored it 0.5, the letters say two
    # edits in eight
    source = "北京松山国家级自然保护区已安装了200多台红外相机。"
    fixed = repair_names(source, "The Shanshan National Nature Reserve has installed more than 200 cameras.")
    assert fixed.text == "The Songshan National Nature Reserve has installed more than 200 cameras."
    # the right spelling is left alone, and a word of another name is not made into it
    assert repair_names(source, "The Songshan reserve has 200 cameras.").changes == []
    assert repair_names(source, "Microsoft has 200 cameras in the Songshan reserve.").changes == []


def test_an_international_body_is_known_by_its_english_name():
    source = "根据国际清算银行公布的数据，人民币名目有效汇率升值38%。"
    assert _untraced(source, "According to the Bank for International Settlements, the rate rose 38%.") == []
    assert _untraced(source, "According to the International Monetary Fund, the rate rose 38%.")


def test_a_wrongly_named_newspaper_becomes_the_one_the_source_names():
    source = "据《光明日报》报道，该市新建学校12所。"
    fixed = repair_names(source, "According to the People's Daily, the city built 12 new schools.")
    assert fixed.text == "According to the Guangming Daily, the city built 12 new schools."
    assert _untraced(source, fixed.text) == []
    # the right newspaper is no repair
    assert repair_names(source, "According to the Guangming Daily, 12 schools were built.").changes == []


def test_a_person_named_with_a_wrong_syllable_is_repaired():
    source = "市长赵立新表示，全市新增就业岗位3000个。"
    fixed = repair_names(source, "Mayor Zhao Lixiang said the city added 3,000 new jobs.")
    assert "Zhao Lixin" in fixed.text and "Lixiang" not in fixed.text


# --- false alarms of the name check -----------------------------------------------------------------

def test_a_company_by_its_own_english_name_traces_to_the_source():
    # 腾讯 is no CC-CEDICT entry; Tencent is the company's English name (service/lexicon/known_names.py)
    assert _untraced("腾讯公司今年投资5亿元。", "Tencent invested 500 million yuan this year.") == []
    assert _untraced("某公司今年投资5亿元。", "Tencent invested 500 million yuan this year.") == ["Tencent"]


def test_a_capitalised_hyphenated_first_word_is_no_name():
    assert _untraced("跨省旅游业务恢复。", "Inter-provincial tourism resumes.") == []
    assert _untraced("跨省旅游业务恢复。", "Zorbland-based tourism resumes.") == ["Zorbland-based"]


def test_a_persons_title_before_a_body_is_no_name():
    source = "浙江省商务厅副厅长李华说，外贸保持稳定。"
    english = ("Li Hua, Deputy Director of the Zhejiang Provincial Department of Commerce, said foreign trade "
               "was stable.")
    assert _untraced(source, english) == []
    # the body after the title is still checked
    assert _untraced(source, "Deputy Director of the Microsoft Research Institute said so.") == [
        "Deputy Director of the Microsoft Research Institute"]


def test_a_figure_the_source_does_not_back_becomes_a_marked_gap(extraction_of):
    source = "全市新建公园8个，同比增长25%。"
    a = assess(extraction_of(source), source, "The city built 8 new parks, up 25% and 40% year on year.", {})
    assert "40%" not in a.marked() and "⟦?⟧" in a.marked() and [d.kind for d in a.doubts] == [NUMBER]
    assert assess(extraction_of(source), source, "The city built 8 new parks, up 25% year on year.", {}).clean


def test_a_headlines_ordinary_capitals_are_no_names(extraction_of):
    source = "北京持续推进垃圾分类"
    a = assess(extraction_of(source), source, "Beijing Continues to Advance Garbage Sorting", {}, heading=True)
    assert a.clean, a.doubts
    b = assess(extraction_of(source), source, "Zorbland Continues to Advance Garbage Sorting", {}, heading=True)
    assert [d.kind for d in b.doubts] == [NAME]


# --- metric words judged against the sentence's own source ------------------------------------------

def test_a_metric_word_that_translates_its_own_source_word_is_traced():
    # 去世: "to pass away; to die"; 输入型: "to import"
    assert untraced_terms_in_translation("该村一名老人去世。", "An elderly villager died.") == []
    assert untraced_terms_in_translation("新增输入型病例3例。", "3 new imported cases were reported.") == []
    # a sentence whose source names no death nor import is still caught
    assert [c.term for c in untraced_terms_in_translation("2人受伤。", "2 people died.")] == ["deaths"]
    assert [c.term for c in untraced_terms_in_translation("新增本土病例3例。", "3 imported cases.")] == ["imports"]


# --- no sentence is ever left out -------------------------------------------------------------------

class _StubModel:
    """A decoder-only model answering every prompt with ``answer(user message, seed)``; records prompts."""

    class entry:  # noqa: N801 - mimics ModelEntry
        family = "decoder-only"

    name = "stub"

    def __init__(self, answer):
        self.answer = answer
        self.prompts: list[str] = []

    def generate_many(self, prompts, *, max_new_tokens, sample_seed=None, cancel=None):
        out = []
        for messages in prompts:
            user = messages[1]["content"]
            self.prompts.append(user)
            out.append(GenerationResult(" " + self.answer(user, sample_seed or 0), 10, 5, 0, 0.01, 0.01))
        return out

    def generate(self, prompt, *, max_new_tokens=256, sample_seed=None, cancel=None):
        return self.generate_many([prompt], max_new_tokens=max_new_tokens, sample_seed=sample_seed)[0]


RELEASE = "桐乡市今年接待游客120万人次。全市新建公园8个，同比增长25%。"


def test_a_model_that_always_answers_badly_still_yields_every_sentence_marked(monkeypatch):
    stub = _StubModel(lambda user, seed: "Zorbland reported 777 visitors, said Microsoft.")
    monkeypatch.setattr(translate_module, "load_generator", lambda name=None: stub)
    monkeypatch.setenv("PRESSBRIEF_TRANSLATE_CANDIDATES", "2")
    result = translate(RELEASE).to_json()
    assert [r["source"] for r in result["sentences"]] == [u.text for u in units(extract(RELEASE))]
    for row in result["sentences"]:
        assert row["target"].strip() and not row["target"].startswith("[Not translated")
        assert marked_spans(row["target"]) and row["marked"]
        assert "777" not in row["target"]  # a figure the source does not back is never printed
        assert NAME in {m["kind"] for m in row["marked"]}
    assert result["guard"]["marked"] == len(result["sentences"]) and result["guard"]["fallback"] == 0
    assert not has_chinese(result["translation"])


def test_a_model_that_answers_well_leaves_nothing_marked_and_gets_the_previous_sentence(monkeypatch):
    answers = {"桐乡市今年接待游客120万人次。": "Tongshang received 1.2 million tourist visits this year.",
               "全市新建公园8个，同比增长25%。": "The city built 8 new parks, up 25% year on year."}
    stub = _StubModel(lambda user, seed: answers[user.rsplit("\n", 1)[-1]])
    monkeypatch.setattr(translate_module, "load_generator", lambda name=None: stub)
    result = translate(RELEASE).to_json()
    rows = result["sentences"]
    assert [r["target"] for r in rows] == ["Tongxiang received 1.2 million tourist visits this year.",
                                           answers["全市新建公园8个，同比增长25%。"]]
    assert [r["marked"] for r in rows] == [[], []] and rows[0]["names_repaired"][0]["to"] == "Tongxiang"
    assert all(r["guard"]["candidates"] == 1 for r in rows)
    # the second prompt shows the first sentence and its accepted (repaired) translation
    assert "桐乡市今年接待游客120万人次。" in stub.prompts[1] and "Tongxiang received" in stub.prompts[1]
    assert "Previous sentence" not in stub.prompts[0]


def test_the_previous_translation_written_again_is_taken_away():
    previous = "Tongxiang received 1.2 million tourist visits this year."
    assert without_previous(previous + " The city built 8 new parks.", previous) == "The city built 8 new parks."
    assert without_previous(previous, previous) == previous  # nothing else written: kept, and judged as it is
    assert without_previous("The city built 8 new parks.", previous) == "The city built 8 new parks."


def test_mbr_takes_the_sample_the_others_agree_with(monkeypatch):
    samples = ["The city built 8 new parks.", "The city built eight new parks.", "Parks: the city built 8 new.",
               "The city has built 8 new parks."]
    assert mbr_choice(samples) in (0, 3)
    assert mbr_choice(["Weird outlier text here.", *samples[:2]]) != 0
    assert mbr_choice(["same", "same"]) == 0  # a tie goes to the first (greedy)
    with pytest.raises(ValueError):
        mbr_choice([])
    answers = ["The city built 8 new parks, up 25%.", "The city built 8 new parks, up 25% year on year.",
               "The city built 8 new parks, up 25% year on year.", "8 parks were built."]
    stub = _StubModel(lambda user, seed: answers[seed] if "公园" in user else "Tongxiang received 1.2 million visits.")
    monkeypatch.setattr(translate_module, "load_generator", lambda name=None: stub)
    monkeypatch.setenv("PRESSBRIEF_TRANSLATE_MBR", "4")
    rows = translate(RELEASE).to_json()["sentences"]
    assert rows[1]["target"] == answers[1] and rows[1]["guard"]["candidates"] == 4


def test_a_news_pages_headline_lines_are_translated_once_each():
    page = ("城市公园建设提速 - 新华网\n2020-07-26 来源：新华社\n城市公园建设提速\n"
            "新华社北京7月26日电 今年全市新建公园8个。")
    texts = [u.text for u in units(extract(page))]
    assert len(texts) == len(set(texts)) and "城市公园建设提速 - 新华网" in texts
    assert not any(" " in t and "新华网" in t and "来源" in t for t in texts)  # no joined headline block


def test_marks_are_counted_and_taken_away():
    text = "The ⟦Zorbland⟧ office built ⟦?⟧ parks."
    assert marked_spans(text) == ["Zorbland", "?"]
    assert unmark(text) == "The Zorbland office built ? parks."


@pytest.fixture
def extraction_of():
    return extract



def test_the_english_briefs_guard_repairs_a_name_instead_of_dropping_its_sentence(sample_text):
    extraction = extract(sample_text)
    text, st = guard_english(extraction, iter(["Reporter Cui Ning said Xinxiang added 10,430 new trademark "
                                              "registrations this year."]), _never, max_candidates=1)
    assert "Cui Jing" in text and "10,430" in text and st.names_dropped == 0
    assert st.errors_seen.get("name_repaired") == 1
    # a name the release does not hold, resembling none of its names, still costs its sentence
    text, st = guard_english(extraction, iter(["Xinxiang added 10,430 new trademark registrations this year. "
                                              "Zorbland Holdings praised it."]), _never, max_candidates=1)
    assert "Zorbland" not in text and st.names_dropped == 1


def _never():
    raise AssertionError("the template fallback must not be used here")


def test_a_yearly_average_translated_as_growth_over_the_span_is_marked(extraction_of):
    # 两年平均增长5.2% is a yearly average: "grew 5.2% over two years" is marked, "an average of 5.2%" is not.
    source = "前三季度国内生产总值同比增长9.8%，两年平均增长5.2%。"
    wrong = assess(extraction_of(source), source, "GDP grew 9.8% year on year and 5.2% over the two years.", {})
    assert not wrong.clean and any("yearly average" in d.note for d in wrong.doubts)
    right = "GDP grew 9.8% year on year, an average of 5.2% a year over two years."
    assert assess(extraction_of(source), source, right, {}).clean


def test_a_sentence_doubting_only_a_name_gets_one_more_sample_and_a_wrong_figure_all(monkeypatch):
    # A name the model cannot spell is drawn no better by a third or fourth sample: two answers, then marked.
    def misspelt(user, seed):
        return "Zorbland received 1.2 million visitors this year." if "桐乡" in user.split("\n")[-1] else \
            "The city built 8 new parks, up 25% year on year."

    stub = _StubModel(misspelt)
    monkeypatch.setattr(translate_module, "load_generator", lambda name=None: stub)
    monkeypatch.setenv("PRESSBRIEF_TRANSLATE_CANDIDATES", "4")
    result = translate(RELEASE).to_json()
    first = result["sentences"][0]
    assert first["guard"]["candidates"] == 2 and NAME in {m["kind"] for m in first["marked"]}
    # the answer not kept is reported with why; the timing counts both answers
    assert [r["why"][0]["kind"] for r in first["rejected"]] == [NAME] and "Zorbland" in first["rejected"][0]["text"]
    assert result["sentences"][1]["rejected"] == [] and result["timing"]["answers"] == 3
    wrong = _StubModel(lambda user, seed: "Tongxiang received 9 million visitors this year.")
    monkeypatch.setattr(translate_module, "load_generator", lambda name=None: wrong)
    assert translate(RELEASE).to_json()["sentences"][0]["guard"]["candidates"] >= 4  # a wrong figure: all of them


def test_a_person_with_a_misread_surname_and_the_right_given_name_is_repaired():
    # catamaran-02 (AFTER15 batch): 吴贞 written "Gao Zhen" in every candidate, so the sentence was lost
    source = "吴贞在中国东南部江西省的鹰潭市经营着一家由13家餐厅组成的家族企业。"
    fixed = repair_names(source, "Gao Zhen runs a family business of 13 restaurants in Yingtan City.")
    assert fixed.text.startswith("Wu Zhen runs") and fixed.changes[0]["zh"] == "吴贞"
    # another given name is another person: no repair
    assert repair_names(source, "Gao Wei runs a family business of 13 restaurants.").changes == []


# --- figures a professional translation writes that the checks took for wrong ----------------------
# Found by `python -m pressbrief.eval.bench.translation_audit` on the WMT21 human reference, each here
# with other words and beside a case that must still be caught.

def _number_doubts(extraction, sentence: str, english: str) -> list[str]:
    a = assess(extraction, sentence, english, {})
    return [d.note for d in a.doubts if d.kind == NUMBER]


def test_a_count_said_with_its_own_counter_noun_is_not_another_metrics(extraction_of):
    # 例 counts cases: "30 asymptomatic cases" is the asymptomatic count, not the confirmed cases'
    source = "截至昨日，某市现有确诊病例12例，无症状感染者30例。"
    ex = extraction_of(source)
    assert _number_doubts(ex, source, "The city had 12 confirmed cases and 30 asymptomatic cases.") == []
    assert _number_doubts(ex, source, "The city had 30 confirmed cases.") != []


def test_the_denominator_of_a_concentration_is_part_of_its_unit(extraction_of):
    source = "呼气式酒精测试仪现场检测结果为31.6mg/100ml，李某属饮酒后驾驶机动车。"
    ex = extraction_of(source)
    for english in ("The breathalyser read 31.6 mg per 100 ml at the scene.",
                    "The breathalyser read 31.6 mg/100 ml at the scene."):
        assert _number_doubts(ex, source, english) == [], english
    assert _number_doubts(ex, source, "Li had drunk 100 ml of liquor.") != []


def test_power_and_energy_in_a_larger_unit_are_the_same_figure(extraction_of):
    source = "全省风电装机容量达500万千瓦，全年发电量预计120亿度。"
    ex = extraction_of(source)
    for english in ("Installed wind capacity reached 5,000 MW; generation is expected to be 12 TWh.",
                    "Installed wind capacity reached 5 GW; generation is expected to be 12,000 GWh."):
        assert _number_doubts(ex, source, english) == [], english
    wrong = assess(ex, source, "Installed wind capacity reached 50 GW.", {})  # ten times too much: repaired
    assert wrong.numbers_repaired == 1 and "50 GW" not in wrong.text


def test_a_translated_sentences_figure_is_not_pinned_on_another_sentences_metric(extraction_of):
    # 500余人 "people evacuated" is another sentence's metric; this sentence's 260人 has no label of its own
    text = "山体滑坡形成堰塞湖 当地紧急转移群众300余人\n暴雨导致山体滑坡。目前，险区80户、260人已全部撤离。"
    ex = extraction_of(text)
    sentence = "目前，险区80户、260人已全部撤离。"
    english = "At present, 80 households and 260 people in the danger zone have all been evacuated."
    assert _number_doubts(ex, sentence, english) == []
    # judged against the whole release, as a brief is, the same words are a misattribution
    assert not check_text(ex, english, "en").ok


def test_a_narrower_metric_said_in_the_wider_ones_english_words_is_its_own(extraction_of):
    # 醉驾 within 酒驾醉驾: English says "drunk driving" of both
    source = "上半年共查处酒驾醉驾1.8万起，其中醉驾2900起。"
    ex = extraction_of(source)
    english = "In the first half, 18,000 drunk-driving cases were handled, including 2,900 cases of drunk driving."
    assert _number_doubts(ex, source, english) == []


# --- names a professional translation writes that the name check could not trace --------------------

@pytest.mark.parametrize(("source", "good", "bad"), [
    # a body the press writes short, by its official English name
    ("昆明市卫健委主任李强称，全市核酸检测已基本完成。", "Kunming Municipal Health Commission",
     "Kunming Municipal Tourism Commission"),
    ("记者从国家网信办获悉，专项治理已经启动。", "the Cyberspace Administration of China",
     "the Cyberspace Security Bureau of China"),
    # an autonomous region by its full name
    ("宁夏石嘴山市幼儿园尚未复园。", "Ningxia Hui Autonomous Region", "Ningxia Zhuang Autonomous Region"),
    # heads whose dictionary gloss is not the word an English name uses
    ("该市公安局交警总队查处酒驾。", "Traffic Police Corps", "Traffic Police Legion"),
    ("患者均在该市第三人民医院隔离治疗。", "Third People's Hospital", "Seventh People's Hospital"),
    ("南昌华泰电子有限公司今年扩产。", "Nanchang Huatai Electronics Co., Ltd.",
     "Nanchang Huatai Electronics Co., Kft."),
])
def test_an_official_english_name_traces_and_a_wrong_one_does_not(source, good, bad):
    assert _untraced(source, f"He spoke for {good}.") == []
    assert _untraced(source, f"He spoke for {bad}.") != []


def test_a_province_written_with_province_is_the_province():
    source = "未来三天湖南北部、江苏西南部将有大雨。"
    assert _untraced(source, "Heavy rain will fall in northern Hunan Province and southwestern Jiangsu Province.") == []
    assert _untraced(source, "Heavy rain will fall in northern Hunan Province and in Anhui Province.") != []


def test_a_person_the_press_leaves_unnamed_is_named_by_the_surname():
    source = "检测结果显示，刘某属饮酒后驾驶机动车。"
    assert _untraced(source, "The test showed that Liu was driving after drinking.") == []
    assert _untraced(source, "The test showed that Zhao was driving after drinking.") != []


def test_a_possessive_is_no_part_of_a_persons_name():
    source = "黄建国的及时预警，为群众撤离赢得了时间。"
    assert _untraced(source, "Huang Jianguo’s timely warning bought time for the evacuation.") == []
    assert _untraced(source, "Huang Jianming’s timely warning bought time for the evacuation.") != []


def test_the_outlet_glued_to_a_headline_is_no_name_of_it(extraction_of):
    source = "压实责任 各部门强化防汛救灾工作-中新网"
    english = "Consolidate Responsibilities as All Departments Step Up Flood Relief Efforts-ChinaNews"
    assert assess(extraction_of(source), source, english, {}, heading=True).clean


class _ChatStub(_StubModel):
    """Records whole prompts and answers the last user turn."""

    def generate_many(self, prompts, *, max_new_tokens, sample_seed=None, cancel=None):
        out = []
        for messages in prompts:
            self.prompts.append(messages)
            user = [m for m in messages if m["role"] == "user"][-1]["content"]
            out.append(GenerationResult(" " + self.answer(user, sample_seed or 0), 10, 5, 0, 0.01, 0.01))
        return out


def test_a_chat_prompt_extends_the_one_before_and_starts_over_past_its_budget(monkeypatch):
    release = RELEASE + "全市新增绿地30公顷。"
    answers = {"桐乡市今年接待游客120万人次。": "Tongshang received 1.2 million tourist visits this year.",
               "全市新建公园8个，同比增长25%。": "The city built 8 new parks, up 25% year on year.",
               "全市新增绿地30公顷。": "The city added 30 hectares of green space."}
    stub = _ChatStub(lambda user, seed: answers[user.rsplit("\n", 1)[-1]])
    monkeypatch.setattr(translate_module, "load_generator", lambda name=None: stub)
    monkeypatch.setenv("PRESSBRIEF_TRANSLATE_CHAT_TOKENS", "1000")
    rows = translate(release).to_json()["sentences"]
    p0, p1, p2 = stub.prompts
    # each prompt is the one before, its answer (as accepted: the name repaired), then the next sentence
    assert p1[:2] == p0[:2] and p1[2] == {"role": "assistant", "content": "English translation: " + rows[0]["target"]}
    assert "Tongxiang received" in p1[2]["content"] and p2[:4] == p1[:4]
    assert p2[4]["content"] == "English translation: " + rows[1]["target"]
    assert [m["role"] for m in p2] == ["system", "user", "assistant", "user", "assistant", "user", "assistant"]
    assert not any("Previous sentence" in m["content"] for p in stub.prompts for m in p)
    # past the budget the chat starts over, the previous sentence shown as context
    stub.prompts.clear()
    monkeypatch.setenv("PRESSBRIEF_TRANSLATE_CHAT_TOKENS", "30")
    translate(release)
    assert [len(p) for p in stub.prompts] == [3, 5, 3]
    assert "Previous sentence" in stub.prompts[2][1]["content"] and "8 new parks" in stub.prompts[2][1]["content"]


def test_a_rate_threshold_said_with_its_currencies_is_the_threshold(extraction_of):
    source = "离岸人民币对美元汇率盘中一度大贬，跌破1美元兑人民币7.2元关口。"
    ex = extraction_of(source)
    for english in ("The offshore yuan fell below the 7.2 yuan per dollar mark.",
                    "The offshore yuan fell below the level of 1 US dollar to 7.2 yuan."):
        assert _number_doubts(ex, source, english) == [], english
    wrong = assess(ex, source, "The offshore yuan fell below the 7.5 yuan per dollar mark.", {})
    assert wrong.numbers_repaired == 1 and "7.5" not in wrong.text and "7.2" in wrong.text


def test_a_figure_whose_scale_slipped_is_repaired_from_its_own_sentence(extraction_of):
    # 600多万吨 written "600 million tonnes": the release also holds 6万多吨, so the harness names no repair,
    # but the sentence holds one figure of those digits
    text = "该项目每年可节约标准煤6万多吨。预计全年可替代标准煤600多万吨。园区总装机82万千瓦。"
    ex = extraction_of(text)
    a = assess(ex, "预计全年可替代标准煤600多万吨。", "It can replace about 600 million tonnes of coal this year.", {})
    assert a.clean and "more than 6 million tonnes" in a.text and a.numbers_repaired == 1
    b = assess(ex, "园区总装机82万千瓦。", "The park has an installed capacity of 82 MW.", {})
    assert b.clean and "820,000 kW" in b.text
    # two figures of the sentence it could be: no guess, the figure is left out and marked
    both = "该项目每年可节约标准煤6万多吨，可替代标准煤600多万吨。"
    c = assess(extraction_of(both), both, "It saves 6 tonnes of coal and replaces more than 6 million tonnes.", {})
    assert [d.kind for d in c.doubts] == [NUMBER]


def test_a_bound_said_as_an_exchange_rate_is_the_bound(extraction_of):
    source = "离岸人民币对美元汇率盘中一度大贬，跌破1美元兑人民币7.2元关口。"
    assert _number_doubts(extraction_of(source), source, "The offshore yuan fell below the 1:7.2 exchange rate.") == []


def test_a_units_abbreviation_is_no_name():
    source = "年平均太阳总辐射量为每平方米6200多兆焦。"
    assert _untraced(source, "Radiation is more than 6,200 MJ per square meter.") == []


def test_a_place_the_name_repair_makes_is_spelt_as_the_place_table_does(extraction_of):
    # the model writes 新乡市 "New Xingxiang"; the name repair makes it "New Xinxiang", whose literal 新 goes
    source = "新乡市召开优化营商环境新闻发布会。"
    a = assess(extraction_of(source), source, "New Xingxiang City held a press conference.",
               {"新乡市": "Xinxiang"})
    assert a.text.startswith("Xinxiang City held") and a.clean
