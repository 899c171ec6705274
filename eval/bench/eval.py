"""Benchmark: how fast the harness scores (source, brief) pairs.

    python -m pressbrief.eval.bench.eval [--pairs 1000] [--corpus ../shared/corpus/dev.jsonl]

Pairs cycle through the hand-written test pairs (tests/data/eval_pairs.py), the reference release
with English and Chinese briefs, and — when the dev corpus is present — each document with a
three-sentence window of its English reference translation as the brief. Three timings:

- ``cold``: ``check_brief(text, brief, lang)`` with a cleared cache: each distinct source is
  extracted by the core once, then reused (what ``pressbrief eval`` does);
- ``guard``: the Extraction is computed beforehand, as the pipeline's guard passes it;
- ``distinct``: every pair has its own source text (no reuse at all: extraction every time).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import time
from pathlib import Path

from pressbrief.service.numeric import extract

from ..judge import source_index
from ..judge.align import check_brief
from ..judge.source_index import extraction_for
from .paths import find_corpus, reference_release, repo_file


def _pairs_file() -> list[dict]:
    path = repo_file("tests", "data", "eval_pairs.py")
    if not path.is_file():
        return []
    spec = importlib.util.spec_from_file_location("eval_pairs", path)
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return list(mod.PAIRS)


def build_pairs(n: int, corpus: Path | None) -> list[tuple[str, str, str]]:
    release = reference_release().read_text(encoding="utf-8")
    base: list[tuple[str, str, str]] = []
    for p in _pairs_file():
        base.append((release if p["source"] == "@release" else p["source"], p["brief"], p["lang"]))
    base.append((release, "IP pledge financing reached RMB 1.262 billion, up 16.85% year on year, ranking first in "
                          "the province; new trademark registrations totalled 10,430, up 25.72%, and valid "
                          "registrations 110,386, up 13%. The zone revitalised 2,381 mu of land and attracted 32 "
                          "projects, with RMB 25.88 million in awards.", "en"))
    base.append((release, "今年知识产权质押融资12.62亿元,较去年同期增长16.85%,居全省第一位;新增商标注册10430件,"
                          "同比增长25.72%。经开区累计盘活土地2381亩,新招引落地项目32个。", "zh"))
    if corpus and corpus.is_file():
        for line in corpus.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            ref = rec.get("reference_translation_en")
            if not ref:
                continue
            sents = [s for s in re.split(r"(?<=[.!?])\s+|\n", ref) if s.strip()]
            for i in range(0, max(1, len(sents) - 2), 3):
                base.append((rec["text"], " ".join(sents[i:i + 3]), "en"))
    return [base[i % len(base)] for i in range(n)]


def _clear_caches() -> None:

    source_index._CACHE.clear()
    source_index._TEXT_CACHE.clear()


def bench(pairs: list[tuple[str, str, str]]) -> dict:


    _clear_caches()
    numbers = 0
    t0 = time.perf_counter()
    for src, brief, lang in pairs:
        numbers += check_brief(src, brief, lang).numbers
    cold = time.perf_counter() - t0
    distinct_sources = len({p[0] for p in pairs})

    exs = {src: extraction_for(src) for src, _, _ in pairs}
    t0 = time.perf_counter()
    for src, brief, lang in pairs:
        check_brief(exs[src], brief, lang)
    guard = time.perf_counter() - t0

    k = min(200, len(pairs))
    _clear_caches()
    t0 = time.perf_counter()
    for i, (src, brief, lang) in enumerate(pairs[:k]):
        check_brief(extract(src + f"\n（{i}）"), brief, lang)
    distinct = (time.perf_counter() - t0) * len(pairs) / k
    return {
        "pairs": len(pairs), "numbers": numbers, "distinct_sources": distinct_sources,
        "cold_s": round(cold, 3), "cold_pairs_per_s": round(len(pairs) / cold, 1),
        "guard_s": round(guard, 3), "guard_pairs_per_s": round(len(pairs) / guard, 1),
        "distinct_s_estimated": round(distinct, 3), "distinct_sample": k,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pressbrief.eval.bench.eval", description=__doc__.split("\n")[0])
    ap.add_argument("--pairs", type=int, default=1000)
    ap.add_argument("--corpus", help="dev corpus for extra pairs (default ../shared/corpus/dev.jsonl if present)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    pairs = build_pairs(args.pairs, find_corpus(args.corpus))
    res = bench(pairs)
    if args.json:
        print(json.dumps(res))
    else:
        print(f"{res['pairs']} pairs ({res['distinct_sources']} distinct sources, {res['numbers']} numbers)")
        print(f"  cold (extract each source once): {res['cold_s']:.2f} s  ({res['cold_pairs_per_s']} pairs/s)")
        print(f"  guard (Extraction passed in):    {res['guard_s']:.2f} s  ({res['guard_pairs_per_s']} pairs/s)")
        print(f"  distinct source per pair:        {res['distinct_s_estimated']:.2f} s  "
              f"(estimated from {res['distinct_sample']} pairs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
