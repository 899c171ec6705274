"""One-time conversion of the default model's GGUF into a bf16 transformers checkpoint.

Loading the Q4_K_M GGUF through transformers dequantizes every tensor (about 97 s and
9 GB RSS on 2 cores); the saved bf16 safetensors checkpoint reloads in about a second.
The checkpoint is cached under PRESSBRIEF_HOME keyed by the GGUF's sha256, and written to
a temporary folder that is renamed into place, so an interrupted conversion leaves nothing
that looks finished.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from pressbrief.service.errors import ModelError
from pressbrief.service.settings import get_settings

from .manifest import write_manifest
from .registry import ModelEntry

DONE_MARKER = "pressbrief-converted.txt"


def checkpoint_dir(entry: ModelEntry) -> Path:
    return get_settings().home / "checkpoints" / f"{entry.name}-{entry.sha256[:16]}-bf16"


def is_converted(entry: ModelEntry) -> bool:
    return (checkpoint_dir(entry) / DONE_MARKER).is_file()


def convert_gguf(entry: ModelEntry, gguf_path: Path) -> Path:
    """Dequantize the GGUF to bf16 and save model + tokenizer; returns the checkpoint folder."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    target = checkpoint_dir(entry)
    if is_converted(entry):
        return target
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(gguf_path.parent), gguf_file=gguf_path.name)
        model = AutoModelForCausalLM.from_pretrained(
            str(gguf_path.parent), gguf_file=gguf_path.name, dtype=torch.bfloat16
        )
        # The dequantized weights are plain bf16 now; drop the GGUF quantizer so
        # save_pretrained writes an ordinary checkpoint.
        model.hf_quantizer = None
        if hasattr(model.config, "quantization_config"):
            del model.config.quantization_config
        model.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        (tmp / DONE_MARKER).write_text(f"source sha256 {entry.sha256}\nfrom {gguf_path.name}\n")
        write_manifest(tmp)
        shutil.rmtree(target, ignore_errors=True)
        os.replace(tmp, target)
    except OSError as exc:
        raise ModelError(f"converting {entry.name} failed: {exc}") from exc
    except Exception as exc:  # a damaged GGUF that passed its stamp: the model error, naming the file
        raise ModelError(f"converting {entry.name} from {gguf_path} failed ({type(exc).__name__}: {exc}); delete "
                         "that file and its .verified stamp to assemble it again from the installed parts") from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target
