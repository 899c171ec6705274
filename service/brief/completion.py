"""Key figures never silently missing: what the model left out of a guarded brief is added.

After the guard, the brief is checked once more with the harness; every chosen highlight that no
supported number of the brief stands for is stated in one short closing sentence built by the
core (the source's own clause in Chinese, the exact English rendering and glossary label in
English). So key-metric recall is a property of the product, not of the model's mood. The
addition is checked too, and left out if the harness cannot back every figure in it.
"""

from __future__ import annotations

import re

from pressbrief.eval.judge.align import check_brief
from pressbrief.eval.judge.metrics import carried_highlights

from ..numeric.types import Extraction, Metric
from .fallback import change_en, highlight_clauses
from .guard import check_text


def missing_highlights(extraction: Extraction, text: str, lang: str, highlights: list[Metric]) -> list[Metric]:
    report = check_brief(extraction, text, "zh" if lang == "zh-Hant" else lang)
    return [m for m, carried in zip(highlights, carried_highlights(report, highlights), strict=True) if not carried]


# a clause cut out of its sentence may open with the previous one's quote mark or a connective
# (但其在很大程度上…, ”吴贞在…); after 此外 they read wrong
_LEADING_JUNK = re.compile(r"^(?:[”“\"'’‘」』）)]+|(?:但是|但|而且|并且)(?=[\u4e00-\u9fff]))+")


def _zh_parts(extraction: Extraction, missing: list[Metric]) -> list[str]:
    return highlight_clauses(extraction, missing, clean=lambda clause: _LEADING_JUNK.sub("", clause))


def _zh_sentence(parts: list[str]) -> str:
    return ("此外，" + "；".join(parts) + "。") if parts else ""


def _en_sentence(parts: list[str]) -> str:
    return (_EN_LIST + "; ".join(parts) + ".") if parts else ""


_EN_LIST = "Other key figures: "
# counters that say what is counted (178种野生动物 is 178 kinds of wild animals, not 178 animals)
_COUNTER_OF = {"种": "kinds of", "类": "categories of", "批": "batches of", "款": "models of", "届": "editions of"}


def add_en_items(text: str, items: list[str]) -> str:
    """The brief with more items in its "Other key figures:" sentence (one is started when it has none)."""
    items = [i for i in items if i]
    if not items:
        return text
    at = text.find(_EN_LIST)
    if at < 0:
        return (text.rstrip() + " " + _en_sentence(items)).strip()
    end = re.compile(r"\.(?=\s|$)").search(text, at + len(_EN_LIST))
    stop = end.start() if end else len(text.rstrip())
    return text[:stop] + "; " + "; ".join(items) + text[stop:]


def _en_parts(extraction: Extraction, missing: list[Metric]) -> list[str]:
    parts: list[str] = []
    labels: set[str] = set()
    for m in missing:
        if not m.rendered_en or not m.label_en:
            continue  # pinyin of a Chinese label reads as noise: such a figure stays in the table only
        if m.label_en in labels:
            continue  # "confirmed cases 22; confirmed cases 5" says nothing of how the two differ
        labels.add(m.label_en)
        change = change_en(extraction, m)
        if m.mention.kind == "count":  # "22 confirmed cases", "178 kinds of wild animals": a count reads first
            of = _COUNTER_OF.get(m.mention.unit or "") if extraction.text.startswith(m.label or "\0",
                                                                                    m.mention.end) else None
            part = f"{m.rendered_en} {of + ' ' if of else ''}{m.label_en}"
        else:
            part = f"{m.label_en} " + ("ranked " if m.mention.kind == "rank" else "") + m.rendered_en
        part += f" ({change})" if change else ""
        if part not in parts:
            parts.append(part)
    return parts


def complete_brief(extraction: Extraction, text: str, lang: str, highlights: list[Metric]) -> tuple[str, int]:
    """(brief with the missing key figures added, how many were added)."""

    if not text or not highlights:
        return text, 0
    missing = missing_highlights(extraction, text, lang, highlights)
    if not missing:
        return text, 0
    parts = _zh_parts(extraction, missing) if lang == "zh" else _en_parts(extraction, missing)
    sentence = _zh_sentence if lang == "zh" else _en_sentence
    joiner = "" if lang == "zh" else " "
    # part by part: a clause the harness cannot back (read differently out of its sentence) is left
    # out, the others still go in
    kept: list[str] = []
    for part in parts:
        if check_text(extraction, text.rstrip() + joiner + sentence([*kept, part]), lang).ok:
            kept.append(part)
    if not kept:
        return text, 0
    completed = text.rstrip() + joiner + sentence(kept)
    added = len(missing) - len(missing_highlights(extraction, completed, lang, missing))
    return completed, added
