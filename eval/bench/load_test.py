"""Bounded load test of the REST service: N concurrent clients for a fixed time, on loopback.

A seeded mix of valid briefs/translate/extract/evaluate calls and bad ones (oversized text,
malformed JSON, wrong types, no Chinese, clients that hang up mid-request), each with the statuses
it may legitimately get. Prints requests sent, answers by status, p50/p95 latency per kind,
unexpected errors (must be 0), whether the queue drained afterwards, and the server's RSS before
and after.

    python -m pressbrief.eval.bench.load_test --model tiny-qwen2 --clients 8 --duration 30   # starts a server
    python -m pressbrief.eval.bench.load_test --url http://127.0.0.1:8000 --duration 60     # a running one

Exit status: 0 when every answer was an expected one and the queue drained, else 1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib import resources

import httpx

from pressbrief.service.settings import get_settings

GEN_OK = {200, 503, 504}  # 503: queue full / model busy; 504: request timeout (generation stopped)
CPU_OK = {200, 503}
ABANDONED = "abandoned"  # the client hung up on purpose: the expected outcome of the "hangup" kind


@dataclass
class Kind:
    name: str
    route: str
    weight: float
    expected: set[int | str]


KINDS = [
    Kind("briefs", "/v1/briefs", 3, GEN_OK),
    Kind("translate", "/v1/translate", 1, GEN_OK),
    Kind("extract", "/v1/extract", 4, CPU_OK),
    Kind("evaluate", "/v1/evaluate", 3, CPU_OK),
    Kind("oversized", "/v1/extract", 0.5, {413}),
    Kind("malformed", "/v1/briefs", 1, {422}),
    Kind("no_chinese", "/v1/extract", 0.5, {422}),
    Kind("hangup", "/v1/briefs", 0.5, {ABANDONED, *GEN_OK}),
]


@dataclass
class Stats:
    sent: Counter = field(default_factory=Counter)
    statuses: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    latency: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    unexpected: list[str] = field(default_factory=list)


def paragraphs() -> list[str]:
    text = resources.files("pressbrief.models").joinpath("data/tiny_corpus_zh.txt").read_text("utf-8")
    paras = [p.strip() for p in text.splitlines() if len(p.strip()) >= 40 and re.search(r"\d", p)]
    return paras or ["今年知识产权质押融资12.62亿元,惠及40家中小微企业,质押融资金额较去年同期增长16.85%。"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_request(kind: Kind, rng: random.Random, paras: list[str], max_chars: int) -> dict:
    """httpx.request kwargs for one call of this kind."""
    text = "\n\n".join(rng.sample(paras, k=min(len(paras), rng.randint(1, 3))))
    if kind.name in ("briefs", "hangup"):
        return {
            "json": {
                "text": text,
                "langs": rng.choice([["zh", "en"], ["en"], ["zh", "zh-Hant", "en"]]),
                "max_highlights": rng.randint(1, 8),
            }
        }
    if kind.name == "translate":
        return {"json": {"text": paras[rng.randrange(len(paras))][:200]}}
    if kind.name == "extract":
        return {"json": {"text": text}}
    if kind.name == "evaluate":
        numbers = re.findall(r"\d+(?:\.\d+)?", text)[:3]
        summary_en = "The city reported " + ", ".join(numbers or ["12"]) + " in its release."
        return {"json": {"text": text, "summary_en": summary_en, "summary_zh": text[:60]}}
    if kind.name == "oversized":
        return {"json": {"text": "数" * (max_chars + 1)}}
    if kind.name == "no_chinese":
        return {"json": {"text": "Revenue rose 12% to 3 billion yuan in 2024."}}
    # malformed: broken JSON, wrong types, missing field, not JSON at all
    choice = rng.randrange(4)
    if choice == 0:
        return {"content": b'{"text": "\xe6\x95\xb0', "headers": {"content-type": "application/json"}}
    if choice == 1:
        return {"json": {"text": text, "max_highlights": "five"}}
    if choice == 2:
        return {"json": {"langs": ["en"]}}
    return {"content": b"text=hello", "headers": {"content-type": "text/plain"}}


async def client_loop(
    client: httpx.AsyncClient,
    rng: random.Random,
    deadline: float,
    budget: list[int],
    stats: Stats,
    paras: list[str],
    max_chars: int,
    request_timeout: float,
    backoff: float = 0.0,
) -> None:
    weights = [k.weight for k in KINDS]
    while time.monotonic() < deadline and budget[0] > 0:
        budget[0] -= 1
        kind = rng.choices(KINDS, weights)[0]
        kwargs = build_request(kind, rng, paras, max_chars)
        timeout = rng.uniform(0.05, 0.5) if kind.name == "hangup" else request_timeout
        stats.sent[kind.name] += 1
        t0 = time.perf_counter()
        try:
            r = await client.post(kind.route, timeout=timeout, **kwargs)
            outcome: int | str = r.status_code
            if r.status_code >= 400:
                body = r.json()
                if set(body) != {"error"} or set(body["error"]) != {"code", "message"}:
                    stats.unexpected.append(
                        f"{kind.name}: {r.status_code} body not in error shape: {r.text[:200]}"
                    )
        except httpx.TimeoutException:
            outcome = ABANDONED
        except (httpx.HTTPError, ValueError) as exc:
            outcome = type(exc).__name__
        elapsed = time.perf_counter() - t0
        stats.statuses[kind.name][str(outcome)] += 1
        if outcome != ABANDONED:
            stats.latency[kind.name].append(elapsed)
        if outcome == 503 and backoff > 0:  # a polite client: wait a little before its next call
            await asyncio.sleep(rng.uniform(0.5, 1.5) * backoff)
        if outcome not in kind.expected:
            detail = r.text[:200] if isinstance(outcome, int) else ""
            stats.unexpected.append(
                f"{kind.name}: got {outcome} (expected {sorted(map(str, kind.expected))}) {detail}"
            )


def scrape(base: str, headers: dict) -> dict[str, float]:
    text = httpx.get(base + "/metrics", headers=headers, timeout=10).text
    values: dict[str, float] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            values[name] = float(value)
    return values


def wait_ready(base: str, timeout: float, proc: subprocess.Popen | None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode} before it was ready")
        try:
            r = httpx.get(base + "/readyz", timeout=5)
            if r.status_code == 200:
                return
            if r.json().get("error", {}).get("code") == "model_unavailable":
                raise SystemExit(f"model failed to load: {r.json()['error']['message']}")
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"server not ready after {timeout:.0f} s")


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def report(stats: Stats, rss_before: float, rss_after: float, drained: bool, wall: float) -> str:
    lines = [f"load test: {sum(stats.sent.values())} requests sent in {wall:.1f} s"]
    lines.append(f"{'kind':<11} {'sent':>5}  {'p50 ms':>8} {'p95 ms':>8}  answered by status")
    all_status: Counter = Counter()
    for kind in KINDS:
        n = stats.sent[kind.name]
        if not n:
            continue
        lat = stats.latency[kind.name]
        by_status = stats.statuses[kind.name]
        all_status.update(by_status)
        status_text = ", ".join(f"{s}: {c}" for s, c in sorted(by_status.items()))
        lines.append(
            f"{kind.name:<11} {n:>5}  {pct(lat, 50) * 1000:>8.1f} {pct(lat, 95) * 1000:>8.1f}  {status_text}"
        )
    lines.append("answered by status (all): " + ", ".join(f"{s}: {c}" for s, c in sorted(all_status.items())))
    lines.append(f"unexpected errors: {len(stats.unexpected)}")
    for item in stats.unexpected[:10]:
        lines.append(f"  - {item}")
    lines.append(f"queue drained after the run: {'yes' if drained else 'NO'}")
    lines.append(
        f"server RSS: before {rss_before / 2**20:.1f} MiB, after {rss_after / 2**20:.1f} MiB "
        f"({(rss_after - rss_before) / 2**20:+.1f} MiB)"
    )
    return "\n".join(lines)


async def run_load(args: argparse.Namespace, base: str, headers: dict) -> tuple[Stats, float]:
    stats = Stats()
    paras = paragraphs()
    budget = [args.max_requests]
    limits = httpx.Limits(max_connections=args.clients, max_keepalive_connections=args.clients)
    t0 = time.monotonic()
    deadline = t0 + args.duration
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits) as client:
        await asyncio.gather(
            *[
                client_loop(
                    client,
                    random.Random(args.seed * 1000 + i),
                    deadline,
                    budget,
                    stats,
                    paras,
                    args.max_input_chars,
                    args.request_timeout,
                    args.backoff,
                )
                for i in range(args.clients)
            ]
        )
    return stats, time.monotonic() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pressbrief.eval.bench.load_test", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--url", help="a running server; default: start `pressbrief serve` on a free loopback port"
    )
    parser.add_argument(
        "--model", default=None, help="model for the server this script starts (e.g. tiny-qwen2)"
    )
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds to send for (default 30)")
    parser.add_argument("--max-requests", type=int, default=5000, help="stop after this many (default 5000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--backoff", type=float, default=0.2, help="seconds a client pauses after a 503 (0: none)"
    )
    parser.add_argument("--ready-timeout", type=float, default=900.0, help="seconds to wait for /readyz")
    parser.add_argument(
        "--request-timeout",
        type=float,
        default=None,
        help="client timeout per request (default: server timeout + 30 s)",
    )
    parser.add_argument(
        "--api-key", default=os.environ.get("PRESSBRIEF_API_KEY"), help="Bearer key, if needed"
    )
    parser.add_argument("--json", dest="json_out", help="also write the results as JSON here")
    args = parser.parse_args(argv)


    settings = get_settings()
    args.max_input_chars = settings.max_input_chars
    args.request_timeout = args.request_timeout or settings.request_timeout_s + 30
    headers = {"Authorization": f"Bearer {args.api_key}"} if args.api_key else {}

    proc = None
    base = args.url
    if base is None:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        cmd = [
            sys.executable,
            "-m",
            "pressbrief.service.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ]
        if args.model:
            cmd += ["--model", args.model]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_ready(base, args.ready_timeout, proc)
        rss_before = scrape(base, headers).get("process_resident_memory_bytes", 0.0)
        stats, wall = asyncio.run(run_load(args, base, headers))
        drained = False
        for _ in range(int(args.request_timeout * 4) + 40):  # hung-up generations must still be let go
            m = scrape(base, headers)
            if m.get("pressbrief_queue_depth", 1) == 0 and m.get("pressbrief_queue_running", 1) == 0:
                drained = True
                break
            time.sleep(0.25)
        rss_after = scrape(base, headers).get("process_resident_memory_bytes", 0.0)
    finally:
        if proc is not None:
            proc.terminate()
            try:
                _, err = proc.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                _, err = proc.communicate()
            if proc.returncode not in (0, -15):
                sys.stderr.write(err.decode(errors="replace")[-3000:])
    print(report(stats, rss_before, rss_after, drained, wall))
    if args.json_out:
        with open(args.json_out, "w", encoding="utf-8") as fh:
            json.dump(
                {
                    "sent": dict(stats.sent),
                    "statuses": {k: dict(v) for k, v in stats.statuses.items()},
                    "p50_ms": {k: pct(v, 50) * 1000 for k, v in stats.latency.items()},
                    "p95_ms": {k: pct(v, 95) * 1000 for k, v in stats.latency.items()},
                    "unexpected": stats.unexpected,
                    "drained": drained,
                    "rss_before": rss_before,
                    "rss_after": rss_after,
                    "wall_s": wall,
                },
                fh,
                indent=2,
            )
    return 0 if not stats.unexpected and drained else 1


if __name__ == "__main__":
    sys.exit(main())
