"""Each limit is a named setting with an environment variable, and each has its test here."""

from __future__ import annotations

import json
import threading
import time

import pytest
from fastapi.testclient import TestClient

from pressbrief.service.api.examples import SENTENCE
from pressbrief.service.api.testing import FakeEngine, running_client, wait_for
from pressbrief.service.settings import get_settings


def _svc(client: TestClient):
    return client.app.state.service


def _post_in_thread(client: TestClient, path: str, body: dict, out: list) -> threading.Thread:
    t = threading.Thread(target=lambda: out.append(client.post(path, json=body)), daemon=True)
    t.start()
    return t


# --- PRESSBRIEF_MAX_INPUT_CHARS --------------------------------------------------------------
@pytest.mark.parametrize("route", ["/v1/briefs", "/v1/translate", "/v1/extract", "/v1/evaluate"])
def test_max_input_chars(monkeypatch: pytest.MonkeyPatch, route: str) -> None:
    monkeypatch.setenv("PRESSBRIEF_MAX_INPUT_CHARS", "40")
    body = {"text": "数" * 41, "summary_en": "x"}
    if route != "/v1/evaluate":
        body.pop("summary_en")
    with running_client(FakeEngine()) as c:
        r = c.post(route, json=body)
        assert r.status_code == 413
        err = r.json()["error"]
        assert err["code"] == "input_too_large"
        assert "limit of 40" in err["message"] and "PRESSBRIEF_MAX_INPUT_CHARS" in err["message"]
        body["text"] = "数" * 40
        assert c.post(route, json=body).status_code == 200


def test_max_input_chars_applies_to_summaries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSBRIEF_MAX_INPUT_CHARS", "40")
    with running_client(FakeEngine()) as c:
        r = c.post("/v1/evaluate", json={"text": "数字", "summary_zh": "数" * 41})
        assert r.status_code == 413 and "summary_zh" in r.json()["error"]["message"]


# --- PRESSBRIEF_MAX_BODY_BYTES ---------------------------------------------------------------
def test_max_body_bytes_declared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSBRIEF_MAX_BODY_BYTES", "1000")
    engine = FakeEngine()
    with running_client(engine) as c:
        r = c.post("/v1/extract", json={"text": "数" * 400})  # 1,200+ bytes of UTF-8
        assert r.status_code == 413
        err = r.json()["error"]
        assert err["code"] == "input_too_large" and "1,000 bytes" in err["message"]
        assert "PRESSBRIEF_MAX_BODY_BYTES" in err["message"]
        assert "extract" not in engine.calls


def test_max_body_bytes_streamed_without_length(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSBRIEF_MAX_BODY_BYTES", "1000")
    payload = json.dumps({"text": "数" * 400}, ensure_ascii=False).encode()

    def chunks():
        for i in range(0, len(payload), 100):
            yield payload[i : i + 100]

    with running_client(FakeEngine()) as c:
        r = c.post("/v1/extract", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413 and r.json()["error"]["code"] == "input_too_large"


def test_max_body_bytes_default_is_derived_from_max_input_chars(monkeypatch: pytest.MonkeyPatch) -> None:
    from pressbrief.service.api.service import body_limit

    monkeypatch.setenv("PRESSBRIEF_MAX_INPUT_CHARS", "1000")
    assert body_limit(get_settings()) == 18 * 1000 + 65_536
    monkeypatch.setenv("PRESSBRIEF_MAX_BODY_BYTES", "5")
    assert body_limit(get_settings()) == 5


# --- PRESSBRIEF_MAX_HIGHLIGHTS ---------------------------------------------------------------
def test_max_highlights(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSBRIEF_MAX_HIGHLIGHTS", "5")
    with running_client(FakeEngine()) as c:
        r = c.post("/v1/briefs", json={"text": SENTENCE, "max_highlights": 6})
        assert r.status_code == 422
        msg = r.json()["error"]["message"]
        assert "max_highlights" in msg and "limit of 5" in msg and "PRESSBRIEF_MAX_HIGHLIGHTS" in msg
        assert c.post("/v1/briefs", json={"text": SENTENCE, "max_highlights": 5}).status_code == 200
        r = c.post("/v1/briefs", json={"text": SENTENCE, "max_highlights": -1})
        assert r.status_code == 422 and "max_highlights" in r.json()["error"]["message"]


# --- PRESSBRIEF_REQUEST_TIMEOUT_S ------------------------------------------------------------
@pytest.mark.parametrize("route", ["/v1/briefs", "/v1/translate"])
def test_request_timeout_stops_generation_and_frees_the_slot(
    monkeypatch: pytest.MonkeyPatch, route: str
) -> None:
    monkeypatch.setenv("PRESSBRIEF_REQUEST_TIMEOUT_S", "0.3")
    monkeypatch.setenv("PRESSBRIEF_MAX_QUEUE", "1")
    engine = FakeEngine()
    engine.gate.clear()  # generation would run forever
    with running_client(engine) as c:
        t0 = time.monotonic()
        r = c.post(route, json={"text": SENTENCE})
        elapsed = time.monotonic() - t0
        assert r.status_code == 504
        err = r.json()["error"]
        assert err["code"] == "timeout" and "PRESSBRIEF_REQUEST_TIMEOUT_S" in err["message"]
        assert 0.25 <= elapsed < 15  # answered at the 0.3 s limit, although generation never ends
        # the generation really stopped (the engine saw cancel) and the worker is free again
        assert wait_for(lambda: engine.cancelled == [SENTENCE], timeout=10)
        assert _svc(c).generation.wait_idle(10)
        engine.gate.set()
        assert c.post(route, json={"text": SENTENCE}).status_code == 200
        assert 'pressbrief_generation_cancelled_total{reason="timeout"} 1' in c.get("/metrics").text


def test_request_timeout_while_queued_leaves_the_queue(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSBRIEF_REQUEST_TIMEOUT_S", "0.5")
    monkeypatch.setenv("PRESSBRIEF_MAX_QUEUE", "1")
    engine = FakeEngine(honor_cancel=False)  # the first request keeps the worker busy past its timeout
    engine.gate.clear()
    with running_client(engine) as c:
        svc = _svc(c)
        first: list = []
        t = _post_in_thread(c, "/v1/briefs", {"text": "第一" + SENTENCE}, first)
        assert engine.started.wait(2)
        r = c.post("/v1/briefs", json={"text": "第二" + SENTENCE})  # waits behind the first, times out
        assert r.status_code == 504
        assert svc.generation.waiting == 0  # its slot is free at once
        t.join(3)
        assert first[0].status_code == 504
        engine.gate.set()
        assert svc.generation.wait_idle(2)
        assert c.post("/v1/briefs", json={"text": SENTENCE}).status_code == 200
        assert engine.calls.count("summarize") == 2  # the second request never reached the engine


# --- PRESSBRIEF_MAX_QUEUE --------------------------------------------------------------------
def test_max_queue_503_with_retry_after(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSBRIEF_MAX_QUEUE", "1")
    engine = FakeEngine()
    engine.gate.clear()
    with running_client(engine) as c:
        svc = _svc(c)
        running: list = []
        waiting: list = []
        t1 = _post_in_thread(c, "/v1/briefs", {"text": SENTENCE}, running)
        assert engine.started.wait(2)
        t2 = _post_in_thread(c, "/v1/briefs", {"text": SENTENCE}, waiting)
        assert wait_for(lambda: svc.generation.waiting == 1)
        r = c.post("/v1/briefs", json={"text": SENTENCE})
        assert r.status_code == 503
        assert r.json()["error"]["code"] == "queue_full"
        assert "PRESSBRIEF_MAX_QUEUE" in r.json()["error"]["message"]
        assert int(r.headers["Retry-After"]) >= 1
        # translation shares the one model, so the same queue
        assert c.post("/v1/translate", json={"text": SENTENCE}).status_code == 503
        engine.gate.set()
        t1.join(5)
        t2.join(5)
        assert running[0].status_code == 200 and waiting[0].status_code == 200
        assert 'pressbrief_rejected_total{reason="queue_full"} 2' in c.get("/metrics").text


# --- PRESSBRIEF_MAX_BATCH --------------------------------------------------------------------
def test_max_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSBRIEF_MAX_BATCH", "2")
    monkeypatch.setenv("PRESSBRIEF_MAX_QUEUE", "8")
    engine = FakeEngine(max_batch=8)
    engine.gate.clear()
    with running_client(engine) as c:
        svc = _svc(c)
        results: list = []
        threads = [_post_in_thread(c, "/v1/briefs", {"text": SENTENCE}, results)]
        assert engine.started.wait(2)
        for _ in range(3):
            threads.append(_post_in_thread(c, "/v1/briefs", {"text": SENTENCE}, results))
        threads.append(_post_in_thread(c, "/v1/briefs", {"text": SENTENCE, "langs": ["en"]}, results))
        assert wait_for(lambda: svc.generation.waiting == 4)
        engine.gate.set()
        for t in threads:
            t.join(5)
        assert [r.status_code for r in results] == [200] * 5
        # 1 alone, then same-parameter requests at most 2 at a time; the en-only one never joins them
        assert engine.batches[0] == 1 and max(engine.batches) == 2 and sum(engine.batches) == 5


# --- PRESSBRIEF_CPU_WORKERS / PRESSBRIEF_MAX_CPU_QUEUE --------------------------------------
def test_cpu_queue(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSBRIEF_CPU_WORKERS", "1")
    monkeypatch.setenv("PRESSBRIEF_MAX_CPU_QUEUE", "1")
    engine = FakeEngine()
    engine.extract_gate.clear()
    with running_client(engine) as c:
        svc = _svc(c)
        held: list = []
        threads = [_post_in_thread(c, "/v1/extract", {"text": SENTENCE}, held) for _ in range(2)]
        assert wait_for(lambda: svc.cpu.pending == 2)
        r = c.post("/v1/evaluate", json={"text": SENTENCE, "summary_en": "40"})
        assert r.status_code == 503 and r.json()["error"]["code"] == "queue_full"
        assert "PRESSBRIEF_CPU_WORKERS" in r.json()["error"]["message"] and "Retry-After" in r.headers
        engine.extract_gate.set()
        for t in threads:
            t.join(5)
        assert [r.status_code for r in held] == [200, 200]
        assert wait_for(lambda: svc.cpu.pending == 0)
