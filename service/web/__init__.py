"""The web page served at ``/`` by ``pressbrief serve``: paste a release, see briefs and numbers.

The page is static (``static/``: HTML, CSS, JS, no external requests) and calls the same API as
any client: ``POST /v1/extract`` first (fast, no model) to mark the numbers in the source, then
``POST /v1/briefs``. The app mounts ``router`` when this module exists (service/api/app.py).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from fastapi import APIRouter
from fastapi.responses import Response

_TYPES = {
    "index.html": "text/html; charset=utf-8",
    "app.js": "text/javascript; charset=utf-8",
    "app.css": "text/css; charset=utf-8",
}
# Only this origin: the page cannot load or send anything anywhere else.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


@cache
def asset(name: str) -> bytes:
    return resources.files(__package__).joinpath("static", name).read_bytes()


def _serve(name: str) -> Response:
    headers = {
        "Content-Security-Policy": CSP,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-cache",
    }
    return Response(asset(name), media_type=_TYPES[name], headers=headers)


router = APIRouter(include_in_schema=False)


@router.get("/")
async def index() -> Response:
    return _serve("index.html")


@router.get("/web/app.js")
async def app_js() -> Response:
    return _serve("app.js")


@router.get("/web/app.css")
async def app_css() -> Response:
    return _serve("app.css")


@router.get("/favicon.ico")
async def favicon() -> Response:
    return Response(status_code=204)
