"""`pressbrief extract FILE|-`: every numeric mention of a release, as a table or JSON."""

from __future__ import annotations

import argparse

from ..inputs import read_text
from ..numeric import extract
from ..numeric.render import STYLES
from .output import extraction_json, extraction_table, print_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="release text file (UTF-8), or - for stdin")
    parser.add_argument("--json", action="store_true", help="print a JSON object with sections and metrics")
    parser.add_argument("--style", choices=STYLES, default="rmb", help="money style in English (default rmb)")
    parser.add_argument("--mentions", action="store_true", help="also list codes (names such as “13710”)")


def run(args: argparse.Namespace) -> int:
    x = extract(read_text(args.file))
    if args.json:
        print_json(extraction_json(x, args.style, args.mentions))
    else:
        print(extraction_table(x, args.style, args.mentions))
    return 0
