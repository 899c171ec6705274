"""The worker side of durable jobs: claim, run the pipeline with progress, record the outcome.

Each runner thread claims the oldest queued job from the store (a transaction: one process per
job), runs it through the engine, and writes progress as it goes: a heartbeat with the stage,
chunk and tokens every second, and events (extracted, prompt, chunk, tokens, guard, done) that
`GET /v1/jobs/{id}/events` streams. A DELETE sets the job's cancel flag; the heartbeat sees it
and stops the generation at the next token. Every job ends done, failed (with a reason) or
cancelled; callbacks are sent after that.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pressbrief.models.runtimes import token_meter

from ..errors import PressbriefError
from ..progress import Progress, ProgressEvent
from .callbacks import CallbackSender
from .store import JobRecord, JobStore

log = logging.getLogger("pressbrief.jobs")

HEARTBEAT_S = 1.0
TOKEN_EVENT_S = 1.0  # token events at most once a second: a stream, not a flood
# the SSE event type of each pipeline stage (service/progress.py), as the jobs API has always named them
_EVENT_TYPES = {"extract": "extracted", "digest": "prompt", "generate": "chunk", "guard": "guard",
                "translate": "chunk"}


class JobRunner:
    """Worker threads that claim and run jobs. Nothing one job does stops a worker: a failure of the job,
    of its progress events, of its callback or of the store is recorded (on the job when the store
    can be written, in the log and in `problem()` when not) and the worker goes on. An outcome the
    store could not take (a full disk) is kept and written as soon as the store takes writes again."""

    def __init__(self, store: JobStore, run_job: Callable[[JobRecord, threading.Event, Progress],
                                                          dict[str, Any]],
                 *, ready: Callable[[], bool], workers: int = 1, poll_s: float = 0.2,
                 callbacks: CallbackSender | None = None,
                 on_finish: Callable[[JobRecord, str], None] | None = None, model: str | None = None):
        self.store = store
        self.run_job = run_job
        self.ready = ready
        self.workers = max(1, workers)
        self.poll_s = poll_s
        self.callbacks = callbacks
        self.on_finish = on_finish
        self.model = model  # claim only this model's jobs
        self.worker_id = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._unrecorded: list[_Outcome] = []  # outcomes the store refused; written when it takes writes again
        self._store_error: str | None = None  # the last store failure, until a write succeeds
        self._deaths: dict[str, str] = {}  # worker thread -> what stopped it

    def start(self) -> None:
        for i in range(self.workers):
            t = threading.Thread(target=self._loop, name=f"pressbrief-job-{i}", daemon=True)
            t.start()
            self._threads.append(t)

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout)

    def problem(self) -> tuple[str, str] | None:
        """(code, reason) when this runner cannot do its work (a worker stopped, outcomes not recorded);
        None when it can. /readyz answers 503 with it."""
        if not self._stop.is_set():
            for t in self._threads:
                if not t.is_alive():
                    why = self._deaths.get(t.name, "it ended")
                    return "job_worker_stopped", f"job worker {t.name} stopped: {why}"
        with self._lock:
            waiting, error = len(self._unrecorded), self._store_error
        if waiting:
            return "job_store_unavailable", (f"{waiting} finished job(s) not yet recorded in job store "
                                             f"{self.store.path}: {error}")
        return None

    def _loop(self) -> None:
        last_purge = 0.0
        try:
            while not self._stop.is_set():
                try:
                    self._record_unrecorded()
                    if time.monotonic() - last_purge > 60:
                        last_purge = time.monotonic()
                        self.store.purge()
                        # callbacks go out right after their job ends; this sends those a process died before
                        if self.callbacks is not None:
                            self.callbacks.deliver_pending()
                    job = self.store.claim(self.worker_id, self.model) if self.ready() else None
                except Exception:  # noqa: BLE001 - a locked or broken store must not end the worker
                    log.exception("job store unavailable; retrying")
                    job = None
                if job is None:
                    self._stop.wait(self.poll_s)
                    continue
                try:
                    self._run(job)
                except Exception as exc:  # noqa: BLE001 - one job never stops the worker
                    log.exception("job handling failed", extra={"job": job.id})
                    self._end(_Outcome(job.id, "failed", None, _error(exc)))
        except BaseException as exc:
            self._deaths[threading.current_thread().name] = f"{type(exc).__name__}: {exc}"
            log.critical("job worker stopped", exc_info=exc)
            raise

    def _run(self, job: JobRecord) -> None:
        cancel = threading.Event()
        progress: dict[str, Any] = {"stage": "started", "tokens": 0}
        lock = threading.Lock()
        last_token_event = [0.0]
        done = threading.Event()

        def beat() -> None:
            while not done.wait(HEARTBEAT_S):
                with lock:
                    snapshot = dict(progress)
                try:
                    if self.store.heartbeat(job.id, snapshot):
                        cancel.set()
                except Exception:  # noqa: BLE001 - the next beat tries again
                    log.exception("heartbeat failed", extra={"job": job.id})

        def event(type_: str, data: dict) -> None:
            try:
                self.store.add_event(job.id, type_, data)
            except Exception:  # noqa: BLE001 - progress is best effort: the job goes on without it
                log.exception("job event not recorded", extra={"job": job.id, "type": type_})

        def on_stage(progress_event: ProgressEvent) -> None:
            with lock:
                progress["stage"] = progress_event.message
                if progress_event.chunk is not None and progress_event.chunks is not None:
                    progress["chunk"], progress["chunks"] = progress_event.chunk, progress_event.chunks
            event(_EVENT_TYPES.get(progress_event.stage, "stage"), {"message": progress_event.message})

        def on_tokens(n: int) -> None:
            with lock:
                progress["tokens"] += n
                tokens = progress["tokens"]
            now = time.monotonic()
            if now - last_token_event[0] >= TOKEN_EVENT_S:
                last_token_event[0] = now
                event("tokens", {"tokens": tokens})

        heart = threading.Thread(target=beat, name=f"pressbrief-beat-{job.id[:8]}", daemon=True)
        heart.start()
        state, error, result = "failed", None, None
        try:
            with token_meter(on_tokens):
                result = self.run_job(job, cancel, on_stage)
            state = "cancelled" if cancel.is_set() else "done"
        except PressbriefError as exc:
            state = "cancelled" if cancel.is_set() else "failed"
            error = None if state == "cancelled" else {"code": exc.code, "message": exc.message}
        except Exception as exc:  # noqa: BLE001 - recorded on the job; the worker goes on
            log.exception("job failed", extra={"job": job.id})
            error = _error(exc)
        except BaseException as exc:  # the worker stops (readyz says so), but the job is recorded first
            self._end(_Outcome(job.id, "failed", None, _error(exc)))
            raise
        finally:
            done.set()
            heart.join(HEARTBEAT_S * 2)
        if state == "done" and isinstance(result, dict) and isinstance(result.get("guard"), dict):
            guard = result["guard"]
            event("guard", {k: guard.get(k) for k in ("checked", "repaired", "dropped", "fallback", "candidates")})
        self._end(_Outcome(job.id, state, result if state == "done" else None, error))

    def _end(self, outcome: _Outcome) -> None:
        """Record a job's outcome, then its hooks and callback; an outcome the store refuses is kept."""
        try:
            finished = self.store.finish(outcome.job_id, outcome.state, result=outcome.result, error=outcome.error)
        except Exception as exc:  # noqa: BLE001 - kept, and written once the store takes writes again
            log.exception("job outcome not recorded; kept to retry", extra={"job": outcome.job_id})
            with self._lock:
                self._store_error = str(getattr(exc, "message", exc))
                if outcome not in self._unrecorded:
                    self._unrecorded.append(outcome)
            return
        with self._lock:
            self._store_error = None
            if outcome in self._unrecorded:
                self._unrecorded.remove(outcome)
        if not finished:
            return
        try:
            if self.on_finish:
                self.on_finish(self.store.get(outcome.job_id), outcome.state)
        except Exception:  # noqa: BLE001 - metrics and logs never stop the worker
            log.exception("job finish hook failed", extra={"job": outcome.job_id})
        if self.callbacks is not None:
            try:
                self.callbacks.deliver_pending()
            except Exception:  # noqa: BLE001 - the callback sender records per job; this is the store failing
                log.exception("job callbacks not sent", extra={"job": outcome.job_id})

    def _record_unrecorded(self) -> None:
        with self._lock:
            waiting = list(self._unrecorded)
        for outcome in waiting:
            self._end(outcome)


@dataclass(frozen=True, eq=True)
class _Outcome:
    job_id: str
    state: str
    result: dict | None
    error: dict | None


def _error(exc: BaseException) -> dict[str, str]:
    if isinstance(exc, PressbriefError):
        return {"code": exc.code, "message": exc.message}
    return {"code": "internal_error", "message": f"{type(exc).__name__}: {exc}"}
