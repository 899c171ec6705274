"""JSON shapes of mentions, metrics and extractions (shared by CLI, API, briefs and batch)."""

from __future__ import annotations

from decimal import Decimal

from .render import render_mention
from .types import Change, Extraction, Mention, Metric, Rank, Section


def dec(d: Decimal | None) -> str | None:
    """Decimal as a plain string with the scale applied: 1262000000, 25.72 (never exponent form)."""
    if d is None:
        return None
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def rank_to_json(r: Rank | None) -> dict | None:
    if r is None:
        return None
    return {"position": r.position, "scope": r.scope, "scope_en": r.scope_en, "tier": r.tier}


def change_to_json(c: Change | None) -> dict | None:
    if c is None:
        return None
    return {"value": dec(c.value), "unit": c.unit, "direction": c.direction, "basis": c.basis}


def mention_to_json(m: Mention) -> dict:
    return {
        "text": m.text,
        "start": m.start,
        "end": m.end,
        "kind": m.kind,
        "value": dec(m.value),
        "upper": dec(m.upper),
        "unit": m.unit,
        "approx": m.approx,
        "direction": m.direction,
        "basis": m.basis,
        "rank": rank_to_json(m.rank),
        "date_iso": m.date_iso,
        "is_code": m.is_code,
        "section_id": m.section_id,
        "sentence_index": m.sentence_index,
        "rendered_en": render_mention(m),
    }


def metric_to_json(x: Metric) -> dict:
    out = mention_to_json(x.mention)
    out.update(
        {
            "label": x.label,
            "label_en": x.label_en,
            "untranslated": x.untranslated,
            "rendered_en": x.rendered_en,
            "entity": x.entity,
            "period": x.period,
            "change": change_to_json(x.change),
            "rank": rank_to_json(x.rank),
        }
    )
    return out


def section_to_json(s: Section) -> dict:
    return {
        "id": s.id,
        "start": s.start,
        "end": s.end,
        "heading": s.heading,
        "entity": s.entity,
        "sentences": [{"start": t.start, "end": t.end, "text": t.clean or t.text} for t in s.sentences],
    }


def extraction_to_json(x: Extraction) -> dict:
    return {
        "sections": [section_to_json(s) for s in x.sections],
        "metrics": [metric_to_json(m) for m in x.metrics],
        "mentions": [mention_to_json(m) for m in x.mentions],
        "stats": dict(x.stats),
    }
