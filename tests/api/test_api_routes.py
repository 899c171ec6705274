"""Every route answers in shape (test-double engine; the real pipeline is in test_api_pipeline)."""

from __future__ import annotations

import sys
import types

import pytest
from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from fastapi.testclient import TestClient

from pressbrief.service.api import create_app
from pressbrief.service.api.examples import EXCERPT, SENTENCE
from pressbrief.service.api.testing import FakeEngine, running_client, wait_for


@pytest.fixture
def engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def client(engine: FakeEngine):
    with running_client(engine) as c:
        yield c


def test_healthz(client: TestClient) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200 and r.json() == {"status": "ok"}


def test_readyz_follows_model_loading() -> None:
    engine = FakeEngine()
    engine.load_gate.clear()
    with running_client(engine, ready=False) as c:
        r = c.get("/readyz")
        assert r.status_code == 503
        assert r.json()["error"]["code"] == "model_loading"
        # generation waits for the model; extraction does not need it
        r = c.post("/v1/briefs", json={"text": SENTENCE})
        assert r.status_code == 503 and int(r.headers["Retry-After"]) >= 1
        assert c.post("/v1/extract", json={"text": SENTENCE}).status_code == 200
        engine.load_gate.set()
        assert wait_for(lambda: c.get("/readyz").status_code == 200)
        assert c.get("/readyz").json()["model"] == "fake-model"


def test_readyz_reports_failed_load() -> None:
    engine = FakeEngine(load_error=RuntimeError("weights corrupt"))
    with running_client(engine, ready=False) as c:
        assert wait_for(lambda: c.get("/readyz").json()["error"]["code"] == "model_unavailable")
        r = c.get("/readyz")
        assert r.status_code == 503 and "weights corrupt" in r.json()["error"]["message"]
        r = c.post("/v1/briefs", json={"text": SENTENCE})
        assert r.status_code == 503 and r.json()["error"]["code"] == "model_unavailable"


def test_briefs(client: TestClient) -> None:
    r = client.post("/v1/briefs", json={"text": EXCERPT, "langs": ["en", "zh"], "max_highlights": 3})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["brief_en"] == "Brief." and body["brief_zh"] == "简报" and body["brief_zh_hant"] is None
    assert set(body) >= {"highlights", "guard", "coverage", "timing", "model"}


def test_briefs_defaults_all_langs(client: TestClient) -> None:
    body = client.post("/v1/briefs", json={"text": SENTENCE}).json()
    assert body["brief_zh"] and body["brief_zh_hant"] and body["brief_en"]


def test_briefs_model_must_be_the_served_one(client: TestClient) -> None:
    assert client.post("/v1/briefs", json={"text": SENTENCE, "model": "fake-model"}).status_code == 200
    r = client.post("/v1/briefs", json={"text": SENTENCE, "model": "other-model"})
    assert r.status_code == 422
    assert r.json()["error"]["message"].startswith("model:")


def test_translate(client: TestClient) -> None:
    r = client.post("/v1/translate", json={"text": EXCERPT})
    assert r.status_code == 200
    body = r.json()
    assert isinstance(body["translation"], str)
    assert body["sentences"] and set(body["sentences"][0]) >= {"source", "target", "guard"}


def test_extract(client: TestClient, engine: FakeEngine) -> None:
    r = client.post("/v1/extract", json={"text": SENTENCE})
    assert r.status_code == 200
    assert "metrics" in r.json() and "sections" in r.json()
    assert "summarize" not in engine.calls


def test_evaluate(client: TestClient) -> None:
    r = client.post("/v1/evaluate", json={"text": SENTENCE, "summary_en": "40 firms, RMB 99 billion"})
    assert r.status_code == 200
    assert r.json() == {"ok": False, "unsupported": ["99"]}


def test_evaluate_needs_a_summary(client: TestClient) -> None:
    r = client.post("/v1/evaluate", json={"text": SENTENCE})
    assert r.status_code == 422
    assert "summary_en" in r.json()["error"]["message"]


def test_metrics_counts_requests_tokens_guard_and_queue(client: TestClient) -> None:
    client.post("/v1/briefs", json={"text": SENTENCE})
    client.post("/v1/briefs", json={"text": "no chinese"})
    text = client.get("/metrics").text
    assert 'pressbrief_http_requests_total{method="POST",route="/v1/briefs",status="200"} 1.0' in text
    assert 'pressbrief_http_requests_total{method="POST",route="/v1/briefs",status="422"} 1.0' in text
    assert 'pressbrief_http_request_duration_seconds_bucket{le="+Inf",route="/v1/briefs"} 2.0' in text
    assert 'pressbrief_tokens_generated_total{kind="briefs"} 3.0' in text
    assert 'pressbrief_guard_actions_total{action="repaired"} 1.0' in text
    assert "pressbrief_queue_depth 0.0" in text
    assert "process_resident_memory_bytes " in text
    assert client.get("/metrics").headers["content-type"].startswith("text/plain")


def test_openapi_documents_routes_with_reference_examples(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in (
        "/v1/briefs",
        "/v1/translate",
        "/v1/extract",
        "/v1/evaluate",
        "/healthz",
        "/readyz",
        "/metrics",
    ):
        assert path in spec["paths"], path
    schemas = spec["components"]["schemas"]
    assert "10430" in str(schemas["BriefRequest"]["examples"])
    assert "12.62亿元" in str(schemas["TranslateRequest"]["examples"])
    assert "RMB 1.262 billion" in str(schemas["BriefResponse"]["examples"])
    # each sentence with the release's characters it rests on (issue 24), documented with its parts
    assert "sentences" in schemas["BriefResponse"]["properties"] and "zh_path" in schemas["BriefRequest"]["properties"]
    assert {"text", "sources", "actor", "figures", "checks"} <= set(schemas["BriefSentenceOut"]["properties"])
    example = schemas["BriefResponse"]["examples"][0]
    request_text = schemas["BriefRequest"]["examples"][0]["text"]
    assert " ".join(s["text"] for s in example["sentences"]["en"]) == example["brief_en"]
    for s in example["sentences"]["en"]:
        assert all(request_text[f["start"]:f["end"]] == f["source"] for f in s["figures"])
    assert "413" in spec["paths"]["/v1/briefs"]["post"]["responses"]


def test_web_page_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 7 plugs a page in by defining pressbrief.service.web.router."""
    router = APIRouter()

    @router.get("/", response_class=HTMLResponse)
    def page() -> str:
        return "<h1>pressbrief</h1>"

    module = types.ModuleType("pressbrief.service.web")
    module.router = router
    monkeypatch.setitem(sys.modules, "pressbrief.service.web", module)
    with TestClient(create_app(engine=FakeEngine())) as c:
        r = c.get("/")
        assert r.status_code == 200 and "pressbrief" in r.text


def test_metrics_labels_stay_bounded(client: TestClient) -> None:
    """Unknown paths and odd methods must not mint new label values (scrape size stays bounded)."""
    for i in range(5):
        client.get(f"/random/path/{i}")
        client.request(f"FOO{i}", "/v1/briefs")
    text = client.get("/metrics").text
    assert "/random/path" not in text and "FOO" not in text
    assert 'pressbrief_http_requests_total{method="GET",route="unmatched",status="404"} 5' in text
    assert 'method="OTHER"' in text
