"""Chinese lines in English for the English brief (writers/): translated lines, each guarded, and the
source pieces they are cut from (a figure's clause, a figure's short phrase, a Chinese brief's sentences).

Every translated line goes through the same guard as a brief (numbers, names, claims); a line the
guard cannot make faithful is left out, never shown half-checked.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

from ..lexicon.dictionary import common_english, lookup
from ..numeric.types import Extraction, Metric
from ..settings import get_settings
from .english import word_at
from .english_rules import guard_english
from .fallback import CLAUSE_BREAK, highlight_clauses
from .guard import GuardStats
from .labels import is_metric_name
from .name_repair import glossed_names
from .prompting import load_template
from .translate import context_lines, figure_list, sample_translations

_ZH_SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")


def translate_lines(gen, extraction: Extraction, lines: list[str], *, cancel: threading.Event | None = None,
                    on_result: Callable | None = None, candidates: int = 2) -> tuple[list[str], GuardStats]:
    """Chinese lines (source clauses, or sentences of the guarded Chinese brief) in English, each
    guarded; the lines that fail are left out. (kept English lines, guard stats of all of them)."""
    stats = GuardStats()
    if on_result is not None:
        gen = _Counted(gen, on_result)
    lines = [ln for ln in (ln.strip() for ln in lines) if ln]
    if not lines:
        return [], stats
    template = load_template("translate_en")
    glossed = glossed_names(extraction.text)
    metrics = [[m for m in extraction.metrics if m.mention.text in line] for line in lines]
    prompts = [template.render(context=context_lines(None), figures=figure_list(ms, line, glossed), sentence=line)
               for ms, line in zip(metrics, lines, strict=True)]
    settings = get_settings()
    budget = min(2 * settings.max_new_tokens, int(1.5 * max(len(ln) for ln in lines)) + 16)
    results = gen.generate_many(prompts, max_new_tokens=budget, cancel=cancel)
    kept: list[str] = []
    for prompt, result in zip(prompts, results, strict=True):
        tries = sample_translations(gen, prompt, budget, range(candidates), cancel, first=result.text)
        text, st = guard_english(extraction, tries, lambda: "", max_candidates=candidates, min_chars=1)
        failed = st.fallback
        st.fallback = False  # a line that fails is left out; the brief itself did not fall back
        if failed:
            st.note("line_left_out")
        stats.merge(st)
        text = text.strip()  # places already spelt by the guard
        if not failed and text and text not in kept:
            kept.append(text if text.endswith((".", "!", "?", '"', "”")) else text + ".")
    return kept, stats


class _Counted:
    """A generator whose every result is also handed to `on_result` (the pipeline's timing counters)."""

    def __init__(self, gen, on_result: Callable):
        self._gen, self._on = gen, on_result

    def generate(self, *args, **kwargs):  # noqa: ANN002, ANN003 - the generator's own signature
        result = self._gen.generate(*args, **kwargs)
        self._on(result)
        return result

    def generate_many(self, *args, **kwargs):  # noqa: ANN002, ANN003
        results = self._gen.generate_many(*args, **kwargs)
        for r in results:
            self._on(r)
        return results

    def __getattr__(self, name: str):
        return getattr(self._gen, name)


def figure_clauses(extraction: Extraction, metrics: list[Metric]) -> list[str]:
    """The source clause of each figure (its label in front when the clause lacks it: 居全省第一位 alone
    says nothing of what ranks first), once each, in source order."""
    return highlight_clauses(extraction, sorted(metrics, key=lambda m: m.mention.start))


# what ends the noun a figure counts (28条河流和白洋淀, 40只雌性藏羚羊带领…): a mark, a particle or a verb
_PHRASE_STOP = re.compile(r"[，,。；;！？!?、：:（）()“”\"\s]|[和及与的在为是了将并或由向对把被]")
_LABEL_GAP = re.compile(r"[为达约近超逾共计是了]{0,3}")


def figure_phrase(extraction: Extraction, metric: Metric) -> str | None:
    """The figure with what it measures and nothing else, from the source: the label just before it
    (银川湿地面积为1.92万公顷) and, for a count, the noun right after its counter (28条河流, 大约40只雌性藏羚羊);
    None when neither is there (a bare "9" says nothing). A short phrase comes through a greedy
    translation faithfully far more often than the whole clause, and reads well in a list."""

    text, m = extraction.text, metric.mention
    clause_start = max((b.end() for b in CLAUSE_BREAK.finditer(text, 0, m.start)), default=0)
    start = m.start
    label = metric.label or ""
    if not (is_metric_name(label) or re.fullmatch(r"[A-Za-z][A-Za-z0-9]{0,5}", label)):  # M2, PPI
        label = ""  # not 和, 他刚从家中走出, 按照每生每年
    if label:
        at = text.rfind(label, clause_start, m.start)
        if at >= 0 and _LABEL_GAP.fullmatch(text[at + len(label):m.start]):
            start = at
    end = m.end
    if m.kind == "count":
        words = 0
        while end < len(text) and words < 2 and not _PHRASE_STOP.match(text[end]):
            found = word_at(text, end)
            entry = lookup(found[0]) if found else None
            if found is None or (entry is not None and entry.verb):
                break  # a character without a word or a verb (两个儿子承认): the noun ends here
            end += len(found[0])
            words += 1
        stop = _PHRASE_STOP.search(text, end)
        if stop and stop.group(0) == "的" and stop.start() - end <= 4:
            end = m.end  # 16条精心制定的保护路线: what follows modifies a noun further on
    if start == m.start and end == m.end:
        return None
    return re.sub(r"\s+", "", text[start:end])


def figure_phrases(extraction: Extraction, metrics: list[Metric]) -> list[str]:
    phrases: list[str] = []
    for metric in sorted(metrics, key=lambda m: m.mention.start):
        phrase = figure_phrase(extraction, metric)
        if phrase and phrase not in phrases:
            phrases.append(phrase)
    return phrases


def as_list_item(line: str) -> str:
    """A translated phrase as an item of "Other key figures: …": no closing stop, an ordinary first word
    in lower case ("28 rivers", "wetland area of Yinchuan 19,200 hectares")."""

    item = line.strip().rstrip(".;").strip()
    first = re.match(r"[A-Za-z]+", item)
    if first and first.group(0)[1:].islower() and first.group(0).lower() in common_english():
        item = item[0].lower() + item[1:]
    return item


def zh_sentences(brief_zh: str) -> list[str]:
    return [s for s in (m.group(0).strip() for m in _ZH_SENTENCE.finditer(brief_zh)) if s]
