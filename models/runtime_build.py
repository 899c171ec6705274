"""Build the llama.cpp runtime (llama-cpp-python) for the CPU it will run on, or say why not.

llama-cpp-python is published as source only, and its default native build died with "Illegal
instruction" on machines like ours (their CPUs report AVX-512 the build then used). So the CMake
flags are chosen here from what the CPU reports: AVX2/FMA/F16C on x86-64 when present (the kernels
measured fastest here), plain AVX or none otherwise; other architectures keep llama.cpp's own
native detection. The llava/mtmd library, tests, examples and tools are not built: pressbrief does
not use them, and leaving them out shortens the 2-core build.

With no C++ compiler the build is not attempted: pressbrief then runs on the PyTorch runtime
(slow, but correct), and the caller says so.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .registry import runtime_info

COMMON_FLAGS = ("-DLLAVA_BUILD=OFF", "-DLLAMA_BUILD_TESTS=OFF", "-DLLAMA_BUILD_EXAMPLES=OFF",
                "-DLLAMA_BUILD_TOOLS=OFF", "-DLLAMA_BUILD_SERVER=OFF")
_X86_OFF = ("-DGGML_AVX512=OFF", "-DGGML_AMX_TILE=OFF", "-DGGML_AMX_INT8=OFF", "-DGGML_AMX_BF16=OFF")


@dataclass(frozen=True)
class BuildPlan:
    requirement: str  # llama-cpp-python==X.Y.Z
    cmake_args: tuple[str, ...]
    cpu: str  # what the flags were chosen for, in words
    compiler: str | None  # path of the C++ compiler, None when there is none


def cpu_flags(cpuinfo: str | None = None) -> set[str]:
    """The feature flags the kernel reports for the first CPU (x86 `flags`, Arm `Features`)."""
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text(errors="replace")
        except OSError:
            return set()
    for line in cpuinfo.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("flags", "Features"):
            return set(value.split())
    return set()


def choose_cmake_args(machine: str, flags: set[str]) -> tuple[tuple[str, ...], str]:
    if machine.lower() in ("x86_64", "amd64"):
        if {"avx2", "fma", "f16c"} <= flags:
            return (("-DGGML_NATIVE=OFF", "-DGGML_AVX2=ON", "-DGGML_FMA=ON", "-DGGML_F16C=ON") + _X86_OFF
                    + COMMON_FLAGS, "x86-64 with AVX2, FMA, F16C")
        if "avx" in flags:
            return (("-DGGML_NATIVE=OFF", "-DGGML_AVX=ON", "-DGGML_AVX2=OFF", "-DGGML_FMA=OFF") + _X86_OFF
                    + COMMON_FLAGS, "x86-64 with AVX only")
        return (("-DGGML_NATIVE=OFF", "-DGGML_AVX=OFF", "-DGGML_AVX2=OFF", "-DGGML_FMA=OFF", "-DGGML_F16C=OFF")
                + _X86_OFF + COMMON_FLAGS, "x86-64 without AVX")
    return COMMON_FLAGS, f"{machine} (llama.cpp's native detection)"


def find_compiler() -> str | None:
    for name in (os.environ.get("CXX") or "", "c++", "g++", "clang++"):
        if name and (path := shutil.which(name)):
            return path
    return None


def build_plan() -> BuildPlan:
    args, cpu = choose_cmake_args(platform.machine(), cpu_flags())
    return BuildPlan(runtime_info("llama.cpp")["requirement"], args, cpu, find_compiler())


def installed_version() -> str | None:
    """llama-cpp-python's version if it imports in a fresh interpreter (a bad build dies there, not here)."""
    try:
        out = subprocess.run([sys.executable, "-c", "import llama_cpp; print(llama_cpp.__version__)"],
                             capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def build(plan: BuildPlan, log_path: Path, tick: Callable[[float], None] | None = None) -> tuple[bool, str]:
    """pip-install the runtime with the plan's CMake flags; (ok, message). The pip log goes to log_path."""
    if plan.compiler is None:
        return False, "no C++ compiler found (install g++ or clang, e.g. apt-get install g++)"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, CMAKE_ARGS=" ".join(plan.cmake_args), CMAKE_BUILD_PARALLEL_LEVEL=str(os.cpu_count() or 2))
    cmd = [sys.executable, "-m", "pip", "install", "--no-input", plan.requirement]
    t0 = time.monotonic()
    with log_path.open("w", encoding="utf-8") as log:
        log.write(f"$ CMAKE_ARGS={env['CMAKE_ARGS']!r} {' '.join(cmd)}\n")
        log.flush()
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
        while proc.poll() is None:
            if tick:
                tick(time.monotonic() - t0)
            time.sleep(1.0)
    if proc.returncode != 0:
        return False, f"pip could not build {plan.requirement} (exit {proc.returncode}); see {log_path}"
    version = installed_version()
    if version is None:
        return False, f"{plan.requirement} installed but does not import; see {log_path}"
    return True, f"llama-cpp-python {version} built for {plan.cpu} in {time.monotonic() - t0:.0f} s"
