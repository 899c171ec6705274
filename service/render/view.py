"""What a brief pack shows for one release, built from a batch row (format-independent)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from pressbrief.service.numeric.glossary import vocabulary
from pressbrief.service.numeric.provinces import place_names

from .link import Link, link_en, link_zh
from .rows import MONTHS_EN, MetricRow, metric_row


@dataclass
class ReleaseView:
    id: str
    anchor: str
    status: str
    title: str
    title_en: str | None = None  # translated and guarded by the pipeline (result.title_en)
    entity: str | None = None
    entity_en: str | None = None
    date: str | None = None
    url: str | None = None
    brief_en: str | None = None
    brief_zh: str | None = None
    brief_zh_hant: str | None = None
    links_en: list[Link] = field(default_factory=list)
    links_zh: list[Link] = field(default_factory=list)
    rows: list[MetricRow] = field(default_factory=list)
    guard: dict = field(default_factory=dict)
    precision: float | None = None
    model: str | None = None
    error: dict | None = None


def slug(text: str, taken: set[str]) -> str:
    """An HTML id from a document id: its file name (without suffix) for paths, made unique."""
    name = text.rstrip("/").rsplit("/", 1)[-1]
    name = re.sub(r"\.(txt|md|markdown|html?|text)$", "", name, flags=re.I) or text
    base = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower()[:48] or "release"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


_DATE_RE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def release_date(meta: dict, text: str) -> str | None:
    """The release's date: its metadata, else the first full date near the top of the text."""
    if meta.get("date"):
        return str(meta["date"])
    m = _DATE_RE.search(text[:600])
    if not m:
        return None
    year, month, day = m.group(1), int(m.group(2)), int(m.group(3))
    if not 1 <= month <= 12:
        return None
    return f"{day} {MONTHS_EN[month - 1]} {year}" if year else f"{day} {MONTHS_EN[month - 1]} (year not stated)"


def release_title(meta: dict, text: str, doc_id: str = "") -> str:
    if meta.get("title"):
        return str(meta["title"])
    if not text.strip() and doc_id:
        return doc_id
    for line in text.splitlines():
        if line.strip():
            line = line.strip()
            return line if len(line) <= 80 else line[:79] + "…"
    return "(untitled)"


def build_view(row: dict, taken: set[str], *, extract=None) -> ReleaseView:
    """Turn one batch row into what the pack shows; ``extract`` finds cited non-highlight numbers."""
    meta = row.get("meta") or {}
    text = row.get("text") or ""
    anchor = slug(str(row.get("id", "")), taken)
    view = ReleaseView(
        id=str(row.get("id")),
        anchor=anchor,
        status=row.get("status", "error"),
        title=release_title(meta, text, str(row.get("id", ""))),
        url=meta.get("url") or meta.get("source_url"),
        date=release_date(meta, text),
    )
    if view.status != "ok":
        view.error = row.get("error") or {"code": "error", "message": "no result"}
        return view
    result = row.get("result") or {}
    highlights = [h for h in result.get("highlights") or [] if isinstance(h, dict)]
    entities = Counter(h.get("entity") for h in highlights if h.get("entity"))
    view.entity = meta.get("entity") or (entities.most_common(1)[0][0] if entities else None)
    view.title_en = result.get("title_en") or meta.get("title_en")
    view.entity_en = _entity_en(view.entity)
    view.brief_en, view.brief_zh = result.get("brief_en"), result.get("brief_zh")
    view.brief_zh_hant = result.get("brief_zh_hant")
    view.guard = result.get("guard") or {}
    view.model = result.get("model")
    view.precision = (row.get("checks") or {}).get("number_precision")
    view.rows = [metric_row(h, f"{anchor}-m{i}", i, text) for i, h in enumerate(highlights, 1)]
    view.links_en = link_en(view.brief_en or "", view.rows, text, anchor, extract=extract)
    view.links_zh = link_zh(view.brief_zh or "", view.rows)
    return view


def _entity_en(entity: str | None) -> str | None:
    """The entity's English name from the glossary or the place table; None when it has none."""
    if not entity:
        return None

    return vocabulary().get(entity) or place_names(entity).get(entity)


def guard_notes(view: ReleaseView, *, checked: str = "numbers checked", warn: str = "") -> list[str]:
    """What the guard did and how faithful the English brief is, shared by the HTML and Markdown packs."""
    g = view.guard
    notes = []
    if g:
        notes.append(
            f"{g.get('checked', 0)} {checked}, {g.get('repaired', 0)} repaired, "
            f"{g.get('dropped', 0)} dropped" + (", template fallback" if g.get("fallback") else "")
        )
    if view.precision is not None:
        notes.append(f"number precision {view.precision:.0%}")
    unlinked = sum(1 for link in view.links_en if link.anchor is None)
    if unlinked:
        notes.append(f"{warn}{unlinked} number(s) in the English brief not found in the source")
    return notes
