"""A terminal line while the model writes: stage, tokens so far, rate. Silent off a terminal."""

from __future__ import annotations

import sys
import threading
from typing import TextIO

from ..progress import ProgressEvent


class WritingProgress:
    """`stage(event)` for the pipeline's progress events, `tokens(n)` for its token meter."""

    def __init__(self, *, enabled: bool = True, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.enabled = enabled and bool(getattr(self.stream, "isatty", lambda: False)())
        self._lock = threading.Lock()
        self._bar = None
        if self.enabled:
            from tqdm import tqdm

            self._bar = tqdm(total=None, unit="tok", desc="loading model", file=self.stream, leave=False,
                             bar_format="{desc}: {n_fmt} tokens written [{elapsed}, {rate_fmt}]", ncols=100)

    def stage(self, event: ProgressEvent) -> None:
        if self._bar is not None:
            with self._lock:
                self._bar.set_description_str(event.message[:60])

    def tokens(self, n: int) -> None:
        if self._bar is not None:
            with self._lock:
                self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> WritingProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
