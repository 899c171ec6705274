"""`render` on a real batch result: the reference release through the pipeline with the tiny model.

Checks that the HTML is well formed and self-contained and that every number of the English
brief links to a metrics-table row quoting its Chinese source. The pack (and, when Chromium is
installed, a screenshot of it) is left in PRESSBRIEF_TEST_OUTPUT (default: test-output/).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pressbrief.eval.judge.english_numbers import parse_english_numbers
from pressbrief.service.batch import load_results, run_batch
from pressbrief.service.render import render_pack

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "examples" / "xinxiang-2024-12-27-business-environment.txt"
OUTPUT = Path(os.environ.get("PRESSBRIEF_TEST_OUTPUT") or ROOT / "test-output")
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"}


class Strict(HTMLParser):
    """Tag balance, ids, links, and the text of each table row and of the English brief."""
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.ids: list[str] = []
        self.rows: dict[str, dict] = {}
        self.row: str | None = None
        self.in_q = self.in_mark = 0
        self.brief_links: list[tuple[str, str]] = []
        self.brief_unlinked: list[str] = []
        self.section_title = ""
        self.in_h3 = False
        self.in_en_brief = False
        self.link: list | None = None
        self.fetches: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in VOID:
            self.stack.append(tag)
        if a.get("id"):
            self.ids.append(a["id"])
        for key in ("src", "href"):
            if a.get(key) and tag in ("img", "script", "link", "iframe", "source"):
                self.fetches.append(a[key])
        if tag == "tr" and a.get("id"):
            self.row = a["id"]
            self.rows[self.row] = {"quote": "", "mark": ""}
        if self.row and tag == "q":
            self.in_q += 1
        if self.row and tag == "mark":
            self.in_mark += 1
        if tag == "h3":
            self.in_h3 = True
            self.section_title = ""
        if self.in_en_brief and tag == "a" and "num" in a.get("class", ""):
            self.link = [a["href"][1:], ""]
        if self.in_en_brief and tag == "span" and "unlinked" in a.get("class", ""):
            self.brief_unlinked.append(a.get("class"))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()
        if tag == "tr":
            self.row = None
        if tag == "q" and self.in_q:
            self.in_q -= 1
        if tag == "mark" and self.in_mark:
            self.in_mark -= 1
        if tag == "h3":
            self.in_h3 = False
            self.in_en_brief = self.section_title == "Brief (English)"
        if tag == "section":
            self.in_en_brief = False
        if tag == "a" and self.link is not None:
            self.brief_links.append(tuple(self.link))
            self.link = None

    def handle_data(self, data):
        if self.in_h3:
            self.section_title += data
        if self.row and self.in_q:
            self.rows[self.row]["quote"] += data
        if self.row and self.in_mark:
            self.rows[self.row]["mark"] += data
        if self.link is not None:
            self.link[1] += data


@pytest.fixture(scope="module")
def reference_rows(tmp_path_factory) -> list[dict]:
    out = tmp_path_factory.mktemp("render") / "out.jsonl"
    mp = pytest.MonkeyPatch()
    # One token per candidate makes the guard fall back to the pipeline's template brief: a
    # deterministic English brief with numbers (the tiny model's random-weight text rarely has any).
    mp.setenv("PRESSBRIEF_MAX_NEW_TOKENS", "1")
    mp.setenv("PRESSBRIEF_MAX_CANDIDATES", "0")
    try:
        summary = run_batch([str(REFERENCE)], out, model="tiny-qwen2", quiet=True)
    finally:
        mp.undo()
    assert summary.succeeded == 1, load_results(out)
    return load_results(out)


def test_reference_pack_html(reference_rows: list[dict]) -> None:
    row = reference_rows[0]
    brief_en = row["result"]["brief_en"]
    assert brief_en and row["result"]["highlights"]
    html = render_pack(reference_rows, fmt="html", lang="both")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / "reference-pack.html").write_text(html, encoding="utf-8")
    p = Strict()
    p.feed(html)
    p.close()
    assert p.problems == [] and p.stack == [], p.problems[:5]
    assert len(p.ids) == len(set(p.ids))
    assert p.fetches == [] and "<script" not in html and "@import" not in html and "url(" not in html

    numbers = [n for n in parse_english_numbers(brief_en) if n.value is not None or n.date is not None]
    assert numbers, "the English brief has no numbers to check"
    assert p.brief_unlinked == []
    assert len(p.brief_links) == len(numbers), (p.brief_links, [n.text for n in numbers])
    for (anchor, text), n in zip(p.brief_links, numbers, strict=True):
        assert text == n.text
        assert anchor in p.rows, anchor  # the number's row is in the table ...
        quote = p.rows[anchor]["quote"]
        assert re.search(r"[\u4e00-\u9fff]", quote) and p.rows[anchor]["mark"], (text, quote)  # ... quoting it
        assert p.rows[anchor]["mark"] in row["text"].replace("\n", "")
    _screenshot(OUTPUT / "reference-pack.html", OUTPUT / "reference-pack.png")


def test_reference_pack_markdown(reference_rows: list[dict]) -> None:
    md = render_pack(reference_rows, fmt="md", lang="en")
    (OUTPUT / "reference-pack.md").write_text(md, encoding="utf-8")
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', md))
    targets = re.findall(r"\]\(#([^)]+)\)", md)
    assert targets and set(targets) <= anchors
    assert "⚠" not in md
    assert "| # | Metric | Value | Change | Rank | Period | Source (中文) |" in md


def _screenshot(page: Path, png: Path) -> None:
    """A picture of the pack for a person to look at (skipped quietly without Chromium)."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        return
    with tempfile.TemporaryDirectory(prefix="pressbrief-chromium-") as profile:
        subprocess.run(
            [
                exe,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--hide-scrollbars",
                "--window-size=1280,2400",
                f"--screenshot={png}",
                page.resolve().as_uri(),
            ],
            capture_output=True,
            timeout=60,
        )
    assert png.exists() and png.stat().st_size > 10_000
