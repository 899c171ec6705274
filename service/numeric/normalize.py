"""A normalized copy of the input for analysis, with a map back to original offsets.

Analysis runs on simplified, half-width text without HTML tags or CR characters; every
character of that copy remembers the span of original characters it came from, so spans
found in the copy map back exactly (``original[start:end]`` is the source substring).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# Full-width digits/latin/number punctuation to ASCII; Chinese sentence punctuation (，。；：)
# is kept because segmentation relies on it.
_HALF = {0xFF10 + i: ord("0") + i for i in range(10)}
_HALF.update({0xFF21 + i: ord("A") + i for i in range(26)})
_HALF.update({0xFF41 + i: ord("a") + i for i in range(26)})
_HALF.update({ord(a): ord(b) for a, b in zip("％．＋－～／（）＜＞＝", "%.+-~/()<>=", strict=True)})
_HALF.update({0x3000: 32, 0xA0: 32, 0x2009: 32, 0x202F: 32, 0x200B: None, 0xFEFF: None})
_HALF.update({0x2212: ord("-")})  # minus sign

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|<!--.*?-->|<!DOCTYPE[^>]*>", re.S | re.I)
_DROP_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_ENTITY = re.compile(r"&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
_BLOCK_TAGS = {"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
               "table", "ul", "ol", "blockquote", "header", "footer", "title"}
_LOOKS_HTML = re.compile(r"<(p|br|div|span|b|strong|font|a|li|td|html|body|h\d)\b[^>]*>", re.I)


@dataclass(frozen=True)
class Norm:
    """Normalized text plus per-character original spans [starts[i], ends[i])."""

    text: str
    starts: Sequence[int]
    ends: Sequence[int]

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Original offsets of normalized range [i, j)."""
        if j <= i:
            pos = self.starts[i] if i < len(self.starts) else (self.ends[-1] if self.ends else 0)
            return pos, pos
        return self.starts[i], self.ends[j - 1]


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """OpenCC t2s, falling back per character when a phrase rule would change the length."""
    out = _t2s().convert(text)
    if len(out) == len(text):
        return out
    conv = _t2s().convert
    return "".join(c2 if len(c2 := conv(c)) == 1 else c for c in text)


def _strip_html(text: str) -> tuple[list[str], list[int], list[int]]:
    """Remove tags and decode entities; block tags become a newline mapped to the tag."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    dropped = [(m.start(), m.end()) for m in _DROP_BLOCK.finditer(text)]
    pos = 0
    events = sorted(
        [(a, b, "") for a, b in dropped]
        + [(m.start(), m.end(), "\n" if (m.group(2) or "").lower() in _BLOCK_TAGS else "")
           for m in _TAG.finditer(text)]
        + [(m.start(), m.end(), html.unescape(m.group(0))) for m in _ENTITY.finditer(text)]
    )
    for a, b, repl in events:
        if a < pos:
            continue  # inside an already dropped block
        for k in range(pos, a):
            chars.append(text[k])
            starts.append(k)
            ends.append(k + 1)
        if repl == text[a:b]:  # unknown entity stays literal
            for k in range(a, b):
                chars.append(text[k])
                starts.append(k)
                ends.append(k + 1)
        elif repl:
            for ch in repl:
                chars.append(ch)
                starts.append(a)
                ends.append(b)
        pos = b
    for k in range(pos, len(text)):
        chars.append(text[k])
        starts.append(k)
        ends.append(k + 1)
    return chars, starts, ends


_ONE_TO_ONE = {k: v for k, v in _HALF.items() if v is not None}
_ONE_TO_ONE.update({ord("\t"): ord(" "), ord("\v"): ord("\n"), ord("\f"): ord("\n")})
_DELETED = re.compile("[\r\u200b\ufeff]")


def normalize(text: str) -> Norm:
    """Analysis copy: HTML stripped, CRLF -> LF, full-width -> ASCII, Traditional -> Simplified."""
    if not _DELETED.search(text) and not _LOOKS_HTML.search(text):
        # common case: every character maps to itself, so the offset map is the identity
        n = len(text)
        return Norm(to_simplified(text.translate(_ONE_TO_ONE)), range(n), range(1, n + 1))
    if _LOOKS_HTML.search(text):
        chars, starts, ends = _strip_html(text)
    else:
        chars, starts, ends = list(text), list(range(len(text))), list(range(1, len(text) + 1))
    out_c: list[str] = []
    out_s: list[int] = []
    out_e: list[int] = []
    n = len(chars)
    for i, ch in enumerate(chars):
        if ch == "\r":
            if i + 1 < n and chars[i + 1] == "\n":
                continue
            ch = "\n"
        code = ord(ch)
        if code in _HALF:
            mapped = _HALF[code]
            if mapped is None:
                continue
            ch = chr(mapped)
        elif ch in "\t\v\f":
            ch = " " if ch == "\t" else "\n"
        out_c.append(ch)
        out_s.append(starts[i])
        out_e.append(ends[i])
    simplified = to_simplified("".join(out_c))
    return Norm(simplified, out_s, out_e)
