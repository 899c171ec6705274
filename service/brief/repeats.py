"""Sentences that say again what an earlier one said: dropped from a brief.

A small model writing under a length target pads with near-copies ("The city has also been
recognized as the first in Henan province for its ..." three times). A later sentence is a
repeat when it brings no number the earlier one lacks and at least REPEAT_SHARE of its content
words (English) or character pairs (Chinese) are already in it.
"""

from __future__ import annotations

import re

from .sentences import EN_BREAK, ZH_BREAK, drop_sentences

REPEAT_SHARE = 0.7
_NUMBER = re.compile(r"\d[\d,.]*")
_STOP = frozenset("a an the and or of in on at to for by with as its it is are was were has have had been be "
                  "this that these those from into also which who their".split())


def _features(sentence: str, lang: str) -> set[str]:
    if lang == "en":
        return {w for w in re.findall(r"[a-z][a-z-]*", sentence.lower()) if w not in _STOP}
    han = re.sub(r"[^\u4e00-\u9fff]", "", sentence)
    return {han[i:i + 2] for i in range(len(han) - 1)}


def drop_repeats(text: str, lang: str) -> tuple[str, int]:
    """The text without repeated sentences; (text, sentences dropped)."""
    seen: list[tuple[set[str], set[str]]] = []

    def repeat(sentence: str) -> bool:
        words, numbers = _features(sentence, lang), set(_NUMBER.findall(sentence))
        if words and any(numbers <= n and len(words & w) >= REPEAT_SHARE * len(words) for w, n in seen):
            return True
        if words:
            seen.append((words, numbers))
        return False

    return drop_sentences(text, repeat, EN_BREAK if lang == "en" else ZH_BREAK)
