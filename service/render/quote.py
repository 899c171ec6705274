"""The Chinese phrase a number came from: its clause in the source, line breaks removed.

Releases copied from PDFs or web pages break lines (even blank lines) inside sentences, so a
blank line only ends the phrase after sentence-final punctuation or a heading; inside a heading
(a paragraph without sentence punctuation) spaces separate the parts of a headline.
"""

from __future__ import annotations

import re

_CLAUSE_END = "。；;！!？?，,：:、"
_SENTENCE_END = "。；;！!？?"
_MAX_SIDE = 40
# a clause that starts like this names no subject: take the clause before it too
_NEEDS_SUBJECT = re.compile(
    r"^(同比|环比|较|比|增长|下降|增加|减少|提高|降低|居|位居|排名|位列|列|占|达|达到|约|共|其中)"
)


def _squash(s: str) -> str:
    s = re.sub(r"\s*\n\s*", "", s)
    return re.sub(r"[ \t\u3000]+", " ", s)


def _paragraph(text: str, start: int, end: int) -> tuple[int, int]:
    lo = text.rfind("\n\n", 0, start)
    hi = text.find("\n\n", end)
    return (0 if lo < 0 else lo + 2), (len(text) if hi < 0 else hi)


def _is_heading(par: str) -> bool:
    return not any(ch in _SENTENCE_END + "，," for ch in par)


def clause_bounds(text: str, start: int, end: int, min_chars: int = 8) -> tuple[int, int]:
    """Bounds of the clause around text[start:end] (see the module doc)."""
    plo, phi = _paragraph(text, start, end)
    if _is_heading(text[plo:phi]):
        lo = start
        while lo > plo and not text[lo - 1].isspace():
            lo -= 1
        hi = end
        while hi < phi and not text[hi].isspace():
            hi += 1
        return lo, hi
    lo = start
    while lo > 0 and start - lo < _MAX_SIDE:
        ch = text[lo - 1]
        if ch in _CLAUSE_END:
            clause = _squash(text[lo:end]).strip()
            short = len(clause) < min_chars or _NEEDS_SUBJECT.match(clause)
            if short and ch not in _SENTENCE_END:
                lo -= 1
                continue
            break
        if text.startswith("\n\n", lo - 2) or (ch == "\n" and text[lo - 2 : lo - 1] == "\n"):
            before = text[:lo].rstrip()
            prev_plo, _ = _paragraph(text, len(before) - 1, len(before))
            if not before or before[-1] in _SENTENCE_END + "”」" or _is_heading(before[prev_plo:]):
                break
        lo -= 1
    hi = end
    while hi < len(text) and hi - end < _MAX_SIDE:
        ch = text[hi]
        if ch in _CLAUSE_END:
            break
        if text.startswith("\n\n", hi):
            after = text[hi:].lstrip()
            nlo, nhi = _paragraph(text, len(text) - len(after), len(text) - len(after))
            if _is_heading(text[nlo:nhi]):
                break
        hi += 1
    return lo, hi


def quote(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(before, number, after): the clause around the number, split at the number."""
    if not text or not (0 <= start < end <= len(text)):
        return "", "", ""
    lo, hi = clause_bounds(text, start, end)
    before, number, after = _squash(text[lo:start]).lstrip(), _squash(text[start:end]), _squash(text[end:hi])
    if lo > 0 and start - lo >= _MAX_SIDE:
        before = "…" + before
    if hi < len(text) and hi - end >= _MAX_SIDE:
        after += "…"
    return before, number, after.rstrip()
