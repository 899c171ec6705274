"""Investor-facing brief packs (Markdown or one self-contained HTML file) from batch results."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from pressbrief.service.batch import load_results
from pressbrief.service.errors import InputError
from pressbrief.service.numeric import extract, extraction_to_json

from .html_pack import render_html
from .md_pack import render_md
from .view import ReleaseView, build_view

FORMATS = ("md", "html")
LANGS = ("en", "zh", "both")


def source_numbers(text: str) -> list[dict]:
    """Every number of a source as metric-shaped dicts (metrics first), via the numeric core.

    Returns [] when the numeric core is not installed: cited rows are then left out and such
    numbers are flagged as not found.
    """
    try:
        pass
    except ImportError:
        return []
    data = extraction_to_json(extract(text))
    metrics = [m for m in data.get("metrics") or [] if isinstance(m, dict)]
    seen = {(m.get("start"), m.get("end")) for m in metrics}
    mentions = [
        m for m in data.get("mentions") or [] if isinstance(m, dict) and (m.get("start"), m.get("end")) not in seen
    ]
    return metrics + mentions


def build_views(rows: Iterable[dict], extract=source_numbers) -> list[ReleaseView]:
    taken: set[str] = set()
    return [build_view(row, taken, extract=extract) for row in rows]


def render_pack(
    rows: Iterable[dict],
    *,
    fmt: str = "html",
    lang: str = "en",
    title: str | None = None,
    source: str = "",
    extract=source_numbers,
) -> str:
    """The pack as a string; ``rows`` are batch rows (``pressbrief.service.batch.load_results``)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}")
    views = build_views(rows, extract)
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    kwargs = {
        "lang": lang,
        "title": title or "Press-release brief pack",
        "generated": generated,
        "source": source,
    }
    if fmt == "md":
        return render_md(views, **kwargs)

    return render_html(views, **kwargs)


def render_file(results: str | Path, output: str, *, fmt: str | None = None, lang: str = "en",
                title: str | None = None, only_ok: bool = False) -> str:
    """`pressbrief render`: the pack of a batch results file written to ``output`` atomically (``-``:
    stdout). ``fmt`` defaults to the output's suffix (.md/.markdown), else html. Returns a one-line
    account of what was written (empty for stdout)."""

    results = Path(results)
    if not results.is_file():
        raise InputError(f"{results}: no such file")
    try:
        rows = load_results(results)
    except OSError as exc:
        raise InputError(f"{results}: cannot read ({exc.strerror})") from None
    if only_ok:
        rows = [r for r in rows if r.get("status") == "ok"]
    if not rows:
        raise InputError(f"{results}: no result rows")
    fmt = fmt or ("md" if output.lower().endswith((".md", ".markdown")) else "html")
    report = render_pack(rows, fmt=fmt, lang=lang, title=title, source=results.name)
    if output == "-":
        sys.stdout.write(report)
        return ""
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(report)
    os.chmod(tmp, 0o644)
    os.replace(tmp, out)
    ok = sum(1 for r in rows if r.get("status") == "ok")
    return f"render: {out} ({fmt}, {len(rows)} release(s), {ok} summarized)"


__all__ = ["FORMATS", "LANGS", "ReleaseView", "build_views", "render_file", "render_pack", "source_numbers"]
