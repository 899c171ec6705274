"""Serving the app on uvicorn with bounds on slow clients.

uvicorn closes an idle keep-alive connection after `timeout_keep_alive`, but it waits for a
request's headers and body as long as a client keeps sending a byte now and then (slowloris). Here:

- the request line and headers must arrive within PRESSBRIEF_HEADER_TIMEOUT_S (default 10 s) of the
  connection opening or the previous response ending, else the connection is closed;
- the body must arrive within PRESSBRIEF_BODY_TIMEOUT_S (default 60 s), else 408 `request_timeout`
  (BodyLimitMiddleware, so the test client and any ASGI server get it too);
- an idle keep-alive connection is closed after 5 s.

Behind a reverse proxy (nginx `client_header_timeout` / `client_body_timeout`) these are a second line.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

KEEP_ALIVE_S = 5


class HeaderTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request headers are not complete in time."""

    headers_timeout_s = 10.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._headers_timer: asyncio.TimerHandle | None = None
        self._arm_headers_timer()

    def _arm_headers_timer(self) -> None:
        self._cancel_headers_timer()
        self._headers_timer = self.loop.call_later(self.headers_timeout_s, self._headers_late)

    def _cancel_headers_timer(self) -> None:
        timer = getattr(self, "_headers_timer", None)
        if timer is not None:
            timer.cancel()
            self._headers_timer = None

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:  # the request line and headers are in
            self._cancel_headers_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            self._arm_headers_timer()  # the next request's headers get the same time

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_headers_timer()
        super().connection_lost(exc)

    def _headers_late(self) -> None:
        self._headers_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


def run(app: Any, *, host: str, port: int, header_timeout_s: float, log_config: dict | None = None) -> None:
    """uvicorn.run with the timeouts above (``header_timeout_s``: PRESSBRIEF_HEADER_TIMEOUT_S)."""
    protocol = type("PressbriefH11Protocol", (HeaderTimeoutProtocol,), {"headers_timeout_s": header_timeout_s})
    uvicorn.run(
        app,
        host=host,
        port=port,
        http=protocol,
        log_config=log_config,
        access_log=False,  # one JSON line per request comes from the app itself
        timeout_keep_alive=KEEP_ALIVE_S,
        timeout_graceful_shutdown=5,
        server_header=False,
    )
