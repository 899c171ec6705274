"""Faults on purpose against model files (issue 26): truncated, empty and damaged weights, a garbage
tokenizer.json, a garbage GGUF whose .verified stamp matches. Each is the model error (exit 3) naming where,
never a traceback. `pressbrief summarize` as a subprocess (a fresh model cache), the tiny model's files copied."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pressbrief.models.assemble import _write_stamp, gguf_cache_path
from pressbrief.models.registry import get_entry
from pressbrief.models.tiny import build_tiny
from pressbrief.service.errors import ModelError

RELEASE = "新乡市今年新增商标注册10430件，同比增长25.72%，居全省第一。"


def _summarize(tmp_path: Path, model: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    release = tmp_path / "release.txt"
    release.write_text(RELEASE, encoding="utf-8")
    command = [sys.executable, "-m", "pressbrief.service.cli", "summarize", str(release), "--model", model]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, env=dict(os.environ, **env))


def _damaged_tiny(tmp_path: Path, damage: str) -> Path:
    copy = tmp_path / "tiny-qwen2"
    shutil.copytree(build_tiny("tiny-qwen2"), copy)
    weights, tokenizer = copy / "model.safetensors", copy / "tokenizer.json"
    if damage == "truncated":
        weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])
    elif damage == "empty":
        weights.write_bytes(b"")
    elif damage == "header":
        data = bytearray(weights.read_bytes())
        data[8:40] = b"\xff" * 32  # the JSON header right after its length
        weights.write_bytes(bytes(data))
    elif damage == "tokenizer":
        tokenizer.write_text("{ this is not a tokenizer", encoding="utf-8")
    return copy


@pytest.mark.parametrize("damage", ["truncated", "empty", "header", "tokenizer"])
def test_damaged_model_files_are_the_model_error(tmp_path, damage):
    copy = _damaged_tiny(tmp_path, damage)
    done = _summarize(tmp_path, "tiny-qwen2", {"PRESSBRIEF_MODEL_PATH_TINY_QWEN2": str(copy),
                                               "PRESSBRIEF_RUNTIME": "fp32"})
    assert done.returncode == ModelError.exit_code and "Traceback" not in done.stderr, done.stderr[-3000:]
    assert str(copy) in done.stderr and "tiny-qwen2" in done.stderr


def test_a_garbage_gguf_with_a_matching_stamp_is_the_model_error_naming_the_file(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("PRESSBRIEF_HOME", str(home))
    entry = get_entry("qwen2.5-coder-1.5b-instruct")
    gguf = gguf_cache_path(entry)
    gguf.parent.mkdir(parents=True)
    gguf.write_bytes(b"GGUF" + os.urandom(4096))
    _write_stamp(gguf)  # the stamp matches: the file is trusted as the checked one
    done = _summarize(tmp_path, entry.name, {"PRESSBRIEF_HOME": str(home), "PRESSBRIEF_RUNTIME": "fp32"})
    assert done.returncode == ModelError.exit_code and "Traceback" not in done.stderr, done.stderr[-3000:]
    assert str(gguf) in done.stderr and ".verified" in done.stderr


def test_weights_changed_after_the_build_are_refused_by_their_checksum(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("PRESSBRIEF_HOME", str(home))
    weights = build_tiny("tiny-qwen2") / "model.safetensors"
    data = bytearray(weights.read_bytes())
    data[-64:] = bytes(b ^ 0x55 for b in data[-64:])  # weight bytes, not the header: loads and runs silently
    weights.write_bytes(bytes(data))
    done = _summarize(tmp_path, "tiny-qwen2", {"PRESSBRIEF_HOME": str(home), "PRESSBRIEF_RUNTIME": "fp32"})
    assert done.returncode == ModelError.exit_code and "Traceback" not in done.stderr, done.stderr[-3000:]
    assert str(weights) in done.stderr and "sha256" in done.stderr
