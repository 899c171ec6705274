"""Progress of long work as typed events: what the pipeline reports, and what the job runner, the CLI's
progress line and the batch read as data (never by parsing the message back)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ProgressEvent:
    stage: str  # extract, digest, generate, guard, translate, headline
    message: str  # for people: "chunk 1/2: generating zh, en"
    chunk: int | None = None  # 1-based: which chunk (or batch of sentences) the stage works on
    chunks: int | None = None
    tokens: int | None = None  # tokens the stage concerns (a digest's size), when it says


Progress = Callable[[ProgressEvent], None] | None


def report(progress: Progress, stage: str, message: str, **fields: int | None) -> None:
    """Send one event when anyone listens."""
    if progress is not None:
        progress(ProgressEvent(stage, message, **fields))
