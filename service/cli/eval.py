"""`pressbrief eval DATA.jsonl`: score briefs for numeric faithfulness against their sources.

The record format is in ``pressbrief.eval.records``. With ``--system NAME`` the briefs are generated
first (``pressbrief``, ``raw``, ``lead``).
"""

from __future__ import annotations

import argparse
import json
import sys

from pressbrief.eval.records import evaluate_file
from pressbrief.eval.report import summary_table, write_markdown

from ..errors import InputError


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


def run(args: argparse.Namespace) -> int:
    langs = None
    if args.langs:
        langs = [s.strip() for s in args.langs.split(",") if s.strip()]
        bad = [s for s in langs if s not in ("zh", "zh-Hant", "en")]
        if bad:
            raise InputError(f"--langs: unknown language(s) {', '.join(bad)}; choose from zh, zh-Hant, en")
    progress = None if args.json else (lambda doc_id: print(f"  scored {doc_id}", file=sys.stderr))
    res = evaluate_file(args.data, system_name=args.system, model=args.model, langs=langs,
                        highlights_n=args.highlights, limit=args.limit, text_metrics=not args.no_text_metrics,
                        progress=progress)
    if args.report:
        write_markdown(res, args.report, worst=args.worst)
    print(json.dumps(res, ensure_ascii=False) if args.json else summary_table(res))
    return 0
