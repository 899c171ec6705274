"""Versioned prompt templates from prompts/templates/<name>.v<N>.txt.

A template file has `[system]` and `[user]` blocks with `$placeholders` (string.Template, so
Chinese text with braces is never misread); lines starting with `#` are comments. The newest
version is used unless a version is asked for; the version used is reported with each brief.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from string import Template

from ..numeric.glossary import phrases_in
from ..numeric.provinces import place_names
from ..numeric.types import Metric
from .chunking import Chunk
from .fallback import label_en
from .labels import is_metric_name
from .name_repair import names_to_give

Messages = list[dict[str, str]]


@dataclass(frozen=True)
class PromptTemplate:
    name: str
    version: int
    system: str
    user: str
    answer_start: str = ""  # [assistant] block: the model continues this text


    @property
    def id(self) -> str:
        return f"{self.name}.v{self.version}"

    def render(self, **fields: object) -> Messages:
        values = {k: str(v) for k, v in fields.items()}
        messages = [
            {"role": "system", "content": Template(self.system).substitute(values)},
            # stripped: a line left empty (no actor to name) is no blank line to prefill
            {"role": "user", "content": Template(self.user).substitute(values).strip()},
        ]
        if self.answer_start:
            messages.append({"role": "assistant", "content": Template(self.answer_start).substitute(values)})
        return messages


def _parse(name: str, version: int, raw: str) -> PromptTemplate:
    blocks: dict[str, list[str]] = {}
    current = None
    for line in raw.splitlines():
        if line.startswith("#"):
            continue
        header = re.fullmatch(r"\[(system|user|assistant)\]\s*", line)
        if header:
            current = header.group(1)
            blocks[current] = []
        elif current:
            blocks[current].append(line)
    # The answer start keeps its trailing space: the model continues right after it.
    answer = "\n".join(blocks.get("assistant", [])).strip("\n")
    return PromptTemplate(name, version, "\n".join(blocks["system"]).strip(), "\n".join(blocks["user"]).strip(),
                          answer)


@lru_cache(maxsize=32)
def load_template(name: str, version: int | None = None) -> PromptTemplate:
    folder = resources.files("pressbrief.prompts").joinpath("templates")
    found: dict[int, str] = {}
    for entry in folder.iterdir():
        m = re.fullmatch(rf"{re.escape(name)}\.v(\d+)\.txt", entry.name)
        if m:
            found[int(m.group(1))] = entry.read_text("utf-8")
    if not found:
        raise FileNotFoundError(f"no prompt template named {name!r} in prompts/templates")
    chosen = version if version is not None else max(found)
    if chosen not in found:
        raise FileNotFoundError(f"prompt template {name!r} has no version {chosen} (have {sorted(found)})")
    return _parse(name, chosen, found[chosen])


def glossary_pairs(metrics: list[Metric], text: str) -> dict[str, str]:
    """Chinese -> English for the text's place names and the metrics' labels, so the model names
    a figure's subject as the release does (地理标志商标 is no plain "trademark")."""
    return place_names(text) | {m.label: m.label_en for m in metrics if m.label and m.label_en}


def terms_and_names(metrics: list[Metric], text: str, glossed: Mapping[str, str] | None = None) -> dict[str, str]:
    """Chinese -> English of everything a prompt gives with a sentence's figures: places and metric labels
    (``glossary_pairs``), glossary phrases, and the names the model is likely to misspell
    (``name_repair.names_to_give``, with the names the release glosses in brackets). One place for what the
    brief's evidence prompts and the translation prompts are given."""
    return glossary_pairs(metrics, text) | phrases_in(text) | names_to_give(text, glossed)


def listed_lines(figures: Mapping[str, str], pairs: Mapping[str, str], text: str) -> str:
    """The prompt's list of a sentence's figures (Chinese mention -> the core's English) and terms and names
    (Chinese -> English), without the lines that tell the model nothing: a count the sentence already writes in
    English's digits (37件 = 37), and a term it sees only inside a longer listed item. Every line is prompt to
    prefill (two thirds of a brief unit's new tokens were this list, issue 25), and a term read twice is said
    twice: 去年 = last year beside 较去年同期增长16.85% = up 16.85% year on year gave "up 16.85% year on year
    compared to last year"."""
    figures = {zh: en for zh, en in figures.items() if en and not (en.isdigit() and en in zh)}
    longer = [*figures, *pairs]
    pairs = {zh: en for zh, en in pairs.items() if not _inside_longer(zh, longer, text)}
    lines = [f"- {zh} = {en}" for zh, en in (figures | pairs).items()]
    return "\n".join(dict.fromkeys(lines)) or "(none)"


def _inside_longer(zh: str, items: list[str], text: str) -> bool:
    """Whether every place ``text`` writes ``zh`` lies inside a longer listed item written there."""
    covered: set[int] = set()
    for item in items:
        if item != zh and zh in item:
            covered |= {m.start() + item.index(zh) for m in re.finditer(re.escape(item), text)}
    return all(m.start() in covered for m in re.finditer(re.escape(zh), text))


def glossary_lines(metrics: list[Metric], text: str) -> str:
    return "\n".join(f"- {zh} = {en}" for zh, en in glossary_pairs(metrics, text).items()) or "(none)"


def part_label(chunk: Chunk, n_chunks: int, excerpt: bool = False) -> str:
    """What the prompt says the model is reading: the whole release, a digest of it, or one part."""
    if n_chunks == 1:
        return "摘录：标题、导语、小标题和关键数据所在的句子" if excerpt else "全文"
    return f"第{chunk.index + 1}部分，共{n_chunks}部分"


def highlight_lines(metrics: list[Metric], lang: str) -> str:
    """The highlights as the prompt lists them; a label that names no metric (a place, a person, 当前江苏仍)
    is not given as one."""
    if lang == "zh":
        return "\n".join(f"- {m.label if is_metric_name(m.label) else '数据'}：{m.mention.text}"
                         for m in metrics) or "（无）"
    # No glossary term: the figure with its Chinese label, which the model can translate in context.
    return "\n".join(f"- {label_en(m)}: {m.rendered_en}" if m.label_en
                     else f"- {m.rendered_en} ({m.label})" if is_metric_name(m.label) else f"- {m.rendered_en}"
                     for m in metrics) or "(none)"
