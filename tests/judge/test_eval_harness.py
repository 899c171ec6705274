"""Scores, signatures, records, the CLI, the Markdown report, systems and the guard API."""

from __future__ import annotations

import json
import types

import pytest

from pressbrief.eval import (
    CharRougeL,
    Faithfulness,
    KeyMetricRecall,
    NumberPrecision,
    check_brief,
    default_highlights,
    evaluate_records,
    suggestions,
)
from pressbrief.eval.judge.metrics import lcs_length
from pressbrief.eval.judge.source_index import index_for
from pressbrief.eval.report import render_markdown
from pressbrief.eval.systems import get_system, list_systems, split_raw_output
from pressbrief.service.cli import main
from pressbrief.service.cli import main as cli_main
from pressbrief.service.errors import InputError
from pressbrief.service.numeric import extract

GOOD_EN = "IP pledge financing reached RMB 1.262 billion, up 16.85% year on year, ranking first in the province."
BAD_EN = "IP pledge financing reached 12.62 billion yuan, down 16.85%, ranking second in the province."
GOOD_ZH = "知识产权质押融资12.62亿元,较去年同期增长16.85%,居全省第一位。"


@pytest.fixture(scope="module")
def ex(sample_text):
    return extract(sample_text)


def test_report_fields_and_precision(ex):
    rep = check_brief(ex, BAD_EN, "en")
    assert rep.numbers == 3 and rep.supported == 0 and rep.precision == 0.0
    assert rep.errors == {"scale": 1, "direction": 1, "rank": 1}
    j = rep.to_json()
    first = j["checks"][0]
    keys = {"text", "start", "end", "lang", "value", "verdict", "error", "rounding", "source", "suggestion"}
    assert keys <= set(first)
    assert first["text"] == "12.62 billion yuan" and first["value"] == "12620000000" and first["lang"] == "en"
    assert first["source"][0]["text"] == "12.62亿元"
    assert ex.text[first["source"][0]["start"]:first["source"][0]["end"]] == "12.62亿元"
    assert rep.signature.startswith("name:numprec|lang:en|")
    assert check_brief(ex, "No numbers here.", "en").precision is None


def test_guard_suggestions_carry_the_core_rendering(ex):
    rep = check_brief(ex, BAD_EN, "en")
    sug = {c.number.text: s for c, s in suggestions(rep)}
    assert sug["12.62 billion yuan"].rendered_en == "RMB 1.262 billion"
    assert sug["16.85%"].text.endswith("16.85%")
    assert sug["second"].text == "全省第一位"
    unsupported = check_brief(ex, "The city handled 58 banks.", "en").checks[0]
    assert unsupported.error == "unsupported" and unsupported.suggestion is None  # no safe replacement
    # a wrong amount next to an anchoring number: the one amount of that source sentence
    money = check_brief(ex, "Pledge financing reached RMB 3.5 billion, up 16.85% year on year.", "en").checks[0]
    assert money.error == "unsupported" and money.suggestion.rendered_en == "RMB 1.262 billion"
    zh = check_brief(ex, "质押融资35亿元,同比增长16.85%。", "zh").checks[0]
    assert zh.error == "unsupported" and zh.suggestion.text == "12.62亿元"


def test_accepts_extraction_or_text_and_reuses_the_index(ex, sample_text):
    a = check_brief(ex, GOOD_EN, "en")
    b = check_brief(sample_text, GOOD_EN, "en")
    assert [c.error for c in a.checks] == [c.error for c in b.checks] == [None, None, None]

    assert index_for(ex) is index_for(ex)


def test_keyword_form_for_rest_and_batch(sample_text):
    out = check_brief(sample_text, summary_en=BAD_EN, summary_zh=GOOD_ZH)
    assert isinstance(out, dict)
    assert out["per_lang"]["en"]["numbers"] == 3 and out["per_lang"]["zh"]["supported"] == 3
    json.dumps(out, ensure_ascii=False)  # JSON-ready
    with pytest.raises(ValueError):
        check_brief(sample_text)
    with pytest.raises(ValueError):
        check_brief(sample_text, GOOD_EN, "fr")


def test_metric_classes_and_signatures(ex, sample_text):
    npm = NumberPrecision(lang="en")
    s = npm.corpus_score([ex, ex], [GOOD_EN, BAD_EN])
    assert s.score == pytest.approx(50.0) and s.detail == {"numbers": 6, "supported": 3}
    sig = npm.signature()
    assert sig.format().endswith("|version:1.4") and "round:signalled+sig3" in sig.format()
    assert "|attr:yes|" in sig.format()
    assert sig.format(short=True).startswith("numprec|l:en|")
    rec = KeyMetricRecall(n=8)
    hl = rec.highlights(ex)
    assert len(hl) == 8 and hl[0].mention.text == "12.62亿元"
    carried, total = rec.recall(ex, check_brief(ex, GOOD_EN, "en"))
    assert (carried, total) == (2, 8)  # 12.62亿元 and 较去年同期增长16.85%
    f = Faithfulness(highlights_n=4).corpus_score([ex], [check_brief(ex, BAD_EN, "en")])
    assert f.detail["errors"]["scale"] == 1 and f.detail["recall"] == 0.0
    assert "highlights:default_highlights:4" in Faithfulness(highlights_n=4).signature().format()


def test_highlight_rule_orders_money_then_changes_then_ranks(ex):
    hl = default_highlights(ex, 50)
    kinds = [h.mention.kind for h in hl]
    assert kinds[0] == "amount" and "change" in kinds[:6]
    assert all(not h.mention.is_code and h.mention.kind not in ("date", "period") for h in hl)
    assert len(default_highlights(ex, 3)) == 3


def test_char_rouge_l():
    assert lcs_length("ABCBDAB", "BDCABA") == 4
    r = CharRougeL()
    assert r.sentence_score("新乡市质押融资", "新乡市质押融资") == pytest.approx(100.0)
    assert r.sentence_score("甲乙丙", "丁戊") == 0.0
    # P = 3/4, R = 3/6 -> F1 = 0.6
    assert r.sentence_score("质押融资", "知识质产押融") == pytest.approx(100 * 2 * 0.75 * 0.5 / 1.25)
    assert "tok:char" in r.signature().format()


def _records(sample_text):
    return [
        {"id": "good", "text": sample_text, "summary_en": GOOD_EN, "summary_zh": GOOD_ZH,
         "reference_summary_zh": "新乡知识产权质押融资12.62亿元,增长16.85%。"},
        {"id": "bad", "text": sample_text, "summary_en": BAD_EN, "summary_zh_hant": "質押融資126.2億元。"},
    ]


def test_evaluate_records_shape(sample_text):
    res = evaluate_records(_records(sample_text))
    assert set(res) == {"signature", "harness_version", "aggregate", "documents"}
    agg = res["aggregate"]
    assert agg["numbers"] == 10 and agg["supported"] == 6 and agg["precision"] == pytest.approx(0.6)
    assert agg["errors"]["scale"] == 2 and agg["errors"]["rank"] == 1
    assert set(agg["per_lang"]) == {"zh", "zh-Hant", "en"}
    tm = agg["per_lang"]["zh"]["text_metrics"]
    assert {"chrF", "BLEU", "ROUGE-L-char", "signatures"} <= set(tm) and "tok:zh" in tm["signatures"]["BLEU"]
    bad = res["documents"][1]
    assert bad["id"] == "bad" and bad["precision"] == 0.0
    n = bad["numbers"][0]
    assert {"text", "lang", "value", "verdict", "error", "source"} <= set(n)
    json.dumps(res, ensure_ascii=False)


def test_english_briefs_with_chinese_and_empty_briefs_are_counted(sample_text):
    records = [{"id": "a", "text": sample_text, "summary_en": "Pledge financing reached 新乡 RMB 1.262 billion."},
               {"id": "b", "text": sample_text, "summary_en": "", "summary_zh": "质押融资12.62亿元。"},
               {"id": "c", "text": sample_text, "summary_en": GOOD_EN}]
    agg = evaluate_records(records, text_metrics=False)["aggregate"]
    assert agg["per_lang"]["en"]["briefs_with_chinese"] == 1 and agg["per_lang"]["en"]["empty_briefs"] == 1
    assert agg["per_lang"]["zh"]["empty_briefs"] == 0 and "briefs_with_chinese" not in agg["per_lang"]["zh"]
    assert "- English: 1 empty briefs, 1 without numbers, 1 with Chinese characters" in render_markdown(
        evaluate_records(records, text_metrics=False))


def test_markdown_report(sample_text):
    md = render_markdown(evaluate_records(_records(sample_text)))
    assert md.startswith("# Numeric faithfulness report")
    assert "| Chinese |" in md and "## Errors by type" in md and "## Worst documents" in md
    assert "**⟦12.62 billion yuan⟧**" in md  # the bad number, highlighted
    assert "**12.62亿元**" in md  # beside its source sentence, span in bold


def test_cli_json_and_report(tmp_path, sample_text, capsys):
    data = tmp_path / "data.jsonl"
    data.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in _records(sample_text)), encoding="utf-8")
    report = tmp_path / "report.md"
    assert cli_main(["eval", str(data), "--json", "--report", str(report)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["aggregate"]["numbers"] == 10 and len(out["documents"]) == 2
    assert report.read_text(encoding="utf-8").startswith("# Numeric faithfulness report")
    assert cli_main(["eval", str(data)]) == 0
    text = capsys.readouterr().out
    assert "precision" in text and "errors: scale 2" in text


def test_cli_errors(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "x"}\nnot json\n', encoding="utf-8")
    assert cli_main(["eval", str(bad)]) == 2
    assert "bad.jsonl:2: not JSON" in capsys.readouterr().err
    assert cli_main(["eval", str(tmp_path / "missing.jsonl")]) == 2
    assert cli_main(["eval", str(bad), "--system", "nope"]) != 0


def test_system_lead_and_registry(tmp_path, sample_text, capsys):
    assert {"pressbrief", "raw", "lead"} <= set(list_systems())
    lead = get_system("lead")
    out = lead(sample_text)
    assert out["summary_zh"] and "summary_en" not in out
    data = tmp_path / "d.jsonl"
    data.write_text(json.dumps({"id": "a", "text": sample_text, "summary_en": BAD_EN}, ensure_ascii=False),
                    encoding="utf-8")
    assert cli_main(["eval", "--system", "lead", str(data), "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["aggregate"]["system"] == "lead"
    assert set(res["aggregate"]["per_lang"]) == {"zh"}  # the record's own English brief is replaced
    with pytest.raises(InputError):
        get_system("nope")


def test_system_raw_with_a_fake_generator(monkeypatch, sample_text):
    calls = {}

    class FakeGen:
        def generate(self, prompt, max_new_tokens=256):
            calls["prompt"] = prompt
            out = "中文摘要：质押融资12.62亿元。\nEnglish summary: Financing hit 12.62 billion yuan."
            return types.SimpleNamespace(text=out)

    monkeypatch.setattr("pressbrief.eval.systems.load_generator", lambda name=None: FakeGen())
    res = evaluate_records([{"id": "x", "text": sample_text}], system=get_system("raw"), system_name="raw")
    assert "Press release" in calls["prompt"][-1]["content"]
    per = res["aggregate"]["per_lang"]
    assert per["zh"]["supported"] == 1 and per["en"]["errors"]["scale"] == 1


def test_system_pressbrief_calls_the_pipeline(monkeypatch, sample_text):
    class Result:
        def to_json(self):
            return {"brief_zh": GOOD_ZH, "brief_zh_hant": None, "brief_en": GOOD_EN,
                    "highlights": [{"start": 962, "end": 969, "text": "12.62亿元"}]}

    monkeypatch.setattr("pressbrief.eval.systems.summarize", lambda text, model=None: Result())
    res = evaluate_records([{"id": "x", "text": sample_text}], system=get_system("pressbrief"))
    agg = res["aggregate"]
    assert agg["precision"] == 1.0 and agg["highlights"] == 2 and agg["key_metric_recall"] == 1.0


def test_split_raw_output():
    assert split_raw_output("中文摘要：甲。\nEnglish summary: B.") == ("甲。", "B.")
    assert split_raw_output("甲乙。\nSome English.") == ("甲乙。", "Some English.")


def test_failing_document_does_not_stop_the_run(sample_text):
    def broken(text):
        raise RuntimeError("model crashed")

    res = evaluate_records([{"id": "a", "text": sample_text}, {"id": "b", "text": ""}], system=broken)
    assert res["aggregate"]["failed"] == 2
    assert res["documents"][0]["error"] == "RuntimeError: model crashed"


def test_eval_reads_batch_output_rows(tmp_path, capsys):
    import json


    src = "今年新乡市新增商标注册10430件，同比增长25.72%。"
    rows = [{"id": "a", "status": "ok", "text": src,
             "result": {"brief_zh": "新增商标注册10430件。", "brief_zh_hant": None,
                        "brief_en": "New trademark registrations: 10,431."}},
            {"id": "b", "status": "error", "error": {"code": "invalid_input", "message": "empty text"}}]
    path = tmp_path / "out.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    assert main(["eval", str(path), "--json", "--no-text-metrics"]) == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert [d["id"] for d in out["documents"]] == ["a"] and "skipping batch error row 'b'" in captured.err
    verdicts = {n["text"]: n["verdict"] for n in out["documents"][0]["numbers"]}
    assert verdicts == {"10430件": "supported", "10,431": "error"}


def test_tens_of_billions_is_no_dozens():
    # 数十亿元 was read as 数十 (20-99) yuan: "50 yuan" passed as a rounding of it
    ex = extract("该项目总投资数十亿元。")
    assert [(c.number.text, c.error) for c in check_brief(ex, "The project cost 50 yuan.", "en").checks] == [
        ("50 yuan", "unsupported")]
    assert check_brief(ex, "The project cost billions of yuan.", "en").checks == ()


def test_a_numeral_inside_a_word_backs_a_count_of_that_word_or_a_name_not_any_count():
    # 三江源 is a park's name (L0514, AFTER17: "Three wild antelopes" passed on its 三)
    park = "记者从三江源国家公园管理局获悉，藏羚羊正陆续结束产仔。"
    assert not check_brief(park, "Three wild antelopes are returning.", "en").checks[0].supported
    # (a capitalised "Three Rivers" is read as a name, not a number, before the judge)
    assert check_brief(park, "Antelopes from three rivers' source are returning.", "en").checks[0].supported
    village = "村“两委”班子换届完成，万亩良田丰收。"
    assert check_brief(village, "The two committees of the village were re-elected.", "en").checks[0].supported
    assert not check_brief(village, "Two villagers were elected.", "en").checks[0].supported
    assert check_brief(village, "10,000 mu of farmland had a good harvest.", "en").checks[0].supported
