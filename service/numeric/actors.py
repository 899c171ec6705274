"""Who did what: each section's actor, and the release's own place, resolved by the core.

A release of several articles (the city's market-supervision bureau, then the economic development zone)
reports each body's figures in its own section; the segmenter reads the byline line (市市场监管局, 经开区)
as the section's ``entity``. Here that entity gets an English name, and the first-person words a release
uses for its actors (我市 "our city", 我区 "our zone") are replaced by who they mean, so a sentence taken
out of its section still says whose figure it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .glossary import glossary_lookup, vocabulary
from .provinces import CITIES, PROVINCES
from .types import Extraction

# A place-like actor: its figures are "in" it; the other actors (bureaus, companies) report them.
_PLACE_ENDS = ("区", "县", "市", "镇", "乡", "街道", "园", "州")
# Heads an English sentence uses when it names a sub-unit of the release's place: the check that a zone's
# figure is not given to the city looks for one of them.
_HEADS = {"区": ("zone", "district", "area", "park"), "园": ("park", "zone"), "县": ("county",),
          "镇": ("town", "township"), "乡": ("township", "town"), "街道": ("subdistrict", "street"),
          "州": ("prefecture",)}


@dataclass(frozen=True)
class Actor:
    zh: str  # as the release writes it: 经开区, 市市场监管局
    en: str  # "the Xinxiang Economic and Technological Development Zone"
    place: bool  # figures are in it (a zone, a county), rather than reported by it (a bureau, a company)
    heads: tuple[str, ...] = ()  # English words that name it in a sentence ("zone"); empty: no check

    @property
    def sub_place(self) -> bool:
        """A place inside the release's own (a zone of the city): its figures must not read as the city's."""
        return self.place and bool(self.heads)

    def to_json(self) -> dict:
        return {"zh": self.zh, "en": self.en, "place": self.place}


def release_city(extraction: Extraction) -> tuple[str, str] | None:
    """The city the release is about (新乡市, Xinxiang): the first known city its text names with 市."""
    text = extraction.text
    found = [(text.find(name + "市"), name) for name in CITIES if name + "市" in text]
    if not found:
        return None
    _, name = min(found)
    return name + "市", CITIES[name]


def _title(words: str) -> str:
    small = {"and", "for", "of", "the", "in", "on"}
    return " ".join(w if w in small else w[:1].upper() + w[1:] for w in words.split())


def actor_of(entity: str, city: tuple[str, str] | None) -> Actor:
    """An entity of the release with its English name: the glossary's term, qualified by the release's city
    (市市场监管局 of Xinxiang -> "the Xinxiang Municipal Administration for Market Regulation")."""
    place = entity.endswith(_PLACE_ENDS)
    head_key = next((end for end in _HEADS if entity.endswith(end)), None)
    is_city = city is not None and entity in (city[0], city[0][:-1])
    heads = () if is_city or head_key is None else _HEADS[head_key]
    words = vocabulary()
    english = words.get(entity) or glossary_lookup(entity) or words.get(entity.lstrip("市")) or ""
    if is_city:
        return Actor(entity, city[1], True, ())
    if not english:
        return Actor(entity, "", place, heads)
    qualifier = city[1] + " " if city is not None and not entity.startswith(tuple(CITIES)) else ""
    return Actor(entity, "the " + qualifier + _title(english), place, heads)


def section_actors(extraction: Extraction) -> dict[int, Actor | None]:
    """Each section's actor (None where the release names none)."""
    city = release_city(extraction)
    return {s.id: (actor_of(s.entity, city) if s.entity else None) for s in extraction.sections}


_FIRST_PERSON = re.compile(r"我(国|市|区|县|省|局|镇|园)")


def resolve_first_person(text: str, actor: Actor | None, city: tuple[str, str] | None,
                         province: str | None = None) -> str:
    """我国/我市/我区/我省… as the body they mean, when the release says which (else left as written)."""

    def name(match: re.Match) -> str:
        kind = match.group(1)
        if kind == "国":
            return "中国"
        if kind == "市" and city is not None:
            return city[0]
        if kind == "省" and province:
            return province
        if actor is not None and actor.zh.endswith(kind):
            return actor.zh
        return match.group(0)

    return _FIRST_PERSON.sub(name, text)


def release_province(extraction: Extraction) -> str | None:
    """The province as the release writes it (河南省), from its text or its city."""
    text = extraction.text
    for name in PROVINCES:
        if name + "省" in text:
            return name + "省"
    return None
