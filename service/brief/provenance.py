"""A brief as sentences with sources: what each sentence says, which characters of the release it rests
on, whose figures it gives, which figures, and what was checked or repaired. ``sentences`` in every output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pressbrief.eval.judge.align import check_brief

from ..numeric.actors import Actor
from ..numeric.types import Extraction
from .sentences import EN_BREAK, ZH_BREAK


@dataclass
class BriefSentence:
    text: str
    sources: list[tuple[int, int]]  # character ranges of the release
    actor: Actor | None = None
    figures: list[dict] = field(default_factory=list)  # {"text", "source", "start", "end"}
    checks: list[str] = field(default_factory=list)  # what it was checked against its sources
    repaired: list[str] = field(default_factory=list)  # what was changed to make it true
    fallback: bool = False  # built by the core from the source's own figures, not written by the model

    def to_json(self) -> dict:
        return {"text": self.text, "sources": [{"start": s, "end": e} for s, e in self.sources],
                "actor": self.actor.to_json() if self.actor else None, "figures": list(self.figures),
                "checks": list(self.checks), "repaired": list(self.repaired), "fallback": self.fallback}


def quote_sources(text: str, sources: object) -> str:
    """The words of ``text`` (the release) behind a sentence's ``sources`` (its JSON form, [{"start", "end"}]),
    joined with " … "; a page break inside a Chinese sentence is no space; a source that is no range of ``text``
    is skipped (a results file may have been edited by hand); "" when none is left."""
    quotes = []
    for src in sources if isinstance(sources, list) else []:
        start, end = (src.get("start"), src.get("end")) if isinstance(src, dict) else (None, None)
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
            quotes.append(re.sub(r"[ \t]+", " ", re.sub(r"\s*\n\s*", "", text[start:end])).strip())
    return " … ".join(q for q in quotes if q)


def figures_in(text: str, lang: str, checked_against: Extraction, release: str,
               spans: list[tuple[int, int]]) -> list[dict]:
    """Each number of ``text`` with the source mention that backs it, in release offsets (``checked_against``
    is the reading of the sentence's own source; its mentions are found again inside ``spans``)."""
    report = check_brief(checked_against, text, lang)
    out = []
    for c in report.checks:
        if not c.supported or not c.matches:
            continue
        ref = c.matches[0]
        at = next(((i, i + len(ref.text)) for s, e in spans if (i := release.find(ref.text, s, e)) >= 0), None)
        out.append({"text": c.number.text, "source": ref.text,
                    "start": at[0] if at else None, "end": at[1] if at else None})
    return out


def split_sentences(text: str, lang: str) -> list[str]:
    """The sentences of a brief, in order; joined with single spaces (en) or nothing (zh) they are the brief."""
    breaks = EN_BREAK if lang == "en" else ZH_BREAK
    parts = breaks.split(text)
    return [p.strip() for p in parts[::2] if p.strip()]


def aligned_sentences(extraction: Extraction, brief: str, lang: str) -> list[BriefSentence]:
    """Sources for a brief written in one piece (the model paths): each sentence rests on the source sentences
    of the figures the judge matched in it; a sentence without a checked figure gets none (``sources`` empty:
    said, not guessed)."""
    bounds = [(s.start, s.end) for sec in extraction.sections for s in sec.sentences]
    out = []
    for sentence in split_sentences(brief, lang):
        sources: list[tuple[int, int]] = []
        figures = []
        for c in check_brief(extraction, sentence, lang).checks:
            if not c.supported or not c.matches:
                continue
            ref = c.matches[0]
            home = next(((s, e) for s, e in bounds if s <= ref.start < e), (ref.start, ref.end))
            if home not in sources:
                sources.append(home)
            figures.append({"text": c.number.text, "source": ref.text, "start": ref.start, "end": ref.end})
        out.append(BriefSentence(sentence, sorted(sources), figures=figures, checks=["figures"] if figures else []))
    return out
