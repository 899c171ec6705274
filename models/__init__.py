"""Model registry, default-model assembly and loaders."""

from .loaders import load_generator
from .registry import ModelEntry, get_entry, load_registry
from .runtimes import Cancelled, GenerationResult, Generator

__all__ = ["Cancelled", "GenerationResult", "Generator", "ModelEntry", "get_entry", "load_generator",
           "load_registry"]
