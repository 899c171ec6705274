"""Names of rivers, lakes, reservoirs and the like that a release writes and no dictionary holds.

A small model copies such a name into its English unchanged (滹沱河, 西大洋) or spells it as pinyin
("Hutuo River", "Tang River"). Both are names the source writes: the first is spelt as English writes
Chinese place names (the pinyin of the name and the English of its feature word), the second traces to
the source. A run counts as a name when the source writes it ending in a feature word (唐河, 拒马河) or as
an item of a list of names (西大洋、东武仕等): an ordinary phrase is translated word by word elsewhere.
"""

from __future__ import annotations

import re

from pypinyin import lazy_pinyin

# feature word -> its English, longest first so 水库 wins over a shorter match
FEATURES: dict[str, str] = {"水库": "Reservoir", "河": "River", "江": "River", "湖": "Lake", "山": "Mountain",
                            "岛": "Island", "港": "Port", "湾": "Bay"}
_MAX_STEM = 3  # a name's own part: 唐 of 唐河, 滹沱 of 滹沱河, 拒马 of 拒马河


def _pinyin(chars: str) -> str:
    return "".join(lazy_pinyin(chars)).capitalize()


def _listed(run: str, source: str) -> bool:
    """``run`` is an item of a list in the source: 西大洋、东武仕等 (after or before an enumeration comma, or
    right before 等)."""
    return bool(re.search(rf"(?:、{re.escape(run)}(?![\u4e00-\u9fff]*、)|{re.escape(run)}(?:、|等))", source))


def feature_name(run: str, source: str) -> str | None:
    """The English of ``run``, a name the source writes ending in a feature word or listed among names
    (滹沱河 -> Hutuo River, 西大洋 -> Xidayang); None when ``run`` is no such name of the source."""
    if not run or run not in source or len(run) > _MAX_STEM + 2:
        return None
    for zh, en in FEATURES.items():
        stem = run.removesuffix(zh)
        if stem != run and 1 <= len(stem) <= _MAX_STEM:
            return f"{_pinyin(stem)} {en}"
    if 2 <= len(run) <= _MAX_STEM + 1 and _listed(run, source):
        return _pinyin(run)
    return None


def feature_stems(source: str) -> list[tuple[str, int]]:
    """(pinyin, offset) of each one-character stem the source writes before a feature word (唐河 ->
    "tang"): one character's pinyin is no name alone, but "Tang River" is 唐河."""
    out = []
    for zh in FEATURES:
        for m in re.finditer(rf"(?<=[\u4e00-\u9fff]){re.escape(zh)}", source):
            out.append((lazy_pinyin(source[m.start() - 1])[0].lower(), m.start() - 1))
    return out
