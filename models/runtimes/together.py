"""What the local runtimes share when they generate several prompts together (``generate_many``):
the prefix the prompts share, a ledger that shares out the time of work done for several sequences at
once (so that per-result times add up to the wall time), and counters for the benches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .base import common_prefix_len


def shared_prefix_len(encoded: Sequence[Sequence[int]]) -> int:
    """How many leading tokens every prompt shares and can take from one prefill, leaving each prompt
    at least its last token of its own: the logits of its first answer token come from that token."""
    if not encoded:
        return 0
    return max(0, min(common_prefix_len(encoded), min(len(e) for e in encoded) - 1))


@dataclass
class TimeLedger:
    """Seconds of prefill and decode per sequence of one call. Work done for several sequences at once
    is shared out: equally (a prefix prefilled once for all, a decode step of the live sequences) or by
    tokens (one batch of the sequences' own prompt tokens), so the sum over sequences is the wall time."""

    n: int
    prefill_s: list[float] = field(init=False)
    decode_s: list[float] = field(init=False)

    def __post_init__(self) -> None:
        self.prefill_s = [0.0] * self.n
        self.decode_s = [0.0] * self.n

    def prefill_shared(self, seconds: float, among: Sequence[int]) -> None:
        for i in among:
            self.prefill_s[i] += seconds / len(among)

    def prefill_by_tokens(self, seconds: float, tokens: dict[int, int]) -> None:
        total = sum(tokens.values())
        for i, n in tokens.items():
            self.prefill_s[i] += seconds * n / total if total else 0.0

    def decode_shared(self, seconds: float, among: Sequence[int]) -> None:
        for i in among:
            self.decode_s[i] += seconds / len(among)


@dataclass
class TogetherStats:
    """Counters over a generator's life (read by the benches): decode steps, the tokens they decoded, and
    how many of those were decoded in a step with at least one other sequence."""

    calls: int = 0
    decode_steps: int = 0
    decoded_tokens: int = 0
    decoded_together: int = 0
    prefilled_tokens: int = 0
    reused_tokens: int = 0  # prompt tokens whose KV came from the cache or a copy of the shared prefix

    def step(self, live: int) -> None:
        self.decode_steps += 1
        self.decoded_tokens += live
        if live > 1:
            self.decoded_together += live
