"""`pressbrief batch` with the real pipeline and the tiny model: SIGKILL half-way, then resume.

Generation is kept short (PRESSBRIEF_MAX_NEW_TOKENS, no extra candidates): the test is about the
batch mechanics on the real pipeline, not about brief quality.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT.parent / "shared" / "corpus" / "dev.jsonl"
FAST = {"PRESSBRIEF_MAX_NEW_TOKENS": "4", "PRESSBRIEF_MAX_CANDIDATES": "0"}


def _complete_lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


@pytest.mark.skipif(not DEV.exists(), reason=f"dev corpus not found at {DEV} (../shared is absent)")
def test_dev_corpus_batch_killed_half_way_then_resumed(tmp_path: Path) -> None:
    ids = [json.loads(line)["id"] for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    out = tmp_path / "out.jsonl"
    env = {**os.environ, **FAST}
    cmd = [
        sys.executable,
        "-m",
        "pressbrief.service.cli",
        "batch",
        str(DEV),
        "--out",
        str(out),
        "--model",
        "tiny-qwen2",
        "--langs",
        "en",
        "--quiet",
    ]
    first = subprocess.Popen(
        cmd + ["--summary-json", str(tmp_path / "s1.json")], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    half = len(ids) // 2
    deadline = time.monotonic() + 400
    while _complete_lines(out) < half:
        assert first.poll() is None, first.communicate()[0].decode(errors="replace")[-2000:]
        assert time.monotonic() < deadline, "batch too slow to reach half-way"
        time.sleep(0.02)
    first.send_signal(signal.SIGKILL)
    first.communicate()
    data = out.read_bytes()
    assert data.endswith(b"\n")  # no torn line: each row is one write, fsynced
    killed = [json.loads(line) for line in data.splitlines()]
    assert half <= len(killed) < len(ids)
    assert not (tmp_path / "s1.json").exists()  # it really died mid-run

    second = subprocess.run(
        cmd + ["--summary-json", str(tmp_path / "s2.json")], env=env, capture_output=True, text=True, timeout=600
    )
    assert second.returncode == 0, second.stderr[-3000:]
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows[: len(killed)]] == [r["id"] for r in killed]  # kept as they were
    assert sorted(r["id"] for r in rows) == sorted(ids)  # exactly one line per input id
    assert all(r["status"] == "ok" and r["result"]["model"] == "tiny-qwen2" for r in rows)
    summary = json.loads((tmp_path / "s2.json").read_text())
    assert summary["already_done"] == len(killed)
    assert summary["processed"] == len(ids) - len(killed)
    assert summary["succeeded"] == len(ids) and summary["failed"] == 0
    assert f"batch: {len(ids)} document(s): {len(ids)} succeeded, 0 failed" in second.stderr
