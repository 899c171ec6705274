"""How often the translation checks doubt a translation nobody here wrote: the professional reference
and the WMT21 systems, line by line, judged as ``pressbrief translate`` judges its own candidates.

    python -m pressbrief.eval.bench.translation_audit [--systems Online-A,Borderline] [--show number]
                                                      [--corpus ../shared/corpus/dev.jsonl]

newstest2021 is line-aligned: each source line has one reference line. A doubt on the human reference
is a false alarm (or, rarely, the reference's own slip), and every false alarm costs ``translate`` a
resample and, when no sample escapes it, a marked span; so this is where the checks' false alarms are
found without running a model. Prints, per system, the lines with any doubt and the doubts by kind;
``--show KIND`` prints each doubt of that kind with its source line and the translation.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from pressbrief.service.brief.translation_check import assess
from pressbrief.service.numeric import extract
from pressbrief.service.numeric.provinces import place_names

from .paths import find_corpus
from .translations import REFERENCE_SYSTEM, wmt_documents


def audit(docs: list[dict], translations: dict[str, str], show: str = "") -> dict:
    """Doubts on each line of ``translations`` (doc id -> English, line-aligned with the source)."""
    lines = doubted = 0
    kinds: Counter[str] = Counter()
    shown: list[dict] = []
    for doc in docs:
        english = translations.get(doc["id"])
        if english is None:
            continue
        source_lines, target_lines = doc["text"].split("\n"), english.split("\n")
        if len(source_lines) != len(target_lines):
            continue  # not line-aligned: nothing to judge line by line
        extraction, places = extract(doc["text"]), place_names(doc["text"])
        for i, (zh, en) in enumerate(zip(source_lines, target_lines, strict=True)):
            if not zh.strip() or not en.strip():
                continue
            # a news page's first line is its headline, translated (and judged) as a heading
            a = assess(extraction, zh.strip(), en.strip(), places, heading=i == 0)
            lines += 1
            doubted += bool(a.doubts)
            for d in a.doubts:
                kinds[d.kind] += 1
                if show and d.kind == show:
                    shown.append({"id": doc["id"], "source": zh, "translation": en,
                                  "doubt": d.to_json(a.text)})
    return {"lines": lines, "lines_doubted": doubted, "doubts": dict(kinds.most_common()), "shown": shown}


def _systems(path: Path, names: set[str]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                if rec["system"] in names:
                    out.setdefault(rec["system"], {})[rec["doc_id"]] = rec["summary_en"]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=None, help="dev.jsonl (default ../shared/corpus/dev.jsonl)")
    ap.add_argument("--systems", default="", help="WMT21 systems to judge too, comma-separated (Online-A ...)")
    ap.add_argument("--show", default="", help="print each doubt of this kind (number, untraced name, ...)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    corpus = find_corpus(args.corpus)
    if corpus is None:
        print("translation audit: no ../shared/corpus/dev.jsonl here (the corpus is not part of the "
              "repository); nothing to do", file=sys.stderr)
        return 0
    docs = wmt_documents(corpus)
    columns = {"reference": {d["id"]: d["reference_translation_en"] for d in docs}}
    names = {s for s in args.systems.split(",") if s and s != REFERENCE_SYSTEM}
    systems_file = corpus.parent / "wmt21-dev-systems.jsonl"
    if names and systems_file.is_file():
        columns |= _systems(systems_file, names)
    results = {name: audit(docs, texts, args.show) for name, texts in columns.items()}
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return 0
    for name, r in results.items():
        print(f"{name}: {r['lines_doubted']}/{r['lines']} lines with a doubt; doubts by kind: {r['doubts']}")
        for s in r["shown"]:
            print(f"  {s['id']}: {s['doubt']['text']!r} ({s['doubt']['note']})\n    ZH {s['source']}\n"
                  f"    EN {s['translation']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
