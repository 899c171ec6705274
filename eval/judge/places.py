"""A figure given to another owner: the release's nearly 200 lakes of Yinchuan (银川) written as Ningxia's;
Pinduoduo's 788 million shoppers written as "Alibaba and Pinduoduo attracted 788 million".

Each figure of an English sentence is aligned to its source mention (``check_brief``); its owner in the
source is the last place or known company named before it in its Chinese sentence (目前，银川湿地面积…，
有…近200个: 银川). The English sentence gives the figure to another owner when it names owners of the span,
none of them that one, or when it joins that owner with another ("A and B") before the figure where the
source names only the one. A figure with no owner named before it, or a sentence naming none, is not judged.
"""

from __future__ import annotations

import re

from pressbrief.service.lexicon.known_names import known_names_in
from pressbrief.service.numeric.provinces import place_names
from pressbrief.service.numeric.types import Extraction

from .align import check_brief

_SENTENCE_END = re.compile(r"[。！？!?\n]")
_EN_SENTENCE_END = re.compile(r"[.;!?](?=\s|$)")


def owners_in(text: str) -> dict[str, tuple[str, ...]]:
    """The places and known companies a Chinese text names -> their English names."""
    found = {zh: (en.removesuffix(" province"),) for zh, en in place_names(text).items()}
    return found | {zh: tuple(en) for zh, en in known_names_in(text).items() if zh not in found}


# Who reports a figure is not who owns it: 根据国际清算银行公布的数据，人民币…升值38% (the BIS reports the renminbi's
# rise); 据新华社报道
_REPORTER_BEFORE = re.compile(r"(?:根据|据|按照|来自)$")
_REPORTER_AFTER = re.compile(r"^(?:公布|发布|的数据|数据|统计|显示|报道|消息)")


def _sentence_before(text: str, at: int) -> str:
    """What the Chinese sentence holding ``at`` says before it."""
    return text[max((m.end() for m in _SENTENCE_END.finditer(text, 0, at)), default=0):at]


def _owner(text: str, at: int, owners: dict[str, tuple[str, ...]]) -> str | None:
    """The owner named last before ``at`` in its Chinese sentence (not one that only reports it), or None."""
    before = _sentence_before(text, at)
    found = []
    for zh in owners:
        for m in re.finditer(re.escape(zh), before):
            if not (_REPORTER_BEFORE.search(before[:m.start()]) or _REPORTER_AFTER.match(before[m.end():])):
                found.append((m.start(), zh))
    return max(found)[1] if found else None


def _where(names: tuple[str, ...], text: str) -> list[tuple[int, int]]:
    return [m.span() for en in names for m in re.finditer(rf"(?i)\b{re.escape(en)}\b", text)]


def place_mismatch(source: Extraction, sentence: str) -> str | None:
    """Why ``sentence`` gives a figure of one place or company of its ``source`` span to another the span
    names (or to two where the source gives it to one), or None."""
    owners = owners_in(source.text)
    if len(owners) < 2:
        return None  # one owner (or none) in the span: no other to give its figures to
    report = check_brief(source, sentence, "en")
    for check in report.checks:
        if not check.matches:
            continue
        at = check.matches[0].start
        owner = _owner(source.text, at, owners)
        if owner is None:
            continue
        start = max((m.end() for m in _EN_SENTENCE_END.finditer(sentence, 0, check.number.start)), default=0)
        end = _EN_SENTENCE_END.search(sentence, check.number.end)
        own_sentence = sentence[start:end.start() if end else len(sentence)]
        named = [zh for zh, en in owners.items() if _where(en, own_sentence)]
        if named and owner not in named:
            return f"{check.number.text} is {owners[owner][0]}'s in the source ({owner}), not {owners[named[0]][0]}'s"
        # "A and B <figure>": the source names B before its figure, and A nowhere before it in its sentence
        before = sentence[start:check.number.start]
        chinese_before = _sentence_before(source.text, at)
        for other in named:
            if other == owner or other in chinese_before:
                continue
            for a in _where(owners[other], before):
                for b in _where(owners[owner], before):
                    first, second = sorted((a, b))
                    if re.fullmatch(r"(?i)\s*,?\s*(?:and|&)\s*", before[first[1]:second[0]]):
                        return (f"{check.number.text} is {owners[owner][0]}'s alone in the source ({owner}), "
                                f"not {owners[other][0]}'s too")
    return None
