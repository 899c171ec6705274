"""Read the judge's flags on real translations the way an auditor would.

    python -m pressbrief.eval.bench.judge_audit wmt21 [--systems ref-A,Online-B] [--show]
    python -m pressbrief.eval.bench.judge_audit wmt23 [--show ok|error]

``wmt21``: every number the harness does not support in the English of the chosen WMT21 systems
(``../shared/corpus/wmt21-dev-systems.jsonl``), with its line and the Chinese line it translates,
counted by error type; ``tests/data/judge_labels.jsonl`` holds numbers read by a person (``expect``
error or supported, and why), and the script reports how many of the current flags that sample
calls real (``--show unread`` lists the flags nobody has read yet).

``wmt23``: the MQM-labelled numbers of ``wmt23-mqm-open-labels.jsonl``; a number is *flagged* when a
check of the harness that overlaps its span is not supported. Printed: the share of ``human_ok``
numbers flagged (false alarms by professional raters' judgement) and of ``human_error`` numbers.

Each document is checked whole (source text, whole English), as the guard checks a brief; a
number's line is found from its offset.
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from ..judge.align import check_brief
from ..judge.source_index import extraction_for
from .paths import find_corpus, repo_file

LABELS = repo_file("tests", "data", "judge_labels.jsonl")


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def checks_of(rec: dict) -> list[dict]:
    """Every number check of a record's English (supported or not), with the line it sits on."""
    src, en = rec["text"], rec["summary_en"]
    rep = check_brief(extraction_for(src), en, "en")
    starts = _line_starts(en)
    src_lines = src.split("\n")
    en_lines = en.split("\n")
    out = []
    for c in rep.checks:
        n = c.number
        line = bisect.bisect_right(starts, n.start) - 1
        out.append({
            "id": rec["id"], "system": rec.get("system"), "doc": rec.get("doc_id"),
            "seg": line + 1, "start": n.start - starts[line], "end": n.end - starts[line],
            "text": n.text, "supported": c.supported, "error": c.error, "note": c.note,
            "en_line": en_lines[line] if line < len(en_lines) else "",
            "zh_line": src_lines[line] if line < len(src_lines) else "",
            "matched": [m.text for m in c.matches][:3],
        })
    return out


def _key(f: dict) -> tuple:
    return (f["id"], f["seg"], f["text"])


def wmt21(corpus: Path, systems: Iterable[str], labels: Path | None) -> dict:
    wanted = set(systems)
    recs = [r for r in _read(corpus) if not wanted or r["system"] in wanted]
    known = {}
    if labels and labels.is_file():
        for lab in _read(labels):
            known[(lab["id"], lab["seg"], lab["text"])] = lab
    per_system: dict[str, dict] = defaultdict(lambda: {"numbers": 0, "flags": 0, "errors": Counter(),
                                                       "real": 0, "false": 0, "unread": 0})
    flags = []
    for rec in recs:
        for f in checks_of(rec):
            s = per_system[rec["system"]]
            s["numbers"] += 1
            if f["supported"]:
                continue
            s["flags"] += 1
            s["errors"][f["error"]] += 1
            lab = known.get(_key(f))
            f["label"] = ("real" if lab["expect"] == "error" else "false alarm") if lab else None
            if lab is None:
                s["unread"] += 1
            elif lab["expect"] == "error":
                s["real"] += 1
            else:
                s["false"] += 1
            flags.append(f)
    for s in per_system.values():
        read = s["real"] + s["false"]
        s["real_share"] = round(s["real"] / read, 3) if read else None
        s["errors"] = dict(s["errors"])
    return {"systems": dict(per_system), "flags": flags}


def wmt23(records: Path, labels: Path) -> dict:
    checks: dict[tuple, list[dict]] = defaultdict(list)
    for rec in _read(records):
        for f in checks_of(rec):
            checks[(rec["doc_id"], rec["system"], f["seg"])].append(f)
    out = {"human_ok": Counter(), "human_error": Counter()}
    shown: dict[str, list] = {"human_ok": [], "human_error": []}
    for lab in _read(labels):
        if lab.get("side") != "en":
            continue
        near = [f for f in checks.get((lab["doc"], lab["system"], lab["seg"]), [])
                if f["start"] < lab["en_end"] and lab["en_start"] < f["end"]]
        flagged = [f for f in near if not f["supported"]]
        out[lab["label"]]["numbers"] += 1
        out[lab["label"]]["parsed"] += bool(near)
        if flagged:
            out[lab["label"]]["flagged"] += 1
            shown[lab["label"]].append({**lab, "flags": [(f["text"], f["error"], f["note"]) for f in flagged],
                                        "en_line": flagged[0]["en_line"], "zh_line": flagged[0]["zh_line"]})
    return {k: dict(v) for k, v in out.items()} | {"shown": shown}


def _print_flag(f: dict) -> None:
    lab = f" <{f['label']}>" if f.get("label") else ""
    print(f"  [{f['error']}] {f['text']!r} {f['id']} l{f['seg']}{lab}: {f['note']}")
    print(f"      en: {f['en_line'][:220]}")
    print(f"      zh: {f['zh_line'][:160]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pressbrief.eval.bench.judge_audit", description=__doc__.split("\n")[0])
    ap.add_argument("set", choices=["wmt21", "wmt23"])
    ap.add_argument("--systems", default="ref-A,Online-B", help="WMT21 systems, comma-separated ('' = all)")
    ap.add_argument("--show", nargs="?", const="all", help="print the flags (wmt23: ok | error)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    if args.set == "wmt21":
        corpus = find_corpus(None, "wmt21-dev-systems.jsonl")
        if corpus is None:
            print("judge_audit: ../shared/corpus/wmt21-dev-systems.jsonl not found", file=sys.stderr)
            return 2
        res = wmt21(corpus, [s for s in args.systems.split(",") if s], LABELS)
        if args.json:
            print(json.dumps(res, ensure_ascii=False, indent=1))
            return 0
        if args.show:
            for f in res["flags"]:
                if args.show == "all" or args.show == "unread" and f["label"] is None:
                    _print_flag(f)
        for name, s in sorted(res["systems"].items()):
            print(f"{name:20} numbers {s['numbers']:4} flags {s['flags']:3}  read: real {s['real']:3} "
                  f"false {s['false']:3} unread {s['unread']:3}  real share {s['real_share']}  {s['errors']}")
    else:
        records = find_corpus(None, "wmt23-mqm-open.jsonl")
        labels = find_corpus(None, "wmt23-mqm-open-labels.jsonl")
        if records is None or labels is None:
            print("judge_audit: ../shared/corpus/wmt23-mqm-open*.jsonl not found", file=sys.stderr)
            return 2
        res = wmt23(records, labels)
        if args.json:
            print(json.dumps(res, ensure_ascii=False, indent=1))
            return 0
        if args.show:
            key = "human_error" if args.show == "error" else "human_ok"
            for s in res["shown"][key]:
                print(f"  {s['en_text']!r} {s['doc']}@{s['system']} l{s['seg']}: {s['flags']}")
                print(f"      en: {s['en_line'][:220]}")
                print(f"      zh: {s['zh_line'][:160]}")
        for k in ("human_ok", "human_error"):
            v = res[k]
            share = v.get("flagged", 0) / v["numbers"] if v.get("numbers") else 0
            print(f"{k:12} numbers {v.get('numbers', 0):4} parsed {v.get('parsed', 0):4} "
                  f"flagged {v.get('flagged', 0):4} ({100 * share:.1f}%)")
    print(f"({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
