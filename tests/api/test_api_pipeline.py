"""The REST service over the real engine: the pipeline with the tiny model, the numeric core, the harness."""

from __future__ import annotations

import importlib.util
import time

import pytest
from fastapi.testclient import TestClient

from pressbrief.service.api import create_app
from pressbrief.service.api.engine import PipelineEngine
from pressbrief.service.api.examples import EXCERPT, SENTENCE
from pressbrief.service.api.testing import wait_ready
from pressbrief.service.settings import get_settings

TINY = "tiny-qwen2"


def _has(module: str, attr: str | None = None) -> bool:
    try:
        if importlib.util.find_spec(module) is None:
            return False
    except ModuleNotFoundError:
        return False
    if attr is None:
        return True
    return hasattr(importlib.import_module(module), attr)


needs_pipeline = pytest.mark.skipif(
    not _has("pressbrief.service.pipeline"), reason="pressbrief.service.pipeline does not exist yet"
)
needs_harness = pytest.mark.skipif(
    not _has("pressbrief.eval", "check_brief"), reason="pressbrief.eval.check_brief does not exist yet"
)


def _client(model: str = TINY) -> TestClient:
    settings = get_settings().with_changes(default_model=model, request_timeout_s=120.0)
    return TestClient(create_app(settings, PipelineEngine(model)), raise_server_exceptions=False)


@pytest.fixture(scope="module", autouse=True)
def short_generations():
    """Random-weight tiny models never stop early: keep their outputs short so the suite stays fast."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PRESSBRIEF_MAX_NEW_TOKENS", "8")
        mp.setenv("PRESSBRIEF_MAX_CANDIDATES", "1")
        mp.setenv("PRESSBRIEF_TRANSLATE_CANDIDATES", "1")
        yield


@pytest.fixture(scope="module")
def real_client():
    if not _has("pressbrief.service.pipeline"):
        pytest.skip("pressbrief.service.pipeline does not exist yet")
    with _client() as c:
        wait_ready(c, timeout=300)
        yield c


@pytest.fixture(scope="module")
def cpu_client():
    """Extraction and evaluation need no model: the app serves them while the model loads or fails."""
    with _client() as c:
        yield c


def test_extract_with_the_numeric_core(cpu_client: TestClient) -> None:
    r = cpu_client.post("/v1/extract", json={"text": EXCERPT})
    assert r.status_code == 200, r.text
    body = r.json()
    assert {"sections", "metrics"} <= set(body)
    texts = [m["text"] for m in body["metrics"]]
    assert "12.62亿元" in texts and "10430件" in texts
    money = next(m for m in body["metrics"] if m["text"] == "12.62亿元")
    assert money["rendered_en"] == "RMB 1.262 billion"
    assert EXCERPT[money["start"] : money["end"]] == "12.62亿元"


@needs_harness
def test_evaluate_with_the_harness(cpu_client: TestClient) -> None:
    good = cpu_client.post(
        "/v1/evaluate", json={"text": SENTENCE, "summary_en": "Pledge financing hit RMB 1.262 billion."}
    )
    bad = cpu_client.post(
        "/v1/evaluate", json={"text": SENTENCE, "summary_en": "Pledge financing hit RMB 9.9 billion."}
    )
    assert good.status_code == 200 and bad.status_code == 200
    assert good.json()["precision"] == 1.0 and bad.json()["precision"] < 1.0
    assert bad.json()["numbers"][0]["verdict"] != "supported"


@needs_pipeline
def test_readyz_with_tiny_model(real_client: TestClient) -> None:
    r = real_client.get("/readyz")
    assert r.status_code == 200 and r.json()["model"] == TINY


@needs_pipeline
def test_briefs_with_tiny_model(real_client: TestClient) -> None:
    r = real_client.post("/v1/briefs", json={"text": SENTENCE, "langs": ["en"], "max_highlights": 3})
    assert r.status_code == 200, r.text
    body = r.json()
    assert {"brief_zh", "brief_zh_hant", "brief_en", "highlights", "guard", "coverage", "timing", "model"} <= set(body)
    assert body["brief_zh"] is None and body["brief_zh_hant"] is None and isinstance(body["brief_en"], str)
    assert body["model"] == TINY
    assert len(body["highlights"]) <= 3
    metrics = real_client.get("/metrics").text
    assert 'pressbrief_http_requests_total{method="POST",route="/v1/briefs",status="200"}' in metrics


@needs_pipeline
def test_translate_with_tiny_model(real_client: TestClient) -> None:
    r = real_client.post("/v1/translate", json={"text": "今年知识产权质押融资12.62亿元。"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert isinstance(body["translation"], str)
    assert body["sentences"] and {"source", "target", "guard"} <= set(body["sentences"][0])


@needs_pipeline
def test_timeout_stops_real_generation(real_client: TestClient) -> None:
    """A timeout hit mid-generation answers 504, the pipeline stops at its next token, the worker is free."""
    svc = real_client.app.state.service
    svc.settings = svc.settings.with_changes(request_timeout_s=0.05)
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("PRESSBRIEF_MAX_NEW_TOKENS", "2000")  # would run for minutes if not stopped
            r = real_client.post("/v1/briefs", json={"text": EXCERPT, "langs": ["en"]})
            assert r.status_code == 504 and r.json()["error"]["code"] == "timeout"
            t0 = time.monotonic()
            assert svc.generation.wait_idle(60)
            stopped_after = time.monotonic() - t0
    finally:
        svc.settings = svc.settings.with_changes(request_timeout_s=120.0)
    assert stopped_after < 30, f"generation kept running {stopped_after:.1f} s after the timeout"
    assert 'pressbrief_generation_cancelled_total{reason="timeout"} 1' in real_client.get("/metrics").text
