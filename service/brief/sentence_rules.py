"""The guard's rules for one English brief sentence, judged against the evidence unit it rests on.

On top of the English rules (answer in English, no chatter, names traced — here to the unit's own section),
each candidate sentence must agree with its own source sentence: no direction the span does not state, no
negation it does not write (nor one it lost), no plan stated as done or done as a plan, no example list of
things the source does not name ("including golden bears, red pandas" for 金雕、勺鸡), a section's actor
kept (a zone's figure is never the city's), and a whole sentence rather than a clause fragment. The
figures are checked by the guard against the unit's own extraction (service/brief/writers/evidence.py).
An actor left out is repaired (the sentence is said of its actor); the others reject the candidate, so the
guard tries the next one. Every rejection is recorded with why.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from pressbrief.eval.judge.claims import (
    country_mismatch,
    exchange_rate_mismatch,
    expectation_mismatch,
    marker_mismatch,
    negation_mismatch,
    origin_mismatch,
    plan_mismatch,
    reversed_claims,
    share_mismatch,
    share_scope_mismatch,
    title_mismatch,
)
from pressbrief.eval.judge.list_items import invented_items
from pressbrief.eval.judge.names import check_names, person_shaped
from pressbrief.eval.judge.periods import time_mismatch
from pressbrief.eval.judge.places import place_mismatch

from ..lexicon.dictionary import common_english
from ..lexicon.known_names import known_names_in
from ..numeric.actors import Actor
from ..numeric.provinces import CITIES, PROVINCES, REGIONS
from ..numeric.types import Extraction
from .english import fix_last_year_of_change, fix_part_of_range, fix_share_of_whole, fix_year_edge_month
from .english_rules import REVERSED_CLAIM, english_rules
from .evidence import EvidenceUnit
from .guard import Filter, GuardStats, Rules

NEGATION = "negation"
PLAN = "plan or done"
ACTOR = "actor merged"
INVENTED_ITEM = "invented list item"
PERIOD = "period"
FRAGMENT = "fragment"

# A sentence that starts in the middle: "Reached $163 billion.", "And the rate …", "which is …"
_FRAGMENT_START = re.compile(r"^(?:and|but|or|which|who|whose|while|reached|amounting|including|of|to|with)\b",
                             re.I)
# A slogan's verb with no subject: "Creates a knowledge property innovation hub …", "Promotes the …"
_SUBJECTLESS = re.compile(r"^[A-Z][a-z]+(?<!ss)(?<!is)(?<!as)(?<!us)s\s+(?:a|an|the|its|their|new|more|and)\b")
# Names an English sentence may open with: they keep their capital after a repaired actor ("In the zone, …")
_NAMES = {"China", "Chinese", "I", *CITIES.values(), *PROVINCES.values(), *REGIONS.values()}


# A doer a unit names: a place or a body (河北省, 新乡市, 某公司, 水利厅, 国家统计局)
_NAMES_A_DOER = re.compile(r"[\u4e00-\u9fff]{1,8}(?:省|市|县|自治区|公司|集团|银行|局|部|委|厅|署|办|中心|协会|大学)"
                           r"|[A-Za-z]{2,}")


# A person's office in English, and the titles a Chinese unit names a person by
_EN_PERSON_TITLE = re.compile(r"(?i)\b(?:director|manager|chief|spokes(?:wo)?man|spokesperson|chair(?:man|woman)|"
                              r"president|mayor|governor|minister|professor)\b")
# (a 长 title is no 长江: 管理局长江源园区 is the bureau's Yangtze-source park)
_ZH_PERSON_TITLE = re.compile(r"(?:局|站|处|科|所|市|省|县|区|部|院|校|行|队|会|理事|董事|社)长"
                              r"(?!江|城|沙|春|安|期|远|久|白)|"
                              r"主任|经理|总裁|发言人|负责人|主席|书记|总监|教授|医师|主管|专家|官员|人士|首席|总理|总统|"
                              r"首相|创始人|CEO")


# A courtesy title and the word after it ("Dr. Plasma collected …"): a person only when the word is a name
_TITLED_WORD = re.compile(r"\b(?:Dr|Mr|Ms|Mrs|Prof)\.?\s+([A-Z][a-z]+)\b")


# The model speaking of its task instead of the release: "As the Chinese sentence states, …"
_ABOUT_THE_TASK = re.compile(r"^(?:as (?:stated |said |written )?(?:in )?the (?:chinese |original )?(?:sentence|text|"
                             r"press release|release|source)(?: (?:states|says|notes|shows))?|according to the "
                             r"(?:chinese |original )?(?:sentence|text|press release|source))\s*,\s*"
                             r"|^(?:the )?(?:figures|data|numbers|information)(?: (?:provided|given|shown))? in the "
                             r"(?:chinese |original )?(?:sentence|text|press release|release|source) "
                             r"(?:indicate|indicates|show|shows|state|states|suggest|suggests) that\s+"
                             r"|^(?:the |this )?(?:chinese |original )?(?:sentence|text|press release|release|source) "
                             r"(?:states|says|shows|notes|reports|mentions) that\s+", re.I)

# A sentence about the task or the figures' absence carries nothing of the release, wherever it says so:
# "The figures are not provided.", "The figures provided in the Chinese press release refer to …"
_TASK_TALK = re.compile(r"(?i)\b(?:the|this) (?:chinese|original) (?:sentence|text|press release|release)\b|"
                        r"^(?:the )?(?:figures?|data|numbers?|information)(?: \w+){0,2} (?:are|is|were|was) (?:not |un)"
                        r"(?:provided|given|available|mentioned|stated|specified)(?: here| in the \w+)?\W*$")

# A phrase of three words or more said twice in a row ("at most 4 years old-at most 4 years old-olds"): a
# figure repair written into a compound, or the model looping
_REPEATED_PHRASE = re.compile(r"(?i)\b((?:[\w,.%]+[\s-]+){2,}[\w,.%]+)[\s-]+\1\b")


def _reject(cut: list[dict], stats: GuardStats, text: str, label: str, why: str) -> None:
    cut.append({"text": text.strip(), "why": f"{label}: {why}"})
    stats.note(label.replace(" ", "_"))


def said_of(actor: Actor, text: str) -> str:
    """The sentence said of its actor: "In the … Zone, the zone ranked …" / "According to the … Bureau, …"."""
    text = text.strip()
    first = re.sub(r"\W+$", "", text.split(" ", 1)[0])
    name = first in _NAMES or first.isupper() or any(c.isupper() for c in first[1:]) or first[:1].isdigit()
    body = text if name else text[:1].lower() + text[1:]
    return (f"In {actor.en}, " if actor.place else f"According to {actor.en}, ") + body


def names_actor(actor: Actor, text: str) -> bool:
    low = text.lower()
    return any(re.search(rf"\b{re.escape(head)}s?\b", low) for head in actor.heads) or \
        (bool(actor.en) and actor.en.lower().removeprefix("the ") in low)


# What a sentence's span lets the brief mend before a check would reject it: "from X to Y last year" for 从去年的X到Y
# (last year is X's), "one-third of the species" for 全市近三分之一 (the city's), "the first half of 2022 to 2023"
# for 2022年~2023年上半年 (2023's), "January 2005" for 2005年初 ("early 2005")
CLAIM_REPAIRS: tuple[Callable[[str, str], str], ...] = (fix_last_year_of_change, fix_share_of_whole, fix_part_of_range,
                                                       fix_year_edge_month)


def unit_rules(unit: EvidenceUnit, unit_extraction: Extraction, section_text: str,
               city: tuple[str, str] | None = None, follows: bool = False) -> Rules:
    """The rules for a sentence written from ``unit`` (``unit_extraction``: the core's reading of its text;
    ``section_text``: what its names may trace to; ``city``: the release's city, Chinese and English; ``follows``:
    the brief's sentence before it is the source sentence before it, which may say whose its figures are)."""
    city_zh, city_en = city if city else (None, None)
    # the actor's English name is the core's: its city (新乡市) traces it even where the section never names the city
    names_source = " ".join([section_text, unit.text, unit.actor.zh if unit.actor else "", city_zh or ""])
    base = english_rules(unit_extraction, names_source=names_source)
    span = unit.text
    actor = unit.actor
    own_names = " ".join([unit.text, actor.zh if actor else ""])  # what a person named in the sentence traces to
    # the city as subject of a sentence from a zone's section, where the span never names the city
    city_words = [w for w in (city_en, "the city", "the municipality") if w]
    span_names_city = bool(re.search(r"(?<!超)市(?!场)", span.replace(actor.zh if actor else "\0", "")))

    def about_the_task(text: str, stats: GuardStats, cut: list[dict]) -> str | None:
        # first, before the names check reads "As the Chinese sentence states" as a name
        body = text.strip()
        told = _ABOUT_THE_TASK.match(body)
        if not told:
            return text
        stats.note("chatter")
        body = body[told.end():]
        return body[:1].upper() + body[1:]

    def whole_sentence(text: str, stats: GuardStats, cut: list[dict]) -> str | None:
        body = text.strip()
        if not body:
            return text
        if len(body.split()) < 4 or _FRAGMENT_START.match(body) or body[:1].islower() or _SUBJECTLESS.match(body):
            _reject(cut, stats, body, FRAGMENT, "not a whole sentence")
            return ""
        if _TASK_TALK.search(body):
            _reject(cut, stats, body, FRAGMENT, "talk about the task, not what the release says")
            return ""
        if _REPEATED_PHRASE.search(body):
            _reject(cut, stats, body, FRAGMENT, "a phrase said twice over, not a sentence")
            return ""
        return text

    def rejecting(label: str, why_of: Callable[[str], str | None]) -> Filter:
        """A filter that rejects a candidate when ``why_of`` says why it disagrees with its span."""
        def keep(text: str, stats: GuardStats, cut: list[dict]) -> str | None:
            if not text.strip():
                return text  # rejected already
            why = why_of(text)
            if why:
                _reject(cut, stats, text, label, why)
                return ""
            return text
        return keep

    def reversed_direction(text: str) -> str | None:
        found = reversed_claims(span, text)
        return found[0].note if found else expectation_mismatch(span, text) or share_mismatch(span, text) or \
            share_scope_mismatch(span, text) or exchange_rate_mismatch(span, text) or marker_mismatch(span, text) or \
            origin_mismatch(span, text) or title_mismatch(span, text)

    def invented(text: str) -> str | None:
        items = invented_items(names_source, text)
        return "the source names no " + ", ".join(f'"{i}"' for i in items) if items else None

    def mended(text: str, stats: GuardStats, cut: list[dict]) -> str | None:
        """Repair before reject (``CLAIM_REPAIRS``, in order): a share said without the whole its span names, "from X
        to Y last year" for 从去年的X到Y, a half moved to the first year of a span, a month put on 年初/年底."""
        if not text.strip():
            return text
        fixed = text
        for repair in CLAIM_REPAIRS:
            fixed = repair(fixed, span)
        if fixed != text:
            stats.note("claim_repaired")
        return fixed

    def someone_else(text: str) -> str | None:
        """A person the unit does not name: a pinyin name traced elsewhere in the section (catamaran-00, AFTER18:
        黄峥's resignation given to "Ma Huateng", named in another paragraph, and to "Ren Zhong", a run of 担任中国),
        or a title before an ordinary word ("Dr. Plasma" for 血浆)."""
        for check in check_names(names_source, text).checks:
            if person_shaped(check.text) and not all(c.supported for c in check_names(own_names, check.text).checks):
                return f"{check.text} is no one the unit names"
        title = _TITLED_WORD.search(text)
        if title and title.group(1).lower() in common_english():
            return f"'{title.group(0)}' is a title before an ordinary word, not a person"
        office = _EN_PERSON_TITLE.search(text)
        if office and not _ZH_PERSON_TITLE.search(span):
            # 可可西里管理处统计 (an office's count) written "the management director of the park" (L0514, AFTER18)
            return f"'{office.group(0)}': the unit names no person with a title"
        known = known_names_in(span)
        for (zh1, en1), (zh2, en2) in ((a, b) for a in known.items() for b in known.items() if a[0] != b[0]):
            if zh1 + zh2 in span and not re.search(rf"{zh1}[和与及、]{zh2}", span) and any(
                    re.search(rf"\b{re.escape(a.removeprefix('the '))}\s+(?:and\s+(?:the\s+)?)?"
                              rf"{re.escape(b.removeprefix('the '))}\b", text) for a in en1 for b in en2):
                # 普华永道恒大地产年报…审计 is PwC's audit of Evergrande: "PwC and Evergrande did not perform …", "PwC
                # Evergrande" run together as one name
                return f"{en1[0]} and {en2[0]} said together where the source writes {zh1}{zh2} (one of the other's)"
        return None

    def nobodys(text: str) -> str | None:
        """The brief's first sentence, with a figure, naming nobody where its unit names its doer (河北省…陆续向28条
        河流实施了生态补水… written "In total, 1.75 billion cubic metres of water has been discharged.", L0224,
        AFTER18: no sentence of the brief said whose water it was)."""
        if follows or unit.index or not unit_extraction.metrics or not _NAMES_A_DOER.search(span):
            return None  # after the brief's first sentence, the sentences before it say whose a figure is
        words = re.findall(r"\b[A-Z][\w'’.-]*", text)
        named = [w for i, w in enumerate(words)
                 if not (text.strip().startswith(w) and i == 0 and w.lower() in common_english())]
        return None if named else "a figure with no one it is of: the source names who"

    own_direction = rejecting(REVERSED_CLAIM, reversed_direction)
    unnamed = rejecting(FRAGMENT, nobodys)
    listed = rejecting(INVENTED_ITEM, invented)
    negation = rejecting(NEGATION, lambda text: negation_mismatch(span, text))
    plan = rejecting(PLAN, lambda text: plan_mismatch(span, text))
    period = rejecting(PERIOD, lambda text: time_mismatch(span, text))
    country = rejecting(ACTOR, lambda text: country_mismatch(span, text) or place_mismatch(unit_extraction, text) or
                        someone_else(text))

    def kept_actor(text: str, stats: GuardStats, cut: list[dict]) -> str | None:
        if not text.strip():
            return text  # rejected already
        if actor is None or not actor.sub_place or not actor.en:
            return text
        without_own = re.sub(re.escape(actor.en.removeprefix("the ")), "", text, flags=re.I)
        if not span_names_city and any(w.lower() in without_own.lower() for w in city_words) \
                and not names_actor(actor, text):
            _reject(cut, stats, text, ACTOR, f"the city given what {actor.zh} did")
            return ""
        if not names_actor(actor, text):
            stats.note("actor_added")
            return said_of(actor, text)
        return text

    extra: tuple[Filter, ...] = (whole_sentence, mended, own_direction, negation, plan, period, listed, country,
                                 kept_actor, unnamed)
    return replace(base, filters=(about_the_task, *base.filters, *extra))
