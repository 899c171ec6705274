"""`pressbrief batch`: summarize folders of releases or JSONL into one resumable JSONL file."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..batch import run_batch
from ..batch.runner import check_langs
from ..errors import InputError, OutputError, os_reason
from ..files import ensure_parent
from ..settings import get_settings


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help=".txt/.md/.html files, folders of them (searched recursively), or .jsonl files "
        'with one {"id", "text", optional title/date/url/source/entity} object a line',
    )
    p.add_argument(
        "--out",
        "-o",
        required=True,
        metavar="OUT.jsonl",
        help="results, one JSON line per document; re-running with the same OUT resumes",
    )
    p.add_argument("--model", metavar="NAME", help="model registry name (default: PRESSBRIEF_MODEL)")
    p.add_argument(  # --lang, as `summarize` first spelt it, works too
        "--langs", "--lang", dest="langs", default="zh,zh-Hant,en",
        help="brief languages, comma-separated (default: %(default)s)"
    )
    p.add_argument("--max-highlights", type=int, metavar="N", help="highlights per brief")
    p.add_argument(
        "--batch-size",
        type=int,
        metavar="N",
        help="documents generated together when the runtime batches (default: PRESSBRIEF_MAX_BATCH)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="documents in flight at once (default 1): against a model server (--model openai:ID) or on Ray, "
        "N generations run together; with a local model, generation runs one at a time while reading and "
        "checks overlap",
    )
    p.add_argument(
        "--ray",
        nargs="?",
        const="",
        default=None,
        metavar="ADDRESS",
        help="run each document as a Ray task (pip install 'pressbrief[ray]'): no ADDRESS starts Ray on this "
        "machine; ray://HOST:10001 or auto joins a cluster. Each Ray worker loads its own model or connects "
        "to the model server; this process alone writes OUT",
    )
    p.add_argument("--retry-failed", action="store_true", help="redo documents whose row in OUT is an error")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or per-document messages")
    p.add_argument("--summary-json", metavar="PATH", help="also write the run summary as JSON")


def run(args: argparse.Namespace) -> int:
    langs = [x.strip() for x in args.langs.split(",") if x.strip()]
    check_langs(langs)
    if args.workers < 1:
        raise InputError("--workers must be at least 1")
    out = Path(args.out)
    in_paths = {Path(p).resolve() for p in args.inputs if Path(p).is_file()}
    if out.resolve() in in_paths:
        raise InputError(f"{out}: --out is also an input")
    summary = run_batch(
        args.inputs,
        out,
        model=args.model,
        langs=langs,
        max_highlights=args.max_highlights,
        batch_size=args.batch_size or get_settings().max_batch,
        workers=args.workers,
        retry_failed=args.retry_failed,
        quiet=args.quiet,
        handle_sigint=True,
        ray_address=args.ray,
    )
    print(summary.format(), file=sys.stderr)
    if args.summary_json:
        try:
            ensure_parent(Path(args.summary_json))
            Path(args.summary_json).write_text(json.dumps(summary.to_json(), ensure_ascii=False, indent=2) + "\n",
                                               encoding="utf-8")
        except (OSError, OutputError) as exc:
            reason = os_reason(exc) if isinstance(exc, OSError) else exc.message
            raise OutputError(f"{args.summary_json}: cannot write the run summary ({reason}); "
                              f"the results are in {out}") from None
    return summary.exit_code
