"""The one interface every generation runtime implements (``Generator``), and what it returns.

A runtime is one module of this folder: ``transformers.py`` (PyTorch; the encoder-decoder models and
the tiny test models), ``llamacpp.py`` (GGUF weights as they are). Decoder-only models take chat
messages; a trailing assistant message is the start of the answer. Decoding is greedy unless a
``sample_seed`` asks for a seeded sampled alternative (the guard's next candidate); prefill and decode
are timed separately, and a ``cancel`` event stops decoding at the next token.
"""

from __future__ import annotations

import contextlib
import contextvars
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from pressbrief.service.errors import PressbriefError

from ..registry import ModelEntry

Messages = list[dict[str, str]]

# Who hears about each new token (a terminal progress line, a job's event stream): set by the
# caller around a generation, so no generate() signature has to carry it.
_token_meter: contextvars.ContextVar[Callable[[int], None] | None] = contextvars.ContextVar("token_meter",
                                                                                          default=None)


@contextlib.contextmanager
def token_meter(callback: Callable[[int], None] | None) -> Iterator[None]:
    """Call ``callback(n)`` for every n new tokens generated in this context."""
    token = _token_meter.set(callback)
    try:
        yield
    finally:
        _token_meter.reset(token)


def count_new_tokens(n: int = 1) -> None:
    """Runtimes call this as tokens arrive; a no-op unless a token_meter is listening."""
    callback = _token_meter.get()
    if callback is not None:
        callback(n)


class Cancelled(PressbriefError):
    """Generation was stopped because the caller cancelled it (timeout, client gone)."""

    exit_code = 130
    http_status = 504
    code = "cancelled"


@dataclass
class GenerationResult:
    text: str
    prompt_tokens: int
    new_tokens: int
    cached_tokens: int  # prompt tokens whose KV came from a shared-prefix cache
    prefill_s: float
    decode_s: float

    @property
    def decode_tokens_per_s(self) -> float:
        return self.new_tokens / self.decode_s if self.decode_s > 0 else 0.0


class Generator:
    """What every runtime has: its registry entry and runtime name, ``count_tokens`` (for chunk and digest
    budgets), ``generate`` one prompt and ``generate_many`` (together, sharing what the prompts share)."""

    def __init__(self, entry: ModelEntry, runtime: str):
        self.entry = entry
        self.runtime = runtime  # e.g. "llama.cpp", "fp32", "openai"
        self.lock = threading.Lock()  # one generation at a time per model instance

    @property
    def name(self) -> str:
        return self.entry.name

    def count_tokens(self, text: str) -> int:
        raise NotImplementedError

    def generate(self, prompt: str | Messages, *, max_new_tokens: int = 256, sample_seed: int | None = None,
                 cancel: threading.Event | None = None) -> GenerationResult:
        return self.generate_many([prompt], max_new_tokens=max_new_tokens, sample_seed=sample_seed,
                                  cancel=cancel)[0]

    def generate_many(self, prompts: Sequence[str | Messages], *, max_new_tokens: int = 256,
                      sample_seed: int | None = None, cancel: threading.Event | None = None,
                      ) -> list[GenerationResult]:
        raise NotImplementedError


def split_answer_start(messages: Messages) -> tuple[Messages, str]:
    """A trailing assistant message is the start of the answer: the model continues it.

    Starting the answer in English is what keeps a small model from answering a Chinese
    source in Chinese when asked for an English brief."""
    if messages and messages[-1]["role"] == "assistant":
        return messages[:-1], messages[-1]["content"]
    return messages, ""


def common_prefix_len(seqs: Sequence[Sequence[int]]) -> int:
    """How many leading tokens all of ``seqs`` share: the prefix whose KV cache can be reused."""
    n = min(len(s) for s in seqs)
    for i in range(n):
        tok = seqs[0][i]
        if any(s[i] != tok for s in seqs[1:]):
            return i
    return n


class TokenizerGenerator(Generator):
    """A runtime in this process with a Hugging Face tokenizer (transformers, CTranslate2)."""

    def __init__(self, entry: ModelEntry, model, tokenizer, runtime: str):  # noqa: ANN001 - the runtime's own
        super().__init__(entry, runtime)
        self.model = model
        self.tokenizer = tokenizer

    def count_tokens(self, text: str) -> int:
        return len(self.tokenize(text))

    def tokenize(self, text: str) -> list[int]:
        return self.tokenizer(text, add_special_tokens=False)["input_ids"]

    def detokenize(self, ids: list[int]) -> str:
        return self.tokenizer.decode(ids)
