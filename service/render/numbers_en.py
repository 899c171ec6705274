"""Numbers as written in an English brief: "10,430", "25.72%", "RMB 1.26 billion", "3rd".

Just enough parsing to link each number of a brief to the metrics table; the faithfulness
harness (``pressbrief.eval``) is the judge of whether a number is right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_SCALES = {
    "thousand": Decimal(1000), "k": Decimal(1000),
    "million": Decimal(10) ** 6, "mn": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9, "bn": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12, "tn": Decimal(10) ** 12,
}  # fmt: skip

_NUMBER = re.compile(
    r"(?<![\w.])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<ord>st|nd|rd|th)?"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|k)(?![A-Za-z]))?"
    r"(?:\s?(?P<pct>%|percent(?:age points?)?|per cent|pp(?![A-Za-z])))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class EnNumber:
    text: str
    start: int
    end: int
    value: Decimal  # scale applied
    quantum: Decimal  # value of the last written digit, scale applied (rounding tolerance)
    unit: str | None  # "%", "pp", "ord" or None

    def matches(self, value: Decimal) -> bool:
        """True when ``value`` rounds to what is written here."""
        return abs(self.value - value) <= self.quantum / 2


def find_numbers(text: str) -> list[EnNumber]:
    out = []
    for m in _NUMBER.finditer(text or ""):
        raw = m.group("num").replace(",", "")
        try:
            value = Decimal(raw)
        except InvalidOperation:
            continue
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        scale = _SCALES.get((m.group("scale") or "").lower(), Decimal(1))
        pct = (m.group("pct") or "").lower()
        unit = "ord" if m.group("ord") else ("pp" if pct.startswith(("percentage", "pp")) else ("%" if pct else None))
        out.append(EnNumber(m.group(0), m.start(), m.end(), value * scale, Decimal(1).scaleb(-decimals) * scale, unit))
    return out


def numbers_in(text: str | None) -> list[Decimal]:
    return [n.value for n in find_numbers(text or "")]


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
