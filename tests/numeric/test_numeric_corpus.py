"""The extractor on every document of the dev corpus (../shared/corpus/dev.jsonl)."""

from __future__ import annotations

import pytest

from pressbrief.eval.bench.corpus_report import default_corpus, load_docs, report_doc


@pytest.fixture(scope="module")
def docs():
    path = default_corpus()
    if not path.exists():
        pytest.skip(f"dev corpus not found at {path} (../shared/corpus is outside the repository)")
    return load_docs(path)


def test_every_document_extracts(docs):
    rows = [report_doc(d["id"], d["text"]) for d in docs]
    assert len(rows) == len(docs) >= 1
    runs = sum(r["digit_runs"] for r in rows)
    covered = sum(r["runs_covered"] for r in rows)
    # every digit run is part of some mention (value, date, code ...), or shows up in the report
    assert covered / runs >= 0.99, [m for r in rows for m in r["misses"]]
