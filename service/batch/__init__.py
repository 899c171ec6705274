"""Batch runs: many releases in, one resumable JSONL of results out."""

from __future__ import annotations

from .runner import DEFAULT_LANGS, run_batch
from .sources import Doc, iter_docs
from .store import ResultStore, iter_rows, load_results
from .summary import BatchSummary

__all__ = [
    "DEFAULT_LANGS",
    "BatchSummary",
    "Doc",
    "ResultStore",
    "iter_docs",
    "iter_rows",
    "load_results",
    "run_batch",
]
