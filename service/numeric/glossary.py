"""English labels from prompts/glossary.toml, loaded once."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources

from .normalize import to_simplified


@lru_cache(maxsize=1)
def _sections() -> dict[str, dict[str, str]]:
    data = tomllib.loads(resources.files("pressbrief.prompts").joinpath("glossary.toml").read_text("utf-8"))
    return {name: {to_simplified(k): v for k, v in data.get(name, {}).items()}
            for name in ("terms", "modifiers", "phrases")}


def load_glossary() -> tuple[dict[str, str], dict[str, str]]:
    """(terms, modifiers) with simplified keys."""
    return _sections()["terms"], _sections()["modifiers"]


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, str]:
    """Every Chinese word the glossary can put in English: terms and press-release phrases."""
    return _sections()["terms"] | _sections()["phrases"]


def phrases_in(text: str) -> dict[str, str]:
    """The glossary's press-release phrases a text holds, each not already inside a longer one."""
    found = {k: v for k, v in _sections()["phrases"].items() if k in text}
    return {k: v for k, v in found.items() if not any(k != o and k in o for o in found)}


@lru_cache(maxsize=8192)
def glossary_lookup(label: str) -> str | None:
    """English for a label: an exact term, or known modifiers before a term; None otherwise."""
    if not label:
        return None
    terms, mods = load_glossary()
    key = to_simplified(label.strip())
    return _lookup(key, terms, mods, depth=0)


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
