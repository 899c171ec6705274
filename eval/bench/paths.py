"""Where the benchmarks find their inputs: the repository they run from (examples/, tests/data/) and
the shared evaluation data beside it (../shared/corpus/), looked up from this file and from the
current folder, so a benchmark works both from a checkout and from an installed package run in one."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]  # eval/bench/paths.py -> the repository root
REFERENCE_NAME = "xinxiang-2024-12-27-business-environment.txt"


def _roots() -> list[Path]:
    return list(dict.fromkeys([REPO, Path.cwd()]))


def repo_file(*parts: str) -> Path:
    """A file of the repository (``examples/...``, ``tests/data/...``); the first root that has it, else
    the path under the repository root (so the error names where it was expected)."""
    for root in _roots():
        p = root.joinpath(*parts)
        if p.exists():
            return p
    return REPO.joinpath(*parts)


def reference_release() -> Path:
    """The bundled reference release (examples/)."""
    return repo_file("examples", REFERENCE_NAME)


def find_corpus(path: str | Path | None = None, name: str = "dev.jsonl") -> Path | None:
    """The given path, else ``../shared/corpus/<name>`` beside the repository or the current folder;
    None when there is none (callers skip with a message)."""
    candidates = [Path(path)] if path else [root.parent / "shared" / "corpus" / name for root in _roots()]
    return next((p for p in candidates if p.is_file()), None)


def default_corpus() -> Path:
    """The dev corpus path, existing or not (for messages and defaults)."""
    return find_corpus() or REPO.parent / "shared" / "corpus" / "dev.jsonl"
