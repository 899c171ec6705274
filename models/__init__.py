"""Model registry, default-model assembly and loaders."""

from .generation import Cancelled, GenerationResult, Generator
from .loaders import load_generator
from .registry import ModelEntry, get_entry, load_registry

__all__ = ["Cancelled", "GenerationResult", "Generator", "ModelEntry", "get_entry", "load_generator",
           "load_registry"]
