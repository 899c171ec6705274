"""The write stage: every writer a request needs, chunk by chunk (service/brief/writers/)."""

from __future__ import annotations

import threading

from pressbrief.models.runtimes import Generator

from ..brief.guard import GuardStats
from ..brief.timing import Timing
from ..brief.writers import ChunkJob, FirstAnswer, writers_for
from ..progress import Progress, report
from .plan import BriefOptions, Plan


def write_briefs(plan: Plan, gen: Generator, options: BriefOptions, timing: Timing,
                 cancel: threading.Event | None = None,
                 progress: Progress = None) -> tuple[dict[str, str], dict[str, GuardStats]]:
    """Every writer the options need, chunk by chunk: the first prompts of a chunk generated together, then
    each writer's guard and completion in order. (brief per language, guard stats per language)."""
    writers = writers_for(options.langs, options.en_path)
    parts: dict[str, list[str]] = {w.lang: [] for w in writers}
    stats = {w.lang: GuardStats() for w in writers}
    n_chunks = len(plan.chunks.chunks)
    for chunk in plan.chunks.chunks:
        job = ChunkJob(gen, plan.reading.extraction, chunk, n_chunks, plan.metrics_for(chunk), plan.excerpt,
                       options.max_new_tokens, options.max_candidates, timing, cancel, progress)
        prompted = [(w, w.prompt(job)) for w in writers]
        prompted = [(w, p) for w, p in prompted if p is not None]
        report(progress, "generate", f"chunk {chunk.index + 1}/{n_chunks}: generating "
               + ", ".join(w.lang for w, _ in prompted), chunk=chunk.index + 1, chunks=n_chunks)
        results = gen.generate_many([p for _, p in prompted], max_new_tokens=options.max_new_tokens, cancel=cancel)
        firsts = {w.lang: FirstAnswer(p, r) for (w, p), r in zip(prompted, results, strict=True)}
        written: dict[str, str] = {}
        for writer in writers:
            written[writer.lang], st = writer.write(job, firsts.get(writer.lang), written)
            parts[writer.lang].append(written[writer.lang])
            stats[writer.lang].merge(st)
    return {lang: "\n\n".join(texts) for lang, texts in parts.items()}, stats
