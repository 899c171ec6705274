"""The English brief, three ways (PRESSBRIEF_EN_PATH, ``--en-path``), chosen by measurement on the dev corpus:

- ``direct``: the model writes the English brief from the release (brief_en template); the key
  figures it left out are added as translations of their source clauses;
- ``zh-translated``: the guarded Chinese brief (which is faithful far more often) translated
  sentence by sentence with the translation prompt;
- ``lead-figures``: one lead sentence by the model (who announced what, no figures), then each key
  figure's source clause translated.

Every translated line goes through the same guard as a brief (numbers, names, claims); a line the
guard cannot make faithful is left out, never shown half-checked.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

from ..numeric.types import Extraction, Metric
from ..settings import get_settings
from .fallback import highlight_clauses
from .guard import GuardStats, guard
from .prompting import load_template
from .translate import figure_list, sample_translations

EN_PATHS = ("direct", "zh-translated", "lead-figures")
_ZH_SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")


def check_path(name: str) -> str:
    from ..errors import InputError

    if name not in EN_PATHS:
        raise InputError(f"unknown English path {name!r}; choose from {', '.join(EN_PATHS)} (PRESSBRIEF_EN_PATH)")
    return name


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
    metrics = [[m for m in extraction.metrics if m.mention.text in line] for line in lines]
    prompts = [template.render(figures=figure_list(ms, line), sentence=line) for ms, line in zip(metrics, lines,
                                                                                              strict=True)]
    settings = get_settings()
    budget = min(2 * settings.max_new_tokens, int(1.5 * max(len(ln) for ln in lines)) + 16)
    results = gen.generate_many(prompts, max_new_tokens=budget, cancel=cancel)
    kept: list[str] = []
    for prompt, result in zip(prompts, results, strict=True):
        tries = sample_translations(gen, prompt, budget, range(candidates), cancel, first=result.text)
        text, st = guard(extraction, "en", tries, lambda: "", max_candidates=candidates, min_chars=1)
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


def zh_sentences(brief_zh: str) -> list[str]:
    return [s for s in (m.group(0).strip() for m in _ZH_SENTENCE.finditer(brief_zh)) if s]
