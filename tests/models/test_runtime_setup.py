"""`pressbrief setup` and the llama.cpp build plan (models/runtime_build.py), and the token meter
that drives the terminal progress line."""

from __future__ import annotations

import io
import sys

import pytest

from pressbrief.models import runtime_build as rb
from pressbrief.models.registry import runtime_info
from pressbrief.models.runtimes import token_meter
from pressbrief.service.cli.main import main
from pressbrief.service.cli.writing_progress import WritingProgress
from pressbrief.service.progress import ProgressEvent

ZEN4 = "processor\t: 0\nflags\t\t: fpu sse2 avx f16c fma avx2 avx512f avx512_bf16 amx_tile\n"


def test_cpu_flags_are_read_from_cpuinfo():
    assert {"avx2", "avx512f", "amx_tile"} <= rb.cpu_flags(ZEN4)
    assert rb.cpu_flags("Features\t: fp asimd sve\n") == {"fp", "asimd", "sve"}
    assert rb.cpu_flags("") == set()


def test_x86_with_avx2_builds_avx2_kernels_and_never_avx512_or_amx():
    args, cpu = rb.choose_cmake_args("x86_64", rb.cpu_flags(ZEN4))
    assert "-DGGML_NATIVE=OFF" in args and "-DGGML_AVX2=ON" in args and "AVX2" in cpu
    # the CPU reports AVX-512 and AMX, and the native build using them died with Illegal instruction
    assert "-DGGML_AVX512=OFF" in args and "-DGGML_AMX_TILE=OFF" in args
    assert "-DLLAVA_BUILD=OFF" in args  # pressbrief does not use llava/mtmd: a shorter build


def test_older_x86_gets_no_avx2_and_other_machines_keep_native_detection():
    args, _ = rb.choose_cmake_args("x86_64", {"avx", "sse2"})
    assert "-DGGML_AVX2=OFF" in args and "-DGGML_AVX=ON" in args
    args, _ = rb.choose_cmake_args("x86_64", {"sse2"})
    assert "-DGGML_AVX=OFF" in args
    args, cpu = rb.choose_cmake_args("aarch64", {"asimd"})
    assert not any(a.startswith("-DGGML_NATIVE") for a in args) and "aarch64" in cpu


def test_the_pinned_requirement_matches_the_llama_extra():
    import tomllib
    from pathlib import Path

    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    assert pyproject["project"]["optional-dependencies"]["llama"] == [runtime_info("llama.cpp")["requirement"]]
    for name in ("llama.cpp", "transformers", "openai"):
        assert runtime_info(name)["licence"] and runtime_info(name)["origin"]


def test_no_compiler_is_a_clear_refusal_not_an_attempt(tmp_path):
    plan = rb.BuildPlan("llama-cpp-python==0.3.36", (), "test cpu", compiler=None)
    ok, message = rb.build(plan, tmp_path / "build.log")
    assert not ok and "no C++ compiler" in message and not (tmp_path / "build.log").exists()


def test_a_failed_build_names_its_log(tmp_path):
    plan = rb.BuildPlan(str(tmp_path / "no-such-project"), (), "test cpu", compiler="/usr/bin/c++")
    ok, message = rb.build(plan, tmp_path / "logs" / "build.log")
    assert not ok and "see" in message and str(tmp_path / "logs" / "build.log") in message
    assert "CMAKE_ARGS" in (tmp_path / "logs" / "build.log").read_text()


def test_setup_dry_run_prints_the_plan(capsys):
    assert main(["setup", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "llama-cpp-python==" in out and "CMAKE_ARGS:" in out


@pytest.fixture
def no_compiler(monkeypatch):
    monkeypatch.setattr(rb, "installed_version", lambda: None)
    monkeypatch.setattr(rb, "find_compiler", lambda: None)
    monkeypatch.setattr("pressbrief.models.runtimes.llamacpp.available", lambda: False)
    # preparing the fp32 checkpoint takes minutes; what is tested here is the message and exit code
    monkeypatch.setattr("pressbrief.models.weights.resolve_model_dir", lambda entry: "/prepared")


def test_setup_without_a_compiler_falls_back_and_says_so(no_compiler, capsys):
    assert main(["setup"]) == 0
    err = capsys.readouterr().err
    assert "no C++ compiler" in err and "PyTorch fp32 runtime" in err and "ready for runtime fp32" in err


def test_setup_strict_fails_without_the_fast_runtime(no_compiler, capsys):
    assert main(["setup", "--strict"]) == 3


def test_setup_prepares_a_model_that_needs_no_build(capsys):
    assert main(["setup", "--model", "tiny-qwen2"]) == 0
    assert "model tiny-qwen2: ready for runtime fp32" in capsys.readouterr().err


def test_the_token_meter_hears_every_generated_token():
    from pressbrief.models import load_generator

    gen = load_generator("tiny-qwen2")
    heard: list[int] = []
    with token_meter(heard.append):
        results = gen.generate_many(["你好", "新乡市"], max_new_tokens=6)
    assert sum(heard) >= sum(r.new_tokens for r in results) > 0
    heard.clear()
    gen.generate("你好", max_new_tokens=4)  # outside the context: nobody listens
    assert heard == []


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_writing_progress_shows_stage_and_tokens_on_a_terminal_only():
    tty = _Tty()
    with WritingProgress(stream=tty) as bar, token_meter(bar.tokens):
        bar.stage(ProgressEvent("generate", "chunk 1/1: generating zh, en", chunk=1, chunks=1))
        for _ in range(12):
            bar.tokens(1)
        bar._bar.refresh()
        shown = tty.getvalue()
    assert "generating zh, en" in shown and "12 tokens written" in shown
    piped = io.StringIO()
    with WritingProgress(stream=piped) as bar:
        bar.stage(ProgressEvent("extract", "x"))
        bar.tokens(5)
    assert piped.getvalue() == "" and not bar.enabled


def test_summarize_piped_prints_no_progress(sample_text, tmp_path, monkeypatch, capsys):
    src = tmp_path / "r.txt"
    src.write_text(sample_text, encoding="utf-8")
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert main(["summarize", str(src), "--model", "tiny-qwen2", "--lang", "zh"]) == 0
    assert "tokens written" not in sys.stderr.getvalue()
