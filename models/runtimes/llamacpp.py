"""The llama.cpp runtime for GGUF models (the default when built): the fast CPU path.

It runs the Q4_K_M weights as they are (no dequantization, no conversion), and llama.cpp
keeps the KV cache of the previous call: a prompt that starts like the last one (the Chinese
and English briefs share the system prompt and the source) only prefills what is new.

llama-cpp-python ships as source only: `pressbrief setup` builds it with the CMake flags for this CPU
(models/runtime_build.py; the default native build died with "Illegal instruction" on the CI machines).
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import threading
import time

from pressbrief.service.errors import ModelError

from ..assemble import assemble_gguf
from ..registry import ModelEntry
from .base import (
    Cancelled,
    GenerationResult,
    Generator,
    Messages,
    common_prefix_len,
    count_new_tokens,
    split_answer_start,
)

IM_END = "<|im_end|>"


def chatml(prompt: str | Messages) -> str:
    """Qwen's ChatML, as its chat template renders it."""
    if isinstance(prompt, str):
        prompt = [{"role": "user", "content": prompt}]
    prompt, answer_start = split_answer_start(prompt)
    parts = [f"<|im_start|>{m['role']}\n{m['content']}{IM_END}\n" for m in prompt]
    return "".join(parts) + "<|im_start|>assistant\n" + answer_start


class LlamaCppGenerator(Generator):
    def __init__(self, entry: ModelEntry, gguf_path: str, n_ctx: int = 8192):
        from llama_cpp import Llama

        threads = max(1, os.cpu_count() or 1)
        llm = Llama(model_path=gguf_path, n_ctx=min(n_ctx, entry.context), n_threads=threads,
                    n_threads_batch=threads, n_batch=512, verbose=False, seed=0)
        super().__init__(entry, "llama.cpp")
        self.llm = llm
        # free the model before the interpreter tears llama_cpp's module down (else a TypeError at exit)
        atexit.register(llm.close)

    def count_tokens(self, text: str) -> int:
        return len(self.tokenize(text))

    def tokenize(self, text: str) -> list[int]:
        return self.llm.tokenize(text.encode("utf-8"), add_bos=False, special=False)

    def detokenize(self, ids: list[int]) -> str:
        return self.llm.detokenize(ids).decode("utf-8", errors="replace")

    def encode(self, prompt: str | Messages) -> list[int]:
        return self.llm.tokenize(chatml(prompt).encode("utf-8"), add_bos=False, special=True)

    def generate_many(self, prompts, *, max_new_tokens=256, sample_seed=None, cancel: threading.Event | None = None):
        """One prompt after another; llama.cpp reuses the KV cache of the shared prefix itself."""
        results = []
        with self.lock:
            for prompt in prompts:
                results.append(self._one(prompt, max_new_tokens, sample_seed, cancel))
        return results

    def _one(self, prompt, max_new_tokens: int, sample_seed: int | None, cancel) -> GenerationResult:
        llm = self.llm
        ids = self.encode(prompt)
        if len(ids) + max_new_tokens > llm.n_ctx():
            raise ValueError(f"{self.name}: prompt of {len(ids)} tokens + {max_new_tokens} new exceeds the "
                             f"llama.cpp context of {llm.n_ctx()}; split it first")
        cached = common_prefix_len([list(llm._input_ids), ids]) if llm.n_tokens else 0
        sampling = {"temperature": 0.0, "top_k": 1} if sample_seed is None else \
            {"temperature": 0.7, "top_p": 0.9, "top_k": 50, "seed": sample_seed}
        start = time.perf_counter()
        first = None
        pieces: list[str] = []
        n_new = 0
        for chunk in llm.create_completion(ids, max_tokens=max_new_tokens, stop=[IM_END], stream=True, **sampling):
            if first is None:
                first = time.perf_counter()
            pieces.append(chunk["choices"][0]["text"])
            n_new += 1
            count_new_tokens()
            if cancel is not None and cancel.is_set():
                raise Cancelled("generation cancelled")
        end = time.perf_counter()
        first = first or end
        return GenerationResult(text="".join(pieces).strip(), prompt_tokens=len(ids), new_tokens=n_new,
                                cached_tokens=cached, prefill_s=first - start, decode_s=end - first)


# --- the runtime table's hooks (models/runtimes/__init__.py) ---


def available() -> bool:
    return importlib.util.find_spec("llama_cpp") is not None


def accept(entry: ModelEntry, runtime: str) -> None:
    if entry.source_kind != "pypi-parts":
        raise ModelError(f"runtime llama.cpp needs a GGUF model; {entry.name!r} is not one")
    if not available():
        raise ModelError("runtime llama.cpp needs llama-cpp-python: run `pressbrief setup`, which builds it "
                         "for this CPU (models/runtime_build.py)")


def load(entry: ModelEntry, runtime: str) -> LlamaCppGenerator:
    gguf = assemble_gguf(entry)
    try:
        return LlamaCppGenerator(entry, str(gguf))
    except ModelError:
        raise
    except Exception as exc:  # a damaged GGUF whose stamp still matches
        raise ModelError(f"model {entry.name!r}: cannot load {gguf} ({type(exc).__name__}: {exc}); delete it "
                         "and its .verified stamp to assemble it again from the installed parts") from exc
