"""Durable jobs in SQLite (the standard library's sqlite3, WAL mode, one file under PRESSBRIEF_HOME).

Jobs, their events and their results survive a restart. Several server processes may share the
file: a job is claimed inside an IMMEDIATE transaction, so exactly one of them runs it. A running
job's worker writes a heartbeat; a job whose heartbeat is older than `stale_s` lost its process
and is requeued once, then marked failed with the reason. Identical requests (same kind, text
hash and options) while one is queued, running or done get that job back instead of new work.
Finished jobs are purged `ttl_s` after they ended.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from ..errors import PressbriefError

STATES = ("queued", "running", "done", "failed", "cancelled")
TERMINAL = ("done", "failed", "cancelled")
MAX_ATTEMPTS = 2  # the first run and one requeue after a lost process

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    request TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    state TEXT NOT NULL,
    progress TEXT NOT NULL DEFAULT '{}',
    result TEXT,
    error TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    callback_url TEXT,
    callback_state TEXT,
    worker TEXT,
    created_at REAL NOT NULL,
    started_at REAL,
    heartbeat_at REAL,
    finished_at REAL
);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state, created_at);
CREATE INDEX IF NOT EXISTS jobs_hash ON jobs(request_hash);
CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    job_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    at REAL NOT NULL,
    PRIMARY KEY (job_id, seq)
);
"""


PROBE_BUSY_MS = 2000  # /readyz's write probe waits this long for another process's write lock


class JobStoreUnavailable(PressbriefError):
    """The jobs database cannot be read or written (corrupt, read-only, full disk, locked): HTTP 503."""

    http_status = 503
    code = "job_store_unavailable"


P = ParamSpec("P")
R = TypeVar("R")


def _store_errors(method: Callable[P, R]) -> Callable[P, R]:
    """A store method whose SQLite failure is a JobStoreUnavailable naming the file, never a raw sqlite3 error."""

    @functools.wraps(method)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as exc:
            store = args[0]
            assert isinstance(store, JobStore)
            raise store.unavailable(exc) from exc

    return guarded


@dataclass(frozen=True)
class JobRecord:
    id: str
    kind: str
    request: dict
    state: str
    progress: dict
    result: dict | None
    error: dict | None
    attempts: int
    cancel_requested: bool
    callback_url: str | None
    callback_state: str | None
    created_at: float
    started_at: float | None
    finished_at: float | None

    @property
    def queue_wait_s(self) -> float | None:
        return None if self.started_at is None else max(0.0, self.started_at - self.created_at)

    def to_json(self, *, with_result: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "kind": self.kind, "state": self.state, "progress": self.progress,
                               "attempts": self.attempts, "created_at": self.created_at,
                               "started_at": self.started_at, "finished_at": self.finished_at}
        if self.callback_url:
            # the origin only: a path or query may hold the receiver's token, and any client may read a job
            out["callback"] = {"origin": callback_origin(self.callback_url), "state": self.callback_state or "pending"}
        if self.error is not None:
            out["error"] = self.error
        if with_result and self.result is not None:
            out["result"] = self.result
        return out


def callback_origin(url: str) -> str:
    """scheme://host[:port] of a callback URL, without user info, path, query or fragment."""
    scheme, _, rest = url.partition("://")
    authority = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rsplit("@", 1)[-1]
    return f"{scheme}://{authority}"


def request_hash(kind: str, body: dict) -> str:
    """Same kind, same text (by sha256) and same options (the model included): the same work."""
    options = {k: v for k, v in sorted(body.items()) if k not in ("text", "callback_url")}
    text_hash = hashlib.sha256(str(body.get("text", "")).encode("utf-8")).hexdigest()
    return hashlib.sha256(json.dumps([kind, text_hash, options], sort_keys=True, ensure_ascii=False)
                          .encode("utf-8")).hexdigest()


def _row(row: sqlite3.Row) -> JobRecord:
    return JobRecord(
        id=row["id"], kind=row["kind"], request=json.loads(row["request"]), state=row["state"],
        progress=json.loads(row["progress"] or "{}"), result=json.loads(row["result"]) if row["result"] else None,
        error=json.loads(row["error"]) if row["error"] else None, attempts=row["attempts"],
        cancel_requested=bool(row["cancel_requested"]), callback_url=row["callback_url"],
        callback_state=row["callback_state"], created_at=row["created_at"], started_at=row["started_at"],
        finished_at=row["finished_at"])


class JobStore:
    def __init__(self, path: Path, *, ttl_s: float = 86400.0, stale_s: float = 30.0):
        self.path = Path(path)
        self.ttl_s = ttl_s
        self.stale_s = stale_s
        self._local = threading.local()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db().executescript(_SCHEMA)  # executescript commits by itself: outside _tx
            # a damaged file fails here, at start-up, not as 500s later (quick_check: pages, not indexes)
            check = self._db().execute("PRAGMA quick_check(1)").fetchone()[0]
            if check != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {check}")
        except (OSError, sqlite3.Error) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise JobStoreUnavailable(
                f"job store {self.path} cannot be opened ({reason}); move the file aside, or set "
                "PRESSBRIEF_JOBS_DB to another file") from None

    def unavailable(self, exc: BaseException) -> JobStoreUnavailable:
        """The error for a failed read or write of this store: it names the file and the setting."""
        return JobStoreUnavailable(f"job store {self.path} (PRESSBRIEF_JOBS_DB) is unavailable: {exc}")

    # --- connections: one per thread, WAL so readers never block the writer ---
    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=False)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA busy_timeout=30000")
            self._local.db = db
        return db

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        db = self._db()
        db.execute("BEGIN IMMEDIATE")  # take the write lock now: a claim is never raced
        try:
            yield db
            db.execute("COMMIT")
        except BaseException:
            # a failed COMMIT (full disk) leaves the transaction open: end it, or this thread's
            # connection refuses every later BEGIN
            if db.in_transaction:
                with suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
            raise

    @_store_errors
    def check_writable(self) -> None:
        """One real write (a probe row), waiting at most PROBE_BUSY_MS for the lock: raises
        JobStoreUnavailable when the file is corrupt, read-only, on a full disk or held too long."""
        db = self._db()
        db.execute(f"PRAGMA busy_timeout={PROBE_BUSY_MS}")
        try:
            with self._tx() as tx:
                tx.execute("INSERT OR REPLACE INTO probe (id, at) VALUES (1, ?)", (time.time(),))
        finally:
            db.execute("PRAGMA busy_timeout=30000")

    # --- submitting and reading ---
    @_store_errors
    def submit(self, kind: str, body: dict, callback_url: str | None = None,
               max_queued: int | None = None) -> tuple[JobRecord | None, bool]:
        """(job, created): an identical queued, running or done job is returned instead of new work;
        (None, False) when max_queued jobs already wait (checked in the same transaction).

        A request with a callback shares only a job that calls the same URL: a callback is one
        client's (its URL may hold a token), so another client's request gets a job of its own."""
        digest = request_hash(kind, body)
        now = time.time()
        with self._tx() as db:
            same = db.execute("SELECT * FROM jobs WHERE request_hash=? AND state IN ('queued','running','done') "
                              "AND (? IS NULL OR callback_url=?) ORDER BY created_at DESC LIMIT 1",
                              (digest, callback_url, callback_url)).fetchone()
            if same is not None:
                return _row(same), False
            if max_queued is not None and db.execute(
                    "SELECT COUNT(*) FROM jobs WHERE state='queued'").fetchone()[0] >= max_queued:
                return None, False
            job_id = uuid.uuid4().hex
            db.execute("INSERT INTO jobs (id, kind, request, request_hash, state, progress, callback_url, "
                       "created_at) VALUES (?, ?, ?, ?, 'queued', ?, ?, ?)",
                       (job_id, kind, json.dumps(body, ensure_ascii=False), digest,
                        json.dumps({"stage": "queued"}), callback_url, now))
            self._event(db, job_id, "queued", {"state": "queued"})
            row = db.execute("SELECT * FROM jobs WHERE id=?", (job_id,)).fetchone()
        return _row(row), True

    @_store_errors
    def get(self, job_id: str) -> JobRecord | None:
        row = self._db().execute("SELECT * FROM jobs WHERE id=?", (job_id,)).fetchone()
        return _row(row) if row else None

    @_store_errors
    def list(self, state: str | None = None, limit: int = 100) -> list[JobRecord]:
        if state:
            rows = self._db().execute("SELECT * FROM jobs WHERE state=? ORDER BY created_at DESC LIMIT ?",
                                      (state, limit)).fetchall()
        else:
            rows = self._db().execute("SELECT * FROM jobs ORDER BY created_at DESC LIMIT ?", (limit,)).fetchall()
        return [_row(r) for r in rows]

    @_store_errors
    def counts(self) -> dict[str, int]:
        rows = self._db().execute("SELECT state, COUNT(*) AS n FROM jobs GROUP BY state").fetchall()
        return {s: 0 for s in STATES} | {r["state"]: r["n"] for r in rows}

    @_store_errors
    def events(self, job_id: str, after: int = 0) -> list[tuple[int, str, dict]]:
        rows = self._db().execute("SELECT seq, type, data FROM events WHERE job_id=? AND seq>? ORDER BY seq",
                                  (job_id, after)).fetchall()
        return [(r["seq"], r["type"], json.loads(r["data"])) for r in rows]

    # --- the worker's side ---
    @_store_errors
    def claim(self, worker: str, model: str | None = None) -> JobRecord | None:
        """The oldest queued job (for `model`, when given: servers of other models may share the file),
        now running for `worker`; None when there is none."""
        now = time.time()
        # a read first: an idle worker polls often, and should not take the write lock for nothing
        if self._db().execute("SELECT 1 FROM jobs WHERE state='queued' OR (state='running' AND heartbeat_at < ?) "
                              "LIMIT 1", (now - self.stale_s,)).fetchone() is None:
            return None
        with self._tx() as db:
            self._recover_stale(db, now)
            if model is None:
                row = db.execute("SELECT * FROM jobs WHERE state='queued' ORDER BY created_at LIMIT 1").fetchone()
            else:
                row = db.execute("SELECT * FROM jobs WHERE state='queued' AND json_extract(request, '$.model') = ? "
                                 "ORDER BY created_at LIMIT 1", (model,)).fetchone()
            if row is None:
                return None
            db.execute("UPDATE jobs SET state='running', worker=?, attempts=attempts+1, started_at=?, "
                       "heartbeat_at=?, progress=? WHERE id=?",
                       (worker, now, now, json.dumps({"stage": "started"}), row["id"]))
            self._event(db, row["id"], "running", {"state": "running", "attempt": row["attempts"] + 1})
        return self.get(row["id"])

    def _recover_stale(self, db: sqlite3.Connection, now: float) -> None:
        """Running jobs whose process stopped beating: requeued once, then failed with the reason."""
        stale = db.execute("SELECT id, attempts FROM jobs WHERE state='running' AND heartbeat_at < ?",
                           (now - self.stale_s,)).fetchall()
        for r in stale:
            if r["attempts"] < MAX_ATTEMPTS:
                db.execute("UPDATE jobs SET state='queued', worker=NULL, progress=? WHERE id=?",
                           (json.dumps({"stage": "requeued"}), r["id"]))
                self._event(db, r["id"], "requeued", {"state": "queued", "reason": "the server running it stopped"})
            else:
                error = {"code": "worker_lost",
                         "message": f"the server running this job stopped {r['attempts']} times; not retried again"}
                db.execute("UPDATE jobs SET state='failed', error=?, finished_at=? WHERE id=?",
                           (json.dumps(error), now, r["id"]))
                self._event(db, r["id"], "failed", {"state": "failed", "error": error})

    @_store_errors
    def heartbeat(self, job_id: str, progress: dict | None = None) -> bool:
        """Record life (and progress); True when the job was asked to stop."""
        with self._tx() as db:
            if progress is not None:
                db.execute("UPDATE jobs SET heartbeat_at=?, progress=? WHERE id=? AND state='running'",
                           (time.time(), json.dumps(progress, ensure_ascii=False), job_id))
            else:
                db.execute("UPDATE jobs SET heartbeat_at=? WHERE id=? AND state='running'", (time.time(), job_id))
            row = db.execute("SELECT cancel_requested, state FROM jobs WHERE id=?", (job_id,)).fetchone()
        return bool(row and (row["cancel_requested"] or row["state"] != "running"))

    @_store_errors
    def add_event(self, job_id: str, type_: str, data: dict) -> None:
        with self._tx() as db:
            self._event(db, job_id, type_, data)

    @_store_errors
    def finish(self, job_id: str, state: str, *, result: dict | None = None, error: dict | None = None) -> bool:
        """Mark a running job ended; False if it had already ended (it is never finished twice)."""
        now = time.time()
        with self._tx() as db:
            cur = db.execute("UPDATE jobs SET state=?, result=?, error=?, finished_at=?, "
                             "progress=json_set(progress, '$.stage', ?) WHERE id=? AND state='running'",
                             (state, json.dumps(result, ensure_ascii=False) if result is not None else None,
                              json.dumps(error) if error is not None else None, now, state, job_id))
            if cur.rowcount:
                self._event(db, job_id, state, {"state": state} | ({"error": error} if error else {}))
            return bool(cur.rowcount)

    @_store_errors
    def cancel(self, job_id: str) -> JobRecord | None:
        """A queued job is cancelled at once; a running one is asked to stop (its worker ends it)."""
        now = time.time()
        with self._tx() as db:
            row = db.execute("SELECT state FROM jobs WHERE id=?", (job_id,)).fetchone()
            if row is None:
                return None
            if row["state"] == "queued":
                db.execute("UPDATE jobs SET state='cancelled', finished_at=?, cancel_requested=1 WHERE id=?",
                           (now, job_id))
                self._event(db, job_id, "cancelled", {"state": "cancelled"})
            elif row["state"] == "running":
                db.execute("UPDATE jobs SET cancel_requested=1 WHERE id=?", (job_id,))
        return self.get(job_id)

    @_store_errors
    def claim_callback(self, job_id: str) -> bool:
        """True for exactly one caller: the callback is then this caller's to send."""
        with self._tx() as db:
            cur = db.execute("UPDATE jobs SET callback_state='sending' WHERE id=? AND callback_state IS NULL",
                             (job_id,))
            return bool(cur.rowcount)

    @_store_errors
    def set_callback_state(self, job_id: str, state: str) -> None:
        with self._tx() as db:
            db.execute("UPDATE jobs SET callback_state=? WHERE id=?", (state, job_id))

    @_store_errors
    def pending_callbacks(self) -> list[JobRecord]:
        rows = self._db().execute("SELECT * FROM jobs WHERE callback_url IS NOT NULL AND callback_state IS NULL "
                                  "AND state IN ('done','failed','cancelled')").fetchall()
        return [_row(r) for r in rows]

    @_store_errors
    def purge(self) -> int:
        """Delete jobs (and their events) that ended more than ttl_s ago."""
        cutoff = time.time() - self.ttl_s
        with self._tx() as db:
            ids = [r["id"] for r in db.execute("SELECT id FROM jobs WHERE finished_at IS NOT NULL AND finished_at < ?",
                                               (cutoff,)).fetchall()]
            for job_id in ids:
                db.execute("DELETE FROM events WHERE job_id=?", (job_id,))
                db.execute("DELETE FROM jobs WHERE id=?", (job_id,))
        return len(ids)

    @staticmethod
    def _event(db: sqlite3.Connection, job_id: str, type_: str, data: dict) -> None:
        seq = db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM events WHERE job_id=?", (job_id,)).fetchone()[0]
        db.execute("INSERT INTO events (job_id, seq, type, data, at) VALUES (?, ?, ?, ?, ?)",
                   (job_id, seq, type_, json.dumps(data, ensure_ascii=False), time.time()))

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

