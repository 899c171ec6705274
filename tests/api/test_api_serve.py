"""`pressbrief serve` as a real subprocess on a free loopback port, spoken to over HTTP."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from pressbrief.service.api.examples import SENTENCE


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pressbrief_command() -> list[str]:
    script = shutil.which("pressbrief", path=str(Path(sys.executable).parent)) or shutil.which("pressbrief")
    return [script] if script else [sys.executable, "-m", "pressbrief.service.cli"]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    env = dict(os.environ, PRESSBRIEF_MAX_INPUT_CHARS="5000")
    proc = subprocess.Popen(
        [*pressbrief_command(), "serve", "--host", "127.0.0.1", "--port", str(port), "--model", "tiny-qwen2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            pytest.fail(f"pressbrief serve exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("pressbrief serve did not answer /healthz within 60 s")
        time.sleep(0.1)
    yield base, proc
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_serve_subprocess_over_http(server) -> None:
    base, proc = server
    with httpx.Client(base_url=base, timeout=60) as http:
        assert http.get("/healthz").json() == {"status": "ok"}
        r = http.post("/v1/extract", json={"text": SENTENCE}, headers={"X-Request-ID": "serve-test-1"})
        assert r.status_code == 200 and r.headers["X-Request-ID"] == "serve-test-1"
        assert any(m["text"] == "12.62亿元" for m in r.json()["metrics"])
        # limits come from the environment of the server process
        r = http.post("/v1/extract", json={"text": "数" * 5001})
        assert r.status_code == 413 and "5,000" in r.json()["error"]["message"]
        r = http.post("/v1/briefs", content=b"{", headers={"content-type": "application/json"})
        assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request"
        r = http.post("/v1/evaluate", json={"text": SENTENCE, "summary_en": "Pledge financing hit RMB 9.9 billion."})
        assert r.status_code == 200 and r.json()["precision"] < 1
        # the model loads in the background; generation in-process is covered by test_api_pipeline
        ready = http.get("/readyz")
        assert ready.status_code == 200 or ready.json()["error"]["code"] == "model_loading", ready.text
        assert "pressbrief_http_requests_total" in http.get("/metrics").text
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode in (0, -signal.SIGTERM)  # uvicorn re-raises the signal after a clean shutdown
    lines = [json.loads(line) for line in err.decode().splitlines() if line.startswith("{")]
    access = [e for e in lines if e.get("msg") == "request" and e.get("request_id") == "serve-test-1"]
    assert access and access[0]["status"] == 200 and access[0]["route"] == "/v1/extract"
    assert not any("12.62亿元" in json.dumps(e, ensure_ascii=False) for e in lines)  # bodies never logged
    assert any("shutdown complete" in e.get("msg", "").lower() for e in lines)
