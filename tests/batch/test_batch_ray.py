"""`pressbrief batch --ray`: documents as Ray tasks on a local Ray, each worker with its own tiny
model; a run killed part-way (SIGKILL, Ray workers and all) and restarted ends with exactly one row
per input."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("ray", reason="Ray is not installed (pip install 'pressbrief[ray]')")

RELEASE = "新乡市今年新增商标注册{n}件，同比增长25.72%，居全省第一位。"


def _feed(tmp_path: Path, n: int) -> Path:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"id": f"d{i}", "text": RELEASE.format(n=10430 + i)}, ensure_ascii=False)
                              for i in range(n)) + "\n", encoding="utf-8")
    return feed


def _rows(out: Path) -> list[dict]:
    if not out.exists():
        return []
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.endswith("}")]


def _batch(feed: Path, out: Path) -> subprocess.Popen:
    env = os.environ | {"RAY_DEDUP_LOGS": "0", "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "pressbrief.service.cli", "batch", str(feed), "--out", str(out), "--ray",
           "--workers", "2", "--model", "tiny-qwen2", "--langs", "zh,en", "--max-highlights", "2", "-q"]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)


def test_ray_batch_killed_and_restarted_ends_with_one_row_per_input(tmp_path):
    n = 16  # enough that the kill lands half-way even on a fast machine
    feed, out = _feed(tmp_path, n), tmp_path / "out.jsonl"
    proc = _batch(feed, out)
    deadline = time.monotonic() + 240
    while len(_rows(out)) < 3:  # killed half-way: after some rows, before all
        assert proc.poll() is None, proc.stdout.read().decode(errors="replace")[-2000:]
        assert time.monotonic() < deadline, "no rows within 240 s"
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)  # the driver and the Ray processes it started
    proc.wait(30)
    first = len(_rows(out))
    assert 3 <= first < n
    proc = _batch(feed, out)
    output = proc.communicate(timeout=300)[0].decode(errors="replace")
    assert proc.returncode == 0, output[-2000:]
    ids = [r["id"] for r in _rows(out)]
    assert sorted(ids) == sorted(f"d{i}" for i in range(n)), output[-2000:]  # each input exactly once
    assert all(r["status"] == "ok" for r in _rows(out))
