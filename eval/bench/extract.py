"""Benchmark of the numeric core.

    python -m pressbrief.eval.bench.extract [--repeat N] [--corpus PATH]

Prints milliseconds per extraction of the reference release (median and best of N runs,
after one warm-up run that loads OpenCC) and documents per second over the dev corpus.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from pressbrief.service.numeric import extract

from .corpus_report import load_docs
from .paths import default_corpus, reference_release

REFERENCE = reference_release()


def bench_reference(repeat: int) -> tuple[float, float, float, int]:
    """(median wall ms, best wall ms, median CPU ms, mentions); CPU time is steadier on a busy machine."""
    text = REFERENCE.read_text("utf-8")
    extract(text)  # warm-up: OpenCC dictionaries, glossary, regex compilation
    wall, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        x = extract(text)
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(wall), min(wall), statistics.median(cpu), len(x.mentions)


def bench_corpus(path: Path, rounds: int) -> tuple[int, int, float]:
    docs = [d["text"] for d in load_docs(path)]
    chars = sum(len(t) for t in docs)
    t0 = time.perf_counter()
    for _ in range(rounds):
        for t in docs:
            extract(t)
    elapsed = time.perf_counter() - t0
    return len(docs), chars, len(docs) * rounds / elapsed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pressbrief.eval.bench.extract", description=__doc__)
    ap.add_argument("--repeat", type=int, default=50, help="runs on the reference release (default 50)")
    ap.add_argument("--rounds", type=int, default=3, help="passes over the dev corpus (default 3)")
    ap.add_argument("--corpus", type=Path, default=None)
    args = ap.parse_args(argv)
    median, best, cpu, n = bench_reference(max(1, args.repeat))
    print(f"reference release ({REFERENCE.stat().st_size:,} bytes, {n} mentions): "
          f"{median:.1f} ms median, {best:.1f} ms best (wall), {cpu:.1f} ms median CPU, over {args.repeat} runs")
    path = args.corpus or default_corpus()
    if path.exists():
        docs, chars, dps = bench_corpus(path, max(1, args.rounds))
        print(f"dev corpus ({docs} documents, {chars:,} characters): {dps:.0f} documents/second")
    else:
        print(f"dev corpus not found at {path}; skipped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
