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

    def start(self) -> None:
        for i in range(self.workers):
            t = threading.Thread(target=self._loop, name=f"pressbrief-job-{i}", daemon=True)
            t.start()
            self._threads.append(t)

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout)

    def _loop(self) -> None:
        last_purge = 0.0
        while not self._stop.is_set():
            try:
                if time.monotonic() - last_purge > 60:
                    self.store.purge()
                    # callbacks go out right after their job ends; this sends those a process died before
                    if self.callbacks is not None:
                        self.callbacks.deliver_pending()
                    last_purge = time.monotonic()
                job = self.store.claim(self.worker_id, self.model) if self.ready() else None
            except Exception:  # noqa: BLE001 - a locked or broken store must not end the worker
                log.exception("job store unavailable; retrying")
                job = None
            if job is None:
                self._stop.wait(self.poll_s)
                continue
            self._run(job)

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

        def on_stage(event: ProgressEvent) -> None:
            with lock:
                progress["stage"] = event.message
                if event.chunk is not None and event.chunks is not None:
                    progress["chunk"], progress["chunks"] = event.chunk, event.chunks
            self.store.add_event(job.id, _EVENT_TYPES.get(event.stage, "stage"), {"message": event.message})

        def on_tokens(n: int) -> None:
            with lock:
                progress["tokens"] += n
                tokens = progress["tokens"]
            now = time.monotonic()
            if now - last_token_event[0] >= TOKEN_EVENT_S:
                last_token_event[0] = now
                self.store.add_event(job.id, "tokens", {"tokens": tokens})


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
            error = {"code": "internal_error", "message": f"{type(exc).__name__}: {exc}"}
        finally:
            done.set()
            heart.join(HEARTBEAT_S * 2)
        if state == "done" and isinstance(result, dict) and result.get("guard"):
            guard = result["guard"]
            self.store.add_event(job.id, "guard", {k: guard.get(k) for k in ("checked", "repaired", "dropped",
                                                                               "fallback", "candidates")})
        finished = self.store.finish(job.id, state, result=result if state == "done" else None, error=error)
        if finished and self.on_finish:
            self.on_finish(self.store.get(job.id), state)
        if finished and self.callbacks is not None:
            self.callbacks.deliver_pending()
