"""The brief pack as one self-contained HTML file: inline CSS, no scripts, no external requests."""

from __future__ import annotations

import base64
import hashlib
from html import escape
from importlib import resources

from .link import Link, shift_links
from .rows import MetricRow
from .view import ReleaseView, SentenceView, guard_notes


def _css() -> str:
    return resources.files(__package__).joinpath("pack.css").read_text(encoding="utf-8")


def pack_csp(css: str) -> str:
    """The pack's Content-Security-Policy: no script at all, no request anywhere, its one stylesheet by hash."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()
    return (f"default-src 'none'; script-src 'none'; style-src 'sha256-{digest}'; img-src data:; "
            "base-uri 'none'; form-action 'none'")


def _linked(text: str, links: list[Link]) -> str:
    """Escape ``text`` with each linked number turned into an anchor to its table row."""
    out, pos = [], 0
    for link in sorted(links, key=lambda x: x.start):
        if link.start < pos:
            continue
        out.append(escape(text[pos : link.start]))
        inner = escape(text[link.start : link.end])
        if link.anchor:
            row_no = link.anchor.rsplit("-m", 1)[-1]
            out.append(f'<a class="num" href="#{link.anchor}" data-row="{row_no}">{inner}</a>')
        else:
            out.append(f'<span class="num unlinked" title="not found in the source">{inner}</span>')
        pos = link.end
    out.append(escape(text[pos:]))
    return "".join(out)


def _paragraphs(text: str, links: list[Link], lang: str) -> str:
    if not text:
        return '<p class="empty">No brief in this language.</p>'
    html = _linked(text, links)
    parts = [p.strip() for p in html.split("\n") if p.strip()]
    return "".join(f'<p lang="{lang}">{p}</p>' for p in parts)


def _with_sources(text: str, links: list[Link], sentences: list[SentenceView], anchor: str) -> str:
    """The brief with a marker after each sentence: hovering shows the Chinese it rests on (``title``), the
    marker links to the same quote in the brief's source notes (no script: the pack runs none)."""
    out, pos = [], 0
    for i, s in enumerate(sentences, 1):
        out.append(_linked(text[pos:s.start], shift_links(links, pos, s.start)))
        out.append(_linked(text[s.start:s.end], shift_links(links, s.start, s.end)))
        if s.quote:
            out.append(f'<sup class="src-mark"><a href="#{anchor}-{i}" title="{escape(s.quote, quote=True)}">'
                       f"[{i}]</a></sup>")
        else:
            out.append('<sup class="src-mark none" title="no source sentence recorded">[–]</sup>')
        pos = s.end
    out.append(_linked(text[pos:], shift_links(links, pos, len(text))))
    return "".join(out)


def _source_notes(sentences: list[SentenceView], anchor: str) -> str:
    items = "".join(f'<li id="{anchor}-{i}"><q lang="zh-Hans">{escape(s.quote)}</q></li>'
                    for i, s in enumerate(sentences, 1) if s.quote)
    return f'<ol class="sources" aria-label="Source sentences">{items}</ol>' if items else ""


def _brief(title: str, text: str | None, links: list[Link], lang: str,
           sentences: list[SentenceView] | None = None, anchor: str = "") -> str:
    if text and sentences:
        body = _with_sources(text, links, sentences, anchor)
        paragraphs = "".join(f'<p lang="{lang}">{p.strip()}</p>' for p in body.split("\n") if p.strip())
        return (f'<section class="brief"><h3>{escape(title)}</h3>{paragraphs}'
                f"{_source_notes(sentences, anchor)}</section>")
    return f'<section class="brief"><h3>{escape(title)}</h3>{_paragraphs(text or "", links, lang)}</section>'


def _label_en(r: MetricRow) -> str:
    """The glossary's term, else a dash: a word-by-word dictionary gloss is no metric name an investor reads
    ("furnish nick" for 缺口), and the Chinese phrase is quoted in the row's source column either way."""

    if r.label_en:
        return escape(r.label_en)
    return '<span class="empty">—</span>'


def _row(r: MetricRow, lang: str) -> str:
    before, number, after = r.quote
    source = (
        f'<q lang="zh-Hans">{escape(before)}<mark>{escape(number)}</mark>{escape(after)}</q>'
        if number
        else '<span class="empty">—</span>'
    )
    if lang == "zh":
        label = f'<span lang="zh-Hans">{escape(r.label)}</span>'
    else:
        label = _label_en(r)
        if r.label and r.label_en and lang == "both":
            label += f'<span class="zh-label" lang="zh-Hans">{escape(r.label)}</span>'
    value = escape(r.value_zh) if lang == "zh" else escape(r.value_en)
    cls = ' class="cited"' if r.cited else ""
    return (
        f'<tr id="{r.anchor}"{cls}><td class="n">{r.number}</td><td class="label">{label}</td>'
        f'<td class="value">{value}</td><td>{escape(r.change)}</td><td>{escape(r.rank)}</td>'
        f'<td>{escape(r.period if lang == "zh" else r.period_en)}</td><td class="src">{source}</td></tr>'
    )


def _table(view: ReleaseView, lang: str) -> str:
    if not view.rows:
        return '<p class="empty">No metrics found in this release.</p>'
    source_head = "Source (中文)" if lang == "zh" else "Source (Chinese)"
    head = "".join(f"<th>{h}</th>" for h in ("#", "Metric", "Value", "Change", "Rank", "Period", source_head))
    body = "".join(_row(r, lang) for r in view.rows)
    note = ""
    if any(r.cited for r in view.rows):
        note = '<p class="footnote">* cited in the brief, not among the highlights.</p>'
    if lang != "zh" and any(not r.label_en for r in view.rows):
        note += ('<p class="footnote">A dash: no glossary term names the metric (a word-by-word dictionary gloss '
                 "would mislead); the Chinese phrase is quoted in the last column.</p>")
    return f'<table class="metrics"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{note}'


def _byline(view: ReleaseView, lang: str = "en") -> str:
    parts = []
    if view.entity and lang == "zh":
        parts.append(f'<span lang="zh-Hans">{escape(view.entity)}</span>')
    elif view.entity_en:
        parts.append(escape(view.entity_en))
    if view.date:
        parts.append(escape(view.date))
    if view.url:  # http(s) only (view.safe_url)
        parts.append(f'<a href="{escape(view.url, quote=True)}" rel="noopener noreferrer">source</a>')
    parts.append(f"<code>{escape(view.id)}</code>")
    return '<p class="byline">' + '<span class="sep">·</span>'.join(parts) + "</p>"


def _guard(view: ReleaseView) -> str:
    bits = [escape(b) for b in guard_notes(view, checked="numbers checked against the source")]
    if view.model:
        bits.append(f"model {escape(view.model)}")
    return f'<p class="guard">{"; ".join(bits)}.</p>' if bits else ""


def _title(view: ReleaseView, lang: str) -> str:
    """English packs: the title in English (translated and guarded by the pipeline) with the Chinese on
    its own line; Chinese packs: the Chinese title."""
    if lang == "zh":
        return f'<h2 lang="zh-Hans">{escape(view.title)}</h2>'
    english = escape(view.title_en) if view.title_en else '<span class="empty">(no English title)</span>'
    return f'<h2 lang="en">{english}</h2><p class="title-zh" lang="zh-Hans">{escape(view.title)}</p>'


def _toc_title(view: ReleaseView, lang: str) -> str:
    if lang == "zh" or not view.title_en:
        return f'<span lang="zh-Hans">{escape(view.title)}</span>' if lang == "zh" else escape(view.id)
    return escape(view.title_en)


def _release(view: ReleaseView, lang: str) -> str:
    try:
        return _article(view, lang)
    except Exception as exc:  # noqa: BLE001 - one odd row never fails the pack
        return (f'<article class="release failed" id="{view.anchor}"><h2>{escape(view.id)}</h2>'
                f'<p class="reason">Not shown: this row could not be rendered ({escape(type(exc).__name__)}).</p>'
                "</article>")


def _article(view: ReleaseView, lang: str) -> str:
    head = f"{_title(view, lang)}{_byline(view, lang)}"
    if view.status != "ok":
        err = view.error or {}
        return (
            f'<article class="release failed" id="{view.anchor}">{head}'
            f'<p class="reason">Not summarized ({escape(str(err.get("code", "error")))}): '
            f"{escape(str(err.get('message', '')))}</p></article>"
        )
    briefs = []
    if lang in ("en", "both"):
        briefs.append(_brief("Brief (English)", view.brief_en, view.links_en, "en", view.sentences_en,
                             f"{view.anchor}-en-s"))
    if lang in ("zh", "both"):
        briefs.append(_brief("简报（中文）", view.brief_zh, view.links_zh, "zh-Hans", view.sentences_zh,
                             f"{view.anchor}-zh-s"))
    grid = "briefs both" if len(briefs) == 2 else "briefs"
    return (
        f'<article class="release" id="{view.anchor}">{head}<div class="{grid}">{"".join(briefs)}</div>'
        f"{_table(view, lang)}{_guard(view)}</article>"
    )


def render_html(
    views: list[ReleaseView],
    *,
    lang: str = "en",
    title: str = "Press-release brief pack",
    generated: str = "",
    source: str = "",
) -> str:
    ok = sum(1 for v in views if v.status == "ok")
    toc = "".join(
        f'<li><a href="#{v.anchor}">{_toc_title(v, lang)}</a>'
        + ("" if v.status == "ok" else " <em>(not summarized)</em>")
        + "</li>"
        for v in views
    )
    sub = f"{len(views)} release(s), {ok} summarized"
    if generated:
        sub += f" · generated {escape(generated)}"
    if source:
        sub += f" · from <code>{escape(source)}</code>"
    css = _css()
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{pack_csp(css)}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{css}</style></head><body>"
        f'<header class="pack"><h1>{escape(title)}</h1><p>{sub}</p>'
        "<p>Every number in a brief links to its row in the metrics table, which quotes the Chinese "
        "phrase it came from; the mark after each sentence shows (on hover) and links to the Chinese "
        "sentence(s) it rests on.</p></header>"
        f'<nav class="toc"><strong>Releases</strong><ol>{toc}</ol></nav>'
        + "".join(_release(v, lang) for v in views)
        + '<footer class="pack">Generated by pressbrief. Figures are quoted from the source releases; '
        "table values are rendered from the source by rule, not by the model.</footer></body></html>\n"
    )
