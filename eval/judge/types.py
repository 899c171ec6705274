"""Typed records of the faithfulness harness: numbers found in a brief, and their verdicts.

Values are exact ``Decimal`` with the scale applied (``1.262 billion`` -> ``1262000000``), the
same convention as the numeric core's ``Mention.value``; offsets are character offsets into the
brief exactly as given, so ``brief[n.start:n.end] == n.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from pressbrief.service.numeric.types import Mention

Lang = Literal["en", "zh", "zh-Hant"]
LANGS: tuple[str, ...] = ("en", "zh", "zh-Hant")

# The kinds of the numeric core, plus "time" (15:00, 24时) which the harness tracks on its own.
BriefKind = Literal["count", "amount", "percent", "change", "rank", "date", "period", "ratio", "time", "other"]

Verdict = Literal["supported", "error"]
ERROR_TYPES: tuple[str, ...] = (
    "scale",  # right digits, wrong 万/亿/million/billion scale
    "value",  # wrong digits (includes unsignalled rounding such as 25.72% -> 25.7%)
    "unit",  # % vs percentage points, yuan vs dollars, tons vs a count ...
    "approx_lost",  # a bound or 余/多/约 dropped or turned the wrong way
    "direction",  # increase vs decrease
    "rank",  # wrong position, or wrong scope (province vs country), or a tier claimed as a position
    "period",  # wrong year, date or period, or year-on-year vs month-on-month
    "unsupported",  # no source number it could be
    "derived",  # a sum, difference or ratio of source numbers, not stated in the source
)


@dataclass(frozen=True)
class DateParts:
    """A calendar reference: any part may be missing ("July 26" has no year, "2024" only a year)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    decade: bool = False  # "the 1990s"


@dataclass(frozen=True)
class BriefNumber:
    """One number as written in a brief (English, or Chinese via the numeric core)."""

    text: str  # exact substring of the brief
    start: int
    end: int
    lang: str
    kind: str  # one of BriefKind
    value: Decimal | None  # scale applied; the position for ranks; the year for bare years
    unit: str | None = None  # canonical unit (see eval/judge/units.py): %, pp, CNY, USD, t, mu, day ... or None
    approx: str | None = None  # the core's Approx words: more_than, at_least, about, nearly, range ...
    upper: Decimal | None = None  # upper end of a range (3-5 years)
    direction: str | None = None  # up / down
    basis: str | None = None  # yoy / seq (year-on-year, or sequential: month- or quarter-on-quarter)
    rank_position: int | None = None
    rank_scope: str | None = None  # canonical scope: province, country, city, district, world
    rank_tier: bool = False  # "first tier" (第一方阵): a standing, not a position
    date: DateParts | None = None
    sig: str = ""  # significant digits as written: "1262" for 1.262 billion
    quantum: Decimal | None = None  # value of the last written digit place, scale applied
    scale_word: str | None = None  # thousand / million / billion / trillion / 万 / 亿 ...
    ordinal: bool = False  # "11th", 第十一: a position in a sequence, not a quantity
    is_code: bool = False  # a name such as “13710”机制 or "1+3"
    mention: Mention | None = None  # the core's mention, for Chinese briefs


@dataclass(frozen=True)
class SourceRef:
    """A source mention a brief number was matched to (or should have been)."""

    text: str
    start: int
    end: int
    kind: str
    value: Decimal | None
    unit: str | None
    sentence: str  # the source sentence holding it
    rendered_en: str | None = None  # the core's English rendering, when the mention is a metric
    label: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "value": None if self.value is None else format_decimal(self.value),
            "unit": self.unit,
            "sentence": self.sentence,
            "rendered_en": self.rendered_en,
            "label": self.label,
        }


@dataclass(frozen=True)
class NumberCheck:
    """The verdict on one brief number."""

    number: BriefNumber
    verdict: str  # "supported" or "error"
    error: str | None  # one of ERROR_TYPES, None when supported
    rounding: str | None = None  # how a rounding was judged: "signalled (about)", "faithful ...", ...
    matches: tuple[SourceRef, ...] = ()  # source mentions it stands for (or was compared with)
    suggestion: SourceRef | None = None  # the one source mention an erroneous number should have been
    note: str = ""  # a short human explanation

    @property
    def supported(self) -> bool:
        return self.verdict == "supported"

    def to_json(self) -> dict[str, Any]:
        n = self.number
        return {
            "text": n.text,
            "start": n.start,
            "end": n.end,
            "lang": n.lang,
            "kind": n.kind,
            "value": None if n.value is None else format_decimal(n.value),
            "unit": n.unit,
            "approx": n.approx,
            "verdict": self.verdict,
            "error": self.error,
            "rounding": self.rounding,
            "note": self.note,
            "source": [m.to_json() for m in self.matches],
            "suggestion": None if self.suggestion is None else self.suggestion.to_json(),
        }


@dataclass(frozen=True)
class BriefReport:
    """All numbers of one brief with their verdicts."""

    lang: str
    brief: str
    checks: tuple[NumberCheck, ...]
    signature: str = ""
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def numbers(self) -> int:
        return len(self.checks)

    @property
    def supported(self) -> int:
        return sum(1 for c in self.checks if c.supported)

    @property
    def precision(self) -> float | None:
        """Supported numbers / numbers; None for a brief with no numbers (nothing to get wrong)."""
        return None if not self.checks else self.supported / len(self.checks)

    @property
    def errors(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for c in self.checks:
            if c.error:
                out[c.error] = out.get(c.error, 0) + 1
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "numbers": self.numbers,
            "supported": self.supported,
            "precision": self.precision,
            "errors": self.errors,
            "checks": [c.to_json() for c in self.checks],
            "signature": self.signature,
        }


def format_decimal(value: Decimal) -> str:
    """A plain decimal string without exponent: Decimal('1.262E+9') -> '1262000000'."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
