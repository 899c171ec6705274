"""Batch runs with an injected summarize function: inputs, bad inputs, resume, batching, summary."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from pressbrief.service.batch import load_results, run_batch
from pressbrief.service.batch.sources import iter_docs
from pressbrief.service.errors import ModelError

RELEASE = "新乡市今年新增商标注册10430件，同比增长25.72%，居全省第一。"


class FakeSummarize:
    """Records calls; returns a result shaped like BriefResult.to_json()."""

    def __init__(self, fail_on: set[str] | None = None, cancel_after: int | None = None):
        self.calls: list[str] = []
        self.fail_on = fail_on or set()
        self.cancel_after = cancel_after

    def __call__(self, text: str, *, langs, model, cancel: threading.Event, max_highlights=None, **_):
        self.calls.append(text)
        if self.cancel_after is not None and len(self.calls) > self.cancel_after:
            cancel.set()
            raise RuntimeError("cancelled")
        for marker in self.fail_on:
            if marker in text:
                raise ModelError(f"model broke on {marker}")
        if "BUG" in text:
            raise ValueError("unexpected")
        return {
            "brief_zh": text[:20],
            "brief_zh_hant": None,
            "brief_en": "Registrations rose 25.72%.",
            "highlights": [],
            "guard": {"checked": 2, "repaired": 1, "dropped": 0, "fallback": False, "candidates": 3},
            "coverage": {},
            "timing": {"total_s": 0.01},
            "model": model or "fake",
        }


def no_checks(text: str, result: dict) -> dict:
    return {"number_precision": 1.0, "numbers": 1, "supported": 1}


def run(inputs, out, fake=None, **kw):
    fake = fake or FakeSummarize()
    summary = run_batch([str(i) for i in inputs], out, summarize_fn=fake, checks_fn=no_checks, quiet=True, **kw)
    return summary, fake


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_folder_of_txt_md_html_and_jsonl(tmp_path: Path) -> None:
    src = tmp_path / "releases"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(RELEASE, encoding="utf-8")
    (src / "b.md").write_text("---\ntitle: 商标\ndate: 2024-12-27\n---\n" + RELEASE, encoding="utf-8")
    (src / "sub" / "c.html").write_text(
        "<html><head><title>发布会</title><script>var x=1;</script></head>"
        f"<body><nav>首页</nav><p>{RELEASE}</p><p>第二段&nbsp;文字</p></body></html>",
        encoding="utf-8",
    )
    (src / "notes.pdf").write_bytes(b"%PDF-1.4")
    (src / ".hidden.txt").write_text("x")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps(
            {"id": "r1", "text": RELEASE, "title": "T", "source_url": "http://x", "junk": "y" * 99},
            ensure_ascii=False,
        )
        + "\n\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    summary, fake = run([src, feed], out)
    rows = {r["id"]: r for r in lines(out)}
    assert set(rows) == {f"{src}/a.txt", f"{src}/b.md", f"{src}/sub/c.html", "r1"}
    assert all(r["status"] == "ok" for r in rows.values())
    assert rows[f"{src}/b.md"]["meta"] == {"title": "商标", "date": "2024-12-27"}
    assert rows[f"{src}/b.md"]["text"] == RELEASE
    html_row = rows[f"{src}/sub/c.html"]
    assert html_row["meta"]["title"] == "发布会"
    assert html_row["text"] == RELEASE + "\n第二段 文字"
    assert rows["r1"]["meta"] == {"title": "T", "source_url": "http://x"}
    assert rows["r1"]["source"] == {"jsonl": str(feed), "line": 1}
    assert summary.succeeded == 4 and summary.failed == 0 and summary.documents == 4
    assert summary.skipped_files == [{"path": f"{src}/notes.pdf", "reason": "unsupported file type"}]
    assert summary.guard == {"checked": 8, "repaired": 4, "dropped": 0, "fallback": 0}
    assert summary.number_precision_mean == 1.0
    assert summary.exit_code == 0
    text = summary.format()
    assert "4 succeeded, 0 failed" in text and "guard: 8 numbers checked" in text


@pytest.fixture
def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    d = tmp_path / "in"
    d.mkdir()
    files = {
        "empty": d / "empty.txt",
        "binary": d / "binary.txt",
        "latin": d / "gbk.txt",
        "big": d / "big.txt",
        "good": d / "good.txt",
    }
    files["empty"].write_bytes(b"  \n")
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    files["latin"].write_bytes(RELEASE.encode("gb18030"))
    files["big"].write_bytes(("增长25%。" * 700_000).encode("utf-8")[: 5 * 1024 * 1024])
    files["good"].write_text(RELEASE, encoding="utf-8")
    (d / "dangling.txt").symlink_to(d / "missing-target.txt")
    return files


def test_bad_files_each_give_an_error_row_and_the_run_goes_on(tmp_path: Path, bad_inputs) -> None:
    out = tmp_path / "out.jsonl"
    missing = tmp_path / "nope" / "gone.txt"
    summary, fake = run([bad_inputs["good"].parent, missing], out)
    rows = {Path(r["id"]).name: r for r in lines(out)}
    assert rows["good.txt"]["status"] == "ok"
    expect = {
        "empty.txt": ("invalid_input", "empty text"),
        "binary.txt": ("invalid_input", "binary"),
        "gbk.txt": ("invalid_input", "not valid UTF-8"),
        "big.txt": ("input_too_large", "over the limit"),
        "dangling.txt": ("invalid_input", "no such file"),
        "gone.txt": ("invalid_input", "no such file"),
    }
    for name, (code, words) in expect.items():
        row = rows[name]
        assert row["status"] == "error", name
        assert row["error"]["code"] == code, (name, row["error"])
        assert words in row["error"]["message"], (name, row["error"])
        assert row["text_sha256"] is None
    assert len(fake.calls) == 1  # only the good document reached the model
    assert summary.failed == 6 and summary.succeeded == 1
    assert summary.failed_by_reason == {"invalid_input": 5, "input_too_large": 1}
    assert summary.exit_code == 1
    # a second run with the same OUT redoes nothing and adds no lines
    summary2, fake2 = run([bad_inputs["good"].parent, missing], out)
    assert len(lines(out)) == 7 and fake2.calls == [] and summary2.already_done == 7


def test_unreadable_file_gives_error_row(tmp_path: Path, monkeypatch) -> None:
    import pathlib

    f = tmp_path / "locked.txt"
    f.write_text(RELEASE, encoding="utf-8")
    f.chmod(0)
    if os.geteuid() == 0:  # root reads a chmod 000 file: make the read fail as it would for a user
        real_open = pathlib.Path.open

        def deny(self, *args, **kwargs):
            if self == f:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(pathlib.Path, "open", deny)
    out = tmp_path / "out.jsonl"
    summary, fake = run([f, tmp_path / "ok.txt"], out)
    rows = lines(out)
    assert rows[0]["status"] == "error" and rows[0]["error"]["message"].endswith("cannot read (Permission denied)")
    assert rows[1]["error"]["message"].endswith("no such file") and summary.failed == 2


def test_jsonl_bad_lines_each_give_an_error_row(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    big = json.dumps({"id": "huge", "text": "增长25%。" * 50_000}, ensure_ascii=False)  # 300k chars
    feed.write_bytes(
        b"\n".join(
            [
                json.dumps({"id": "ok1", "text": RELEASE}, ensure_ascii=False).encode(),
                b"{not json",
                b"[1, 2]",
                json.dumps({"id": "notext"}).encode(),
                json.dumps({"id": "numtext", "text": 5}).encode(),
                json.dumps({"id": "blank", "text": "   "}).encode(),
                b'{"id": "bad-utf8", "text": "\xff\xfe"}',
                big.encode(),
                json.dumps({"text": RELEASE + "2"}, ensure_ascii=False).encode(),
                json.dumps({"id": "ok1", "text": RELEASE + "3"}, ensure_ascii=False).encode(),
            ]
        )
        + b"\n"
    )
    out = tmp_path / "out.jsonl"
    summary, fake = run([feed, tmp_path / "missing.jsonl"], out)
    rows = {r["id"]: r for r in lines(out)}
    f = str(feed)
    assert rows["ok1"]["status"] == "ok"
    assert "not JSON" in rows[f"{f}:2"]["error"]["message"]
    assert "expected a JSON object" in rows[f"{f}:3"]["error"]["message"]
    assert 'no "text" field' in rows["notext"]["error"]["message"]
    assert '"text" is int' in rows["numtext"]["error"]["message"]
    assert "empty text" in rows["blank"]["error"]["message"]
    assert "not valid UTF-8" in rows[f"{f}:7"]["error"]["message"]
    assert rows["huge"]["error"]["code"] == "input_too_large"
    assert rows[f"{f}:9"]["status"] == "ok"  # no id: FILE:LINE
    assert rows["ok1#2"]["status"] == "ok" and rows["ok1#2"]["meta"]["duplicate_of"] == "ok1"
    assert rows[str(tmp_path / "missing.jsonl")]["error"]["message"].endswith("no such file")
    assert len(rows) == 11 == len(lines(out))
    assert summary.failed == 8 and summary.succeeded == 3


def test_model_and_internal_errors_are_rows_too(tmp_path: Path) -> None:
    feed = tmp_path / "f.jsonl"
    feed.write_text(
        "\n".join(
            json.dumps({"id": i, "text": t}, ensure_ascii=False)
            for i, t in [
                ("a", RELEASE),
                ("b", "MODELFAIL " + RELEASE),
                ("c", "BUG " + RELEASE),
                ("d", RELEASE),
            ]
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    summary, fake = run([feed], out, fake=FakeSummarize(fail_on={"MODELFAIL"}))
    rows = {r["id"]: r for r in lines(out)}
    assert rows["b"]["error"] == {
        "code": "model_unavailable",
        "type": "ModelError",
        "message": "model broke on MODELFAIL",
    }
    assert rows["c"]["error"]["code"] == "internal_error" and "ValueError" in rows["c"]["error"]["message"]
    assert rows["a"]["status"] == rows["d"]["status"] == "ok"
    # --retry-failed redoes the failures; OUT keeps one line per id (compacted at the end)
    summary2, fake2 = run([feed], out, retry_failed=True)
    assert len(fake2.calls) == 2
    assert summary2.rows_dropped == 2 and summary2.failed == 1  # "BUG" still fails
    assert [r["id"] for r in lines(out)] == ["a", "d", "b", "c"]


def test_interrupted_run_resumes_without_duplicates(tmp_path: Path) -> None:
    feed = tmp_path / "f.jsonl"
    feed.write_text(
        "\n".join(json.dumps({"id": f"d{i}", "text": f"{RELEASE}{i}"}, ensure_ascii=False) for i in range(10)),
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    summary, fake = run([feed], out, fake=FakeSummarize(cancel_after=4))
    assert summary.interrupted and summary.exit_code == 130
    assert len(lines(out)) == 4 and summary.pending == 6
    # a run killed mid-write leaves a partial line: the next run cuts it and goes on
    with out.open("ab") as fh:
        fh.write(b'{"id":"d4","status":"ok","te')
    summary2, fake2 = run([feed], out)
    assert len(fake2.calls) == 6 and summary2.already_done == 4
    ids = [r["id"] for r in lines(out)]
    assert sorted(ids) == sorted(f"d{i}" for i in range(10)) and len(ids) == 10
    # changed text for one id: redone, and the stale row is dropped
    feed.write_text(feed.read_text(encoding="utf-8").replace(f"{RELEASE}3", f"{RELEASE}33"), encoding="utf-8")
    summary3, fake3 = run([feed], out)
    assert len(fake3.calls) == 1 and summary3.rows_dropped == 1
    assert len(lines(out)) == 10 and load_results(out)[-1]["id"] == "d3"


def test_batched_generation_and_workers(tmp_path: Path) -> None:
    feed = tmp_path / "f.jsonl"
    feed.write_text(
        "\n".join(json.dumps({"id": f"d{i}", "text": f"{RELEASE}{i}"}, ensure_ascii=False) for i in range(7)),
        encoding="utf-8",
    )
    single = FakeSummarize()
    groups: list[int] = []

    def batch_fn(texts, *, cancels, langs, model, max_highlights=None):
        groups.append(len(texts))
        return [
            ValueError("boom") if t.endswith("5") else single(t, langs=langs, model=model, cancel=cancels[0])
            for t in texts
        ]

    out = tmp_path / "out.jsonl"
    summary = run_batch(
        [str(feed)],
        out,
        summarize_fn=single,
        summarize_batch_fn=batch_fn,
        batch_size=3,
        workers=2,
        checks_fn=no_checks,
        quiet=True,
    )
    assert groups == [3, 3]  # the last document goes alone through summarize_fn
    assert len(single.calls) == 6  # d5 failed inside the batch call
    rows = {r["id"]: r for r in lines(out)}
    assert len(rows) == 7 and rows["d5"]["status"] == "error" and summary.succeeded == 6


def test_out_is_locked_against_a_second_writer(tmp_path: Path) -> None:
    from pressbrief.service.batch.store import ResultStore
    from pressbrief.service.errors import InputError

    out = tmp_path / "out.jsonl"
    with ResultStore(out):
        with pytest.raises(InputError, match="another batch run"):
            ResultStore(out).open()


def test_ids_of_files_are_paths_as_given(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text(RELEASE, encoding="utf-8")
    docs = list(iter_docs([str(tmp_path / "x.txt"), str(tmp_path / "x.txt")]))
    assert [d.id for d in docs] == [f"{tmp_path}/x.txt", f"{tmp_path}/x.txt#2"]


def batch_cli(argv: list[str]) -> int:
    """`pressbrief batch ARGV` without building the other subcommands' parsers."""
    import argparse

    from pressbrief.service.cli import batch as cmd_batch

    parser = argparse.ArgumentParser()
    cmd_batch.add_arguments(parser)
    return cmd_batch.run(parser.parse_args(argv))


def test_cli_batch_uses_the_pipeline_by_default(tmp_path: Path, monkeypatch, capsys) -> None:
    from pressbrief.service.batch import runner
    from pressbrief.service.errors import InputError

    fake = FakeSummarize()
    monkeypatch.setattr(runner, "default_summarize", lambda: fake)
    monkeypatch.setattr("pressbrief.service.batch.checks.number_checks", no_checks)
    (tmp_path / "a.txt").write_text(RELEASE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("", encoding="utf-8")
    out = tmp_path / "o" / "out.jsonl"
    code = batch_cli(
        [
            str(tmp_path / "a.txt"),
            str(tmp_path / "b.txt"),
            "--out",
            str(out),
            "--model",
            "tiny-qwen2",
            "--summary-json",
            str(tmp_path / "s.json"),
        ]
    )
    assert code == 1  # one document failed
    err = capsys.readouterr().err
    assert "2 document(s): 1 succeeded, 1 failed" in err and "failed by reason: invalid_input 1" in err
    assert json.loads((tmp_path / "s.json").read_text())["succeeded"] == 1
    assert lines(out)[0]["result"]["model"] == "tiny-qwen2"
    with pytest.raises(InputError, match="also an input"):
        batch_cli([str(out), "--out", str(out)])


def test_ctrl_c_stops_after_cancelling_the_document_in_flight(tmp_path: Path) -> None:
    import signal

    before = signal.getsignal(signal.SIGINT)  # SIG_IGN when pytest itself runs in the background (nohup)
    feed = tmp_path / "f.jsonl"
    feed.write_text(
        "\n".join(json.dumps({"id": f"d{i}", "text": f"{RELEASE}{i}"}, ensure_ascii=False) for i in range(6)),
        encoding="utf-8",
    )
    calls: list[str] = []

    def summarize(text, *, cancel, **_):
        calls.append(text)
        if len(calls) == 3:
            signal.raise_signal(signal.SIGINT)  # Ctrl-C while the third document generates
            assert cancel.is_set()
            raise RuntimeError("generation cancelled")
        return FakeSummarize()(text, cancel=cancel, langs=("en",), model=None)

    out = tmp_path / "out.jsonl"
    summary = run_batch([str(feed)], out, summarize_fn=summarize, checks_fn=no_checks, quiet=True, handle_sigint=True)
    assert summary.interrupted and summary.exit_code == 130 and summary.pending == 4
    assert [r["id"] for r in lines(out)] == ["d0", "d1"]  # no row for the cancelled document
    assert signal.getsignal(signal.SIGINT) is before  # handler restored
