"""`pressbrief render`: batch results to an investor-facing brief pack (Markdown or HTML)."""

from __future__ import annotations

import argparse


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("results", metavar="OUT.jsonl", help="results of `pressbrief batch`")
    p.add_argument("--format", choices=("md", "html"), default="html")
    p.add_argument("--lang", choices=("en", "zh", "both"), default="en")
    p.add_argument("-o", "--output", required=True, metavar="REPORT")


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError("render: being written")
