"""Sentence by sentence: split a brief into sentences (each with the break after it) and drop some."""

from __future__ import annotations

import re
from collections.abc import Callable

EN_BREAK = re.compile(r"((?<=[.!?])\s+|\n+)")  # "1.262" holds a dot but no break
ZH_BREAK = re.compile(r"((?<=[。！？])|\n+)")


def drop_sentences(text: str, drop: Callable[[str], bool], breaks: re.Pattern = EN_BREAK) -> tuple[str, int]:
    """(text without the sentences `drop` says yes to, how many were dropped); the text as it was when none is.
    `drop` sees the sentences in order, so it may remember what came before."""
    parts = breaks.split(text)  # sentence, break, sentence, break, ...
    kept, dropped = [], 0
    for i in range(0, len(parts), 2):
        sentence, brk = parts[i], parts[i + 1] if i + 1 < len(parts) else ""
        if drop(sentence):
            dropped += 1
            continue
        kept.append(sentence + (brk or ""))
    return ("".join(kept).strip(), dropped) if dropped else (text, 0)
