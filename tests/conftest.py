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
