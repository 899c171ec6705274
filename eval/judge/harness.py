"""Score records (a source and its briefs, optional references) and aggregate: what the CLI
``pressbrief eval`` and the REST ``POST /v1/evaluate`` call.

A record is a dict with ``id``, ``text`` (the source) and any of ``summary_zh``,
``summary_zh_hant``, ``summary_en``; references, when present, are ``reference_summary_zh``,
``reference_summary_zh_hant``, ``reference_summary_en`` (or ``reference_zh`` / ``reference_en``);
``highlights`` may list the source spans ({start, end}) a pipeline chose as key metrics.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from pressbrief.service.lexicon.chinese import has_chinese
from pressbrief.service.numeric.types import Extraction

from .align import check_brief
from .claims import reversed_claims
from .highlights import Highlighter, default_highlights
from .metrics import CharRougeL, carried_highlights
from .names import check_names
from .options import DEFAULT_OPTIONS, HARNESS_VERSION, AlignOptions
from .signature import Signature, signature_string
from .source_index import extraction_for
from .terms import untraced_terms
from .types import ERROR_TYPES, BriefReport

BRIEF_FIELDS: dict[str, str] = {"summary_zh": "zh", "summary_zh_hant": "zh-Hant", "summary_en": "en"}
REFERENCE_FIELDS: dict[str, tuple[str, ...]] = {
    "zh": ("reference_summary_zh", "reference_zh"),
    "zh-Hant": ("reference_summary_zh_hant", "reference_zh_hant"),
    "en": ("reference_summary_en", "reference_en"),
}
LANG_ORDER = ("zh", "zh-Hant", "en")

System = Callable[[str], Mapping[str, Any]]


class _Span:
    """A highlight given as a span of the source (from a record's ``highlights``)."""

    def __init__(self, start: int, end: int):
        self.mention = self
        self.start, self.end = start, end


def _record_highlights(rec: Mapping[str, Any]) -> list | None:
    hl = rec.get("highlights")
    if not isinstance(hl, list):
        return None
    out = []
    for h in hl:
        if isinstance(h, dict) and isinstance(h.get("start"), int) and isinstance(h.get("end"), int):
            out.append(_Span(h["start"], h["end"]))
    return out


class _TextScorer:
    """sacrebleu chrF / BLEU (``zh`` tokenizer for Chinese) and character ROUGE-L, configured once."""

    def __init__(self) -> None:
        from sacrebleu.metrics import BLEU, CHRF

        self.chrf = CHRF()
        self.bleu = {"zh": BLEU(tokenize="zh", effective_order=True), "en": BLEU(tokenize="13a", effective_order=True)}
        self.rouge = CharRougeL()

    def sentence(self, lang: str, hyp: str, ref: str) -> dict[str, float]:
        key = "en" if lang == "en" else "zh"
        out = {"chrF": round(self.chrf.sentence_score(hyp, [ref]).score, 2),
               "BLEU": round(self.bleu[key].sentence_score(hyp, [ref]).score, 2)}
        if key == "zh":
            out["ROUGE-L-char"] = round(self.rouge.sentence_score(hyp, ref), 2)
        return out

    def corpus(self, lang: str, hyps: Sequence[str], refs: Sequence[str]) -> dict[str, Any]:
        key = "en" if lang == "en" else "zh"
        out: dict[str, Any] = {
            "refs": len(refs),
            "chrF": round(self.chrf.corpus_score(list(hyps), [list(refs)]).score, 2),
            "BLEU": round(self.bleu[key].corpus_score(list(hyps), [list(refs)]).score, 2),
        }
        sig = {"chrF": str(self.chrf.get_signature()), "BLEU": str(self.bleu[key].get_signature())}
        if key == "zh":
            out["ROUGE-L-char"] = round(self.rouge.corpus_score(hyps, refs).score or 0.0, 2)
            sig["ROUGE-L-char"] = self.rouge.signature().format()
        out["signatures"] = sig
        return out


def _reference(rec: Mapping[str, Any], lang: str) -> str | None:
    for f in REFERENCE_FIELDS[lang]:
        v = rec.get(f)
        if isinstance(v, str) and v.strip():
            return v
    return None


def _brief_summary(rep: BriefReport, recall: tuple[int, int] | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "numbers": rep.numbers,
        "supported": rep.supported,
        "precision": rep.precision,
        "errors": rep.errors,
    }
    if recall is not None:
        out["key_metric_recall"] = None if recall[1] == 0 else recall[0] / recall[1]
        out["highlights"] = recall[1]
        out["carried"] = recall[0]
    return out


def _names_and_claims(source: str, brief: str) -> dict[str, Any]:
    """Name precision (eval/judge/names.py), reversed claims (eval/judge/claims.py) and metrics the source never names
    (eval/judge/terms.py) of an English brief."""

    names = check_names(source, brief)
    claims = reversed_claims(source, brief)
    terms = untraced_terms(source, brief)
    return {"names": names.names, "names_traced": names.traced, "name_precision": names.precision,
            "untraced_names": [{"text": c.text, "untraced": list(c.untraced)} for c in names.checks
                               if not c.supported],
            "claims_reversed": len(claims), "reversed": [{"word": c.word, "note": c.note} for c in claims],
            "metrics_untraced": len(terms), "untraced_metrics": [{"word": c.word, "note": c.note} for c in terms]}


def evaluate_document(source: str | Extraction, briefs: Mapping[str, str | None], *,
                      options: AlignOptions = DEFAULT_OPTIONS, highlights: Sequence | None = None,
                      highlighter: Highlighter | None = None, highlights_n: int | None = None,
                      references: Mapping[str, str | None] | None = None,
                      text_scorer: _TextScorer | None = None, doc_id: str | None = None) -> dict[str, Any]:
    """One source and its briefs (lang -> text): numbers with verdicts, precision, key-metric recall,
    errors, and text metrics where a reference is given. JSON-ready."""
    ex = source if isinstance(source, Extraction) else extraction_for(source)
    if highlights is None:
        highlights = list((highlighter or default_highlights)(ex, highlights_n))
    per_lang: dict[str, Any] = {}
    numbers: list[dict[str, Any]] = []
    tot = ok = 0
    errors: dict[str, int] = {}
    for lang in LANG_ORDER:
        brief = briefs.get(lang)
        if brief is None or not isinstance(brief, str):
            continue
        rep = check_brief(ex, brief, lang, options=options)
        carried = carried_highlights(rep, highlights)
        summary = _brief_summary(rep, (sum(carried), len(carried)))
        if lang == "en":
            summary.update(_names_and_claims(ex.text, brief))
        summary["text"] = brief
        ref = references.get(lang) if references else None
        if ref and text_scorer is not None and brief.strip():
            summary["text_metrics"] = text_scorer.sentence(lang, brief, ref)
        summary["report"] = rep
        per_lang[lang] = summary
        for c in rep.checks:
            numbers.append(c.to_json())
        tot += rep.numbers
        ok += rep.supported
        for k, v in rep.errors.items():
            errors[k] = errors.get(k, 0) + v
    doc = {
        "id": doc_id,
        "numbers_total": tot,
        "supported": ok,
        "precision": None if tot == 0 else ok / tot,
        "errors": errors,
        "highlights": [{"text": getattr(h.mention, "text", None), "start": h.mention.start, "end": h.mention.end}
                       for h in highlights],
        "briefs": per_lang,
        "numbers": numbers,
    }
    return doc


def _jsonable_doc(doc: dict[str, Any]) -> dict[str, Any]:
    out = dict(doc)
    out["briefs"] = {lang: {k: v for k, v in b.items() if k != "report"} for lang, b in doc["briefs"].items()}
    return out


def evaluate_records(records: Iterable[Mapping[str, Any]], *, system: System | None = None,
                     system_name: str | None = None, options: AlignOptions = DEFAULT_OPTIONS,
                     highlighter: Highlighter | None = None, highlights_n: int | None = None,
                     langs: Sequence[str] | None = None, text_metrics: bool = True,
                     progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Score every record; returns ``{"signature", "aggregate", "documents"}`` (JSON-ready).

    With ``system`` (``text -> {summary_zh, summary_en, summary_zh_hant}``) the briefs are generated
    first, replacing any in the record. ``langs`` limits the languages scored.
    """
    t0 = time.perf_counter()
    scorer = _TextScorer() if text_metrics else None
    wanted = tuple(langs) if langs else LANG_ORDER
    documents: list[dict[str, Any]] = []
    per_lang_reports: dict[str, list[BriefReport]] = {lang: [] for lang in LANG_ORDER}
    per_lang_recall: dict[str, list[int]] = {lang: [0, 0] for lang in LANG_ORDER}
    per_lang_texts: dict[str, list[str]] = {lang: [] for lang in LANG_ORDER}
    hyps: dict[str, list[str]] = {lang: [] for lang in LANG_ORDER}
    refs: dict[str, list[str]] = {lang: [] for lang in LANG_ORDER}
    gen_s = 0.0
    failed = 0
    name_counts = {"names": 0, "names_traced": 0, "claims_reversed": 0, "metrics_untraced": 0}
    for i, rec in enumerate(records):
        doc_id = str(rec.get("id", i))
        text = rec.get("text")
        if not isinstance(text, str) or not text.strip():
            documents.append({"id": doc_id, "error": "no source text"})
            failed += 1
            continue
        rec = dict(rec)
        if system is not None:
            g0 = time.perf_counter()
            try:
                generated = dict(system(text))
                for k in BRIEF_FIELDS:  # a system's briefs replace the record's, absent ones included
                    rec[k] = generated.get(k)
                if isinstance(generated.get("highlights"), list):
                    rec["highlights"] = generated["highlights"]
            except Exception as exc:  # a failing document must not stop the run
                documents.append({"id": doc_id, "error": f"{type(exc).__name__}: {exc}"})
                failed += 1
                continue
            finally:
                gen_s += time.perf_counter() - g0
        briefs = {lang: rec.get(field) for field, lang in BRIEF_FIELDS.items() if lang in wanted}
        references = {lang: _reference(rec, lang) for lang in LANG_ORDER}
        try:
            doc = evaluate_document(text, briefs, options=options, highlights=_record_highlights(rec),
                                    highlighter=highlighter, highlights_n=highlights_n, references=references,
                                    text_scorer=scorer, doc_id=doc_id)
        except Exception as exc:
            documents.append({"id": doc_id, "error": f"{type(exc).__name__}: {exc}"})
            failed += 1
            continue
        for lang, b in doc["briefs"].items():
            per_lang_reports[lang].append(b["report"])
            per_lang_recall[lang][0] += b.get("carried", 0)
            per_lang_recall[lang][1] += b.get("highlights", 0)
            per_lang_texts[lang].append(b["text"])
            if lang == "en":
                for k in ("names", "names_traced", "claims_reversed", "metrics_untraced"):
                    name_counts[k] += b.get(k, 0)
            if references.get(lang) and b["text"].strip():
                hyps[lang].append(b["text"])
                refs[lang].append(references[lang])
        documents.append(_jsonable_doc(doc))
        if progress:
            progress(doc_id)
    aggregate = _aggregate(per_lang_reports, per_lang_recall, hyps, refs, scorer, per_lang_texts)
    if "en" in aggregate["per_lang"]:
        n = name_counts["names"]
        precision = None if n == 0 else name_counts["names_traced"] / n
        aggregate["per_lang"]["en"].update(name_counts, name_precision=precision)
    aggregate["documents"] = len(documents)
    aggregate["failed"] = failed
    aggregate["seconds"] = round(time.perf_counter() - t0, 3)
    if system is not None:
        aggregate["system"] = system_name or getattr(system, "__name__", "custom")
        aggregate["generate_s"] = round(gen_s, 3)
    sig = Signature.for_numbers(options)
    sig.update("name", "faithfulness")
    sig.update("highlights", f"{getattr(highlighter or default_highlights, '__name__', 'custom')}:"
                             f"{highlights_n or 'default'}")
    if text_metrics:
        sig.update("tok", "bleu-en=13a,bleu-zh=zh,chrf=char6,rouge=char")
    return {"signature": sig.format(), "harness_version": HARNESS_VERSION, "aggregate": aggregate,
            "documents": documents}


def _aggregate(reports: dict[str, list[BriefReport]], recall: dict[str, list[int]], hyps, refs,
               scorer: _TextScorer | None, texts: dict[str, list[str]]) -> dict[str, Any]:
    per_lang: dict[str, Any] = {}
    tot = ok = 0
    hit = hl = 0
    errors = dict.fromkeys(ERROR_TYPES, 0)
    briefs = 0
    for lang in LANG_ORDER:
        reps = reports[lang]
        if not reps:
            continue
        n = sum(r.numbers for r in reps)
        s = sum(r.supported for r in reps)
        e = dict.fromkeys(ERROR_TYPES, 0)
        for r in reps:
            for k, v in r.errors.items():
                e[k] += v
                errors[k] += v
        h, t = recall[lang]
        entry: dict[str, Any] = {
            "briefs": len(reps), "numbers": n, "supported": s, "precision": None if n == 0 else s / n,
            "key_metric_recall": None if t == 0 else h / t, "highlights": t, "carried": h, "errors": e,
            "briefs_without_numbers": sum(1 for r in reps if r.numbers == 0),
            "empty_briefs": sum(1 for t in texts[lang] if not t.strip()),
        }
        if lang == "en":  # an English brief must hold no Chinese character
            entry["briefs_with_chinese"] = sum(1 for t in texts[lang] if has_chinese(t))
        if scorer is not None and hyps[lang]:
            entry["text_metrics"] = scorer.corpus(lang, hyps[lang], refs[lang])
        per_lang[lang] = entry
        tot, ok, hit, hl, briefs = tot + n, ok + s, hit + h, hl + t, briefs + len(reps)
    return {
        "briefs": briefs, "numbers": tot, "supported": ok, "precision": None if tot == 0 else ok / tot,
        "key_metric_recall": None if hl == 0 else hit / hl, "highlights": hl, "carried": hit, "errors": errors,
        "per_lang": per_lang,
    }


def check_briefs(source: str | Extraction, *, summary_en: str | None = None, summary_zh: str | None = None,
                 summary_zh_hant: str | None = None, options: AlignOptions = DEFAULT_OPTIONS) -> dict[str, Any]:
    """Several briefs of one source scored together, as a JSON-ready dict (``precision``, ``per_lang``,
    ``numbers``, ``errors``, ``highlights``, ``signature``): the form the REST and batch layers use."""
    if summary_en is None and summary_zh is None and summary_zh_hant is None:
        raise ValueError("check_brief: give brief and lang, or at least one of summary_en/summary_zh")
    doc = evaluate_document(source, {"en": summary_en, "zh": summary_zh, "zh-Hant": summary_zh_hant},
                            options=options)
    per_lang = {k: {kk: vv for kk, vv in v.items() if kk != "report"} for k, v in doc["briefs"].items()}
    return {"precision": doc["precision"], "numbers_total": doc["numbers_total"], "supported": doc["supported"],
            "errors": doc["errors"], "per_lang": per_lang, "numbers": doc["numbers"],
            "highlights": doc["highlights"], "signature": signature_string(options)}
