"""Numeric mentions of a whole text, mapped back to original offsets."""

from __future__ import annotations

from .normalize import Norm, normalize
from .scan import Raw, scan
from .segment import Unit, segment_norm
from .types import Mention


def to_mention(raw: Raw, unit: Unit, norm: Norm, original: str) -> Mention:
    start = norm.starts[unit.idx[raw.i]]
    end = norm.ends[unit.idx[raw.j - 1]]
    return Mention(
        text=original[start:end],
        start=start,
        end=end,
        kind=raw.kind,  # type: ignore[arg-type]
        value=raw.value,
        unit=raw.unit,
        approx=raw.approx,  # type: ignore[arg-type]
        upper=raw.upper,
        direction=raw.direction,  # type: ignore[arg-type]
        basis=raw.basis,
        rank=raw.rank,
        is_code=raw.is_code,
        section_id=unit.section_id,
        sentence_index=unit.index,
        date_iso=raw.date_iso,
    )


def mentions_of_units(units: list[Unit], norm: Norm, original: str) -> list[tuple[Mention, Raw, Unit]]:
    out = []
    for u in units:
        for raw in scan(u.text):
            out.append((to_mention(raw, u, norm, original), raw, u))
    return out


def parse_mentions(text: str) -> list[Mention]:
    """Every numeric mention of a text (a release or a short brief), codes included.

    Works on Simplified and Traditional Chinese and on text without headings; offsets point
    into ``text``.
    """
    if not text or not text.strip():
        return []
    norm = normalize(text)
    _, units = segment_norm(norm, text)
    return [m for m, _, _ in mentions_of_units(units, norm, text)]
