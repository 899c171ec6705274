"""Split a release into chunks that fit the model's token budget, never dropping text silently.

Sections stay whole when they fit; a section over budget is split at sentence boundaries, and
a single sentence over budget at clause punctuation. Text beyond `max_chunks` is reported as
uncovered rather than cut off quietly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..numeric.types import Section


@dataclass(frozen=True)
class Chunk:
    index: int
    start: int
    end: int
    text: str
    section_ids: tuple[int, ...]


@dataclass(frozen=True)
class ChunkPlan:
    chunks: tuple[Chunk, ...]
    uncovered: tuple[tuple[int, int], ...]  # spans of the input no chunk covers
    total_chars: int

    def coverage_json(self, text: str) -> dict:
        covered = sum(c.end - c.start for c in self.chunks)
        return {
            "chunks": len(self.chunks),
            "covered_chars": covered,
            "total_chars": self.total_chars,
            "uncovered": [{"start": s, "end": e, "text": text[s:e][:200]} for s, e in self.uncovered],
        }


def _pieces(text: str, sections: tuple[Section, ...], fits: Callable[[str], bool]) -> list[tuple[int, int, int]]:
    """(start, end, section_id) pieces that each fit the budget, in order."""
    out: list[tuple[int, int, int]] = []
    for sec in sections:
        if fits(text[sec.start:sec.end]):
            out.append((sec.start, sec.end, sec.id))
            continue
        spans = [(s.start, s.end) for s in sec.sentences] or [(sec.start, sec.end)]
        if sec.sentences and sec.start < sec.sentences[0].start:
            spans.insert(0, (sec.start, sec.sentences[0].start))  # the heading
        for start, end in spans:
            if fits(text[start:end]):
                out.append((start, end, sec.id))
                continue
            # One sentence over budget: cut at clause marks, then hard at characters.
            cut = start
            for m in re.finditer(r"[，,；;：:]", text[start:end]):
                pos = start + m.end()
                if not fits(text[cut:pos]) and pos - cut > 1:
                    out.append((cut, pos, sec.id))
                    cut = pos
            while cut < end:
                step = end - cut
                while step > 1 and not fits(text[cut:cut + step]):
                    step = step // 2
                out.append((cut, cut + step, sec.id))
                cut += step
    return out


def plan_chunks(text: str, sections: tuple[Section, ...], count_tokens: Callable[[str], int],
                budget_tokens: int, max_chunks: int) -> ChunkPlan:
    def fits(piece: str) -> bool:
        return count_tokens(piece) <= budget_tokens

    if not sections:
        sections = (Section(id=0, start=0, end=len(text), heading=""),)
    pieces = _pieces(text, sections, fits)
    chunks: list[Chunk] = []
    cur: list[tuple[int, int, int]] = []

    def flush() -> None:
        if cur:
            start, end = cur[0][0], cur[-1][1]
            chunks.append(Chunk(len(chunks), start, end, text[start:end],
                                tuple(sorted({p[2] for p in cur}))))
            cur.clear()

    for piece in pieces:
        if cur and not fits(text[cur[0][0]:piece[1]]):
            flush()
        cur.append(piece)
    flush()
    uncovered: list[tuple[int, int]] = []
    if len(chunks) > max_chunks:
        dropped = chunks[max_chunks:]
        uncovered.append((dropped[0].start, dropped[-1].end))
        chunks = chunks[:max_chunks]
    # Gaps between chunks are whitespace between sections; anything else is reported.
    pos = 0
    for c in chunks:
        if text[pos:c.start].strip():
            uncovered.append((pos, c.start))
        pos = c.end
    if not uncovered or uncovered[0][0] < pos:
        if text[pos:].strip() and (not uncovered or uncovered[-1][1] < len(text)):
            uncovered.append((pos, len(text)))
    return ChunkPlan(tuple(chunks), tuple(sorted(set(uncovered))), len(text))
