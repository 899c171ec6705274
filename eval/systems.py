"""Brief generators the harness can compare side by side (``pressbrief eval --system NAME``).

A system is a callable ``(text: str) -> {"summary_zh": ..., "summary_en": ..., "summary_zh_hant": ...}``
(any key may be missing or None). Factories are registered by name and take the model name:

- ``pressbrief``: the product pipeline (numeric core + model + guard), ``pressbrief.service.pipeline.summarize``.
- ``raw``: the raw-model baseline: the same default model prompted once to summarize in Chinese and
  English, with no numeric core, no highlights and no guard.
- ``lead``: Lead-N, the first sentences of the release as the Chinese brief; no model at all (a
  classic summarization baseline whose numbers are copied, so its precision is an upper bound).

Every model-backed system imports its dependencies inside the call, so listing or choosing a system
never loads a model.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from pressbrief.models import load_generator
from pressbrief.service.errors import InputError
from pressbrief.service.pipeline import summarize

System = Callable[[str], Mapping[str, Any]]
SystemFactory = Callable[..., System]

_REGISTRY: dict[str, tuple[SystemFactory, str]] = {}


def register_system(name: str, factory: SystemFactory, description: str = "") -> None:
    """Add or replace a system factory ``factory(model=None) -> System``."""
    _REGISTRY[name] = (factory, description)


def list_systems() -> dict[str, str]:
    return {name: desc for name, (_, desc) in sorted(_REGISTRY.items())}


def get_system(name: str, model: str | None = None) -> System:
    """The system registered as ``name`` (``pressbrief``, ``raw``, ``lead`` ...)."""

    if name not in _REGISTRY:
        raise InputError(f"unknown system {name!r}; choose from {', '.join(sorted(_REGISTRY))}")
    factory, _ = _REGISTRY[name]
    fn = factory(model=model)
    fn.__name__ = name  # type: ignore[attr-defined]
    return fn


# -- pressbrief ------------------------------------------------------------------------------------

def _pressbrief(model: str | None = None) -> System:
    def run(text: str) -> dict[str, Any]:
        out = summarize(text, model=model).to_json()
        return {"summary_zh": out.get("brief_zh"), "summary_zh_hant": out.get("brief_zh_hant"),
                "summary_en": out.get("brief_en"), "highlights": out.get("highlights")}

    return run


# -- raw model baseline ------------------------------------------------------------------------------

RAW_SYSTEM = "You are a careful financial news editor."
RAW_PROMPT = (
    "Summarize the following Chinese press release for investors.\n"
    "Write a short summary in Simplified Chinese (3-5 sentences), then a short summary in English "
    "(3-5 sentences). Keep the key figures.\n"
    "Answer in exactly this format:\n"
    "中文摘要：<Chinese summary>\n"
    "English summary: <English summary>\n\n"
    "Press release:\n{text}"
)
_ZH_HEAD = re.compile(r"(?:中文摘要|中文总结|摘要)\s*[:：]\s*")
_EN_HEAD = re.compile(r"(?i)(?:english\s+summary|summary\s+in\s+english|english)\s*[:：]\s*")


def split_raw_output(out: str) -> tuple[str | None, str | None]:
    """(Chinese, English) parts of the raw model's answer; best effort when it ignores the format."""
    zh = en = None
    em = _EN_HEAD.search(out)
    zm = _ZH_HEAD.search(out)
    if zm and em and zm.start() < em.start():
        zh = out[zm.end():em.start()].strip()
        en = out[em.end():].strip()
    elif em:
        zh = out[:em.start()].strip() or None
        en = out[em.end():].strip()
    else:
        # no headings: Chinese lines vs the rest
        zh_lines = [ln for ln in out.splitlines() if re.search(r"[\u4e00-\u9fff]", ln)]
        en_lines = [ln for ln in out.splitlines() if ln.strip() and not re.search(r"[\u4e00-\u9fff]", ln)]
        zh = "\n".join(zh_lines).strip() or None
        en = "\n".join(en_lines).strip() or None
    if zh:
        zh = _ZH_HEAD.sub("", zh, count=1).strip() or None
    return zh, en


def _raw(model: str | None = None, max_new_tokens: int = 384, max_source_chars: int = 6000) -> System:
    def run(text: str) -> dict[str, Any]:

        gen = load_generator(model)
        messages = [{"role": "system", "content": RAW_SYSTEM},
                    {"role": "user", "content": RAW_PROMPT.format(text=text[:max_source_chars])}]
        result = gen.generate(messages, max_new_tokens=max_new_tokens)
        out = result if isinstance(result, str) else getattr(result, "text", str(result))
        zh, en = split_raw_output(out)
        return {"summary_zh": zh, "summary_en": en, "summary_zh_hant": None}

    return run


# -- lead baseline ---------------------------------------------------------------------------------

def _lead(model: str | None = None, sentences: int = 3) -> System:
    def run(text: str) -> dict[str, Any]:
        parts = [p.strip() for p in re.split(r"(?<=[。！？])", text) if p.strip() and len(p.strip()) > 8]
        return {"summary_zh": "".join(parts[:sentences]) or None}

    return run


register_system("pressbrief", _pressbrief, "the product pipeline: numeric core, model, guard")
register_system("raw", _raw, "the default model prompted to summarize (no numeric core, no guard)")
register_system("lead", _lead, "the first three sentences of the release (Chinese only, no model)")
