"""Benchmark model runtimes side by side: load time, peak RAM, prefill and decode speed.

Each runtime runs in its own subprocess so peak RSS is measured per runtime.

    python -m pressbrief.eval.bench.runtime [--model NAME] [--runtimes bf16,fp32,int8-dynamic]
                                            [--prompt-tokens 1024] [--new-tokens 48]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from importlib import resources

from pressbrief.models import load_generator


def _reference_text() -> str:
    return resources.files("pressbrief.models").joinpath("data/tiny_corpus_zh.txt").read_text("utf-8")


def run_one(model: str, runtime: str, prompt_tokens: int, new_tokens: int) -> dict:

    t0 = time.perf_counter()
    gen = load_generator(model, runtime=runtime)
    load_s = time.perf_counter() - t0
    ids = gen.tokenize(_reference_text())[:prompt_tokens]  # a local runtime (transformers, llama.cpp)
    source = gen.detokenize(ids)
    prompt = [{"role": "user", "content": source + "\n\n用三句话概括上文。"}]
    gen.generate(prompt[0]["content"][:50], max_new_tokens=2)  # warm-up
    result = gen.generate(prompt, max_new_tokens=new_tokens)
    return {
        "model": model, "runtime": runtime, "load_s": round(load_s, 2),
        "prompt_tokens": result.prompt_tokens, "new_tokens": result.new_tokens,
        "prefill_s": round(result.prefill_s, 2),
        "prefill_tok_s": round(result.prompt_tokens / result.prefill_s, 1) if result.prefill_s else None,
        "decode_s": round(result.decode_s, 2), "decode_tok_s": round(result.decode_tokens_per_s, 2),
        "peak_rss_gb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2, 2),
        "sample": result.text[:80],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", default="qwen2.5-coder-1.5b-instruct")
    ap.add_argument("--runtimes", default="llama.cpp,fp32,bf16",
                    help="comma-separated; also int8-dynamic (measured slowest here)")
    ap.add_argument("--prompt-tokens", type=int, default=1024)
    ap.add_argument("--new-tokens", type=int, default=48)
    ap.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one runtime in this process
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.model, args.one, args.prompt_tokens, args.new_tokens), ensure_ascii=False))
        return 0
    rows = []
    for runtime in args.runtimes.split(","):
        cmd = [sys.executable, "-m", "pressbrief.eval.bench.runtime", "--model", args.model, "--one", runtime,
               "--prompt-tokens", str(args.prompt_tokens), "--new-tokens", str(args.new_tokens)]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            print(f"{runtime}: failed\n{proc.stderr[-2000:]}", file=sys.stderr)
            continue
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    if not rows:
        return 1
    base = rows[0]
    print(f"\n{'runtime':14} {'load s':>7} {'peak GB':>8} {'prefill tok/s':>14} {'decode tok/s':>13} "
          f"{'decode x':>9}")
    for r in rows:
        ratio = r["decode_tok_s"] / base["decode_tok_s"] if base["decode_tok_s"] else float("nan")
        print(f"{r['runtime']:14} {r['load_s']:7.1f} {r['peak_rss_gb']:8.2f} {r['prefill_tok_s']:14.1f} "
              f"{r['decode_tok_s']:13.2f} {ratio:9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
