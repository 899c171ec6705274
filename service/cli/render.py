"""`pressbrief render`: batch results to an investor-facing brief pack (Markdown or HTML)."""

from __future__ import annotations

import argparse
import sys

from ..render import render_file


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
    done = render_file(args.results, args.output, fmt=args.format, lang=args.lang, title=args.title,
                       only_ok=args.only_ok)
    if done:
        print(done, file=sys.stderr)
    return 0
