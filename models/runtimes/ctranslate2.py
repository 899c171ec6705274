"""Encoder-decoder models (Marian, mT5) on CTranslate2, the engine LibreTranslate and Argos run Marian on.

A transformers folder is converted once to CTranslate2 int8 under `$PRESSBRIEF_HOME/ct2/`, keyed by
the sha256 of the folder's files, written to a temporary folder and renamed into place. The
converted weights are hashed after conversion; a later load re-hashes them when their size or
times differ from the stamp, and a mismatch is an error, never a silent use. Sentences are
translated in one batch call; the transformers tokenizer of the folder does the tokenizing, and
the never-truncate rule of the transformers runtime holds here too.
"""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from pressbrief.service.errors import ModelError
from pressbrief.service.settings import get_settings

from .. import weights
from ..assemble import _fingerprint, sha256_file
from ..registry import ModelEntry
from .base import Cancelled, GenerationResult, Messages, TokenizerGenerator, count_new_tokens
from .transformers import prepare_torch

QUANTIZATION = "int8"
_convert_lock = threading.Lock()


def folder_sha256(folder: Path) -> str:
    """One digest over every file of a model folder (names and contents), in sorted order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + sha256_file(path).encode())
    return digest.hexdigest()


def _stamp_text(out: Path) -> str:
    model_bin = out / "model.bin"
    return f"{sha256_file(model_bin)} {_fingerprint(model_bin)}"


def converted_dir(source: Path, quantization: str = QUANTIZATION) -> Path:
    """The CTranslate2 copy of a transformers folder, converting it on first use."""
    key = folder_sha256(source)
    out = get_settings().home / "ct2" / f"{key[:32]}-{quantization}"
    stamp = out / ".verified"
    with _convert_lock:
        if stamp.is_file():
            recorded_hash, _, recorded_print = stamp.read_text().strip().partition(" ")
            model_bin = out / "model.bin"
            if model_bin.is_file() and _fingerprint(model_bin) == recorded_print:
                return out
            # changed since its check: hash again before use, never trust the stamp
            if not model_bin.is_file() or sha256_file(model_bin) != recorded_hash:
                raise ModelError(f"converted model {out} does not match its checksum (changed after conversion); "
                                 f"delete {out} to convert again")
            stamp.write_text(f"{recorded_hash} {_fingerprint(model_bin)}\n")
            return out
        from ctranslate2.converters import TransformersConverter

        tmp = out.with_name(out.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.parent.mkdir(parents=True, exist_ok=True)
        try:
            TransformersConverter(str(source)).convert(str(tmp), quantization=quantization, force=True)
        except Exception as exc:  # the converter raises plain ValueError/KeyError for unsupported models
            shutil.rmtree(tmp, ignore_errors=True)
            raise ModelError(f"cannot convert {source} to CTranslate2: {exc}") from exc
        (tmp / ".verified").write_text(_stamp_text(tmp) + "\n")
        shutil.rmtree(out, ignore_errors=True)
        tmp.rename(out)
        return out


class CTranslate2Seq2SeqGenerator(TokenizerGenerator):
    def __init__(self, entry: ModelEntry, source: Path):
        import ctranslate2
        from transformers import AutoTokenizer

        t0 = time.perf_counter()
        folder = converted_dir(source)
        self.convert_s = time.perf_counter() - t0
        translator = ctranslate2.Translator(str(folder), device="cpu", compute_type=QUANTIZATION,
                                            inter_threads=1, intra_threads=0)
        super().__init__(entry, translator, AutoTokenizer.from_pretrained(str(source)), "ctranslate2")
        self.folder = folder

    def generate_many(self, prompts: Sequence[str | Messages], *, max_new_tokens: int = 256,
                      sample_seed: int | None = None, cancel: threading.Event | None = None,
                      ) -> list[GenerationResult]:
        texts = [p if isinstance(p, str) else "\n".join(m["content"] for m in p) for p in prompts]
        ids = [self.tokenizer(t)["input_ids"] for t in texts]
        longest = max((len(i) for i in ids), default=0)
        if longest > self.entry.context:
            # Never truncate silently: the pipeline must split input to fit.
            raise ValueError(f"{self.name}: input of {longest} tokens exceeds its context of "
                             f"{self.entry.context}; split it first")
        if cancel is not None and cancel.is_set():
            raise Cancelled("generation cancelled")
        tokens = [self.tokenizer.convert_ids_to_tokens(i) for i in ids]
        sampling = {"beam_size": 1} if sample_seed is None else \
            {"beam_size": 1, "sampling_topk": 50, "sampling_temperature": 0.7}
        with self.lock:
            start = time.perf_counter()
            out = self.model.translate_batch(tokens, max_decoding_length=max_new_tokens, max_batch_size=32,
                                             **sampling)
            end = time.perf_counter()
        if cancel is not None and cancel.is_set():
            raise Cancelled("generation cancelled")
        results = []
        for src, res in zip(ids, out, strict=True):
            new = self.tokenizer.convert_tokens_to_ids(res.hypotheses[0])
            count_new_tokens(len(new))
            # CTranslate2 does not report the end of the encoder pass; the batch time is decode time
            results.append(GenerationResult(
                text=self.tokenizer.decode(new, skip_special_tokens=True).strip(), prompt_tokens=len(src),
                new_tokens=len(new), cached_tokens=0, prefill_s=0.0, decode_s=(end - start) / len(texts)))
        return results


# --- the runtime table's hooks (models/runtimes/__init__.py) ---


def available() -> bool:
    return importlib.util.find_spec("ctranslate2") is not None


def accept(entry: ModelEntry, runtime: str) -> None:
    if entry.family != "encoder-decoder":
        raise ModelError(f"runtime ctranslate2 is for encoder-decoder models; {entry.name!r} is {entry.family}")
    if not available():
        raise ModelError("runtime ctranslate2 needs the ctranslate2 package: pip install 'pressbrief[ctranslate2]'")


def load(entry: ModelEntry, runtime: str) -> CTranslate2Seq2SeqGenerator:
    prepare_torch()  # the tokenizer side runs on transformers
    location = weights.verified_model_dir(entry)
    if not Path(location).is_dir():
        raise ModelError(f"runtime ctranslate2 converts a local folder; {entry.name!r} resolved to {location}")
    return CTranslate2Seq2SeqGenerator(entry, Path(location))
