"""`pressbrief render`: batch results to an investor-facing brief pack (Markdown or HTML)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from .errors import InputError


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("results", metavar="OUT.jsonl", help="results of `pressbrief batch`")
    p.add_argument("--format", choices=("md", "html"), help="default: from the -o suffix, else html")
    p.add_argument(
        "--lang",
        choices=("en", "zh", "both"),
        default="en",
        help="brief language; both = English and Chinese side by side (default: %(default)s)",
    )
    p.add_argument("-o", "--output", required=True, metavar="REPORT", help="file to write ('-' for stdout)")
    p.add_argument("--title", help="title of the pack")
    p.add_argument("--only-ok", action="store_true", help="leave out documents that failed")


def run(args: argparse.Namespace) -> int:
    from .batch import load_results
    from .render import render_pack

    results = Path(args.results)
    if not results.is_file():
        raise InputError(f"{results}: no such file")
    try:
        rows = load_results(results)
    except OSError as exc:
        raise InputError(f"{results}: cannot read ({exc.strerror})") from None
    if args.only_ok:
        rows = [r for r in rows if r.get("status") == "ok"]
    if not rows:
        raise InputError(f"{results}: no result rows")
    fmt = args.format or ("md" if args.output.lower().endswith((".md", ".markdown")) else "html")
    report = render_pack(rows, fmt=fmt, lang=args.lang, title=args.title, source=results.name)
    if args.output == "-":
        sys.stdout.write(report)
        return 0
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(report)
    os.chmod(tmp, 0o644)
    os.replace(tmp, out)
    ok = sum(1 for r in rows if r.get("status") == "ok")
    print(f"render: {out} ({fmt}, {len(rows)} release(s), {ok} summarized)", file=sys.stderr)
    return 0
