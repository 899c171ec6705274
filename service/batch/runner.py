"""Run summarize over many documents into one resumable JSONL file.

Row format (one JSON object a line, UTF-8)::

    {"id", "status": "ok", "text_sha256", "source": {"path"} | {"jsonl", "line"}, "meta": {...},
     "chars", "text", "result": <BriefResult.to_json()>, "checks": {"number_precision", ...},
     "elapsed_s", "finished_at"}
    {"id", "status": "error", "text_sha256" (null when unreadable), "source", "meta",
     "error": {"code", "type", "message"}, "elapsed_s", "finished_at"}

A document counts as done when OUT holds a row with its id and text hash; later rows for the
same id supersede earlier ones (OUT is compacted at the end of a run that superseded rows).
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor
from concurrent.futures import wait as concurrent_wait
from datetime import UTC, datetime
from pathlib import Path

from pressbrief.service import pipeline
from pressbrief.service.pipeline import summarize

from ..errors import InputError, OutputError, PressbriefError
from .checks import number_checks
from .progress import Progress
from .sources import Doc, Skipped, count_docs, iter_docs
from .store import ResultStore
from .summary import BatchSummary, summarize_rows

SummarizeFn = Callable[..., object]
BatchFn = Callable[..., Sequence[object]]  # (texts, *, cancels, **kwargs) -> result or exception per text
DEFAULT_LANGS = ("zh", "zh-Hant", "en")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _result_json(result: object) -> dict:
    if isinstance(result, dict):
        return result
    to_json = getattr(result, "to_json", None)
    if callable(to_json):
        return to_json()
    raise TypeError(f"summarize returned {type(result).__name__}, expected an object with to_json()")


def error_row(doc: Doc, exc: BaseException, elapsed_s: float = 0.0) -> dict:
    if isinstance(exc, PressbriefError):
        err = {"code": exc.code, "type": type(exc).__name__, "message": exc.message}
    else:
        err = {
            "code": "internal_error",
            "type": type(exc).__name__,
            "message": f"{type(exc).__name__}: {exc}",
        }
    return {
        "id": doc.id,
        "status": "error",
        "text_sha256": doc.sha,
        "source": doc.origin,
        "meta": doc.meta,
        "error": err,
        "elapsed_s": round(elapsed_s, 4),
        "finished_at": _now(),
    }


def unwritable_row(row: dict, exc: BaseException) -> dict:
    """The error row that replaces a row OUT could not take (a result JSON cannot hold)."""
    return {
        "id": str(row.get("id")),
        "status": "error",
        "text_sha256": row.get("text_sha256"),
        "source": row.get("source"),
        "meta": {},
        "error": {"code": "internal_error", "type": type(exc).__name__,
                  "message": f"the result could not be written ({type(exc).__name__}: {exc})"},
        "elapsed_s": row.get("elapsed_s", 0.0),
        "finished_at": _now(),
    }


def check_langs(langs: Sequence[str]) -> None:
    """InputError unless ``langs`` are some of zh, zh-Hant, en."""
    unknown = [lang for lang in langs if lang not in DEFAULT_LANGS]
    if unknown or not langs:
        shown = ", ".join(repr(lang) for lang in unknown) or "none"
        raise InputError(f"--langs: {shown} is not a brief language; give some of {', '.join(DEFAULT_LANGS)}")


def ok_row(doc: Doc, result: dict, checks: dict | None, elapsed_s: float) -> dict:
    assert doc.text is not None
    return {
        "id": doc.id,
        "status": "ok",
        "text_sha256": doc.sha,
        "source": doc.origin,
        "meta": doc.meta,
        "chars": len(doc.text),
        "text": doc.text,
        "result": result,
        "checks": checks or {},
        "elapsed_s": round(elapsed_s, 4),
        "finished_at": _now(),
    }


def default_summarize() -> SummarizeFn:
    """The real pipeline (one release at a time: a batched entry point is passed as ``summarize_batch_fn``)."""
    return pipeline.summarize


class _Interrupt:
    """First Ctrl-C: cancel the document in flight and stop after it; second: stop at once."""

    def __init__(self, cancel: threading.Event, log: Callable[[str], None]):
        self.cancel = cancel
        self.log = log
        self.stop = False
        self._old = None

    def __enter__(self) -> _Interrupt:
        if threading.current_thread() is threading.main_thread():
            self._old = signal.signal(signal.SIGINT, self._handle)
        return self

    def _handle(self, signum, frame) -> None:
        if self.stop:
            raise KeyboardInterrupt
        self.stop = True
        self.cancel.set()
        self.log("\nbatch: interrupted; stopping after the document in flight (Ctrl-C again to stop now)")

    def __exit__(self, *exc) -> None:
        if self._old is not None:
            signal.signal(signal.SIGINT, self._old)


def run_batch(
    inputs: Sequence[str],
    out: str | Path,
    *,
    summarize_fn: SummarizeFn | None = None,
    summarize_batch_fn: BatchFn | None = None,
    batch_size: int = 1,
    workers: int = 1,
    model: str | None = None,
    langs: Sequence[str] = DEFAULT_LANGS,
    max_highlights: int | None = None,
    retry_failed: bool = False,
    show_progress: bool | None = None,
    quiet: bool = False,
    log: Callable[[str], None] | None = None,
    checks_fn: Callable[[str, dict], dict] | None = None,
    handle_sigint: bool = False,
    cancel: threading.Event | None = None,
    ray_address: str | None = None,
) -> BatchSummary:
    """Summarize every document of ``inputs`` into ``out``; returns the summary.

    ``summarize_fn(text, langs=, max_highlights=, model=, cancel=)`` defaults to the pipeline;
    with ``summarize_batch_fn`` and ``batch_size`` > 1, documents go to the model in groups.
    ``checks_fn(text, result_json)`` adds independent checks (number precision) to each row.
    With ``workers`` > 1, ``workers`` documents are in flight at once (a model server answers them
    together; a local model still generates one at a time while the numeric steps overlap), read
    ahead and checked in threads, and each row is written when its document finishes. With
    ``ray_address`` ("" or "auto" for a local Ray, else a cluster address) each document is a Ray
    task that loads its own model or opens its own connection to the model server.
    """

    def _log(msg: str) -> None:
        if not quiet:
            (log or (lambda m: print(m, file=sys.stderr)))(msg)

    check_langs(langs)  # before any row: a bad option is no document's error (its rows would block a rerun)
    if summarize_fn is None:
        summarize_fn = default_summarize()
    batch_size = max(1, batch_size if summarize_batch_fn is not None else 1)
    if checks_fn is None:
        checks_fn = number_checks
    cancel = cancel or threading.Event()
    kwargs: dict = {"langs": tuple(langs), "model": model, "cancel": cancel}
    if max_highlights is not None:
        kwargs["max_highlights"] = max_highlights

    started = time.monotonic()
    run_ids: list[str] = []
    run_times: list[float] = []
    skipped: list[dict] = []
    counts = {"already": 0, "processed": 0}
    with ResultStore(out, log=_log) as store:
        total = count_docs(inputs)
        interrupt = _Interrupt(cancel, _log)
        progress = Progress(total, enabled=(not quiet) if show_progress is None else show_progress)
        runner = _GroupRunner(summarize_fn, summarize_batch_fn, kwargs, cancel)

        def _write(row: dict) -> None:
            try:
                store.append(row)
            except OutputError:
                raise  # OUT cannot be written (a full disk): the run stops with the reason
            except Exception as exc:  # noqa: BLE001 - a row that cannot be written is that document's error
                row = unwritable_row(row, exc)
                store.append(row)
            counts["processed"] += 1
            run_times.append(row["elapsed_s"])
            if row["status"] != "ok":
                message = f"batch: {row['id']}: {row['error']['message']}"
                progress.write_failure(message) if progress.enabled else _log(message)
            progress.advance(failed=row["status"] != "ok")

        finisher = _Finisher(checks_fn, workers, _write)
        docs = iter_docs(inputs) if workers <= 1 else _read_ahead(iter_docs(inputs), 4 * workers, cancel)
        lanes: _Lanes | None = None
        if ray_address is not None:
            lanes = _RayLanes(ray_address, kwargs, workers if workers > 1 else None)
            _log(f"batch: on Ray ({lanes.where}), {lanes.limit} document(s) in flight")
        elif workers > 1 and batch_size == 1:  # (a batched runtime takes groups instead, checked in threads)
            lanes = _ThreadLanes(runner, workers)
        try:
            with interrupt if handle_sigint else contextlib.nullcontext():
                group: list[Doc] = []
                for item in docs:
                    if isinstance(item, Skipped):
                        skipped.append({"path": item.path, "reason": item.reason})
                        _log(f"batch: {item.path}: left out ({item.reason})")
                        continue
                    run_ids.append(item.id)
                    if store.is_done(item.id, item.sha, retry_failed):
                        counts["already"] += 1
                        progress.advance(already_done=True)
                        continue
                    if cancel.is_set():
                        break
                    if item.error is not None:
                        finisher.submit(item, item.error, 0.0)
                        continue
                    try:
                        if lanes is not None:
                            # N documents in flight; rows are written as they finish
                            if not lanes.submit(item, finisher) or cancel.is_set():
                                break
                            continue
                        group.append(item)
                        if len(group) >= batch_size:
                            if not finisher.submit_all(runner.run(group)):
                                break
                            group = []
                    except OutputError:
                        raise
                    except Exception as exc:  # noqa: BLE001 - whatever a record holds, it is that record's row
                        group = [doc for doc in group if doc is not item]
                        finisher.submit(item, exc, 0.0)
                else:
                    if group and not cancel.is_set():
                        finisher.submit_all(runner.run(group))
        finally:
            if lanes is not None:
                lanes.drain(finisher, cancel)
            finisher.close()
            progress.close()
            if hasattr(docs, "close"):
                docs.close()
        interrupted = interrupt.stop or cancel.is_set()
        rows_dropped = store.compact() if not interrupted else 0
        rows = [store.rows[i] for i in dict.fromkeys(run_ids) if i in store.rows]
        summary = summarize_rows(
            out,
            rows,
            documents=max(total, len(run_ids)) if interrupted else len(run_ids),
            already_done=counts["already"],
            processed=counts["processed"],
            run_times=run_times,
            wall_s=time.monotonic() - started,
            interrupted=interrupted,
            skipped_files=skipped,
        )
        summary.rows_dropped = rows_dropped
    return summary


def _read_ahead(items: Iterator, depth: int, cancel: threading.Event) -> Iterator:
    """Read and decode documents in a thread, up to ``depth`` ahead of generation."""
    q: queue.Queue = queue.Queue(maxsize=depth)
    done = object()
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        q.put(item, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
        except BaseException as exc:  # noqa: BLE001 - re-raised in the consumer
            q.put(exc)
        finally:
            q.put(done)

    thread = threading.Thread(target=produce, name="batch-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            item = q.get()
            if item is done:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()


Outcome = tuple[Doc, object, float]  # (document, result or exception or None if cancelled, seconds)


class _GroupRunner:
    """Summarize a group of documents: one batched call when the runtime offers one."""

    def __init__(
        self,
        summarize_fn: SummarizeFn,
        summarize_batch_fn: BatchFn | None,
        kwargs: dict,
        cancel: threading.Event,
    ):
        self.summarize_fn = summarize_fn
        self.summarize_batch_fn = summarize_batch_fn
        self.kwargs = kwargs
        self.cancel = cancel

    def run(self, docs: list[Doc]) -> list[Outcome]:
        """One outcome per document, in order; the result is None for a cancelled document."""
        if len(docs) > 1 and self.summarize_batch_fn is not None:
            outcomes = self._batched(docs)
            if outcomes is not None:
                return outcomes
        outcomes = []
        for doc in docs:
            outcome = self.one(doc)
            outcomes.append(outcome)
            if outcome[1] is None:
                break
        return outcomes

    def _batched(self, docs: list[Doc]) -> list[Outcome] | None:
        assert self.summarize_batch_fn is not None
        t0 = time.monotonic()
        kwargs = {k: v for k, v in self.kwargs.items() if k != "cancel"}
        try:
            results = list(
                self.summarize_batch_fn([d.text for d in docs], cancels=[self.cancel] * len(docs), **kwargs)
            )
            if len(results) != len(docs):
                raise RuntimeError(f"batch call gave {len(results)} results for {len(docs)} documents")
        except Exception:  # noqa: BLE001 - fall back to one call per document
            return [(docs[0], None, 0.0)] if self.cancel.is_set() else None
        each = (time.monotonic() - t0) / len(docs)
        outcomes: list[Outcome] = []
        for doc, res in zip(docs, results, strict=True):
            if isinstance(res, BaseException) and self.cancel.is_set():
                return outcomes + [(doc, None, each)]
            outcomes.append((doc, res, each))
        return outcomes

    def one(self, doc: Doc) -> Outcome:
        t0 = time.monotonic()
        try:
            result: object = self.summarize_fn(doc.text, **self.kwargs)
        except Exception as exc:  # noqa: BLE001 - every failure becomes an error row
            result = None if self.cancel.is_set() else exc
        return doc, result, time.monotonic() - t0


class _Finisher:
    """Turn outcomes into rows (running the checks) and write them, in order.

    With one worker the checks run inline; with more they run in threads while the next
    document generates, and rows are written as soon as their checks finish.
    """

    def __init__(self, checks_fn: Callable[[str, dict], dict], workers: int, write: Callable[[dict], None]):
        self.checks_fn = checks_fn
        self.write = write
        self.pool = ThreadPoolExecutor(workers, thread_name_prefix="batch-check") if workers > 1 else None
        self.pending: deque[Future] = deque()

    def submit_all(self, outcomes: list[Outcome]) -> bool:
        """Every finished document gets its row; False when one was cancelled (the run stops; a
        cancelled document gets no row and is done again on the next run)."""
        ok = True
        for doc, result, elapsed in outcomes:
            if result is None:
                ok = False
                continue
            self.submit(doc, result, elapsed)
        return ok

    def submit(self, doc: Doc, result: object, elapsed: float) -> None:
        if self.pool is None:
            self.write(self._row(doc, result, elapsed))
            return
        self.pending.append(self.pool.submit(self._row, doc, result, elapsed))
        while self.pending and self.pending[0].done():
            self.write(self.pending.popleft().result())

    def _row(self, doc: Doc, result: object, elapsed: float) -> dict:
        t0 = time.monotonic()
        if isinstance(result, BaseException):
            return error_row(doc, result, elapsed)
        try:
            data = _result_json(result)
        except Exception as exc:  # noqa: BLE001
            return error_row(doc, exc, elapsed)
        try:
            checks = self.checks_fn(doc.text or "", data)
        except Exception as exc:  # noqa: BLE001 - a failed check must not lose the brief
            checks = {"error": f"{type(exc).__name__}: {exc}"}
        return ok_row(doc, data, checks, elapsed + time.monotonic() - t0)

    def close(self) -> None:
        while self.pending:
            self.write(self.pending.popleft().result())
        if self.pool is not None:
            self.pool.shutdown(wait=True)


class _Lanes:
    """Documents in flight at once, each summarized apart; outcomes come back as they finish."""

    limit: int

    def submit(self, doc: Doc, finisher: _Finisher) -> bool:
        """Start ``doc``, first waiting while ``limit`` are in flight; False once a document was
        cancelled (the run stops)."""
        ok = True
        while self.in_flight() >= self.limit and ok:
            ok = finisher.submit_all(self.wait())
        if ok:
            self.start(doc)
        return ok

    def drain(self, finisher: _Finisher, cancel: threading.Event) -> None:
        """Wait for every document in flight; a finished one gets its row, a cancelled one none
        (it is done again on the next run)."""
        while self.in_flight():
            finisher.submit_all(self.wait())

    def in_flight(self) -> int:
        raise NotImplementedError

    def start(self, doc: Doc) -> None:
        raise NotImplementedError

    def wait(self) -> list[Outcome]:
        raise NotImplementedError


class _ThreadLanes(_Lanes):
    """In-process: one thread per document in flight, all sharing the process's model or connection."""

    def __init__(self, runner: _GroupRunner, limit: int):
        self.runner = runner
        self.limit = limit
        self.pool = ThreadPoolExecutor(limit, thread_name_prefix="batch-doc")
        self.futures: set[Future] = set()

    def in_flight(self) -> int:
        return len(self.futures)

    def start(self, doc: Doc) -> None:
        self.futures.add(self.pool.submit(self.runner.one, doc))

    def wait(self) -> list[Outcome]:
        done, self.futures = concurrent_wait(self.futures, return_when=FIRST_COMPLETED)
        return [f.result() for f in done]

    def drain(self, finisher: _Finisher, cancel: threading.Event) -> None:
        super().drain(finisher, cancel)
        self.pool.shutdown(wait=True)


class _RayLanes(_Lanes):
    """On Ray: each document a task in a Ray worker process (its own model, or its own connection to
    the model server); the driver alone writes OUT, so resuming works exactly as without Ray."""

    def __init__(self, address: str, kwargs: dict, limit: int | None):
        try:
            import ray
        except ImportError:
            raise InputError("--ray needs Ray: pip install 'pressbrief[ray]'") from None
        self.ray = ray
        if not ray.is_initialized():
            # the workers see this process's PRESSBRIEF_* settings (model, server URL, limits) on any node
            env = {k: v for k, v in os.environ.items() if k.startswith("PRESSBRIEF_")}
            ray.init(address=address or None, include_dashboard=False, log_to_driver=False,
                     ignore_reinit_error=True, runtime_env={"env_vars": env} if env else None)
        self.where = address or "local"
        self.kwargs = {k: v for k, v in kwargs.items() if k != "cancel"}  # an Event cannot travel; see drain
        self.limit = limit or max(1, int(ray.available_resources().get("CPU", 1)))
        self.task = ray.remote(num_cpus=1, max_retries=0)(_ray_summarize)
        self.refs: dict = {}

    def in_flight(self) -> int:
        return len(self.refs)

    def start(self, doc: Doc) -> None:
        self.refs[self.task.remote(doc.text, self.kwargs)] = (doc, time.monotonic())

    def wait(self) -> list[Outcome]:
        ready, _ = self.ray.wait(list(self.refs), num_returns=1)
        outcomes = []
        for ref in ready:
            doc, t0 = self.refs.pop(ref)
            try:
                result: object = self.ray.get(ref)
            except self.ray.exceptions.TaskCancelledError:
                result = None
            except self.ray.exceptions.RayTaskError as exc:  # the document's own error, unwrapped
                result = exc.cause if isinstance(exc.cause, BaseException) else exc
            except self.ray.exceptions.RayError as exc:  # a worker died: an error row, not a lost document
                result = exc
            outcomes.append((doc, result, time.monotonic() - t0))
        return outcomes

    def drain(self, finisher: _Finisher, cancel: threading.Event) -> None:
        if cancel.is_set():
            for ref in self.refs:
                self.ray.cancel(ref, force=True)
        super().drain(finisher, cancel)


def _ray_summarize(text: str, kwargs: dict) -> dict:
    """The per-document work in a Ray worker: the pipeline's summarize, its JSON returned."""

    return summarize(text, **kwargs).to_json()
