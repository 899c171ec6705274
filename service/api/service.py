"""The per-app state: settings, engine, model loading, queues and metrics, plus request helpers."""

from __future__ import annotations

import asyncio
import logging
import re
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from fastapi import Request

from pressbrief.models.registry import get_entry

from ..errors import PressbriefError
from ..inputs import check_text, has_lone_surrogate
from ..jobs.callbacks import CallbackSender
from ..jobs.runner import JobRunner
from ..jobs.store import JobStore
from ..progress import Progress
from ..settings import Settings
from .engine import Engine, SummarizeArgs
from .errors import InvalidRequest, NoChinese, NotReady, RequestTimeout, shown
from .metrics import Registry
from .queues import CpuPool, GenerationQueue, Job

log = logging.getLogger("pressbrief.api")

DISCONNECT_POLL_S = 0.1
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")


class ClientGone(Exception):
    """The client closed the connection while its request waited or ran."""


def body_limit(settings: Settings) -> int:
    """PRESSBRIEF_MAX_BODY_BYTES, or derived: room for three max-size text fields JSON-escaped."""
    if settings.max_body_bytes > 0:
        return settings.max_body_bytes
    return 18 * settings.max_input_chars + 65_536


@dataclass
class ModelState:
    status: str = "loading"  # loading | ready | failed
    error: str | None = None
    started: float = 0.0
    load_s: float | None = None


def generation_workers(settings: Settings) -> int:
    """Generations in flight: one for a model in this process, PRESSBRIEF_LLM_CONCURRENCY for a served
    one (the server batches them)."""
    try:
        served = get_entry(settings.default_model).source_kind == "openai"
    except Exception:  # noqa: BLE001 - a bad model name is reported by the model load, not here
        served = False
    return max(1, settings.llm_concurrency) if served else 1


class Service:
    """Everything a route needs; lives on ``app.state.service``."""

    def __init__(self, settings: Settings, engine: Engine):
        self.settings = settings
        self.engine = engine
        self.metrics = Registry()
        self.model = ModelState()
        self.generation = GenerationQueue(
            max_waiting=settings.max_queue,
            batch_runner=self._run_batch,
            max_batch=lambda: min(self.settings.max_batch, max(1, int(getattr(self.engine, "max_batch", 1)))),
            on_finish=self._record_job,
            workers=generation_workers(settings),
        )
        self.cpu = CpuPool(settings.cpu_workers, settings.max_cpu_queue)
        m = self.metrics
        m.gauge("pressbrief_queue_depth", "Generation requests waiting", lambda: self.generation.waiting)
        m.gauge("pressbrief_queue_running", "Generation requests running", lambda: self.generation.running)
        m.gauge("pressbrief_queue_capacity", "PRESSBRIEF_MAX_QUEUE", lambda: self.generation.max_waiting)
        m.gauge("pressbrief_cpu_pending", "Extract/evaluate requests running or waiting", lambda: self.cpu.pending)
        m.gauge("pressbrief_model_ready", "1 when the model is loaded", lambda: int(self.model.status == "ready"))
        # durable jobs: the store is one SQLite file several server processes may share

        self.jobs = JobStore(settings.jobs_db or settings.home / "jobs.sqlite3", ttl_s=settings.job_ttl_s,
                             stale_s=settings.job_stale_s)
        self.job_runner = JobRunner(self.jobs, self._run_job, ready=lambda: self.model.status == "ready",
                                    workers=settings.job_workers,
                                    callbacks=CallbackSender(self.jobs, settings.callback_hosts),
                                    on_finish=self._record_durable_job, model=engine.model_name)
        m.gauge_by("pressbrief_jobs", "Jobs in the store, by state", "state", self.jobs.counts)

    # --- lifecycle -------------------------------------------------------------------
    def start(self) -> None:
        self.generation.start()
        self.model = ModelState(started=time.monotonic())
        threading.Thread(target=self._load, name="pressbrief-load", daemon=True).start()
        self.job_runner.start()

    def stop(self) -> None:
        self.job_runner.stop()
        self.generation.stop()
        self.cpu.shutdown()

    def _load(self) -> None:
        name = self.engine.model_name
        log.info("model loading", extra={"model": name})
        try:
            self.engine.load()
        except Exception as exc:  # noqa: BLE001 - reported by /readyz
            message = exc.message if isinstance(exc, PressbriefError) else f"{type(exc).__name__}: {exc}"
            self.model.error = message
            self.model.status = "failed"
            log.error("model failed to load", extra={"model": name, "error": message})
            return
        self.model.load_s = round(time.monotonic() - self.model.started, 2)
        self.model.status = "ready"
        log.info("model ready", extra={"model": name, "load_s": self.model.load_s})

    def require_ready(self) -> None:
        if self.model.status == "ready":
            return
        name = self.engine.model_name
        if self.model.status == "failed":
            raise NotReady(f"model {name} failed to load: {self.model.error}", 60, code="model_unavailable")
        waited = time.monotonic() - self.model.started
        raise NotReady(f"model {name} is still loading ({waited:.0f} s so far); retry later", 5)

    def require_jobs(self) -> None:
        """NotReady / JobStoreUnavailable (503, with the reason) when a job worker stopped, finished jobs
        wait to be recorded, or the job store cannot be written now (one real write, off the event loop)."""
        problem = self.job_runner.problem()
        if problem is not None:
            code, reason = problem
            raise NotReady(reason, 5, code=code)
        self.jobs.check_writable()

    # --- input checks ----------------------------------------------------------------
    def check_text(self, text: str, field: str = "text", need_chinese: bool = True) -> str:
        check_text(text, field, max_chars=self.settings.max_input_chars)
        if has_lone_surrogate(text):
            raise InvalidRequest(f"{field}: contains an unpaired UTF-16 surrogate (\\ud800-\\udfff escape)")
        if need_chinese and not _HAN.search(text):
            raise NoChinese(f"{field}: no Chinese characters found; pressbrief reads Chinese releases")
        return text

    def check_highlights(self, requested: int | None) -> int:
        if requested is None:
            return min(self.settings.default_highlights, self.settings.max_highlights)
        if requested > self.settings.max_highlights:
            raise InvalidRequest(
                f"max_highlights: {requested} is over the limit of {self.settings.max_highlights} "
                "(PRESSBRIEF_MAX_HIGHLIGHTS)"
            )
        return requested

    def check_model(self, requested: str | None) -> None:
        if requested is not None and requested != self.engine.model_name:
            raise InvalidRequest(
                f"model: this server runs {self.engine.model_name!r}, not {shown(requested)}; start another with "
                "`pressbrief serve --model NAME` to use another model"
            )

    # --- running work ----------------------------------------------------------------
    async def generate(
        self,
        request: Request,
        kind: str,
        run_one: Callable[[threading.Event], Any],
        payload: Any = None,
        batch_key: Hashable | None = None,
    ) -> Any:
        """Queue a generation, wait for it with the request timeout, stop it if the client leaves.

        Raises QueueFull (503), RequestTimeout (504) or ClientGone; the job is withdrawn or
        cancelled in every case where this returns early, so its slot is freed.
        """
        self.require_ready()
        loop = asyncio.get_running_loop()
        job = Job(
            kind=kind,
            payload=payload,
            run_one=run_one,
            future=loop.create_future(),
            loop=loop,
            request_id=getattr(request.state, "request_id", "-"),
            batch_key=batch_key,
        )
        try:
            self.generation.submit(job)
        except PressbriefError:
            self.metrics.rejected.inc(reason="queue_full")
            raise
        try:
            return await self._await(job.future, request, self.settings.request_timeout_s)
        except (TimeoutError, ClientGone) as exc:
            reason = "timeout" if isinstance(exc, TimeoutError) else "client_gone"
            self.generation.cancel(job, reason)
            job.future.cancel()
            self.metrics.cancelled.inc(reason=reason)
            log.info("generation stopped", extra={"kind": kind, "reason": reason, "state": job.state})
            if reason == "timeout":
                raise RequestTimeout(
                    f"no answer within {self.settings.request_timeout_s:g} s (PRESSBRIEF_REQUEST_TIMEOUT_S); "
                    "the generation was stopped"
                ) from None
            raise
        except asyncio.CancelledError:  # server shutting down or the task was cancelled
            self.generation.cancel(job, "cancelled")
            raise

    async def run_cpu(self, request: Request, fn: Callable[..., Any], *args: Any) -> Any:
        """Run extraction/evaluation on the CPU pool (never behind generation), with the timeout."""
        fut = self.cpu.submit(fn, *args)
        try:
            return await self._await(fut, request, self.settings.request_timeout_s)
        except TimeoutError:
            fut.cancel()
            raise RequestTimeout(
                f"no answer within {self.settings.request_timeout_s:g} s (PRESSBRIEF_REQUEST_TIMEOUT_S)"
            ) from None
        except ClientGone:
            fut.cancel()
            raise

    async def _await(self, fut: asyncio.Future, request: Request, timeout: float) -> Any:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            left = deadline - loop.time()
            if left <= 0:
                raise TimeoutError
            done, _ = await asyncio.wait({fut}, timeout=min(left, DISCONNECT_POLL_S))
            if done:
                return fut.result()
            if await request.is_disconnected():
                raise ClientGone

    # --- durable jobs ----------------------------------------------------------------
    def _run_job(self, job, cancel: threading.Event, progress: Progress) -> dict[str, Any]:

        body = job.request
        if job.kind == "translate":
            return self.engine.translate(body["text"], cancel, progress=progress)
        args = SummarizeArgs(text=body["text"], langs=tuple(body["langs"]), max_highlights=body["max_highlights"],
                             traditional_variant=body["traditional_variant"], en_path=body.get("en_path"),
                             zh_path=body.get("zh_path"))
        return self.engine.summarize(args, cancel, progress=progress)

    def _record_durable_job(self, job, state: str) -> None:
        if job is None:
            return
        self.metrics.jobs_finished.inc(kind=job.kind, state=state)
        wait = job.queue_wait_s
        if wait is not None:
            self.metrics.queue_wait.observe(wait, kind=f"job_{job.kind}")
        log.info("job", extra={"job": job.id, "kind": job.kind, "state": state, "attempts": job.attempts})

    # --- worker-side hooks -----------------------------------------------------------
    def _run_batch(self, batch: list[Job]) -> list[Any]:
        return self.engine.summarize_batch([j.payload for j in batch], [j.cancel for j in batch])

    def _record_job(self, job: Job, result: Any) -> None:
        m = self.metrics
        if job.started_at is not None:
            m.queue_wait.observe(job.started_at - job.enqueued_at, kind=job.kind)
            if job.finished_at is not None:
                m.generation.observe(job.finished_at - job.started_at, kind=job.kind)
        m.batch_size.observe(job.batch_size)
        outcome = "cancelled" if job.cancel.is_set() else "ok" if isinstance(result, dict) else "error"
        if not isinstance(result, dict):
            result = {}
        timing = result.get("timing") or {}
        _add(m.tokens, timing.get("decode_tokens"), kind=job.kind)
        _add(m.prefill_tokens, timing.get("prefill_tokens"), kind=job.kind)
        guard = result.get("guard")  # the whole request's totals (translate also has per-sentence ones)
        if not isinstance(guard, dict):
            guard = {}
            for sentence in result.get("sentences") or []:
                for action, value in (sentence.get("guard") or {}).items():
                    if isinstance(value, int | float):
                        guard[action] = guard.get(action, 0) + value
        for action in ("checked", "repaired", "dropped", "fallback"):
            _add(m.guard, guard.get(action), action=action)
        log.info(
            "generation",
            extra={
                "request_id": job.request_id,
                "kind": job.kind,
                "queue_wait_ms": round(((job.started_at or 0) - job.enqueued_at) * 1000, 1),
                "run_ms": round(((job.finished_at or 0) - (job.started_at or 0)) * 1000, 1),
                "decode_tokens": timing.get("decode_tokens"),
                "batch_size": job.batch_size,
                "outcome": outcome,
            },
        )


def _add(counter, value: Any, **labels: str) -> None:
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, int | float) and value > 0:
        counter.inc(value, **labels)
