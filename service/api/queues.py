"""Bounded work queues: one generation worker for the single model, a small pool for CPU work.

Generation runs on a dedicated thread so the event loop never waits on a model. Requests
wait in a bounded deque; when the engine can batch, compatible waiting requests (same
``batch_key``) are taken together. A cancelled waiting job leaves the deque at once; a
running job has its ``cancel`` event set and the engine stops at the next token.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from ..errors import PressbriefError

log = logging.getLogger("pressbrief.api")


class ShuttingDown(PressbriefError):
    http_status = 503
    code = "shutting_down"


class QueueFull(PressbriefError):
    http_status = 503
    code = "queue_full"

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.headers = {"Retry-After": str(retry_after)}


@dataclass(eq=False)
class Job:
    """One queued generation request."""

    kind: str
    payload: Any
    run_one: Callable[[threading.Event], Any]
    future: asyncio.Future
    loop: asyncio.AbstractEventLoop
    request_id: str = "-"
    batch_key: Hashable | None = None
    cancel: threading.Event = field(default_factory=threading.Event)
    state: str = "waiting"  # waiting | running | done | cancelled
    cancel_reason: str | None = None
    enqueued_at: float = field(default_factory=time.monotonic)
    started_at: float | None = None
    finished_at: float | None = None
    batch_size: int = 1

    def _resolve(self, result: Any) -> None:
        def _set() -> None:
            if self.future.done():
                return
            if isinstance(result, BaseException):
                self.future.set_exception(result)
            else:
                self.future.set_result(result)

        try:
            self.loop.call_soon_threadsafe(_set)
        except RuntimeError:  # the loop is closed: nobody is waiting any more
            pass


BatchRunner = Callable[[list[Job]], list[Any]]


class GenerationQueue:
    """A bounded queue in front of ``workers`` generation threads (one for a model in this process,
    more for a model server that answers several requests at once).

    ``max_waiting`` bounds the jobs not yet started; ``submit`` raises :class:`QueueFull`
    (HTTP 503 with Retry-After) beyond it.
    """

    def __init__(
        self,
        max_waiting: int,
        batch_runner: BatchRunner | None = None,
        max_batch: Callable[[], int] | int = 1,
        on_finish: Callable[[Job, Any], None] | None = None,
        workers: int = 1,
    ):
        self.max_waiting = max_waiting
        self.workers = max(1, workers)
        self._batch_runner = batch_runner
        self._max_batch = max_batch
        self._on_finish = on_finish
        self._waiting: deque[Job] = deque()
        self._running: list[Job] = []
        self._cond = threading.Condition()
        self._stopped = False
        self._threads: list[threading.Thread] = []
        self._avg_run_s = 5.0  # moving average, for Retry-After

    # --- lifecycle -------------------------------------------------------------------
    def start(self) -> None:
        if not self._threads:
            self._threads = [threading.Thread(target=self._work, name=f"pressbrief-generate-{i}", daemon=True)
                             for i in range(self.workers)]
            for thread in self._threads:
                thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        with self._cond:
            self._stopped = True
            for job in self._waiting:
                job.state = "cancelled"
                job.cancel.set()
                job._resolve(ShuttingDown("the server is shutting down"))
            self._waiting.clear()
            for job in self._running:
                job.cancel.set()
            self._cond.notify_all()
        for thread in self._threads:
            thread.join(timeout)

    # --- state -----------------------------------------------------------------------
    @property
    def waiting(self) -> int:
        return len(self._waiting)

    @property
    def running(self) -> int:
        return len(self._running)

    def retry_after(self) -> int:
        """Seconds a refused client should wait: roughly the time to drain the queue."""
        return max(1, min(600, round(self._avg_run_s * (self.waiting + 1) / self.workers)))

    # --- submit / cancel -------------------------------------------------------------
    def submit(self, job: Job) -> Job:
        with self._cond:
            if self._stopped:
                raise ShuttingDown("the server is shutting down")
            if len(self._waiting) >= self.max_waiting:
                raise QueueFull(
                    f"the generation queue is full ({self.max_waiting} waiting, PRESSBRIEF_MAX_QUEUE); retry later",
                    retry_after=self.retry_after(),
                )
            self._waiting.append(job)
            self._cond.notify_all()
        return job

    def cancel(self, job: Job, reason: str) -> None:
        """Withdraw a waiting job, or stop a running one at its next token."""
        with self._cond:
            job.cancel_reason = job.cancel_reason or reason
            job.cancel.set()
            if job.state == "waiting":
                try:
                    self._waiting.remove(job)
                except ValueError:
                    pass
                job.state = "cancelled"
                self._cond.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """Block until nothing waits or runs (tests, shutdown)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._waiting or self._running:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(left)
        return True

    # --- worker ----------------------------------------------------------------------
    def _take(self) -> list[Job]:
        first = self._waiting.popleft()
        batch = [first]
        limit = self._max_batch() if callable(self._max_batch) else self._max_batch
        if first.batch_key is not None and self._batch_runner is not None and limit > 1:
            for job in list(self._waiting):
                if len(batch) >= limit:
                    break
                if job.batch_key == first.batch_key:
                    self._waiting.remove(job)
                    batch.append(job)
        return batch

    def _work(self) -> None:
        while True:
            with self._cond:
                while not self._waiting and not self._stopped:
                    self._cond.wait()
                if self._stopped:
                    return
                batch = self._take()
                now = time.monotonic()
                for job in batch:
                    job.state = "running"
                    job.started_at = now
                    job.batch_size = len(batch)
                self._running.extend(batch)
                self._cond.notify_all()
            results = self._run(batch)
            finished = time.monotonic()
            with self._cond:
                self._avg_run_s = 0.8 * self._avg_run_s + 0.2 * (finished - now) / len(batch)
                for job in batch:
                    job.state = "cancelled" if job.cancel.is_set() else "done"
                    job.finished_at = finished
                self._running = [job for job in self._running if job not in batch]
                self._cond.notify_all()
            for job, result in zip(batch, results, strict=True):
                if self._on_finish is not None:
                    try:
                        self._on_finish(job, result)
                    except Exception:  # metrics must never take the worker down
                        log.exception("on_finish hook failed")
                job._resolve(result)

    def _run(self, batch: list[Job]) -> list[Any]:
        try:
            if len(batch) == 1:
                return [batch[0].run_one(batch[0].cancel)]
            assert self._batch_runner is not None
            results = self._batch_runner(batch)
            if len(results) != len(batch):
                raise RuntimeError(f"batch runner returned {len(results)} results for {len(batch)} jobs")
            return results
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to its request
            if not isinstance(exc, PressbriefError):
                log.error(
                    "generation failed",
                    exc_info=exc,
                    extra={"request_ids": [j.request_id for j in batch], "kind": batch[0].kind},
                )
            return [exc] * len(batch)


class CpuPool:
    """Threads for extraction and evaluation, apart from generation so they never wait behind it.

    At most ``workers`` run at once and ``max_waiting`` more wait; beyond that ``submit``
    raises :class:`QueueFull`. A slot is held until the work really ends, even when its
    request has given up (a thread cannot be interrupted), so the bound is real.
    """

    def __init__(self, workers: int, max_waiting: int):
        self.workers = max(1, workers)
        self.max_waiting = max_waiting
        self._pool = concurrent.futures.ThreadPoolExecutor(self.workers, thread_name_prefix="pressbrief-cpu")
        self._lock = threading.Lock()
        self._pending = 0

    @property
    def pending(self) -> int:
        return self._pending

    @property
    def waiting(self) -> int:
        return max(0, self._pending - self.workers)

    def submit(self, fn: Callable[..., Any], *args: Any) -> asyncio.Future:
        with self._lock:
            if self._pending >= self.workers + self.max_waiting:
                raise QueueFull(
                    f"too many extract/evaluate requests in progress ({self._pending}; "
                    "PRESSBRIEF_CPU_WORKERS + PRESSBRIEF_MAX_CPU_QUEUE); retry later",
                    retry_after=1,
                )
            self._pending += 1
        fut = self._pool.submit(fn, *args)
        fut.add_done_callback(self._release)
        return asyncio.wrap_future(fut)

    def _release(self, _fut: concurrent.futures.Future) -> None:
        with self._lock:
            self._pending -= 1

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
