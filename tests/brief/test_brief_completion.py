"""Key figures the model left out are added by the core; repeated sentences and Markdown go."""

from __future__ import annotations

from pressbrief.service.brief.answer import as_paragraph
from pressbrief.service.brief.completion import complete_brief, missing_highlights
from pressbrief.service.brief.guard import check_text
from pressbrief.service.brief.highlights import choose_highlights
from pressbrief.service.brief.repeats import drop_repeats
from pressbrief.service.numeric import extract


def test_missing_key_figures_are_added_in_english_with_exact_renderings(sample_text):
    ex = extract(sample_text)
    hl = choose_highlights(ex, 8)
    brief = "According to the release, new trademark registrations reached 10,430, up 25.72% year on year."
    done, added = complete_brief(ex, brief, "en", hl)
    assert done.startswith(brief) and added > 0
    assert "Other key figures:" in done and "RMB 1.262 billion" in done
    assert check_text(ex, done, "en").ok  # every figure added is backed by the source
    assert "10,430" not in done[len(brief):]  # what the model said is not said again
    assert len(missing_highlights(ex, done, "en", hl)) < len(missing_highlights(ex, brief, "en", hl))


def test_missing_key_figures_are_added_in_chinese_as_source_clauses(sample_text):
    ex = extract(sample_text)
    hl = choose_highlights(ex, 8)
    brief = "新乡市今年新增商标注册10430件。"
    done, added = complete_brief(ex, brief, "zh", hl)
    assert added > 0 and done.startswith(brief) and "此外，" in done and "12.62亿元" in done
    assert check_text(ex, done, "zh").ok


def test_a_brief_that_carries_every_highlight_is_left_alone(sample_text):
    ex = extract(sample_text)
    hl = choose_highlights(ex, 2)
    full, _ = complete_brief(ex, "新乡市今年新增商标注册10430件。", "zh", hl)
    again, added = complete_brief(ex, full, "zh", hl)
    assert again == full and added == 0


def test_a_repeated_sentence_is_dropped_and_a_new_figure_is_not():
    en = ("The city ranked first in Henan province for geographical-indication trademarks and has implemented "
          "measures to improve quality. The city has also ranked first in Henan province for pledge financing "
          "and has implemented measures to improve quality. Pledge financing reached RMB 1.262 billion.")
    kept, dropped = drop_repeats(en, "en")
    assert dropped == 1 and "pledge financing and" not in kept and "RMB 1.262 billion" in kept
    zh = "今年新增商标注册10430件，同比增长25.72%。有效商标注册量达到110386件。今年新增商标注册10430件。"
    kept, dropped = drop_repeats(zh, "zh")
    assert dropped == 1 and kept.count("10430") == 1
    # same words, another figure: not a repeat
    assert drop_repeats("Exports rose 5% in May. Exports rose 7% in June.", "en")[1] == 0


def test_markdown_headings_and_lists_become_one_plain_paragraph():
    text = ("### 新乡市2024年度优化营商环境工作系列第十一场新闻发布会\n\n1. 知识产权创新高地建设成效\n"
            "   - 新乡市持续打造知识产权创新高地。\n   - 今年新增商标注册10430件。")
    assert as_paragraph(text) == "新乡市持续打造知识产权创新高地。今年新增商标注册10430件。"
    assert as_paragraph("One sentence only.") == "One sentence only."
    # a list item that starts with a figure keeps the figure
    assert "12.62亿元" in as_paragraph("- 12.62亿元质押融资。\n- 另一句。")


def test_a_chinese_clause_cut_from_its_sentence_loses_its_opening_connective_or_quote():
    from pressbrief.service.brief.completion import _LEADING_JUNK

    assert _LEADING_JUNK.sub("", "但其在很大程度上反映了过去的情况") == "其在很大程度上反映了过去的情况"
    assert _LEADING_JUNK.sub("", "”吴贞在鹰潭市经营着13家餐厅") == "吴贞在鹰潭市经营着13家餐厅"
    for word in ("就业人数增加2万", "并不包括", "而言"):  # words, not connectives: left alone
        assert _LEADING_JUNK.sub("", word) == word


def test_two_missing_figures_with_one_english_label_are_not_listed_side_by_side():
    ex = extract("新增确诊病例22例(其中5例为无症状感染者转确诊病例)，新增无症状感染者38例。")
    hl = [m for m in ex.metrics if m.label_en]
    done, _ = complete_brief(ex, "According to the release, 38 new asymptomatic infections were reported.", "en", hl)
    assert [m.label_en for m in hl].count("new confirmed cases") == 2  # 22例 and its 5例 share the label
    assert "22 new confirmed cases" in done and "5 new confirmed cases" not in done


def test_a_completed_count_reads_figure_first_with_what_its_counter_says():
    ex = extract("包括勺鸡、斑羚在内的178种野生动物都能在这里看到。质押融资12.62亿元。")
    done, added = complete_brief(ex, "Wildlife thrives here.", "en", list(ex.metrics))
    assert added == 2 and "178 kinds of wild animals" in done and "RMB 1.262 billion" in done
    assert check_text(ex, done, "en").ok
