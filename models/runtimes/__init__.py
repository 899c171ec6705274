"""Generation runtimes, one module each behind the ``Generator`` interface of ``base.py``:
``transformers.py`` (PyTorch fp32/bf16/int8-dynamic) and ``llamacpp.py`` (GGUF as shipped). Adding a
runtime is adding a module here and naming it in ``models/loaders.py``."""

from .base import (
    Cancelled,
    GenerationResult,
    Generator,
    Messages,
    common_prefix_len,
    count_new_tokens,
    split_answer_start,
    token_meter,
)

__all__ = ["Cancelled", "GenerationResult", "Generator", "Messages", "common_prefix_len", "count_new_tokens",
           "split_answer_start", "token_meter"]
