"""`pressbrief extract FILE|-`: every numeric mention of a release, as a table or JSON."""

from __future__ import annotations

import argparse
import json
import sys

from .inputs import read_text
from .numeric import extract, extraction_to_json
from .numeric.render import STYLES, render_en


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="release text file (UTF-8), or - for stdin")
    parser.add_argument("--json", action="store_true", help="print a JSON object with sections and metrics")
    parser.add_argument("--style", choices=STYLES, default="rmb", help="money style in English (default rmb)")
    parser.add_argument("--mentions", action="store_true", help="also list codes (names such as “13710”)")


def run(args: argparse.Namespace) -> int:
    text = read_text(args.file)
    x = extract(text)
    if args.json:
        data = extraction_to_json(x)
        if args.style != "rmb":
            for item, metric in zip(data["metrics"], x.metrics, strict=True):
                item["rendered_en"] = render_en(metric, args.style)
        if not args.mentions:
            data.pop("mentions")
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    rows = [("sec", "text", "kind", "value", "unit", "label", "English")]
    items = x.mentions if args.mentions else [m.mention for m in x.metrics]
    by_start = {(m.mention.start, m.mention.end): m for m in x.metrics}
    for m in items:
        metric = by_start.get((m.start, m.end))
        label = metric.label if metric else "(code)"
        english = render_en(metric, args.style) if metric else render_en(m, args.style)
        value = "" if m.value is None else format(m.value, "f")
        text = m.text.replace("\n", " ")
        rows.append((str(m.section_id), text, m.kind, value, m.unit or "", label, english))
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for r in rows:
        cells = [c + " " * (w - _width(c)) for c, w in zip(r, widths, strict=False)]
        print("  ".join(cells + [r[-1]]))
    print(f"\n{len(x.metrics)} metrics, {x.stats['codes']} codes, {len(x.sections)} sections")
    return 0


def _width(s: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in s)
