"""Shared fixtures and paths for the test suite.

Tiny models are built (seconds, seeded) into PRESSBRIEF_HOME like any model, so a test run
reuses them and the real default model's converted checkpoint alike.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "examples" / "xinxiang-2024-12-27-business-environment.txt"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def dev_corpus_path() -> Path:
    path = SHARED / "corpus" / "dev.jsonl"
    if not path.is_file():
        pytest.skip(f"dev corpus not found at {path} (../shared is absent); skipping corpus test")
    return path


@pytest.fixture(scope="session", autouse=True)
def _session_jobs_db(tmp_path_factory):
    """Servers started by module-scoped fixtures (before any test's own setting) keep their jobs in
    a file of this run, never in the user's PRESSBRIEF_HOME."""
    import os

    before = os.environ.get("PRESSBRIEF_JOBS_DB")
    os.environ["PRESSBRIEF_JOBS_DB"] = str(tmp_path_factory.mktemp("jobs") / "jobs.sqlite3")
    yield
    if before is None:
        os.environ.pop("PRESSBRIEF_JOBS_DB", None)
    else:
        os.environ["PRESSBRIEF_JOBS_DB"] = before


@pytest.fixture(autouse=True)
def _own_jobs_db(tmp_path, monkeypatch):
    """Each test's server keeps its jobs in its own SQLite file (the tiny models stay shared)."""
    monkeypatch.setenv("PRESSBRIEF_JOBS_DB", str(tmp_path / "jobs.sqlite3"))
