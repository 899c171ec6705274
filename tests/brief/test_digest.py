"""The digest the brief model is shown (service/brief/digest.py): budget, order, coverage report."""

from __future__ import annotations

from pressbrief.service.brief.digest import GAP, build_digest
from pressbrief.service.brief.highlights import choose_highlights
from pressbrief.service.numeric import extract
from pressbrief.service.pipeline import summarize


def _count(text: str) -> int:
    return len(text)  # one token a character: a pessimistic stand-in for a Chinese tokenizer


def test_a_release_that_fits_is_shown_whole(sample_text):
    ex = extract(sample_text)
    d = build_digest(ex, choose_highlights(ex, 8), _count, budget=len(sample_text) + 10)
    assert d.whole and d.text == sample_text.strip() and d.sections_unshown == ()


def test_digest_keeps_headline_highlights_and_source_order_within_budget(sample_text):
    ex = extract(sample_text)
    highlights = choose_highlights(ex, 8)
    d = build_digest(ex, highlights, _count, budget=900)
    assert not d.whole and d.tokens <= 900
    assert d.text.startswith("新乡市2024年度优化营商环境工作系列第十一场新闻发布会")
    # every highlight's sentence is there, and the spans run in source order without overlap
    for m in highlights:
        assert any(s <= m.mention.start < e for s, e in d.spans), m.mention.text
    assert all(a[1] <= b[0] for a, b in zip(d.spans, d.spans[1:], strict=False))
    assert GAP in d.text  # skipped text is marked
    assert "10430件" in d.text and "12.62亿元" in d.text
    # the two articles both reach the model
    assert d.sections_unshown == ()


def test_a_budget_too_small_for_every_section_says_which_were_not_shown(sample_text):
    long_text = "\n\n".join([sample_text] * 4)
    ex = extract(long_text)
    d = build_digest(ex, choose_highlights(ex, 8), _count, budget=120)
    shown = d.to_json(len(long_text))
    assert d.tokens <= 120 and shown["of_sections"] == len(ex.sections) > shown["sections"]
    assert len(d.sections_unshown) == len(ex.sections) - shown["sections"] > 0


def test_pipeline_reports_what_the_core_read_and_what_the_model_was_shown(sample_text, monkeypatch):
    monkeypatch.setenv("PRESSBRIEF_PROMPT_TOKENS", "500")
    result = summarize(sample_text, model="tiny-qwen2", langs="zh,en", en_path="direct", zh_path="model").to_json()
    cov = result["coverage"]
    assert cov["uncovered"] == [] and cov["covered_chars"] == len(sample_text)
    shown = cov["model_shown"]
    assert not shown["whole"] and shown["tokens"] <= 500 and shown["chars"] < len(sample_text)
    assert shown["of_chars"] == len(sample_text)


def test_prompt_tokens_zero_shows_every_chunk(sample_text, monkeypatch):
    monkeypatch.setenv("PRESSBRIEF_PROMPT_TOKENS", "0")
    result = summarize(sample_text, model="tiny-qwen2", langs="zh", zh_path="model").to_json()
    assert "model_shown" not in result["coverage"]
