"""Score each dev document's English reference translation against its Chinese source.

    python -m pressbrief.eval.bench.reference_check [--corpus ../shared/corpus/dev.jsonl] [--all] [--json]

A human translation should be numerically faithful, so every number the harness calls wrong is
either a real discrepancy in the reference or a harness bug. The script prints number precision
per document and overall, and each non-supported number with its context and the source
sentence it was compared with, for a person to read.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from ..judge.align import check_brief
from ..judge.source_index import extraction_for
from .paths import find_corpus


def run(corpus: Path, field: str = "reference_translation_en", lang: str = "en") -> dict:
    docs = []
    total = supported = 0
    errors: dict[str, int] = {}
    t0 = time.perf_counter()
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            brief = rec.get(field)
            if not brief:
                continue
            ex = extraction_for(rec["text"])
            rep = check_brief(ex, brief, lang)
            total += rep.numbers
            supported += rep.supported
            for k, v in rep.errors.items():
                errors[k] = errors.get(k, 0) + v
            bad = []
            for c in rep.checks:
                if c.supported:
                    continue
                n = c.number
                bad.append({
                    "text": n.text, "error": c.error, "note": c.note, "rounding": c.rounding,
                    "context": brief[max(0, n.start - 60):n.end + 60].replace("\n", " "),
                    "source": [m.text for m in c.matches],
                    "source_sentence": c.matches[0].sentence if c.matches else None,
                })
            docs.append({"id": rec["id"], "numbers": rep.numbers, "supported": rep.supported,
                         "precision": rep.precision, "errors": rep.errors, "bad": bad})
    return {
        "corpus": str(corpus), "field": field, "documents": len(docs), "numbers": total, "supported": supported,
        "precision": supported / total if total else None, "errors": errors,
        "seconds": round(time.perf_counter() - t0, 3), "signature": rep.signature if docs else "",
        "docs": docs,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pressbrief.eval.bench.reference_check",
                                 description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", help="JSONL with text and the reference field (default ../shared/corpus/dev.jsonl)")
    ap.add_argument("--field", default="reference_translation_en")
    ap.add_argument("--lang", default="en", choices=["en", "zh", "zh-Hant"])
    ap.add_argument("--json", action="store_true", help="print the whole result as JSON")
    args = ap.parse_args(argv)
    corpus = find_corpus(args.corpus)
    if corpus is None:
        print("reference_check: no corpus found (pass --corpus PATH)", file=sys.stderr)
        return 2
    res = run(corpus, args.field, args.lang)
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return 0
    for d in res["docs"]:
        p = "n/a" if d["precision"] is None else f"{100 * d['precision']:.1f}"
        print(f"{d['id']:28} numbers {d['numbers']:4}  supported {d['supported']:4}  precision {p}")
        for b in d["bad"]:
            print(f"    [{b['error']}] {b['text']!r}: {b['note']} {b['rounding'] or ''}")
            print(f"        brief : …{b['context']}…")
            if b["source_sentence"]:
                print(f"        source: {b['source']} in {b['source_sentence'][:140]}")
    p = "n/a" if res["precision"] is None else f"{100 * res['precision']:.2f}"
    print(f"\n{res['documents']} documents, {res['numbers']} numbers, {res['supported']} supported: "
          f"precision {p}%  errors {res['errors']}  ({res['seconds']} s)")
    print(res["signature"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
