"""Scoring a JSONL file of (source, briefs) records: what `pressbrief eval DATA.jsonl` does.

Each line: ``id``, ``text`` (the source) and any of ``summary_zh``, ``summary_zh_hant``,
``summary_en``, plus optional references (``reference_summary_zh`` / ``_en`` / ``_zh_hant``).
Rows written by ``pressbrief batch`` are read as they are: their briefs are scored, error rows skipped.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from pressbrief.service.errors import InputError
from pressbrief.service.inputs import decode_text, read_bytes

from .judge.harness import evaluate_records
from .systems import get_system


def read_records(path: str, limit: int | None = None) -> list[dict[str, Any]]:
    """JSONL records, with an error naming the line for anything unusable."""
    data, origin = read_bytes(path)
    lines = decode_text(data, origin).splitlines()
    records = []
    for i, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{origin}:{i}: not JSON ({exc.msg})") from None
        if not isinstance(rec, dict):
            raise InputError(f"{origin}:{i}: expected a JSON object")
        if rec.get("status") == "error" and "error" in rec:  # a `pressbrief batch` error row
            print(f"pressbrief eval: {origin}:{i}: skipping batch error row {rec.get('id')!r}: "
                  f"{rec['error'].get('message', '')[:120]}", file=sys.stderr)
            continue
        if isinstance(rec.get("result"), dict):  # a `pressbrief batch` row: score its briefs
            for lang_key in ("zh", "zh_hant", "en"):
                rec.setdefault(f"summary_{lang_key}", rec["result"].get(f"brief_{lang_key}"))
            if isinstance(rec["result"].get("highlights"), list):
                # recall of the highlights the pipeline chose and printed in its table
                rec.setdefault("highlights", rec["result"]["highlights"])
        if not isinstance(rec.get("text"), str) or not rec["text"].strip():
            raise InputError(f"{origin}:{i}: missing 'text' (the source release)")
        rec.setdefault("id", str(i))
        records.append(rec)
        if limit and len(records) >= limit:
            break
    if not records:
        raise InputError(f"{origin}: no records")
    return records


def evaluate_file(path: str, *, system_name: str | None = None, model: str | None = None,
                  langs: Sequence[str] | None = None, highlights_n: int | None = None, limit: int | None = None,
                  text_metrics: bool = True, progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """``evaluate_records`` over the records of ``path``; with ``system_name`` (pressbrief, raw, lead)
    the briefs are generated first by that system."""

    records = read_records(path, limit)
    system = None
    if system_name:
        system = get_system(system_name, model=model)
    return evaluate_records(records, system=system, system_name=system_name, langs=langs,
                            highlights_n=highlights_n, text_metrics=text_metrics,
                            progress=progress if system is not None else None)
