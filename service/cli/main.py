"""The `pressbrief` entry point: one verb per module of this folder, loaded lazily so `--help` is fast."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from pressbrief import __version__
from pressbrief.service.brief.writers import EN_PATHS, ZH_PATHS
from pressbrief.service.numeric.glossary import USER_GLOSSARY_ENV, read_user_glossary

from ..errors import PressbriefError, os_reason
from ..settings import get_settings

# name -> (module, one-line help). Each module defines add_arguments(parser) and run(args) -> int.
COMMANDS: dict[str, tuple[str, str]] = {
    "setup": ("pressbrief.service.cli.setup", "build the fast llama.cpp runtime for this CPU and prepare the model"),
    "models": ("pressbrief.service.cli.models", "list, verify and prepare models"),
    "extract": ("pressbrief.service.cli.extract", "numeric mentions and metrics of a release (table or --json)"),
    "summarize": ("pressbrief.service.cli.summarize", "brief a release: Chinese, Traditional Chinese, English"),
    "translate": ("pressbrief.service.cli.translate", "translate a whole release into English, guarded"),
    "batch": ("pressbrief.service.cli.batch", "summarize folders of releases or JSONL into one resumable JSONL"),
    "render": ("pressbrief.service.cli.render", "turn batch results into an investor brief pack (md or html)"),
    "serve": ("pressbrief.service.cli.serve", "run the REST service (FastAPI on uvicorn)"),
    "eval": ("pressbrief.service.cli.eval", "score briefs for numeric faithfulness (precision, recall, error types)"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pressbrief", description=__doc__)

    parser.add_argument("--version", action="version", version=f"pressbrief {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        module = importlib.import_module(module_name)
        p = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(p)
        if name in GLOSSARY_VERBS:
            p.add_argument("--glossary", metavar="FILE",
                           help="your own glossary (TOML: [terms], [modifiers], [phrases]); its terms win over the "
                                "package's (same as PRESSBRIEF_GLOSSARY=FILE)")
        if name in EN_PATH_VERBS:
            p.add_argument("--en-path", choices=EN_PATHS, metavar="PATH",
                           help="how the English brief is written: " + ", ".join(EN_PATHS)
                                + " (same as PRESSBRIEF_EN_PATH; default evidence)")
            p.add_argument("--zh-path", choices=ZH_PATHS, metavar="PATH",
                           help="how the Chinese brief is written: " + ", ".join(ZH_PATHS)
                                + " (same as PRESSBRIEF_ZH_PATH; default evidence)")
        p.set_defaults(_run=module.run)
    return parser


GLOSSARY_VERBS = ("summarize", "translate", "extract", "batch", "serve")
EN_PATH_VERBS = ("summarize", "batch", "serve")


def _use_glossary(path: str) -> None:
    """--glossary FILE: the same as PRESSBRIEF_GLOSSARY=FILE, checked now so a bad file fails at once."""
    read_user_glossary(path)
    os.environ[USER_GLOSSARY_ENV] = path  # batch workers and Ray tasks inherit it


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        get_settings()  # a malformed PRESSBRIEF_* variable is one clear line now, not a traceback later
    except PressbriefError as exc:  # SettingsError, naming the variable
        print(f"pressbrief {args.command}: error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    try:
        if getattr(args, "glossary", None):
            _use_glossary(args.glossary)
        if getattr(args, "en_path", None):
            os.environ["PRESSBRIEF_EN_PATH"] = args.en_path  # batch workers and Ray tasks inherit it
        if getattr(args, "zh_path", None):
            os.environ["PRESSBRIEF_ZH_PATH"] = args.zh_path
        return int(args._run(args) or 0)
    except PressbriefError as exc:
        print(f"pressbrief {args.command}: error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:  # a file the command writes or reads, the disk, a closed pipe: said, not a traceback
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"pressbrief {args.command}: error: {where}{os_reason(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("pressbrief: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
