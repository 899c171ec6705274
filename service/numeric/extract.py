"""extract(): sections, every numeric mention and the metrics of a release."""

from __future__ import annotations

import time
from dataclasses import replace

from ..inputs import check_text
from .glossary import glossary_lookup
from .link import link_sentence
from .mentions import mentions_of_units
from .normalize import normalize
from .provinces import province_of
from .render import render_en, scope_en
from .segment import segment_norm
from .types import Extraction, Mention, Metric, Rank


def _with_scope_en(rank: Rank | None, province: str | None) -> Rank | None:
    if rank is None or rank.scope_en:
        return rank
    return replace(rank, scope_en=scope_en(rank.scope, province))


def extract(text: str, *, max_chars: int | None = None) -> Extraction:
    """Find, parse and link every numeric mention of a release.

    Raises InputError for empty text and InputTooLarge above PRESSBRIEF_MAX_INPUT_CHARS.
    """
    if not isinstance(text, str):
        raise TypeError("extract() takes str; decode bytes with pressbrief.service.inputs.decode_text")
    check_text(text, "input", max_chars)
    t0 = time.perf_counter()
    norm = normalize(text)
    sections, units = segment_norm(norm, text)
    province = province_of(norm.text)
    found = mentions_of_units(units, norm, text)
    entity_of = {s.id: s.entity for s in sections}
    entities = tuple(sorted({e for e in entity_of.values() if e}, key=len, reverse=True))

    mentions: list[Mention] = []
    metrics: list[Metric] = []
    by_unit: dict[int, list[int]] = {}
    for k, (_, _, u) in enumerate(found):
        by_unit.setdefault(id(u), []).append(k)
    for ks in by_unit.values():
        u = found[ks[0]][2]
        links = link_sentence(u.text, [found[k][1] for k in ks], entities)
        for k, link in zip(ks, links, strict=True):
            m = found[k][0]
            if m.rank is not None:
                m = replace(m, rank=_with_scope_en(m.rank, province))
            mentions.append(m)
            if m.is_code:
                continue
            rank = _with_scope_en(link.rank, province) if link.rank is not None else None
            label_en = glossary_lookup(link.label) if link.label else None
            metric = Metric(
                mention=m,
                label=link.label,
                label_en=label_en,
                rendered_en="",
                period=link.period,
                change=link.change,
                rank=rank,
                entity=entity_of.get(m.section_id),
                untranslated=bool(link.label) and label_en is None,
            )
            metrics.append(replace(metric, rendered_en=render_en(metric)))
    mentions.sort(key=lambda m: (m.start, m.end))
    metrics.sort(key=lambda x: (x.mention.start, x.mention.end))
    stats = {
        "chars": len(text),
        "sections": len(sections),
        "sentences": sum(len(s.sentences) for s in sections),
        "mentions": len(mentions),
        "codes": sum(1 for m in mentions if m.is_code),
        "metrics": len(metrics),
        "province": province,
        "elapsed_ms": round((time.perf_counter() - t0) * 1000, 3),
    }
    return Extraction(
        text=text, sections=sections, mentions=tuple(mentions), metrics=tuple(metrics), stats=stats
    )
