"""The brief pack as Markdown (GitHub-flavoured tables; numbers link to their table rows)."""

from __future__ import annotations

import re

from .link import Link, shift_links
from .rows import MetricRow
from .view import ReleaseView, SentenceView, guard_notes

# One rule for every field from input (text, id, url, meta, error messages): on one line (line breaks and
# control characters are spaces), Markdown's and HTML's specials backslash-escaped, a line start that would
# open a list, a quote or a heading escaped. No raw HTML from input reaches the pack.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&!~])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_BLOCK_START = re.compile(r"^(\s*)(\d{1,9}(?=[.)](?:\s|$))|)([-+=.)])(?=[\s=-]|$)")  # "- x", "1. x", "==="
# a URL's characters that could end a link destination or open HTML: percent-encoded
_URL_UNSAFE = re.compile(r"[^A-Za-z0-9\-._~:/?#@!$&*+,;=%]")


def _esc(text: str | None) -> str:
    flat = _CONTROL.sub(" ", text or "")
    return _BLOCK_START.sub(r"\1\2\\\3", _MD_SPECIAL.sub(r"\\\1", flat))


def _code(text: str) -> str:
    """``text`` as an inline code span, whatever backticks it holds (a longer fence, padded); one line."""
    flat = _CONTROL.sub(" ", text)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    pad = " " if flat.startswith(("`", " ")) or flat.endswith(("`", " ")) else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def _link_target(url: str) -> str:
    """An http(s) URL (view.safe_url) as a link destination: anything that could end it percent-encoded."""
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8", "replace")), url)


def _linked(text: str, links: list[Link]) -> str:
    out, pos = [], 0
    for link in sorted(links, key=lambda x: x.start):
        if link.start < pos:
            continue
        out.append(_esc_para(text[pos : link.start]))
        inner = _esc(text[link.start : link.end])
        out.append(f"[{inner}](#{link.anchor})" if link.anchor else f"{inner}⚠")
        pos = link.end
    out.append(_esc_para(text[pos:]))
    return "".join(out)


def _esc_para(text: str) -> str:
    return "\n\n".join(_esc(p) for p in re.split(r"\r\n|[\r\n\u2028\u2029]", text))


def _with_footnotes(text: str, links: list[Link], sentences: list[SentenceView], key: str) -> tuple[str, list[str]]:
    """The brief with a numbered footnote after each sentence, and the footnotes quoting the Chinese it rests on."""
    if not text or not sentences:
        return _linked(text, links), []
    out, notes, pos = [], [], 0
    for i, s in enumerate(sentences, 1):
        out.append(_linked(text[pos:s.end], shift_links(links, pos, s.end)))
        if s.quote:
            out.append(f"[^{key}{i}]")
            notes.append(f"[^{key}{i}]: 「{_esc(s.quote)}」")
        pos = s.end
    out.append(_linked(text[pos:], shift_links(links, pos, len(text))))
    return "".join(out), notes


def _row(r: MetricRow, lang: str) -> str:
    before, number, after = r.quote
    source = f"「{_esc(before)}**{_esc(number)}**{_esc(after)}」" if number else "—"
    if lang == "zh":
        label, value = _esc(r.label), _esc(r.value_zh)
    else:
        label, value = _esc(r.label_en or r.label), _esc(r.value_en)
        if r.label and (lang == "both" or not r.label_en):
            label += f" ({_esc(r.label)})" if r.label_en else ""
    n = f'<a id="{r.anchor}"></a>{r.number}{"*" if r.cited else ""}'
    period = r.period if lang == "zh" else r.period_en
    return f"| {n} | {label} | {value} | {_esc(r.change)} | {_esc(r.rank)} | {_esc(period)} | {source} |"


def _release(i: int, v: ReleaseView, lang: str) -> list[str]:
    lines = [f'<a id="{v.anchor}"></a>', f"## {i}. {_esc(v.title)}", ""]
    by = [p for p in (v.entity and _esc(v.entity), v.date and _esc(v.date)) if p]
    if v.url:  # http(s) only (view.safe_url)
        by.append(f"[source](<{_link_target(v.url)}>)")
    by.append(_code(v.id))
    lines += [" · ".join(by), ""]
    if v.status != "ok":
        err = v.error or {}
        lines += [
            f"> **Not summarized** ({_esc(str(err.get('code', 'error')))}): {_esc(str(err.get('message', '')))}",
            "",
        ]
        return lines
    notes: list[str] = []
    if lang in ("en", "both"):
        body, more = _with_footnotes(v.brief_en or "", v.links_en, v.sentences_en, f"{v.anchor}-en-")
        notes += more
        lines += ["**Brief (English)**", "", body or "_No English brief._", ""]
    if lang in ("zh", "both"):
        body, more = _with_footnotes(v.brief_zh or "", v.links_zh, v.sentences_zh, f"{v.anchor}-zh-")
        notes += more
        lines += ["**简报（中文）**", "", body or "_无中文简报。_", ""]
    if notes:
        lines += [*notes, ""]
    if v.rows:
        lines += [
            "| # | Metric | Value | Change | Rank | Period | Source (中文) |",
            "|---|---|---|---|---|---|---|",
        ]
        lines += [_row(r, lang) for r in v.rows]
        lines.append("")
        if any(r.cited for r in v.rows):
            lines += ["\\* cited in the brief, not among the highlights.", ""]
    else:
        lines += ["_No metrics found in this release._", ""]
    notes = guard_notes(v, warn="⚠ ")
    if notes:
        lines += ["_" + _esc("; ".join(notes)) + "._", ""]
    return lines


def render_md(
    views: list[ReleaseView],
    *,
    lang: str = "en",
    title: str = "Press-release brief pack",
    generated: str = "",
    source: str = "",
) -> str:
    ok = sum(1 for v in views if v.status == "ok")
    sub = f"{len(views)} release(s), {ok} summarized"
    if generated:
        sub += f" · generated {generated}"
    if source:
        sub += f" · from {_code(source)}"
    lines = [
        f"# {_esc(title)}",
        "",
        f"_{sub}_",
        "",
        "Every number in a brief links to its row in the metrics table, which quotes the Chinese phrase it came from; "
        "each sentence's footnote quotes the Chinese sentence(s) it rests on.",
        "",
    ]
    lines += [
        f"{i}. [{_esc(v.title)}](#{v.anchor})" + ("" if v.status == "ok" else " _(not summarized)_")
        for i, v in enumerate(views, 1)
    ]
    lines.append("")
    for i, v in enumerate(views, 1):
        try:
            lines += _release(i, v, lang)
        except Exception as exc:  # noqa: BLE001 - one odd row never fails the pack
            lines += [f'<a id="{v.anchor}"></a>', f"## {i}. {_esc(v.id)}", "",
                      f"> **Not shown**: this row could not be rendered ({type(exc).__name__}).", ""]
    return "\n".join(lines).rstrip() + "\n"
