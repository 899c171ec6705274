"""`pressbrief summarize FILE|-`: Chinese, Traditional-Chinese and English briefs with highlights."""

from __future__ import annotations

import argparse

from pressbrief.models.runtimes import token_meter

from ..inputs import read_text
from ..pipeline import parse_langs, summarize
from .output import brief_text, print_json
from .writing_progress import WritingProgress


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="release text file (UTF-8, .txt/.md/.html), or - for stdin")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    # --langs as in `batch` and the API's "langs"; --lang, the first spelling, still works
    parser.add_argument("--langs", "--lang", dest="langs", default="zh,zh-Hant,en",
                        help="briefs to write, comma-separated: zh, zh-Hant, en (default: all)")
    parser.add_argument("--max-highlights", type=int, default=None, help="number of metric highlights (default 8)")
    parser.add_argument("--model", default=None, help="registry model name (see `pressbrief models list`)")
    parser.add_argument("--traditional-variant", default="s2t", choices=["s2t", "s2tw", "s2twp", "s2hk"],
                        help="OpenCC conversion for the Traditional copy (s2twp also rewrites words)")
    parser.add_argument("--quiet", action="store_true", help="no progress messages on stderr")


def run(args: argparse.Namespace) -> int:

    langs = parse_langs(args.langs)
    text = read_text(args.file)
    with WritingProgress(enabled=not args.quiet) as bar, token_meter(bar.tokens):
        # on a terminal: stage, tokens written and rate while the model writes; piped: silent
        result = summarize(text, langs=langs, max_highlights=args.max_highlights, model=args.model,
                           traditional_variant=args.traditional_variant,
                           progress=bar.stage if bar.enabled else None).to_json()
    if args.json:
        print_json(result)
    else:
        print(brief_text(result, text))
    return 0
