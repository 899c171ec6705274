"""The OpenAI-compatible backend: prompts go to ``/v1/chat/completions`` of a model server the user
already runs (vLLM, TGI, llama.cpp's ``llama-server``, Ollama ...), through the maintained ``openai``
client, which retries 429, 5xx and dropped connections with exponential backoff.

Everything around the model stays local and unchanged: the numeric core, the guard (every number is
still checked), the highlights, the OpenCC copy, the coverage report. What this module does:

- the same chat messages as the local runtimes; a trailing assistant message is the start of the
  answer (servers that continue it, like llama.cpp's, do; where a server answers it anew, a repeated
  answer start is cut, so the pipeline's join never doubles it);
- greedy decoding (temperature 0) for the first candidate, seeded sampling for the guard's next ones;
- ``max_tokens`` per call, the server's end token ends the answer;
- streaming, so a ``cancel`` closes the request at the next chunk, and the time to the first chunk
  is the prefill time;
- the server's own token counts (``usage``) in the result, and so in the brief's ``timing``
  (with several requests in flight their times overlap: prefill and decode seconds then add up to
  more than the wall time, and a request's prefill includes its wait in the server's queue);
- up to ``concurrency`` requests in flight at once per process (a remote server batches them).

Token counts for chunk budgets come from the server's own tokenizer where it offers one (vLLM's and
llama-server's ``/tokenize``, llama_cpp.server's ``/extras/tokenize``); otherwise they are estimated
high: one token per CJK character and one per three other characters (Qwen's tokenizer uses about
0.6 per Chinese character), so a budget is never overrun.
"""

from __future__ import annotations

import contextvars
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from pressbrief.service.errors import ModelError, ModelServerError
from pressbrief.service.settings import get_settings

from ..registry import ModelEntry
from .base import Cancelled, GenerationResult, Generator, Messages, count_new_tokens, split_answer_start


def estimate_tokens(text: str) -> int:
    """An upper estimate of a text's tokens for budgeting (no tokenizer at hand)."""
    cjk = sum(1 for ch in text if "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\uffef")
    return cjk + (len(text) - cjk + 2) // 3


class _ServerTokenCounter:
    """Counts tokens with the server's tokenizer endpoint, found on first use; the estimate where the
    server has none (or stops answering)."""

    def __init__(self, url: str, model_id: str, api_key: str | None, timeout_s: float):
        self.root = url.rstrip("/").removesuffix("/v1")
        self.model_id = model_id
        self.headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.timeout_s = min(timeout_s, 10.0)
        self.method: tuple[str, str] | None = None  # (path, body key) once found
        self.probed = False
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()

    # (path, the key the text goes in): vLLM, llama-server, llama_cpp.server
    _ENDPOINTS = (("/tokenize", "prompt"), ("/tokenize", "content"), ("/extras/tokenize", "input"))

    def count(self, text: str) -> int:
        if text in self._counts:
            return self._counts[text]
        with self._lock:
            if not self.probed:
                self.probed = True
                for path, key in self._ENDPOINTS:
                    if self._ask(path, key, "新乡市") is not None:
                        self.method = (path, key)
                        break
        n = self._ask(*self.method, text) if self.method else None
        if n is None:
            self.method, n = None, estimate_tokens(text)  # no (more) tokenizer: estimate from here on
        if len(self._counts) < 4096:
            self._counts[text] = n
        return n

    def _ask(self, path: str, key: str, text: str) -> int | None:
        import httpx

        try:
            r = httpx.post(self.root + path, json={"model": self.model_id, key: text}, headers=self.headers,
                           timeout=self.timeout_s)
            data = r.json() if r.status_code == 200 else None
        except (httpx.HTTPError, ValueError):
            return None
        if isinstance(data, dict) and isinstance(data.get("count"), int):
            return data["count"]
        if isinstance(data, dict) and isinstance(data.get("tokens"), list):
            return len(data["tokens"])
        return None

    def __call__(self, text: str, add_special_tokens: bool = False) -> dict:
        return {"input_ids": [0] * self.count(text)}


class OpenAIGenerator(Generator):
    def __init__(self, entry: ModelEntry, *, url: str, model_id: str, api_key: str | None = None,
                 timeout_s: float = 120.0, retries: int = 3, concurrency: int = 4):
        from openai import OpenAI

        client = OpenAI(base_url=url, api_key=api_key or "not-needed", timeout=timeout_s, max_retries=retries)
        super().__init__(entry, "openai")
        self.client = client
        self.token_counter = _ServerTokenCounter(url, model_id, api_key, timeout_s)
        self.url = url
        self.model_id = model_id
        self.concurrency = max(1, concurrency)
        self.lock = threading.BoundedSemaphore(self.concurrency)  # N requests in flight, not one

    def count_tokens(self, text: str) -> int:
        return self.token_counter.count(text)

    def generate_many(self, prompts: Sequence[str | Messages], *, max_new_tokens: int = 256,
                      sample_seed: int | None = None, cancel: threading.Event | None = None,
                      ) -> list[GenerationResult]:
        """The prompts are sent concurrently (the server batches them), results in order."""
        if len(prompts) == 1:
            return [self._chat(prompts[0], max_new_tokens, sample_seed, cancel)]
        with ThreadPoolExecutor(min(len(prompts), self.concurrency), thread_name_prefix="openai") as pool:
            # each in a copy of the caller's context, so its token meter hears these threads too
            futures = [pool.submit(contextvars.copy_context().run, self._chat, p, max_new_tokens, sample_seed,
                                   cancel) for p in prompts]
            return [f.result() for f in futures]

    def _chat(self, prompt: str | Messages, max_new_tokens: int, sample_seed: int | None,
              cancel: threading.Event | None) -> GenerationResult:
        import openai

        messages = [{"role": "user", "content": prompt}] if isinstance(prompt, str) else list(prompt)
        _, answer_start = split_answer_start(messages)
        sampling = {"temperature": 0.0} if sample_seed is None else {
            "temperature": 0.7, "top_p": 0.9, "seed": sample_seed}
        with self.lock:
            start = time.perf_counter()
            first: float | None = None
            pieces: list[str] = []
            usage = None
            finish: str | None = None
            try:
                stream = self.client.chat.completions.create(
                    model=self.model_id, messages=messages, max_tokens=max_new_tokens, stream=True,
                    stream_options={"include_usage": True}, **sampling)
                try:
                    for chunk in stream:
                        if cancel is not None and cancel.is_set():
                            raise Cancelled("generation cancelled")
                        usage = chunk.usage or usage
                        for choice in chunk.choices:
                            if choice.delta is not None and choice.delta.content:
                                first = first or time.perf_counter()
                                pieces.append(choice.delta.content)
                                count_new_tokens()
                            finish = choice.finish_reason or finish
                finally:
                    stream.close()  # closing the response is what stops the server's work on cancel
            except openai.APIStatusError as exc:
                retried = exc.status_code in (408, 409, 429) or exc.status_code >= 500  # what the client retries
                body = exc.body if isinstance(exc.body, dict) else {}
                detail = body.get("message") if isinstance(body.get("message"), str) else exc.message
                raise ModelServerError(f"model server {self.url}: HTTP {exc.status_code}"
                                       f"{' after retries' if retried else ''}: {_short(detail)}") from None
            except openai.APITimeoutError:
                raise ModelServerError(f"model server {self.url}: no answer within the timeout "
                                       "(PRESSBRIEF_LLM_TIMEOUT_S), after retries") from None
            except openai.APIError as exc:  # connection refused or dropped
                raise ModelServerError(f"model server {self.url}: {_short(str(exc))}") from None
            end = time.perf_counter()
        if finish is None:
            # a stream that stops without saying why was cut off (llama_cpp.server interrupts a request
            # when another arrives, unless started with --interrupt_requests False): a half answer is no brief
            raise ModelServerError(f"model server {self.url}: the answer ended without a finish reason after "
                                   f"{len(pieces)} piece(s); was it interrupted by another request?")
        text = _without_repeated_start("".join(pieces).strip(), answer_start)
        prompt_tokens = getattr(usage, "prompt_tokens", None)
        new_tokens = getattr(usage, "completion_tokens", None)
        details = getattr(usage, "prompt_tokens_details", None)
        first = first or end
        return GenerationResult(
            text=text,
            prompt_tokens=prompt_tokens if prompt_tokens is not None else estimate_tokens(str(messages)),
            new_tokens=new_tokens if new_tokens is not None else len(pieces),
            cached_tokens=getattr(details, "cached_tokens", None) or 0,
            prefill_s=first - start, decode_s=end - first)


def _without_repeated_start(text: str, answer_start: str) -> str:
    start = answer_start.strip()
    if start and text.startswith(start):
        return text[len(start):].lstrip()
    return text


def _short(message: str, limit: int = 200) -> str:
    message = " ".join(str(message).split())
    return message if len(message) <= limit else message[:limit] + "…"


# --- the runtime table's hooks (models/runtimes/__init__.py) ---


def available() -> bool:
    return True  # the openai client is a dependency of the package


def accept(entry: ModelEntry, runtime: str) -> None:
    if entry.source_kind != "openai":
        raise ModelError(f"runtime openai is for served models (openai:MODEL); {entry.name!r} is local")


def load(entry: ModelEntry, runtime: str) -> OpenAIGenerator:
    s = get_settings()
    return OpenAIGenerator(entry, url=entry.extra.get("url") or s.llm_url, model_id=entry.source_ref,
                           api_key=s.llm_api_key, timeout_s=s.llm_timeout_s, retries=s.llm_retries,
                           concurrency=s.llm_concurrency)
