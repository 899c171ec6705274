"""Scores of translations (eval/translations.py) and the translation bench's behaviour without the corpus."""

from __future__ import annotations

from pressbrief.eval.bench import translations as bench
from pressbrief.eval.translations import TranslationDoc, left_out, score_documents

SOURCE = "全市新建公园8个，同比增长25%。桐乡市接待游客120万人次。"
REFERENCE = "The city built 8 new parks, up 25% year on year. Tongxiang received 1.2 million tourist visits."


def test_marked_and_left_out_sentences_are_counted_and_marks_are_no_words():
    rows = [{"source": "全市新建公园8个，同比增长25%。", "target": "The city built 8 new parks, up 25% year on year."},
            {"source": "桐乡市接待游客120万人次。", "target": "⟦Tongshang⟧ received 1.2 million tourist visits."}]
    doc = TranslationDoc("d1", SOURCE, " ".join(r["target"] for r in rows), REFERENCE, sentences=rows, seconds=2.0)
    out = score_documents([doc])
    assert (out["sentences"], out["sentences_marked"], out["sentences_left_out"]) == (2, 1, 0)
    assert out["per_document"][0]["marked_spans"] == ["Tongshang"]
    assert out["numbers"] == out["numbers_supported"] >= 3 and out["s_per_doc"] == 2.0
    unmarked = score_documents([TranslationDoc("d1", SOURCE, doc.translation.replace("⟦", "").replace("⟧", ""),
                                               REFERENCE)])
    assert out["chrF"] == unmarked["chrF"] and out["chrF"] > 50  # the marks are not scored as characters
    assert unmarked["sentences"] is None  # a system that gives no sentence rows has no sentence counts


def test_a_note_in_place_of_a_sentence_is_left_out():
    assert left_out("[Not translated faithfully; figures: parks: 8]") and left_out("  ")
    assert not left_out("The city built 8 new parks.") and not left_out("⟦Tongshang⟧ received visitors.")
    wrong = TranslationDoc("d2", SOURCE, "The city built 9 new parks.", REFERENCE)
    assert score_documents([wrong])["numbers_supported"] == 0


def test_the_bench_skips_with_a_message_without_the_corpus(tmp_path, capsys):
    assert bench.main(["score", "--corpus", str(tmp_path / "absent.jsonl")]) == 0
    assert "nothing to do" in capsys.readouterr().err
