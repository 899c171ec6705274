"""Is this text Chinese? Han characters and CJK punctuation, as every layer reads them."""

from __future__ import annotations

import re

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff60“”‘’]+")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def has_chinese(text: str) -> bool:
    return bool(HAN.search(text))


def han_share(text: str) -> float:
    """Share of non-space characters that are Han: a few names are fine, whole sentences are not."""
    chars = [ch for ch in text if not ch.isspace()]
    return sum(1 for ch in chars if HAN.match(ch)) / len(chars) if chars else 0.0
