"""`pressbrief translate FILE|-`: the whole release in English, sentence by sentence, guarded."""

from __future__ import annotations

import argparse
import sys

from ..brief.translate import translate
from ..inputs import read_text
from .output import print_json


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="release text file (UTF-8), or - for stdin")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--model", default=None, help="registry model name (decoder-only or Marian-style)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    text = read_text(args.file)
    show = not args.quiet and sys.stderr.isatty()
    result = translate(text, model=args.model, progress_bar=show).to_json()
    if args.json:
        print_json(result)
    else:
        print(result["translation"])
        g = result["guard"]
        print(f"\n[guard: {len(result['sentences'])} sentences, {g['checked']} numbers checked, "
              f"{g['repaired']} repaired, {g['names_repaired']} names repaired, "
              f"{g['marked']} sentences with a marked (doubtful) span]", file=sys.stderr)
    return 0
