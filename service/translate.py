"""Full translation: every sentence of the release into English, batched and guarded.

Numbers reach the model already rendered in English by the numeric core, and each translated
sentence goes through the same guard as the briefs. A sentence the guard cannot make
faithful is replaced by a marked note with its figures, never dropped silently.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

from .english import fix_place_names
from .fallback import label_en
from .guard import GuardStats, guard
from .inputs import check_text
from .numeric.provinces import place_names
from .numeric.types import Extraction, Metric
from .prompting import load_template
from .settings import get_settings


@dataclass
class TranslationResult:
    translation: str
    sentences: list[dict]
    guard: dict
    timing: dict
    model: str
    prompt: str = ""

    def to_json(self) -> dict:
        return {"translation": self.translation, "sentences": self.sentences, "guard": self.guard,
                "timing": self.timing, "model": self.model, "prompt": self.prompt}


@dataclass(frozen=True)
class Unit:
    """One translation unit: a heading or a sentence, with its place in the output."""

    section: int
    start: int
    end: int
    text: str
    heading: bool


def units(extraction: Extraction) -> list[Unit]:
    out: list[Unit] = []
    for sec in extraction.sections:
        if sec.heading.strip():
            start = extraction.text.find(sec.heading, sec.start)
            out.append(Unit(sec.id, start, start + len(sec.heading), sec.heading.strip(), True))
        for s in sec.sentences:
            clean = (getattr(s, "clean", None) or s.text).strip()
            if clean and not (out and out[-1].heading and out[-1].text == clean):
                out.append(Unit(sec.id, s.start, s.end, clean, False))
    return out


def _figures(metrics: list[Metric], text: str) -> str:
    """The sentence's figures and place names, already in English, for the prompt."""
    lines = [f"- {m.mention.text} = {m.rendered_en}" for m in metrics]
    lines += [f"- {zh} = {en}" for zh, en in place_names(text).items()]
    return "\n".join(lines) or "(none)"


def _fallback(metrics: list[Metric]) -> str:
    figures = "; ".join(f"{label_en(m)}: {m.rendered_en}" for m in metrics)
    return "[Not translated faithfully" + (f"; figures: {figures}]" if figures else "]")


_CLAUSE = re.compile(r"[^，；,;：:]+(?:[，；,;：:]|$)")


def split_clauses(sentence: str, min_chars: int = 8) -> list[str]:
    """A Chinese sentence cut at ，；： into clauses, a short clause kept with the next one."""
    out: list[str] = []
    carry = ""
    for m in _CLAUSE.finditer(sentence):
        carry += m.group(0)
        if len(carry) >= min_chars:
            out.append(carry)
            carry = ""
    if carry:
        if out:
            out[-1] += carry
        else:
            out.append(carry)
    return out


def _by_clauses(gen, template, extraction: Extraction, sentence: str, metrics: list[Metric], settings,
                cancel) -> tuple[str, GuardStats] | None:
    """Translate a sentence clause by clause, each clause guarded; None when it has one clause or
    every clause failed too. A clause that still fails becomes a marked note with its figures."""
    clauses = split_clauses(sentence)
    if len(clauses) < 2:
        return None
    pieces: list[str] = []
    stats = GuardStats()
    failed = 0
    for clause in clauses:
        found = [m for m in metrics if m.mention.text in clause]
        prompt = template.render(figures=_figures(found, clause), sentence=clause)
        samples = _samples(gen, prompt, int(1.5 * len(clause)) + 16, settings.translate_candidates, cancel)
        text, st = guard(extraction, "en", samples, lambda found=found: _fallback(found),
                         max_candidates=settings.translate_candidates, min_chars=1)
        failed += st.fallback
        stats.merge(st)
        pieces.append(text if text.endswith((".", "!", "?", "]", '"')) else text.rstrip(",;:") + ".")
    if failed == len(clauses):
        return None
    stats.fallback = failed > 0
    return " ".join(pieces), stats


def _samples(gen, prompt, budget: int, n: int, cancel, first: str | None = None) -> Iterator[str]:
    """Up to n cleaned translations of one prompt: the greedy one (`first`, when the batch already
    generated it), then seeded samples as the guard asks for them."""
    if first is None:
        first = gen.generate(prompt, max_new_tokens=budget, cancel=cancel).text
    yield clean_translation(first)
    for seed in range(1, n):
        yield clean_translation(gen.generate(prompt, max_new_tokens=budget, sample_seed=seed, cancel=cancel).text)


def clean_translation(text: str) -> str:
    """The model's answer after the template's answer start: its first non-empty line, without
    the quotes or label a small model sometimes wraps around it."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    line = re.sub(r"^(?:English(?: translation)?\s*[:：]\s*)", "", line, flags=re.I)
    if len(line) > 1 and line[0] in "\"“'" and line[-1] in "\"”'":
        line = line[1:-1].strip()
    return line


def translate(text: str, *, model: str | None = None, cancel: threading.Event | None = None,
              progress_bar: bool = False, batch_size: int = 8) -> TranslationResult:
    from pressbrief.models import load_generator
    from pressbrief.service.numeric import extract

    settings = get_settings()
    check_text(text)
    t0 = time.perf_counter()
    extraction = extract(text)
    gen = load_generator(model)
    template = load_template("translate_en")
    todo = units(extraction)
    places = place_names(text)
    metrics_of = {id(u): [m for m in extraction.metrics if u.start <= m.mention.start < u.end] for u in todo}
    prompts = []
    for u in todo:
        if gen.entry.family == "decoder-only":
            prompts.append(template.render(figures=_figures(metrics_of[id(u)], u.text), sentence=u.text))
        else:
            prompts.append(u.text)
    bar = None
    if progress_bar:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), unit="sentence", desc="translating")
    rows: list[dict] = []
    total = GuardStats()
    decode_tokens, gen_s = 0, 0.0
    for i in range(0, len(todo), batch_size):
        batch = todo[i:i + batch_size]
        # English needs about 1-1.5 tokens per Chinese character; cap by the longest in the batch.
        budget = min(2 * settings.max_new_tokens, int(1.5 * max(len(u.text) for u in batch)) + 16)
        results = gen.generate_many(prompts[i:i + batch_size], max_new_tokens=budget, cancel=cancel)
        for j, (u, r) in enumerate(zip(batch, results, strict=True)):
            decode_tokens += r.new_tokens
            gen_s += r.prefill_s + r.decode_s
            samples = _samples(gen, prompts[i + j], budget, settings.translate_candidates, cancel, first=r.text)
            target, st = guard(extraction, "en", samples, lambda u=u: _fallback(metrics_of[id(u)]),
                               max_candidates=settings.translate_candidates, min_chars=1)
            if (st.fallback or st.dropped) and gen.entry.family == "decoder-only":
                # A long sentence the model cannot render faithfully in one go: clause by clause.
                # It replaces a note whenever some clause got through, and a translation with a
                # dropped part only when no clause failed and fewer parts were dropped.
                retry = _by_clauses(gen, template, extraction, u.text, metrics_of[id(u)], settings, cancel)
                if retry is not None and (st.fallback or (not retry[1].fallback and retry[1].dropped < st.dropped)):
                    target, clause_stats = retry
                    st = GuardStats(candidates=st.candidates, errors_seen=dict(st.errors_seen))
                    st.merge(clause_stats)
            total.merge(st)
            target = fix_place_names(target, places)
            rows.append({"source": u.text, "target": target, "start": u.start, "end": u.end,
                         "section": u.section, "heading": u.heading, "guard": st.to_json()})
        if bar:
            bar.update(len(batch))
    if bar:
        bar.close()
    paragraphs: list[str] = []
    for i, row in enumerate(rows):
        # A heading stands alone; the sentences after it form one paragraph.
        if i == 0 or row["heading"] or rows[i - 1]["heading"]:
            paragraphs.append(row["target"])
        else:
            paragraphs[-1] += " " + row["target"]
    return TranslationResult(
        translation="\n\n".join(paragraphs), sentences=rows,
        guard=total.to_json() | {"fallback": sum(1 for r in rows if r["guard"]["fallback"])},
        timing={"total_s": round(time.perf_counter() - t0, 3), "generate_s": round(gen_s, 3),
                "decode_tokens": decode_tokens, "sentences": len(rows)},
        model=gen.name, prompt=template.id,
    )
