"""The Chinese brief: the model writes it from the release (brief_zh); key figures it left out are added
from the source's own clauses (此外…)."""

from __future__ import annotations

from ..completion import complete_brief
from ..fallback import fallback_zh
from ..guard import GuardStats
from ..prompting import Messages, highlight_lines, load_template, part_label
from .base import ChunkJob, ModelWriter


class ChineseWriter(ModelWriter):
    lang = "zh"
    path = "zh"
    template = "brief_zh"

    def prompt(self, job: ChunkJob) -> Messages:
        return load_template(self.template).render(
            part=part_label(job.chunk, job.n_chunks, job.excerpt), source=job.chunk.text.strip(),
            highlights_zh=highlight_lines(job.metrics, "zh"), max_chars=200 if job.n_chunks == 1 else 120)

    def fallback(self, job: ChunkJob) -> str:
        return fallback_zh(job.extraction, job.metrics)

    def finish(self, job: ChunkJob, text: str, stats: GuardStats) -> str:
        text, stats.figures_added = complete_brief(job.extraction, text, self.lang, job.metrics)
        return text
