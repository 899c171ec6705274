"""`pressbrief eval DATA.jsonl`: score briefs for numeric faithfulness against their sources.

Each JSONL line: ``id``, ``text`` (the source) and any of ``summary_zh``, ``summary_zh_hant``,
``summary_en``, plus optional references (``reference_summary_zh`` / ``_en`` / ``_zh_hant``).
Rows written by ``pressbrief batch`` are read as they are: their briefs are scored, error rows skipped.
With ``--system NAME`` the briefs are generated first (``pressbrief``, ``raw``, ``lead``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .errors import InputError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("data", metavar="DATA.jsonl", help="records to score, one JSON object a line ('-' for stdin)")
    parser.add_argument("--json", action="store_true", help="print one JSON object with aggregate and documents")
    parser.add_argument("--report", metavar="REPORT.md", help="also write a Markdown report here")
    parser.add_argument("--system", metavar="NAME",
                        help="generate the briefs first with this system: pressbrief, raw (model baseline), lead")
    parser.add_argument("--model", help="model for --system (default: PRESSBRIEF_MODEL)")
    parser.add_argument("--langs", help="languages to score, comma-separated (zh,zh-Hant,en; default all present)")
    parser.add_argument("--highlights", type=int, metavar="N", help="key metrics per source for recall (default 8)")
    parser.add_argument("--worst", type=int, default=5, metavar="N", help="worst documents in the report (default 5)")
    parser.add_argument("--limit", type=int, metavar="N", help="score only the first N records")
    parser.add_argument("--no-text-metrics", action="store_true", help="skip chrF/BLEU/ROUGE-L")


def read_records(path: str, limit: int | None = None) -> list[dict[str, Any]]:
    """JSONL records, with an error naming the line for anything unusable."""
    if path == "-":
        lines = sys.stdin.read().splitlines()
        origin = "stdin"
    else:
        p = Path(path)
        origin = str(p)
        if not p.is_file():
            raise InputError(f"{origin}: no such file")
        try:
            lines = p.read_text(encoding="utf-8-sig").splitlines()
        except UnicodeDecodeError:
            raise InputError(f"{origin}: not valid UTF-8") from None
    records = []
    for i, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{origin}:{i}: not JSON ({exc.msg})") from None
        if not isinstance(rec, dict):
            raise InputError(f"{origin}:{i}: expected a JSON object")
        if rec.get("status") == "error" and "error" in rec:  # a `pressbrief batch` error row
            print(f"pressbrief eval: {origin}:{i}: skipping batch error row {rec.get('id')!r}: "
                  f"{rec['error'].get('message', '')[:120]}", file=sys.stderr)
            continue
        if isinstance(rec.get("result"), dict):  # a `pressbrief batch` row: score its briefs
            for lang_key in ("zh", "zh_hant", "en"):
                rec.setdefault(f"summary_{lang_key}", rec["result"].get(f"brief_{lang_key}"))
        if not isinstance(rec.get("text"), str) or not rec["text"].strip():
            raise InputError(f"{origin}:{i}: missing 'text' (the source release)")
        rec.setdefault("id", str(i))
        records.append(rec)
        if limit and len(records) >= limit:
            break
    if not records:
        raise InputError(f"{origin}: no records")
    return records


def _summary(res: dict[str, Any]) -> str:
    agg = res["aggregate"]

    def pct(x):
        return "n/a" if x is None else f"{100 * x:.1f}%"

    lines = [f"{'lang':8} {'briefs':>6} {'numbers':>7} {'supported':>9} {'precision':>9} {'recall':>7}  "
             f"{'chrF':>6} {'BLEU':>6} {'RL-char':>7}"]
    for lang, e in agg["per_lang"].items():
        tm = e.get("text_metrics") or {}
        lines.append(f"{lang:8} {e['briefs']:6} {e['numbers']:7} {e['supported']:9} {pct(e['precision']):>9} "
                     f"{pct(e['key_metric_recall']):>7}  {tm.get('chrF', ''):>6} {tm.get('BLEU', ''):>6} "
                     f"{tm.get('ROUGE-L-char', ''):>7}")
    lines.append(f"{'all':8} {agg['briefs']:6} {agg['numbers']:7} {agg['supported']:9} {pct(agg['precision']):>9} "
                 f"{pct(agg['key_metric_recall']):>7}")
    for lang, e in agg["per_lang"].items():
        lines.append(f"{lang}: {e.get('empty_briefs', 0)} empty briefs, {e.get('briefs_without_numbers', 0)} without "
                     "numbers" + (f", {e['briefs_with_chinese']} with Chinese characters"
                                  if "briefs_with_chinese" in e else ""))
    errs = ", ".join(f"{k} {v}" for k, v in agg["errors"].items() if v) or "none"
    lines.append(f"errors: {errs}")
    if agg.get("failed"):
        lines.append(f"failed documents: {agg['failed']}")
    lines.append(res["signature"])
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from pressbrief.eval.harness import evaluate_records
    from pressbrief.eval.report import render_markdown

    records = read_records(args.data, args.limit)
    system = None
    if args.system:
        from pressbrief.eval.systems import get_system

        system = get_system(args.system, model=args.model)
    langs = None
    if args.langs:
        langs = [s.strip() for s in args.langs.split(",") if s.strip()]
        bad = [s for s in langs if s not in ("zh", "zh-Hant", "en")]
        if bad:
            raise InputError(f"--langs: unknown language(s) {', '.join(bad)}; choose from zh, zh-Hant, en")
    progress = None
    if system is not None and not args.json:
        def progress(doc_id: str) -> None:
            print(f"  scored {doc_id}", file=sys.stderr)
    res = evaluate_records(records, system=system, system_name=args.system, langs=langs,
                           highlights_n=args.highlights, text_metrics=not args.no_text_metrics, progress=progress)
    if args.report:
        try:
            Path(args.report).write_text(render_markdown(res, worst=args.worst), encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{args.report}: cannot write the report ({exc.strerror})") from None
    if args.json:
        print(json.dumps(res, ensure_ascii=False))
    else:
        print(_summary(res))
    return 0
