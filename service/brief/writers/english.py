"""What every English path does after its own writing: the key figures it left out, added as the core's
sentence, translated source clauses or short figure phrases (each guarded), and the release's headline."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

from pressbrief.models.runtimes import Generator

from ...numeric.types import Extraction, Metric
from ...progress import Progress, report
from ..completion import add_en_items, complete_brief, missing_highlights
from ..en_lines import as_list_item, figure_clauses, figure_phrases, translate_lines
from ..english_rules import guard_english
from ..fallback import fallback_en
from ..guard import GuardStats, check_text
from ..repeats import drop_repeats
from ..timing import Timing


def complete_english(gen: Generator, extraction: Extraction, text: str, metrics: list[Metric], st: GuardStats,
                     timing: Timing, cancel: threading.Event | None, translate_missing: bool = True) -> str:
    """Key figures the English left out: glossary-labelled ones as one core-built sentence, the rest as
    translations of their source clauses (guarded like the brief) unless `translate_missing` is off
    (lead-figures has just translated every figure's clause: the same greedy prompts again would only
    repeat what the guard rejected), then what is still missing as its short source phrase (the figure and
    what it measures), an item of the "Other key figures:" sentence."""
    text, st.figures_added = complete_brief(extraction, text, "en", metrics)
    missing = missing_highlights(extraction, text, "en", metrics)
    if missing and translate_missing:
        # greedy only: a clause that does not come through faithfully at once stays in the table
        text, missing = _with_translations(gen, extraction, text, missing, figure_clauses(extraction, missing),
                                           lambda lines: " ".join([text.strip(), *lines]).strip(), st, timing,
                                           cancel, purpose="a missing figure's clause")
    if missing:
        text, missing = _with_translations(gen, extraction, text, missing, figure_phrases(extraction, missing),
                                           lambda items: add_en_items(text, [as_list_item(i) for i in items]),
                                           st, timing, cancel, whole_checked=True, purpose="a missing figure's phrase")
    text, repeats = drop_repeats(text, "en")  # a translated clause may restate the model's own sentence
    if repeats:
        st.note("repeated", repeats)
    if not text.strip():  # nothing of the model's got through: the checked template, as the guard gives it
        text, st_template = guard_english(extraction, iter(()), lambda: fallback_en(extraction, metrics))
        st.fallback = True
        st.checked += st_template.checked
    return text


def _with_translations(gen: Generator, extraction: Extraction, text: str, missing: list[Metric],
                       zh_lines: list[str],
                       join: Callable[[list[str]], str], st: GuardStats, timing: Timing,
                       cancel: threading.Event | None, whole_checked: bool = False, purpose: str = "",
                       ) -> tuple[str, list[Metric]]:
    """``zh_lines`` translated greedily, each guarded, and put into the brief by ``join``; the figures that
    now come through are counted. With ``whole_checked`` the joined brief must also pass the number check
    as a whole, else it stays as it was. (text, the highlights still missing)."""
    if not zh_lines:
        return text, missing
    lines, st_lines = translate_lines(gen, extraction, zh_lines, cancel=cancel, candidates=1,
                                      on_result=lambda r: timing.add(r, f"en completion: {purpose}"))
    if not lines:
        return text, missing
    done = join(lines)
    if done == text or (whole_checked and not check_text(extraction, done, "en").ok):
        return text, missing
    st.merge(st_lines)
    still = missing_highlights(extraction, done, "en", missing)
    st.figures_added += len(missing) - len(still)
    return done, still


_SITE_SUFFIX = re.compile(r"\s*[-－—|｜_]\s*[\u4e00-\u9fffA-Za-z]{2,8}(?:网|报|社|在线)?\s*$")


def headline(text: str) -> str | None:
    """The release's first line when it reads as a title (short, no sentence end), without the site
    name a web page appends (…生力军-新华网): what a pack shows."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            if len(line) > 80 or line.endswith(("。", "！", "？")):
                return None
            return _SITE_SUFFIX.sub("", line) or line
    return None


def english_title(gen: Generator, extraction: Extraction, timing: Timing, cancel: threading.Event | None,
                  progress: Progress = None) -> str | None:
    """The headline translated greedily and guarded; None without a headline or when it fails the guard."""
    line = headline(extraction.text)
    if not line:
        return None
    report(progress, "headline", "translating the headline")
    titles, _ = translate_lines(gen, extraction, [line], cancel=cancel, candidates=1,
                                on_result=lambda r: timing.add(r, "en title"))
    return titles[0].rstrip(".") if titles else None
