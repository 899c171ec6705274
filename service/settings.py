"""Every limit and path is a named setting with an environment variable (PRESSBRIEF_<NAME>), declared
once below: its type, its default and what it means. pydantic-settings reads and checks them; a bad
value is a SettingsError naming the variable.

Read once per call of ``get_settings()`` so tests can monkeypatch the environment.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from .errors import PressbriefError

DEFAULT_MODEL = "qwen2.5-coder-1.5b-instruct"


class SettingsError(PressbriefError):
    """An environment variable holds a value the service cannot use."""

    exit_code = 2
    http_status = 500
    code = "invalid_setting"


def default_home() -> Path:
    """$XDG_CACHE_HOME/pressbrief, else ~/.cache/pressbrief (PRESSBRIEF_HOME overrides)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pressbrief"


CommaList = Annotated[tuple[str, ...], NoDecode]  # "a, b,,c" -> ("a", "b", "c")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PRESSBRIEF_", env_ignore_empty=True, frozen=True,
                                      extra="ignore", validate_by_name=True)

    home: Path = Field(default_factory=default_home)  # PRESSBRIEF_HOME: caches, converted models, the jobs file
    max_input_chars: int = 200_000  # PRESSBRIEF_MAX_INPUT_CHARS
    max_input_bytes: int = 2_000_000  # PRESSBRIEF_MAX_INPUT_BYTES (files read by the CLI / batch)
    max_highlights: int = 50  # PRESSBRIEF_MAX_HIGHLIGHTS (upper bound a request may ask for)
    default_highlights: int = 8  # PRESSBRIEF_DEFAULT_HIGHLIGHTS
    request_timeout_s: float = 600.0  # PRESSBRIEF_REQUEST_TIMEOUT_S
    max_queue: int = 8  # PRESSBRIEF_MAX_QUEUE
    # PRESSBRIEF_MODEL; unset: openai:<PRESSBRIEF_LLM_MODEL> when PRESSBRIEF_LLM_URL names a server, else
    # the default model
    default_model: str = Field("", validation_alias="PRESSBRIEF_MODEL")
    runtime: str = "auto"  # PRESSBRIEF_RUNTIME: auto, llama.cpp, fp32, bf16, int8-dynamic, ctranslate2
    allow_network: bool = False  # PRESSBRIEF_ALLOW_NETWORK=1 lets hub ids be resolved
    # PRESSBRIEF_TOGETHER: prompts a local runtime (llama.cpp, transformers) decodes together in one batch,
    # their shared prefix prefilled once (models/runtimes/together.py); 1 = one prompt after another, the
    # sequential path the benches compare against. Read when the model loads.
    together: int = Field(4, ge=1, le=16)
    # PRESSBRIEF_THREADS: llama.cpp's threads; 0 = the cores other processes leave idle, counted before each
    # call (models/runtimes/idle_cores.py: beside one busy process, 1 thread decodes twice as fast as 2)
    threads: int = Field(0, ge=0, le=256)
    # PRESSBRIEF_PREFIX_CACHE: llama.cpp keeps a prefilled prompt prefix (the briefs' shared system block) on
    # disk under home/prefix-cache: a fresh process loads it instead of prefilling it (runtimes/prefix_store.py)
    prefix_cache: bool = True
    # --- REST service (service/api) ---
    max_body_bytes: int = 0  # PRESSBRIEF_MAX_BODY_BYTES (HTTP request body; 0 = derived from max_input_chars)
    max_batch: int = 4  # PRESSBRIEF_MAX_BATCH (queued generations run together if the engine batches)
    cpu_workers: int = 2  # PRESSBRIEF_CPU_WORKERS (threads for extract/evaluate, apart from generation)
    max_cpu_queue: int = 32  # PRESSBRIEF_MAX_CPU_QUEUE (extract/evaluate requests waiting for a thread)
    # PRESSBRIEF_HEADER_TIMEOUT_S / PRESSBRIEF_BODY_TIMEOUT_S: a request's line and headers, and its body,
    # must arrive within these (service/api/serving.py: slow clients never hold a connection)
    header_timeout_s: float = Field(10.0, gt=0)
    body_timeout_s: float = Field(60.0, gt=0)
    # PRESSBRIEF_API_KEYS (comma-separated; empty = no auth); kept out of repr so keys never reach a log
    api_keys: CommaList = Field((), repr=False)
    cors_origins: CommaList = ()  # PRESSBRIEF_CORS_ORIGINS (comma-separated; empty = CORS off)
    chunk_tokens: int = 3000  # PRESSBRIEF_CHUNK_TOKENS (prompt budget per chunk, capped by the model's context)
    max_chunks: int = 8  # PRESSBRIEF_MAX_CHUNKS (beyond this, text is reported as uncovered)
    # PRESSBRIEF_PROMPT_TOKENS: source tokens the brief model is shown (headline, headings, lead,
    # highlight sentences; service/brief/digest.py); 0 = every chunk of the release, as before
    prompt_tokens: int = 700
    max_new_tokens: int = 160  # PRESSBRIEF_MAX_NEW_TOKENS (per brief and chunk)
    # PRESSBRIEF_MAX_CANDIDATES: greedy + seeded samples the guard may try. 3 since the evidence writer keeps each
    # prompt's tokens in its sequence between rounds (a further round costs the open units' decode only): on
    # the 21-document read, 2 rounds left units with no true sentence, the lead of a release among them
    max_candidates: int = 3
    # PRESSBRIEF_TRANSLATE_CANDIDATES: the same per sentence of a full translation, where a retry is
    # short and running out leaves the sentence untranslated
    translate_candidates: int = 4
    # PRESSBRIEF_TRANSLATE_MBR: samples drawn for every sentence and chosen among by agreement (chrF MBR,
    # service/brief/mbr.py); 0 takes the first candidate that passes. Measured in README's translate section.
    translate_mbr: int = Field(0, ge=0)
    # PRESSBRIEF_TRANSLATE_CONTEXT: the previous source sentence and its accepted translation in each prompt
    translate_context: bool = True
    # PRESSBRIEF_TRANSLATE_CHAT_TOKENS: with the context on, earlier sentences stay in the prompt as a chat of
    # up to this many tokens (each prompt extends the one before, so only the new sentence is prefilled);
    # 0 shows the previous sentence alone in each prompt
    translate_chat_tokens: int = Field(0, ge=0)
    # PRESSBRIEF_EN_PATH: how the English brief is written (service/brief/writers/): evidence (one checked
    # sentence per evidence unit), direct, zh-translated or lead-figures
    en_path: str = "evidence"
    # PRESSBRIEF_ZH_PATH: how the Chinese brief is written: evidence (the release's own clauses, unit by unit)
    # or model (the model's paraphrase, guarded)
    zh_path: str = "evidence"
    # PRESSBRIEF_MAX_SENTENCES: evidence units (source sentences) a brief is built from
    max_sentences: int = Field(7, ge=1, le=40)
    # --- durable jobs (service/jobs) ---
    jobs_db: Path | None = None  # PRESSBRIEF_JOBS_DB (default $PRESSBRIEF_HOME/jobs.sqlite3)
    job_ttl_s: float = 86400.0  # PRESSBRIEF_JOB_TTL_S: finished jobs and results are purged this long after they end
    job_stale_s: float = 30.0  # PRESSBRIEF_JOB_STALE_S: a running job without a heartbeat this long lost its process
    job_workers: int = 1  # PRESSBRIEF_JOB_WORKERS: jobs run at once by this process
    max_jobs_queued: int = 1000  # PRESSBRIEF_MAX_JOBS_QUEUED: beyond this, POST /v1/jobs answers 503 queue_full
    callback_hosts: CommaList = ()  # PRESSBRIEF_CALLBACK_HOSTS: hosts a callback_url may name (empty = off)
    # --- an OpenAI-compatible model server (models/runtimes/openai.py) ---
    llm_url: str = ""  # PRESSBRIEF_LLM_URL (e.g. http://gpu-box:8000/v1); with PRESSBRIEF_LLM_MODEL, the default
    llm_model: str = ""  # PRESSBRIEF_LLM_MODEL (the server's model id)
    llm_api_key: str = Field("", repr=False)  # PRESSBRIEF_LLM_API_KEY: never in a repr, a log or a row
    llm_timeout_s: float = 120.0  # PRESSBRIEF_LLM_TIMEOUT_S (one request, retries apart)
    llm_retries: int = 3  # PRESSBRIEF_LLM_RETRIES (on 429, 5xx, dropped connections; exponential backoff)
    llm_concurrency: int = 4  # PRESSBRIEF_LLM_CONCURRENCY (requests in flight per process)
    llm_context: int = 32768  # PRESSBRIEF_LLM_CONTEXT (the served model's context, for chunk budgets)

    @field_validator("api_keys", "cors_origins", "callback_hosts", mode="before")
    @classmethod
    def _comma_list(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(item.strip() for item in value.split(",") if item.strip())
        return value

    @field_validator("home", "jobs_db", mode="after")
    @classmethod
    def _expand(cls, value: Path | None) -> Path | None:
        return value.expanduser() if value is not None else None

    @field_validator("en_path", "zh_path", "runtime", "llm_url", "llm_model", "default_model", mode="after")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()

    @model_validator(mode="after")
    def _default_model(self) -> Settings:
        if not self.default_model:  # frozen: set through the object's dict, once, while validating
            served = f"openai:{self.llm_model}" if self.llm_url and self.llm_model else ""
            object.__setattr__(self, "default_model", served or DEFAULT_MODEL)
        return self

    def with_changes(self, **changes: object) -> Settings:
        """A copy with some values replaced (validated like the environment's)."""
        return Settings.model_validate(self.model_dump() | changes)


def get_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        raise SettingsError("; ".join(_say(err) for err in exc.errors())) from None


def _say(err: dict) -> str:
    field = str(err["loc"][0]) if err.get("loc") else "?"
    name = "PRESSBRIEF_MODEL" if field == "default_model" else "PRESSBRIEF_" + field.upper()
    return f"environment variable {name} is invalid ({err['msg'].lower()}): got {err.get('input')!r}"
