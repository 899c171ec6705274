"""English path ``zh-translated``: the guarded Chinese brief (faithful far more often) translated sentence
by sentence with the translation prompt, then completed like every English brief."""

from __future__ import annotations

from ...progress import report
from ..en_lines import translate_lines, zh_sentences
from ..guard import GuardStats
from .base import ChunkJob, FirstAnswer, Writer
from .english import complete_english


class ZhTranslatedWriter(Writer):
    lang = "en"
    path = "zh-translated"
    template = "brief_en"  # listed as every English brief is (its own prompts are translate_en, listed too)
    reads = ("zh",)

    def write(self, job: ChunkJob, first: FirstAnswer | None, written: dict[str, str]
              ) -> tuple[str, GuardStats]:
        report(job.progress, "translate", f"chunk {job.chunk.index + 1}/{job.n_chunks}: translating the Chinese brief",
               chunk=job.chunk.index + 1, chunks=job.n_chunks)
        lines, stats = translate_lines(job.gen, job.extraction, zh_sentences(written["zh"]), cancel=job.cancel,
                                       on_result=lambda r: job.timing.add(r, "en: a zh brief sentence translated"))
        text = complete_english(job.gen, job.extraction, " ".join(lines), job.metrics, stats, job.timing, job.cancel)
        return text, stats
