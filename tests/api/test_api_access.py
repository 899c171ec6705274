"""API keys, CORS, request ids and structured logs that never hold a request body."""

from __future__ import annotations

import json
import logging

import pytest

from pressbrief.service.api import middleware
from pressbrief.service.api.examples import SENTENCE
from pressbrief.service.api.logs import JsonFormatter
from pressbrief.service.api.testing import FakeEngine, running_client

KEYS = "key-one-0123456789,key-two-abcdefghij"


# --- PRESSBRIEF_API_KEYS ---------------------------------------------------------------------
def test_no_keys_means_open(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRESSBRIEF_API_KEYS", raising=False)
    with running_client(FakeEngine()) as c:
        assert c.post("/v1/extract", json={"text": SENTENCE}).status_code == 200


@pytest.mark.parametrize(
    "header",
    [None, "Bearer wrong", "Bearer key-one", "Bearer ", "Basic key-one-0123456789", "key-one-0123456789"],
)
def test_api_keys_refuse_bad_credentials(monkeypatch: pytest.MonkeyPatch, header: str | None) -> None:
    monkeypatch.setenv("PRESSBRIEF_API_KEYS", KEYS)
    engine = FakeEngine()
    with running_client(engine) as c:
        headers = {"Authorization": header} if header is not None else {}
        for route in ("/v1/briefs", "/v1/translate", "/v1/extract", "/v1/evaluate"):
            r = c.post(route, json={"text": SENTENCE, "summary_en": "x"}, headers=headers)
            assert r.status_code == 401, route
            assert r.json()["error"]["code"] == "unauthorized"
            assert r.headers["WWW-Authenticate"] == "Bearer"
        assert engine.calls == []


def test_api_keys_accept_every_configured_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSBRIEF_API_KEYS", KEYS)
    with running_client(FakeEngine()) as c:
        for key in KEYS.split(","):
            for route, body in [("/v1/extract", {"text": SENTENCE}), ("/v1/briefs", {"text": SENTENCE})]:
                r = c.post(route, json=body, headers={"Authorization": f"bearer {key}"})
                assert r.status_code == 200
        # probes stay open for orchestrators
        for probe in ("/healthz", "/readyz", "/metrics"):
            assert c.get(probe).status_code == 200
        spec = c.get("/openapi.json").json()
        assert "HTTPBearer" in spec["components"]["securitySchemes"]


def test_api_keys_checked_before_the_body_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSBRIEF_API_KEYS", KEYS)
    monkeypatch.setenv("PRESSBRIEF_MAX_BODY_BYTES", "100")
    with running_client(FakeEngine()) as c:
        assert c.post("/v1/extract", content=b"{" * 500).status_code == 401


def test_api_keys_compared_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every key is compared with hmac.compare_digest on equal-length digests, with no early exit."""
    calls: list[tuple[int, int]] = []
    real = middleware.hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((len(a), len(b)))
        return real(a, b)

    monkeypatch.setattr(middleware.hmac, "compare_digest", spy)
    auth = middleware.AuthMiddleware(app=None, keys=("k1", "a-much-longer-key-2", "k3"))
    assert auth.allowed("Bearer k1")
    assert calls == [(32, 32)] * 3
    calls.clear()
    assert not auth.allowed("Bearer nope")
    assert calls == [(32, 32)] * 3


# --- PRESSBRIEF_CORS_ORIGINS -----------------------------------------------------------------
def test_cors_off_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRESSBRIEF_CORS_ORIGINS", raising=False)
    with running_client(FakeEngine()) as c:
        r = c.post("/v1/extract", json={"text": SENTENCE}, headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in r.headers
        preflight = c.options(
            "/v1/extract",
            headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"},
        )
        assert "access-control-allow-origin" not in preflight.headers


def test_cors_when_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSBRIEF_CORS_ORIGINS", "https://news.example, https://desk.example")
    monkeypatch.setenv("PRESSBRIEF_API_KEYS", KEYS)
    with running_client(FakeEngine()) as c:
        preflight = c.options(
            "/v1/briefs",
            headers={
                "Origin": "https://desk.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type",
            },
        )
        assert preflight.status_code == 200  # no key needed for the preflight itself
        assert preflight.headers["access-control-allow-origin"] == "https://desk.example"
        r = c.post("/v1/extract", json={"text": SENTENCE}, headers={"Origin": "https://news.example"})
        assert r.status_code == 401 and r.headers["access-control-allow-origin"] == "https://news.example"
        r = c.post("/v1/extract", json={"text": SENTENCE}, headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in r.headers


# --- request ids and logs --------------------------------------------------------------------
def test_request_id_header(monkeypatch: pytest.MonkeyPatch) -> None:
    with running_client(FakeEngine()) as c:
        minted = c.get("/healthz").headers["X-Request-ID"]
        assert len(minted) == 32
        assert c.get("/healthz").headers["X-Request-ID"] != minted
        assert (
            c.get("/healthz", headers={"X-Request-ID": "trace-42.a"}).headers["X-Request-ID"] == "trace-42.a"
        )
        odd = c.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"}).headers["X-Request-ID"]
        assert odd != "bad id\twith spaces" and len(odd) == 32
        assert c.post("/v1/extract", json={}).headers["X-Request-ID"]  # errors carry one too


def test_logs_are_json_with_request_id_and_never_the_body(caplog: pytest.LogCaptureFixture) -> None:
    secret = "机密段落" + SENTENCE
    caplog.set_level(logging.INFO, logger="pressbrief")
    with running_client(FakeEngine()) as c:
        ok = c.post("/v1/briefs", json={"text": secret}, headers={"X-Request-ID": "rid-ok"})
        bad = c.post(
            "/v1/briefs", json={"text": secret, "max_highlights": "x"}, headers={"X-Request-ID": "rid-bad"}
        )
        assert ok.status_code == 200 and bad.status_code == 422
    formatter = JsonFormatter()
    lines = [formatter.format(record) for record in caplog.records]
    assert lines
    for line in lines:
        assert "机密段落" not in line and "知识产权质押融资" not in line
    entries = [json.loads(line) for line in lines]
    access = {
        e["request_id"]: e
        for e in entries
        if e["msg"] == "request" and e.get("request_id", "").startswith("rid")
    }
    assert access["rid-ok"]["status"] == 200 and access["rid-ok"]["route"] == "/v1/briefs"
    assert access["rid-bad"]["status"] == 422
    assert access["rid-ok"]["body_bytes"] > 0 and "duration_ms" in access["rid-ok"]
    generation = [e for e in entries if e["msg"] == "generation"]
    assert generation and generation[0]["request_id"] == "rid-ok"
