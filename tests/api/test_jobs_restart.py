"""A job survives its server: SIGKILL mid-generation, restart, and the job ends done exactly once."""

from __future__ import annotations

import signal
import socket
import time

import httpx

from pressbrief.service.api.testing import serve_process, wait_healthy


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_job_killed_mid_generation_is_requeued_and_ends_done_once(sample_text, tmp_path):
    env = {"PRESSBRIEF_JOBS_DB": str(tmp_path / "jobs.sqlite3"), "PRESSBRIEF_JOB_STALE_S": "2",
           # every chunk of the reference release, small chunks: a job long enough to be killed in
           "PRESSBRIEF_PROMPT_TOKENS": "0", "PRESSBRIEF_CHUNK_TOKENS": "700", "PRESSBRIEF_MAX_CANDIDATES": "3"}
    port = _port()
    base = f"http://127.0.0.1:{port}"
    log = str(tmp_path / "serve.log")
    proc = serve_process(port, env=env, log_path=log)
    try:
        wait_healthy(base, proc)
        r = httpx.post(base + "/v1/jobs", json={"kind": "brief", "text": sample_text}, timeout=10)
        assert r.status_code == 202, r.text
        job_id = r.json()["id"]
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # until the model is writing
            job = httpx.get(f"{base}/v1/jobs/{job_id}", timeout=5).json()
            if job["state"] == "running" and job["progress"].get("tokens", 0) > 0:
                break
            assert job["state"] in ("queued", "running"), job
            time.sleep(0.05)
        else:
            raise AssertionError(f"the job never started writing: {job}")
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)  # the old server is gone; a new one on the same file takes over
        port = _port()
        base = f"http://127.0.0.1:{port}"
        proc = serve_process(port, env=env, log_path=log)
        wait_healthy(base, proc)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            job = httpx.get(f"{base}/v1/jobs/{job_id}", timeout=5).json()
            if job["state"] not in ("queued", "running"):
                break
            time.sleep(0.2)
        assert job["state"] == "done", job
        assert job["attempts"] == 2  # the killed run and the one after the restart
        result = job["result"]
        assert result["brief_zh"] and result["brief_en"] and result["brief_zh_hant"] and result["highlights"]
        listed = httpx.get(f"{base}/v1/jobs", timeout=5).json()["jobs"]
        assert [j["id"] for j in listed] == [job_id]  # one job, not a second copy
        with httpx.stream("GET", f"{base}/v1/jobs/{job_id}/events", timeout=10) as s:
            kinds = [line.removeprefix("event: ") for line in s.iter_lines() if line.startswith("event:")]
        assert kinds.count("done") == 1 and "requeued" in kinds and kinds.count("running") == 2
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(20)
            except Exception:  # noqa: BLE001
                proc.kill()
