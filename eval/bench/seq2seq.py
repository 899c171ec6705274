"""Encoder-decoder translation speed: CTranslate2 int8 against transformers fp32, same model, same sentences.

Both runtimes translate the same sentences of the reference release greedily in batches; the
ratio is measured side by side in one run. The default is the tiny Marian the tests build (random
weights, the real architecture and tokenizer); --opus-size builds the same with the layer sizes of
Helsinki-NLP/opus-mt-zh-en (d_model 512, 6+6 layers, 8 heads, FFN 2048; random weights, the tiny
vocabulary), which is what the speed depends on; a real Marian folder can be given with --model-dir.

    python -m pressbrief.eval.bench.seq2seq [--sentences 64] [--batch 16] [--new-tokens 32]
                                            [--opus-size | --model-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from pressbrief.models import load_generator
from pressbrief.models.loaders import ctranslate2_available
from pressbrief.models.tiny import build_tiny
from pressbrief.service.numeric import extract

from .paths import reference_release


def _sentences(n: int) -> list[str]:

    ex = extract(reference_release().read_text(encoding="utf-8"))
    pool = [s.clean or s.text.strip() for sec in ex.sections for s in sec.sentences if len(s.text.strip()) > 4]
    return [pool[i % len(pool)][:200] for i in range(n)]


def _opus_sized(out: Path) -> Path:
    """The tiny Marian's tokenizer with opus-mt-zh-en's layer sizes and random weights."""
    import shutil

    import torch
    from transformers import MarianConfig, MarianMTModel


    tiny = build_tiny("tiny-marian")
    shutil.copytree(tiny, out, dirs_exist_ok=True)
    config = MarianConfig.from_pretrained(tiny)
    for key, value in {"d_model": 512, "encoder_layers": 6, "decoder_layers": 6, "encoder_attention_heads": 8,
                       "decoder_attention_heads": 8, "encoder_ffn_dim": 2048, "decoder_ffn_dim": 2048}.items():
        setattr(config, key, value)
    torch.manual_seed(0)
    MarianMTModel(config).save_pretrained(out)
    return out


def _time(gen, sentences: list[str], batch: int, new_tokens: int) -> tuple[float, int]:
    gen.generate_many(sentences[:2], max_new_tokens=4)  # warm-up
    t0 = time.perf_counter()
    tokens = 0
    for i in range(0, len(sentences), batch):
        tokens += sum(r.new_tokens for r in gen.generate_many(sentences[i:i + batch], max_new_tokens=new_tokens))
    return time.perf_counter() - t0, tokens


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sentences", type=int, default=64)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--new-tokens", type=int, default=32)
    ap.add_argument("--model-dir", help="a local Marian/mT5 folder (default: the tiny Marian)")
    ap.add_argument("--opus-size", action="store_true", help="random weights at opus-mt-zh-en's layer sizes")
    args = ap.parse_args(argv)

    if not ctranslate2_available():
        print("ctranslate2 is not installed: pip install 'pressbrief[ctranslate2]'", file=sys.stderr)
        return 1
    name = "tiny-marian"
    if args.opus_size:
        import tempfile

        args.model_dir = str(_opus_sized(Path(tempfile.mkdtemp(prefix="pressbrief-opus-size-"))))
    if args.model_dir:
        os.environ["PRESSBRIEF_MODEL_PATH_OPUS_MT_ZH_EN"] = args.model_dir
        name = "opus-mt-zh-en"
    sentences = _sentences(args.sentences)
    rows = []
    for runtime in ("fp32", "ctranslate2"):
        t0 = time.perf_counter()
        gen = load_generator(name, runtime=runtime)
        load_s = time.perf_counter() - t0
        secs, tokens = _time(gen, sentences, args.batch, args.new_tokens)
        rows.append((runtime, load_s, secs, tokens))
    base = rows[0][2]
    print(f"{name}: {len(sentences)} sentences, batch {args.batch}, up to {args.new_tokens} new tokens each")
    print(f"{'runtime':12} {'load s':>7} {'translate s':>12} {'sent/s':>8} {'tok/s':>8} {'x fp32':>7}")
    for runtime, load_s, secs, tokens in rows:
        print(f"{runtime:12} {load_s:7.2f} {secs:12.2f} {len(sentences) / secs:8.1f} {tokens / secs:8.1f} "
              f"{base / secs:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
