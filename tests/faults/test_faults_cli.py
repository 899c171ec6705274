"""Faults on purpose against the CLI and batch (issue 26): records that hold lone surrogates, bad --langs,
unwritable and full outputs, bad settings, UTF-16 input. Each must end in one clear line and an exit code,
never a traceback, a lost record, a corrupt results file or a temporary file left behind."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pressbrief.service.batch import load_results, runner
from pressbrief.service.cli.main import main

RELEASE = "新乡市今年新增商标注册10430件，同比增长25.72%，居全省第一。"


def _fake_summarize(text: str, *, langs, model, cancel, max_highlights=None, **_) -> dict:
    return {"brief_zh": text[:12], "brief_zh_hant": None, "brief_en": "Registrations rose 25.72%.",
            "highlights": [], "guard": {"checked": 1}, "coverage": {}, "timing": {}, "model": model or "fake",
            "langs": list(langs)}


@pytest.fixture
def fake_pipeline(monkeypatch):
    monkeypatch.setattr(runner, "default_summarize", lambda: _fake_summarize)
    monkeypatch.setattr("pressbrief.service.batch.checks.number_checks", lambda text, result: {})


def _jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")  # lines as written: raw escapes
    return path


def _record(**fields: str) -> str:
    return "{" + ", ".join(f'"{k}": "{v}"' for k, v in fields.items()) + "}"


# --- severe 2: one bad record stops every batch ------------------------------------------------------
@pytest.mark.parametrize("bad", [
    _record(id="a", text="新乡\\ud800市"),
    _record(id="x\\udfff", text=RELEASE),
    _record(id="m", text=RELEASE, title="标题\\udc00"),
])
def test_a_record_holding_a_lone_surrogate_is_its_own_error_row(tmp_path, fake_pipeline, capsys, bad):
    src = _jsonl(tmp_path / "in.jsonl", [_record(id="first", text=RELEASE), bad, _record(id="last", text=RELEASE)])
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(src), "--out", str(out), "-q"]) == 1  # one document failed
    assert "Traceback" not in capsys.readouterr().err
    raw = out.read_bytes()
    raw.decode("utf-8")  # the results file stays valid UTF-8
    rows = [json.loads(line) for line in raw.splitlines()]
    assert [r["status"] for r in rows] == ["ok", "error", "ok"]
    assert rows[1]["id"] == f"{src}:2" and "surrogate" in rows[1]["error"]["message"]
    assert main(["batch", str(src), "--out", str(out), "-q"]) == 1  # a rerun passes the line, as done
    assert len(load_results(out)) == 3


def test_an_unknown_language_is_refused_before_any_row(tmp_path, fake_pipeline, capsys):
    src = _jsonl(tmp_path / "in.jsonl", [_record(id="a", text=RELEASE)])
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(src), "--out", str(out), "--langs", "xx", "-q"]) == 2
    assert "--langs" in capsys.readouterr().err and not out.exists()
    assert main(["batch", str(src), "--out", str(out), "--langs", "en", "-q"]) == 0
    assert load_results(out)[0]["result"]["langs"] == ["en"]


# --- unwritable outputs ------------------------------------------------------------------------------
def _results(tmp_path: Path) -> Path:
    row = {"id": "a", "status": "ok", "text": RELEASE, "meta": {}, "result": {"brief_en": "Up 25.72%.",
                                                                             "highlights": []}}
    path = tmp_path / "results.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def test_render_to_a_folder_is_a_clear_error_and_leaves_no_temporary_file(tmp_path, capsys):
    folder = tmp_path / "packs"
    folder.mkdir()
    assert main(["render", str(_results(tmp_path)), "-o", str(folder)]) != 0
    assert "is a folder" in capsys.readouterr().err
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("verb", ["render", "batch"])
def test_an_output_under_a_file_is_a_clear_error(tmp_path, fake_pipeline, capsys, verb):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    if verb == "render":
        code = main(["render", str(_results(tmp_path)), "-o", str(blocker / "pack.html")])
    else:
        src = _jsonl(tmp_path / "in.jsonl", [_record(id="a", text=RELEASE)])
        code = main(["batch", str(src), "--out", str(blocker / "out.jsonl"), "-q"])
    err = capsys.readouterr().err
    assert code != 0 and f"{blocker} is not a folder" in err and "Traceback" not in err, err


def test_an_unwritable_summary_json_says_where_the_results_are(tmp_path, fake_pipeline, capsys):
    src = _jsonl(tmp_path / "in.jsonl", [_record(id="a", text=RELEASE)])
    out = tmp_path / "out.jsonl"
    (tmp_path / "file").write_text("x")
    code = main(["batch", str(src), "--out", str(out), "-q", "--summary-json", str(tmp_path / "file" / "s.json")])
    err = capsys.readouterr().err
    assert code != 0 and "run summary" in err and str(out) in err, err
    assert load_results(out)[0]["status"] == "ok"


def test_render_on_a_full_disk_is_a_clear_error(tmp_path, capsys):
    if not Path("/dev/full").is_char_device():
        pytest.skip("no /dev/full device here")
    full = tmp_path / "pack.html"
    full.symlink_to("/dev/full")  # through a link of our own: a pack that replaced its -o replaces only the link
    assert main(["render", str(_results(tmp_path)), "-o", str(full)]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert Path("/dev/full").is_char_device()


def test_batch_on_a_full_disk_stops_with_the_reason_and_the_rerun_resumes(tmp_path):
    """A real write failure: the process may write no file over 1 KiB (EFBIG, as a full disk's ENOSPC)."""
    src = _jsonl(tmp_path / "in.jsonl", [_record(id=f"r{i}", text=RELEASE + "。" * 400) for i in range(3)])
    out = tmp_path / "out.jsonl"
    script = ("import sys\nfrom pressbrief.service.batch import runner\n"
              "runner.default_summarize = lambda: (lambda text, **kw: {'brief_en': 'x', 'highlights': []})\n"
              "from pressbrief.service.cli.main import main\nsys.exit(main(sys.argv[1:]))\n")

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))

    args = [sys.executable, "-c", script, "batch", str(src), "--out", str(out), "-q"]
    full = subprocess.run(args, capture_output=True, text=True, timeout=120, preexec_fn=limit_file_size,
                          cwd=tmp_path, env=dict(os.environ, PRESSBRIEF_HOME=str(tmp_path / "home")))
    assert full.returncode != 0 and "Traceback" not in full.stderr, full.stderr
    assert str(out) in full.stderr and "File too large" in full.stderr and "resumes" in full.stderr
    again = subprocess.run(args, capture_output=True, text=True, timeout=120, cwd=tmp_path,
                           env=dict(os.environ, PRESSBRIEF_HOME=str(tmp_path / "home")))
    assert again.returncode == 0, again.stderr
    assert [r["status"] for r in load_results(out)] == ["ok", "ok", "ok"]


# --- settings and input --------------------------------------------------------------------------------
def test_a_malformed_setting_is_one_clear_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PRESSBRIEF_MAX_INPUT_CHARS", "abc")
    (tmp_path / "a.txt").write_text(RELEASE, encoding="utf-8")
    assert main(["extract", str(tmp_path / "a.txt")]) == 2
    err = capsys.readouterr().err
    assert "PRESSBRIEF_MAX_INPUT_CHARS" in err and "'abc'" in err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_input_is_read_as_utf16(tmp_path, capsys, encoding):
    path = tmp_path / "release.txt"
    path.write_bytes(RELEASE.encode(encoding))
    assert main(["extract", str(path), "--json"]) == 0
    assert "10430" in capsys.readouterr().out
