"""The llama.cpp runtime for GGUF models (the default when built): the fast CPU path.

It runs the Q4_K_M weights as they are (no dequantization, no conversion). Several prompts are
generated together (llamacpp_fork.py): their shared prefix prefilled once and forked, their answers
decoded in one batch per step; the KV cache outlives the call, so a prompt that starts like an
earlier one (the Chinese and English briefs share the system prompt and the source, and so do their
candidates) only prefills what is new.

llama-cpp-python ships as source only: `pressbrief setup` builds it with the CMake flags for this CPU
(models/runtime_build.py; the default native build died with "Illegal instruction" on the CI machines).
"""

from __future__ import annotations

import atexit
import importlib.util
import threading
from collections.abc import Sequence
from pathlib import Path

from pressbrief.service.errors import ModelError
from pressbrief.service.settings import get_settings

from ..assemble import assemble_gguf
from ..registry import ModelEntry
from .base import GenerationResult, Generator, Messages, count_new_tokens, split_answer_start
from .together import TogetherStats

IM_END = "<|im_end|>"


def chatml(prompt: str | Messages) -> str:
    """Qwen's ChatML, as its chat template renders it."""
    if isinstance(prompt, str):
        prompt = [{"role": "user", "content": prompt}]
    prompt, answer_start = split_answer_start(prompt)
    parts = [f"<|im_start|>{m['role']}\n{m['content']}{IM_END}\n" for m in prompt]
    return "".join(parts) + "<|im_start|>assistant\n" + answer_start


class LlamaCppGenerator(Generator):
    """The GGUF model in one llama.cpp context whose KV cache holds several sequences
    (llamacpp_fork.py): ``generate_many`` prefills the prompts' shared prefix once (or takes it from the
    cache of an earlier call) and decodes up to ``together`` of them in one batch per step."""

    def __init__(self, entry: ModelEntry, gguf_path: str, *, n_ctx: int = 8192, together: int = 4,
                 threads: int | None = None, prefix_cache: Path | None = None):
        # deferred: llama_cpp (built by `pressbrief setup`) loads only when this runtime is chosen
        from .llamacpp_fork import ForkingDecoder

        decoder = ForkingDecoder.open(gguf_path, n_ctx=min(n_ctx, entry.context), together=together, threads=threads,
                                      prefix_cache=prefix_cache)
        super().__init__(entry, "llama.cpp")
        self.decoder = decoder
        self.model = decoder.model
        # prompts decoded together, at most the context's working sequences; 1 = one prompt after another
        # (the sequential path, which the benches compare against)
        self.together = together
        # free the model before the interpreter tears llama_cpp's module down (else a TypeError at exit)
        atexit.register(decoder.close)

    @property
    def stats(self) -> TogetherStats:
        return self.decoder.stats

    def count_tokens(self, text: str) -> int:
        return len(self.tokenize(text))

    def tokenize(self, text: str) -> list[int]:
        return self.model.tokenize(text.encode("utf-8"), add_bos=False, special=False)

    def detokenize(self, ids: list[int]) -> str:
        return self.model.detokenize(ids).decode("utf-8", errors="replace")

    def encode(self, prompt: str | Messages) -> list[int]:
        return self.model.tokenize(chatml(prompt).encode("utf-8"), add_bos=False, special=True)

    def generate_many(self, prompts: Sequence[str | Messages], *, max_new_tokens: int = 256,
                      sample_seed: int | None = None, cancel: threading.Event | None = None,
                      ) -> list[GenerationResult]:
        """Greedy unless ``sample_seed``: then every prompt is sampled with that seed, as it would be alone.
        How the time of shared work is split among the results: ``ForkingDecoder.run``."""
        if not prompts:
            return []
        encoded = [self.encode(p) for p in prompts]
        with self.lock:
            decoded = self.decoder.run(encoded, max_new_tokens=max_new_tokens, sample_seed=sample_seed,
                                       cancel=cancel, on_token=count_new_tokens, together=self.together)
        return [GenerationResult(text=self.detokenize(d.tokens).strip(), prompt_tokens=d.prompt_tokens,
                                 new_tokens=len(d.tokens), cached_tokens=d.cached_tokens,
                                 prefill_s=d.prefill_s, decode_s=d.decode_s) for d in decoded]


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
        settings = get_settings()
        return LlamaCppGenerator(entry, str(gguf), together=settings.together, threads=settings.threads or None,
                                 prefix_cache=settings.home / "prefix-cache" if settings.prefix_cache else None)
    except ModelError:
        raise
    except Exception as exc:  # a damaged GGUF whose stamp still matches
        raise ModelError(f"model {entry.name!r}: cannot load {gguf} ({type(exc).__name__}: {exc}); delete it "
                         "and its .verified stamp to assemble it again from the installed parts") from exc
