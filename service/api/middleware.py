"""Pure ASGI middleware (no BaseHTTPMiddleware, so client disconnects still reach the routes).

Order, outermost first: CORS (only when configured) -> RequestContext -> Auth -> BodyLimit -> app.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import time

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import BodyTimeout, BodyTooLarge, error_response
from .logs import REQUEST_ID_HEADER, new_request_id, request_id_var
from .metrics import Registry

log = logging.getLogger("pressbrief.api")

METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
PROBES = frozenset({"/healthz", "/readyz", "/metrics"})
CLIENT_CLOSED = 499  # nginx's code for "client closed the request"; logged, never sent


class RequestContextMiddleware:
    """Request id (header in, header out), one JSON log line and metrics per request, 500s in shape."""

    def __init__(self, app: ASGIApp, metrics: Registry):
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = new_request_id(Headers(scope=scope).get(REQUEST_ID_HEADER))
        token = request_id_var.set(rid)
        scope.setdefault("state", {})["request_id"] = rid
        start = time.perf_counter()
        status: int | None = None
        body_bytes = 0

        async def counting_receive() -> Message:
            nonlocal body_bytes
            message = await receive()
            if message["type"] == "http.request":
                body_bytes += len(message.get("body", b""))
            return message

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message).append(REQUEST_ID_HEADER, rid)
            await send(message)

        try:
            await self.app(scope, counting_receive, send_with_id)
        except Exception as exc:
            log.error("unhandled error", exc_info=exc)
            if status is None:
                response = error_response(500, "internal_error", f"internal error (request id {rid})")
                await response(scope, receive, send_with_id)
            status = status or 500
        finally:
            elapsed = time.perf_counter() - start
            route_obj = scope.get("route")
            route = getattr(route_obj, "path", None) or "unmatched"
            final = status or CLIENT_CLOSED
            method = scope["method"] if scope["method"] in METHODS else "OTHER"  # bounded label values
            self.metrics.requests.inc(method=method, route=route, status=str(final))
            self.metrics.latency.observe(elapsed, route=route)
            client = scope.get("client")
            quiet = route in PROBES and final == 200  # orchestrators poll these every few seconds
            log.log(
                logging.DEBUG if quiet else logging.INFO,
                "request",
                extra={
                    "request_id": rid,
                    "method": method,
                    "path": scope["path"],
                    "route": route,
                    "status": final,
                    "duration_ms": round(elapsed * 1000, 1),
                    "body_bytes": body_bytes,
                    "client": client[0] if client else None,
                },
            )
            request_id_var.reset(token)


def _digest(value: str) -> bytes:
    return hashlib.sha256(value.encode("utf-8")).digest()


class AuthMiddleware:
    """Bearer API keys on every route under ``prefix``; keys compared in constant time.

    Runs before the body is read, so an unauthenticated client costs no parsing.
    """

    def __init__(self, app: ASGIApp, keys: tuple[str, ...], prefix: str = "/v1"):
        self.app = app
        self.prefix = prefix
        self._digests = [_digest(k) for k in keys]

    def allowed(self, authorization: str | None) -> bool:
        scheme, _, token = (authorization or "").partition(" ")
        presented = _digest(token.strip())
        ok = False
        for digest in self._digests:  # no early exit: time does not depend on which key matched
            ok |= hmac.compare_digest(presented, digest)
        return ok and scheme.lower() == "bearer" and bool(token.strip())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] == "http" and (path == self.prefix or path.startswith(self.prefix + "/")):
            if not self.allowed(Headers(scope=scope).get("authorization")):
                response = error_response(
                    401,
                    "unauthorized",
                    "missing or invalid API key: send 'Authorization: Bearer <key>'",
                    headers={"WWW-Authenticate": "Bearer"},
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


DRAIN_MAX_BYTES = 64 * 1024 * 1024
DRAIN_MAX_S = 5.0


async def _drain(receive: Receive, budget: int, seconds: float = DRAIN_MAX_S) -> None:
    """Read and drop the rest of a body (up to budget bytes, for at most ``seconds``). A client that writes
    its whole body before it reads (Python's urllib) gets a connection reset, not our 413, if the server
    closes with unread data; a drained connection ends cleanly. A client that declares a body it never
    sends is answered when the time is up (the server then closes the connection)."""
    seen = 0
    try:
        async with asyncio.timeout(seconds):
            while seen <= budget:
                message = await receive()
                if message["type"] != "http.request":
                    return
                seen += len(message.get("body", b""))
                if not message.get("more_body", False):
                    return
    except TimeoutError:
        return


class BodyLimitMiddleware:
    """Refuse request bodies over ``limit`` bytes with a 413 before they are parsed, and bodies that take
    longer than ``timeout_s`` to arrive with a 408 (a slow client holds no connection for good)."""

    def __init__(self, app: ASGIApp, limit: int, timeout_s: float = 60.0):
        self.app = app
        self.limit = limit
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            exc = BodyTooLarge(self.limit)
            if int(declared) <= DRAIN_MAX_BYTES:
                await _drain(receive, DRAIN_MAX_BYTES, min(DRAIN_MAX_S, self.timeout_s))
            await error_response(413, "input_too_large", exc.detail)(scope, receive, send)
            return
        seen = 0
        deadline = asyncio.get_running_loop().time() + self.timeout_s
        body_done = False

        async def limited_receive() -> Message:
            nonlocal seen, body_done
            if body_done:  # after the body: a wait for the client's disconnect, as long as it takes
                return await receive()
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                raise BodyTimeout(self.timeout_s) from None
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                body_done = not message.get("more_body", False)
                if seen > self.limit:
                    if message.get("more_body", False):
                        await _drain(receive, DRAIN_MAX_BYTES, min(DRAIN_MAX_S, self.timeout_s))
                    raise BodyTooLarge(self.limit)
            else:
                body_done = True
            return message

        await self.app(scope, limited_receive, send)
