"""One error shape for every failure: ``{"error": {"code": ..., "message": ...}}``."""

from __future__ import annotations

import json

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from ..errors import PressbriefError

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    408: "request_timeout",
    413: "input_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "too_many_requests",
    503: "unavailable",
    504: "timeout",
}


class RequestTimeout(PressbriefError):
    http_status = 504
    code = "timeout"


class NoChinese(PressbriefError):
    http_status = 422
    code = "no_chinese_text"


class InvalidRequest(PressbriefError):
    http_status = 422
    code = "invalid_request"


class NotReady(PressbriefError):
    http_status = 503
    code = "model_loading"

    def __init__(self, message: str, retry_after: int = 5, code: str | None = None):
        super().__init__(message)
        self.headers = {"Retry-After": str(retry_after)}
        if code:
            self.code = code


class BodyTooLarge(StarletteHTTPException):
    """Raised from the body-limit middleware's receive(); FastAPI re-raises HTTPExceptions as is."""

    def __init__(self, limit: int):
        super().__init__(413, f"request body is over the limit of {limit:,} bytes (PRESSBRIEF_MAX_BODY_BYTES)")


def shown(value: str, limit: int = 80) -> str:
    """A client's value for an error message: quoted, control characters and lone surrogates escaped
    (Python's repr), and cut at ``limit`` characters."""
    return repr(value if len(value) <= limit else value[:limit] + "…")


def _encodable(message: str) -> str:
    """Any lone surrogate escaped, so a message that quotes a client's string always encodes as UTF-8."""
    return message.encode("utf-8", "backslashreplace").decode("utf-8")


class BodyTimeout(StarletteHTTPException):
    """Raised from the body-limit middleware's receive() when the body is too slow to arrive."""

    def __init__(self, seconds: float):
        super().__init__(408, f"the request body did not arrive within {seconds:g} s (PRESSBRIEF_BODY_TIMEOUT_S)",
                         headers={"Connection": "close"})


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": _encodable(message)}}, status_code=status,
                        headers=headers)


def error_bytes(code: str, message: str) -> bytes:
    return json.dumps({"error": {"code": code, "message": _encodable(message)}}, ensure_ascii=False).encode()


_JSON_TYPES = {
    "NoneType": "null",
    "int": "a number",
    "float": "a number",
    "str": "a string",
    "list": "an array",
    "bool": "a boolean",
    "bytes": "a non-JSON body",
}


def _field(loc: tuple) -> str:
    parts = [str(p) for p in loc if p != "body"]
    return ".".join(parts)


def describe_validation(errors: list[dict]) -> str:
    """A message naming each bad field: 'max_highlights: Input should be a valid integer'."""
    messages: list[str] = []
    for err in errors:
        kind = err.get("type", "")
        loc = tuple(err.get("loc", ()))
        if kind == "json_invalid":
            detail = (err.get("ctx") or {}).get("error", "invalid JSON")
            pos = loc[1] if len(loc) > 1 else "?"
            messages.append(f"request body is not valid JSON ({detail} at character {pos})")
        elif kind == "missing" and loc == ("body",):
            messages.append("request body is missing: send a JSON object (Content-Type: application/json)")
        elif loc == ("body",) and kind in ("model_attributes_type", "dict_type", "model_type"):
            messages.append(
                "request body must be a JSON object (Content-Type: application/json), "
                f"got {_JSON_TYPES.get(type(err.get('input')).__name__, 'something else')}"
            )
        elif kind == "extra_forbidden":
            messages.append(f"{_field(loc)}: unknown field")
        else:
            name = _field(loc) or "body"
            messages.append(f"{name}: {err.get('msg', 'invalid value')}")
    return "; ".join(messages) or "invalid request"


async def _pressbrief_error(_request: Request, exc: PressbriefError) -> JSONResponse:
    return error_response(exc.http_status, exc.code, exc.message, getattr(exc, "headers", None))


async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    return error_response(422, "invalid_request", describe_validation(list(exc.errors())))


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    status = exc.status_code
    message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    cause = exc.__cause__
    if status == 400 and isinstance(cause, UnicodeDecodeError):  # FastAPI's body parse failure
        return error_response(422, "invalid_request", "request body is not valid UTF-8 JSON")
    code = _HTTP_CODES.get(status, "error")
    headers = getattr(exc, "headers", None)
    if status == 405:
        # Starlette answers with the first route whose path matched; Allow names every route's methods
        headers = dict(headers or {}) | {"Allow": ", ".join(_allowed_methods(request))}
    return error_response(status, code, message, headers)


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def _allowed_methods(request: Request) -> list[str]:
    """Each method some route takes at this path (asked of the routes themselves, included routers too)."""
    return [method for method in _METHODS
            if any(route.matches({**request.scope, "method": method})[0] == Match.FULL
                   for route in request.app.router.routes)]


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(PressbriefError, _pressbrief_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
