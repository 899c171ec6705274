"""Per document of the dev corpus: numeric mentions found versus digit runs present.

    python -m pressbrief.eval.bench.corpus_report [--corpus PATH] [--misses] [--json]

A digit run (Arabic or full-width digits, with decimal points and thousands separators) that
no mention covers is a possible miss; --misses lists each with its context so misses are
visible. Chinese-numeral mentions (两家, 百分之十三) are counted as found but have no digit run.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from pressbrief.service.numeric import extract

from .paths import default_corpus

DIGIT_RUN = re.compile(r"[0-9０-９]+(?:[.,．，][0-9０-９]{1,3}(?![0-9０-９]))*(?:[.．][0-9０-９]+)?")


def load_docs(path: Path) -> list[dict]:
    docs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                docs.append(json.loads(line))
    return docs


def report_doc(doc_id: str, text: str) -> dict:
    t0 = time.perf_counter()
    x = extract(text)
    ms = (time.perf_counter() - t0) * 1000
    covered = [False] * len(text)
    for m in x.mentions:
        for k in range(m.start, m.end):
            covered[k] = True
    runs = list(DIGIT_RUN.finditer(text))
    misses = []
    for r in runs:
        if not any(covered[r.start():r.end()]):
            ctx = text[max(0, r.start() - 12):r.end() + 12].replace("\n", "⏎")
            misses.append({"run": r.group(), "start": r.start(), "context": ctx})
    return {
        "id": doc_id,
        "chars": len(text),
        "mentions": len(x.mentions),
        "metrics": len(x.metrics),
        "codes": sum(1 for m in x.mentions if m.is_code),
        "digit_runs": len(runs),
        "runs_covered": len(runs) - len(misses),
        "misses": misses,
        "ms": round(ms, 2),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pressbrief.eval.bench.corpus_report", description=__doc__)
    ap.add_argument("--corpus", type=Path, default=None,
                    help="JSONL with id and text (default ../shared/corpus/dev.jsonl)")
    ap.add_argument("--misses", action="store_true", help="list every uncovered digit run with context")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    args = ap.parse_args(argv)
    path = args.corpus or default_corpus()
    if not path.exists():
        print(f"corpus not found: {path} (pass --corpus PATH)", file=sys.stderr)
        return 2
    rows = [report_doc(d.get("id", f"doc{k}"), d["text"]) for k, d in enumerate(load_docs(path))]
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    print(f"{'id':<28} {'chars':>6} {'found':>6} {'metrics':>7} {'codes':>5} "
          f"{'digit runs':>10} {'covered':>8} {'missed':>6}")
    for r in rows:
        print(f"{r['id']:<28} {r['chars']:>6} {r['mentions']:>6} {r['metrics']:>7} {r['codes']:>5} "
              f"{r['digit_runs']:>10} {r['runs_covered']:>8} {len(r['misses']):>6}")
        if args.misses:
            for miss in r["misses"]:
                print(f"    miss {miss['run']!r:>12}  …{miss['context']}…")
    runs = sum(r["digit_runs"] for r in rows)
    cov = sum(r["runs_covered"] for r in rows)
    found = sum(r["mentions"] for r in rows)
    print(f"\n{len(rows)} documents: {found} mentions found; {cov}/{runs} digit runs covered "
          f"({(cov / runs * 100 if runs else 100):.1f}%), {runs - cov} uncovered")
    return 0


if __name__ == "__main__":
    sys.exit(main())
