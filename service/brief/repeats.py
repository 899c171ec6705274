"""Sentences that say again what an earlier one said: dropped from a brief.

A small model writing under a length target pads with near-copies ("The city has also been
recognized as the first in Henan province for its ..." three times). A later sentence is a
repeat when it brings no number the earlier one lacks and at least REPEAT_SHARE of its content
words (English) or character pairs (Chinese) are already in it.
"""

from __future__ import annotations

import re

REPEAT_SHARE = 0.7
_NUMBER = re.compile(r"\d[\d,.]*")
_EN_BREAK = re.compile(r"((?<=[.!?])\s+|\n+)")  # "1.262" holds a dot but no break
_ZH_BREAK = re.compile(r"((?<=[。！？])|\n+)")
_STOP = frozenset("a an the and or of in on at to for by with as its it is are was were has have had been be "
                  "this that these those from into also which who their".split())


def _features(sentence: str, lang: str) -> set[str]:
    if lang == "en":
        return {w for w in re.findall(r"[a-z][a-z-]*", sentence.lower()) if w not in _STOP}
    han = re.sub(r"[^\u4e00-\u9fff]", "", sentence)
    return {han[i:i + 2] for i in range(len(han) - 1)}


def drop_repeats(text: str, lang: str) -> tuple[str, int]:
    """The text without repeated sentences; (text, sentences dropped)."""
    parts = (_EN_BREAK if lang == "en" else _ZH_BREAK).split(text)
    kept: list[str] = []
    seen: list[tuple[set[str], set[str]]] = []
    dropped = 0
    for i in range(0, len(parts), 2):
        sentence, brk = parts[i], parts[i + 1] if i + 1 < len(parts) else ""
        words, numbers = _features(sentence, lang), set(_NUMBER.findall(sentence))
        if words and any(numbers <= n and len(words & w) >= REPEAT_SHARE * len(words) for w, n in seen):
            dropped += 1
            continue
        if words:
            seen.append((words, numbers))
        kept.append(sentence + (brk or ""))
    if not dropped:
        return text, 0
    return "".join(kept).strip(), dropped
