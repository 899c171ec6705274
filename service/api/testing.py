"""A deterministic engine double for tests of the HTTP layer (queueing, timeouts, cancellation).

Generation "decodes" ``tokens`` steps of ``step_s`` seconds, checking ``cancel`` at each step like
the real pipeline does, and can be held at a gate so a test decides when work finishes.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from pressbrief.models.runtimes.base import count_new_tokens

from ..errors import PressbriefError
from ..progress import Progress, ProgressEvent
from ..settings import Settings
from .app import create_app
from .engine import SummarizeArgs

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


class FakeCancelled(PressbriefError):
    http_status = 499
    code = "cancelled"


class FakeEngine:
    def __init__(
        self,
        model_name: str = "fake-model",
        *,
        tokens: int = 3,
        step_s: float = 0.0,
        max_batch: int = 1,
        load_error: Exception | None = None,
        honor_cancel: bool = True,
    ):
        self.model_name = model_name
        self.max_batch = max_batch
        self.tokens = tokens
        self.step_s = step_s
        self.load_error = load_error
        self.honor_cancel = honor_cancel  # False: a step that cannot be interrupted (held at the gate)
        self.load_gate = threading.Event()
        self.load_gate.set()
        self.gate = threading.Event()  # generation holds here until set (set = no hold)
        self.gate.set()
        self.extract_gate = threading.Event()  # extract/evaluate hold here until set
        self.extract_gate.set()
        self.started = threading.Event()  # set when any generation begins
        self.lock = threading.Lock()
        self.calls: list[str] = []
        self.batches: list[int] = []
        self.cancelled: list[str] = []  # texts whose generation saw cancel and stopped
        self.running = 0
        self.max_running = 0

    # --- Engine -----------------------------------------------------------------------
    def load(self) -> None:
        self.load_gate.wait()
        if self.load_error is not None:
            raise self.load_error

    def _decode(self, text: str, cancel: threading.Event) -> int:
        with self.lock:
            self.running += 1
            self.max_running = max(self.max_running, self.running)
        self.started.set()
        try:
            while not self.gate.is_set():
                if self.honor_cancel and cancel.wait(0.005):
                    break
                self.gate.wait(0.005)
            for _ in range(self.tokens):
                if cancel.is_set():
                    with self.lock:
                        self.cancelled.append(text)
                    raise FakeCancelled("generation cancelled")
                if self.step_s:
                    time.sleep(self.step_s)
                count_new_tokens()  # what a real runtime reports to a token meter (a job's progress)
            return self.tokens
        finally:
            with self.lock:
                self.running -= 1

    def summarize(self, args: SummarizeArgs, cancel: threading.Event,
                  progress: Progress = None) -> dict[str, Any]:
        with self.lock:
            self.calls.append("summarize")
            self.batches.append(1)
        if progress:
            progress(ProgressEvent("generate", "chunk 1/1: generating zh, en", chunk=1, chunks=1))
        tokens = self._decode(args.text, cancel)
        return self._brief(args, tokens)

    def summarize_batch(
        self, batch: list[SummarizeArgs], cancels: list[threading.Event]
    ) -> list[dict[str, Any] | BaseException]:
        with self.lock:
            self.calls.append("summarize_batch")
            self.batches.append(len(batch))
        out: list[dict[str, Any] | BaseException] = []
        for args, cancel in zip(batch, cancels, strict=True):
            try:
                out.append(self._brief(args, self._decode(args.text, cancel)))
            except PressbriefError as exc:
                out.append(exc)
        return out

    def translate(self, text: str, cancel: threading.Event,
                  progress: Progress = None) -> dict[str, Any]:
        with self.lock:
            self.calls.append("translate")
        if progress:
            progress(ProgressEvent("translate", "sentences 1-1 of 1", chunk=1, chunks=1))
        tokens = self._decode(text, cancel)
        sentences = [s for s in re.split(r"(?<=[。!?])", text) if s.strip()]
        guard = {"checked": 1, "repaired": 0, "dropped": 0, "fallback": False}
        return {
            "translation": " ".join(f"[en] {s}" for s in sentences),
            "sentences": [{"source": s, "target": f"[en] {s}", "guard": guard} for s in sentences],
            "timing": {"decode_tokens": tokens},
        }

    def extract(self, text: str) -> dict[str, Any]:
        with self.lock:
            self.calls.append("extract")
        self.extract_gate.wait(30)
        metrics = [{"text": m.group(), "start": m.start(), "end": m.end()} for m in re.finditer(r"\d+", text)]
        return {"sections": [{"id": 0, "heading": ""}], "metrics": metrics}

    def evaluate(
        self, text: str, summary_en: str | None, summary_zh: str | None, summary_zh_hant: str | None = None
    ) -> dict[str, Any]:
        with self.lock:
            self.calls.append("evaluate")
        self.extract_gate.wait(30)
        numbers = set(re.findall(r"\d+", text))
        unsupported = [
            n for s in (summary_en, summary_zh, summary_zh_hant) if s for n in re.findall(r"\d+", s) if n not in numbers
        ]
        return {"ok": not unsupported, "unsupported": unsupported}

    # --- helpers ----------------------------------------------------------------------
    def _brief(self, args: SummarizeArgs, tokens: int) -> dict[str, Any]:
        return {
            "brief_zh": "简报" if "zh" in args.langs else None,
            "brief_zh_hant": "簡報" if "zh-Hant" in args.langs else None,
            "brief_en": "Brief." if "en" in args.langs else None,
            "highlights": [],
            "guard": {"checked": 2, "repaired": 1, "dropped": 0, "fallback": False, "candidates": 1},
            "coverage": {"covered_chars": len(args.text), "total_chars": len(args.text), "uncovered": []},
            "timing": {"decode_tokens": tokens, "prefill_tokens": len(args.text)},
            "model": self.model_name,
            "en_path": args.en_path or "evidence",
            "zh_path": args.zh_path or "evidence",
            "sentences": {lang: [{"text": "简报" if lang == "zh" else "簡報" if lang == "zh-Hant" else "Brief.",
                                  "sources": [_first_char(args.text)], "actor": None,
                                  "figures": [], "checks": ["figures"], "repaired": [], "fallback": False}]
                          for lang in args.langs},
        }


def _first_char(text: str) -> dict:
    """The span of the first non-space character: what a fake brief sentence rests on."""
    start = len(text) - len(text.lstrip())
    return {"start": start, "end": min(start + 1, len(text))}


@contextmanager
def running_client(engine: Any, settings: Settings | None = None, ready: bool = True) -> Iterator[TestClient]:
    """A TestClient with the app's lifespan running (model load started); waits for /readyz."""
    from fastapi.testclient import TestClient


    app = create_app(settings, engine)
    with TestClient(app, raise_server_exceptions=False) as client:
        if ready:
            wait_ready(client)
        yield client


def wait_ready(client: Any, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if client.get("/readyz").status_code == 200:
            return
        time.sleep(0.02)
    raise TimeoutError(f"/readyz not 200 after {timeout} s: {client.get('/readyz').text}")


def wait_for(predicate: Callable[[], bool], timeout: float = 5.0, step: float = 0.005) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def serve_process(port: int, model: str | None = "tiny-qwen2", env: dict[str, str] | None = None,
                  log_path: str | None = None):
    """`pressbrief serve` as a subprocess on 127.0.0.1:port (tests, load tests); stderr to log_path if given.
    model None: the server's default model."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    script = shutil.which("pressbrief", path=str(Path(sys.executable).parent)) or shutil.which("pressbrief")
    command = [script] if script else [sys.executable, "-m", "pressbrief.service.cli"]
    err = open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115 - owned by the process
    chosen = ["--model", model] if model else []
    return subprocess.Popen([*command, "serve", "--host", "127.0.0.1", "--port", str(port), *chosen],
                            stdout=subprocess.DEVNULL, stderr=err, env=dict(os.environ, **(env or {})))


def wait_healthy(base: str, proc: Any, timeout: float = 60.0, path: str = "/readyz") -> None:
    """Until `path` answers 200; RuntimeError if the process exits or the time runs out."""
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"pressbrief serve exited with {proc.returncode}")
        try:
            if httpx.get(base + path, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"pressbrief serve: {path} not 200 within {timeout} s")
