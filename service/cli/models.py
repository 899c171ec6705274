"""`pressbrief models list|verify|prepare`: the registry, install status and checksums."""

from __future__ import annotations

import argparse
import json
import sys

from pressbrief.models.assemble import verify_gguf
from pressbrief.models.registry import get_entry
from pressbrief.models.status import registry_rows
from pressbrief.models.weights import resolve_model_dir

from .output import models_table


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    ls = sub.add_parser("list", help="registry entries with licence and install status")
    ls.add_argument("--json", action="store_true", help="print JSON instead of a table")
    verify = sub.add_parser("verify", help="re-hash a model's weights against the registry checksum")
    verify.add_argument("name", nargs="?", help="model name (default: the default model)")
    prep = sub.add_parser("prepare", help="assemble/convert/build a model now so the first request is fast")
    prep.add_argument("name", nargs="?", help="model name (default: the default model)")


def run(args: argparse.Namespace) -> int:


    if args.models_command == "list":
        rows = registry_rows()
        print(json.dumps(rows, ensure_ascii=False, indent=2) if args.json else models_table(rows))
        return 0
    entry = get_entry(args.name)
    if args.models_command == "verify":
        if entry.source_kind != "pypi-parts" or not entry.sha256:
            print(f"{entry.name}: no registry checksum to verify (source {entry.source})")
            return 0

        ok, message = verify_gguf(entry)
        print(f"{entry.name}: {message}", file=sys.stdout if ok else sys.stderr)
        return 0 if ok else 4
    if args.models_command == "prepare":
        print(f"{entry.name}: ready at {resolve_model_dir(entry)}")
        return 0
    return 2
