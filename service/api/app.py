"""The FastAPI app factory."""

from __future__ import annotations

import importlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.security import HTTPBearer
from starlette.middleware.cors import CORSMiddleware

from pressbrief import __version__

from ..jobs.callbacks import MAX_URL_CHARS, callback_url_pattern
from ..settings import Settings, get_settings
from .docs import build_docs_router
from .engine import Engine, PipelineEngine
from .errors import install_error_handlers
from .job_routes import build_jobs_router
from .middleware import AuthMiddleware, BodyLimitMiddleware, RequestContextMiddleware
from .routes import build_probe_router, build_v1_router
from .service import Service, body_limit

log = logging.getLogger("pressbrief.api")

WEB_MODULE = "pressbrief.service.web"

DESCRIPTION = """\
Guarded Chinese and English briefs of Chinese press releases, with every number checked
against the source. Limits are settings with environment variables (PRESSBRIEF_MAX_INPUT_CHARS,
PRESSBRIEF_MAX_HIGHLIGHTS, PRESSBRIEF_REQUEST_TIMEOUT_S, PRESSBRIEF_MAX_QUEUE, ...).
Every error body is `{"error": {"code": ..., "message": ...}}`.
"""


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """Build the app. ``engine`` defaults to the real pipeline with ``settings.default_model``.

    The model loads in a background thread when the app starts (lifespan); ``/readyz`` turns 200
    once it is ready.
    """
    settings = settings or get_settings()
    engine = engine or PipelineEngine(settings.default_model)
    service = Service(settings, engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        service.start()
        try:
            yield
        finally:
            service.stop()

    app = FastAPI(
        title="pressbrief",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served from the package below: no CDN
        redoc_url=None,
    )
    app.state.service = service
    install_error_handlers(app)


    for v1 in (build_v1_router(), build_jobs_router()):
        if settings.api_keys:
            # Documentation only: AuthMiddleware enforces the keys before the body is read.
            from fastapi import Depends

            app.include_router(v1, dependencies=[Depends(HTTPBearer(auto_error=False))])
        else:
            app.include_router(v1)
    app.include_router(build_probe_router())

    app.include_router(build_docs_router(app))
    include_web(app)

    _schema_says_the_limits(app, settings, engine.model_name)

    # add_middleware wraps: the last added is outermost.
    app.add_middleware(BodyLimitMiddleware, limit=body_limit(settings), timeout_s=settings.body_timeout_s)
    if settings.api_keys:
        app.add_middleware(AuthMiddleware, keys=settings.api_keys)
    app.add_middleware(RequestContextMiddleware, metrics=service.metrics)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "X-Request-ID"],
            expose_headers=["X-Request-ID", "Retry-After", "Location"],
        )
    return app


def _schema_says_the_limits(app: FastAPI, settings: Settings, model_name: str) -> None:
    """The OpenAPI schema states this server's own limits (text length, highlights, its one model),
    so a request the schema allows is one the server accepts."""
    base = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = base()
        for component in schema.get("components", {}).get("schemas", {}).values():
            props = component.get("properties", {})
            if "text" in props and props["text"].get("type") == "string":
                props["text"]["maxLength"] = settings.max_input_chars
            for option in props.get("max_highlights", {}).get("anyOf", []):
                if option.get("type") == "integer":
                    option["maximum"] = settings.max_highlights
            for option in props.get("model", {}).get("anyOf", []):
                if option.get("type") == "string":
                    option["enum"] = [model_name]
            if "callback_url" in props:
                props["callback_url"] = _callback_schema(props["callback_url"], settings.callback_hosts)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _callback_schema(prop: dict, hosts: tuple[str, ...]) -> dict:
    """callback_url as this server takes it: null only when callbacks are off, else a URL to an allowed host."""
    doc = {k: v for k, v in prop.items() if k in ("title", "description")}
    if not hosts:
        return doc | {"type": "null", "description": (doc.get("description", "") +
                                                      " Off on this server: PRESSBRIEF_CALLBACK_HOSTS is empty.")}
    return doc | {"anyOf": [{"type": "string", "pattern": callback_url_pattern(hosts), "maxLength": MAX_URL_CHARS},
                            {"type": "null"}]}


def include_web(app: FastAPI) -> bool:
    """Hook for the web page (issue 7): if ``pressbrief.service.web`` exists and defines
    ``router`` (a FastAPI ``APIRouter``), it is served from ``/``. Its pages call the /v1 routes;
    when PRESSBRIEF_API_KEYS is set they must send the key like any other client.
    """
    try:
        web = importlib.import_module(WEB_MODULE)
    except ModuleNotFoundError as exc:
        if exc.name in (WEB_MODULE, "pressbrief.service.web"):
            return False
        raise
    router = getattr(web, "router", None)
    if router is None:
        log.warning("pressbrief.service.web has no `router`; no web page served")
        return False
    app.include_router(router)
    return True
