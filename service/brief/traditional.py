"""Traditional-Chinese copies with OpenCC, applied after the guard (numbers are untouched)."""

from __future__ import annotations

from functools import lru_cache

from ..errors import InputError

VARIANTS = ("s2t", "s2tw", "s2twp", "s2hk")  # s2twp also rewrites words (软件 -> 軟體)


@lru_cache(maxsize=8)
def _converter(variant: str):
    import opencc

    return opencc.OpenCC(f"{variant}.json")


def to_traditional(text: str, variant: str = "s2t") -> str:
    if variant not in VARIANTS:
        raise InputError(f"unknown Traditional-Chinese variant {variant!r}; choose one of {', '.join(VARIANTS)}")
    return _converter(variant).convert(text)
