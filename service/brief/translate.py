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

from pressbrief.models import load_generator
from pressbrief.service.numeric import extract

from ..inputs import check_text
from ..numeric.glossary import phrases_in
from ..numeric.provinces import place_names
from ..numeric.types import Extraction, Metric
from ..progress import Progress, report
from ..settings import get_settings
from .english_rules import guard_english
from .fallback import label_en
from .guard import GuardStats
from .guard import check_text as check_numbers
from .prompting import glossary_pairs, load_template


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
            # A heading repeated in the body (after a byline such as 市市场监管局) is translated once.
            if clean and clean != sec.heading.strip():
                out.append(Unit(sec.id, s.start, s.end, clean, False))
    return out


def figure_list(metrics: list[Metric], text: str) -> str:
    """The sentence's figures, place names, metric labels and glossary phrases in English, for the prompt."""
    lines = [f"- {m.mention.text} = {m.rendered_en}" for m in metrics]
    lines += [f"- {zh} = {en}" for zh, en in (glossary_pairs(metrics, text) | phrases_in(text)).items()]
    return "\n".join(lines) or "(none)"


def _fallback(metrics: list[Metric]) -> str:
    figures = "; ".join(f"{label_en(m)}: {m.rendered_en}" for m in metrics)
    return "[Not translated faithfully" + (f"; figures: {figures}]" if figures else "]")


# Clause marks, and a space between Chinese characters: headings separate their parts with one
# (地理标志商标数量全省第一 我市持续打造知识产权创新高地).
_CLAUSE = re.compile(r"(?:[^，；,;：:\s]|(?<![\u4e00-\u9fff])\s|\s(?![\u4e00-\u9fff]))+(?:[，；,;：:]|\s+|$)")


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
    pieces: list[tuple[str, str]] = []  # (translation, source clause)
    stats = GuardStats()
    failed = 0
    n = settings.translate_candidates
    for clause in clauses:
        found = [m for m in metrics if m.mention.text in clause]
        prompt = template.render(figures=figure_list(found, clause), sentence=clause)
        budget = int(1.5 * len(clause)) + 16

        def attempt(seeds: range, prompt=prompt, found=found, budget=budget) -> tuple[str, GuardStats]:
            return guard_english(extraction, sample_translations(gen, prompt, budget, seeds, cancel),
                         lambda: _fallback(found), max_candidates=n, min_chars=1)

        text, st = attempt(range(n))
        if st.fallback or st.dropped:
            # A clause is short and cheap: one more round of fresh samples before it loses a part.
            again, st2 = attempt(range(n, 2 * n))
            st2.candidates += st.candidates
            if (st2.fallback, st2.dropped) < (st.fallback, st.dropped):
                text, st = again, st2
            else:
                st.candidates = st2.candidates
        failed += st.fallback
        stats.merge(st)
        pieces.append((text, clause))
    if failed == len(clauses):
        return None
    joined = join_clauses(pieces, {w for en in place_names(sentence).values() for w in en.split()})
    if not check_numbers(extraction, joined, "en").ok:
        return None  # joined, a clause's figure reads as another's: the caller keeps what it has
    stats.fallback = failed > 0
    return joined, stats


_KEEP_CAPS = {"I", "China", "Chinese"}


def join_clauses(pieces: list[tuple[str, str]], proper: set[str]) -> str:
    """Clause translations back into one sentence: a clause that ended in ，；： in the source
    goes on after "; " (first word lowercased unless a name), the others end with a full stop.
    A marked note stands as its own sentence. `pieces`: (translation, source clause)."""
    out = ""
    joining = False
    for i, (text, clause) in enumerate(pieces):
        text = text.strip()
        note = text.startswith("[")
        if joining and not note:
            first = text.split(" ", 1)[0]
            if first not in proper | _KEEP_CAPS and not first.isupper():
                text = text[:1].lower() + text[1:]
        body = text if note else text.rstrip(" .,;:")
        nxt = pieces[i + 1][0].strip() if i + 1 < len(pieces) else ""
        joining = (not note and nxt and not nxt.startswith("[") and clause.rstrip()[-1:] in "，,；;：:"
                   and not body.endswith(("!", "?", '"', "”")))
        if not note:
            body += ";" if joining else ("" if body.endswith(("!", "?", '"', "”")) else ".")
        out += (" " if out else "") + body
    return out


def sample_translations(gen, prompt, budget: int, seeds: range, cancel, first: str | None = None) -> Iterator[str]:
    """Cleaned translations of one prompt, generated as the guard asks for them: seed 0 is the
    greedy one (`first`, when the batch already generated it), others are seeded samples."""
    for seed in seeds:
        if seed == 0:
            text = first if first is not None else gen.generate(prompt, max_new_tokens=budget, cancel=cancel).text
        else:
            text = gen.generate(prompt, max_new_tokens=budget, sample_seed=seed, cancel=cancel).text
        yield clean_translation(text)


def clean_translation(text: str) -> str:
    """The model's answer after the template's answer start: its first non-empty line, without
    the quotes or label a small model sometimes wraps around it."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    line = re.sub(r"^(?:English(?: translation)?\s*[:：]\s*)", "", line, flags=re.I)
    if len(line) > 1 and line[0] in "\"“'" and line[-1] in "\"”'":
        line = line[1:-1].strip()
    return line


def translate(text: str, *, model: str | None = None, cancel: threading.Event | None = None,
              progress_bar: bool = False, batch_size: int = 8,
              progress: Progress = None) -> TranslationResult:

    settings = get_settings()
    check_text(text)
    t0 = time.perf_counter()
    extraction = extract(text)
    gen = load_generator(model)
    template = load_template("translate_en")
    todo = units(extraction)
    metrics_of = {id(u): [m for m in extraction.metrics if u.start <= m.mention.start < u.end] for u in todo}
    prompts = []
    for u in todo:
        if gen.entry.family == "decoder-only":
            prompts.append(template.render(figures=figure_list(metrics_of[id(u)], u.text), sentence=u.text))
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
        report(progress, "translate", f"sentences {i + 1}-{i + len(batch)} of {len(todo)}", chunk=i + len(batch),
               chunks=len(todo))
        # English needs about 1-1.5 tokens per Chinese character; cap by the longest in the batch.
        budget = min(2 * settings.max_new_tokens, int(1.5 * max(len(u.text) for u in batch)) + 16)
        results = gen.generate_many(prompts[i:i + batch_size], max_new_tokens=budget, cancel=cancel)
        for j, (u, r) in enumerate(zip(batch, results, strict=True)):
            decode_tokens += r.new_tokens
            gen_s += r.prefill_s + r.decode_s
            samples = sample_translations(gen, prompts[i + j], budget, range(settings.translate_candidates), cancel,
                               first=r.text)
            target, st = guard_english(extraction, samples, lambda u=u: _fallback(metrics_of[id(u)]),
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
