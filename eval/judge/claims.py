"""A claim's direction against the source: depreciation is not appreciation, shrinking not expanding.

Numbers with a direction are judged by ``align`` (a 下降 figure written "rose" is a ``direction``
error). This check is for the words around them and for sentences with no number at all. For each
pair of opposite directions, an English sentence that states one side is *reversed* when the
source states the other side and never its own (the source speaks of 贬值 only, the brief of
"appreciation"). A release that says both (升值 here, 贬值 there) is not judged this way: which
sentence goes with which would need an alignment this check does not pretend to have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .english_numbers import sentence_spans

# (name, English for side A, English for side B, Chinese for side A, Chinese for side B)
PAIRS: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("value", r"appreciat\w*|strengthen(?:ed|ing|s)?\s+against", r"depreciat\w*|weaken(?:ed|ing|s)?\s+against",
     ("升值", "走强", "走高"), ("贬值", "走弱", "走低", "贬")),
    ("size", r"expand(?:ed|ing|s)?|expansion|widen(?:ed|ing|s)?|enlarg\w*",
     r"shrank|shrunk|shrink\w*|narrow(?:ed|ing|s)|contracted|contraction",
     ("扩大", "扩张", "扩容", "增扩"), ("缩小", "收窄", "萎缩", "收缩", "缩减")),
    ("policy", r"eased|easing|loosen\w*|relax(?:ed|es|ing)", r"tighten\w*",
     ("放宽", "放松", "宽松", "降准", "降息", "松绑"), ("收紧", "从严", "紧缩", "加息", "收严")),
    ("level", r"(?:rose|risen|rising|rises|increas(?:ed|es|ing)|grew|grown|growing|climb(?:ed|ing|s)|gain(?:ed|s)"
              r"|surg(?:ed|es|ing)|jump(?:ed|s))",
     r"(?:fell|fallen|falling|falls|decreas(?:ed|es|ing)|declin(?:ed|es|ing)|dropp?(?:ed|s|ing)|slump(?:ed|s)"
     r"|plung(?:ed|es)|slid|sliding)",
     ("增长", "上升", "提高", "增加", "上涨", "回升", "攀升", "增"),
     ("下降", "减少", "下跌", "回落", "降低", "下滑", "减")),
)


@dataclass(frozen=True)
class ClaimCheck:
    start: int  # the English sentence
    end: int
    word: str  # the direction word as written
    pair: str
    note: str


def reversed_claims(source: str, brief: str) -> list[ClaimCheck]:
    """Sentences of an English brief whose direction the source never states, only its opposite."""
    out: list[ClaimCheck] = []
    for name, en_a, en_b, zh_a, zh_b in PAIRS:
        has_a, has_b = any(w in source for w in zh_a), any(w in source for w in zh_b)
        if has_a == has_b:
            continue  # both sides (or neither) in the source: nothing to say at document level
        wrong, said = (en_b, zh_a) if has_a else (en_a, zh_b)
        rx = re.compile(rf"(?i)\b(?:{wrong})\b")
        for s, e in sentence_spans(brief):
            m = rx.search(brief, s, e)
            if m:
                only = "/".join(w for w in said if w in source)
                out.append(ClaimCheck(s, e, m.group(0), name, f"{m.group(0)!r}: the source says only {only}"))
    return sorted(out, key=lambda c: c.start)
