"""The model registry: models/registry.toml read into typed entries."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pressbrief.service.errors import ModelError
from pressbrief.service.settings import get_settings


@dataclass(frozen=True)
class ModelEntry:
    name: str
    tasks: tuple[str, ...]
    family: str  # "decoder-only" | "encoder-decoder"
    architecture: str
    source: str
    licence: str
    context: int
    prompt: str
    origin: str = ""
    licence_note: str = ""
    sha256: str | None = None
    size: int | None = None
    default: bool = False
    path: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def source_kind(self) -> str:
        return self.source.split(":", 1)[0]

    @property
    def source_ref(self) -> str:
        return self.source.split(":", 1)[1] if ":" in self.source else ""

    def local_path_override(self) -> Path | None:
        """PRESSBRIEF_MODEL_PATH_<NAME> (upper case, '-'/'.' as '_') or the entry's `path`."""
        env = "PRESSBRIEF_MODEL_PATH_" + self.name.upper().replace("-", "_").replace(".", "_")
        raw = os.environ.get(env) or self.path
        return Path(raw).expanduser() if raw else None


_KNOWN = {"tasks", "family", "architecture", "source", "licence", "context", "prompt", "origin",
          "licence_note", "sha256", "size", "default", "path"}


@lru_cache(maxsize=1)
def _raw_registry() -> dict:
    return tomllib.loads(resources.files("pressbrief.models").joinpath("registry.toml").read_text("utf-8"))


def runtime_info(name: str) -> dict:
    """A runtime's registry record: package, pinned requirement, origin, licence."""
    runtimes = _raw_registry().get("runtimes", {})
    if name not in runtimes:
        raise ModelError(f"unknown runtime {name!r} in the registry; known: {', '.join(runtimes)}")
    return dict(runtimes[name])


@lru_cache(maxsize=1)
def load_registry() -> dict[str, ModelEntry]:
    raw = _raw_registry()
    entries: dict[str, ModelEntry] = {}
    for name, spec in raw["models"].items():
        entries[name] = ModelEntry(
            name=name,
            tasks=tuple(spec["tasks"]),
            family=spec["family"],
            architecture=spec["architecture"],
            source=spec["source"],
            licence=spec["licence"],
            context=int(spec["context"]),
            prompt=spec["prompt"],
            origin=spec.get("origin", ""),
            licence_note=spec.get("licence_note", ""),
            sha256=spec.get("sha256"),
            size=spec.get("size"),
            default=bool(spec.get("default", False)),
            path=spec.get("path"),
            extra={k: v for k, v in spec.items() if k not in _KNOWN},
        )
    return entries


OPENAI_PREFIX = "openai:"


def served_entry(model_id: str) -> ModelEntry:
    """An entry for ``openai:<model id>``: a model on an OpenAI-compatible server (PRESSBRIEF_LLM_URL)."""

    settings = get_settings()
    url = settings.llm_url
    if not model_id.strip():
        raise ModelError("openai:MODEL: name the server's model id, e.g. --model openai:Qwen/Qwen2.5-7B-Instruct")
    if not url:
        raise ModelError(f"model openai:{model_id}: set PRESSBRIEF_LLM_URL to the server's /v1 address "
                         "(e.g. http://127.0.0.1:8080/v1)")
    return ModelEntry(name=f"{OPENAI_PREFIX}{model_id}", tasks=("brief", "translate"), family="decoder-only",
                      architecture="served", source=f"{OPENAI_PREFIX}{model_id}", licence="the served model's",
                      context=settings.llm_context, prompt="chatml", origin=f"served by {url}",
                      extra={"url": url})


def default_model_name() -> str:

    return get_settings().default_model


def get_entry(name: str | None) -> ModelEntry:
    registry = load_registry()
    name = name or default_model_name()
    if name.startswith(OPENAI_PREFIX) and name not in registry:
        return served_entry(name[len(OPENAI_PREFIX):])
    if name not in registry:
        known = ", ".join(sorted(registry))
        raise ModelError(f"unknown model {name!r}; known models: {known} (see `pressbrief models list`)")
    return registry[name]
