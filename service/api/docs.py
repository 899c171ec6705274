"""/docs (Swagger UI) and /redoc from files shipped in the package (docs_static/, see VENDOR.md):
no CDN, so the API docs render on a machine without internet."""

from __future__ import annotations

from functools import cache
from importlib import resources

from fastapi import APIRouter, FastAPI, HTTPException
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response

_ASSETS = {"swagger-ui-bundle.js": "text/javascript; charset=utf-8", "swagger-ui.css": "text/css; charset=utf-8",
           "redoc.standalone.js": "text/javascript; charset=utf-8"}
PREFIX = "/docs/static"


# ReDoc's one request elsewhere: the "API docs by Redocly" logo from its CDN; a blank image instead
_REDOC_CDN_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"
_BLANK_SVG = b"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E"


@cache
def _asset(name: str) -> bytes:
    data = resources.files(__package__).joinpath("docs_static", name).read_bytes()
    return data.replace(_REDOC_CDN_LOGO, _BLANK_SVG) if name == "redoc.standalone.js" else data


def build_docs_router(app: FastAPI) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/docs")
    async def swagger() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url=app.openapi_url or "/openapi.json", title=f"{app.title} — API",
                                   swagger_js_url=f"{PREFIX}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{PREFIX}/swagger-ui.css", swagger_favicon_url="/favicon.ico")

    @router.get("/redoc")
    async def redoc() -> HTMLResponse:
        return get_redoc_html(openapi_url=app.openapi_url or "/openapi.json", title=f"{app.title} — API",
                              redoc_js_url=f"{PREFIX}/redoc.standalone.js", redoc_favicon_url="/favicon.ico",
                              with_google_fonts=False)

    @router.get(PREFIX + "/{name}")
    async def asset(name: str) -> Response:
        if name not in _ASSETS:
            raise HTTPException(404, f"no docs asset {name!r}")
        return Response(_asset(name), media_type=_ASSETS[name], headers={"Cache-Control": "public, max-age=86400"})

    return router
