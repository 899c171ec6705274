"""Repair before reject: a name the model spelt wrongly is spelt from the source, not a reason to lose
its sentence.

A small model writes 兰溪 as "Lanzhi" or "Lianchi" and 《工人日报》 as "People's Daily". The source's
own characters say what the name is: the well-known English name of a company or outlet
(``service/lexicon/known_names.py``), the core's place table, CC-CEDICT's name for a word (工人日报 ->
Workers' Daily, 兰溪 -> Lanxi), else the pinyin of a place before its 市/县/镇/村 … or of a person's name
(a common surname and one or two characters). Each name of the English that traces to nothing in the
source (``eval/judge/names.py``) is replaced by the source spelling it most resembles, when it
resembles one closely enough; what cannot be repaired is left for the caller to mark.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from pressbrief.eval.judge.distance import edit_distance
from pressbrief.eval.judge.names import check_names

from ..lexicon.dictionary import cedict
from ..lexicon.feature_names import admin_names_in, feature_names_in, ordinary_chinese, protected_area_names_in
from ..lexicon.known_names import known_names_in
from ..numeric.provinces import place_names
from .english import SURNAMES, person_name, pinyin_word

# Rarer surnames, read as one only between a title and what the person said (部长鄂竟平…要求: AFTER9's "He
# emphasized …" for the minister the 100 commonest surnames missed); characters that also open ordinary words
# after a title (和, 在, 时, 成, 明, 文, 安, 全 …) are left out
_TITLED_SURNAMES = SURNAMES | frozenset(
    "鄂易乔赖庞樊殷施洪翟颜倪牛温芦季俞章鲁葛伍申尤毕聂丛焦柳邢岳齐梅辛祝涂谷祁耿牟卜詹苗凌费纪靳盛童欧甄项曲裴"
    "鲍霍翁隋柯阮桂闵柴冉辜饶刁瞿戚丘滕晋苑邬臧宫苟褚廉简娄符奚穆党郎邸冀姬屠郜晏栾郁蒙窦敖鄢卓仇艾蓝巩虞卞"
    "封竺冼佟栗匡巫鞠桑荆谌岑胥蔺路兰")
# A person named after a title and before what they said (主任胡巧立介绍): the name the model most often misspells
_TITLED = re.compile(r"(?:主任|处长|局长|书记|市长|县长|区长|镇长|村长|主席|经理|董事长|总裁|院长|所长|站长|部长|厅长|"
                     r"教授|研究员|负责人|发言人|秘书长|会长|理事长|队长|科长)"
                     rf"([{''.join(sorted(_TITLED_SURNAMES))}][\u4e00-\u9fff]{{1,2}}?)"
                     r"(?=介绍|表示|说|指出|称|认为|告诉|透露|，|要求|强调|提出|主持|在|\d{1,2}日)")

CLOSE_ENOUGH = 0.6  # letter similarity (difflib ratio) at which a wrong spelling is read as the source's name
_PLACE = re.compile(r"([\u4e00-\u9fff]{2})(?=[市县区镇村乡州岛湖山江河])")
_TITLE = re.compile(r"《([^》]+)》")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


@dataclass(frozen=True)
class Spelling:
    zh: str
    en: str
    origin: str  # known, place, dictionary, person (pinyin of a name), pinyin (of a place)


@dataclass
class NameRepair:
    text: str
    changes: list[dict] = field(default_factory=list)  # {"from", "to", "zh", "origin"}


def source_spellings(sentence: str) -> list[Spelling]:
    """The English spellings of the names ``sentence`` writes, most trusted first."""
    out: list[Spelling] = []
    for zh, names in known_names_in(sentence).items():
        out.append(Spelling(zh, names[0], "known"))
    for zh, en in glossed_names(sentence).items():
        out.append(Spelling(zh, en, "known"))
    places = place_names(sentence)
    for zh, en in (admin_names_in(sentence, places) | places).items():
        out.append(Spelling(zh, en, "place"))
    words = cedict()
    for m in _TITLE.finditer(sentence):
        entry = words.get(m.group(1))
        if entry is not None and entry.proper:
            out.append(Spelling(m.group(1), entry.english, "dictionary"))
    for m in _HAN_RUN.finditer(sentence):
        run = m.group(0)
        for i in range(len(run)):
            for j in range(min(len(run), i + 6), i + 1, -1):
                entry = words.get(run[i:j])
                if entry is not None and entry.proper:
                    out.append(Spelling(run[i:j], entry.english, "dictionary"))
                    break
            if run[i] in SURNAMES:
                for size in (2, 3):
                    if i + size <= len(run) and run[i:i + size] not in words:
                        out.append(Spelling(run[i:i + size], person_name(run[i:i + size]), "person"))
    for m in _PLACE.finditer(sentence):
        if not ordinary_chinese(m.group(1)):
            out.append(Spelling(m.group(1), pinyin_word(m.group(1)), "pinyin"))
    return list({(s.zh, s.en): s for s in out}.values())


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _head(name: str) -> str | None:
    """The last word of a name of several words (Daily, Group, Bank): what kind of body it names."""
    words = name.split()
    return words[-1].lower() if len(words) > 1 else None


def _similarity(wrong: str, right: Spelling, heads: dict[str | None, int]) -> float:
    """Letter similarity, with two rules: a body of the same kind as the only such body the sentence names
    ("People's Daily" for 《工人日报》, Workers' Daily: the model named a newspaper, the wrong one) is close
    enough; a person's name must keep its surname (Zhao Lixiang -> Zhao Lixin, never "One Million Mu" ->
    "Wan Mu" for 万亩)."""
    if len(wrong.split()) > len(right.en.split()) + 1:
        return 0.0  # a long stretch is no misspelling of a short name
    if _letters(right.en).startswith(_letters(wrong)):
        return 0.0  # the name cut short ("Tang River" for 唐河, Tanghe): no misspelling to repair
    if right.origin == "person":
        if len(wrong.split()) < 2:
            return 0.0
        wrong_given, right_given = _letters(" ".join(wrong.split()[1:])), _letters(" ".join(right.en.split()[1:]))
        if wrong.split()[0].lower() != right.en.split()[0].lower():
            # the surname misread, the given name right ("Gao Zhen" for 吴贞, Wu Zhen: catamaran-02, AFTER15): the
            # person the sentence names; any other given name is someone else
            return 1.0 if wrong_given == right_given and len(wrong_given) >= 3 else 0.0
        # the given names alone: a shared surname makes any two names of it look alike
        return SequenceMatcher(None, wrong_given, right_given).ratio()
    if right.origin == "pinyin" and _letters(wrong)[:1] != _letters(right.en)[:1]:
        # a misspelt pinyin name keeps its first sound (Lanzhi, Lianchi for Lanxi); "Sanfeng" is no "Diancheng"
        return 0.0
    a, b = _letters(wrong), _letters(right.en)
    ratio = SequenceMatcher(None, a, b).ratio()
    if a[:1] == b[:1] and a and b:
        # one or two letters changed in a name of the same first sound ("Shanshan" for 松山, Songshan: the block
        # matcher scores it 0.5, the letters say two edits in eight)
        ratio = max(ratio, 1 - edit_distance(a, b) / max(len(a), len(b)))
    head = _head(wrong)
    if right.origin in ("known", "dictionary") and head is not None and head == _head(right.en) \
            and heads.get(head) == 1:
        return max(ratio, CLOSE_ENOUGH)
    return ratio


def _pieces(name: str, untraced: tuple[str, ...]) -> list[tuple[int, int]]:
    """Spans (in ``name``) that may be one wrong name: each part between "and"s that holds an untraced
    word, and the run of untraced words inside it."""
    out = []
    pos = 0
    for part in re.split(r"( and )", name):
        if part != " and " and any(w in part for w in untraced):
            out.append((pos, pos + len(part)))
            hits = [m for m in re.finditer(r"\S+", part) if m.group(0).strip(",.;:'’s") in untraced
                    or m.group(0) in untraced]
            # a person's name untraced whole (eval/judge/names: "Zhao Lixiang" is one run of the source or none)
            out += [(pos + part.index(w), pos + part.index(w) + len(w)) for w in untraced if " " in w and w in part]
            if hits:
                out.append((pos + hits[0].start(), pos + hits[-1].end()))
                # with the word before: the surname the given name belongs to (Zhao + wrong "Lixiang")
                before = [m for m in re.finditer(r"\S+", part) if m.end() <= hits[0].start()]
                if before:
                    out.append((pos + before[-1].start(), pos + hits[-1].end()))
        pos += len(part)
    return list(dict.fromkeys(out))


def repair_names(source_sentence: str, english: str, release: str | None = None) -> NameRepair:
    """``english`` with each name that traces to nothing in the source (``release``, else the sentence)
    spelt as the source sentence writes it, when one of its names is close enough; and what changed."""
    source = release or source_sentence
    untraced = [c for c in check_names(source, english).checks if not c.supported]
    if not untraced:
        return NameRepair(english)
    spellings = source_spellings(source_sentence)
    used = {s.en.lower() for s in spellings if s.en.lower() in english.lower()}
    heads: dict[str | None, int] = {}
    for en in {s.en for s in spellings}:
        heads[_head(en)] = heads.get(_head(en), 0) + 1
    edits: list[tuple[int, int, Spelling]] = []
    for check in untraced:
        best: tuple[float, int, int, Spelling] | None = None
        for a, b in _pieces(check.text, check.untraced):
            wrong = check.text[a:b]
            for s in spellings:
                if s.en.lower() in used:
                    continue
                score = _similarity(wrong, s, heads)
                if score >= CLOSE_ENOUGH and (best is None or score > best[0]):
                    best = (score, check.start + a, check.start + b, s)
        if best is not None:
            edits.append(best[1:])
            used.add(best[3].en.lower())
    changes = []
    for start, end, s in sorted(edits, key=lambda e: e[0], reverse=True):
        changes.append({"from": english[start:end], "to": s.en, "zh": s.zh, "origin": s.origin})
        english = english[:start] + s.en + english[end:]
    return NameRepair(english, changes[::-1])


# A name the release glosses itself: 麦道夫(Bernard L. Madoff), 拼多多（Pinduoduo）
_GLOSSED = re.compile(r"([\u4e00-\u9fff·]{2,12})\s*[（(]\s*([A-Z][A-Za-z.'’&-]*(?:\s+[A-Z][A-Za-z.'’&-]*){0,4})"
                      r"\s*[)）]")


def glossed_names(release: str) -> dict[str, str]:
    """Chinese -> English of the names the release glosses in brackets itself (麦道夫(Bernard L. Madoff)): the
    release's own spelling, given with every sentence that names them (the model wrote 麦道夫 "McDonnell
    Douglas" in a sentence without the gloss)."""
    return {m.group(1).split("·")[-1] if "·" in m.group(1) else m.group(1): m.group(2).strip()
            for m in _GLOSSED.finditer(release)}


def names_to_give(sentence: str, glossed: Mapping[str, str] | None = None) -> dict[str, str]:
    """Chinese -> English of the names a sentence writes that the model is likely to misspell or leave in
    Chinese, given to it with the sentence's figures: companies and outlets by their English names, the
    core's places, an address's city, township and village (恩施市屯堡乡马者村 -> Enshi City, Tunbao Township,
    Mazhe Village), rivers and lakes (滹沱河 -> Hutuo River), and a person named after a title (主任胡巧立介绍 ->
    Hu Qiaoli), and the names the release glosses in brackets elsewhere (``glossed``: ``glossed_names``). Only
    spellings read with confidence: a wrong name given is worse than none."""
    out: dict[str, str] = {zh: names[0] for zh, names in known_names_in(sentence).items()}
    places = place_names(sentence)
    out |= admin_names_in(sentence, places) | places
    out |= feature_names_in(sentence) | protected_area_names_in(sentence)
    out |= titled_persons(sentence)
    out |= {zh: en for zh, en in (glossed or {}).items() if zh in sentence}
    return out


def titled_persons(sentence: str) -> dict[str, str]:
    """Chinese -> English of the persons a sentence names after their title (部长鄂竟平26日…要求 -> E Jingping)."""
    return {m.group(1): person_name(m.group(1)) for m in _TITLED.finditer(sentence) if m.group(1) not in cedict()}
