"""Load a registry model into a Generator, once per process.

Where the weights come from: models/weights.py. Never `trust_remote_code`: every supported
architecture ships with transformers.

Runtimes (PRESSBRIEF_RUNTIME or the `runtime` argument; the table in models/runtimes/__init__.py),
compared by eval/bench/runtime.py:
- "auto" (default): "llama.cpp" for GGUF models when llama-cpp-python is installed, else "fp32";
  "ctranslate2" for a non-test encoder-decoder model when `ctranslate2` is installed
- "llama.cpp", "fp32", "bf16", "int8-dynamic", "ctranslate2", "openai": see each runtime's module
  (a served model, `openai:<model id>`, always runs on "openai")
"""

from __future__ import annotations

import threading

from pressbrief.service.errors import ModelError
from pressbrief.service.settings import get_settings

from .registry import ModelEntry, get_entry
from .runtimes import RUNTIME_MODULES, Generator, runtime_module

RUNTIMES = ("auto", *RUNTIME_MODULES)
DEFAULT_RUNTIME = "auto"

_cache: dict[tuple, Generator] = {}
_cache_lock = threading.Lock()


def load_generator(name: str | None = None, runtime: str | None = None) -> Generator:
    """The process-wide Generator for a registry model (loaded on first call)."""
    entry = get_entry(name)
    s = get_settings()
    runtime = resolve_runtime(entry, runtime or s.runtime)
    # a served model's generator holds its connection settings: another URL or timeout is another one
    key = (entry.name, runtime) + ((entry.extra.get("url"), s.llm_timeout_s, s.llm_retries, s.llm_concurrency)
                                   if runtime == "openai" else ())
    with _cache_lock:
        if key not in _cache:
            try:
                _cache[key] = runtime_module(runtime).load(entry, runtime)
            except ModelError:
                raise
            except Exception as exc:  # any load failure is the model error (exit 3, HTTP 503), never a traceback
                raise ModelError(f"model {entry.name!r} ({runtime}): cannot load: {type(exc).__name__}: {exc}") from exc
        return _cache[key]


def llama_cpp_available() -> bool:
    return runtime_module("llama.cpp").available()


def ctranslate2_available() -> bool:
    return runtime_module("ctranslate2").available()


def resolve_runtime(entry: ModelEntry, runtime: str) -> str:
    """The runtime that will run ``entry``: "auto" chosen by what is installed, any other checked by its
    module (ModelError saying why it cannot run this entry)."""
    if runtime not in RUNTIMES:
        raise ModelError(f"unknown runtime {runtime!r}; choose one of {', '.join(RUNTIMES)}")
    if entry.source_kind == "openai":  # a served model runs where it is served, whatever runtime is asked
        return "openai"
    if runtime == "auto":
        if entry.family == "encoder-decoder":
            # the tiny test models stay on transformers unless a test asks for ctranslate2
            return "ctranslate2" if entry.source_kind != "builtin" and ctranslate2_available() else "fp32"
        return "llama.cpp" if entry.source_kind == "pypi-parts" and llama_cpp_available() else "fp32"
    runtime_module(runtime).accept(entry, runtime)
    return runtime
