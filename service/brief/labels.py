"""An English name for what a metric counts: the glossary's term, else CC-CEDICT's words for the label.

A label the core linked to a figure is used in English only when it names a metric: not a place
(新乡市), not a person (张雄家), not a clause fragment (当前江苏仍, 其中今年), and only when every part
of it has an English word (glossary term or a dictionary word of two or more characters); a
single leftover character would become pinyin, which is noise to an investor.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..numeric.provinces import place_names
from .english import SURNAMES, word_at

# Characters that end or open a fragment of a clause rather than a noun phrase.
_FRAGMENT_EDGE = re.compile(r"^(?:当前|目前|其中|今年|去年|全年|同时|此外|已经|已|共|累计达|达到)"
                            r"|[仍也还都已将在是的了和与及等为达]$")
_PLACE_END = ("省", "市", "县", "区", "镇", "乡", "村", "州", "盟", "旗")
_MAX_CHARS = 12


@lru_cache(maxsize=4096)
def _label_words(label: str) -> tuple[str, ...] | None:
    """The label word by word as english.word_at reads it; None when a character has no word or a word is
    a name."""

    out: list[str] = []
    i = 0
    while i < len(label):
        found = word_at(label, i)
        if found is None or found[2]:
            return None  # a character with no word, or a name: no English label
        out.append(found[1])
        i += len(found[0])
    return tuple(out)


def is_metric_name(label: str | None) -> bool:
    """Does the label name what is counted (not a place, a person or a piece of a clause)?"""

    if not label or len(label) > _MAX_CHARS or not re.fullmatch(r"[\u4e00-\u9fff]+", label):
        return False
    if _FRAGMENT_EDGE.search(label):
        return False
    if label.endswith(_PLACE_END) and len(label) <= 4 or any(label == p or label == p.rstrip("市省") for p in
                                                              place_names(label)):
        return False
    return not (label[0] in SURNAMES and len(label) <= 3 and _label_words(label) is None)
