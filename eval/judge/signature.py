"""The reproducibility signature of a score, after sacrebleu's: key:value pairs that name everything
that changes a number (harness version, normalization options, the core's version, ...)."""

from __future__ import annotations

import functools
from typing import Any

from pressbrief import __version__

from .options import DEFAULT_OPTIONS, HARNESS_VERSION, AlignOptions


class Signature:
    """key:value pairs joined by '|', short or long names, version last (as sacrebleu prints them)."""

    _abbr = {
        "name": "", "version": "v", "core": "core", "lang": "l", "round": "r", "ctx": "ctx", "derived": "d",
        "raw": "raw", "parser": "p", "highlights": "hl", "tok": "tok", "nrefs": "#", "case": "c",
        "level": "lvl",
    }

    def __init__(self, info: dict[str, Any]):
        self.info = dict(info)

    @classmethod
    def for_numbers(cls, options: AlignOptions = DEFAULT_OPTIONS, lang: str | None = None) -> Signature:
        info: dict[str, Any] = {"name": "numprec", "lang": lang, "parser": "en-rules+core-zh"}
        info.update(options.signature_items())
        info["core"] = _core_version()
        info["version"] = HARNESS_VERSION
        return cls(info)

    def update(self, key: str, value: Any) -> None:
        self.info[key] = value

    def format(self, short: bool = False) -> str:
        pairs = []
        keys = [k for k in self.info if k != "version"] + ["version"]
        for k in keys:
            v = self.info.get(k)
            if v is None:
                continue
            if isinstance(v, bool):
                v = "yes" if v else "no"
            name = self._abbr.get(k, k) if short else k
            pairs.append(f"{name}:{v}" if name else str(v))
        return "|".join(pairs)

    def __str__(self) -> str:
        return self.format()

    def __repr__(self) -> str:
        return self.format()


def _core_version() -> str:
    try:
        return __version__
    except ImportError:  # pragma: no cover
        return "unknown"


@functools.lru_cache(maxsize=64)
def signature_string(options: AlignOptions = DEFAULT_OPTIONS, lang: str | None = None) -> str:
    return Signature.for_numbers(options, lang).format()
