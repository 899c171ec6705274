"""Faults on purpose against the brief packs (issue 26): hostile ids, urls, metadata of any JSON type, error
messages and results. The HTML pack is parsed as a browser would; the Markdown pack is rendered by a
CommonMark renderer (markdown-it-py, raw HTML on), and neither may carry script, an event handler or a
link other than http(s) and the pack's own anchors."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest

from pressbrief.service.render import render_pack

RELEASE = "新乡市今年新增商标注册10430件，同比增长25.72%，居全省第一。"
XSS = '<img src=x onerror=alert(1)><script>alert(2)</script>"\'`'
HOSTILE_URLS = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "   javascript:alert(1)", "java\tscript:alert(1)",
                "\x01javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
                "//evil.example/x", "https:alert(1)"]


def _ok(doc_id: str = "a", **meta: object) -> dict:
    return {"id": doc_id, "status": "ok", "text": RELEASE, "meta": meta,
            "result": {"brief_en": f"Registrations rose 25.72%. {XSS}", "brief_zh": f"增长25.72%。{XSS}",
                       "highlights": [], "guard": {"checked": XSS, "repaired": 0, "dropped": 0},
                       "model": XSS, "title_en": XSS}}


def _failed(doc_id: str = "bad", **meta: object) -> dict:
    return {"id": doc_id, "status": "error", "meta": meta, "error": {"code": XSS, "message": XSS}}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.style += data


def _assert_inert(html: str, allowed_tags: set[str] | None = None) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in ("script", "img", "iframe", "object", "embed", "form", "base"), (tag, attrs)
        assert allowed_tags is None or tag in allowed_tags, (tag, attrs)
        assert not [a for a in attrs if a.lower().startswith("on")], (tag, attrs)
        href = attrs.get("href")
        if href is not None:
            assert href.startswith("#") or re.match(r"https?://", href), href
    return parser


# --- severe 3: the HTML pack runs script ---------------------------------------------------------------
@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_the_html_pack_links_only_http_urls(url):
    html = render_pack([_ok(url=url), _failed(source_url=url)], fmt="html", extract=lambda t: [])
    _assert_inert(html)
    assert 'href="https://ok' in render_pack([_ok(url="  HTTPS://ok.example/p?q=1")], fmt="html",
                                             extract=lambda t: []).replace("HTTPS", "https")


def test_the_html_pack_escapes_every_input_field_and_has_a_strict_csp():
    rows = [_ok(XSS, title=XSS, entity=XSS, date=XSS, url='https://ok.example/"><script>alert(1)</script>'),
            _failed(XSS + "2", title=XSS)]
    html = render_pack(rows, fmt="html", title=XSS, extract=lambda t: [])
    parser = _assert_inert(html)
    csp = [attrs["content"] for tag, attrs in parser.tags
           if tag == "meta" and attrs.get("http-equiv", "").lower() == "content-security-policy"]
    assert len(csp) == 1 and "default-src 'none'" in csp[0] and "script-src 'none'" in csp[0], csp
    digest = base64.b64encode(hashlib.sha256(parser.style.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in csp[0]  # the pack's own stylesheet, and only it


@pytest.mark.parametrize("value", [["新乡", "郑州"], 42, 3.5, True, {"name": "新乡", "n": [1, 2]}])
def test_meta_of_any_json_type_renders_as_text(value):
    meta = {key: value for key in ("entity", "url", "title", "date", "source_url", "title_en")}
    rows = [_ok(**meta), _failed(**meta), {"id": ["x"], "status": "ok", "meta": value, "result": value,
                                           "text": value}]
    for fmt in ("html", "md"):
        pack = render_pack(rows, fmt=fmt, extract=lambda t: [])
        if isinstance(value, list):
            assert "新乡" in pack and "郑州" in pack


def test_a_row_that_cannot_be_shown_does_not_fail_the_pack():
    odd = {"id": "odd", "status": "ok", "text": RELEASE, "meta": {},
           "result": {"highlights": [{"label": ["x"], "text": 5, "change": "up", "rank": [1], "start": "0"}]}}
    for fmt in ("html", "md"):
        pack = render_pack([odd, _ok("fine")], fmt=fmt, extract=lambda t: [])
        assert "fine" in pack and "odd" in pack


# --- severe 4: the Markdown pack carries raw HTML --------------------------------------------------------
def _markdown_html(md: str) -> str:
    markdown_it = pytest.importorskip("markdown_it")
    return markdown_it.MarkdownIt("commonmark").render(md)


@pytest.mark.parametrize("doc_id", ["a`b`<img src=x onerror=alert(1)>", "x\n# heading <img src=x onerror=1>",
                                    "x\r<img src=x onerror=1>", "x\u2028y", XSS])
def test_the_markdown_pack_keeps_an_id_inside_its_code_span(doc_id):
    md = render_pack([_ok(doc_id), _failed(doc_id + "!")], fmt="md", extract=lambda t: [])
    html = _markdown_html(md)
    _assert_inert(html)
    assert "<h1>" in html and html.count("<h1>") == 1  # only the pack's title is a top heading
    assert not re.search(r"^#(?!# \d+\. )", md.split("\n", 1)[1], re.M)  # headings: the pack's own "## N."


@pytest.mark.parametrize("url", [*HOSTILE_URLS, "https://ok.example/a)b<img src=x onerror=1>", "https://ok.example/ x"])
def test_the_markdown_pack_links_only_http_urls_and_keeps_them_whole(url):
    md = render_pack([_ok(url=url)], fmt="md", extract=lambda t: [])
    html = _markdown_html(md)
    _assert_inert(html)
    links = re.findall(r'href="([^"]*)"', html)
    assert all(h.startswith("#") or h.startswith("https://ok.example/") for h in links), links


def test_every_markdown_field_from_input_is_inert():
    rows = [_ok("ok", title=XSS, entity=XSS, date=XSS), _failed("bad", title=XSS)]
    md = render_pack(rows, fmt="md", title=XSS, extract=lambda t: [])
    _assert_inert(_markdown_html(md), allowed_tags={"a", "h1", "h2", "p", "em", "strong", "code", "blockquote",
                                                    "ol", "li", "table", "thead", "tbody", "tr", "th", "td"})
