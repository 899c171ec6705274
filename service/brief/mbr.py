"""Minimum-Bayes-risk choice among sampled translations (Freitag et al. 2022, "High Quality Rather than
High Model Probability"): the candidate that agrees most with the others, by chrF, is the one least
likely to be an outlier of the model's distribution. Each sample is a pseudo-reference for the rest."""

from __future__ import annotations

from collections.abc import Sequence

from sacrebleu.metrics import CHRF

_CHRF = CHRF()


def mbr_choice(candidates: Sequence[str], pool: Sequence[str] | None = None) -> int:
    """Index of the candidate with the highest mean chrF against the other texts of ``pool`` (default:
    the candidates themselves; a candidate is never its own reference); the first one on a tie, so
    greedy, drawn first, wins when all agree."""
    if not candidates:
        raise ValueError("mbr_choice: no candidates")
    pool = list(candidates if pool is None else pool)

    def expected(c: str) -> float:
        others = list(pool)
        if c in others:
            others.remove(c)  # one copy of itself out; an identical second sample still counts
        return sum(_CHRF.sentence_score(c, [p]).score for p in others) / len(others) if others else 0.0

    scores = [expected(c) for c in candidates]
    return max(range(len(candidates)), key=lambda i: (scores[i], -i))
