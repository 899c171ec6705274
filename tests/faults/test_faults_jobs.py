"""Faults on purpose against durable jobs (issue 26): a callback that cannot be sent, a full disk mid-job,
a worker that dies, a damaged or unwritable job store, dedup across clients, callback ports and
redirects. The test-double engine; every connection goes to 127.0.0.1 only."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from pressbrief.service.api.examples import EXCERPT, SENTENCE
from pressbrief.service.api.testing import FakeEngine, running_client, serve_process, wait_for
from pressbrief.service.jobs import callbacks as callbacks_module
from pressbrief.service.jobs.store import JobStore


def _state(client, job_id: str, states: tuple[str, ...], timeout: float = 10.0) -> dict:
    deadline = time.monotonic() + timeout
    job: dict = {}
    while time.monotonic() < deadline:
        job = client.get(f"/v1/jobs/{job_id}").json()
        if job.get("state") in states:
            return job
        time.sleep(0.02)
    raise AssertionError(f"job {job_id} not in {states}: {job}")


def _callback_sent(client, job_id: str) -> bool:
    return client.get(f"/v1/jobs/{job_id}").json()["callback"]["state"] not in ("pending", "sending")


@contextmanager
def hook_server(status: int = 204, headers: dict[str, str] | None = None) -> Iterator[tuple[HTTPServer, list]]:
    """A callback receiver on 127.0.0.1 answering every POST with ``status``; yields (server, bodies)."""
    got: list[dict] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            got.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server, got
    finally:
        server.shutdown()
        server.server_close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- severe 1: one job stops all jobs ---------------------------------------------------------------
@pytest.mark.parametrize("bad", ["\t", "\r", "\n", "\x00", " "])
def test_a_callback_url_with_a_control_character_is_refused_at_the_edge(monkeypatch, bad):
    monkeypatch.setenv("PRESSBRIEF_CALLBACK_HOSTS", "127.0.0.1")
    with running_client(FakeEngine()) as c:
        r = c.post("/v1/jobs", json={"kind": "brief", "text": EXCERPT, "callback_url": f"http://127.0.0.1/a{bad}b"})
        assert r.status_code == 422, r.text
        assert r.json()["error"]["code"] == "invalid_input" and "control characters" in r.json()["error"]["message"]


def test_a_callback_that_cannot_be_sent_is_recorded_and_later_jobs_still_run(monkeypatch):
    def broken_post(*_args, **_kwargs):
        raise ValueError("Invalid non-printable ASCII character in URL")  # what httpx raises for a tab

    with hook_server() as (server, _got):
        monkeypatch.setenv("PRESSBRIEF_CALLBACK_HOSTS", f"127.0.0.1:{server.server_port}")
        monkeypatch.setattr(callbacks_module.httpx, "post", broken_post)
        with running_client(FakeEngine()) as c:
            url = f"http://127.0.0.1:{server.server_port}/hook"
            first = c.post("/v1/jobs", json={"kind": "brief", "text": EXCERPT, "callback_url": url}).json()["id"]
            assert wait_for(lambda: _callback_sent(c, first), 10)
            assert c.get(f"/v1/jobs/{first}").json()["callback"]["state"] == "failed: ValueError"
            second = c.post("/v1/jobs", json={"kind": "translate", "text": SENTENCE}).json()["id"]
            assert _state(c, second, ("done",))["result"]["translation"]
            assert c.get("/readyz").status_code == 200


class _BigResultEngine(FakeEngine):
    """A brief large enough that recording it needs new pages of the database."""

    def summarize(self, args, cancel, progress=None):
        return super().summarize(args, cancel, progress) | {"padding": "新" * 200_000}


def test_a_full_disk_mid_job_keeps_the_outcome_and_readyz_says_why(monkeypatch, tmp_path):
    db = tmp_path / "full.sqlite3"
    monkeypatch.setenv("PRESSBRIEF_JOBS_DB", str(db))
    full = threading.Event()
    finish = JobStore.finish

    def finish_on_a_full_disk(self, job_id, state, **kwargs):
        conn = self._db()  # the worker thread's own connection: the limit is SQLite's real SQLITE_FULL
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count={pages if full.is_set() else 1_000_000_000}")
        return finish(self, job_id, state, **kwargs)

    monkeypatch.setattr(JobStore, "finish", finish_on_a_full_disk)
    with running_client(_BigResultEngine()) as c:
        full.set()
        first = c.post("/v1/jobs", json={"kind": "brief", "text": EXCERPT}).json()["id"]
        assert wait_for(lambda: c.get("/readyz").status_code == 503, 10)
        ready = c.get("/readyz").json()["error"]
        assert ready["code"] == "job_store_unavailable" and str(db) in ready["message"], ready
        assert "full" in ready["message"]
        full.clear()  # space again: the kept outcome is written, and the worker goes on
        job = _state(c, first, ("done",))
        assert len(job["result"]["padding"]) == 200_000
        second = c.post("/v1/jobs", json={"kind": "translate", "text": SENTENCE}).json()["id"]
        _state(c, second, ("done",))
        assert c.get("/readyz").status_code == 200


class _Fatal(BaseException):
    """Something no `except Exception` catches (what a C extension or a SystemExit in a job looks like)."""


class _FatalEngine(FakeEngine):
    def summarize(self, args, cancel, progress=None):
        raise _Fatal("the runtime pulled the plug")


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")  # the worker dies on purpose
def test_a_dead_worker_turns_readyz_503_with_the_reason_and_its_job_is_failed():
    with running_client(_FatalEngine()) as c:
        job_id = c.post("/v1/jobs", json={"kind": "brief", "text": EXCERPT}).json()["id"]
        job = _state(c, job_id, ("failed",))
        assert "the runtime pulled the plug" in job["error"]["message"]
        assert wait_for(lambda: c.get("/readyz").status_code == 503, 5)
        error = c.get("/readyz").json()["error"]
        assert error["code"] == "job_worker_stopped" and "pressbrief-job-0" in error["message"]


# --- the job store: damaged, unwritable, garbage at start-up ------------------------------------------
def test_a_store_damaged_while_running_gives_503_naming_the_file(monkeypatch, tmp_path):
    db = tmp_path / "damaged.sqlite3"
    monkeypatch.setenv("PRESSBRIEF_JOBS_DB", str(db))
    with running_client(FakeEngine()) as c:
        job_id = c.post("/v1/jobs", json={"kind": "brief", "text": EXCERPT}).json()["id"]
        _state(c, job_id, ("done",))
        with sqlite3.connect(db) as raw:
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = db.stat().st_size
        with open(db, "r+b") as fh:  # every page after the header: garbage
            fh.seek(100)
            fh.write(b"\xa5" * (size - 100))
        for method, path in (("GET", "/v1/jobs"), ("GET", f"/v1/jobs/{job_id}"), ("POST", "/v1/jobs")):
            r = c.request(method, path, json={"kind": "brief", "text": SENTENCE} if method == "POST" else None)
            assert r.status_code == 503, (method, path, r.status_code, r.text)
            error = r.json()["error"]
            assert error["code"] == "job_store_unavailable" and str(db) in error["message"], error
        r = c.get("/readyz")
        assert r.status_code == 503 and r.json()["error"]["code"] == "job_store_unavailable"
        assert c.get("/metrics").status_code == 200 and c.get("/healthz").status_code == 200


def test_a_read_only_store_gives_503_and_readyz_says_so(monkeypatch, tmp_path):
    db = tmp_path / "ro.sqlite3"
    monkeypatch.setenv("PRESSBRIEF_JOBS_DB", str(db))
    connect = sqlite3.connect
    read_only = threading.Event()

    def connect_read_only(*args, **kwargs):
        conn = connect(*args, **kwargs)
        if read_only.is_set():  # as the file opened after a remount read-only (root ignores chmod)
            conn.execute("PRAGMA query_only=1")
        return conn

    monkeypatch.setattr("pressbrief.service.jobs.store.sqlite3.connect", connect_read_only)
    with running_client(FakeEngine()) as c:
        read_only.set()
        c.app.state.service.jobs.close()  # this thread's connection reopens, read-only
        r = c.post("/v1/jobs", json={"kind": "brief", "text": EXCERPT})
        assert r.status_code == 503 and r.json()["error"]["code"] == "job_store_unavailable", r.text
        assert str(db) in r.json()["error"]["message"] and "PRESSBRIEF_JOBS_DB" in r.json()["error"]["message"]


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_serve_on_a_damaged_store_says_which_file_and_setting_without_a_traceback(tmp_path, damage):
    db = tmp_path / "jobs.sqlite3"
    if damage == "garbage":
        db.write_bytes(b"not a database\n" * 400)
    else:
        store = JobStore(db)
        for i in range(200):
            store.submit("brief", {"text": f"{i}" * 3000})
        store.close()
        with sqlite3.connect(db) as raw:
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        data = db.read_bytes()
        db.write_bytes(data[: len(data) // 2])
    log = tmp_path / "serve.log"
    proc = serve_process(_free_port(), model=None, env={"PRESSBRIEF_JOBS_DB": str(db)}, log_path=str(log))
    try:
        code = proc.wait(60)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    err = log.read_text()
    assert code != 0 and "Traceback" not in err, err
    assert str(db) in err and "PRESSBRIEF_JOBS_DB" in err, err


# --- dedup and callbacks ------------------------------------------------------------------------------
def test_dedup_never_hands_one_clients_callback_to_another(monkeypatch):
    with hook_server() as (server, got):
        monkeypatch.setenv("PRESSBRIEF_CALLBACK_HOSTS", f"127.0.0.1:{server.server_port}")
        engine = FakeEngine()
        engine.gate.clear()
        with running_client(engine) as c:
            mine = f"http://127.0.0.1:{server.server_port}/hook?token=alice-secret"
            theirs = f"http://127.0.0.1:{server.server_port}/hook?token=bob-secret"
            a = c.post("/v1/jobs", json={"kind": "brief", "text": EXCERPT, "callback_url": mine})
            b = c.post("/v1/jobs", json={"kind": "brief", "text": EXCERPT, "callback_url": theirs})
            plain = c.post("/v1/jobs", json={"kind": "brief", "text": EXCERPT})
            assert a.status_code == 202 and b.status_code == 202 and b.json()["id"] != a.json()["id"]
            assert plain.json()["existing"] is True  # no callback: sharing the work gives nothing away
            engine.gate.set()
            for job_id in (a.json()["id"], b.json()["id"]):
                _state(c, job_id, ("done",))
            assert wait_for(lambda: len(got) == 2, 10)
            seen = " ".join(r.text for r in (a, b, plain, c.get("/v1/jobs"), c.get(f"/v1/jobs/{a.json()['id']}")))
        assert "secret" not in seen and f"127.0.0.1:{server.server_port}" in seen
        assert sorted(body["id"] for body in got) == sorted([a.json()["id"], b.json()["id"]])


def test_a_callback_may_call_only_the_port_its_host_entry_allows(monkeypatch):
    monkeypatch.setenv("PRESSBRIEF_CALLBACK_HOSTS", "127.0.0.1:8081,localhost")
    with running_client(FakeEngine()) as c:
        def status(url: str) -> int:
            return c.post("/v1/jobs", json={"kind": "translate", "text": SENTENCE, "callback_url": url}).status_code

        assert status("http://127.0.0.1:22/") == 422  # a port probe
        assert status("http://127.0.0.1:0/") == 422 and status("http://127.0.0.1:99999/") == 422
        assert status("http://localhost:6379/") == 422
        assert status("http://user:pw@127.0.0.1:8081/") == 422
        assert status("http://127.0.0.1:8081/hook") == 202
        assert status("http://localhost/hook") == 202
        pattern = c.get("/openapi.json").json()["components"]["schemas"]["TranslateJobRequest"]["properties"][
            "callback_url"]["anyOf"][0]["pattern"]
        assert ":8081" in pattern and ":22" not in pattern


def test_a_redirect_is_not_a_delivered_callback(monkeypatch):
    with hook_server(302, {"Location": "http://127.0.0.1:9/elsewhere"}) as (server, got):
        monkeypatch.setenv("PRESSBRIEF_CALLBACK_HOSTS", f"127.0.0.1:{server.server_port}")
        with running_client(FakeEngine()) as c:
            url = f"http://127.0.0.1:{server.server_port}/hook"
            job_id = c.post("/v1/jobs", json={"kind": "brief", "text": EXCERPT, "callback_url": url}).json()["id"]
            assert wait_for(lambda: _callback_sent(c, job_id), 10)
            state = c.get(f"/v1/jobs/{job_id}").json()["callback"]["state"]
        assert state.startswith("failed: HTTP 302") and len(got) == 1


def test_a_stored_callback_url_is_never_echoed(tmp_path):
    store = JobStore(Path(tmp_path) / "j.sqlite3")
    job, _ = store.submit("brief", {"text": "新乡"}, "https://hooks.example.org:8443/p/q?token=s3cret#frag")
    assert job.to_json()["callback"] == {"origin": "https://hooks.example.org:8443", "state": "pending"}
