"""Items of an English list ("including golden bears, red pandas and zebras") traced to the source's words.

A small model asked for one sentence fills an example list from what it expects rather than from the
source (金雕、勺鸡、斑羚 written as "golden bears, red pandas and zebras"). Numbers and names have their
checks; a list of ordinary things has none. Each lower-case item's head noun (its last word) must be an
English word of a dictionary gloss of a word the source writes (金雕 -> golden eagle, 水稻 -> rice); a
capitalised item is a name, for the names check.
"""

from __future__ import annotations

import re

from .names import _stem, source_names

_LIST = re.compile(r"\b(?:including|such as|like|namely|e\.g\.)\s+(.+?)(?=[.;:!?]|,? (?:which|that|were|was|are|is|"
                   r"have|has|had|in|to|with|for|from|and other|and others|etc)\b|$)", re.I)
_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+")
_ARTICLES = {"a", "an", "the", "some", "other", "various", "many", "several", "its", "their"}


def _forms(word: str) -> list[str]:
    w = word.lower().strip("'’\"()")
    out = [w]
    if w.endswith("ies"):
        out.append(w[:-3] + "y")
    if w.endswith("es"):
        out.append(w[:-2])
    if w.endswith("s"):
        out.append(w[:-1])
    return out


def invented_items(source: str, sentence: str) -> list[str]:
    """The items of ``sentence``'s example lists whose head noun no word of ``source`` glosses."""
    sn = source_names(source)
    out = []
    for m in _LIST.finditer(sentence):
        for item in _SPLIT.split(m.group(1)):
            words = [w for w in item.split() if w.lower() not in _ARTICLES]
            if not words or any(w[:1].isupper() or any(ch.isdigit() for ch in w) for w in words):
                continue  # a name (names check) or a figure (number check)
            head = words[-1].strip(",.;:'’\"()")
            if len(head) < 3:
                continue
            if not any(_stem(f) in sn.words for f in _forms(head)):
                out.append(item.strip())
    return out
