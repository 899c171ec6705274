"""What a brief pack shows for one release, built from a batch row (format-independent)."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field

from pressbrief.service.brief.provenance import quote_sources
from pressbrief.service.numeric.glossary import vocabulary
from pressbrief.service.numeric.provinces import place_names

from .link import Link, link_en, link_zh
from .rows import MONTHS_EN, MetricRow, metric_row


@dataclass(frozen=True)
class SentenceView:
    """One brief sentence where it sits in the brief's text, with the release's words it rests on (quoted)."""

    start: int
    end: int
    quote: str  # the source sentence(s), joined with " … "; "" when the sentence has no sources


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
    sentences_en: list[SentenceView] = field(default_factory=list)
    sentences_zh: list[SentenceView] = field(default_factory=list)
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


def as_text(value: object) -> str | None:
    """A field of a row as the text a pack shows: a string as is, any other JSON value as its JSON (a list,
    a number, an object), None or "" as None."""
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


_URL_IGNORED = re.compile(r"[\x00-\x20\x7f]")  # what a browser drops from, or trims off, a URL


def safe_url(value: object) -> str | None:
    """The URL if it is an http(s) link (any case, after the spaces and control characters a browser would
    drop); None for anything else (javascript:, data:, a relative path, a list ...): no link is made."""
    if not isinstance(value, str):
        return None
    url = _URL_IGNORED.sub("", value)
    return url if re.match(r"https?://[^/?#]", url, re.I) else None


def _error(value: object) -> dict:
    err = value if isinstance(value, dict) else {"message": value} if value else {}
    return {"code": as_text(err.get("code")) or "error", "message": as_text(err.get("message")) or "no result"}


_HIGHLIGHT_TEXT = ("label", "label_en", "text", "period", "rendered_en", "unit", "kind", "entity", "date_iso")


def _clean_highlight(h: dict) -> dict:
    """A highlight whose text fields are text and whose change and rank are objects (a results file may
    have been edited by hand)."""
    clean = dict(h)
    for key in _HIGHLIGHT_TEXT:
        if key in clean and not isinstance(clean[key], str):
            clean[key] = as_text(clean[key])
    for key in ("change", "rank"):
        if not isinstance(clean.get(key), dict):
            clean[key] = None
    return clean


def failed_view(row: object, taken: set[str], exc: BaseException) -> ReleaseView:
    """What the pack shows for a row it could not show: its id and why, instead of failing the whole pack."""
    doc_id = as_text(row.get("id") if isinstance(row, dict) else None) or "(no id)"
    return ReleaseView(id=doc_id, anchor=slug(doc_id, taken), status="error", title=doc_id,
                       error={"code": "render_error", "message": f"this row could not be shown ({type(exc).__name__})"})


def build_view(row: dict, taken: set[str], *, extract=None) -> ReleaseView:
    """Turn one batch row into what the pack shows; ``extract`` finds cited non-highlight numbers. Every
    field that came from input is text here (``as_text``); the link only an http(s) URL (``safe_url``)."""
    meta = row.get("meta") if isinstance(row.get("meta"), dict) else {}
    meta = {key: as_text(value) for key, value in meta.items()}
    text = row.get("text") if isinstance(row.get("text"), str) else ""
    doc_id = as_text(row.get("id")) or ""
    anchor = slug(doc_id, taken)
    view = ReleaseView(
        id=doc_id,
        anchor=anchor,
        status=row.get("status") if row.get("status") == "ok" else "error",
        title=release_title(meta, text, doc_id),
        url=safe_url(meta.get("url")) or safe_url(meta.get("source_url")),
        date=release_date(meta, text),
    )
    if view.status != "ok":
        view.error = _error(row.get("error"))
        return view
    result = row.get("result") if isinstance(row.get("result"), dict) else {}
    highlights = [_clean_highlight(h) for h in result.get("highlights") or [] if isinstance(h, dict)]
    entities = Counter(h.get("entity") for h in highlights if isinstance(h.get("entity"), str) and h.get("entity"))
    view.entity = meta.get("entity") or (entities.most_common(1)[0][0] if entities else None)
    view.title_en = as_text(result.get("title_en")) or meta.get("title_en")
    view.entity_en = _entity_en(view.entity)
    view.brief_en, view.brief_zh = as_text(result.get("brief_en")), as_text(result.get("brief_zh"))
    view.brief_zh_hant = as_text(result.get("brief_zh_hant"))
    view.guard = result.get("guard") if isinstance(result.get("guard"), dict) else {}
    view.model = as_text(result.get("model"))
    precision = (row.get("checks") if isinstance(row.get("checks"), dict) else {}).get("number_precision")
    view.precision = precision if isinstance(precision, int | float) and not isinstance(precision, bool) else None
    view.rows = [metric_row(h, f"{anchor}-m{i}", i, text) for i, h in enumerate(highlights, 1)]
    view.links_en = link_en(view.brief_en or "", view.rows, text, anchor, extract=extract)
    view.links_zh = link_zh(view.brief_zh or "", view.rows)
    sentences = result.get("sentences") if isinstance(result.get("sentences"), dict) else {}
    view.sentences_en = sentence_views(view.brief_en or "", sentences.get("en"), text)
    view.sentences_zh = sentence_views(view.brief_zh or "", sentences.get("zh"), text)
    return view


def sentence_views(brief: str, items: object, text: str) -> list[SentenceView]:
    """Where each of a result's ``sentences`` sits in ``brief``, with its sources quoted from ``text``; a row
    edited by hand (an item that is no object, a source out of range, a sentence not in the brief) loses that
    item only."""
    out: list[SentenceView] = []
    pos = 0
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"]:
            continue
        at = brief.find(item["text"], pos)
        if at < 0:
            continue
        out.append(SentenceView(at, at + len(item["text"]), quote_sources(text, item.get("sources"))))
        pos = at + len(item["text"])
    return out


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
