"""The `pressbrief` command: `main.py` is the entry point, and each verb has a module of its own
that parses its arguments and calls one function of the pipeline, the batch runner, the renderer,
the harness or the model registry."""

from .main import build_parser, main

__all__ = ["build_parser", "main"]
