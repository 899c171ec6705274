"""/docs (Swagger UI) and /redoc from files shipped in the package (docs_static/, see VENDOR.md):
no CDN, so the API docs render on a machine without internet."""

from __future__ import annotations

import base64
import hashlib
import re
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


_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def docs_csp(html: str) -> str:
    """The docs pages' Content-Security-Policy: scripts only from this origin, plus the page's own inline
    script by its hash (no other inline script, no eval); requests only to this origin; nothing framed.
    Styles may be inline (Swagger UI and ReDoc set them; a style runs no script); ReDoc's search runs
    in a blob: worker."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(m.encode()).digest()).decode()}'"
                      for m in _INLINE_SCRIPT.findall(html))
    return ("default-src 'none'; " + f"script-src 'self' {hashes}".rstrip() + "; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src blob:; base-uri 'none'; "
            "form-action 'none'; frame-ancestors 'none'")


def with_csp(page: HTMLResponse) -> HTMLResponse:
    html = bytes(page.body).decode("utf-8")
    page.headers["Content-Security-Policy"] = docs_csp(html)
    page.headers["X-Content-Type-Options"] = "nosniff"
    page.headers["Referrer-Policy"] = "no-referrer"
    return page


@cache
def _asset(name: str) -> bytes:
    data = resources.files(__package__).joinpath("docs_static", name).read_bytes()
    return data.replace(_REDOC_CDN_LOGO, _BLANK_SVG) if name == "redoc.standalone.js" else data


def build_docs_router(app: FastAPI) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/docs")
    async def swagger() -> HTMLResponse:
        return with_csp(get_swagger_ui_html(openapi_url=app.openapi_url or "/openapi.json",
                                            title=f"{app.title} — API", swagger_js_url=f"{PREFIX}/swagger-ui-bundle.js",
                                            swagger_css_url=f"{PREFIX}/swagger-ui.css",
                                            swagger_favicon_url="/favicon.ico"))

    @router.get("/redoc")
    async def redoc() -> HTMLResponse:
        return with_csp(get_redoc_html(openapi_url=app.openapi_url or "/openapi.json", title=f"{app.title} — API",
                                       redoc_js_url=f"{PREFIX}/redoc.standalone.js", redoc_favicon_url="/favicon.ico",
                                       with_google_fonts=False))

    @router.get(PREFIX + "/{name}")
    async def asset(name: str) -> Response:
        if name not in _ASSETS:
            raise HTTPException(404, f"no docs asset {name!r}")
        return Response(_asset(name), media_type=_ASSETS[name], headers={"Cache-Control": "public, max-age=86400"})

    return router
