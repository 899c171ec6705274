"""Independent checks stored on each batch row: are the briefs' numbers found in the source?

Uses the faithfulness harness (``pressbrief.eval.check_brief``) when it is installed; without
it the row gets no precision and the summary says n/a.
"""

from __future__ import annotations

from typing import Any


def _precision_of(report: Any) -> tuple[int, int] | None:
    """(numbers, supported) from one language's report (dict or object)."""
    if report is None:
        return None
    if not isinstance(report, dict):
        to_json = getattr(report, "to_json", None)
        report = to_json() if callable(to_json) else None
        if report is None:
            return None
    numbers, supported = report.get("numbers"), report.get("supported")
    if isinstance(numbers, int) and isinstance(supported, int):
        return numbers, supported
    return None


def number_checks(text: str, result: dict) -> dict:
    """{"number_precision", "numbers", "supported", "by_lang"} for the row; {} without the harness."""
    try:
        from pressbrief.eval import check_brief
    except ImportError:
        return {}
    report = check_brief(text, summary_en=result.get("brief_en"), summary_zh=result.get("brief_zh"))
    if not isinstance(report, dict):
        to_json = getattr(report, "to_json", None)
        report = to_json() if callable(to_json) else {}
    per_lang = (
        report.get("per_lang")
        or report.get("briefs")
        or {k: v for k, v in report.items() if k in ("en", "zh", "zh-Hant")}
    )
    numbers = supported = 0
    by_lang: dict[str, float | None] = {}
    for lang, rep in (per_lang or {}).items():
        counts = _precision_of(rep)
        if counts is None:
            continue
        numbers += counts[0]
        supported += counts[1]
        by_lang[lang] = None if counts[0] == 0 else counts[1] / counts[0]
    if not by_lang:
        return {}
    return {
        "number_precision": None if numbers == 0 else supported / numbers,
        "numbers": numbers,
        "supported": supported,
        "by_lang": by_lang,
    }
