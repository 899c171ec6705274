"""Faults on purpose against the HTTP edge (issue 26): odd strings, odd headers, slow clients, the docs'
CSP. The test-double engine in process, and one real `pressbrief serve` (tiny model) on 127.0.0.1."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import select
import signal
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest

from pressbrief.service.api.examples import EXCERPT
from pressbrief.service.api.testing import FakeEngine, running_client, serve_process, wait_healthy

TEXT = json.dumps(EXCERPT)


def _post_raw(client, path: str, body: str):
    """A JSON body sent as written: escapes such as a lone \\ud800 reach the server unchanged."""
    return client.post(path, content=body.encode("ascii"), headers={"Content-Type": "application/json"})


@pytest.mark.parametrize("field", [
    '"model": "\\ud800"',
    '"model": "x\\udfffy"',
    '"callback_url": "http://127.0.0.1/\\ud800"',
    '"callback_url": "http://127.0.0.1/a\\u0000b"',
])
def test_a_lone_surrogate_or_control_character_in_any_string_is_a_422(monkeypatch, field):
    monkeypatch.setenv("PRESSBRIEF_CALLBACK_HOSTS", "127.0.0.1")
    with running_client(FakeEngine()) as c:
        r = _post_raw(c, "/v1/jobs", f'{{"kind": "brief", "text": {TEXT}, {field}}}')
        assert r.status_code == 422, r.text
        assert set(r.json()["error"]) == {"code", "message"}
        if "model" in field:
            r = _post_raw(c, "/v1/briefs", f'{{"text": {TEXT}, {field}}}')
            assert r.status_code == 422, r.text


@pytest.mark.parametrize("value", ["1" * 30, "9" * 5000, "abc", "-1"])
def test_a_last_event_id_that_is_no_event_number_is_a_422(value):
    with running_client(FakeEngine()) as c:
        job_id = c.post("/v1/jobs", json={"kind": "brief", "text": EXCERPT}).json()["id"]
        r = c.get(f"/v1/jobs/{job_id}/events", headers={"Last-Event-ID": value})
        assert r.status_code == 422 and "last-event-id" in r.json()["error"]["message"].lower(), r.text


def test_options_on_jobs_lists_get_and_post():
    with running_client(FakeEngine()) as c:
        r = c.options("/v1/jobs")
        assert r.status_code == 405
        assert {m.strip() for m in r.headers["Allow"].split(",")} >= {"GET", "POST"}
        assert r.json()["error"]["code"] == "method_not_allowed"
        assert {m.strip() for m in c.put("/v1/jobs/abc").headers["Allow"].split(",")} == {"GET", "DELETE"}


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_the_docs_pages_have_a_strict_csp(page):
    with running_client(FakeEngine()) as c:
        r = c.get(page)
        csp = r.headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp and "base-uri 'none'" in csp
        scripts = re.search(r"script-src ([^;]*)", csp).group(1).split()
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts and "*" not in scripts
        for inline in re.findall(r"<script>(.*?)</script>", r.text, re.S):  # each inline script, by its hash
            digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in scripts


# --- slow clients, against a real server -----------------------------------------------------------
@pytest.fixture(scope="module")
def live() -> Iterator[tuple[str, int]]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {"PRESSBRIEF_HEADER_TIMEOUT_S": "1", "PRESSBRIEF_BODY_TIMEOUT_S": "1"}
    proc = serve_process(port, env=env)
    try:
        wait_healthy(f"http://127.0.0.1:{port}", proc, path="/healthz")
        yield "127.0.0.1", port
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()


def _closed_within(sock: socket.socket, seconds: float, trickle: bytes = b"") -> float | None:
    """Seconds until the server closed the connection (None: still open), sending ``trickle`` every 0.2 s."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        try:
            if trickle:
                sock.send(trickle)
        except OSError:
            return time.monotonic() - start
        readable, _, _ = select.select([sock], [], [], 0.2)
        if readable:
            try:
                if sock.recv(65536) == b"":
                    return time.monotonic() - start
            except OSError:
                return time.monotonic() - start
    return None


def _answer(sock: socket.socket, seconds: float) -> bytes:
    sock.settimeout(seconds)
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    except TimeoutError:
        pass
    return data


def test_headers_sent_a_byte_at_a_time_do_not_hold_a_connection(live):
    with socket.create_connection(live) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n")
        closed = _closed_within(sock, 8, trickle=b"X")
    assert closed is not None and closed < 5, closed


def test_a_body_that_stalls_gets_a_408(live):
    with socket.create_connection(live) as sock:
        sock.sendall(b"POST /v1/extract HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 100\r\n\r\n{\"te")
        answer = _answer(sock, 8)
    assert answer.startswith(b"HTTP/1.1 408"), answer


def test_a_declared_body_that_never_comes_is_answered_413_promptly(live):
    with socket.create_connection(live) as sock:
        start = time.monotonic()
        sock.sendall(b"POST /v1/extract HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 5000000\r\n\r\n")
        answer = _answer(sock, 10)
    assert answer.startswith(b"HTTP/1.1 413") and time.monotonic() - start < 8, answer


def test_a_bad_timeout_setting_is_a_clear_error(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path / "serve.log"
    proc = serve_process(port, env={"PRESSBRIEF_BODY_TIMEOUT_S": "soon"}, log_path=str(log))
    assert proc.wait(60) != 0
    err = log.read_text()
    assert "PRESSBRIEF_BODY_TIMEOUT_S" in err and "Traceback" not in err, err
