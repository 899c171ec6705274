"""An independent count of what each brief sentence's own sources back (issue 24's check, not the guard's).

    python -m pressbrief.eval.bench.sentence_sources RESULTS.jsonl [--json] [--show]

RESULTS.jsonl: rows of `pressbrief batch` (or one `pressbrief summarize --json` object a line, with the
release under "text"). For every sentence of ``sentences.en`` and ``sentences.zh``: it has sources, each
inside the release; and every number the sentence states has its value among the values the numeric core
reads in the sentence's own source spans (exact Decimal equality after the scale, ranks by position, years
by year) — no alignment, no rounding rules, no attribution: a plainer and stricter test than the guard's.
A sentence written from several spans may use any of them; nothing else.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path

from pressbrief.eval.judge.chinese_numbers import parse_chinese_numbers
from pressbrief.eval.judge.english_numbers import parse_english_numbers
from pressbrief.service.numeric import extract


def _source_values(text: str) -> set[Decimal]:
    values: set[Decimal] = set()
    for m in extract(text).mentions:
        for v in (m.value, m.upper):
            if v is not None:
                values.add(Decimal(v).normalize())
        if m.rank is not None and m.rank.position is not None:
            values.add(Decimal(m.rank.position))
        if m.date_iso:
            values |= {Decimal(part) for part in m.date_iso.lstrip("-T").replace(":", "-").split("-")
                       if part.isdigit()}
    return values


def _stated_values(sentence: str, lang: str) -> list[tuple[str, set[Decimal]]]:
    numbers = parse_english_numbers(sentence) if lang == "en" else parse_chinese_numbers(sentence, lang)
    out = []
    for n in numbers:
        vals = {Decimal(v).normalize() for v in (n.value, n.upper, n.rank_position) if v is not None}
        if n.date is not None:
            vals |= {Decimal(p) for p in (n.date.year, n.date.month, n.date.day) if p is not None}
        if vals:
            out.append((n.text, vals))
    return out


def check_row(text: str, sentences: dict) -> dict:
    """Per language: sentences, with sources, numbers stated, numbers backed by their own spans, and the
    numbers that are not (with their sentence)."""
    report: dict = {}
    for lang in ("en", "zh"):
        items = sentences.get(lang) or []
        counts = {"sentences": len(items), "with_sources": 0, "sources_in_text": 0, "numbers": 0, "backed": 0,
                  "unbacked": []}
        for item in items:
            spans = [(s.get("start"), s.get("end")) for s in item.get("sources") or [] if isinstance(s, dict)]
            spans = [(a, b) for a, b in spans if isinstance(a, int) and isinstance(b, int)]
            if spans:
                counts["with_sources"] += 1
            if spans and all(0 <= a < b <= len(text) for a, b in spans):
                counts["sources_in_text"] += 1
            own = set().union(*(_source_values(text[a:b]) for a, b in spans)) if spans else set()
            for shown, vals in _stated_values(item.get("text", ""), lang):
                counts["numbers"] += 1
                if vals & own:
                    counts["backed"] += 1
                else:
                    counts["unbacked"].append({"number": shown, "sentence": item.get("text", "")})
        report[lang] = counts
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", type=Path)
    parser.add_argument("--json", action="store_true", help="one JSON object per document, then the totals")
    parser.add_argument("--show", action="store_true", help="list every unbacked number with its sentence")
    args = parser.parse_args(argv)
    if not args.results.is_file():
        print(f"sentence_sources: {args.results} not found", file=sys.stderr)
        return 2
    totals = {lang: {"sentences": 0, "with_sources": 0, "sources_in_text": 0, "numbers": 0, "backed": 0}
              for lang in ("en", "zh")}
    for line in args.results.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        result = row.get("result") if isinstance(row.get("result"), dict) else row
        text = row.get("text") or ""
        if not text or not isinstance(result.get("sentences"), dict):
            continue
        report = check_row(text, result["sentences"])
        for lang, counts in report.items():
            for key in totals[lang]:
                totals[lang][key] += counts[key]
        if args.json:
            print(json.dumps({"id": row.get("id"), **report}, ensure_ascii=False))
        elif args.show:
            for lang, counts in report.items():
                for miss in counts["unbacked"]:
                    print(f"{row.get('id')} [{lang}] {miss['number']!r} not in its own sources: {miss['sentence']}")
    for lang, t in totals.items():
        print(f"{lang}: {t['sentences']} sentences, {t['with_sources']} with sources ({t['sources_in_text']} inside "
              f"the release); {t['numbers']} numbers, {t['backed']} backed by their own sentence's sources")
    return 0


if __name__ == "__main__":
    sys.exit(main())
