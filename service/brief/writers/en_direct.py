"""English path ``direct`` (the default): the model writes the English brief from the release (brief_en);
the key figures it left out are added as translations of their source clauses, then as figure phrases."""

from __future__ import annotations

from ...numeric.types import Extraction
from ..english_rules import english_rules
from ..fallback import fallback_en
from ..guard import GuardStats, Rules
from ..prompting import Messages, glossary_lines, highlight_lines, load_template, part_label
from .base import ChunkJob, ModelWriter
from .english import complete_english


class DirectWriter(ModelWriter):
    lang = "en"
    path = "direct"
    template = "brief_en"

    def prompt(self, job: ChunkJob) -> Messages:
        return load_template(self.template).render(
            part=part_label(job.chunk, job.n_chunks, job.excerpt), source=job.chunk.text.strip(),
            highlights_en=highlight_lines(job.metrics, "en"), glossary=glossary_lines(job.metrics, job.chunk.text),
            max_words=120 if job.n_chunks == 1 else 80)

    def rules(self, extraction: Extraction) -> Rules:
        return english_rules(extraction)

    def fallback(self, job: ChunkJob) -> str:
        return fallback_en(job.extraction, job.metrics)

    def finish(self, job: ChunkJob, text: str, stats: GuardStats) -> str:
        return complete_english(job.gen, job.extraction, text, job.metrics, stats, job.timing, job.cancel)
