"""/v1/jobs with the test-double engine: lifecycle, dedupe, cancel, events, callbacks, the store's rules."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from pressbrief.service.api.examples import EXCERPT, SENTENCE
from pressbrief.service.api.testing import FakeEngine, running_client, wait_for
from pressbrief.service.jobs.store import JobStore


def _wait_state(client, job_id: str, states: tuple[str, ...], timeout: float = 10.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/v1/jobs/{job_id}").json()
        if job["state"] in states:
            return job
        time.sleep(0.02)
    raise AssertionError(f"job {job_id} not in {states}: {job}")


def test_a_brief_job_runs_to_done_with_its_result():
    with running_client(FakeEngine()) as c:
        r = c.post("/v1/jobs", json={"kind": "brief", "text": EXCERPT, "langs": ["zh", "en"]})
        assert r.status_code == 202 and r.headers["Location"] == f"/v1/jobs/{r.json()['id']}"
        assert r.json()["state"] in ("queued", "running") and r.json()["existing"] is False
        job = _wait_state(c, r.json()["id"], ("done",))
        assert job["result"]["brief_zh"] == "简报" and job["result"]["brief_zh_hant"] is None
        assert job["attempts"] == 1 and job["finished_at"] >= job["started_at"] >= job["created_at"]


def test_a_translate_job_and_its_own_options():
    with running_client(FakeEngine()) as c:
        r = c.post("/v1/jobs", json={"kind": "translate", "text": SENTENCE})
        job = _wait_state(c, r.json()["id"], ("done",))
        assert job["result"]["translation"].startswith("[en]")
        bad = c.post("/v1/jobs", json={"kind": "translate", "text": SENTENCE, "langs": ["en"]})
        assert bad.status_code == 422 and "langs" in bad.json()["error"]["message"]


def test_identical_requests_share_one_job():
    engine = FakeEngine()
    with running_client(engine) as c:
        a = c.post("/v1/jobs", json={"kind": "brief", "text": EXCERPT})
        # the same work, with the defaults spelled out: the same job, not new work
        b = c.post("/v1/jobs", json={"kind": "brief", "text": EXCERPT, "langs": ["zh", "zh-Hant", "en"],
                                     "traditional_variant": "s2t"})
        assert b.status_code == 200 and b.json()["id"] == a.json()["id"] and b.json()["existing"] is True
        _wait_state(c, a.json()["id"], ("done",))
        other = c.post("/v1/jobs", json={"kind": "brief", "text": EXCERPT, "langs": ["en"]})
        assert other.status_code == 202 and other.json()["id"] != a.json()["id"]
        _wait_state(c, other.json()["id"], ("done",))
        assert engine.calls.count("summarize") == 2


def test_cancel_a_queued_and_a_running_job():
    engine = FakeEngine()
    engine.gate.clear()  # the first job holds the worker
    with running_client(engine) as c:
        first = c.post("/v1/jobs", json={"kind": "brief", "text": EXCERPT}).json()["id"]
        assert wait_for(lambda: c.get(f"/v1/jobs/{first}").json()["state"] == "running")
        second = c.post("/v1/jobs", json={"kind": "translate", "text": SENTENCE}).json()["id"]
        r = c.delete(f"/v1/jobs/{second}")
        assert r.status_code == 200 and r.json()["state"] == "cancelled"
        r = c.delete(f"/v1/jobs/{first}")
        assert r.status_code == 200
        job = _wait_state(c, first, ("cancelled",))
        assert job.get("result") is None
        assert c.delete(f"/v1/jobs/{first}").status_code == 409
        assert c.get("/v1/jobs", params={"state": "cancelled"}).json()["jobs"][0]["id"] in (first, second)


def test_unknown_job_and_bad_state_are_json_errors():
    with running_client(FakeEngine()) as c:
        r = c.get("/v1/jobs/nope")
        assert r.status_code == 404 and r.json()["error"]["code"] == "job_not_found"
        assert c.delete("/v1/jobs/nope").status_code == 404
        assert c.get("/v1/jobs/nope/events").status_code == 404
        r = c.get("/v1/jobs", params={"state": "sleeping"})
        assert r.status_code == 422 and "error" in r.json()


def test_events_stream_progress_and_end_with_the_final_state():
    with running_client(FakeEngine(tokens=5, step_s=0.01)) as c:
        job_id = c.post("/v1/jobs", json={"kind": "brief", "text": EXCERPT}).json()["id"]
        with c.stream("GET", f"/v1/jobs/{job_id}/events") as r:
            assert r.headers["content-type"].startswith("text/event-stream")
            events = [line.removeprefix("event: ").strip() for line in r.iter_lines() if line.startswith("event:")]
        assert events[0] == "queued" and "running" in events and "chunk" in events and events[-1] == "done"
        # replay after a given event id (a reconnecting client sends Last-Event-ID)
        with c.stream("GET", f"/v1/jobs/{job_id}/events", headers={"Last-Event-ID": "1"}) as r:
            replay = [line for line in r.iter_lines() if line.startswith("event:")]
        assert replay[0] != "event: queued" and replay[-1] == "event: done"


def test_callback_is_called_once_on_loopback_and_other_hosts_are_refused(monkeypatch):
    got: list[dict] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            got.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("PRESSBRIEF_CALLBACK_HOSTS", f"127.0.0.1:{server.server_port}")
    try:
        with running_client(FakeEngine()) as c:
            url = f"http://127.0.0.1:{server.server_port}/hook"
            job_id = c.post("/v1/jobs", json={"kind": "brief", "text": EXCERPT, "callback_url": url}).json()["id"]
            assert wait_for(lambda: c.get(f"/v1/jobs/{job_id}").json().get("callback", {}).get("state")
                            == "delivered", timeout=10)
            r = c.post("/v1/jobs", json={"kind": "brief", "text": SENTENCE, "callback_url": "http://example.com/x"})
            assert r.status_code == 422 and "PRESSBRIEF_CALLBACK_HOSTS" in r.json()["error"]["message"]
        assert len(got) == 1 and got[0]["id"] == job_id and got[0]["state"] == "done"
        assert got[0]["result_url"] == f"/v1/jobs/{job_id}" and "result" not in got[0]
    finally:
        server.shutdown()


def test_callbacks_are_off_unless_hosts_are_allowed(monkeypatch):
    monkeypatch.delenv("PRESSBRIEF_CALLBACK_HOSTS", raising=False)
    with running_client(FakeEngine()) as c:
        r = c.post("/v1/jobs", json={"kind": "brief", "text": EXCERPT, "callback_url": "http://127.0.0.1:9/x"})
        assert r.status_code == 422 and "callbacks are off" in r.json()["error"]["message"]


def test_metrics_count_jobs_by_state():
    with running_client(FakeEngine()) as c:
        job_id = c.post("/v1/jobs", json={"kind": "brief", "text": EXCERPT}).json()["id"]
        _wait_state(c, job_id, ("done",))
        text = c.get("/metrics").text
        assert 'pressbrief_jobs{state="done"} 1.0' in text
        assert 'pressbrief_jobs_finished_total{kind="brief",state="done"} 1.0' in text
        assert 'pressbrief_queue_wait_seconds_count{kind="job_brief"} 1.0' in text
        assert "process_resident_memory_bytes" in text and "pressbrief_http_requests_total" in text


# --- the store's rules, without a server ---------------------------------------------------
def test_a_job_is_claimed_by_exactly_one_of_two_processes(tmp_path):
    a, b = JobStore(tmp_path / "j.db"), JobStore(tmp_path / "j.db")
    for i in range(20):
        a.submit("brief", {"text": f"第{i}条"})
    claimed: list[str] = []
    lock = threading.Lock()

    def work(store: JobStore, name: str) -> None:
        while (job := store.claim(name)) is not None:
            with lock:
                claimed.append(job.id)
            store.finish(job.id, "done", result={})

    threads = [threading.Thread(target=work, args=(s, n)) for s, n in ((a, "a"), (b, "b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(claimed) == 20 and len(set(claimed)) == 20
    assert a.counts()["done"] == 20


def test_a_lost_job_is_requeued_once_then_failed_with_the_reason(tmp_path):
    store = JobStore(tmp_path / "j.db", stale_s=0.05)
    job, _ = store.submit("brief", {"text": "新乡"})
    assert store.claim("dead-1").id == job.id
    time.sleep(0.1)  # no heartbeat: its process died
    again = store.claim("alive")
    assert again.id == job.id and again.attempts == 2
    time.sleep(0.1)
    assert store.claim("alive") is None
    failed = store.get(job.id)
    assert failed.state == "failed" and failed.error["code"] == "worker_lost"
    assert not store.finish(job.id, "done", result={})  # never finished twice


def test_finished_jobs_are_purged_after_their_ttl(tmp_path):
    store = JobStore(tmp_path / "j.db", ttl_s=0.05)
    job, _ = store.submit("brief", {"text": "新乡"})
    store.claim("w")
    store.finish(job.id, "done", result={"x": 1})
    assert store.purge() == 0 or store.get(job.id) is None
    time.sleep(0.1)
    store.purge()
    assert store.get(job.id) is None and store.events(job.id) == []


@pytest.mark.parametrize("ttl", [0.05])
def test_a_purged_job_is_new_work_again(tmp_path, ttl):
    store = JobStore(tmp_path / "j.db", ttl_s=ttl)
    job, created = store.submit("brief", {"text": "新乡"})
    store.claim("w")
    store.finish(job.id, "done", result={})
    again, created_again = store.submit("brief", {"text": "新乡"})
    assert created and not created_again and again.id == job.id
    time.sleep(0.1)
    store.purge()
    _, created_after = store.submit("brief", {"text": "新乡"})
    assert created_after


def test_the_english_path_is_chosen_per_request_and_is_other_work():
    engine = FakeEngine()
    with running_client(engine) as c:
        r = c.post("/v1/briefs", json={"text": EXCERPT, "langs": ["en"], "en_path": "lead-figures"})
        assert r.status_code == 200 and r.json()["en_path"] == "lead-figures"
        assert c.post("/v1/briefs", json={"text": EXCERPT, "langs": ["en"]}).json()["en_path"] == "evidence"
        a = c.post("/v1/jobs", json={"kind": "brief", "text": EXCERPT, "en_path": "zh-translated"}).json()["id"]
        default = c.post("/v1/jobs", json={"kind": "brief", "text": EXCERPT}).json()["id"]
        spelled = c.post("/v1/jobs", json={"kind": "brief", "text": EXCERPT, "en_path": "evidence"})
        assert default != a and spelled.json()["id"] == default  # the default spelt out is the same work
        assert _wait_state(c, a, ("done",))["result"]["en_path"] == "zh-translated"
