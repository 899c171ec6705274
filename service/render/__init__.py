"""Investor-facing brief packs (Markdown or one self-contained HTML file) from batch results."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from pressbrief.service.batch import load_results
from pressbrief.service.numeric import extract, extraction_to_json

from ..errors import InputError, OutputError, os_reason
from ..files import ensure_parent
from .html_pack import render_html
from .md_pack import render_md
from .view import ReleaseView, build_view, failed_view

FORMATS = ("md", "html")
LANGS = ("en", "zh", "both")


def source_numbers(text: str) -> list[dict]:
    """Every number of a source as metric-shaped dicts (metrics first), via the numeric core.

    """
    data = extraction_to_json(extract(text))
    metrics = [m for m in data.get("metrics") or [] if isinstance(m, dict)]
    seen = {(m.get("start"), m.get("end")) for m in metrics}
    mentions = [
        m for m in data.get("mentions") or [] if isinstance(m, dict) and (m.get("start"), m.get("end")) not in seen
    ]
    return metrics + mentions


def build_views(rows: Iterable[dict], extract=source_numbers) -> list[ReleaseView]:
    """One view per row; a row that cannot be shown is shown as such, and the pack goes on."""
    taken: set[str] = set()
    views = []
    for row in rows:
        try:
            views.append(build_view(row, taken, extract=extract))
        except Exception as exc:  # noqa: BLE001 - one odd row never fails the pack
            views.append(failed_view(row, taken, exc))
    return views


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
    # a lone surrogate from a hand-edited results file is written as its escape, not a UnicodeEncodeError
    report = render_pack(rows, fmt=fmt, lang=lang, title=title, source=results.name).encode("utf-8",
                                                                                           "backslashreplace")
    ok = sum(1 for r in rows if r.get("status") == "ok")
    if output == "-":
        _write_stream(sys.stdout.buffer, report, "stdout")
        return ""
    out = Path(output)
    if out.is_dir():
        raise OutputError(f"{out}: is a folder; -o needs a file path (e.g. {out / ('pack.' + fmt)})")
    if out.exists() and not out.is_file():  # /dev/stdout, a pipe: written to, never replaced
        with _opened(out) as fh:
            _write_stream(fh, report, str(out))
    else:
        _write_atomically(out, report)
    return f"render: {out} ({fmt}, {len(rows)} release(s), {ok} summarized)"


def _opened(path: Path) -> BinaryIO:
    try:
        return open(path, "wb")  # noqa: SIM115 - the caller closes it
    except OSError as exc:
        raise OutputError(f"{path}: cannot open for writing ({os_reason(exc)})") from None


def _write_stream(fh: BinaryIO, data: bytes, name: str) -> None:
    try:
        fh.write(data)
        fh.flush()
    except OSError as exc:
        raise OutputError(f"{name}: cannot write the pack ({os_reason(exc)})") from None


def _write_atomically(out: Path, data: bytes) -> None:
    """The pack in a temporary file beside ``out`` that then replaces it: ``out`` is never half-written,
    and no temporary file is left behind, whatever fails."""
    ensure_parent(out)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
        tmp = None
    except OSError as exc:
        raise OutputError(f"{out}: cannot write the pack ({os_reason(exc)})") from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


__all__ = ["FORMATS", "LANGS", "ReleaseView", "build_views", "render_file", "render_pack", "source_numbers"]
