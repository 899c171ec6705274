"""Investor-facing brief packs (Markdown or one self-contained HTML file) from batch results."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from .view import ReleaseView, build_view

FORMATS = ("md", "html")
LANGS = ("en", "zh", "both")


def source_numbers(text: str) -> list[dict]:
    """Every number of a source as metric-shaped dicts (metrics first), via the numeric core.

    Returns [] when the numeric core is not installed: cited rows are then left out and such
    numbers are flagged as not found.
    """
    try:
        from pressbrief.service.numeric import extract, extraction_to_json
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
        from .md_pack import render_md

        return render_md(views, **kwargs)
    from .html_pack import render_html

    return render_html(views, **kwargs)


__all__ = ["FORMATS", "LANGS", "ReleaseView", "build_views", "render_pack", "source_numbers"]
