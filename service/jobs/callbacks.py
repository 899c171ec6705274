"""A job's `callback_url`, called once when the job ends: only hosts and ports the settings allow, retried
with backoff.

PRESSBRIEF_CALLBACK_HOSTS lists what a callback may call: `host` (the scheme's default port only:
80 for http, 443 for https), `host:PORT` (that port only) or `host:*` (any port; opt in knowingly:
it lets a client probe the host's ports). A callback URL is printable ASCII (percent-encode the
rest), at most 2,048 characters, without user info; the OpenAPI schema says the same
(`callback_url_pattern`).

The callback is claimed in the store before it is sent (so two server processes never both send
it), POSTed as JSON (the job without its result, plus where to fetch it), and retried on a
connection error or a 5xx/429 with exponential backoff. Only a 2xx counts as delivered: a redirect
is not followed and not delivered. The outcome is kept on the job (`callback.state`: delivered,
failed: ...). Nothing a callback does stops the job worker that sends it.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from ..errors import InputError
from .store import JobStore

log = logging.getLogger("pressbrief.jobs")

MAX_URL_CHARS = 2048
DEFAULT_PORTS = {"http": 80, "https": 443}
# 1-65535, no leading zero: the same ports the server accepts
PORT_PATTERN = "(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})"
_PRINTABLE = re.compile(r"[!-~]+")
_ENTRY = re.compile(r"(?P<host>\[[0-9A-Fa-f:.]+\]|[^:\[\]]+)(?::(?P<port>\*|[1-9][0-9]{0,4}))?")


@dataclass(frozen=True)
class AllowedHost:
    """One PRESSBRIEF_CALLBACK_HOSTS entry: a host, and its one port (None: the scheme's default; '*': any)."""

    host: str
    port: int | str | None

    def allows(self, host: str, scheme: str, port: int | None) -> bool:
        if host.lower() != self.host.lower():
            return False
        if self.port == "*":
            return True
        wanted = DEFAULT_PORTS[scheme] if self.port is None else self.port
        return (port or DEFAULT_PORTS[scheme]) == wanted

    def pattern(self) -> str:
        """This entry as a regex of `scheme://authority` (JSON Schema's ECMA dialect and Python's alike)."""
        host = f"\\[{re.escape(self.host)}\\]" if ":" in self.host else re.escape(self.host)
        if self.port == "*":
            return f"https?://{host}(:{PORT_PATTERN})?"
        alternatives = []
        for scheme, default in DEFAULT_PORTS.items():
            port = default if self.port is None else self.port
            alternatives.append(f"{scheme}://{host}(:{port})?" if port == default else f"{scheme}://{host}:{port}")
        return "|".join(alternatives)


def allowed_hosts(entries: tuple[str, ...]) -> list[AllowedHost]:
    """The parsed PRESSBRIEF_CALLBACK_HOSTS entries; a malformed one is logged and left out."""
    parsed = []
    for entry in entries:
        m = _ENTRY.fullmatch(entry.strip())
        port = m and m.group("port")
        if m is None or (port not in (None, "*") and not 1 <= int(port) <= 65535):
            log.warning("PRESSBRIEF_CALLBACK_HOSTS: %r is not host, host:PORT or host:*; left out", entry)
            continue
        host = m.group("host").strip("[]")
        parsed.append(AllowedHost(host, port if port in (None, "*") else int(port)))
    return parsed


def callback_url_pattern(entries: tuple[str, ...]) -> str:
    """The callback URLs this server takes, as one regex (the OpenAPI schema's `pattern`)."""
    authorities = "|".join(h.pattern() for h in allowed_hosts(entries)) or "(?!)"
    return f"^({authorities})(/[!-~]*)?$"


def check_callback_url(url: str, entries: tuple[str, ...]) -> str:
    """The URL if it is http(s) to an allowed host and port; InputError (422) otherwise. Messages never
    echo the URL (it may hold a token, or characters a log or a terminal should not see)."""
    if not entries:
        raise InputError("callback_url: callbacks are off on this server (set PRESSBRIEF_CALLBACK_HOSTS to the "
                         "hosts it may call)")
    if len(url) > MAX_URL_CHARS:
        raise InputError(f"callback_url: {len(url):,} characters is over the limit of {MAX_URL_CHARS:,}")
    if not _PRINTABLE.fullmatch(url):
        raise InputError("callback_url: only printable ASCII without spaces or control characters "
                         "(percent-encode the rest)")
    scheme, sep, rest = url.partition("://")
    if not sep or scheme not in DEFAULT_PORTS:
        raise InputError("callback_url: must be an http:// or https:// URL with a host")
    parts = urlsplit(url)
    authority, after = parts.netloc, rest[len(parts.netloc):]
    if "@" in authority:
        raise InputError("callback_url: user info (user:password@) is not allowed")
    if after and not after.startswith("/"):
        raise InputError("callback_url: the host must be followed by a path (/...) or nothing")
    try:
        port = parts.port
    except ValueError:
        port = -1
    raw_port = authority.rsplit("]", 1)[-1].partition(":")[2]
    if port == -1 or (raw_port and not re.fullmatch(PORT_PATTERN, raw_port)):
        raise InputError("callback_url: the port must be a number from 1 to 65535")
    if not parts.hostname:
        raise InputError("callback_url: must be an http:// or https:// URL with a host")
    hosts = allowed_hosts(entries)
    if not any(h.host.lower() == parts.hostname.lower() for h in hosts):
        raise InputError(f"callback_url: host {parts.hostname!r} is not in PRESSBRIEF_CALLBACK_HOSTS")
    if not any(h.allows(parts.hostname, scheme, port) for h in hosts):
        raise InputError(f"callback_url: port {port or DEFAULT_PORTS[scheme]} of {parts.hostname!r} is not allowed "
                         "by PRESSBRIEF_CALLBACK_HOSTS (host = default port only, host:PORT, host:*)")
    return url


class CallbackSender:
    def __init__(self, store: JobStore, allowed_hosts: tuple[str, ...], *, retries: int = 3,
                 backoff_s: float = 0.5, timeout_s: float = 10.0):
        self.store = store
        self.allowed_hosts = allowed_hosts
        self.retries = retries
        self.backoff_s = backoff_s
        self.timeout_s = timeout_s

    def deliver_pending(self) -> None:
        """Send every callback not yet claimed; one that fails in any way is recorded, and the rest go on."""
        for job in self.store.pending_callbacks():
            claimed = False
            try:
                claimed = self.store.claim_callback(job.id)
                if claimed:
                    self._send(job.id)
            except Exception as exc:  # noqa: BLE001 - one callback never stops the others or the worker
                log.exception("job callback failed", extra={"job": job.id})
                if claimed:
                    self._record(job.id, f"failed: {type(exc).__name__}")

    def _record(self, job_id: str, outcome: str) -> None:
        try:
            self.store.set_callback_state(job_id, outcome)
        except Exception:  # noqa: BLE001 - the store itself is failing; the log has it
            log.exception("job callback state not recorded", extra={"job": job_id, "outcome": outcome})

    def _send(self, job_id: str) -> None:
        job = self.store.get(job_id)
        if job is None or not job.callback_url:
            return
        try:
            check_callback_url(job.callback_url, self.allowed_hosts)  # the settings may have changed since
        except InputError as exc:
            self._record(job_id, f"refused: {exc.message}")
            return
        body = job.to_json(with_result=False) | {"result_url": f"/v1/jobs/{job.id}"}
        outcome = "failed: no attempt"
        for attempt in range(self.retries + 1):
            try:
                resp = httpx.post(job.callback_url, json=body, timeout=self.timeout_s, follow_redirects=False)
            except httpx.HTTPError as exc:
                outcome = f"failed: {type(exc).__name__}"
            except Exception as exc:  # noqa: BLE001 - a URL httpx cannot send: asking again will not help
                outcome = f"failed: {type(exc).__name__}"
                break
            else:
                if 200 <= resp.status_code < 300:
                    outcome = "delivered"
                    break
                outcome = f"failed: HTTP {resp.status_code}"
                if 300 <= resp.status_code < 400:
                    outcome += " (a redirect: not followed)"
                    break
                if resp.status_code < 500 and resp.status_code != 429:
                    break  # the receiver refused it; asking again will not change that
            if attempt < self.retries:
                time.sleep(self.backoff_s * 2 ** attempt)
        self._record(job_id, outcome)
        log.info("job callback", extra={"job": job_id, "outcome": outcome})
