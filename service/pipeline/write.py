"""The write stage: the evidence writers over the whole release (service/brief/writers/evidence.py), and
every chunk writer a request needs, chunk by chunk (service/brief/writers/)."""

from __future__ import annotations

import threading

from pressbrief.models.runtimes import Generator

from ..brief.evidence import EvidenceUnit, select_evidence
from ..brief.guard import GuardStats
from ..brief.timing import Timing
from ..brief.writers import EVIDENCE, ChunkJob, FirstAnswer, writers_for
from ..brief.writers.evidence import WrittenBrief, chinese_from_evidence, english_from_evidence
from ..progress import Progress, report
from .plan import BriefOptions, Plan


def write_briefs(plan: Plan, gen: Generator, options: BriefOptions, timing: Timing,
                 cancel: threading.Event | None = None,
                 progress: Progress = None) -> tuple[dict[str, str], dict[str, GuardStats]]:
    """Every writer the options need, chunk by chunk: the first prompts of a chunk generated together, then
    each writer's guard and completion in order. (brief per language, guard stats per language)."""
    writers = writers_for(options.langs, options.en_path, options.zh_path)
    if not writers:
        return {}, {}  # the evidence paths write the whole release (write_from_evidence)
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


def evidence_langs(options: BriefOptions) -> tuple[str, ...]:
    """The briefs the evidence writers write for these options (zh also for a Traditional copy)."""
    zh = options.zh_path == EVIDENCE and ("zh" in options.langs or "zh-Hant" in options.langs)
    en = options.en_path == EVIDENCE and "en" in options.langs
    return tuple(lang for lang, wanted in (("zh", zh), ("en", en)) if wanted)


def write_from_evidence(plan: Plan, gen: Generator, options: BriefOptions, timing: Timing,
                        cancel: threading.Event | None = None, progress: Progress = None,
                        headline: str | None = None) -> tuple[dict[str, WrittenBrief], list[EvidenceUnit]]:
    """The evidence paths' briefs (by language) and the units they rest on; ``headline`` is translated with
    the English units (its English is the English brief's ``title``)."""
    langs = evidence_langs(options)
    if not langs:
        return {}, []
    extraction = plan.reading.extraction
    units = select_evidence(extraction, plan.reading.highlights, options.max_sentences)
    report(progress, "evidence", f"{len(units)} evidence units from {len(extraction.sections)} sections")
    out: dict[str, WrittenBrief] = {}
    if "zh" in langs:
        out["zh"] = chinese_from_evidence(extraction, units)
    if "en" in langs:
        out["en"] = english_from_evidence(gen, extraction, units, timing, max_new_tokens=options.max_new_tokens,
                                          max_candidates=options.max_candidates, cancel=cancel, progress=progress,
                                          headline=headline)
    return out, units
