"""Generators: a thin, uniform wrapper over transformers models for the pipeline.

Decoder-only models take chat messages (rendered with the tokenizer's chat template);
encoder-decoder models take plain source text. Decoding is greedy (deterministic) unless a
`sample_seed` asks for a seeded sampled alternative, which the guard uses as its next
candidate. Prefill and decode are timed separately, and a `cancel` event stops decoding
at the next token.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

from pressbrief.service.errors import PressbriefError

from .registry import ModelEntry

Messages = list[dict[str, str]]


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


class _Clock:
    """A stopping criterion that times the first token (end of prefill) and honours cancel."""

    def __init__(self, cancel: threading.Event | None):
        self.cancel = cancel
        self.start = time.perf_counter()
        self.first: float | None = None
        self.cancelled = False

    def __call__(self, input_ids, scores, **kwargs):  # transformers StoppingCriteria protocol
        import torch

        if self.first is None:
            self.first = time.perf_counter()
        stop = bool(self.cancel is not None and self.cancel.is_set())
        self.cancelled = self.cancelled or stop
        return torch.full((input_ids.shape[0],), stop, dtype=torch.bool)


def _sampling_kwargs(sample_seed: int | None) -> dict:
    import torch

    if sample_seed is None:
        return {"do_sample": False}
    torch.manual_seed(sample_seed)
    return {"do_sample": True, "temperature": 0.7, "top_p": 0.9, "top_k": 50}


class Generator:
    """Common interface: `generate` one prompt, `generate_many` with a shared prefix."""

    def __init__(self, entry: ModelEntry, model, tokenizer, runtime: str):
        self.entry = entry
        self.model = model
        self.tokenizer = tokenizer
        self.runtime = runtime  # e.g. "bf16", "fp32", "int8-dynamic"
        self.lock = threading.Lock()  # one generation at a time per model instance

    @property
    def name(self) -> str:
        return self.entry.name

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text, add_special_tokens=False)["input_ids"])

    def generate(self, prompt: str | Messages, *, max_new_tokens: int = 256, sample_seed: int | None = None,
                 cancel: threading.Event | None = None) -> GenerationResult:
        return self.generate_many([prompt], max_new_tokens=max_new_tokens, sample_seed=sample_seed,
                                  cancel=cancel)[0]

    def generate_many(self, prompts: Sequence[str | Messages], *, max_new_tokens: int = 256,
                      sample_seed: int | None = None, cancel: threading.Event | None = None,
                      ) -> list[GenerationResult]:
        raise NotImplementedError


class CausalLMGenerator(Generator):
    def encode(self, prompt: str | Messages) -> list[int]:
        if isinstance(prompt, str):
            prompt = [{"role": "user", "content": prompt}]
        prompt, answer_start = split_answer_start(prompt)
        text = self.tokenizer.apply_chat_template(prompt, tokenize=False, add_generation_prompt=True)
        return self.tokenizer(text + answer_start, add_special_tokens=False)["input_ids"]

    def _prefix_cache(self, prefix: list[int]):
        """Run the shared prompt prefix once; its KV cache is copied for each prompt."""
        import torch
        from transformers import DynamicCache

        cache = DynamicCache(config=self.model.config)
        with torch.inference_mode():
            self.model(input_ids=torch.tensor([prefix]), use_cache=True, **{_cache_kwarg(self.model): cache})
        return cache

    def generate_many(self, prompts, *, max_new_tokens=256, sample_seed=None, cancel=None):
        """All prompts decode together as one batch: decoding is memory-bound on CPU, so a batch
        of two costs little more per step than one. Their shared prefix (system prompt and
        source) is prefilled once and its KV cache repeated across the batch; the differing
        suffixes are padded in the middle, masked out of attention."""
        import torch

        encoded = [self.encode(p) for p in prompts]
        n = len(encoded)
        prefix_len = _common_prefix_len(encoded) if n > 1 else 0
        prefix_len = min(prefix_len, min(len(e) for e in encoded) - 1)  # generate() needs >= 1 new token
        if prefix_len < 16:
            prefix_len = 0
        pad = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else self.tokenizer.eos_token_id
        width = max(len(e) for e in encoded) - prefix_len
        ids, mask = [], []
        for e in encoded:
            gap = width - (len(e) - prefix_len)
            ids.append(e[:prefix_len] + [pad] * gap + e[prefix_len:])
            mask.append([1] * prefix_len + [0] * gap + [1] * (len(e) - prefix_len))
        kwargs = _sampling_kwargs(sample_seed)
        with self.lock:
            clock = _Clock(cancel)
            if prefix_len:
                cache = self._prefix_cache(encoded[0][:prefix_len])
                if n > 1:
                    cache.batch_repeat_interleave(n)
                kwargs[_cache_kwarg(self.model)] = cache
            with torch.inference_mode():
                out = self.model.generate(
                    input_ids=torch.tensor(ids), attention_mask=torch.tensor(mask),
                    max_new_tokens=max_new_tokens, stopping_criteria=[clock], pad_token_id=pad, **kwargs,
                )
            end = time.perf_counter()
        if clock.cancelled:
            raise Cancelled("generation cancelled")
        first = clock.first or end
        results: list[GenerationResult] = []
        stop_ids = {self.tokenizer.eos_token_id, pad}
        for i, e in enumerate(encoded):
            new = out[i, len(ids[i]):].tolist()
            while new and new[-1] in stop_ids:  # batch padding after this row's own end
                new.pop()
            results.append(GenerationResult(
                text=self.tokenizer.decode(new, skip_special_tokens=True).strip(),
                prompt_tokens=len(e), new_tokens=len(new), cached_tokens=prefix_len,
                # Batch wall time is shared out so per-result times add up to the real total.
                prefill_s=(first - clock.start) / n, decode_s=(end - first) / n,
            ))
        return results


class Seq2SeqGenerator(Generator):
    def generate_many(self, prompts, *, max_new_tokens=256, sample_seed=None, cancel=None):
        """Batched: encoder-decoder models translate a list of sentences in one call."""
        import torch

        texts = [p if isinstance(p, str) else "\n".join(m["content"] for m in p) for p in prompts]
        with self.lock:
            batch = self.tokenizer(texts, return_tensors="pt", padding=True)
            longest = int(batch["attention_mask"].sum(dim=1).max())
            if longest > self.entry.context:
                # Never truncate silently: the pipeline must split input to fit.
                raise ValueError(f"{self.name}: input of {longest} tokens exceeds its context of "
                                 f"{self.entry.context}; split it first")
            clock = _Clock(cancel)
            with torch.inference_mode():
                out = self.model.generate(**batch, max_new_tokens=max_new_tokens, stopping_criteria=[clock],
                                          **_sampling_kwargs(sample_seed))
            end = time.perf_counter()
        if clock.cancelled:
            raise Cancelled("generation cancelled")
        first = clock.first or end
        results = []
        for i in range(len(texts)):
            new = [t for t in out[i].tolist() if t != self.tokenizer.pad_token_id]
            results.append(GenerationResult(
                text=self.tokenizer.decode(new, skip_special_tokens=True).strip(),
                prompt_tokens=int(batch["attention_mask"][i].sum()), new_tokens=len(new), cached_tokens=0,
                prefill_s=(first - clock.start) / len(texts), decode_s=(end - first) / len(texts),
            ))
        return results


def split_answer_start(messages: Messages) -> tuple[Messages, str]:
    """A trailing assistant message is the start of the answer: the model continues it.

    Starting the answer in English is what keeps a small model from answering a Chinese
    source in Chinese when asked for an English brief."""
    if messages and messages[-1]["role"] == "assistant":
        return messages[:-1], messages[-1]["content"]
    return messages, ""


def _cache_kwarg(model) -> str:
    """transformers 5.24 renamed `past_key_values` to `cache`; support both spellings."""
    import inspect

    return "cache" if "cache" in inspect.signature(model.forward).parameters else "past_key_values"


def _common_prefix_len(seqs: list[list[int]]) -> int:
    n = min(len(s) for s in seqs)
    for i in range(n):
        tok = seqs[0][i]
        if any(s[i] != tok for s in seqs[1:]):
            return i
    return n
