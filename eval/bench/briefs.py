"""Benchmark the whole brief job on the reference release, one configuration per subprocess.

The first configuration, `default`, is what README command (a) runs: no setting changed (runtime
`auto`, which is llama.cpp once `pressbrief setup` has built it; the digest prompt). The others
change one thing each, so the ratios say what each choice is worth:

    default        README command (a)'s path
    full-prompt    every chunk of the release in the prompt (PRESSBRIEF_PROMPT_TOKENS=0), as before
    fp32           the PyTorch fp32 runtime (what a machine without a C++ compiler gets)
    bf16           the PyTorch bf16 runtime
    sequential     one prompt after another (PRESSBRIEF_TOGETHER=1), as before generating together
    together       each call's prompts decoded together, 4 at most (PRESSBRIEF_TOGETHER=4)
    before         the path before issues 24/25: the model writes each brief whole (--en-path direct,
                   --zh-path model), one prompt after another (PRESSBRIEF_TOGETHER=1)

With ``--dev N`` each configuration also briefs the first N documents of the dev corpus (../shared/corpus,
skipped with a message when absent) in the same process, and the table adds their median wall time.

Prints wall time, prefill and decode time, tokens/s, guard candidates and peak RSS, side by side,
with the ratio to the first. The target (issue 25): all three briefs of the reference release in at most 30 s
on 2 cores, and the dev median too.

    python -m pressbrief.eval.bench.briefs [--model NAME] [--configs default,full-prompt,fp32] [--file PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from pressbrief.models import load_generator
from pressbrief.service.pipeline import summarize

from .paths import find_corpus, reference_release

DEFAULT_FILE = reference_release()


CONFIGS: dict[str, dict[str, str]] = {
    "default": {},
    "full-prompt": {"PRESSBRIEF_PROMPT_TOKENS": "0"},
    "llama.cpp": {"PRESSBRIEF_RUNTIME": "llama.cpp"},
    "fp32": {"PRESSBRIEF_RUNTIME": "fp32"},
    "bf16": {"PRESSBRIEF_RUNTIME": "bf16"},
    "sequential": {"PRESSBRIEF_TOGETHER": "1"},
    "together": {"PRESSBRIEF_TOGETHER": "4"},
    "before": {"PRESSBRIEF_EN_PATH": "direct", "PRESSBRIEF_ZH_PATH": "model", "PRESSBRIEF_TOGETHER": "1"},
}


def dev_texts(n: int) -> list[tuple[str, str]]:
    """(id, text) of the first ``n`` dev documents; none (with a message) without ../shared."""
    corpus = find_corpus()
    if n <= 0:
        return []
    if corpus is None:
        print("briefs: the dev corpus (../shared/corpus/dev.jsonl) is absent; --dev skipped", file=sys.stderr)
        return []
    docs = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(d["id"], d["text"]) for d in docs[:n]]


def run_dev(model: str, docs: list[tuple[str, str]], keep: Path | None = None) -> list[dict]:
    """Each dev document's brief: wall s and its token counts (the model already loaded by run_one); with
    ``keep``, each result is also written there as a batch row (to read and label the briefs the timings
    belong to)."""
    out = []
    for doc_id, text in docs:
        t0 = time.perf_counter()
        result = summarize(text, model=model, langs="zh,zh-Hant,en").to_json()
        t = result["timing"]
        wall = round(time.perf_counter() - t0, 1)
        out.append({"id": doc_id, "wall_s": wall, "prefill_tokens": t["prefill_tokens"],
                    "prefill_s": t["prefill_s"], "decode_tokens": t["decode_tokens"], "decode_s": t["decode_s"]})
        if keep is not None:
            with keep.open("a", encoding="utf-8") as f:
                f.write(json.dumps({"id": doc_id, "status": "ok", "text": text, "result": result,
                                    "elapsed_s": wall}, ensure_ascii=False) + "\n")
    return out


def run_one(model: str, config: str, path: Path, dev: int = 0, out: Path | None = None) -> dict:

    os.environ.update(CONFIGS[config])
    t0 = time.perf_counter()
    gen = load_generator(model)
    load_s = time.perf_counter() - t0
    stats = getattr(gen, "stats", None)  # the llama.cpp runtime counts tokens decoded together
    together_before = stats.decoded_together if stats is not None else 0
    result = summarize(path.read_text(encoding="utf-8"), model=model, langs="zh,zh-Hant,en").to_json()
    if out is not None:
        (out / f"{config}-{path.stem}.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    t = result["timing"]
    return {"config": config, "runtime": t["runtime"], "load_s": round(load_s, 1), "brief_s": t["total_s"],
            "prefill_s": t["prefill_s"],
            "prefill_tokens": t["prefill_tokens"], "cached_prefix_tokens": t["cached_prefix_tokens"],
            "decode_s": t["decode_s"], "decode_tokens": t["decode_tokens"], "decode_tok_s": t["decode_tokens_per_s"],
            "decoded_together": (stats.decoded_together if stats is not None else 0) - together_before,
            "calls": len(t["calls"]),
            "guard": {k: result["guard"][k] for k in ("checked", "repaired", "dropped", "fallback", "candidates")},
            "dev": run_dev(model, dev_texts(dev), out / f"{config}.jsonl" if out else None),
            "peak_rss_gb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2, 2)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="qwen2.5-coder-1.5b-instruct")
    ap.add_argument("--configs", default="default,full-prompt,fp32",
                    help=f"comma-separated, from: {', '.join(CONFIGS)}")
    ap.add_argument("--file", type=Path, default=DEFAULT_FILE)
    ap.add_argument("--dev", type=int, default=0, metavar="N", help="also brief the first N dev documents")
    ap.add_argument("--out", type=Path, metavar="DIR",
                    help="write each configuration's dev briefs to DIR/<config>.jsonl (batch rows), to read them")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.model, args.one, args.file, args.dev, args.out)))
        return 0
    rows = []
    configs = [c.strip() for c in args.configs.split(",") if c.strip()]
    unknown = [c for c in configs if c not in CONFIGS]
    if unknown:
        ap.error(f"unknown config(s) {', '.join(unknown)}; choose from {', '.join(CONFIGS)}")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for config in configs:
            (args.out / f"{config}.jsonl").unlink(missing_ok=True)
    for config in configs:
        proc = subprocess.run([sys.executable, "-m", "pressbrief.eval.bench.briefs", "--model", args.model,
                               "--one", config, "--file", str(args.file), "--dev", str(args.dev)]
                              + (["--out", str(args.out)] if args.out else []),
                              capture_output=True, text=True)
        if proc.returncode != 0:
            print(f"{config}: failed: {proc.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
            continue
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), flush=True)
    if not rows:
        return 1
    base = rows[0]["brief_s"]
    print(f"\n{'config':14} {'runtime':10} {'load s':>7} {'brief s':>8} {'calls':>5} {'prefill tok':>11} "
          f"{'prefill s':>10} {'pre tok/s':>9} {'decode s':>9} {'dec tok/s':>10} {'together':>8} {'cand':>5} "
          f"{'peak GB':>8} {'speedup':>8}")
    for r in rows:
        prefill_rate = r["prefill_tokens"] / r["prefill_s"] if r["prefill_s"] else 0.0
        print(f"{r['config']:14} {r['runtime']:10} {r['load_s']:7.1f} {r['brief_s']:8.1f} {r['calls']:5d} "
              f"{r['prefill_tokens']:11d} {r['prefill_s']:10.1f} {prefill_rate:9.1f} {r['decode_s']:9.1f} "
              f"{r['decode_tok_s'] or 0:10.2f} {r['decoded_together']:8d} {r['guard']['candidates']:5d} "
              f"{r['peak_rss_gb']:8.2f} {base / r['brief_s']:8.2f}")
    if any(r.get("dev") for r in rows):
        dev_base = statistics.median(d["wall_s"] for d in rows[0]["dev"]) if rows[0].get("dev") else None
        print(f"\n{'config':14} {'dev docs':>8} {'median s':>9} {'mean s':>8} {'prefill tok/s':>13} "
              f"{'decode tok/s':>12} {'speedup':>8}")
        for r in rows:
            dev = r.get("dev") or []
            if not dev:
                continue
            median = statistics.median(d["wall_s"] for d in dev)
            pre = sum(d["prefill_tokens"] for d in dev) / max(sum(d["prefill_s"] for d in dev), 1e-9)
            dec = sum(d["decode_tokens"] for d in dev) / max(sum(d["decode_s"] for d in dev), 1e-9)
            ratio = f"{dev_base / median:8.2f}" if dev_base else ""
            print(f"{r['config']:14} {len(dev):8d} {median:9.1f} {statistics.mean(d['wall_s'] for d in dev):8.1f} "
                  f"{pre:13.1f} {dec:12.2f} {ratio}")
    print("\ntarget (issue 25): the reference release's three briefs in <= 30 s on 2 CPU cores, dev median <= 30 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
