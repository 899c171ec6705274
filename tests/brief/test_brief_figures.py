"""Key figures still missing after the model and the clause translations: the figure's own short
phrase (what it measures, from the source) translated and listed; and what must never become a
figure or a name (二次检测, the characters of 4.9万台, the model's framing of the release)."""

from __future__ import annotations

from pressbrief.eval.judge.names import check_names
from pressbrief.service.brief.completion import add_en_items, missing_highlights
from pressbrief.service.brief.en_lines import as_list_item, figure_phrase, figure_phrases
from pressbrief.service.brief.english import drop_chatter
from pressbrief.service.brief.guard import GuardStats, check_text
from pressbrief.service.brief.highlights import choose_highlights
from pressbrief.service.brief.timing import Timing
from pressbrief.service.brief.writers.english import complete_english
from pressbrief.service.numeric import extract

RIVERS = "河北省向滹沱河、唐河等28条河流和白洋淀实施了生态补水，补水总量17.5亿立方米。银川湿地面积为1.92万公顷。"


def _metric(ex, text):
    return next(m for m in ex.metrics if m.mention.text == text)


def test_a_figure_phrase_is_the_figure_with_what_it_measures():
    ex = extract(RIVERS + "大约40只雌性藏羚羊带领3只藏羚羊幼仔通过。他的两个儿子承认了。")
    assert figure_phrase(ex, _metric(ex, "28条")) == "28条河流"  # the counted noun ends at 和
    assert figure_phrase(ex, _metric(ex, "1.92万公顷")) == "银川湿地面积为1.92万公顷"  # the label just before it
    assert figure_phrase(ex, _metric(ex, "大约40只")) == "大约40只雌性藏羚羊"  # ends at the verb 带领
    assert figure_phrase(ex, _metric(ex, "两个")) == "两个儿子"  # not "两个儿子承认"


def test_a_bare_figure_or_a_modifier_gives_no_phrase():
    ex = extract("每天沿着16条精心制定的保护路线巡护。全市有9座。")
    assert figure_phrase(ex, _metric(ex, "16条")) is None  # 精心制定的 modifies a noun further on
    assert figure_phrase(ex, _metric(ex, "9座")) is None  # a bare "9" says nothing
    assert figure_phrases(ex, list(ex.metrics)) == []


def test_translated_phrases_join_the_other_key_figures_sentence():
    brief = "Water was replenished. Other key figures: wetland area 19,200 hectares."
    assert add_en_items(brief, ["28 rivers"]) == (
        "Water was replenished. Other key figures: wetland area 19,200 hectares; 28 rivers.")
    assert add_en_items("Water was replenished.", ["28 rivers", "RMB 1.5 billion in funds"]) == (
        "Water was replenished. Other key figures: 28 rivers; RMB 1.5 billion in funds.")
    assert add_en_items(brief, []) == brief
    assert as_list_item("The wetland area of Yinchuan is 19,200 hectares.") == (
        "the wetland area of Yinchuan is 19,200 hectares")
    assert as_list_item("Yinchuan has 19,200 hectares of wetland.") == "Yinchuan has 19,200 hectares of wetland"


class _PhraseModel:
    """Translates the figure phrases it is given; anything longer comes back wrong (99%)."""

    class entry:  # noqa: N801 - mimics ModelEntry
        family = "decoder-only"

    name = "phrase"
    PHRASES = {"28条河流": "28 rivers."}

    def generate_many(self, prompts, *, max_new_tokens, sample_seed=None, cancel=None):
        from pressbrief.models.runtimes.base import GenerationResult

        out = []
        for messages in prompts:
            user = messages[1]["content"]
            text = next((en for zh, en in self.PHRASES.items() if user.rstrip().endswith(zh)), "It rose 99%.")
            out.append(GenerationResult(text, 10, 5, 0, 0.01, 0.01))
        return out

    def generate(self, prompt, *, max_new_tokens=256, sample_seed=None, cancel=None):
        return self.generate_many([prompt], max_new_tokens=max_new_tokens)[0]


def test_a_missing_figure_comes_back_as_its_translated_phrase():
    ex = extract(RIVERS)
    hl = [_metric(ex, "28条"), _metric(ex, "17.5亿立方米")]
    brief = "Hebei replenished its rivers with 1.75 billion cubic metres of water."
    assert check_text(ex, brief, "en").ok and len(missing_highlights(ex, brief, "en", hl)) == 1
    timing = Timing()
    st = GuardStats()
    done = complete_english(_PhraseModel(), ex, brief, hl, st, timing, None)
    assert done == brief + " Other key figures: 28 rivers."
    assert st.figures_added == 1 and not missing_highlights(ex, done, "en", hl) and check_text(ex, done, "en").ok
    # a phrase the model gets wrong stays out: the brief is left as it was
    _PhraseModel.PHRASES = {}
    try:
        assert complete_english(_PhraseModel(), ex, brief, hl, GuardStats(), timing, None) == brief
    finally:
        _PhraseModel.PHRASES = {"28条河流": "28 rivers."}


def test_a_second_round_is_no_highlight():
    ex = extract("从26日开始，将对重点地区进行二次免费核酸检测，确诊病例22例。")
    chosen = [m.mention.text for m in choose_highlights(ex, 8)]
    assert "二次" not in chosen and "22例" in chosen


def test_the_characters_of_a_figure_are_no_name():
    source = "农场现有农机具4.9万台，由陈光明负责。"
    assert check_names(source, "The farm has 49,000 Wan Tai of machinery.").precision == 0.0
    assert check_names(source, "Chen Guangming runs the farm.").precision == 1.0
    assert check_names("截至7月25日19时，大连市报告确诊病例12例。",
                       "As of 7 PM on July 25, Dalian reported 12 cases.").precision == 1.0


def test_the_models_framing_of_the_release_is_dropped():
    text = ("According to the release, the author highlights the importance of rural workers. The author "
            "concludes by emphasizing the need for support. More than 8,000 village leaders were trained.")
    kept, dropped = drop_chatter(text)
    assert dropped == 2 and kept.strip() == "More than 8,000 village leaders were trained."


def test_a_repaired_hedge_is_said_once():
    from pressbrief.service.brief.guard import repair

    ex = extract("出库流量按不超过每秒3000立方米控制下泄。")
    text = "The discharge flow is controlled at most at 3,000 cubic metres per second."
    check = check_text(ex, text, "en")
    fixed = repair(ex, text, "en", check, GuardStats()) if not check.ok else text
    assert "at most at at most" not in fixed and "3,000 cubic metres per second" in fixed
    assert check_text(ex, fixed, "en").ok
