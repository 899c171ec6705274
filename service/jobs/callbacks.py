"""A job's `callback_url`, called once when the job ends: only hosts the settings allow, retried with backoff.

The callback is claimed in the store before it is sent (so two server processes never both send
it), POSTed as JSON (the job without its result, plus where to fetch it), and retried on a
connection error or a 5xx/429 with exponential backoff. The outcome is kept on the job
(`callback.state`: delivered, failed: ...).
"""

from __future__ import annotations

import logging
import time
from urllib.parse import urlsplit

from ..errors import InputError
from .store import JobStore

log = logging.getLogger("pressbrief.jobs")


def check_callback_url(url: str, allowed_hosts: tuple[str, ...]) -> str:
    """The URL if it is http(s) to an allowed host; InputError (422) otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError("callback_url: must be an http:// or https:// URL with a host")
    if not allowed_hosts:
        raise InputError("callback_url: callbacks are off on this server (set PRESSBRIEF_CALLBACK_HOSTS to the "
                         "hosts it may call)")
    if parts.hostname.lower() not in {h.lower() for h in allowed_hosts}:
        raise InputError(f"callback_url: host {parts.hostname!r} is not in PRESSBRIEF_CALLBACK_HOSTS")
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
        for job in self.store.pending_callbacks():
            if self.store.claim_callback(job.id):
                self._send(job.id)

    def _send(self, job_id: str) -> None:
        import httpx

        job = self.store.get(job_id)
        if job is None or not job.callback_url:
            return
        try:
            check_callback_url(job.callback_url, self.allowed_hosts)  # the settings may have changed since
        except InputError as exc:
            self.store.set_callback_state(job_id, f"refused: {exc.message}")
            return
        body = job.to_json(with_result=False) | {"result_url": f"/v1/jobs/{job.id}"}
        outcome = "failed: no attempt"
        for attempt in range(self.retries + 1):
            try:
                resp = httpx.post(job.callback_url, json=body, timeout=self.timeout_s, follow_redirects=False)
                if resp.status_code < 400:
                    outcome = "delivered"
                    break
                outcome = f"failed: HTTP {resp.status_code}"
                if resp.status_code < 500 and resp.status_code != 429:
                    break  # the receiver refused it; asking again will not change that
            except httpx.HTTPError as exc:
                outcome = f"failed: {type(exc).__name__}"
            if attempt < self.retries:
                time.sleep(self.backoff_s * 2 ** attempt)
        self.store.set_callback_state(job_id, outcome)
        log.info("job callback", extra={"job": job_id, "outcome": outcome})
