"""The inline mark of a doubtful span in a translation: ⟦…⟧.

A translated sentence is never left out; when no candidate passes every check, the best one is kept
with the span the checks doubt (an untraced name, a figure the source does not back, a metric or a
direction the source never states, a word left in pinyin) between ⟦ and ⟧. The marks are two
mathematical white square brackets, which no press release or translation writes, so counting them
is exact: this module is the one place that spells them, for the translator that writes them and
the scorers that count them.
"""

from __future__ import annotations

import re

OPEN = "\u27e6"  # ⟦
CLOSE = "\u27e7"  # ⟧
_MARKED = re.compile(f"{OPEN}([^{OPEN}{CLOSE}]*){CLOSE}")


def mark(text: str) -> str:
    """``text`` between the marks (already marked text is left as it is)."""
    return text if text.startswith(OPEN) and text.endswith(CLOSE) else f"{OPEN}{text}{CLOSE}"


def marked_spans(text: str) -> list[str]:
    """The marked spans of ``text``, in order, without their marks."""
    return _MARKED.findall(text)


def unmark(text: str) -> str:
    """``text`` with the marks taken away (the words stay)."""
    return text.replace(OPEN, "").replace(CLOSE, "")
