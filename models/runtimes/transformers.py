"""The transformers (PyTorch) runtimes ``fp32``, ``bf16`` and ``int8-dynamic``: decoder-only and
encoder-decoder models, with the shared prompt prefix prefilled once per batch.

- fp32: the fastest torch path on AVX2-only CPUs (no native bf16);
- bf16: half the memory of fp32, slower without AVX512-BF16;
- int8-dynamic: torch dynamic int8 quantization of every nn.Linear (slow to prepare, measured slower).
"""

from __future__ import annotations

import copy
import logging
import os
import threading
import time
import warnings

from pressbrief.service.errors import ModelError
from pressbrief.service.settings import get_settings

from .. import weights
from ..registry import ModelEntry
from .base import (
    Cancelled,
    GenerationResult,
    Messages,
    TokenizerGenerator,
    count_new_tokens,
    split_answer_start,
)
from .together import TimeLedger, shared_prefix_len


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
        count_new_tokens(int(input_ids.shape[0]))  # one per row of the batch
        stop = bool(self.cancel is not None and self.cancel.is_set())
        self.cancelled = self.cancelled or stop
        return torch.full((input_ids.shape[0],), stop, dtype=torch.bool)


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled("generation cancelled")


def _sampling_kwargs(sample_seed: int | None) -> dict:
    import torch

    if sample_seed is None:
        return {"do_sample": False}
    torch.manual_seed(sample_seed)
    return {"do_sample": True, "temperature": 0.7, "top_p": 0.9, "top_k": 50}


class CausalLMGenerator(TokenizerGenerator):
    def encode(self, prompt: str | Messages) -> list[int]:
        if isinstance(prompt, str):
            prompt = [{"role": "user", "content": prompt}]
        prompt, answer_start = split_answer_start(prompt)
        text = self.tokenizer.apply_chat_template(prompt, tokenize=False, add_generation_prompt=True)
        return self.tokenizer(text + answer_start, add_special_tokens=False)["input_ids"]

    # prompts per batch (more run in rounds); 1 = one after another. Set from PRESSBRIEF_TOGETHER at load.
    together: int = 4

    def _prefix_cache(self, prefix: list[int]):
        """Run the shared prompt prefix once; its KV cache is copied for each prompt."""
        import torch
        from transformers import DynamicCache

        cache = DynamicCache(config=self.model.config)
        with torch.inference_mode():
            self.model(input_ids=torch.tensor([prefix]), use_cache=True, **{_cache_kwarg(self.model): cache})
        return cache

    def generate_many(self, prompts, *, max_new_tokens=256, sample_seed=None, cancel=None):
        """Together: the prompts' shared prefix (system prompt and source) prefilled once for the call,
        its KV cache repeated across each batch of up to ``together`` prompts (more run in rounds); the
        differing suffixes padded in the middle, masked out of attention. A seeded call samples the
        batch from one generator seeded once, so its draws differ from a prompt sampled alone.

        Time of shared work is split equally: the prefix among all prompts of the call, a round's
        prefill and decode among its prompts. The first prompt counts the shared prefix as prefilled,
        every other one as cached, so the uncached prompt tokens add up to those prefilled."""
        if not prompts:
            return []
        encoded = [self.encode(p) for p in prompts]
        shared = shared_prefix_len(encoded)
        if len(encoded) == 1 or shared < 16:
            shared = 0
        ledger = TimeLedger(len(encoded))
        texts: list[list[int]] = []
        with self.lock:
            _check(cancel)
            start = time.perf_counter()
            prefix = self._prefix_cache(encoded[0][:shared]) if shared else None
            ledger.prefill_shared(time.perf_counter() - start, range(len(encoded)))
            for at in range(0, len(encoded), self.together):
                _check(cancel)
                rows = range(at, min(at + self.together, len(encoded)))
                texts += self._round([encoded[i] for i in rows], rows, shared, prefix, max_new_tokens, sample_seed,
                                     cancel, ledger)
        return [GenerationResult(text=self.tokenizer.decode(new, skip_special_tokens=True).strip(),
                                 prompt_tokens=len(e), new_tokens=len(new), cached_tokens=shared if i else 0,
                                 prefill_s=ledger.prefill_s[i], decode_s=ledger.decode_s[i])
                for i, (e, new) in enumerate(zip(encoded, texts, strict=True))]

    def _round(self, encoded: list[list[int]], rows: range, shared: int, prefix, max_new_tokens: int,  # noqa: ANN001
               sample_seed: int | None, cancel: threading.Event | None, ledger: TimeLedger) -> list[list[int]]:
        """One batch: each row's new token ids (its padding and end token stripped)."""
        import torch

        n = len(encoded)
        pad = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else self.tokenizer.eos_token_id
        width = max(len(e) for e in encoded) - shared
        ids, mask = [], []
        for e in encoded:
            gap = width - (len(e) - shared)
            ids.append(e[:shared] + [pad] * gap + e[shared:])
            mask.append([1] * shared + [0] * gap + [1] * (len(e) - shared))
        kwargs = _sampling_kwargs(sample_seed)
        if prefix is not None:
            cache = copy.deepcopy(prefix)  # the next round needs the prefix as it is
            if n > 1:
                cache.batch_repeat_interleave(n)
            kwargs[_cache_kwarg(self.model)] = cache
        clock = _Clock(cancel)
        with torch.inference_mode():
            out = self.model.generate(
                input_ids=torch.tensor(ids), attention_mask=torch.tensor(mask),
                max_new_tokens=max_new_tokens, stopping_criteria=[clock], pad_token_id=pad, **kwargs,
            )
        end = time.perf_counter()
        if clock.cancelled:
            raise Cancelled("generation cancelled")
        first = clock.first or end
        ledger.prefill_shared(first - clock.start, rows)
        ledger.decode_shared(end - first, rows)
        stop_ids = {self.tokenizer.eos_token_id, pad}
        news = []
        for i in range(n):
            new = out[i, len(ids[i]):].tolist()
            while new and new[-1] in stop_ids:  # batch padding after this row's own end
                new.pop()
            news.append(new)
        return news


class Seq2SeqGenerator(TokenizerGenerator):
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


def _cache_kwarg(model) -> str:
    """transformers 5.24 renamed `past_key_values` to `cache`; support both spellings."""
    import inspect

    return "cache" if "cache" in inspect.signature(model.forward).parameters else "past_key_values"


# --- the runtime table's hooks (models/runtimes/__init__.py) ---
NAMES = ("fp32", "bf16", "int8-dynamic")
log = logging.getLogger("pressbrief.models")


def available() -> bool:
    return True  # torch and transformers are dependencies of the package


def accept(entry: ModelEntry, runtime: str) -> None:
    """Any local model: its folder is what transformers loads (models/weights.py)."""


def load(entry: ModelEntry, runtime: str) -> TokenizerGenerator:
    import torch  # deferred: torch and transformers load when a PyTorch runtime is chosen
    from transformers import AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer

    prepare_torch()
    location = weights.verified_model_dir(entry)
    t0 = time.perf_counter()
    try:
        if entry.family == "decoder-only":
            tokenizer = AutoTokenizer.from_pretrained(location)
            model = AutoModelForCausalLM.from_pretrained(location, dtype=torch.bfloat16 if runtime == "bf16"
                                                         else torch.float32)
            cls: type[TokenizerGenerator] = CausalLMGenerator
        elif entry.family == "encoder-decoder":
            tokenizer = AutoTokenizer.from_pretrained(location)
            model = AutoModelForSeq2SeqLM.from_pretrained(location)
            cls = Seq2SeqGenerator
        else:
            raise ModelError(f"model {entry.name!r}: unknown family {entry.family!r}")
    except ModelError:
        raise
    except Exception as exc:  # truncated or garbage weights, a garbage tokenizer.json ...: the model error
        raise ModelError(f"model {entry.name!r}: cannot load from {location} ({type(exc).__name__}: {exc}); "
                         "its files are damaged: restore or rebuild that folder") from exc
    model = _apply_runtime(model, runtime)
    model.eval()
    log.info("loaded %s (%s) from %s in %.1fs", entry.name, runtime, location, time.perf_counter() - t0)
    gen = cls(entry, model, tokenizer, runtime)
    if isinstance(gen, CausalLMGenerator):
        gen.together = get_settings().together
    return gen


def prepare_torch() -> None:
    """Before loading on torch and transformers (this runtime, and CTranslate2's tokenizer side): their
    logging quiet, every core used."""
    import torch  # deferred: torch and transformers load when a runtime on them is chosen
    from transformers.utils import logging as hf_logging

    torch.set_num_threads(max(1, os.cpu_count() or 1))
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    warnings.filterwarnings("ignore", message=".*sacremoses.*")
    warnings.filterwarnings("ignore", category=DeprecationWarning, module="torch.ao")


def _apply_runtime(model, runtime: str):
    import torch

    if runtime == "fp32":
        return model.float()
    if runtime == "bf16":
        return model.to(torch.bfloat16)
    if runtime == "int8-dynamic":
        from torch.ao.quantization import quantize_dynamic

        model = model.float()
        # Untie the output head so it is quantized too (it is the single largest matmul).
        if getattr(model.config, "tie_word_embeddings", False):
            head = model.get_output_embeddings()
            head.weight = torch.nn.Parameter(head.weight.detach().clone())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    raise ModelError(f"runtime {runtime!r} is not a PyTorch runtime; choose one of {', '.join(NAMES)}")
