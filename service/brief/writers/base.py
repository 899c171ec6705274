"""One interface for "write this language's brief for one chunk of the plan".

The public method is written once here (``ModelWriter.write``: the greedy answer, the guard over it and
its seeded samples, the writer's own finishing step); a writer fills small hooks: its prompt, its
template fallback, and what it adds after the guard. A writer that generates nothing of its own (the
zh-translated English) implements ``write`` itself and asks for the briefs it reads in ``reads``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pressbrief.models.runtimes import GenerationResult, Generator

from ...numeric.types import Extraction, Metric
from ...progress import Progress, report
from ..answer import finished_text
from ..chunking import Chunk
from ..guard import GuardStats, Rules, guard
from ..prompting import Messages
from ..timing import Timing


@dataclass
class ChunkJob:
    """What every writer of one chunk shares: the model, the release, the chunk and its highlights, the
    limits, the running timing, cancel and progress."""

    gen: Generator
    extraction: Extraction
    chunk: Chunk
    n_chunks: int
    metrics: list[Metric]  # the highlights this chunk's briefs must state
    excerpt: bool  # the model is shown a digest of the release, not all of it
    max_new_tokens: int
    max_candidates: int
    timing: Timing
    cancel: threading.Event | None = None
    progress: Progress = None


@dataclass(frozen=True)
class FirstAnswer:
    """A writer's first prompt and the model's greedy answer to it (generated with the other writers')."""

    prompt: Messages
    result: GenerationResult


class Writer:
    """Writes one language's brief of a chunk. ``lang``: the brief it writes (zh or en); ``path``: its name
    in the writers table; ``template``: the prompt template it is listed under in a result's ``prompts``."""

    lang: str = ""
    path: str = ""
    template: str = ""
    reads: tuple[str, ...] = ()  # the briefs of this chunk it needs written first

    def prompt(self, job: ChunkJob) -> Messages | None:
        """The first prompt, generated together with the other writers' (None: nothing to generate first)."""
        return None

    def write(self, job: ChunkJob, first: FirstAnswer | None, written: dict[str, str]
              ) -> tuple[str, GuardStats]:
        """This chunk's brief and what its guard did; ``first``: ``prompt`` and its answer (None without one),
        ``written``: the briefs of this chunk written before it."""
        raise NotImplementedError


class ModelWriter(Writer):
    """A brief the model writes from a prompt, guarded; subclasses fill the hooks below."""

    min_chars: int = 20  # what the model itself must write for a candidate to count

    def fallback(self, job: ChunkJob) -> str:
        """The template brief when no candidate can be made faithful."""
        raise NotImplementedError

    def rules(self, extraction: Extraction) -> Rules | None:
        """The language's sentence filters for the guard (english_rules.py for an English brief; the guard
        refuses English without them)."""
        return None

    def finish(self, job: ChunkJob, text: str, stats: GuardStats) -> str:
        """After the guard: what the writer adds (key figures left out, translated clauses)."""
        return text

    def write(self, job: ChunkJob, first: FirstAnswer | None, written: dict[str, str]
              ) -> tuple[str, GuardStats]:
        if first is None:
            raise ValueError(f"writer {self.path}: its prompt must be generated first (write_briefs does)")
        prompt = first.prompt
        job.timing.add(first.result, f"{self.lang} brief ({self.path})")
        started, generated_before = time.perf_counter(), job.timing.generate_s
        start = answer_start(prompt)
        text, stats = guard(job.extraction, self.lang,
                            candidates(job, prompt, finished_text(first.result, job.max_new_tokens), start,
                                       lambda k: _announce(job, self.lang, k), purpose=f"{self.lang} brief"),
                            lambda: self.fallback(job), max_candidates=job.max_candidates, answer_start=start,
                            min_chars=self.min_chars, rules=self.rules(job.extraction))
        # Extra candidates are generated inside the guard's loop; count them as generation.
        job.timing.guard_s += (time.perf_counter() - started) - (job.timing.generate_s - generated_before)
        return self.finish(job, text, stats), stats


def answer_start(messages: Messages) -> str:
    """The answer start a template puts in the assistant turn belongs to the brief's text."""
    return messages[-1]["content"] if messages and messages[-1]["role"] == "assistant" else ""


def candidates(job: ChunkJob, prompt: Messages, first: str, start: str = "",
               announce: Callable[[int], None] | None = None, purpose: str = "") -> Iterator[str]:
    """Greedy output first; seeded samples only when the guard asks for another."""
    yield _join(start, first)
    seed = 1
    while True:
        if announce:
            announce(seed + 1)
        result = job.gen.generate(prompt, max_new_tokens=job.max_new_tokens, sample_seed=seed, cancel=job.cancel)
        job.timing.add(result, f"{purpose} candidate {seed + 1}")
        yield _join(start, finished_text(result, job.max_new_tokens))
        seed += 1


def _join(start: str, text: str) -> str:
    if not start:
        return text
    return start + ("" if text[:1] in (" ", ",", ".") else " ") + text


def _announce(job: ChunkJob, lang: str, k: int) -> None:
    report(job.progress, "guard", f"guard: {lang} candidate {k}", chunk=job.chunk.index + 1, chunks=job.n_chunks)
