"""A readable Markdown report of ``evaluate_records`` results: the aggregate table, errors by type,
then the worst documents with each bad number highlighted beside its source sentence."""

from __future__ import annotations

from typing import Any

from pressbrief.service.errors import InputError

from .judge.types import ERROR_TYPES

_LANG_NAMES = {"zh": "Chinese", "zh-Hant": "Traditional Chinese", "en": "English"}


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def _num(x: Any) -> str:
    return "n/a" if x is None else f"{x:.2f}" if isinstance(x, float) else str(x)


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ").strip()


def _mark(text: str, start: int, end: int, width: int = 90) -> str:
    """The sentence around [start, end) with the span in bold and brackets."""
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    for i in range(start - 1, lo - 1, -1):
        if text[i] in "。！？；.!?;\n" and not (text[i] == "." and 0 < i < len(text) - 1 and text[i + 1].isdigit()):
            lo = i + 1
            break
    for i in range(end, hi):
        if text[i] in "。！？；!?;\n" or (text[i] == "." and not (i + 1 < len(text) and text[i + 1].isdigit())):
            hi = i + 1
            break
    pre = "…" if lo > 0 and text[lo - 1] not in "。！？；.!?;\n" else ""
    return _cell(pre + text[lo:start] + f"**⟦{text[start:end]}⟧**" + text[end:hi])


def _source_with_span(src: dict[str, Any]) -> str:
    sent = src.get("sentence") or ""
    t = src.get("text") or ""
    i = sent.find(t) if t else -1
    if i < 0:
        return _cell(sent)
    return _cell(sent[:i] + f"**{t}**" + sent[i + len(t):])


def render_markdown(result: dict[str, Any], worst: int = 5, title: str = "Numeric faithfulness report") -> str:
    agg = result["aggregate"]
    out = [f"# {title}", "", f"Signature: `{result.get('signature', '')}`", ""]
    if agg.get("system"):
        out += [f"System: **{agg['system']}** (generation {agg.get('generate_s', 0):.1f} s)", ""]
    out += [f"{agg.get('documents', 0)} documents ({agg.get('failed', 0)} failed), {agg['briefs']} briefs, "
            f"{agg['numbers']} numbers; scored in {agg.get('seconds', 0):.2f} s.", ""]
    out += ["## Aggregate", "",
            "| language | briefs | numbers | supported | number precision | key-metric recall | chrF | BLEU | "
            "ROUGE-L (char) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for lang, e in agg.get("per_lang", {}).items():
        tm = e.get("text_metrics") or {}
        out.append(f"| {_LANG_NAMES.get(lang, lang)} | {e['briefs']} | {e['numbers']} | {e['supported']} | "
                   f"{_pct(e['precision'])} | {_pct(e['key_metric_recall'])} | {_num(tm.get('chrF'))} | "
                   f"{_num(tm.get('BLEU'))} | {_num(tm.get('ROUGE-L-char'))} |")
    out.append(f"| **all** | {agg['briefs']} | {agg['numbers']} | {agg['supported']} | **{_pct(agg['precision'])}** | "
               f"**{_pct(agg['key_metric_recall'])}** | | | |")
    out.append("")
    for lang, e in agg.get("per_lang", {}).items():
        out.append(f"- {_LANG_NAMES.get(lang, lang)}: {e.get('empty_briefs', 0)} empty briefs, "
                   f"{e.get('briefs_without_numbers', 0)} without numbers"
                   + (f", {e['briefs_with_chinese']} with Chinese characters" if "briefs_with_chinese" in e else "")
                   + _names_line(e))
    out.append("")
    sigs = {k: v for e in agg.get("per_lang", {}).values() for k, v in (e.get("text_metrics") or {})
            .get("signatures", {}).items()}
    if sigs:
        out += ["Text-metric signatures: " + "; ".join(f"{k} `{v}`" for k, v in sorted(sigs.items())), ""]
    out += ["## Errors by type", "", "| error | " + " | ".join(_LANG_NAMES.get(k, k) for k in agg["per_lang"])
            + " | all |", "|---|" + "---:|" * (len(agg["per_lang"]) + 1)]
    for et in ERROR_TYPES:
        row = [str(e["errors"].get(et, 0)) for e in agg["per_lang"].values()]
        out.append(f"| {et} | " + " | ".join(row) + f" | {agg['errors'].get(et, 0)} |")
    out.append("")
    docs = [d for d in result["documents"] if not d.get("error") and d.get("numbers_total")]
    bad_docs = [d for d in docs if d["supported"] < d["numbers_total"]]
    bad_docs.sort(key=lambda d: (d["precision"] if d["precision"] is not None else 1.0, -len(d["numbers"])))
    out += [f"## Worst documents ({min(worst, len(bad_docs))} of {len(bad_docs)} with errors)", ""]
    if not bad_docs:
        out += ["Every number of every brief is supported by its source.", ""]
    for d in bad_docs[:worst]:
        out += [f"### {d['id']} — precision {_pct(d['precision'])} ({d['supported']}/{d['numbers_total']})", ""]
        out += ["| brief | number in the brief | error | why | source sentence |", "|---|---|---|---|---|"]
        for n in d["numbers"]:
            if n["verdict"] == "supported":
                continue
            brief = d["briefs"].get(n["lang"], {}).get("text", "")
            srcs = n.get("source") or []
            src = _source_with_span(srcs[0]) if srcs else "—"
            note, rounding = n.get("note") or "", n.get("rounding") or ""
            why = _cell(note if rounding in note else f"{note} {rounding}".strip())
            sug = n.get("suggestion")
            if sug and sug.get("rendered_en") and n["lang"] == "en":
                why += f" (should read: {_cell(sug['rendered_en'])})"
            out.append(f"| {n['lang']} | {_mark(brief, n['start'], n['end'])} | `{n['error']}` | {why} | {src} |")
        out.append("")
    failed = [d for d in result["documents"] if d.get("error")]
    if failed:
        out += ["## Failed documents", ""] + [f"- {d['id']}: {_cell(d['error'])}" for d in failed] + [""]
    return "\n".join(out)


def write_markdown(res: dict[str, Any], path: str, worst: int = 5) -> None:
    """``render_markdown`` written to ``path``; an unwritable path is an InputError (exit 2)."""
    from pathlib import Path


    try:
        Path(path).write_text(render_markdown(res, worst=worst), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot write the report ({exc.strerror})") from None


def _names_line(e: dict[str, Any]) -> str:
    """English only: name precision (names traced to the source), claims whose direction is reversed, and
    figures put on a metric the source never names."""
    if "names" not in e:
        return ""
    return (f"; names {e['names_traced']}/{e['names']} traced (name precision {_pct(e.get('name_precision'))}), "
            f"{e['claims_reversed']} reversed claims, {e.get('metrics_untraced', 0)} metrics the source never names")


def summary_table(res: dict[str, Any]) -> str:
    """The plain-text table `pressbrief eval` prints: per language, then errors and the signature."""
    agg = res["aggregate"]
    lines = [f"{'lang':8} {'briefs':>6} {'numbers':>7} {'supported':>9} {'precision':>9} {'recall':>7}  "
             f"{'chrF':>6} {'BLEU':>6} {'RL-char':>7}"]
    for lang, e in agg["per_lang"].items():
        tm = e.get("text_metrics") or {}
        lines.append(f"{lang:8} {e['briefs']:6} {e['numbers']:7} {e['supported']:9} {_pct(e['precision']):>9} "
                     f"{_pct(e['key_metric_recall']):>7}  {tm.get('chrF', ''):>6} {tm.get('BLEU', ''):>6} "
                     f"{tm.get('ROUGE-L-char', ''):>7}")
    lines.append(f"{'all':8} {agg['briefs']:6} {agg['numbers']:7} {agg['supported']:9} {_pct(agg['precision']):>9} "
                 f"{_pct(agg['key_metric_recall']):>7}")
    for lang, e in agg["per_lang"].items():
        lines.append(f"{lang}: {e.get('empty_briefs', 0)} empty briefs, {e.get('briefs_without_numbers', 0)} without "
                     "numbers" + (f", {e['briefs_with_chinese']} with Chinese characters"
                                  if "briefs_with_chinese" in e else "") + _names_line(e))
    errs = ", ".join(f"{k} {v}" for k, v in agg["errors"].items() if v) or "none"
    lines.append(f"errors: {errs}")
    if agg.get("failed"):
        lines.append(f"failed documents: {agg['failed']}")
    lines.append(res["signature"])
    return "\n".join(lines)
