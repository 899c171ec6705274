"""Benchmark the whole brief job on the reference release, one runtime per subprocess.

Prints wall time, prefill and decode time, tokens/s and peak RSS per runtime, side by side,
with the ratio to the first runtime. The target is both briefs in under 60 s on 2 cores.

    python -m pressbrief.eval.bench.briefs [--model NAME] [--runtimes llama.cpp,fp32] [--file PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from .paths import reference_release

DEFAULT_FILE = reference_release()


def run_one(model: str, runtime: str, path: Path) -> dict:
    from pressbrief.models import load_generator
    from pressbrief.service.brief.pipeline import summarize

    os.environ["PRESSBRIEF_RUNTIME"] = runtime
    t0 = time.perf_counter()
    load_generator(model)
    load_s = time.perf_counter() - t0
    result = summarize(path.read_text(encoding="utf-8"), model=model, langs="zh,zh-Hant,en").to_json()
    t = result["timing"]
    return {"runtime": runtime, "load_s": round(load_s, 1), "brief_s": t["total_s"], "prefill_s": t["prefill_s"],
            "prefill_tokens": t["prefill_tokens"], "cached_prefix_tokens": t["cached_prefix_tokens"],
            "decode_s": t["decode_s"], "decode_tokens": t["decode_tokens"], "decode_tok_s": t["decode_tokens_per_s"],
            "guard": {k: result["guard"][k] for k in ("checked", "repaired", "dropped", "fallback", "candidates")},
            "peak_rss_gb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2, 2)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="qwen2.5-coder-1.5b-instruct")
    ap.add_argument("--runtimes", default="llama.cpp,fp32")
    ap.add_argument("--file", type=Path, default=DEFAULT_FILE)
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.model, args.one, args.file)))
        return 0
    rows = []
    for runtime in args.runtimes.split(","):
        proc = subprocess.run([sys.executable, "-m", "pressbrief.eval.bench.briefs", "--model", args.model,
                               "--one", runtime, "--file", str(args.file)], capture_output=True, text=True)
        if proc.returncode != 0:
            print(f"{runtime}: failed: {proc.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
            continue
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), flush=True)
    if not rows:
        return 1
    base = rows[0]["brief_s"]
    print(f"\n{'runtime':10} {'load s':>7} {'brief s':>8} {'prefill s':>10} {'decode s':>9} {'dec tok/s':>10} "
          f"{'peak GB':>8} {'x first':>8}")
    for r in rows:
        print(f"{r['runtime']:10} {r['load_s']:7.1f} {r['brief_s']:8.1f} {r['prefill_s']:10.1f} {r['decode_s']:9.1f} "
              f"{r['decode_tok_s'] or 0:10.2f} {r['peak_rss_gb']:8.2f} {r['brief_s'] / base:8.2f}")
    print("\ntarget: both briefs of the reference release in < 60 s on 2 CPU cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
