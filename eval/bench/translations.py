"""pressbrief translate on the newstest2021 documents of the dev corpus, beside the WMT21 systems.

    python -m pressbrief.eval.bench.translations run --out OUT.jsonl [--limit N] [--ids ID,ID] [--model NAME]
    python -m pressbrief.eval.bench.translations score OUT.jsonl [LABEL=OUT.jsonl ...] [--systems Online-A]
                                                     [--markdown] [--json]

``run`` translates each ``wmt21-zhen-*`` document of ``../shared/corpus/dev.jsonl`` and appends one
JSON line per document (``id``, the ``translate`` result) to OUT.jsonl; documents already there are
skipped, so an interrupted run resumes. ``score`` puts one or more such files (``LABEL=PATH`` names a
column; a bare path is named after its file) beside Online-A, the WMT21 system with the best chrF on
the same documents, and any system named by ``--systems``, scored by ``eval/translations.py``: chrF
and BLEU against the professional reference (each document one segment), numbers the checker backs,
sentences with a marked span, sentences left out, seconds per document. The corpus is not part of
the repository: without ``../shared/corpus`` both commands say so and exit 0.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from pressbrief.service.brief.translate import translate

from ..translations import TranslationDoc, score_documents
from .paths import find_corpus

WMT_PREFIX = "wmt21-zhen-"
ONLINE_A = "Online-A"
REFERENCE_SYSTEM = "ref-A"  # the human reference as the systems file holds it: no system to rank


def wmt_documents(corpus: Path) -> list[dict]:
    """The dev corpus's newstest2021 documents that carry a reference translation."""
    with corpus.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return [r for r in rows if r["id"].startswith(WMT_PREFIX) and r.get("reference_translation_en")]


def _done_ids(out: Path) -> set[str]:
    if not out.exists():
        return set()
    with out.open(encoding="utf-8") as fh:
        return {json.loads(line)["id"] for line in fh if line.strip()}


def run(docs: list[dict], out: Path, model: str | None) -> None:
    done = _done_ids(out)
    for doc in docs:
        if doc["id"] in done:
            continue
        t0 = time.perf_counter()
        result = translate(doc["text"], model=model).to_json()
        row = {"id": doc["id"], "wall_s": round(time.perf_counter() - t0, 3), "result": result}
        with out.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{doc['id']}: {row['wall_s']:.1f} s, {len(result['sentences'])} sentences", file=sys.stderr)


def _pressbrief_docs(path: Path, by_id: dict[str, dict]) -> list[TranslationDoc]:
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    out = []
    for row in rows:
        src = by_id.get(row["id"])
        if src is None:
            continue
        res = row["result"]
        out.append(TranslationDoc(row["id"], src["text"], res["translation"], src["reference_translation_en"],
                                  sentences=res["sentences"], seconds=row.get("wall_s")))
    return out


def _system_docs(path: Path, by_id: dict[str, dict], ids: set[str]) -> dict[str, list[TranslationDoc]]:
    systems: dict[str, list[TranslationDoc]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec["doc_id"] not in ids or rec["system"] == REFERENCE_SYSTEM:
                continue
            src = by_id[rec["doc_id"]]
            systems.setdefault(rec["system"], []).append(
                TranslationDoc(rec["doc_id"], src["text"], rec["summary_en"], src["reference_translation_en"]))
    return systems


def score(runs: list[tuple[str, Path]], docs: list[dict], systems_file: Path | None, wanted: list[str]) -> list[dict]:
    """One row per column: each run, then Online-A, the best WMT21 system by chrF and the named ones,
    all on the documents every run translated."""
    by_id = {d["id"]: d for d in docs}
    ours = {label: _pressbrief_docs(path, by_id) for label, path in runs}
    ids = set.intersection(*({d.doc_id for d in v} for v in ours.values())) if ours else set(by_id)
    rows = [{"system": label} | score_documents([d for d in v if d.doc_id in ids]) for label, v in ours.items()]
    if systems_file is not None:
        systems = {name: score_documents(sorted(v, key=lambda d: d.doc_id))
                   for name, v in _system_docs(systems_file, by_id, ids).items()}
        best = max(systems, key=lambda name: systems[name]["chrF"])
        for name in dict.fromkeys([ONLINE_A, best, *wanted]):
            if name in systems:
                label = f"{name} (best WMT21 by chrF)" if name == best else name
                rows.append({"system": label} | systems[name])
    return rows


COLUMNS = (("chrF", "chrF"), ("BLEU", "BLEU"), ("numbers backed", "numbers"),
           ("sentences with a marked span", "marked"), ("sentences left out", "left_out"), ("s/doc", "s_per_doc"))


def _cell(row: dict, key: str) -> str:
    if key == "numbers":
        return f"{row['numbers_supported']}/{row['numbers']}"
    if key == "marked":
        return "–" if row["sentences"] is None else f"{row['sentences_marked']}/{row['sentences']}"
    if key == "left_out":
        return "–" if row["sentences"] is None else str(row["sentences_left_out"])
    if key == "s_per_doc":
        return "–" if row["s_per_doc"] is None else f"{row['s_per_doc']:.1f}"
    return f"{row[key]:.1f}"


def markdown(rows: list[dict], n_docs: int) -> str:
    head = f"| {n_docs} newstest2021 docs | " + " | ".join(name for name, _ in COLUMNS) + " |"
    lines = [head, "|" + "---|" * (len(COLUMNS) + 1)]
    lines += [f"| {r['system']} | " + " | ".join(_cell(r, key) for _, key in COLUMNS) + " |" for r in rows]
    return "\n".join(lines)


def _runs(args: list[str]) -> list[tuple[str, Path]]:
    out = []
    for a in args:
        label, _, path = a.rpartition("=")
        out.append((label or Path(path).stem, Path(path)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="translate the documents into OUT.jsonl (resumable)")
    r.add_argument("--out", required=True, type=Path)
    r.add_argument("--model", default=None)
    s = sub.add_parser("score", help="score translation files beside the WMT21 systems")
    s.add_argument("files", nargs="*", metavar="[LABEL=]OUT.jsonl")
    s.add_argument("--systems", default="", help="more WMT21 systems to show, comma-separated")
    s.add_argument("--markdown", action="store_true", help="print a Markdown table")
    s.add_argument("--json", action="store_true", help="print the rows as JSON")
    for p in (r, s):
        p.add_argument("--corpus", default=None, help="dev.jsonl (default ../shared/corpus/dev.jsonl)")
        p.add_argument("--limit", type=int, default=None, help="only the first N documents")
        p.add_argument("--ids", default="", help="only these document ids, comma-separated")
    args = ap.parse_args(argv)
    corpus = find_corpus(args.corpus)
    if corpus is None:
        print("translations bench: no ../shared/corpus/dev.jsonl here (the corpus is not part of the "
              "repository); nothing to do", file=sys.stderr)
        return 0
    docs = wmt_documents(corpus)
    if args.ids:
        wanted = set(args.ids.split(","))
        docs = [d for d in docs if d["id"] in wanted]
    docs = docs[:args.limit] if args.limit else docs
    if args.command == "run":
        run(docs, args.out, args.model)
        return 0
    missing = [p for _, p in _runs(args.files) if not p.is_file()]
    if missing:
        print(f"translations bench: no such file: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    rows = score(_runs(args.files), docs, find_corpus(None, "wmt21-dev-systems.jsonl") if not args.corpus
                 else find_corpus(Path(args.corpus).parent / "wmt21-dev-systems.jsonl"),
                 [s for s in args.systems.split(",") if s])
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        print(markdown(rows, rows[0]["documents"] if rows else 0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
