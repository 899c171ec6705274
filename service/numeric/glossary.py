"""English labels from prompts/glossary.toml, plus a user's own glossary, loaded once each.

A user adds terms without editing the package: PRESSBRIEF_GLOSSARY (or the CLI's --glossary) names
a TOML file of the same format ([terms], [modifiers], [phrases]); its entries win over the
package's. A file that cannot be read or parsed is a clear error, never silently ignored.
"""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import InputError
from .normalize import to_simplified

SECTIONS = ("terms", "modifiers", "phrases")
USER_GLOSSARY_ENV = "PRESSBRIEF_GLOSSARY"


def user_glossary_path() -> str:
    return os.environ.get(USER_GLOSSARY_ENV, "").strip()


def read_user_glossary(path: str) -> dict[str, dict[str, str]]:
    """A user glossary's sections; InputError naming the file and what is wrong."""
    try:
        data = tomllib.loads(Path(path).expanduser().read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"glossary {path} ({USER_GLOSSARY_ENV}): cannot read it ({exc.strerror})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"glossary {path} ({USER_GLOSSARY_ENV}): not valid TOML: {exc}") from None
    unknown = sorted(set(data) - set(SECTIONS))
    if unknown:
        raise InputError(f"glossary {path}: unknown section(s) {', '.join(unknown)}; use {', '.join(SECTIONS)}")
    for name in SECTIONS:
        bad = [k for k, v in data.get(name, {}).items() if not isinstance(v, str) or not v.strip()]
        if bad:
            raise InputError(f"glossary {path}: [{name}] {bad[0]!r} needs an English string")
    return {name: dict(data.get(name, {})) for name in SECTIONS}


@lru_cache(maxsize=4)
def _sections_for(user_path: str) -> dict[str, dict[str, str]]:
    data = tomllib.loads(resources.files("pressbrief.prompts").joinpath("glossary.toml").read_text("utf-8"))
    user = read_user_glossary(user_path) if user_path else {}
    return {name: {to_simplified(k): v for k, v in (data.get(name, {}) | user.get(name, {})).items()}
            for name in SECTIONS}


def _sections() -> dict[str, dict[str, str]]:
    return _sections_for(user_glossary_path())


def load_glossary() -> tuple[dict[str, str], dict[str, str]]:
    """(terms, modifiers) with simplified keys."""
    return _sections()["terms"], _sections()["modifiers"]


def vocabulary() -> dict[str, str]:
    """Every Chinese word the glossary can put in English: terms and press-release phrases."""
    return _vocabulary(user_glossary_path())


@lru_cache(maxsize=4)
def _vocabulary(user_path: str) -> dict[str, str]:
    sections = _sections_for(user_path)
    return sections["terms"] | sections["phrases"]


def longest_term() -> int:
    """The length of the longest Chinese word vocabulary() holds (how far a longest-match looks ahead)."""
    return _longest_term(user_glossary_path())


@lru_cache(maxsize=4)
def _longest_term(user_path: str) -> int:
    return max(map(len, _vocabulary(user_path)), default=0)


def phrases_in(text: str) -> dict[str, str]:
    """The glossary's press-release phrases a text holds, each not already inside a longer one."""
    found = {k: v for k, v in _sections()["phrases"].items() if k in text}
    return {k: v for k, v in found.items() if not any(k != o and k in o for o in found)}


def glossary_lookup(label: str) -> str | None:
    """English for a label: an exact term, or known modifiers before a term; None otherwise."""
    return _cached_lookup(label, user_glossary_path())


@lru_cache(maxsize=8192)
def _cached_lookup(label: str, user_path: str) -> str | None:
    if not label:
        return None
    sections = _sections_for(user_path)
    key = to_simplified(label.strip())
    return _lookup(key, sections["terms"], sections["modifiers"], depth=0)


def _lookup(key: str, terms: dict[str, str], mods: dict[str, str], depth: int) -> str | None:
    if key in terms:
        return terms[key]
    if depth >= 3:
        return None
    for mod in sorted(mods, key=len, reverse=True):
        if key.startswith(mod) and len(key) > len(mod):
            rest = _lookup(key[len(mod):], terms, mods, depth + 1)
            if rest:
                return f"{mods[mod]} {rest}"
    return None


def glossary_terms() -> dict[str, str]:
    """All exact terms (for the English brief writer's prompt)."""
    return dict(load_glossary()[0])
