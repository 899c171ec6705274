"""The model's answer as brief text: finished sentences only, no degenerate loop, no Markdown."""

from __future__ import annotations

import re

from ..lexicon.chinese import has_chinese

_MARKDOWN_EMPHASIS = re.compile(r"\*\*|__")
_MARKDOWN_LINE_MARK = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|(?:\d{1,2}[.)]|[-*•])[ \t]+)", re.M)  # "### ", "1. ", "- "
_SENTENCE_END = re.compile(r"[。！？!?.”\"）)；;:：，,]\s*$")  # a line ending "including:" introduces the next


def as_paragraph(text: str) -> str:
    """A brief is one plain paragraph: Markdown heading and list marks go, and a line that is only a
    heading (no sentence end: the release's title, a section name) goes when real sentences remain."""
    text = _MARKDOWN_LINE_MARK.sub("", text)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    sentences = [ln for ln in lines if _SENTENCE_END.search(ln)]
    if len(lines) < 2 or not sentences:
        return "\n".join(lines)
    kept = [ln for ln in lines if _SENTENCE_END.search(ln) or len(ln) > 40]
    return ("" if has_chinese("".join(kept)) else " ").join(kept)
_TRAILING_LIST_MARKER = re.compile(r"(?:\n\s*(?:\d{1,2}[.)]|[-*•]))+\s*$")  # "...\n\n3." cut before its item


def finished_text(result, max_new_tokens: int) -> str:
    """Keep only finished sentences (a brief cut by the token limit ends mid-sentence), cut
    a degenerate loop (a small model repeating one clause until the limit) after its first turn,
    and drop Markdown bold and a list marker left without its item: briefs are plain text."""
    looped = _cut_loop(result.text)
    text = _MARKDOWN_EMPHASIS.sub("", looped)
    end_mark = "。" if has_chinese(text) else "."
    if looped != result.text and not re.search(r"[。！？!?.]\s*$", text):
        text = text.rstrip("，,；; ") + end_mark  # a loop cut after its first turn ends a clause
    if not re.search(r"[。！？!?.”\"）)]\s*$", text):
        ends = [m.end() for m in re.finditer(r"[。！？!?]|\.(?=\s|$)", text)]
        if ends:
            text = text[:ends[-1]].strip()
        else:  # one unfinished sentence: end it at its last finished clause (…河清，同时，银川市)
            marks = [m.start() for m in re.finditer(r"[，；,;]", text)]
            # a connective alone (同时, 此外, "and") is no finished clause
            while len(marks) > 1 and len(text[marks[-2] + 1:marks[-1]].strip()) <= 3:
                marks.pop()
            if marks:
                text = text[:marks[-1]].rstrip() + end_mark
    return as_paragraph(_TRAILING_LIST_MARKER.sub("", text).strip())


def _cut_loop(text: str, min_len: int = 8) -> str:
    """`abcX abcX abcX ...` -> `abcX`: a clause of min_len+ characters repeated three times or more."""
    m = re.search(r"(.{" + str(min_len) + r",}?)\1{2,}", text, flags=re.S)
    return text[:m.start() + len(m.group(1))].strip() if m else text
