"""Progress bar for batch runs: done / total, failures, rate and ETA; silent off a terminal."""

from __future__ import annotations

import os
import sys
from typing import TextIO


class Progress:
    def __init__(self, total: int | None, *, enabled: bool = True, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.enabled = enabled and bool(getattr(self.stream, "isatty", lambda: False)())
        self.done = self.failed = self.already = 0
        self._bar = None
        if self.enabled:
            from tqdm import tqdm

            try:
                width = os.get_terminal_size(self.stream.fileno()).columns
            except (OSError, ValueError, AttributeError):
                width = 0
            # a terminal that reports no size (script, some CI runners) gets a fixed width
            self._bar = tqdm(total=total, unit="doc", file=self.stream, desc="batch", smoothing=0.1,
                             dynamic_ncols=width > 0, ncols=None if width > 0 else 100)
            self._bar.set_postfix_str(self._postfix())

    def _postfix(self) -> str:
        text = f"failed={self.failed}"
        if self.already:
            text += f" resumed={self.already}"
        return text

    def advance(self, *, failed: bool = False, already_done: bool = False) -> None:
        self.done += 1
        self.failed += int(failed)
        self.already += int(already_done)
        if self._bar is not None:
            if already_done:
                # documents done earlier are not work of this run: keep them out of the rate
                self._bar.total = max(0, (self._bar.total or 0) - 1)
                self._bar.set_postfix_str(self._postfix(), refresh=False)
                self._bar.refresh()
            else:
                self._bar.set_postfix_str(self._postfix(), refresh=False)
                self._bar.update(1)

    def write_failure(self, message: str) -> None:
        if self._bar is not None:
            self._bar.write(message, file=self.stream)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
