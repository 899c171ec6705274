"""Plan a brief before the model writes: the options gathered once at the edge, what the core read
(every mention, the highlights), and what the model will be shown (a digest of the release, or chunks)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..brief.chunking import Chunk, ChunkPlan, plan_chunks
from ..brief.digest import Digest, build_digest
from ..brief.highlights import choose_highlights
from ..brief.writers import check_path, check_zh_path
from ..errors import InputError
from ..numeric import extract
from ..numeric.types import Extraction, Metric
from ..progress import Progress, report
from ..settings import get_settings

LANGS = ("zh", "zh-Hant", "en")


def parse_langs(langs: str | Sequence[str]) -> tuple[str, ...]:
    items = [s.strip() for s in langs.split(",")] if isinstance(langs, str) else list(langs)
    bad = [s for s in items if s not in LANGS]
    if bad or not items:
        raise InputError(f"unknown language(s) {', '.join(bad) or '(none)'}; choose from {', '.join(LANGS)}")
    return tuple(dict.fromkeys(items))


@dataclass(frozen=True)
class BriefOptions:
    """Everything a brief is asked for, with the settings' defaults filled in and checked: built once at
    the edge and passed down whole."""

    langs: tuple[str, ...]
    max_highlights: int
    en_path: str
    max_candidates: int
    max_new_tokens: int
    traditional_variant: str = "s2t"
    model: str | None = None
    zh_path: str = "evidence"
    max_sentences: int = 7

    @classmethod
    def gather(cls, *, langs: str | Sequence[str] = LANGS, max_highlights: int | None = None,
               model: str | None = None, traditional_variant: str = "s2t", max_candidates: int | None = None,
               en_path: str | None = None, zh_path: str | None = None) -> BriefOptions:
        settings = get_settings()
        parsed = parse_langs(langs)
        path = check_path(en_path or settings.en_path)
        zh = check_zh_path(zh_path or settings.zh_path)
        n = settings.default_highlights if max_highlights is None else max_highlights
        if not 0 <= n <= settings.max_highlights:
            raise InputError(f"max_highlights must be between 0 and {settings.max_highlights} "
                             "(PRESSBRIEF_MAX_HIGHLIGHTS)")
        return cls(parsed, n, path, settings.max_candidates if max_candidates is None else max_candidates,
                   settings.max_new_tokens, traditional_variant, model, zh, settings.max_sentences)


@dataclass(frozen=True)
class Reading:
    """What the core read: every mention and metric, the highlights chosen, and how long it took."""

    extraction: Extraction
    highlights: list[Metric]
    wanted: int  # highlights asked for (a chunk without any of them gets at least 4 of its own)
    extract_s: float


def read_release(text: str, options: BriefOptions, progress: Progress = None) -> Reading:
    t0 = time.perf_counter()
    extraction = extract(text)
    highlights = choose_highlights(extraction, options.max_highlights)
    reading = Reading(extraction, highlights, options.max_highlights, time.perf_counter() - t0)
    report(progress, "extract", f"extracted {len(extraction.metrics)} metrics, {len(highlights)} highlights")
    return reading


@dataclass(frozen=True)
class Plan:
    """What the model is shown: one digest of the release, or the release in chunks."""

    reading: Reading
    chunks: ChunkPlan
    digest: Digest | None

    def metrics_for(self, chunk: Chunk) -> list[Metric]:
        """The highlights a chunk's briefs must state: all of them for a digest; else the chunk's own, or,
        when it holds none, its own best figures."""
        highlights = self.reading.highlights
        if self.digest is not None:
            return highlights
        extraction = self.reading.extraction
        return [m for m in highlights if chunk.start <= m.mention.start < chunk.end] or choose_highlights(
            _sub_extraction(extraction, chunk), max(self.reading.wanted, 4))

    @property
    def excerpt(self) -> bool:
        return self.digest is not None and not self.digest.whole

    def coverage_json(self) -> dict:
        text = self.reading.extraction.text
        return self.chunks.coverage_json(text) | ({"model_shown": self.digest.to_json(len(text))}
                                                  if self.digest else {})


def make_plan(reading: Reading, count_tokens: Callable[[str], int], context: int, progress: Progress = None) -> Plan:
    """``count_tokens`` and ``context``: the model's tokenizer count and context length."""
    settings = get_settings()
    extraction, text = reading.extraction, reading.extraction.text
    if settings.prompt_tokens > 0:
        # The model is shown the digest (headline, headings, lead, highlight sentences) as one
        # chunk; the core has read everything, so nothing is uncovered.
        digest = build_digest(extraction, reading.highlights, count_tokens, min(settings.prompt_tokens, context - 600))
        chunks = ChunkPlan((Chunk(0, 0, len(text), digest.text, tuple(s.id for s in extraction.sections)),), (),
                           len(text))
        report(progress, "digest", f"model shown {digest.tokens} of {digest.source_tokens} source tokens"
               + ("" if digest.whole else f" (digest, budget {digest.budget})"), tokens=digest.tokens)
        return Plan(reading, chunks, digest)
    budget = min(context, settings.chunk_tokens) - 600  # room for instructions and output
    return Plan(reading, plan_chunks(text, extraction.sections, count_tokens, max(budget, 64), settings.max_chunks),
                None)


def _sub_extraction(extraction: Extraction, chunk: Chunk) -> Extraction:
    metrics = extraction.metrics_in(chunk.start, chunk.end)
    return Extraction(extraction.text, extraction.sections, extraction.mentions, metrics, extraction.stats)
