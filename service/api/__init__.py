"""The REST service: a FastAPI app over the brief pipeline (`pressbrief serve`).

Entry point: :func:`create_app` (settings and the brief engine are injectable for tests).
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
