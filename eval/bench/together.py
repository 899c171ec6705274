"""Generating together versus one prompt after another, on the calls a real brief makes.

First the brief of a release is written once (``summarize``, all three languages) while every call it
makes to the model is recorded: its prompts, token budget and seed. Then the recorded calls are replayed,
in order, by each mode in its own subprocess (so peak RSS is per mode):

    legacy      the high-level ``Llama.create_completion``, one prompt after another, as the runtime
                was before it generated together (llama.cpp's single-sequence prefix cache)
    sequential  the runtime with PRESSBRIEF_TOGETHER=1: one prompt after another, prefixes kept in the
                KV cache across calls
    together    the runtime as configured (PRESSBRIEF_TOGETHER, default 4): each call's shared prefix
                prefilled once and forked, its prompts decoded in one batch per step

Prints wall s, prefill and decode tokens/s, tokens decoded together, peak RSS and the ratio to the
first mode, and how many outputs changed text against the first mode (greedy outputs are compared;
batched kernels may round differently).

    python -m pressbrief.eval.bench.together [--file PATH] [--modes legacy,sequential,together]
                                             [--calls calls.json] [--record]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pressbrief.models import get_entry, load_generator
from pressbrief.models.assemble import assemble_gguf
from pressbrief.models.runtimes import GenerationResult, common_prefix_len
from pressbrief.models.runtimes.llamacpp import IM_END, chatml
from pressbrief.service.pipeline import summarize

from .paths import reference_release

MODEL = "qwen2.5-coder-1.5b-instruct"
MODES = ("legacy", "sequential", "together")


def record_calls(path: Path, model: str) -> list[dict]:
    """Brief the release once, recording every generate_many call (generate is one of them)."""
    gen = load_generator(model)
    calls: list[dict] = []
    real = gen.generate_many

    def recording(prompts, **kwargs):  # noqa: ANN001, ANN003, ANN202 - the generator's own signature
        calls.append({"prompts": list(prompts), "max_new_tokens": kwargs.get("max_new_tokens", 256),
                      "sample_seed": kwargs.get("sample_seed")})
        return real(prompts, **kwargs)

    gen.generate_many = recording  # this instance only: summarize loads the same cached generator
    try:
        summarize(path.read_text(encoding="utf-8"), model=model, langs="zh,zh-Hant,en")
    finally:
        del gen.generate_many
    return calls


def replay(mode: str, calls: list[dict], model: str) -> dict:
    """Every recorded call, in order, by ``mode``; what it cost and what it answered."""
    if mode == "legacy":
        gen = LegacyLlamaCpp(model)
    else:
        gen = load_generator(model, runtime="llama.cpp")
        if mode == "sequential":
            gen.together = 1
    gen.generate_many(["你好"], max_new_tokens=2)  # warm-up: first-touch of the weights is not measured
    before = _stats(gen)
    texts, prefill_tokens, cached, decoded, prefill_s, decode_s = [], 0, 0, 0, 0.0, 0.0
    start = time.perf_counter()
    for call in calls:
        for r in gen.generate_many(call["prompts"], max_new_tokens=call["max_new_tokens"],
                                   sample_seed=call["sample_seed"]):
            texts.append(r.text)
            prefill_tokens += r.prompt_tokens - r.cached_tokens
            cached += r.cached_tokens
            decoded += r.new_tokens
            prefill_s += r.prefill_s
            decode_s += r.decode_s
    wall = time.perf_counter() - start
    after = _stats(gen)
    return {"mode": mode, "calls": len(calls), "outputs": len(texts), "wall_s": round(wall, 2),
            "prefill_tokens": prefill_tokens, "cached_tokens": cached, "prefill_s": round(prefill_s, 2),
            "decode_tokens": decoded, "decode_s": round(decode_s, 2),
            "decoded_together": after["decoded_together"] - before["decoded_together"],
            "peak_rss_gb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2, 2),
            "greedy": [c["sample_seed"] is None for c in calls for _ in c["prompts"]], "texts": texts}


def _stats(gen) -> dict:  # noqa: ANN001
    stats = getattr(gen, "stats", None)
    return {"decoded_together": stats.decoded_together if stats is not None else 0}


class LegacyLlamaCpp:
    """The runtime as it was before generating together (kept here only as the bench's baseline): the
    high-level ``Llama`` API, one prompt after another, its single-sequence prefix cache."""

    def __init__(self, model: str):
        # deferred: llama_cpp is built by `pressbrief setup`; this bench needs it anyway
        from llama_cpp import Llama

        threads = max(1, os.cpu_count() or 1)
        entry = get_entry(model)
        self.llm = Llama(model_path=str(assemble_gguf(entry)), n_ctx=min(8192, entry.context), n_threads=threads,
                         n_threads_batch=threads, n_batch=512, verbose=False, seed=0)

    def generate_many(self, prompts, *, max_new_tokens=256, sample_seed=None) -> list:  # noqa: ANN001
        return [self._one(p, max_new_tokens, sample_seed) for p in prompts]

    def _one(self, prompt, max_new_tokens: int, sample_seed: int | None) -> GenerationResult:  # noqa: ANN001
        llm = self.llm
        ids = llm.tokenize(chatml(prompt).encode("utf-8"), add_bos=False, special=True)
        cached = common_prefix_len([list(llm._input_ids), ids]) if llm.n_tokens else 0
        sampling = {"temperature": 0.0, "top_k": 1} if sample_seed is None else \
            {"temperature": 0.7, "top_p": 0.9, "top_k": 50, "seed": sample_seed}
        start = time.perf_counter()
        first = None
        pieces: list[str] = []
        for chunk in llm.create_completion(ids, max_tokens=max_new_tokens, stop=[IM_END], stream=True, **sampling):
            first = first or time.perf_counter()
            pieces.append(chunk["choices"][0]["text"])
        end = time.perf_counter()
        first = first or end
        return GenerationResult(text="".join(pieces).strip(), prompt_tokens=len(ids), new_tokens=len(pieces),
                                cached_tokens=cached, prefill_s=first - start, decode_s=end - first)


def table(rows: list[dict]) -> str:
    base = rows[0]
    lines = [f"{'mode':11} {'outputs':>7} {'wall s':>7} {'prefill tok':>11} {'cached':>7} {'prefill tok/s':>13} "
             f"{'decode tok':>10} {'decode tok/s':>12} {'together':>8} {'peak GB':>7} {'speedup':>7} "
             f"{'changed':>9}"]
    for r in rows:
        changed = [a != b for a, b, greedy in zip(base["texts"], r["texts"], base["greedy"], strict=True) if greedy]
        lines.append(
            f"{r['mode']:11} {r['outputs']:7d} {r['wall_s']:7.1f} {r['prefill_tokens']:11d} {r['cached_tokens']:7d} "
            f"{r['prefill_tokens'] / r['prefill_s'] if r['prefill_s'] else 0:13.1f} {r['decode_tokens']:10d} "
            f"{r['decode_tokens'] / r['decode_s'] if r['decode_s'] else 0:12.2f} {r['decoded_together']:8d} "
            f"{r['peak_rss_gb']:7.2f} {base['wall_s'] / r['wall_s']:7.2f} {sum(changed):4d}/{len(changed):<4d}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=MODEL)
    ap.add_argument("--file", type=Path, default=reference_release(), help="the release whose brief is recorded")
    ap.add_argument("--modes", default=",".join(MODES), help=f"comma-separated, from: {', '.join(MODES)}")
    ap.add_argument("--calls", type=Path, help="the recorded calls (JSON): read if it exists, else written")
    ap.add_argument("--record", action="store_true", help="record the calls again even if --calls exists")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # internal: replay one mode in this process
    args = ap.parse_args(argv)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        ap.error(f"unknown mode(s) {', '.join(unknown)}; choose from {', '.join(MODES)}")
    calls_path = args.calls or Path(tempfile.gettempdir()) / f"pressbrief-calls-{args.file.stem}.json"
    if args.one:
        calls = json.loads(calls_path.read_text(encoding="utf-8"))
        print(json.dumps(replay(args.one, calls, args.model), ensure_ascii=False))
        return 0
    if args.record or not calls_path.is_file():
        calls = record_calls(args.file, args.model)
        calls_path.write_text(json.dumps(calls, ensure_ascii=False), encoding="utf-8")
        print(f"recorded {len(calls)} calls, {sum(len(c['prompts']) for c in calls)} prompts -> {calls_path}",
              flush=True)
    rows = []
    for mode in modes:
        proc = subprocess.run([sys.executable, "-m", "pressbrief.eval.bench.together", "--model", args.model,
                               "--one", mode, "--calls", str(calls_path), "--file", str(args.file)],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            print(f"{mode}: failed\n{proc.stderr[-2000:]}", file=sys.stderr)
            continue
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(json.dumps({k: v for k, v in rows[-1].items() if k not in ("texts", "greedy")}), flush=True)
    if not rows:
        return 1
    print()
    print(table(rows))
    print("\nchanged: greedy outputs whose text differs from the first mode's (sampled ones are not compared)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
