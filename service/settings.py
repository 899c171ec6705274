"""Every limit and path is a named setting with an environment variable.

Read once per call of ``get_settings()`` so tests can monkeypatch the environment.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"environment variable {name} must be an integer, got {raw!r}") from exc


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ValueError(f"environment variable {name} must be a number, got {raw!r}") from exc


def _env_list(name: str) -> tuple[str, ...]:
    """A comma-separated list; blanks dropped."""
    raw = os.environ.get(name) or ""
    return tuple(item.strip() for item in raw.split(",") if item.strip())


def _served_model() -> str:
    """``openai:<id>`` when PRESSBRIEF_LLM_URL and PRESSBRIEF_LLM_MODEL name a model server."""
    url, model = os.environ.get("PRESSBRIEF_LLM_URL", "").strip(), os.environ.get("PRESSBRIEF_LLM_MODEL", "").strip()
    return f"openai:{model}" if url and model else ""


def default_home() -> Path:
    """PRESSBRIEF_HOME, else $XDG_CACHE_HOME/pressbrief, else ~/.cache/pressbrief."""
    if os.environ.get("PRESSBRIEF_HOME"):
        return Path(os.environ["PRESSBRIEF_HOME"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pressbrief"


@dataclass(frozen=True)
class Settings:
    home: Path
    max_input_chars: int  # PRESSBRIEF_MAX_INPUT_CHARS
    max_input_bytes: int  # PRESSBRIEF_MAX_INPUT_BYTES (files read by the CLI / batch)
    max_highlights: int  # PRESSBRIEF_MAX_HIGHLIGHTS (upper bound a request may ask for)
    default_highlights: int  # PRESSBRIEF_DEFAULT_HIGHLIGHTS
    request_timeout_s: float  # PRESSBRIEF_REQUEST_TIMEOUT_S
    max_queue: int  # PRESSBRIEF_MAX_QUEUE
    default_model: str  # PRESSBRIEF_MODEL
    allow_network: bool  # PRESSBRIEF_ALLOW_NETWORK=1 lets hub ids be resolved
    # --- REST service (service/api) ---
    max_body_bytes: int = 0  # PRESSBRIEF_MAX_BODY_BYTES (HTTP request body; 0 = derived from max_input_chars)
    max_batch: int = 4  # PRESSBRIEF_MAX_BATCH (queued generations run together if the engine batches)
    cpu_workers: int = 2  # PRESSBRIEF_CPU_WORKERS (threads for extract/evaluate, apart from generation)
    max_cpu_queue: int = 32  # PRESSBRIEF_MAX_CPU_QUEUE (extract/evaluate requests waiting for a thread)
    # PRESSBRIEF_API_KEYS (comma-separated; empty = no auth); kept out of repr so keys never reach a log
    api_keys: tuple[str, ...] = field(default=(), repr=False)
    cors_origins: tuple[str, ...] = ()  # PRESSBRIEF_CORS_ORIGINS (comma-separated; empty = CORS off)
    chunk_tokens: int = 3000  # PRESSBRIEF_CHUNK_TOKENS (prompt budget per chunk, capped by the model's context)
    max_chunks: int = 8  # PRESSBRIEF_MAX_CHUNKS (beyond this, text is reported as uncovered)
    # PRESSBRIEF_PROMPT_TOKENS: source tokens the brief model is shown (headline, headings, lead,
    # highlight sentences; service/brief/digest.py); 0 = every chunk of the release, as before
    prompt_tokens: int = 700
    max_new_tokens: int = 160  # PRESSBRIEF_MAX_NEW_TOKENS (per brief and chunk)
    max_candidates: int = 2  # PRESSBRIEF_MAX_CANDIDATES (greedy + seeded samples the guard may try)
    # PRESSBRIEF_TRANSLATE_CANDIDATES: the same per sentence of a full translation, where a retry is
    # short and running out leaves the sentence untranslated
    translate_candidates: int = 4
    # PRESSBRIEF_EN_PATH: how the English brief is written (service/brief/en_lines.py): direct, zh-translated
    # or lead-figures
    en_path: str = "direct"
    # --- durable jobs (service/jobs) ---
    jobs_db: Path | None = None  # PRESSBRIEF_JOBS_DB (default $PRESSBRIEF_HOME/jobs.sqlite3)
    job_ttl_s: float = 86400.0  # PRESSBRIEF_JOB_TTL_S: finished jobs and results are purged this long after they end
    job_stale_s: float = 30.0  # PRESSBRIEF_JOB_STALE_S: a running job without a heartbeat this long lost its process
    job_workers: int = 1  # PRESSBRIEF_JOB_WORKERS: jobs run at once by this process
    max_jobs_queued: int = 1000  # PRESSBRIEF_MAX_JOBS_QUEUED: beyond this, POST /v1/jobs answers 503 queue_full
    callback_hosts: tuple[str, ...] = ()  # PRESSBRIEF_CALLBACK_HOSTS: hosts a callback_url may name (empty = off)
    # --- an OpenAI-compatible model server (models/runtimes/openai.py) ---
    llm_url: str = ""  # PRESSBRIEF_LLM_URL (e.g. http://gpu-box:8000/v1); with PRESSBRIEF_LLM_MODEL, the default
    llm_model: str = ""  # PRESSBRIEF_LLM_MODEL (the server's model id)
    llm_api_key: str = field(default="", repr=False)  # PRESSBRIEF_LLM_API_KEY: never in a repr, a log or a row
    llm_timeout_s: float = 120.0  # PRESSBRIEF_LLM_TIMEOUT_S (one request, retries apart)
    llm_retries: int = 3  # PRESSBRIEF_LLM_RETRIES (on 429, 5xx, dropped connections; exponential backoff)
    llm_concurrency: int = 4  # PRESSBRIEF_LLM_CONCURRENCY (requests in flight per process)
    llm_context: int = 32768  # PRESSBRIEF_LLM_CONTEXT (the served model's context, for chunk budgets)


def get_settings() -> Settings:
    return Settings(
        home=default_home(),
        max_input_chars=_env_int("PRESSBRIEF_MAX_INPUT_CHARS", 200_000),
        max_input_bytes=_env_int("PRESSBRIEF_MAX_INPUT_BYTES", 2_000_000),
        max_highlights=_env_int("PRESSBRIEF_MAX_HIGHLIGHTS", 50),
        default_highlights=_env_int("PRESSBRIEF_DEFAULT_HIGHLIGHTS", 8),
        request_timeout_s=_env_float("PRESSBRIEF_REQUEST_TIMEOUT_S", 600.0),
        max_queue=_env_int("PRESSBRIEF_MAX_QUEUE", 8),
        default_model=os.environ.get("PRESSBRIEF_MODEL") or _served_model() or "qwen2.5-coder-1.5b-instruct",
        allow_network=os.environ.get("PRESSBRIEF_ALLOW_NETWORK", "") in ("1", "true", "yes"),
        max_body_bytes=_env_int("PRESSBRIEF_MAX_BODY_BYTES", 0),
        max_batch=_env_int("PRESSBRIEF_MAX_BATCH", 4),
        cpu_workers=_env_int("PRESSBRIEF_CPU_WORKERS", 2),
        max_cpu_queue=_env_int("PRESSBRIEF_MAX_CPU_QUEUE", 32),
        api_keys=_env_list("PRESSBRIEF_API_KEYS"),
        cors_origins=_env_list("PRESSBRIEF_CORS_ORIGINS"),
        chunk_tokens=_env_int("PRESSBRIEF_CHUNK_TOKENS", 3000),
        max_chunks=_env_int("PRESSBRIEF_MAX_CHUNKS", 8),
        prompt_tokens=_env_int("PRESSBRIEF_PROMPT_TOKENS", 700),
        max_new_tokens=_env_int("PRESSBRIEF_MAX_NEW_TOKENS", 160),
        max_candidates=_env_int("PRESSBRIEF_MAX_CANDIDATES", 2),
        translate_candidates=_env_int("PRESSBRIEF_TRANSLATE_CANDIDATES", 4),
        en_path=os.environ.get("PRESSBRIEF_EN_PATH", "").strip() or "direct",
        jobs_db=Path(os.environ["PRESSBRIEF_JOBS_DB"]).expanduser() if os.environ.get("PRESSBRIEF_JOBS_DB") else None,
        job_ttl_s=_env_float("PRESSBRIEF_JOB_TTL_S", 86400.0),
        job_stale_s=_env_float("PRESSBRIEF_JOB_STALE_S", 30.0),
        job_workers=_env_int("PRESSBRIEF_JOB_WORKERS", 1),
        max_jobs_queued=_env_int("PRESSBRIEF_MAX_JOBS_QUEUED", 1000),
        callback_hosts=_env_list("PRESSBRIEF_CALLBACK_HOSTS"),
        llm_url=os.environ.get("PRESSBRIEF_LLM_URL", "").strip(),
        llm_model=os.environ.get("PRESSBRIEF_LLM_MODEL", "").strip(),
        llm_api_key=os.environ.get("PRESSBRIEF_LLM_API_KEY", ""),
        llm_timeout_s=_env_float("PRESSBRIEF_LLM_TIMEOUT_S", 120.0),
        llm_retries=_env_int("PRESSBRIEF_LLM_RETRIES", 3),
        llm_concurrency=_env_int("PRESSBRIEF_LLM_CONCURRENCY", 4),
        llm_context=_env_int("PRESSBRIEF_LLM_CONTEXT", 32768),
    )
