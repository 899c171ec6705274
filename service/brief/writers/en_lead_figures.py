"""English path ``lead-figures``: one lead sentence by the model (who announced what, no figures:
brief_en_lead), then each key figure's source clause translated and guarded."""

from __future__ import annotations

from ...numeric.types import Extraction
from ..en_lines import figure_clauses, translate_lines
from ..english_rules import english_rules
from ..guard import GuardStats, Rules
from ..prompting import Messages, glossary_lines, load_template, part_label
from .base import ChunkJob, ModelWriter
from .english import complete_english


class LeadFiguresWriter(ModelWriter):
    lang = "en"
    path = "lead-figures"
    template = "brief_en_lead"
    min_chars = 8  # a lead is one short sentence

    def prompt(self, job: ChunkJob) -> Messages:
        return load_template(self.template).render(part=part_label(job.chunk, job.n_chunks, job.excerpt),
                                                   source=job.chunk.text.strip(),
                                                   glossary=glossary_lines(job.metrics, job.chunk.text))

    def rules(self, extraction: Extraction) -> Rules:
        return english_rules(extraction)

    def fallback(self, job: ChunkJob) -> str:
        return ""  # no lead: the translated figures stand alone

    def finish(self, job: ChunkJob, text: str, stats: GuardStats) -> str:
        lines, st_lines = translate_lines(job.gen, job.extraction, figure_clauses(job.extraction, job.metrics),
                                          cancel=job.cancel,
                                          on_result=lambda r: job.timing.add(r, "en: a figure clause translated"))
        text = " ".join([text.strip(), *lines]).strip()
        stats.merge(st_lines)
        return complete_english(job.gen, job.extraction, text, job.metrics, stats, job.timing, job.cancel,
                                translate_missing=False)
