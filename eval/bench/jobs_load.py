"""Load test of the durable jobs API: N clients submit brief jobs for a fixed time, on loopback.

Each client loops for --duration seconds: POST /v1/jobs with a paragraph of the dev corpus (or the
bundled tiny corpus), then polls GET /v1/jobs/{id} until the job ends, then submits the next; one
client in four resubmits a text already sent (the store must hand back the same job). After the
window no new job is sent, and the test waits until every accepted job has ended. It prints the
submissions, answers by status, p50/p95/max latency of POST /v1/jobs and GET /v1/jobs/{id}, the
jobs by final state (with the reasons of failures), lost jobs (accepted, then unknown or never
ended: must be 0) and the server's RSS during the run.

    python -m pressbrief.eval.bench.jobs_load --clients 16 --duration 60            # starts a server, default model
    python -m pressbrief.eval.bench.jobs_load --model tiny-qwen2 --clients 16 --duration 20
    python -m pressbrief.eval.bench.jobs_load --url http://127.0.0.1:8000

Exit status: 0 when every answer was expected and no job was lost, else 1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

from pressbrief.service.api.testing import serve_process, wait_healthy

from .load_test import paragraphs, pct, scrape
from .paths import find_corpus

SUBMIT_OK = {200, 202, 503}  # 503: PRESSBRIEF_MAX_JOBS_QUEUED reached (with Retry-After)
TERMINAL = {"done", "failed", "cancelled"}


async def client(i: int, http: httpx.AsyncClient, texts: list[str], until: float, rng: random.Random,
                 out: dict) -> None:
    sent: list[str] = []
    while time.monotonic() < until:
        repeat = sent and i % 4 == 0 and rng.random() < 0.5  # the same work again: the same job back
        text = rng.choice(sent) if repeat else texts[(i * 7919 + len(sent)) % len(texts)]
        t0 = time.perf_counter()
        r = await http.post("/v1/jobs", json={"kind": "brief", "text": text, "langs": ["zh", "en"]})
        out["submit_ms"].append((time.perf_counter() - t0) * 1000)
        out["submit_status"][r.status_code] += 1
        if r.status_code not in SUBMIT_OK:
            out["unexpected"].append(f"POST {r.status_code}: {r.text[:200]}")
            continue
        if r.status_code == 503:
            await asyncio.sleep(float(r.headers.get("Retry-After", "1")))
            continue
        job_id = r.json()["id"]
        out["accepted"].add(job_id)
        sent.append(text)
        while time.monotonic() < until:
            t0 = time.perf_counter()
            g = await http.get(f"/v1/jobs/{job_id}")
            out["get_ms"].append((time.perf_counter() - t0) * 1000)
            if g.status_code != 200:
                out["unexpected"].append(f"GET {g.status_code}: {g.text[:200]}")
                break
            if g.json()["state"] in TERMINAL:
                break
            await asyncio.sleep(1.0)


async def run(base: str, clients: int, duration: float, drain_s: float, texts: list[str], seed: int) -> dict:
    out: dict = {"submit_ms": [], "get_ms": [], "submit_status": Counter(), "unexpected": [], "accepted": set(),
                 "rss": []}
    limits = httpx.Limits(max_connections=clients + 4)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as http:
        until = time.monotonic() + duration

        async def sample_rss() -> None:
            while time.monotonic() < until + drain_s:
                out["rss"].append(scrape(base, {}).get("process_resident_memory_bytes", 0.0))
                await asyncio.sleep(5)

        sampler = asyncio.create_task(sample_rss())
        await asyncio.gather(*(client(i, http, texts, until, random.Random(seed + i), out) for i in range(clients)))
        t_end = time.monotonic()
        final: dict[str, dict] = {}
        while time.monotonic() < t_end + drain_s:
            pending = [j for j in out["accepted"] if final.get(j, {}).get("state") not in TERMINAL]
            if not pending:
                break
            for job_id in pending:
                g = await http.get(f"/v1/jobs/{job_id}")
                final[job_id] = g.json() if g.status_code == 200 else {"state": f"HTTP {g.status_code}"}
            await asyncio.sleep(2)
        out["drain_s"] = time.monotonic() - t_end
        sampler.cancel()
    out["final"] = final
    return out


def _texts() -> list[str]:
    """Paragraphs of the dev corpus (40-400 characters, with a figure) when ../shared is there, else the
    bundled tiny corpus's: distinct texts, so most submissions are new work."""
    import re


    corpus = find_corpus()
    if corpus is None:
        return paragraphs()
    out = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        for para in json.loads(line).get("text", "").split("\n"):
            para = para.strip()
            if 40 <= len(para) <= 400 and re.search(r"\d", para) and re.search(r"[\u4e00-\u9fff]", para):
                out.append(para)
    return out or paragraphs()


def report(out: dict) -> tuple[str, bool]:
    states = Counter(j.get("state") for j in out["final"].values())
    reasons = Counter((j.get("error") or {}).get("code") for j in out["final"].values() if j.get("state") == "failed")
    lost = [j for j in out["accepted"] if out["final"].get(j, {}).get("state") not in TERMINAL]
    rss = [r / 2**30 for r in out["rss"] if r]
    lines = [
        f"submissions: {sum(out['submit_status'].values())} ({dict(sorted(out['submit_status'].items()))}); "
        f"accepted jobs: {len(out['accepted'])}",
        f"POST /v1/jobs latency ms: p50 {pct(out['submit_ms'], 50):.1f}, p95 {pct(out['submit_ms'], 95):.1f}, "
        f"max {max(out['submit_ms'] or [0]):.1f}",
        f"GET /v1/jobs/{{id}} latency ms: p50 {pct(out['get_ms'], 50):.1f}, p95 {pct(out['get_ms'], 95):.1f} "
        f"({len(out['get_ms'])} polls)",
        f"jobs by final state: {dict(states)}" + (f"; failure reasons: {dict(reasons)}" if reasons else ""),
        f"lost (accepted, never ended): {len(lost)}; drained in {out['drain_s']:.0f} s after the window",
        f"unexpected answers: {len(out['unexpected'])}"
        + (f" e.g. {out['unexpected'][:3]}" if out["unexpected"] else ""),
        f"server RSS GB: min {min(rss or [0]):.2f}, max {max(rss or [0]):.2f} ({len(rss)} samples)",
    ]
    ok = not lost and not out["unexpected"] and all(j.get("state") in ("done", "failed") for j in out["final"].values())
    return "\n".join(lines), ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", help="a running server (default: start one on a free loopback port)")
    ap.add_argument("--model", default=None, help="model of the server started here (default: the default model)")
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--duration", type=float, default=60.0, help="seconds clients submit for")
    ap.add_argument("--drain", type=float, default=1800.0, help="seconds to wait for accepted jobs to end")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--json", dest="json_out", help="also write the figures as JSON here")
    args = ap.parse_args(argv)

    texts = _texts()
    proc = None
    base = args.url
    if base is None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        home = tempfile.mkdtemp(prefix="pressbrief-jobs-load-")
        proc = serve_process(port, model=args.model,  # None: the default model
                             env={"PRESSBRIEF_JOBS_DB": str(Path(home) / "jobs.sqlite3")},
                             log_path=str(Path(home) / "serve.log"))
        base = f"http://127.0.0.1:{port}"
        wait_healthy(base, proc, timeout=900)
    try:
        out = asyncio.run(run(base, args.clients, args.duration, args.drain, texts, args.seed))
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(30)
    text, ok = report(out)
    print(text)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps({"report": text.splitlines(), "ok": ok}, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
