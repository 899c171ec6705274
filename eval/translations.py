"""Scores of translations, ``pressbrief eval``-style: chrF and BLEU against a reference (sacrebleu,
each document one segment), the numbers the checker backs, the names it traces, and what a reader
must doubt: sentences with a marked span (``eval/judge/marks.py``) and sentences left out (empty, or a
note in place of the sentence as pressbrief wrote before issue 27).

Used by ``python -m pressbrief.eval.bench.translations`` for pressbrief's output and the WMT21 systems'
alike; the sentence counts need the translator's sentence rows, which only pressbrief gives.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sacrebleu.metrics import BLEU, CHRF

from .judge.align import check_brief
from .judge.marks import marked_spans, unmark
from .judge.names import check_names
from .judge.source_index import extraction_for

# what pressbrief wrote in place of a sentence it could not make faithful, before it marked spans instead
_NOTE = re.compile(r"^\s*\[Not translated faithfully")


@dataclass(frozen=True)
class TranslationDoc:
    doc_id: str
    source: str
    translation: str
    reference: str | None = None
    sentences: Sequence[dict] | None = None  # the translator's rows ({source, target, ...}), when it gives them
    seconds: float | None = None


def left_out(target: str) -> bool:
    """A sentence missing from a translation: nothing, or a note in its place."""
    return not target.strip() or bool(_NOTE.match(target))


@dataclass
class _Totals:
    numbers: int = 0
    supported: int = 0
    names: int = 0
    traced: int = 0
    sentences: int = 0
    marked: int = 0
    left_out: int = 0
    seconds: list[float] = field(default_factory=list)


def score_document(doc: TranslationDoc) -> dict[str, Any]:
    """One document: numbers, names, marked and left-out sentences (marks are no words of the text)."""
    text = unmark(doc.translation)
    numbers = check_brief(extraction_for(doc.source), text, "en")
    names = check_names(doc.source, text)
    out: dict[str, Any] = {
        "id": doc.doc_id, "numbers": numbers.numbers, "numbers_supported": numbers.supported,
        "unsupported": [{"text": c.number.text, "error": c.error} for c in numbers.checks if not c.supported],
        "names": names.names, "names_traced": names.traced,
        "untraced_names": [c.text for c in names.checks if not c.supported],
        "marked_spans": marked_spans(doc.translation),
    }
    if doc.sentences is not None:
        rows = list(doc.sentences)
        out["sentences"] = len(rows)
        out["sentences_marked"] = sum(1 for r in rows if marked_spans(r.get("target", "")))
        out["sentences_left_out"] = sum(1 for r in rows if left_out(r.get("target", "")))
    if doc.reference:
        out["chrF"] = round(CHRF().sentence_score(text, [doc.reference]).score, 2)
    return out


def score_documents(docs: Sequence[TranslationDoc]) -> dict[str, Any]:
    """Corpus scores of translations of the same documents (chrF/BLEU over the documents that have a
    reference, each document one segment) with the per-document detail."""
    t = _Totals()
    per_doc = []
    for doc in docs:
        d = score_document(doc)
        per_doc.append(d)
        t.numbers += d["numbers"]
        t.supported += d["numbers_supported"]
        t.names += d["names"]
        t.traced += d["names_traced"]
        if "sentences" in d:
            t.sentences += d["sentences"]
            t.marked += d["sentences_marked"]
            t.left_out += d["sentences_left_out"]
        if doc.seconds is not None:
            t.seconds.append(doc.seconds)
    scored = [d for d in docs if d.reference]
    hyps = [unmark(d.translation) for d in scored]
    refs = [[d.reference for d in scored]]
    with_rows = any(d.sentences is not None for d in docs)
    return {
        "documents": len(docs),
        "chrF": round(CHRF().corpus_score(hyps, refs).score, 2) if scored else None,
        "BLEU": round(BLEU().corpus_score(hyps, refs).score, 2) if scored else None,
        "numbers": t.numbers, "numbers_supported": t.supported,
        "number_precision": t.supported / t.numbers if t.numbers else None,
        "names": t.names, "names_traced": t.traced, "name_precision": t.traced / t.names if t.names else None,
        "sentences": t.sentences if with_rows else None,
        "sentences_marked": t.marked if with_rows else None,
        "sentences_left_out": t.left_out if with_rows else None,
        "s_per_doc": sum(t.seconds) / len(t.seconds) if t.seconds else None,
        "per_document": per_doc,
    }
