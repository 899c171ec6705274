"""An oversized body gets its 413 JSON with every common client, Python's urllib included (it writes the
whole body before it reads, and got a connection reset when the server closed with unread data)."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request

import httpx
import pytest

from pressbrief.service.api.testing import FakeEngine

LIMIT = 20_000


@pytest.fixture(scope="module")
def server():
    import uvicorn

    from pressbrief.service.api import create_app
    from pressbrief.service.settings import get_settings

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    mp = pytest.MonkeyPatch()
    mp.setenv("PRESSBRIEF_MAX_BODY_BYTES", str(LIMIT))
    srv = uvicorn.Server(uvicorn.Config(create_app(get_settings(), engine=FakeEngine()), host="127.0.0.1",
                                        port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    mp.undo()


@pytest.mark.parametrize("size", [LIMIT + 1, 2_000_000])
def test_urllib_gets_the_413_json(server, size):
    body = json.dumps({"text": "新" * size}).encode()
    req = urllib.request.Request(server + "/v1/extract", data=body, headers={"Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=30)
    assert err.value.code == 413
    assert json.loads(err.value.read())["error"]["code"] == "input_too_large"


def test_chunked_body_without_length_gets_the_413_json(server):
    def chunks():
        for _ in range(50):
            yield ("新" * 1000).encode()

    r = httpx.post(server + "/v1/extract", content=chunks(), headers={"Content-Type": "application/json"},
                   timeout=30)
    assert r.status_code == 413 and r.json()["error"]["code"] == "input_too_large"


def test_httpx_gets_the_413_json(server):
    r = httpx.post(server + "/v1/extract", json={"text": "新" * LIMIT}, timeout=30)
    assert r.status_code == 413 and r.json()["error"]["code"] == "input_too_large"
