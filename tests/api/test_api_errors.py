"""Bad input gets a 4xx in the one error shape {"error": {"code", "message"}}, naming what is wrong."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from pressbrief.service.api.examples import SENTENCE
from pressbrief.service.api.testing import FakeEngine, running_client


@pytest.fixture(scope="module")
def client():
    with running_client(FakeEngine()) as c:
        yield c


def _error(r, status: int, code: str) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert r.headers.get("X-Request-ID")
    return body["error"]["message"]


ROUTES = ["/v1/briefs", "/v1/translate", "/v1/extract", "/v1/evaluate"]


def _body(route: str, text: str) -> dict:
    return {"text": text, "summary_en": "a brief"} if route == "/v1/evaluate" else {"text": text}


@pytest.mark.parametrize("route", ROUTES)
def test_no_chinese_is_422(client: TestClient, route: str) -> None:
    msg = _error(
        client.post(route, json=_body(route, "Revenue rose 12% to $3 billion.")), 422, "no_chinese_text"
    )
    assert "no Chinese" in msg


@pytest.mark.parametrize("route", ROUTES)
def test_empty_text_is_422(client: TestClient, route: str) -> None:
    assert "empty" in _error(client.post(route, json=_body(route, "  \n")), 422, "invalid_input")


@pytest.mark.parametrize("route", ROUTES)
def test_missing_text_names_the_field(client: TestClient, route: str) -> None:
    msg = _error(client.post(route, json={}), 422, "invalid_request")
    assert msg.startswith("text:") and "required" in msg


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": 123}, "text"),
        ({"text": SENTENCE, "max_highlights": "5"}, "max_highlights"),
        ({"text": SENTENCE, "max_highlights": 2.5}, "max_highlights"),
        ({"text": SENTENCE, "langs": "en"}, "langs"),
        ({"text": SENTENCE, "langs": ["fr"]}, "langs.0"),
        ({"text": SENTENCE, "langs": []}, "langs"),
        ({"text": SENTENCE, "traditional_variant": "t2s"}, "traditional_variant"),
        ({"text": SENTENCE, "en_path": "literal"}, "en_path"),
        ({"text": SENTENCE, "model": 7}, "model"),
        ({"text": SENTENCE, "max_highlight": 3}, "max_highlight"),
    ],
)
def test_wrong_types_name_the_field(client: TestClient, body: dict, field: str) -> None:
    msg = _error(client.post("/v1/briefs", json=body), 422, "invalid_request")
    assert msg.startswith(field + ":"), msg


def test_evaluate_summary_types(client: TestClient) -> None:
    msg = _error(
        client.post("/v1/evaluate", json={"text": SENTENCE, "summary_en": ["a"]}), 422, "invalid_request"
    )
    assert msg.startswith("summary_en:")


def test_malformed_json(client: TestClient) -> None:
    r = client.post(
        "/v1/briefs", content='{"text": "数'.encode(), headers={"content-type": "application/json"}
    )
    assert "not valid JSON" in _error(r, 422, "invalid_request")


def test_body_not_utf8(client: TestClient) -> None:
    r = client.post(
        "/v1/extract", content=b'{"text": "\xb9\xfa"}', headers={"content-type": "application/json"}
    )
    _error(r, 422, "invalid_request")


@pytest.mark.parametrize(
    ("payload", "got"),
    [(b"[1, 2]", "an array"), (b'"text"', "a string"), (b"null", "null"), (b"42", "a number")],
)
def test_body_must_be_an_object(client: TestClient, payload: bytes, got: str) -> None:
    r = client.post("/v1/extract", content=payload, headers={"content-type": "application/json"})
    msg = _error(r, 422, "invalid_request")
    assert "JSON object" in msg and msg.endswith("got " + got)


def test_lone_surrogate_is_422(client: TestClient) -> None:
    r = client.post(
        "/v1/extract", content=b'{"text": "\\u6570\\ud800"}', headers={"content-type": "application/json"}
    )
    assert "surrogate" in _error(r, 422, "invalid_request")


def test_body_must_be_json(client: TestClient) -> None:
    r = client.post("/v1/extract", content="text=数字".encode(), headers={"content-type": "text/plain"})
    assert "application/json" in _error(r, 422, "invalid_request")
    assert "missing" in _error(client.post("/v1/extract"), 422, "invalid_request")


def test_unknown_route_and_method(client: TestClient) -> None:
    _error(client.get("/v1/nothing"), 404, "not_found")
    _error(client.get("/v1/briefs"), 405, "method_not_allowed")


def test_unexpected_engine_failure_is_a_500_in_shape() -> None:
    class Broken(FakeEngine):
        def extract(self, text: str) -> dict:
            raise RuntimeError("boom with secret internals")

    with running_client(Broken()) as c:
        r = c.post("/v1/extract", json={"text": SENTENCE})
        msg = _error(r, 500, "internal_error")
        assert "boom" not in msg and r.headers["X-Request-ID"] in msg


def test_engine_generation_failure_is_a_500_in_shape() -> None:
    class Broken(FakeEngine):
        def summarize(self, args, cancel) -> dict:
            raise ValueError("tensor mismatch")

    with running_client(Broken()) as c:
        _error(c.post("/v1/briefs", json={"text": SENTENCE}), 500, "internal_error")
        assert c.app.state.service.generation.wait_idle(1)
        assert c.get("/healthz").status_code == 200
