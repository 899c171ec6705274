"""`pressbrief setup`: make the default model fast on this machine, once.

Builds the llama.cpp runtime for this CPU (models/runtime_build.py) unless it is installed, then
assembles and verifies the default model's weights, so that the first `summarize` starts at once.
Without a C++ compiler it says so and leaves the PyTorch runtime in place (exit 0, or 3 with
--strict): the product still works, slowly.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time

from pressbrief.models import loaders, weights
from pressbrief.models import runtime_build as rb
from pressbrief.models.assemble import assemble_gguf
from pressbrief.models.registry import get_entry
from pressbrief.service.settings import get_settings

EXIT_NO_FAST_RUNTIME = 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", default=None, help="registry model to prepare (default: the default model)")
    parser.add_argument("--no-build", action="store_true", help="do not build llama.cpp; only prepare the model")
    parser.add_argument("--rebuild", action="store_true", help="build llama.cpp again even if it is installed")
    parser.add_argument("--strict", action="store_true",
                        help=f"exit {EXIT_NO_FAST_RUNTIME} when the fast runtime cannot be had")
    parser.add_argument("--dry-run", action="store_true", help="print the build plan (CPU, flags) and stop")


def _say(msg: str) -> None:
    print(f"pressbrief setup: {msg}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:

    entry = get_entry(args.model)
    plan = rb.build_plan()
    if args.dry_run:
        print(f"requirement: {plan.requirement}\ncpu: {plan.cpu}\ncompiler: {plan.compiler or 'none'}\n"
              f"CMAKE_ARGS: {' '.join(plan.cmake_args)}")
        return 0
    fast = True
    if entry.source_kind == "pypi-parts" and not args.no_build:
        version = None if args.rebuild else rb.installed_version()
        if version:
            _say(f"runtime llama.cpp: llama-cpp-python {version} is installed")
        else:
            log = get_settings().home / "logs" / "llama-cpp-build.log"
            _say(f"runtime llama.cpp: building {plan.requirement} for {plan.cpu} "
                 f"(about 4 minutes on 2 cores; log {log})")
            tty = sys.stderr.isatty()
            ok, message = rb.build(plan, log, tick=(lambda s: print(f"\r  building… {int(s) // 60}m{int(s) % 60:02d}s",
                                                                    end="", file=sys.stderr, flush=True))
                                   if tty else None)
            if tty:
                print(file=sys.stderr)
            _say(message)
            if not ok:
                fast = False
                _say("the default model will run on the PyTorch fp32 runtime instead: correct but slow "
                     "(about 4 minutes a brief on 2 cores, 10 GB of memory)")
            importlib.invalidate_caches()
    if not loaders.llama_cpp_available():
        fast = False
    runtime = loaders.resolve_runtime(entry, "auto")
    t0 = time.perf_counter()
    if runtime == "llama.cpp":
        where = assemble_gguf(entry)
    else:
        where = weights.resolve_model_dir(entry)
    _say(f"model {entry.name}: ready for runtime {runtime} in {time.perf_counter() - t0:.1f} s ({where})")
    if not fast and args.strict and entry.source_kind == "pypi-parts":
        return EXIT_NO_FAST_RUNTIME
    return 0
