"""Independent checks stored on each batch row: are the briefs' numbers found in the source?

Uses the faithfulness harness (``pressbrief.eval.judge.align.check_brief``); a row whose briefs hold
no checkable brief gets no precision and the summary says n/a.
"""

from __future__ import annotations

from pressbrief.eval.judge.align import check_brief
from pressbrief.service.numeric import extract


def number_checks(text: str, result: dict) -> dict:
    """{"number_precision", "numbers", "supported", "by_lang", "errors"}; {} without a brief.

    Precision = supported numbers / numbers over the English and Chinese briefs together
    (None when the briefs hold no number).
    """
    extraction = None
    numbers = supported = 0
    by_lang: dict[str, float | None] = {}
    errors: dict[str, int] = {}
    for lang, key in (("en", "brief_en"), ("zh", "brief_zh")):
        brief = result.get(key)
        if not brief:
            continue
        if extraction is None:
            extraction = extract(text)
        report = check_brief(extraction, brief, lang)
        numbers += report.numbers
        supported += report.supported
        by_lang[lang] = report.precision
        for kind, n in report.errors.items():
            errors[kind] = errors.get(kind, 0) + n
    if not by_lang:
        return {}
    return {
        "number_precision": None if numbers == 0 else supported / numbers,
        "numbers": numbers,
        "supported": supported,
        "by_lang": by_lang,
        "errors": errors,
    }
