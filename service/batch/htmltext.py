"""Plain text and a little metadata from a saved HTML press-release page (stdlib parser only)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP = {"script", "style", "noscript", "template", "svg", "head", "nav", "footer", "iframe", "form"}
_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
    "dl",
    "figcaption",
    "td",
    "th",
}
_DATE_META = ("article:published_time", "pubdate", "publishdate", "date", "dc.date", "published_time")


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.in_title = False
        self.title = ""
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "title":
            self.in_title = True
        elif tag == "meta":
            name = (a.get("name") or a.get("property") or "").lower()
            if name in _DATE_META and a.get("content"):
                self.meta.setdefault("date", a["content"].strip())
            elif name in ("og:url",) and a.get("content"):
                self.meta.setdefault("url", a["content"].strip())
            elif name in ("og:title",) and a.get("content"):
                self.meta.setdefault("title", a["content"].strip())
        elif tag == "link" and a.get("rel", "").lower() == "canonical" and a.get("href"):
            self.meta["url"] = a["href"].strip()
        if tag in _SKIP and tag != "head":
            self.skip_depth += 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIP and tag != "head" and self.skip_depth:
            self.skip_depth -= 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
            return
        if not self.skip_depth:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, dict]:
    """Return the page's visible text (one paragraph a line) and metadata (title, date, url)."""
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ").replace("\u3000", " ")
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    text = "\n".join(line for line in lines if line)
    meta = dict(parser.meta)
    title = re.sub(r"\s+", " ", parser.title).strip()
    if title:
        meta.setdefault("title", title)
    return text, meta
