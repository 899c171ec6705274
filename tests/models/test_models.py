"""Registry, default-model assembly and the tiny models' loaders and generation paths."""

from __future__ import annotations

import hashlib
import threading

import pytest

from pressbrief.models import Cancelled, get_entry, load_generator, load_registry
from pressbrief.models.assemble import assemble_gguf, part_paths
from pressbrief.models.registry import ModelEntry
from pressbrief.service.cli import main
from pressbrief.service.errors import ModelError


def test_registry_entries_are_complete():
    registry = load_registry()
    assert {"qwen2.5-coder-1.5b-instruct", "tiny-qwen2", "tiny-marian", "opus-mt-zh-en", "mt5-xlsum"} <= set(registry)
    for entry in registry.values():
        assert entry.tasks and entry.family in ("decoder-only", "encoder-decoder")
        assert entry.licence and entry.context > 0 and entry.prompt
    default = registry["qwen2.5-coder-1.5b-instruct"]
    assert default.default and default.size == 1117320768 and len(default.sha256) == 64
    assert "NON-COMMERCIAL" in registry["mt5-xlsum"].licence_note


def test_unknown_model_is_a_clear_error():
    with pytest.raises(ModelError, match="unknown model 'nope'.*tiny-qwen2"):
        get_entry("nope")


def _fake_parts(tmp_path, monkeypatch, contents: list[bytes], missing: int | None = None) -> ModelEntry:
    """Install fake part modules exposing get_part_path(), like the PyPI wheels do."""
    import sys
    import types

    for i, data in enumerate(contents, start=1):
        name = f"fakepart_{i}"
        if i == missing:
            monkeypatch.delitem(sys.modules, name, raising=False)
            continue
        path = tmp_path / f"part{i}.bin"
        path.write_bytes(data)
        mod = types.ModuleType(name)
        mod.get_part_path = lambda p=path: str(p)
        monkeypatch.setitem(sys.modules, name, mod)
    blob = b"".join(contents)
    return ModelEntry(name="fake", tasks=("brief",), family="decoder-only", architecture="qwen2",
                      source="pypi-parts:fakepart-", licence="x", context=10, prompt="chatml",
                      sha256=hashlib.sha256(blob).hexdigest(), size=len(blob),
                      extra={"parts": len(contents), "parts_version": "0.2.0", "install": "pip install fake"})


def test_assembly_streams_parts_verifies_and_caches(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSBRIEF_HOME", str(tmp_path / "home"))
    entry = _fake_parts(tmp_path, monkeypatch, [b"GGUF" + b"a" * 100, b"b" * 50, b"c" * 7])
    path = assemble_gguf(entry)
    assert path.read_bytes() == b"GGUF" + b"a" * 100 + b"b" * 50 + b"c" * 7
    assert not list(path.parent.glob(".*.tmp"))  # nothing half-written left behind
    assert assemble_gguf(entry) == path  # cached: no re-assembly


def test_a_cached_file_changed_after_its_check_is_hashed_again(tmp_path, monkeypatch):
    """Four bytes zeroed in the middle, with the mtime set back as it was: never used as verified."""
    import os

    monkeypatch.setenv("PRESSBRIEF_HOME", str(tmp_path / "home"))
    entry = _fake_parts(tmp_path, monkeypatch, [b"GGUF" + b"a" * 100, b"b" * 50])
    path = assemble_gguf(entry)
    st = path.stat()
    with path.open("r+b") as fh:
        fh.seek(60)
        fh.write(b"\0\0\0\0")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # the same size and mtime as when it was hashed
    with pytest.raises(ModelError, match="checksum MISMATCH.*changed after it was checked"):
        assemble_gguf(entry)
    path.unlink()
    assert assemble_gguf(entry).read_bytes()[60:64] == b"aaaa"  # assembled again from the parts
    stamp = path.with_suffix(".verified")
    stamp.unlink()  # a lost stamp: hashed again, found good, stamped again
    assert assemble_gguf(entry) == path and stamp.is_file()


def test_assembly_refuses_bad_checksum(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSBRIEF_HOME", str(tmp_path / "home"))
    entry = _fake_parts(tmp_path, monkeypatch, [b"a" * 10, b"b" * 10])
    bad = ModelEntry(**{**entry.__dict__, "sha256": "0" * 64})
    with pytest.raises(ModelError, match="checksum mismatch.*pip install --force-reinstall"):
        assemble_gguf(bad)
    assert not (tmp_path / "home" / "gguf" / f"{'0' * 64}.gguf").exists()


def test_missing_part_names_the_pip_command(tmp_path, monkeypatch):
    entry = _fake_parts(tmp_path, monkeypatch, [b"a", b"b", b"c"], missing=2)
    with pytest.raises(ModelError, match=r"1 of 3 weight parts.*fakepart-2==0\.2\.0.*pip install fake"):
        part_paths(entry)


def test_hub_model_without_network_says_how_to_get_it(monkeypatch):
    monkeypatch.delenv("PRESSBRIEF_ALLOW_NETWORK", raising=False)
    with pytest.raises(ModelError, match="PRESSBRIEF_MODEL_PATH_OPUS_MT_ZH_EN"):
        load_generator("opus-mt-zh-en")


def test_hub_model_loads_from_local_dir(monkeypatch):
    """The hub entries' code path: a local folder with a Marian checkpoint (here the tiny one)."""
    from pressbrief.models.tiny import build_tiny

    monkeypatch.setenv("PRESSBRIEF_MODEL_PATH_OPUS_MT_ZH_EN", str(build_tiny("tiny-marian")))
    gen = load_generator("opus-mt-zh-en")
    out = gen.generate_many(["新增商标注册10430件。", "同比增长25.72%。"], max_new_tokens=8)
    assert len(out) == 2 and all(r.prompt_tokens > 0 for r in out)


@pytest.mark.parametrize("name", ["tiny-qwen2", "tiny-marian", "tiny-t5"])
def test_tiny_models_generate_deterministically(name):
    gen = load_generator(name)
    prompt = "新乡市今年新增商标注册10430件,同比增长25.72%。"
    a = gen.generate(prompt, max_new_tokens=12)
    b = gen.generate(prompt, max_new_tokens=12)
    assert a.text == b.text and a.prompt_tokens > 0
    assert a.new_tokens <= 12


def test_shared_prefix_cache_gives_same_output_as_separate_calls():
    gen = load_generator("tiny-qwen2")
    source = "新乡市今年新增商标注册10430件,同比增长25.72%。" * 4
    prompts = [[{"role": "user", "content": source + "请用中文概括。"}],
               [{"role": "user", "content": source + "Summarize in English."}]]
    together = gen.generate_many(prompts, max_new_tokens=10)
    apart = [gen.generate(p, max_new_tokens=10) for p in prompts]
    # the first prompt prefilled the shared prefix; the second took a copy of it
    assert together[0].cached_tokens == 0 and together[1].cached_tokens > 16
    assert [r.text for r in together] == [r.text for r in apart]
    assert together[0].new_tokens == apart[0].new_tokens


def test_cancel_stops_generation():
    gen = load_generator("tiny-qwen2")
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        gen.generate("新增商标注册10430件", max_new_tokens=50, cancel=cancel)


def test_seq2seq_refuses_input_over_context_instead_of_truncating():
    gen = load_generator("tiny-marian")
    with pytest.raises(ValueError, match="exceeds its context"):
        gen.generate("新增商标注册10430件。" * 400, max_new_tokens=4)


def test_models_list_and_verify_cli(capsys):
    assert main(["models", "list"]) == 0
    out = capsys.readouterr().out
    assert "qwen2.5-coder-1.5b-instruct *" in out and "CC-BY-NC-SA-4.0" in out and "Apache-2.0" in out
    assert main(["models", "list", "--json"]) == 0
    assert '"status"' in capsys.readouterr().out
    assert main(["models", "verify", "tiny-qwen2"]) == 0


def test_runtime_resolution(monkeypatch):
    from pressbrief.models.loaders import resolve_runtime

    default = get_entry("qwen2.5-coder-1.5b-instruct")
    tiny = get_entry("tiny-qwen2")
    assert resolve_runtime(tiny, "auto") == "fp32"
    with pytest.raises(ModelError, match="needs a GGUF model"):
        resolve_runtime(tiny, "llama.cpp")
    with pytest.raises(ModelError, match="unknown runtime"):
        resolve_runtime(default, "fp8")
    monkeypatch.setattr("pressbrief.models.runtimes.llamacpp.available", lambda: False)
    assert resolve_runtime(default, "auto") == "fp32"
    with pytest.raises(ModelError, match="llama-cpp-python"):
        resolve_runtime(default, "llama.cpp")
    monkeypatch.setattr("pressbrief.models.runtimes.llamacpp.available", lambda: True)
    assert resolve_runtime(default, "auto") == "llama.cpp"


def test_chatml_matches_the_tokenizer_chat_template():
    """The llama.cpp path renders ChatML itself; it must equal what the HF template renders."""
    from pressbrief.models.runtimes.llamacpp import chatml

    gen = load_generator("tiny-qwen2")
    messages = [{"role": "system", "content": "你是编辑。"}, {"role": "user", "content": "概括：10430件。"}]
    assert chatml(messages) == gen.tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)


def test_common_prefix_len_is_what_every_sequence_shares():
    from pressbrief.models.runtimes import common_prefix_len

    assert common_prefix_len([[1, 2, 3, 4], [1, 2, 9], [1, 2, 3]]) == 2
    assert common_prefix_len([[5, 6], [5, 6, 7]]) == 2
    assert common_prefix_len([[1], [2]]) == 0
