"""Several prompts through one llama.cpp context: the shared prefix prefilled once, forked to each
sequence, the sequences' own tokens prefilled in one batch, then every live sequence decoded in one
``llama_batch`` per step.

The KV cache is unified (``kv_unified``): a sequence copied from another (``llama_memory_seq_cp``)
shares its cells instead of duplicating them, so a fork costs no memory and no time. What each
sequence holds from position 0 is booked here (``_kv``), and survives the call: the next call takes
the longest prefix of its prompts' shared prefix that any sequence holds (the brief prompts of a
release, their candidates and the later per-sentence prompts start alike, call after call).

A working sequence keeps its prompt and answer after the call too: a prompt of the next call that it
holds (the next candidate of the same prompt: the brief's next round, a seeded sample) goes on from its
own tokens there instead of prefilling them again.

Sequences: ``PREFIX_SEQS`` keep a shared prefix between calls (two, so that a prompt of another
template in between does not evict the source's prefix); the ``together`` working sequences after
them decode the prompts, at most ``together`` at a time: when one answer ends, the next prompt waiting
takes its sequence, and its own tokens are prefilled in the same batch as the others' next tokens.

On 2 AVX2 cores, decode is nearly compute-bound: 2 sequences decode ~1.2x, 4 ~1.3x the tokens/s of
one (issue 25). The prefix prefilled once is where most of the time goes.
"""

from __future__ import annotations

import ctypes
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import llama_cpp
from llama_cpp import _internals as internals
from llama_cpp._logger import set_verbose

from .base import Cancelled, common_prefix_len
from .idle_cores import IdleCores
from .prefix_store import PrefixStore
from .together import TimeLedger, TogetherStats, shared_prefix_len

PREFIX_SEQS = (0, 1)
# A prefix shorter than this is prefilled with each prompt rather than evicting a cached one for it.
MIN_SHARED_PREFIX = 16

N_BATCH = 512  # tokens per llama_decode (prefill chunks); as the high-level API ran it before


@dataclass
class Decoded:
    """One prompt's answer tokens and what they cost (see ``ForkingDecoder.run`` for the split)."""

    tokens: list[int]
    prompt_tokens: int
    cached_tokens: int
    prefill_s: float
    decode_s: float


@dataclass
class _Live:
    """A prompt being answered in a working sequence."""

    index: int  # which prompt of the call
    seq: int  # its KV sequence id
    pending: list[int]  # its own prompt tokens, not yet prefilled
    pos: int  # the position of the next token fed to it
    sampler: internals.LlamaSampler
    new: list[int] = field(default_factory=list)
    done: bool = False


class NoRoom(RuntimeError):
    """llama.cpp found no free cells in the KV cache for a batch."""


class ForkingDecoder:
    """Owns a llama.cpp context created with ``n_seq_max = len(PREFIX_SEQS) + together``."""

    @classmethod
    def open(cls, gguf_path: str, *, n_ctx: int, together: int, threads: int | None = None,
             prefix_cache: Path | None = None) -> ForkingDecoder:
        """Load the GGUF and create its context: ``n_ctx`` cells of KV cache shared by every sequence;
        ``threads``: that many always; default every core other processes leave idle, counted before each
        call (``idle_cores``). ``prefix_cache``: a folder where prefilled prefixes outlive the process
        (prefix_store.py); None keeps them in memory only."""
        if together < 1:
            raise ValueError(f"together must be at least 1, got {together}")
        _init_backend()
        adapt = threads is None
        threads = threads or max(1, os.cpu_count() or 1)
        model_params = llama_cpp.llama_model_default_params()
        model_params.n_gpu_layers = 0
        model = internals.LlamaModel(path_model=gguf_path, params=model_params, verbose=False)
        params = llama_cpp.llama_context_default_params()
        params.n_ctx = n_ctx
        params.n_batch = params.n_ubatch = N_BATCH
        params.n_threads = params.n_threads_batch = threads
        params.n_seq_max = len(PREFIX_SEQS) + together
        params.kv_unified = True  # a copied prefix shares its cells: a fork costs neither memory nor time
        params.flash_attn_type = llama_cpp.LLAMA_FLASH_ATTN_TYPE_DISABLED  # as the high-level API ran it
        params.no_perf = True
        try:
            ctx = internals.LlamaContext(model=model, params=params, verbose=False)
        except Exception:
            model.close()
            raise
        store = None
        if prefix_cache is not None:
            stat = os.stat(gguf_path)
            # a state is valid for these weights in a context of this layout only
            salt = (f"{os.path.abspath(gguf_path)}|{stat.st_size}|{stat.st_mtime_ns}|{llama_cpp.__version__}|"
                    f"{n_ctx}|{params.n_seq_max}|unified|f16")
            store = PrefixStore(prefix_cache, salt)
        return cls(model, ctx, n_batch=N_BATCH, together=together, threads=threads, adapt=adapt, store=store)

    def __init__(self, model: internals.LlamaModel, ctx: internals.LlamaContext, *, n_batch: int,
                 together: int, threads: int = 1, adapt: bool = False, store: PrefixStore | None = None):
        self.model = model
        self.ctx = ctx
        self.max_threads = self.threads = threads
        self._idle = IdleCores() if adapt else None
        self.n_batch = min(n_batch, llama_cpp.llama_n_batch(ctx.ctx))  # llama.cpp caps it at n_ctx
        self.together = together
        self.work_seqs = tuple(range(len(PREFIX_SEQS), len(PREFIX_SEQS) + together))
        self.stats = TogetherStats()
        self._kv: dict[int, list[int]] = {}  # sequence -> the tokens whose KV it holds, from position 0
        self._last_used = dict.fromkeys(PREFIX_SEQS, 0)
        self._clock = 0
        self._batch = internals.LlamaBatch(n_tokens=n_batch, embd=0, n_seq_max=1, verbose=False)
        self._store = store

    def close(self) -> None:
        """Free the batch, the context and the model (before the interpreter tears llama_cpp down)."""
        self._batch.close()
        self.ctx.close()
        self.model.close()

    @property
    def n_ctx(self) -> int:
        return self.ctx.n_ctx()

    def run(self, prompts: Sequence[list[int]], *, max_new_tokens: int, sample_seed: int | None = None,
            cancel: threading.Event | None = None, on_token: Callable[[], None] | None = None,
            together: int | None = None) -> list[Decoded]:
        """Answer every prompt (token ids), at most ``together`` (default: all the working sequences) at a
        time, greedy unless ``sample_seed`` (each sequence gets its own sampler with that seed, so it draws
        what it would alone). ``on_token`` is called for every new token; ``cancel`` is checked before
        every batch and stops every sequence (``Cancelled``).

        Times are shared out so that they add up to the call's wall time: the shared prefix's prefill
        equally among all prompts of the call; each batch by its tokens, its prompt tokens' part as prefill
        of the sequences they belong to (by tokens), its answer tokens' part as decode, equally among the
        sequences answering (see ``_step``). ``cached_tokens``: the first
        prompt counts the prefix tokens taken from the cache; every other prompt counts the whole shared
        prefix (a copy of the first's), so the prompt tokens not cached add up to those prefilled."""
        if max_new_tokens < 1:
            raise ValueError(f"max_new_tokens must be at least 1, got {max_new_tokens}")
        together = min(together or self.together, self.together)
        if self._idle is not None:
            self._use_threads(self._idle.threads(self.max_threads))
        try:
            try:
                return self._run(list(prompts), max_new_tokens, sample_seed, cancel, on_token, together)
            except NoRoom:
                # what the cache kept from earlier calls left too little room: once more from an empty cache
                self.forget()
                return self._run(list(prompts), max_new_tokens, sample_seed, cancel, on_token, together)
        except Cancelled:
            raise  # the booking is kept step by step: what the cache holds stays usable
        except BaseException:
            self.forget()
            raise

    def _use_threads(self, n: int) -> None:
        """Decode and prefill with ``n`` threads from now on."""
        if n != self.threads:
            llama_cpp.llama_set_n_threads(self.ctx.ctx, n, n)
            self.threads = n

    def forget(self) -> None:
        """Empty the KV cache (after a failure its contents are not known)."""
        llama_cpp.llama_memory_clear(self.ctx.memory, True)
        self._kv.clear()

    # --- one call ---

    def _run(self, prompts: list[list[int]], max_new_tokens: int, sample_seed: int | None,
             cancel: threading.Event | None, on_token: Callable[[], None] | None, together: int) -> list[Decoded]:
        self.stats.calls += 1
        n = len(prompts)
        ledger = TimeLedger(n)
        shared = shared_prefix_len(prompts)
        if n > 1 and shared < MIN_SHARED_PREFIX:
            shared = 0
        longest = max(range(n), key=lambda i: len(prompts[i]))
        if len(prompts[longest]) + max_new_tokens > self.n_ctx:
            raise ValueError(f"prompt of {len(prompts[longest])} tokens + {max_new_tokens} new exceeds the llama.cpp "
                             f"context of {self.n_ctx}; split it first")
        sizes = [len(p) - shared + max_new_tokens for p in prompts]  # the cells each needs beyond the prefix
        resumed = self._resumable(prompts, shared, together)
        keep = {seq for seq, _ in resumed.values()}
        if shared:
            holder, reused = self._place_prefix(prompts[0][:shared], max(sizes), ledger, cancel, keep)
        else:
            holder, reused = None, 0
            for seq in self.work_seqs:
                if seq not in keep:
                    self._drop(seq)
        room = self.n_ctx - sum(len(self._kv.get(s, ())) for s in PREFIX_SEQS)
        if max(sizes) > room:  # the other cached prefix gives way
            for seq in PREFIX_SEQS:
                if seq != holder:
                    self._drop(seq)
            room = self.n_ctx - shared
        answers = self._answer_all(prompts, shared, holder, sizes, room, together, sample_seed, ledger, cancel,
                                   max_new_tokens, on_token, resumed)
        cached = [reused if i == 0 else shared for i in range(n)]
        for i, (_, held) in resumed.items():
            cached[i] = max(cached[i], held)
        self.stats.reused_tokens += reused + shared * (n - 1) + sum(held - shared for _, held in resumed.values())
        return [Decoded(tokens=answers[i], prompt_tokens=len(p), cached_tokens=cached[i],
                        prefill_s=ledger.prefill_s[i], decode_s=ledger.decode_s[i])
                for i, p in enumerate(prompts)]

    def _resumable(self, prompts: list[list[int]], shared: int, together: int) -> dict[int, tuple[int, int]]:
        """Prompts a working sequence already holds beyond the shared prefix: the previous call's prompt
        and answer stay in their sequence, and the next candidate of that prompt (a seeded sample after the
        greedy answer, the brief's next round) goes on from its own tokens instead of prefilling them
        again. (prompt -> (its sequence, tokens it holds)); each sequence serves one prompt, and a prompt
        keeps its last token to feed: its first answer token's logits come from it."""
        out: dict[int, tuple[int, int]] = {}
        taken: set[int] = set()
        for i, prompt in enumerate(prompts):
            best = max(((seq, min(common_prefix_len([self._kv[seq], prompt]), len(prompt) - 1))
                        for seq in self.work_seqs[:together] if seq in self._kv and seq not in taken),
                       key=lambda pair: pair[1], default=(None, 0))
            if best[0] is not None and best[1] >= shared + MIN_SHARED_PREFIX:
                out[i] = best
                taken.add(best[0])
        return out

    def _place_prefix(self, prefix: list[int], need: int, ledger: TimeLedger,
                      cancel: threading.Event | None, keep: set[int] = frozenset()) -> tuple[int, int]:
        """Make one prefix sequence hold ``prefix``: the longest start of it that any sequence holds is
        reused (extended in place when a prefix sequence holds just that, else copied into the least
        recently used other prefix sequence), the rest prefilled; the previous call's answers are dropped,
        and the other prefix sequence too when it leaves no room for ``prefix`` and ``need`` more cells.
        Working sequences in ``keep`` (a prompt of this call goes on from them) are kept.
        (that sequence, tokens reused)."""
        source, reused = max(((s, common_prefix_len([toks, prefix])) for s, toks in self._kv.items()),
                             key=lambda pair: pair[1], default=(None, 0))
        for seq in self.work_seqs:
            if seq != source and seq not in keep:
                self._drop(seq)
        if source in PREFIX_SEQS and reused == len(self._kv[source]):
            holder = source  # it holds a start of the prefix: extend it in place
        else:  # copy what is reused into another prefix sequence, so the source keeps its longer prefix
            holder = min((s for s in PREFIX_SEQS if s != source), key=self._last_used.__getitem__)
            self._drop(holder)
            if reused:
                llama_cpp.llama_memory_seq_cp(self.ctx.memory, source, holder, 0, reused)
        if source in self.work_seqs and source not in keep:
            self._drop(source)
        for other in PREFIX_SEQS:
            if other != holder and len(self._kv.get(other, ())) + len(prefix) + need > self.n_ctx:
                self._drop(other)
        self._kv[holder] = prefix[:reused]
        self._clock += 1
        self._last_used[holder] = self._clock
        start = time.perf_counter()  # loading a stored prefix counts as its prefill
        from_nothing = reused == 0
        if from_nothing and self._store is not None:
            reused = self._load_stored(holder, prefix)
        rest = prefix[reused:]
        for at in range(0, len(rest), self.n_batch):
            self._check(cancel)
            chunk = rest[at:at + self.n_batch]
            base = reused + at
            self._decode_batch([(tok, base + j, holder, False) for j, tok in enumerate(chunk)])
            self._kv[holder].extend(chunk)
        if from_nothing and not reused and self._store is not None:
            self._store.save(prefix, self._state_of(holder))
        ledger.prefill_shared(time.perf_counter() - start, range(ledger.n))
        self.stats.prefilled_tokens += len(rest)
        return holder, reused

    def _load_stored(self, holder: int, prefix: list[int]) -> int:
        """Load the longest stored start of ``prefix`` into the empty sequence ``holder``; the tokens it holds."""
        found = self._store.find(prefix)
        if found is None:
            return 0
        n, data = found
        buf = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
        if llama_cpp.llama_state_seq_set_data(self.ctx.ctx, buf, len(data), holder) == 0:
            self._store.forget(prefix[:n])  # not this context's layout after all
            llama_cpp.llama_memory_seq_rm(self.ctx.memory, holder, -1, -1)
            return 0
        self._kv[holder] = prefix[:n]
        return n

    def _state_of(self, seq: int) -> bytes:
        size = llama_cpp.llama_state_seq_get_size(self.ctx.ctx, seq)
        buf = (ctypes.c_uint8 * size)()
        written = llama_cpp.llama_state_seq_get_data(self.ctx.ctx, buf, size, seq)
        return bytes(buf[:written])

    def _answer_all(self, prompts: list[list[int]], shared: int, holder: int | None, sizes: list[int], room: int,
                    together: int, sample_seed: int | None, ledger: TimeLedger, cancel: threading.Event | None,
                    max_new_tokens: int, on_token: Callable[[], None] | None,
                    resumed: dict[int, tuple[int, int]]) -> dict[int, list[int]]:
        """Up to ``together`` prompts in flight, each in a working sequence forked from the prefix (or going
        on in the sequence that holds it, ``resumed``, first); when one finishes, the next waiting prompt
        takes its sequence, and its own prompt tokens go in the same batch as the others' next tokens (so
        the batch stays full). ``sizes``: the cells each prompt needs beyond the prefix, ``room``: the cells
        free for them. (prompt -> its answer's tokens)."""
        reserved = {seq for seq, _ in resumed.values()}
        for seq in self.work_seqs:  # the previous call's answers give their cells back
            if seq not in reserved:
                self._drop(seq)
        for seq, held_tokens in resumed.values():  # its answer goes; its prompt stays
            llama_cpp.llama_memory_seq_rm(self.ctx.memory, seq, held_tokens, -1)
            self._kv[seq] = self._kv[seq][:held_tokens]
        waiting = deque([*resumed, *(i for i in range(len(prompts)) if i not in resumed)])
        free = [s for s in self.work_seqs[:together] if s not in reserved]
        live: list[_Live] = []
        answers: dict[int, list[int]] = {}
        held = 0  # cells the live sequences may fill
        while waiting or live:
            while waiting and (free or waiting[0] in resumed) and held + sizes[waiting[0]] <= room:
                i = waiting.popleft()
                if i in resumed:
                    seq, at = resumed[i]
                    live.append(_Live(index=i, seq=seq, pending=prompts[i][at:], pos=at,
                                      sampler=make_sampler(sample_seed)))
                else:
                    live.append(self._fork(i, free.pop(0), prompts[i], shared, holder, sample_seed))
                held += sizes[i]
            self._check(cancel)
            for s in self._step(live, ledger, max_new_tokens, on_token):
                live.remove(s)
                s.sampler.close()
                answers[s.index] = s.new
                held -= sizes[s.index]
                free.append(s.seq)
                if waiting:  # its cells go to the next prompt; else its answer stays cached for the next call
                    self._drop(s.seq)
        return answers

    def _fork(self, index: int, seq: int, prompt: list[int], shared: int, holder: int | None,
              sample_seed: int | None) -> _Live:
        self._drop(seq)
        if holder is not None:
            llama_cpp.llama_memory_seq_cp(self.ctx.memory, holder, seq, 0, shared)
            self._kv[seq] = list(self._kv[holder])
        else:
            self._kv[seq] = []
        return _Live(index=index, seq=seq, pending=prompt[shared:], pos=shared, sampler=make_sampler(sample_seed))

    def _step(self, live: list[_Live], ledger: TimeLedger, max_new_tokens: int,
              on_token: Callable[[], None] | None) -> list[_Live]:
        """One llama_decode: every answering sequence's last token, then as many of the others' own prompt
        tokens as the batch holds; a sequence's next token is sampled when its logits are in. The batch's
        time is split by tokens between the prompt tokens (prefill, by sequence) and the answer tokens
        (decode, equally): on a CPU either costs about the same per token. (the sequences that finished)."""
        answering = [s for s in live if not s.pending]
        entries = [(s.new[-1], s.pos, s.seq, True) for s in answering]
        sampled = {id(s): j for j, s in enumerate(answering)}
        fed: dict[int, list[int]] = {}
        for s in live:
            take = s.pending[:self.n_batch - len(entries)]
            if not take:
                continue
            fed[s.index] = take
            entries.extend((tok, s.pos + k, s.seq, False) for k, tok in enumerate(take))
            if len(take) == len(s.pending):  # its last prompt token: its first answer token comes out
                entries[-1] = entries[-1][:3] + (True,)
                sampled[id(s)] = len(entries) - 1
        start = time.perf_counter()
        self._decode_batch(entries)
        for s in answering:
            self._kv[s.seq].append(s.new[-1])
            s.pos += 1
        for s in live:
            if s.index in fed:
                self._kv[s.seq].extend(fed[s.index])
                s.pos += len(fed[s.index])
                s.pending = s.pending[len(fed[s.index]):]
        for s in live:
            if id(s) in sampled:
                self._take(s, sampled[id(s)], max_new_tokens, on_token)
        seconds = time.perf_counter() - start
        n_fed = sum(len(t) for t in fed.values())
        ledger.prefill_by_tokens(seconds * n_fed / len(entries), {i: len(t) for i, t in fed.items()})
        if answering:
            ledger.decode_shared(seconds * len(answering) / len(entries), [s.index for s in answering])
            self.stats.step(len(answering))
        self.stats.prefilled_tokens += n_fed
        return [s for s in live if s.done]

    def _take(self, s: _Live, batch_index: int, max_new_tokens: int, on_token: Callable[[], None] | None) -> None:
        """Sample sequence ``s``'s next token from the logits at ``batch_index`` of the last batch."""
        tok = llama_cpp.llama_sampler_sample(s.sampler.sampler, self.ctx.ctx, batch_index)
        if llama_cpp.llama_vocab_is_eog(self.model.vocab, tok):
            s.done = True
            return
        s.new.append(tok)
        if on_token is not None:
            on_token()
        s.done = len(s.new) >= max_new_tokens

    # --- llama.cpp calls ---

    def _decode_batch(self, entries: list[tuple[int, int, int, bool]]) -> None:
        """(token, position, sequence, wants logits) each, in one llama_decode."""
        batch = self._batch.batch
        for j, (tok, pos, seq, logits) in enumerate(entries):
            batch.token[j] = tok
            batch.pos[j] = pos
            batch.n_seq_id[j] = 1
            batch.seq_id[j][0] = seq
            batch.logits[j] = logits
        batch.n_tokens = len(entries)
        rc = llama_cpp.llama_decode(self.ctx.ctx, batch)
        if rc == 1:
            raise NoRoom(f"llama.cpp found no room in its KV cache of {self.n_ctx} cells for {len(entries)} tokens")
        if rc != 0:
            raise RuntimeError(f"llama_decode returned {rc}")

    def _drop(self, seq: int) -> None:
        llama_cpp.llama_memory_seq_rm(self.ctx.memory, seq, -1, -1)
        self._kv.pop(seq, None)

    @staticmethod
    def _check(cancel: threading.Event | None) -> None:
        if cancel is not None and cancel.is_set():
            raise Cancelled("generation cancelled")



def make_sampler(sample_seed: int | None) -> internals.LlamaSampler:
    """Greedy, or the seeded alternative with the settings the high-level API was given before (top-k 50,
    top-p 0.9, min-p 0.05, temperature 0.7)."""
    sampler = internals.LlamaSampler()
    if sample_seed is None:
        sampler.add_greedy()
    else:
        sampler.add_top_k(50)
        sampler.add_top_p(0.9, 1)
        sampler.add_min_p(0.05, 1)
        sampler.add_temp(0.7)
        sampler.add_dist(sample_seed)
    return sampler


_backend_ready = False


def _init_backend() -> None:
    """llama.cpp's backend, once per process, its log quiet."""
    global _backend_ready
    if not _backend_ready:
        set_verbose(False)
        llama_cpp.llama_backend_init()
        _backend_ready = True
