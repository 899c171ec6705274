"""llama.cpp on every core against the cores other processes leave idle, alone and beside busy processes.

Each cell is `pressbrief summarize --json` of the reference release (all three briefs) in its own process,
with PRESSBRIEF_THREADS set to the number of cores (fixed: the runtime before idle_cores.py) or 0 (the
cores left idle, counted before each call), while ``hogs`` processes spin a core each. Prints wall s,
decode tokens/s and the ratio fixed / idle per number of hogs, from one run.

    python -m pressbrief.eval.bench.idle_cores [--hogs 0,1] [--file PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from .paths import reference_release

_SPIN = "while True: pass"


def _summarize(path: Path, threads: int, hogs: int) -> dict:
    """One summarize with ``threads`` (0: idle cores) beside ``hogs`` spinning processes: its timing."""
    spinning = [subprocess.Popen([sys.executable, "-c", _SPIN]) for _ in range(hogs)]
    try:
        time.sleep(0.5)  # the spinners are running before the model starts
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "pressbrief.service.cli", "summarize", str(path), "--json"],
                             capture_output=True, text=True, env=dict(os.environ, PRESSBRIEF_THREADS=str(threads)),
                             check=True)
        wall = time.perf_counter() - t0
    finally:
        for p in spinning:
            p.kill()
            p.wait()
    timing = json.loads(out.stdout)["timing"]
    return {"wall_s": round(wall, 1), "total_s": timing["total_s"], "decode_tok_s": timing["decode_tokens_per_s"],
            "decoded": timing["decode_tokens"]}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hogs", default="0,1", help="numbers of spinning processes beside it (default 0,1)")
    parser.add_argument("--file", type=Path, default=None, help="release to brief (default: the reference)")
    args = parser.parse_args(argv)
    path = args.file or reference_release()
    cores = os.cpu_count() or 1
    print(f"{path.name}, {cores} cores; fixed = PRESSBRIEF_THREADS={cores}, idle = PRESSBRIEF_THREADS=0")
    print("| busy processes beside it | fixed: total s | fixed: decode tok/s | idle: total s | idle: decode tok/s "
          "| fixed / idle |")
    print("|---|---|---|---|---|---|")
    for hogs in (int(h) for h in args.hogs.split(",")):
        fixed = _summarize(path, cores, hogs)
        idle = _summarize(path, 0, hogs)
        print(f"| {hogs} | {fixed['total_s']} | {fixed['decode_tok_s']} | {idle['total_s']} | "
              f"{idle['decode_tok_s']} | {fixed['total_s'] / idle['total_s']:.2f}x |", flush=True)


if __name__ == "__main__":
    main()
