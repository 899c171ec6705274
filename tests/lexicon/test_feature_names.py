"""Names of rivers, reservoirs and the like that a release writes and no dictionary holds: a model that
copies them into its English unchanged, or spells them in pinyin, keeps its sentence (the cause of most
English brief sentences lost on the water-resources releases of the dev corpus)."""

from __future__ import annotations

from pressbrief.eval.judge.names import check_names
from pressbrief.service.brief.english import UNTRACED, romanize
from pressbrief.service.brief.name_repair import glossed_names, names_to_give
from pressbrief.service.brief.translate import figure_list
from pressbrief.service.lexicon.feature_names import admin_names_in, feature_name, feature_names_in

SOURCE = "省水利厅向滏阳河、唐河等12条河流补水，利用岗南、黄壁庄等5座水库向子牙河补水4.2亿立方米。"


def test_a_copied_river_or_listed_reservoir_is_spelt_as_a_name():
    assert feature_name("滏阳河", SOURCE) == "Fuyang River"
    assert feature_name("岗南", SOURCE) == "Gangnan"  # an item of a list of names (…、…等)
    # not a name of this source, or no name at all: looked up word by word elsewhere
    assert feature_name("渭河", SOURCE) is None
    assert feature_name("补水", SOURCE) is None


def test_a_copied_name_keeps_its_sentence_and_an_ordinary_untranslated_word_does_not():
    kept = romanize("Water went to 滏阳河 and 子牙河 from 岗南.", source=SOURCE, mark_untraced=True, places={})
    assert kept == "Water went to Fuyang River and Ziya River from Gangnan."
    assert UNTRACED in romanize("The bureau 补漏 the rivers.", source="局补漏河道。", mark_untraced=True, places={})


def test_a_one_character_river_in_pinyin_traces_and_a_sentences_first_word_is_no_part_of_a_name():
    assert all(c.supported for c in check_names(SOURCE, "Water went to the Tang River and the Ziya River.").checks)
    assert all(c.supported for c in check_names(SOURCE, "Below Gangnan, the water rose.").checks)
    # a river the source does not name is still caught, first word or not
    assert not all(c.supported for c in check_names(SOURCE, "Water went to the Fen River.").checks)
    assert not all(c.supported for c in check_names(SOURCE, "Below Baoding, the water rose.").checks)


def test_the_names_given_to_the_model_are_the_confident_ones():
    # a river list after a preposition, the dictionary's name first (黄河 is the Yellow River), no count as a name
    assert feature_names_in("向滏阳河、唐河等12条河流补水，黄河流经全省") == {
        "滏阳河": "Fuyang River", "唐河": "Tanghe", "黄河": "Yellow River"}
    assert feature_names_in("两湖超警戒水位0.05米，各条河流") == {}
    # a person after a title and before what they said; an ordinary phrase after a title is no person
    assert names_to_give("站长孔令强说，全年作业6000亩。")["孔令强"] == "Kong Lingqiang"
    assert not any(v.startswith("Gao") for v in names_to_give("处长高度重视，全年作业6000亩。").values())


def test_address_names_each_unit_from_the_larger_one():
    # An address runs from the city to the village: each unit after one already read is a name, even where
    # no dictionary holds it (屯堡, 马者); the dictionary's name is used where it has one (恩施 -> Enshi).
    names = admin_names_in("7月21日，恩施市屯堡乡马者村沙子坝发生滑坡")
    assert names == {"恩施市": "Enshi City", "屯堡乡": "Tunbao Township", "马者村": "Mazhe Village",
                     "沙子坝": "Shaziba"}


def test_no_address_in_ordinary_words():
    # 城市, 农村, 全市 are words; 北京市场 is Beijing's market, 银川区域 the Yinchuan region; a district needs an
    # address before it (亚太区 is the Asia-Pacific region); a lone 屯堡乡 after a verb is not read.
    text = "全市城市和农村，北京市场，银川区域，亚太区，经屯堡乡相关负责人"
    assert admin_names_in(text) == {}
    assert admin_names_in("北京市延庆区", {"北京市": "Beijing"})["延庆区"] == "Yanqing District"


def test_river_after_a_verb_is_the_river_alone():
    assert feature_names_in("滑坡，导致清江干流河道形成堰塞湖") == {"清江": "Qingjiang"}


def test_translation_prompt_gives_the_names_of_the_sentence():
    # The model spelt 马者村 "Mera village" and 吕金虎 "Li Junhui" when it was given figures only.
    lines = figure_list([], "恩施市屯堡乡马者村沙子坝发生滑坡，湿地保护中心副主任吕金虎告诉记者").splitlines()
    assert "- 马者村 = Mazhe Village" in lines and "- 吕金虎 = Lv Jinhu" in lines


def test_u_umlaut_spellings_trace():
    source = "湿地保护中心副主任吕金虎告诉记者"
    for spelt in ("Lü Jinhu", "Lyu Jinhu", "Lu Jinhu", "Lv Jinhu"):
        assert all(c.supported for c in check_names(source, f"{spelt} said.").checks), spelt
    assert not all(c.supported for c in check_names(source, "Lyuq Jinhu said.").checks)


def test_a_name_the_release_glosses_is_given_wherever_it_is_named():
    # catamaran-03: 麦道夫(Bernard L. Madoff) in the lead, and a later sentence naming 麦道夫 alone was written
    # "McDonnell Douglas" (CC-CEDICT's 麦道).
    release = ("伯纳德·L·麦道夫(Bernard L. Madoff)逝世。"
               "1992年，在麦道夫通过会计师客户获得近5亿美元资金后，SEC封停了这一业务。")
    glossed = glossed_names(release)
    assert glossed == {"麦道夫": "Bernard L. Madoff"}
    assert names_to_give("1992年，在麦道夫通过会计师客户获得近5亿美元资金后", glossed)["麦道夫"] == "Bernard L. Madoff"
    assert "麦道夫" not in names_to_give("SEC封停了这一业务", glossed)
    assert glossed_names("增长了5%（同比）。") == {}  # a bracketed note in Chinese or lower case is no gloss
