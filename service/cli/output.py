"""Printing results for people: plain-text views of briefs and highlights."""

from __future__ import annotations

import json
import sys

from ..brief.labels import is_metric_name
from ..brief.provenance import quote_sources
from ..numeric import extraction_to_json
from ..numeric.render import render_en
from ..numeric.types import Extraction


def print_json(obj: object) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def highlights_table(highlights: list[dict]) -> str:
    rows = [("label", "value (English)", "source", "change / rank")]
    for h in highlights:
        extra = []
        if h.get("change"):
            c = h["change"]
            extra.append(" ".join(str(x) for x in (c.get("direction"), f"{c.get('value')}{c.get('unit') or ''}",
                                                    c.get("basis")) if x))
        if h.get("rank") and h["rank"].get("position"):
            scope = h["rank"].get("scope_en") or h["rank"].get("scope") or ""
            extra.append(f"#{h['rank']['position']} {scope}".strip())
        rows.append((h.get("label_en") or h.get("label") or "", h.get("rendered_en") or "", h.get("text") or "",
                     "; ".join(extra)))
    widths = [min(34, max(_width(r[i]) for r in rows)) for i in range(4)]
    lines = []
    for n, r in enumerate(rows):
        lines.append("  ".join(_pad(str(c), widths[i]) for i, c in enumerate(r)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def extraction_table(x: Extraction, style: str = "rmb", mentions: bool = False) -> str:
    """`pressbrief extract`'s table: one row per metric (or per mention with ``mentions``), then counts."""

    rows = [("sec", "text", "kind", "value", "unit", "label", "English")]
    items = x.mentions if mentions else [m.mention for m in x.metrics]
    by_start = {(m.mention.start, m.mention.end): m for m in x.metrics}
    for m in items:
        metric = by_start.get((m.start, m.end))
        label = metric.label if metric else "(code)"
        english = render_en(metric, style) if metric else render_en(m, style)
        value = "" if m.value is None else format(m.value, "f")
        text = m.text.replace("\n", " ")
        rows.append((str(m.section_id), text, m.kind, value, m.unit or "", label, english))
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for r in rows:
        cells = [c + " " * (w - _width(c)) for c, w in zip(r, widths, strict=False)]
        lines.append("  ".join(cells + [r[-1]]))
    lines.append(f"\n{len(x.metrics)} metrics, {x.stats['codes']} codes, {len(x.sections)} sections")
    missing = untranslated_labels(x)
    if missing:
        lines.append(f"labels with no English term ({len(missing)}; add them to your own glossary, "
                     f"--glossary FILE or PRESSBRIEF_GLOSSARY): {', '.join(missing)}")
    return "\n".join(lines)


def untranslated_labels(x: Extraction) -> list[str]:
    """Metric labels the glossary has no English for, in source order, once each; labels that name no
    metric (a place, a person, a piece of a clause: service/brief/labels.py) are left out, as they are
    never used as labels."""

    return list(dict.fromkeys(m.label for m in x.metrics if m.label and not m.label_en and is_metric_name(m.label)))


def extraction_json(x: Extraction, style: str = "rmb", mentions: bool = False) -> dict:
    """`pressbrief extract --json`: the core's JSON, English in ``style``, codes only with ``mentions``."""

    data = extraction_to_json(x)
    if style != "rmb":
        for item, metric in zip(data["metrics"], x.metrics, strict=True):
            item["rendered_en"] = render_en(metric, style)
    if not mentions:
        data.pop("mentions")
    data["untranslated_labels"] = untranslated_labels(x)
    return data


def models_table(rows: list[dict]) -> str:
    """`pressbrief models list`: one line per registry entry (``models.status.registry_rows``)."""
    lines = [f"{'name':30} {'family':16} {'tasks':18} {'licence':18} status"]
    for r in rows:
        name = r["name"] + (" *" if r["default"] else "")
        lines.append(f"{name:30} {r['family']:16} {','.join(r['tasks']):18} {r['licence'][:18]:18} {r['status']}")
        if r["licence_note"]:
            lines.append(f"{'':30} note: {r['licence_note']}")
    lines.append("\n* default model")
    return "\n".join(lines)


def _width(s: str) -> int:
    """Display width: CJK characters take two columns in a terminal."""
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    while _width(s) > width:
        s = s[:-2] + "…"
    return s + " " * (width - _width(s))


def _sources(items: list[dict], text: str) -> str:
    """Each sentence's number and the release's words it rests on."""
    lines = []
    for i, item in enumerate(items, 1):
        quote = quote_sources(text, item["sources"])
        lines.append(f"  [{i}] {quote or '(no source sentence)'}")
    return "\n".join(lines)


def brief_text(result: dict, text: str | None = None) -> str:
    """The result as a person reads it; with the release ``text``, each brief's sentences' sources quoted."""
    parts = []
    for key, lang, title in (("brief_zh", "zh", "Chinese brief (简体)"),
                             ("brief_zh_hant", "zh-Hant", "Traditional Chinese (繁體)"),
                             ("brief_en", "en", "English brief")):
        if result.get(key) is not None:
            head = f"== {title} ==\n"
            if key == "brief_en" and result.get("title_en"):
                head += f"Title: {result['title_en']}\n"
            items = (result.get("sentences") or {}).get(lang) or []
            if text is not None and items and lang != "zh-Hant":
                numbered = " ".join(f"{s['text']}[{i}]" for i, s in enumerate(items, 1)) if lang == "en" else \
                    "".join(f"{s['text']}[{i}]" for i, s in enumerate(items, 1))
                parts.append(head + numbered + "\nSources in the release:\n" + _sources(items, text))
            else:
                parts.append(head + result[key])
    parts.append(f"== Metric highlights ==\n{highlights_table(result['highlights'])}")
    g = result["guard"]
    parts.append(f"== Guard ==\nchecked {g['checked']} numbers, repaired {g['repaired']}, dropped {g['dropped']} "
                 f"sentences, fallback {'yes' if g['fallback'] else 'no'}, candidates {g['candidates']}"
                 + (f"; names: {g['names_checked']} traced to the source, {g.get('names_dropped', 0)} sentences "
                    f"dropped for a name, {g.get('claims_dropped', 0)} for a reversed claim"
                    if "names_checked" in g else ""))
    cov = result["coverage"]
    note = "all text covered" if not cov["uncovered"] else f"NOT COVERED: {len(cov['uncovered'])} span(s)"
    shown = cov.get("model_shown")
    if shown and "evidence_units" in shown:
        parts.append(f"== Coverage ==\nthe core read all {cov['total_chars']} characters, {note}; the model was shown "
                     f"{shown['evidence_units']} evidence units ({shown['chars']} of {shown['of_chars']} characters)")
    elif shown:
        # the core reads the whole release; the model is shown a digest of it within a token budget
        seen = "the whole release" if shown["whole"] else (
            f"a digest of {shown['chars']} of {shown['of_chars']} characters ({shown['tokens']} tokens, "
            f"budget {shown['budget_tokens']}; {shown['sections']} of {shown['of_sections']} sections)")
        missing = shown.get("sections_not_shown") or []
        parts.append(f"== Coverage ==\nthe core read all {cov['total_chars']} characters, {note}; the model was shown "
                     f"{seen}" + (f"; sections not shown: {', '.join(missing)}" if missing else ""))
    else:
        parts.append(f"== Coverage ==\n{cov['chunks']} chunk(s), {note}")
    t = result["timing"]
    parts.append(f"== Timing ==\n{t['total_s']:.1f} s total (prefill {t['prefill_s']:.1f} s, "
                 f"decode {t['decode_s']:.1f} s,"
                 f" {t['decode_tokens']} tokens at {t['decode_tokens_per_s'] or 0} tok/s; model {result['model']},"
                 f" runtime {t['runtime']})")
    return "\n\n".join(parts)
