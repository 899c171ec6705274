"""Sections (articles) and sentences of a release, with offsets into the original text.

Paragraphs are lines. A paragraph that has sentence punctuation inside but does not end with
sentence-final punctuation was cut by a page break and continues in the next paragraph; a
short line without any sentence punctuation is a heading. An article starts at the run of
headings right before a lead paragraph (本报讯, 新华社…电 ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import Norm, normalize
from .types import Section, Sentence

_FINAL = set("。！？!?；;…：:")
_CLOSERS = "”’」』\"')）】》"
_INNER_PUNCT = set("，。；！？,;!?")
_HEADING_MAX = 60
_SENT_END = set("。！？!?")
_LEAD = re.compile(
    r"^\s*(?:本报讯|本报[\u4e00-\u9fff]{1,8}讯|[\u4e00-\u9fff]{2,8}(?:日报|晚报|网|台)讯"
    r"|(?:新华社|中新社|中新网|人民网|央视网|本报|新华网)[\u4e00-\u9fff0-9]{0,14}(?:电|消息)"
    r"|[\u4e00-\u9fff]{2,6}消息[(（])"
)
_ENTITY = re.compile(
    r"^[\u4e00-\u9fff]{1,12}(?:局|区|委|办|厅|院|部|会|县|市|镇|乡|街道|政府|公司|集团|中心|银行|署|园)$"
)


@dataclass
class Block:
    """A paragraph after page-break joins: normalized indices of its characters."""

    idx: list[int]
    heading: bool


@dataclass
class Unit:
    """A sentence ready for scanning: analysis text and the normalized index of each char."""

    text: str
    idx: list[int]
    section_id: int
    index: int  # sentence index within its section
    heading: bool


def _lines(text: str) -> list[tuple[int, int]]:
    """Non-empty lines as stripped [a, b) ranges of the normalized text."""
    out = []
    pos = 0
    for line in text.split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def _ends_final(s: str) -> bool:
    t = s.rstrip(_CLOSERS + " ")
    if not t:
        return True
    if s[-1] in ")）】" and t[-1] not in _INNER_PUNCT:
        return True  # (完), (记者 …)
    return t[-1] in _FINAL


def _is_heading(s: str) -> bool:
    if _LEAD.match(s):
        return False  # 本报讯 opens a paragraph, never a heading
    return len(s) <= _HEADING_MAX and not any(ch in _INNER_PUNCT for ch in s)


def blocks_of(text: str) -> list[Block]:
    """Paragraphs with page-break continuations joined."""
    paras = _lines(text)
    blocks: list[Block] = []
    pending: list[int] | None = None
    for a, b in paras:
        s = text[a:b]
        idx = list(range(a, b))
        if pending is not None:
            idx = pending + idx
            pending = None
        final = _ends_final(s)
        if not final and not (_is_heading(s) and len(idx) == b - a):
            pending = idx  # cut mid-sentence: continues in the next paragraph
            continue
        blocks.append(Block(idx, heading=not final and len(idx) == b - a))
    if pending is not None:
        blocks.append(Block(pending, heading=False))
    return blocks


def _split_sentences(text: str, idx: list[int]) -> list[tuple[str, list[int]]]:
    out = []
    start = 0
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        # an ASCII mark between Latin letters is part of a name, not an end (YES!IC, Yahoo!Japan: clts-sample6's
        # Chinese brief printed "IC作为…姐妹品牌，YES!" cut out of 《YES!IC作为…》)
        in_name = ch in "!?" and 0 < i < n - 1 and text[i - 1].isascii() and text[i - 1].isalpha() \
            and text[i + 1].isascii() and text[i + 1].isalpha()
        if (ch in _SENT_END and not in_name) or (ch == "…" and i + 1 < n and text[i + 1] == "…"):
            j = i + 1
            while j < n and (text[j] in _SENT_END or text[j] in _CLOSERS or text[j] == "…"):
                j += 1
            seg = text[start:j]
            if seg.strip():
                out.append((seg, idx[start:j]))
            start = j
            i = j
            continue
        i += 1
    if start < n and text[start:].strip():
        out.append((text[start:], idx[start:]))
    # trim surrounding spaces
    trimmed = []
    for seg, ids in out:
        a, b = 0, len(seg)
        while a < b and seg[a].isspace():
            a += 1
        while b > a and seg[b - 1].isspace():
            b -= 1
        trimmed.append((seg[a:b], ids[a:b]))
    return trimmed


@dataclass
class _Article:
    first: int  # index of first block
    entity: str | None
    heading: str


def _articles(text: str, blocks: list[Block]) -> list[_Article]:
    def btext(k: int) -> str:
        return _take(text, blocks[k].idx)

    leads = [k for k, b in enumerate(blocks) if not b.heading and _LEAD.match(btext(k))]
    arts: list[_Article] = []
    for k in leads:
        first = k
        while first - 1 >= 0 and blocks[first - 1].heading and (not arts or first - 1 > arts[-1].first):
            first -= 1
        run = [btext(j) for j in range(first, k)]
        entity = None
        heads = run
        for pos, line in enumerate(run):
            if _ENTITY.match(line) and not re.search(r"\d", line):
                entity = line
                if pos > 0 and not arts:
                    # lines before the entity are the release's own title: section 0
                    arts.append(_Article(first, None, " ".join(run[:pos])))
                    first += pos
                heads = run[pos + 1:]
                break
        arts.append(_Article(first, entity, " ".join(heads)))
    if not arts or arts[0].first > 0:
        head = btext(0) if blocks and blocks[0].heading else ""
        arts.insert(0, _Article(0, None, head))
    return arts


def _take(text: str, idx: list[int]) -> str:
    """Characters at the given indices; one slice when they are contiguous (the usual case)."""
    if idx and idx[-1] - idx[0] + 1 == len(idx):
        return text[idx[0]:idx[-1] + 1]
    return "".join(text[i] for i in idx)


def orig_text(norm: Norm, original: str, ids: list[int]) -> str:
    """Original characters behind normalized indices (page-break newlines left out)."""
    if isinstance(norm.starts, range):
        return _take(original, ids)
    out = []
    last = -1
    for i in ids:
        a, b = norm.starts[i], norm.ends[i]
        if a >= last:
            out.append(original[a:b])
            last = b
    return "".join(out)


def segment_norm(norm: Norm, original: str) -> tuple[tuple[Section, ...], list[Unit]]:
    text = norm.text
    blocks = blocks_of(text)
    if not blocks:
        return (), []
    arts = _articles(text, blocks)
    sections: list[Section] = []
    units: list[Unit] = []
    for sid, art in enumerate(arts):
        last = arts[sid + 1].first if sid + 1 < len(arts) else len(blocks)
        sents: list[Sentence] = []
        heads: list[str] = []
        for k in range(art.first, last):
            b = blocks[k]
            btxt = _take(text, b.idx)
            pieces = [(btxt, b.idx)] if b.heading else _split_sentences(btxt, b.idx)
            for seg, ids in pieces:
                if not ids:
                    continue
                start, end = norm.starts[ids[0]], norm.ends[ids[-1]]
                units.append(Unit(seg, ids, sid, len(sents), b.heading))
                clean = orig_text(norm, original, ids)
                sents.append(Sentence(start, end, original[start:end], sid, clean=clean))
                if b.heading and k < art.first + 4 and art.heading and seg in art.heading:
                    heads.append(clean)
        s_start = norm.starts[blocks[art.first].idx[0]]
        s_end = norm.ends[blocks[last - 1].idx[-1]]
        heading = " ".join(heads) if heads else art.heading
        sections.append(Section(sid, s_start, s_end, heading, art.entity, tuple(sents)))
    return tuple(sections), units


def segment(text: str) -> tuple[Section, ...]:
    """Split a release into sections (articles) and sentences with original offsets."""
    return segment_norm(normalize(text), text)[0]
