"""Where a brief's time went: extraction, prefill and decode (what the runtime reports for each
generation), the guard (everything between generations), and the whole."""

from __future__ import annotations

from dataclasses import dataclass, field

from pressbrief.models.runtimes import GenerationResult


@dataclass
class Timing:
    prefill_s: float = 0.0
    decode_s: float = 0.0
    prefill_tokens: int = 0  # prompt tokens newly prefilled (the cached prefix is not counted)
    cached_tokens: int = 0  # prompt tokens reused from the runtime's prompt cache
    decode_tokens: int = 0
    guard_s: float = 0.0
    # one row per generation, in order: what it was for and what it cost (where the time goes, call by call)
    calls: list[dict] = field(default_factory=list)

    @property
    def generate_s(self) -> float:
        return self.prefill_s + self.decode_s

    def add(self, result: GenerationResult, purpose: str = "") -> None:
        """Count one generation, and list it as a call made for ``purpose``."""
        self.calls.append({"purpose": purpose, "prompt_tokens_new": result.prompt_tokens - result.cached_tokens,
                           "prompt_tokens_cached": result.cached_tokens, "decoded_tokens": result.new_tokens,
                           "seconds": round(result.prefill_s + result.decode_s, 3)})
        self.prefill_s += result.prefill_s
        self.decode_s += result.decode_s
        self.prefill_tokens += result.prompt_tokens - result.cached_tokens
        self.cached_tokens += result.cached_tokens
        self.decode_tokens += result.new_tokens

    def to_json(self, *, extract_s: float, total_s: float, runtime: str) -> dict:
        return {"extract_s": round(extract_s, 4), "generate_s": round(self.generate_s, 3),
                "prefill_s": round(self.prefill_s, 3), "decode_s": round(self.decode_s, 3),
                "guard_s": round(self.guard_s, 3), "total_s": round(total_s, 3),
                "prefill_tokens": self.prefill_tokens, "cached_prefix_tokens": self.cached_tokens,
                "decode_tokens": self.decode_tokens,
                "decode_tokens_per_s": round(self.decode_tokens / self.decode_s, 2) if self.decode_s else None,
                "runtime": runtime, "calls": list(self.calls)}
