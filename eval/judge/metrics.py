"""Metrics as small classes with a reproducibility signature, after sacrebleu's metrics/base.py.

Each metric scores one document (``sentence_score``-like) and a corpus (``corpus_score``), and
``signature()`` returns a ``Signature`` whose ``format()`` names everything that changes a number:
harness version, number normalization options, the core's version, tokenizer, reference count.

- ``NumberPrecision``: supported numbers / numbers in the brief (micro-averaged over a corpus).
- ``KeyMetricRecall``: highlighted source metrics the brief carries as supported numbers.
- ``Faithfulness``: both of the above plus counts per error type, the harness's headline metric.
- ``CharRougeL``: ROUGE-L F1 on characters (for Chinese).
- chrF and BLEU come from sacrebleu itself (``text_metrics``), with their own signatures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pressbrief.service.numeric.types import Extraction

from .align import check_brief
from .highlights import Highlighter, default_highlights
from .options import DEFAULT_OPTIONS, HARNESS_VERSION, AlignOptions
from .signature import Signature
from .types import ERROR_TYPES, BriefReport


@dataclass
class Score:
    name: str
    score: float | None  # 0-100, or None when nothing was scored (no numbers, no references)
    signature: str = ""
    detail: dict[str, Any] = field(default_factory=dict)

    def format(self, width: int = 2) -> str:
        s = "n/a" if self.score is None else f"{self.score:.{width}f}"
        return f"{self.name}|{self.signature} = {s}" if self.signature else f"{self.name} = {s}"

    def __repr__(self) -> str:
        return self.format()


class Metric:
    """Base: a name, options, ``signature()``, per-document and corpus scores."""

    name = "metric"

    def signature(self) -> Signature:  # pragma: no cover - overridden
        raise NotImplementedError

    def corpus_score(self, *args, **kwargs) -> Score:  # pragma: no cover - overridden
        raise NotImplementedError


class NumberPrecision(Metric):
    """Supported numbers / numbers. A brief with no number scores None (it makes no numeric claim)."""

    name = "NumPrec"

    def __init__(self, options: AlignOptions = DEFAULT_OPTIONS, lang: str | None = None):
        self.options = options
        self.lang = lang

    def signature(self) -> Signature:
        return Signature.for_numbers(self.options, self.lang)

    def check(self, source: str | Extraction, brief: str, lang: str | None = None) -> BriefReport:
        return check_brief(source, brief, lang or self.lang or "en", options=self.options)

    def sentence_score(self, source: str | Extraction, brief: str, lang: str | None = None) -> Score:
        rep = self.check(source, brief, lang)
        return self.score_reports([rep])

    def score_reports(self, reports: Sequence[BriefReport]) -> Score:
        n = sum(r.numbers for r in reports)
        ok = sum(r.supported for r in reports)
        return Score(self.name, None if n == 0 else 100.0 * ok / n, self.signature().format(),
                     {"numbers": n, "supported": ok})

    def corpus_score(self, sources: Sequence[str | Extraction], briefs: Sequence[str],
                     lang: str | None = None) -> Score:
        if len(sources) != len(briefs):
            raise ValueError("sources and briefs differ in length")
        return self.score_reports([self.check(s, b, lang) for s, b in zip(sources, briefs, strict=True)])


def carried_highlights(report: BriefReport, highlights: Sequence) -> list[bool]:
    """For each highlighted Metric: does a supported number of the brief match its source span?"""
    spans = set()
    for c in report.checks:
        if c.supported:
            for m in c.matches:
                spans.add((m.start, m.end))
    out = []
    for h in highlights:
        mm = h.mention
        out.append(any(s <= mm.start < e or mm.start <= s < mm.end for s, e in spans))
    return out


class KeyMetricRecall(Metric):
    """Share of the source's highlight metrics that the brief carries (as supported numbers).

    Highlights come from ``highlighter(extraction)``; the default is ``default_highlights`` (see
    eval/judge/highlights.py) and the pipeline's own chooser can be passed instead.
    """

    name = "KeyRecall"

    def __init__(self, n: int | None = None, highlighter: Highlighter | None = None,
                 options: AlignOptions = DEFAULT_OPTIONS):
        self.n = n
        self.highlighter = highlighter or default_highlights
        self.options = options

    def signature(self) -> Signature:
        sig = Signature.for_numbers(self.options)
        sig.update("name", "keyrecall")
        sig.update("highlights", f"{getattr(self.highlighter, '__name__', 'custom')}:{self.n or 'default'}")
        return sig

    def highlights(self, extraction: Extraction) -> list:
        return list(self.highlighter(extraction, self.n))

    def recall(self, extraction: Extraction, report: BriefReport) -> tuple[int, int]:
        hl = self.highlights(extraction)
        carried = carried_highlights(report, hl)
        return sum(carried), len(hl)

    def corpus_score(self, extractions: Sequence[Extraction], reports: Sequence[BriefReport]) -> Score:
        hit = tot = 0
        for ex, rep in zip(extractions, reports, strict=True):
            h, t = self.recall(ex, rep)
            hit, tot = hit + h, tot + t
        return Score(self.name, None if tot == 0 else 100.0 * hit / tot, self.signature().format(),
                     {"carried": hit, "highlights": tot})


class Faithfulness(Metric):
    """Number precision, key-metric recall and error counts of a set of briefs, with one signature."""

    name = "Faithfulness"

    def __init__(self, options: AlignOptions = DEFAULT_OPTIONS, highlights_n: int | None = None,
                 highlighter: Highlighter | None = None):
        self.options = options
        self.precision = NumberPrecision(options)
        self.recall = KeyMetricRecall(highlights_n, highlighter, options)

    def signature(self) -> Signature:
        sig = Signature.for_numbers(self.options)
        sig.update("name", "faithfulness")
        sig.update("highlights", self.recall.signature().info["highlights"])
        return sig

    def corpus_score(self, extractions: Sequence[Extraction], reports: Sequence[BriefReport]) -> Score:
        p = self.precision.score_reports(reports)
        r = self.recall.corpus_score(extractions, reports)
        errors = dict.fromkeys(ERROR_TYPES, 0)
        for rep in reports:
            for k, v in rep.errors.items():
                errors[k] += v
        return Score(self.name, p.score, self.signature().format(),
                     {"precision": p.score, "recall": r.score, **p.detail, **r.detail, "errors": errors})


class CharRougeL(Metric):
    """ROUGE-L F1 (x100) on characters, whitespace removed; for Chinese summaries."""

    name = "ROUGE-L-char"

    def __init__(self, beta: float = 1.0):
        self.beta = beta

    def signature(self) -> Signature:
        return Signature({"name": "rougeL", "tok": "char", "level": "doc-mean", "case": "mixed",
                          "nrefs": 1, "version": HARNESS_VERSION})

    @staticmethod
    def _chars(s: str) -> str:
        return "".join(s.split())

    def sentence_score(self, hyp: str, ref: str) -> float:
        a, b = self._chars(hyp), self._chars(ref)
        if not a or not b:
            return 0.0
        lcs = lcs_length(a, b)
        if lcs == 0:
            return 0.0
        p, r = lcs / len(a), lcs / len(b)
        b2 = self.beta ** 2
        return 100.0 * (1 + b2) * p * r / (r + b2 * p)

    def corpus_score(self, hyps: Sequence[str], refs: Sequence[str]) -> Score:
        scores = [self.sentence_score(h, r) for h, r in zip(hyps, refs, strict=True)]
        return Score(self.name, sum(scores) / len(scores) if scores else None, self.signature().format())


def lcs_length(a: str, b: str) -> int:
    """Length of the longest common subsequence (O(len(a)*len(b)) time, O(len(b)) memory)."""
    if len(a) < len(b):
        a, b = b, a
    prev = [0] * (len(b) + 1)
    for ch in a:
        cur = [0]
        for j, bj in enumerate(b, 1):
            cur.append(prev[j - 1] + 1 if ch == bj else (prev[j] if prev[j] > cur[j - 1] else cur[j - 1]))
        prev = cur
    return prev[-1]


def text_metrics(lang: str) -> dict[str, Callable]:
    """sacrebleu chrF and BLEU configured for ``lang`` (BLEU uses the ``zh`` tokenizer for Chinese)."""
    from sacrebleu.metrics import BLEU, CHRF

    zh = lang.startswith("zh")
    bleu = BLEU(tokenize="zh" if zh else "13a", effective_order=True)
    chrf = CHRF()
    out: dict[str, Any] = {"chrF": chrf, "BLEU": bleu}
    if zh:
        out["ROUGE-L-char"] = CharRougeL()
    return out
