"""``summarize``: plan -> write -> assemble.

plan (plan.py): the options gathered once, what the core read (extraction, highlights), and what the
model is shown (digest or chunks); write (write.py, with the writers of service/brief/writers/): each
language's writer, chunk by chunk; assemble (here): the headline, the Traditional copy, the guard's stats,
the timing. See service/pipeline_contract.md for the result's JSON shape.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from pressbrief.models import load_generator

from ..brief.guard import GuardStats
from ..brief.prompting import load_template
from ..brief.provenance import BriefSentence, aligned_sentences
from ..brief.timing import Timing
from ..brief.traditional import to_traditional
from ..brief.writers import writers_for
from ..brief.writers.english import english_title, headline
from ..brief.writers.evidence import TEMPLATE as EVIDENCE_TEMPLATE
from ..brief.writers.traditional import write_traditional
from ..inputs import check_text
from ..numeric import metric_to_json
from ..progress import Progress
from .plan import LANGS, BriefOptions, make_plan, parse_langs, read_release
from .write import evidence_langs, write_briefs, write_from_evidence

__all__ = ["LANGS", "BriefResult", "parse_langs", "summarize"]


@dataclass
class BriefResult:
    brief_zh: str | None
    brief_zh_hant: str | None
    brief_en: str | None
    highlights: list[dict]
    guard: dict
    coverage: dict
    timing: dict
    model: str
    prompts: list[str] = field(default_factory=list)
    title_en: str | None = None  # the release's headline in English (translated and guarded), when asked for en
    en_path: str | None = None  # how the English brief was written (service/brief/writers/)
    zh_path: str | None = None  # how the Chinese brief was written
    # per language (zh, zh-Hant, en): the brief's sentences in order, each with the release spans it rests on
    sentences: dict[str, list[dict]] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"brief_zh": self.brief_zh, "brief_zh_hant": self.brief_zh_hant, "brief_en": self.brief_en,
                "highlights": self.highlights, "guard": self.guard, "coverage": self.coverage,
                "timing": self.timing, "model": self.model, "prompts": self.prompts, "title_en": self.title_en,
                "en_path": self.en_path, "zh_path": self.zh_path, "sentences": self.sentences}


def summarize(text: str, *, langs: str | Sequence[str] = LANGS, max_highlights: int | None = None,
              model: str | None = None, traditional_variant: str = "s2t",
              cancel: threading.Event | None = None, progress: Progress = None,
              max_candidates: int | None = None, en_path: str | None = None,
              zh_path: str | None = None) -> BriefResult:
    """Brief one release. Every number in every returned brief is backed by the source; every name in
    the English one too. ``en_path``: how the English is written (service/brief/writers/)."""

    options = BriefOptions.gather(langs=langs, max_highlights=max_highlights, model=model,
                                  traditional_variant=traditional_variant, max_candidates=max_candidates,
                                  en_path=en_path, zh_path=zh_path)
    check_text(text)
    t0 = time.perf_counter()
    reading = read_release(text, options, progress)  # plan
    gen = load_generator(options.model)
    plan = make_plan(reading, gen.count_tokens, gen.entry.context, progress)
    timing = Timing()
    briefs, stats = write_briefs(plan, gen, options, timing, cancel, progress)  # write
    line = headline(reading.extraction.text) if "en" in options.langs else None
    evidence, units = write_from_evidence(plan, gen, options, timing, cancel, progress, headline=line)
    sentences: dict[str, list[BriefSentence]] = {}
    for lang, written in evidence.items():
        briefs[lang], stats[lang], sentences[lang] = written.text, written.stats, written.sentences
    for lang in ("zh", "en"):
        if lang in briefs and lang not in sentences:
            sentences[lang] = aligned_sentences(reading.extraction, briefs[lang], lang)
    title_en = None
    if "en" in evidence:  # translated with the English units
        title_en = evidence["en"].title
    elif "en" in options.langs:
        title_en = english_title(gen, reading.extraction, timing, cancel, progress)
    brief_zh = briefs.get("zh")  # assemble
    brief_hant = None
    if "zh-Hant" in options.langs and brief_zh is not None:
        brief_hant, stats["zh-Hant"] = write_traditional(reading.extraction, brief_zh, reading.highlights,
                                                         options.traditional_variant)
        # the Traditional copy rests on the Chinese sentences' sources
        sentences["zh-Hant"] = [replace(s, text=to_traditional(s.text, options.traditional_variant))
                                for s in sentences.get("zh", [])]
    total = GuardStats()
    for st in stats.values():
        total.merge(st)
    english = "en" in options.langs
    coverage = plan.coverage_json()
    if units:
        coverage["evidence"] = [{"start": s, "end": e, "section": u.section_id} for u in units for s, e in u.spans]
        if not writers_for(options.langs, options.en_path, options.zh_path):
            # no chunk writer ran: the model was shown the evidence units, not the digest
            coverage["model_shown"] = {"evidence_units": len(units), "chars": sum(len(u.text) for u in units),
                                       "of_chars": len(text), "spans": [[s, e] for u in units for s, e in u.spans]}
    templates = [load_template(w.template).id for w in writers_for(LANGS, options.en_path, options.zh_path)]
    if "en" in evidence_langs(options):
        templates.append(load_template(EVIDENCE_TEMPLATE).id)
    return BriefResult(
        brief_zh=brief_zh if "zh" in options.langs else None, brief_zh_hant=brief_hant,
        brief_en=briefs.get("en"), highlights=[metric_to_json(m) for m in reading.highlights],
        guard=total.to_json() | {"per_lang": {lang: st.to_json() for lang, st in stats.items()}},
        coverage=coverage,
        timing=timing.to_json(extract_s=reading.extract_s, total_s=time.perf_counter() - t0, runtime=gen.runtime),
        model=gen.name, prompts=templates + ([load_template("translate_en").id] if english else []),
        title_en=title_en, en_path=options.en_path if english else None,
        zh_path=options.zh_path if ("zh" in options.langs or "zh-Hant" in options.langs) else None,
        sentences={lang: [s.to_json() for s in items] for lang, items in sentences.items()
                   if lang in options.langs})
