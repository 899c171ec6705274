"""Generation runtimes, one module each behind the ``Generator`` interface of ``base.py``, registered in
one table: a runtime's name -> the module that runs it, imported on first use (as sacrebleu registers its
tokenizers). Each module has ``available()`` (is its library installed?), ``accept(entry, runtime)``
(raises ModelError, saying why, for a registry entry it cannot run) and ``load(entry, runtime)``; its own
heavy library (torch, llama_cpp, ctranslate2, openai) loads only inside ``load``. Adding a runtime is
adding a module here and a line to the table (and, for ``pressbrief models``, its entry in registry.toml).
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .base import (
    Cancelled,
    GenerationResult,
    Generator,
    Messages,
    TokenizerGenerator,
    common_prefix_len,
    count_new_tokens,
    split_answer_start,
    token_meter,
)

RUNTIME_MODULES = {
    "llama.cpp": "llamacpp",  # the GGUF's quantized weights run by llama.cpp (`pressbrief setup` builds it)
    "fp32": "transformers",
    "bf16": "transformers",
    "int8-dynamic": "transformers",
    "ctranslate2": "ctranslate2",  # encoder-decoder models (Marian, mT5) converted once to CTranslate2 int8
    "openai": "openai",  # a model on an OpenAI-compatible server (openai:<model id>)
}


def runtime_module(name: str) -> ModuleType:
    """The module that runs runtime ``name`` (KeyError for a name not in the table)."""
    return importlib.import_module(f"{__name__}.{RUNTIME_MODULES[name]}")


__all__ = ["RUNTIME_MODULES", "Cancelled", "GenerationResult", "Generator", "Messages", "TokenizerGenerator",
           "common_prefix_len", "count_new_tokens", "runtime_module", "split_answer_start", "token_meter"]
