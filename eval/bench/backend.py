"""Documents per hour through the OpenAI-compatible backend, 1 worker against N, side by side in one
run against the same model server:

    python -m pressbrief.eval.bench.backend                      # llama.cpp's server with the default model
    python -m pressbrief.eval.bench.backend --server tiny        # the test server with tiny-qwen2
    python -m pressbrief.eval.bench.backend --url http://gpu:8000/v1 --served-id Qwen/Qwen2.5-7B-Instruct

It runs ``pressbrief batch`` (the same code path as the CLI) over the first ``--docs`` documents of the
dev corpus (or the reference release, when ../shared is absent) with ``--workers 1`` and then
``--workers N``, and prints documents per hour, the ratio, and the batch's number precision.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from pressbrief.models.assemble import assemble_gguf
from pressbrief.models.registry import get_entry
from pressbrief.service.batch import run_batch
from pressbrief.service.settings import get_settings

from .openai_server import create_app, serve_in_thread
from .paths import find_corpus, reference_release


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def llama_server(threads: int | None = None, parallel: int = 4, ctx: int = 16384) -> Iterator[tuple[str, str]]:
    """llama.cpp's OpenAI-compatible server (``python -m llama_cpp.server``) on loopback with the default
    model's GGUF; yields (base URL, served model id). Raises ModelError when the model is not installed."""
    import httpx


    entry = get_entry(get_settings().default_model if not get_settings().default_model.startswith("openai:")
                      else "qwen2.5-coder-1.5b-instruct")
    gguf = assemble_gguf(entry)
    port = _free_port()
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--model_alias", entry.name,
           "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(ctx),
           "--n_threads", str(threads or os.cpu_count() or 1), "--verbose", "False",
           # its default cuts a streaming answer off when the next request arrives
           "--interrupt_requests", "False"]
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"llama_cpp.server exited: {log.read().decode(errors='replace')[-800:]}")
            try:
                if httpx.get(f"{url}/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("llama_cpp.server did not answer within 120 s")
            time.sleep(0.5)
        yield url, entry.name
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _documents(n: int, folder: Path) -> Path:
    corpus = find_corpus()
    rows = []
    if corpus is not None:
        with corpus.open(encoding="utf-8") as fh:
            for line in fh:
                doc = json.loads(line)
                rows.append({"id": doc["id"], "text": doc["text"]})
                if len(rows) >= n:
                    break
    else:
        text = reference_release().read_text(encoding="utf-8")
        rows = [{"id": f"ref-{i}", "text": text + "\n" * i} for i in range(n)]  # distinct hashes, same work
    path = folder / "docs.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def run_side_by_side(url: str, served_id: str, docs: int, workers: int, langs: str,
                     keep: Path | None = None) -> list[dict]:

    os.environ["PRESSBRIEF_LLM_URL"] = url
    os.environ["PRESSBRIEF_LLM_CONCURRENCY"] = str(max(workers, 1))
    # a server that answers one request at a time keeps the others waiting: a wait is no failure here
    os.environ.setdefault("PRESSBRIEF_LLM_TIMEOUT_S", "900")
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        feed = _documents(docs, Path(tmp))
        for n in (1, workers):
            target = (keep or Path(tmp)) / f"out-{n}.jsonl"
            target.unlink(missing_ok=True)  # a fresh run, not a resumed one
            t0 = time.perf_counter()
            summary = run_batch([str(feed)], target, model=f"openai:{served_id}", workers=n, quiet=True,
                                langs=tuple(langs.split(",")))
            wall = time.perf_counter() - t0
            out.append({"workers": n, "documents": summary.documents, "succeeded": summary.succeeded,
                        "failed": summary.failed, "wall_s": round(wall, 1),
                        "docs_per_hour": round(3600 * summary.succeeded / wall, 1) if wall else None,
                        "per_doc_mean_s": summary.per_doc_mean_s,
                        "template_fallbacks": summary.guard.get("fallback", 0),
                        "number_precision": summary.number_precision_mean})
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m pressbrief.eval.bench.backend", description=__doc__.split("\n")[0])
    ap.add_argument("--server", choices=("llama", "tiny"), default="llama",
                    help="start llama.cpp's server with the default model (default) or the test server with tiny-qwen2")
    ap.add_argument("--url", help="use a running server instead (its /v1 address); needs --served-id")
    ap.add_argument("--served-id", help="the server's model id")
    ap.add_argument("--docs", type=int, default=10, help="documents per run (default 10)")
    ap.add_argument("--workers", type=int, default=4, help="workers of the second run (default 4)")
    ap.add_argument("--langs", default="zh,zh-Hant,en")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--keep", type=Path, metavar="DIR",
                    help="keep each run's batch output (out-1.jsonl, out-N.jsonl) here")
    args = ap.parse_args(argv)
    if args.url:
        if not args.served_id:
            ap.error("--url needs --served-id")
        ctx: contextlib.AbstractContextManager = contextlib.nullcontext((args.url, args.served_id))
        label = args.url
    elif args.server == "tiny":
        @contextlib.contextmanager
        def tiny() -> Iterator[tuple[str, str]]:
            with serve_in_thread(create_app("tiny-qwen2")) as url:
                yield url, "tiny-qwen2"

        ctx, label = tiny(), "test server, tiny-qwen2"
    else:
        ctx, label = llama_server(parallel=args.workers), "llama_cpp.server, default model"
    with ctx as (url, served_id):
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
        rows = run_side_by_side(url, served_id, args.docs, args.workers, args.langs, args.keep)
    if args.json:
        print(json.dumps({"server": label, "runs": rows}, indent=2))
        return 0
    print(f"server: {label}; {args.docs} documents, langs {args.langs}")
    print(f"{'workers':>7} {'ok':>4} {'failed':>6} {'wall s':>8} {'docs/hour':>10} {'precision':>9} {'fallbacks':>9}")
    for r in rows:
        print(f"{r['workers']:>7} {r['succeeded']:>4} {r['failed']:>6} {r['wall_s']:>8} {r['docs_per_hour']:>10} "
              f"{r['number_precision'] if r['number_precision'] is not None else 'n/a':>9} "
              f"{r['template_fallbacks']:>9}")
    if rows[0]["docs_per_hour"]:
        print(f"ratio {args.workers} workers / 1 worker: {rows[1]['docs_per_hour'] / rows[0]['docs_per_hour']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
