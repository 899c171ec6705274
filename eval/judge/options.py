"""The harness's normalization options and version: every one of them is part of the signature."""

from __future__ import annotations

from dataclasses import dataclass

# 1.1: rank attribution (attr:yes); 1.2: superlative ranks, 首家 scope; 1.3: see README;
# 1.4: a per-unit said before the figure ("Each acre can save RMB 16" for 每亩16元)
HARNESS_VERSION = "1.4"


@dataclass(frozen=True)
class AlignOptions:
    """Normalization options; every one of them is part of the signature."""

    faithful_sig_digits: int = 3  # 0 turns faithful (unsignalled) rounding off
    local_context: bool = True
    derived: bool = True
    raw_digits: bool = True
    attribution: bool = True  # a source rank pinned on another metric is an error (eval/judge/attribution.py)

    def signature_items(self) -> dict[str, str]:
        return {
            "round": f"signalled+sig{self.faithful_sig_digits}" if self.faithful_sig_digits else "signalled",
            "ctx": "sent" if self.local_context else "doc",
            "derived": "yes" if self.derived else "no",
            "raw": "yes" if self.raw_digits else "no",
            "attr": "yes" if self.attribution else "no",
        }


DEFAULT_OPTIONS = AlignOptions()
