"""A user's own glossary (PRESSBRIEF_GLOSSARY / --glossary FILE): terms added or overridden without editing
the package, bad files refused clearly, and `pressbrief extract` naming the labels that lack a term."""

from __future__ import annotations

import json

import pytest

from pressbrief.service.cli.main import main
from pressbrief.service.errors import InputError
from pressbrief.service.numeric import extract, glossary_lookup
from pressbrief.service.numeric.glossary import read_user_glossary


@pytest.fixture
def user_glossary(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[terms]\n"豫北" = "northern Henan"\n"质押融资" = "IP-backed lending"\n', encoding="utf-8")
    return path


def test_user_terms_are_added_and_win(user_glossary, monkeypatch):
    assert glossary_lookup("豫北") is None
    before = glossary_lookup("质押融资")
    monkeypatch.setenv("PRESSBRIEF_GLOSSARY", str(user_glossary))
    assert glossary_lookup("豫北") == "northern Henan"
    assert glossary_lookup("质押融资") == "IP-backed lending" != before
    assert glossary_lookup("新增商标注册")  # the package's terms are still there
    monkeypatch.delenv("PRESSBRIEF_GLOSSARY")
    assert glossary_lookup("豫北") is None  # keyed by the file: no stale cache


def test_bad_glossaries_are_clear_errors(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        read_user_glossary(str(tmp_path / "missing.toml"))
    broken = tmp_path / "broken.toml"
    broken.write_text("[terms\n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid TOML"):
        read_user_glossary(str(broken))
    odd = tmp_path / "odd.toml"
    odd.write_text('[words]\n"a" = "b"\n', encoding="utf-8")
    with pytest.raises(InputError, match="unknown section"):
        read_user_glossary(str(odd))
    empty = tmp_path / "empty.toml"
    empty.write_text('[terms]\n"豫北" = ""\n', encoding="utf-8")
    with pytest.raises(InputError, match="needs an English string"):
        read_user_glossary(str(empty))


def test_extract_lists_labels_without_a_term_and_glossary_flag_fills_them(sample_text, tmp_path, user_glossary,
                                                                          capsys, monkeypatch):
    src = tmp_path / "r.txt"
    src.write_text(sample_text, encoding="utf-8")
    assert main(["extract", str(src), "--json"]) == 0
    missing = json.loads(capsys.readouterr().out)["untranslated_labels"]
    assert "豫北" in missing
    assert main(["extract", str(src)]) == 0
    assert "labels with no English term" in capsys.readouterr().out
    monkeypatch.setenv("PRESSBRIEF_GLOSSARY", "")  # empty: none; and the flag's setting is undone after the test
    assert main(["extract", str(src), "--json", "--glossary", str(user_glossary)]) == 0
    assert "豫北" not in json.loads(capsys.readouterr().out)["untranslated_labels"]
    assert main(["extract", str(src), "--glossary", str(tmp_path / "nope.toml")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_a_user_term_reaches_the_metric_labels(sample_text, user_glossary, monkeypatch):
    monkeypatch.setenv("PRESSBRIEF_GLOSSARY", str(user_glossary))
    labels = {m.label: m.label_en for m in extract(sample_text).metrics}
    assert labels.get("豫北") == "northern Henan"
