"""Brief packs from hand-made batch rows: linking, source quotes, HTML/Markdown, CLI."""

from __future__ import annotations

import argparse
import json
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pressbrief.service.render import render_pack
from pressbrief.service.render.quote import quote
from pressbrief.service.render.rows import row_values

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "examples" / "xinxiang-2024-12-27-business-environment.txt"


def hl(text: str, needle: str, **kw) -> dict:
    start = text.index(needle)
    base = {
        "text": needle,
        "start": start,
        "end": start + len(needle),
        "kind": "count",
        "value": None,
        "unit": None,
        "approx": None,
        "label": "",
        "label_en": None,
        "rendered_en": needle,
        "change": None,
        "rank": None,
        "period": None,
        "entity": None,
        "section_id": 0,
    }
    base.update(kw)
    return base


def reference_row() -> dict:
    """A batch row for the reference release with the numeric core's real highlights."""
    from pressbrief.service.numeric import extract, metric_to_json

    text = REFERENCE.read_text(encoding="utf-8")
    wanted = ["10430件", "110386件", "18件", "1400余件"]
    by_text = {m.mention.text: metric_to_json(m) for m in extract(text).metrics}
    highlights = [by_text[w] for w in wanted]
    brief_en = (
        "Xinxiang registered 10,430 new trademarks this year, up 25.72% year on year; valid "
        "registrations reached 110,386 (up 13%). Its 18 geographical indication trademarks rank 1st in "
        "the province. It holds more than 1,400 high-value invention patents & 6,951 valid ones."
    )
    return {
        "id": "xinxiang-2024-12-27",
        "status": "ok",
        "text_sha256": "x",
        "source": {"path": "x.txt"},
        "meta": {},
        "text": text,
        "result": {
            "brief_en": brief_en,
            "brief_zh": "今年新增商标注册10430件，同比增长25.72%。",
            "brief_zh_hant": None,
            "highlights": highlights,
            "guard": {"checked": 7, "repaired": 0, "dropped": 0, "fallback": False},
            "model": "fake",
        },
        "checks": {"number_precision": 1.0},
    }


def fake_source_numbers(text: str) -> list[dict]:
    """The numeric core's view of the source, cut down to one number (the cited 6,951)."""
    return [
        hl(
            text,
            "6951件",
            value="6951",
            label="有效发明专利",
            label_en="valid invention patents",
            rendered_en="6,951",
        )
    ]


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.stack: list[str] = []
        self.rows: dict[str, str] = {}
        self._row: str | None = None
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href", "").startswith("#"):
            self.hrefs.append(a["href"][1:])
        for key in ("src", "href"):
            if a.get(key) and not a[key].startswith("#") and tag != "a":
                self.external.append(a[key])
        if tag == "tr" and a.get("id"):
            self._row = a["id"]
            self.rows[self._row] = ""

    def handle_endtag(self, tag):
        if tag == "tr":
            self._row = None

    def handle_data(self, data):
        if self._row:
            self.rows[self._row] += data


def test_quote_takes_the_clause_and_joins_broken_lines() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    i = text.index("25.72%")
    assert quote(text, i, i + 6) == ("今年新增商标注册10430件,同比增长", "25.72%", "")
    i = text.index("10430件")
    assert quote(text, i, i + 6)[0] == "今年新增商标注册"  # "新增商标\n\n注册" joined
    i = text.index("第二位")
    assert quote(text, i, i + 3)[0] == "目前我市中国驰名商标37件、居全省"


def test_row_values_read_the_rendered_figure_with_the_judges_parser() -> None:
    """A row matches a brief's number by the values its English rendering states ("RMB 1.262 billion" is
    1262000000, a rank is its position), read by the judge's English number parser, the only one."""
    values = row_values({"rendered_en": "RMB 1.262 billion, up 16.85%", "value": "12.62"})
    assert Decimal("1262000000") in values and Decimal("16.85") in values and Decimal("12.62") in values
    assert Decimal(2) in row_values({"rendered_en": "2nd in Henan province"})


def test_html_pack_links_every_number_to_a_row_with_a_source_quote() -> None:
    html = render_pack([reference_row()], fmt="html", lang="both", extract=fake_source_numbers)
    c = _Collect()
    c.feed(html)
    assert c.external == []  # self-contained: no scripts, images or stylesheets to fetch
    assert "<script" not in html and "@media print" in html
    brief = re.search(r'<section class="brief"><h3>Brief \(English\)</h3>(.*?)</section>', html, re.S).group(1)
    linked = re.findall(r'<a class="num" href="#([^"]+)"[^>]*>([^<]+)</a>', brief)
    assert "unlinked" not in brief
    texts = [t for _, t in linked]
    for expected in ("10,430", "25.72%", "110,386", "13%", "18", "1st", "1,400", "6,951"):
        assert any(expected in t for t in texts), (expected, texts)
    for anchor, _ in linked:
        assert anchor in c.ids and anchor in c.rows
        row_text = c.rows[anchor]
        assert re.search(r"[\u4e00-\u9fff]", row_text), row_text  # a Chinese source quote
    assert "10430件" in c.rows["xinxiang-2024-12-27-m1"]
    assert "同比增长25.72%" in c.rows["xinxiang-2024-12-27-m1"] or "+25.72% YoY" in c.rows["xinxiang-2024-12-27-m1"]
    cited = [a for a, t in linked if t == "6,951"][0]
    assert 'class="cited"' in html and "有效发明专利" in c.rows[cited]
    assert "1st in Henan province" in html and "+25.72% YoY" in html
    assert "简报（中文）" in html and 'class="briefs both"' in html


def test_unfound_numbers_are_flagged_and_failed_rows_listed() -> None:
    row = reference_row()
    row["result"]["brief_en"] = "Registrations hit 99,999."
    failed = {
        "id": "bad.txt",
        "status": "error",
        "meta": {},
        "source": {"path": "bad.txt"},
        "error": {"code": "invalid_input", "message": "bad.txt: empty text"},
    }
    html = render_pack([row, failed], fmt="html", extract=lambda t: [])
    assert 'class="num unlinked"' in html and "not found in the source" in html
    assert "Not summarized (invalid_input)" in html and "bad.txt: empty text" in html
    md = render_pack([row, failed], fmt="md", extract=lambda t: [])
    assert "99,999⚠" in md and "**Not summarized** (invalid\\_input)" in md  # one escaping rule for every field


def test_markdown_pack() -> None:
    md = render_pack([reference_row()], fmt="md", lang="en", extract=fake_source_numbers)
    assert md.startswith("# Press-release brief pack")
    assert "[10,430](#xinxiang-2024-12-27-m1)" in md
    assert "| # | Metric | Value | Change | Rank | Period | Source (中文) |" in md
    assert "| 「今年新增商标注册**10430件**」 |" in md
    assert '<a id="xinxiang-2024-12-27-m5"></a>5*' in md  # the cited 6,951
    zh = render_pack([reference_row()], fmt="md", lang="zh", extract=fake_source_numbers)
    assert "**简报（中文）**" in zh and "[10430件](#xinxiang-2024-12-27-m1)" in zh and "Brief (English)" not in zh


def render_cli(argv: list[str]) -> int:
    from pressbrief.service.cli import render as cmd_render

    parser = argparse.ArgumentParser()
    cmd_render.add_arguments(parser)
    return cmd_render.run(parser.parse_args(argv))


def test_cli_render(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps(reference_row(), ensure_ascii=False) + "\n", encoding="utf-8")
    assert render_cli([str(out), "-o", str(tmp_path / "pack.md")]) == 0
    assert (tmp_path / "pack.md").read_text(encoding="utf-8").startswith("# Press-release brief pack")
    assert render_cli([str(out), "--format", "html", "--lang", "zh", "-o", str(tmp_path / "r" / "p.html")]) == 0
    assert "<!doctype html>" in (tmp_path / "r" / "p.html").read_text(encoding="utf-8")
    from pressbrief.service.errors import InputError

    with pytest.raises(InputError, match="no such file"):
        render_cli([str(tmp_path / "none.jsonl"), "-o", str(tmp_path / "x.html")])


def test_table_cells_in_english() -> None:
    from pressbrief.service.render.rows import fmt_change, fmt_period, fmt_rank
    from pressbrief.service.render.view import release_date

    assert [fmt_period(p) for p in ("今年", "2024年度", "2019年底", "7月26日", "2024年1至11月", "2023年上半年")] == [
        "this year",
        "2024",
        "end-2019",
        "26 Jul",
        "Jan–Nov 2024",
        "H1 2023",
    ]
    assert fmt_period("截至11月底") == "截至11月底"  # unknown: as the source writes it
    assert fmt_change({"value": "2.5", "unit": "pp", "direction": "down", "basis": "环比"}) == "−2.5 pp MoM"
    assert fmt_rank({"position": 2, "scope": "全省", "scope_en": "province", "tier": False}) == "2nd in the province"
    assert fmt_rank({"position": None, "scope": "全省", "scope_en": "Henan province", "tier": True}) == (
        "top tier in Henan province"
    )
    assert release_date({}, "本报讯 12月27日,我市举行") == "27 Dec (year not stated)"
    assert release_date({}, "2024年12月27日电") == "27 Dec 2024"
    assert release_date({"date": "2024-12-27"}, "") == "2024-12-27"


def _han_outside_quotes(html: str) -> list[str]:
    body = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    body = re.sub(r"<q\b.*?</q>", "", body, flags=re.S)
    body = re.sub(r'<p class="title-zh"[^>]*>.*?</p>', "", body, flags=re.S)
    return re.findall(r".{0,30}[\u4e00-\u9fff]+.{0,10}", body)


def test_the_english_pack_reads_in_english() -> None:
    """Title in English with the Chinese beside it, English labels (the glossary's term, else a dash: a word-by-word
    dictionary gloss is no metric name), values with their counter's noun, periods in English; Chinese only in the
    quotes and on the Chinese-title line."""
    row = reference_row()
    text = row["text"]
    row["result"]["title_en"] = "Xinxiang's eleventh press conference on the business environment in 2024"
    row["result"]["highlights"] += [
        hl(text, "新乡市", kind="count", label="当前江苏仍", rendered_en="3"),  # a clause fragment as label
        {**hl(text, "12月27日", kind="date", rendered_en=None), "text": "12月27日"},
    ]
    row["result"]["highlights"][0]["unit"] = "辆"  # a counter with an English noun
    html = render_pack([row], fmt="html", lang="en", extract=fake_source_numbers)
    assert _han_outside_quotes(html) == []
    assert "<h2 lang=\"en\">Xinxiang&#x27;s eleventh press conference" in html
    assert 'class="title-zh" lang="zh-Hans">' in html
    assert "10,430 vehicles" in html and "Source (Chinese)" in html
    assert '<span class="empty">—</span>' in html  # 当前江苏仍 is no metric name
    toc = re.search(r'<nav class="toc">.*?</nav>', html, re.S).group(0)
    assert "Xinxiang&#x27;s eleventh" in toc
    # an older result without title_en still has no Chinese outside the title line
    del row["result"]["title_en"]
    assert _han_outside_quotes(render_pack([row], fmt="html", lang="en", extract=fake_source_numbers)) == []
