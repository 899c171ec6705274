"""Encoder-decoder models on CTranslate2: the tiny Marian converted in the test, batched, never truncated."""

from __future__ import annotations

import pytest

pytest.importorskip("ctranslate2", reason="ctranslate2 is not installed (pip install 'pressbrief[ctranslate2]')")

from pressbrief.models import load_generator  # noqa: E402
from pressbrief.models.runtimes.ctranslate2 import converted_dir  # noqa: E402
from pressbrief.models.tiny import build_tiny  # noqa: E402
from pressbrief.service.errors import ModelError  # noqa: E402

SENTENCES = ["新增商标注册10430件。", "同比增长25.72%。", "知识产权质押融资12.62亿元。"]


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSBRIEF_HOME", str(tmp_path))
    return tmp_path


def test_tiny_marian_is_converted_once_and_translates_a_batch(home):
    gen = load_generator("tiny-marian", runtime="ctranslate2")
    assert gen.runtime == "ctranslate2"
    out = gen.generate_many(SENTENCES, max_new_tokens=8)
    assert len(out) == 3 and all(r.prompt_tokens > 0 and 0 < r.new_tokens <= 8 for r in out)
    again = gen.generate_many(SENTENCES, max_new_tokens=8)
    assert [r.text for r in again] == [r.text for r in out]  # greedy: deterministic
    folders = list((home / "ct2").iterdir())
    assert len(folders) == 1 and (folders[0] / ".verified").is_file() and folders[0].name.endswith("-int8")
    assert converted_dir(build_tiny("tiny-marian")) == folders[0]  # the cached copy, not a second conversion


def test_input_over_context_is_refused_not_truncated(home):
    gen = load_generator("tiny-marian", runtime="ctranslate2")
    with pytest.raises(ValueError, match="exceeds its context"):
        gen.generate("新增商标注册10430件。" * 400, max_new_tokens=4)


def test_converted_weights_changed_after_their_check_are_an_error(home):
    source = build_tiny("tiny-marian")
    folder = converted_dir(source)
    model_bin = folder / "model.bin"
    data = bytearray(model_bin.read_bytes())
    data[len(data) // 2:len(data) // 2 + 4] = b"\0\0\0\0"
    model_bin.write_bytes(bytes(data))
    with pytest.raises(ModelError, match="does not match its checksum"):
        converted_dir(source)


def test_a_runtime_for_the_wrong_family_is_a_clear_error():
    with pytest.raises(ModelError, match="encoder-decoder"):
        load_generator("tiny-qwen2", runtime="ctranslate2")


def test_translate_pipeline_runs_on_ctranslate2(home, sample_text, monkeypatch):
    from pressbrief.service.brief.translate import translate

    monkeypatch.setenv("PRESSBRIEF_RUNTIME", "ctranslate2")
    result = translate(sample_text[:400], model="tiny-marian").to_json()
    assert result["sentences"] and all("target" in s for s in result["sentences"])
