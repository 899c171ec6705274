"""A small OpenAI-compatible model server over a local Generator, for the tests and the backend
benchmark: ``/v1/models``, ``/v1/chat/completions`` (streamed as Server-Sent Events or not, with
``usage`` counts), llama-server's ``/tokenize``, OpenAI's error body, and faults on request (the
next N answers 429 or 500, come late, or stop mid-stream) so the client's retries and timeouts can
be tested. Production users run llama.cpp's ``llama-server``, vLLM, TGI or Ollama instead.

    python -m pressbrief.eval.bench.openai_server --model tiny-qwen2 --port 8089
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterator
from typing import Any

from fastapi import Request  # at module level: the routes' annotations are resolved here

from pressbrief.models import load_generator


class Faults:
    """What the next requests get instead of an answer: an HTTP status, or a delay before answering."""

    def __init__(self) -> None:
        self._queue: deque[tuple[str, float]] = deque()
        self._lock = threading.Lock()

    def add(self, kind: str, value: float, times: int = 1) -> None:
        with self._lock:
            self._queue.extend([(kind, value)] * times)

    def next(self) -> tuple[str, float] | None:
        with self._lock:
            return self._queue.popleft() if self._queue else None


def create_app(model_name: str, served_id: str | None = None, faults: Faults | None = None):
    """A FastAPI app serving the registry model ``model_name`` as ``served_id``."""
    from fastapi import FastAPI
    from fastapi.responses import JSONResponse, StreamingResponse
    from starlette.concurrency import run_in_threadpool


    served_id = served_id or model_name
    faults = faults or Faults()
    app = FastAPI(title="pressbrief test model server")
    app.state.faults = faults
    app.state.requests = 0

    def error(status: int, message: str, kind: str) -> JSONResponse:
        headers = {"Retry-After": "0"} if status == 429 else None
        return JSONResponse({"error": {"message": message, "type": kind, "param": None, "code": None}},
                            status_code=status, headers=headers)

    @app.get("/v1/models")
    async def models() -> dict:
        return {"object": "list", "data": [{"id": served_id, "object": "model", "created": 0,
                                            "owned_by": "pressbrief"}]}

    @app.post("/tokenize")
    async def tokenize(request: Request):
        """llama-server's form: {"content": text} -> {"tokens": [...]}."""
        body = await request.json()
        if not isinstance(body.get("content"), str):
            return error(400, "content: a string is required", "invalid_request_error")
        gen = load_generator(model_name)
        return {"tokens": gen.tokenize(body["content"])}

    @app.post("/v1/chat/completions")
    async def chat(request: Request):
        app.state.requests += 1
        body = await request.json()
        fault = faults.next()
        cut = False
        if fault is not None:
            kind, value = fault
            cut = kind == "cut"  # the stream stops early without a finish reason, as an interrupted one does
            if kind == "status":
                return error(int(value), f"injected HTTP {int(value)}", "server_error" if value >= 500
                             else "rate_limit_error")
            elif kind == "delay":
                await asyncio.sleep(value)  # later than the client waits
        if body.get("model") != served_id:
            return error(404, f"model {body.get('model')!r} not found; this server has {served_id!r}",
                         "invalid_request_error")
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            return error(400, "messages: a non-empty list is required", "invalid_request_error")
        temperature = float(body.get("temperature", 1.0) or 0.0)
        seed = body.get("seed") if temperature > 0 else None
        if temperature > 0 and seed is None:
            seed = int(time.time() * 1000) % 100_000
        gen = load_generator(model_name)
        result = await run_in_threadpool(gen.generate, messages, max_new_tokens=int(body.get("max_tokens") or 256),
                                         sample_seed=seed)
        usage = {"prompt_tokens": result.prompt_tokens, "completion_tokens": result.new_tokens,
                 "total_tokens": result.prompt_tokens + result.new_tokens}
        finish = "length" if result.new_tokens >= int(body.get("max_tokens") or 256) else "stop"
        created, cid = int(time.time()), f"chatcmpl-{uuid.uuid4().hex[:12]}"
        if not body.get("stream"):
            return {"id": cid, "object": "chat.completion", "created": created, "model": served_id,
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": result.text},
                                 "finish_reason": finish}], "usage": usage}
        with_usage = bool((body.get("stream_options") or {}).get("include_usage"))
        events = _events(cid, created, served_id, result.text, finish, usage if with_usage else None)
        if cut:
            events = iter(list(events)[:2])
        return StreamingResponse(events, media_type="text/event-stream")

    return app


def _events(cid: str, created: int, model: str, text: str, finish: str, usage: dict | None) -> Iterator[str]:
    def chunk(delta: dict, finish_reason: str | None = None, choices: bool = True, **extra: Any) -> str:
        body = {"id": cid, "object": "chat.completion.chunk", "created": created, "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}] if choices else []}
        return f"data: {json.dumps(body | extra, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    for i in range(0, len(text), 8):  # a few characters a chunk, as token streams arrive
        yield chunk({"content": text[i:i + 8]})
    yield chunk({}, finish)
    if usage is not None:
        yield chunk({}, choices=False, usage=usage)
    yield "data: [DONE]\n\n"


@contextlib.contextmanager
def serve_in_thread(app, host: str = "127.0.0.1") -> Iterator[str]:
    """Run ``app`` on a free loopback port in a thread; yields its ``/v1`` base URL."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host=host, port=0, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, name="openai-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not (server.started and server.servers):
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test model server did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{port}/v1"
    finally:
        server.should_exit = True
        thread.join(10)


def main(argv: list[str] | None = None) -> int:
    import uvicorn

    ap = argparse.ArgumentParser(prog="python -m pressbrief.eval.bench.openai_server",
                                 description=__doc__.split("\n")[0])
    ap.add_argument("--model", default="tiny-qwen2", help="registry model to serve (default tiny-qwen2)")
    ap.add_argument("--served-id", help="the model id clients ask for (default: the registry name)")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8089)
    args = ap.parse_args(argv)
    uvicorn.run(create_app(args.model, args.served_id), host=args.host, port=args.port, log_level="warning")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
