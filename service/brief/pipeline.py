"""The brief pipeline: segment -> extract -> highlights -> generate -> guard -> render.

Each step lives in its own module; this one wires them and keeps the timing. See
service/pipeline_contract.md for the result's JSON shape.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from pressbrief.service.numeric import extract, metric_to_json

from ..errors import InputError
from ..inputs import check_text
from ..lexicon.chinese import has_chinese
from ..numeric.types import Extraction, Metric
from ..settings import get_settings
from .chunking import Chunk, ChunkPlan, plan_chunks
from .completion import add_en_items, complete_brief, missing_highlights
from .digest import Digest, build_digest
from .en_paths import as_list_item, check_path, figure_clauses, figure_phrases, translate_lines, zh_sentences
from .fallback import fallback_en, fallback_zh, label_en
from .guard import GuardStats, guard
from .guard import check_text as guard_check
from .highlights import choose_highlights
from .labels import is_metric_name
from .prompting import glossary_lines, load_template
from .repeats import drop_repeats
from .traditional import to_traditional
from .translate import translate as _translate

LANGS = ("zh", "zh-Hant", "en")
Progress = Callable[[str], None] | None


@dataclass
class BriefResult:
    brief_zh: str | None
    brief_zh_hant: str | None
    brief_en: str | None
    highlights: list[dict]
    guard: dict
    coverage: dict
    timing: dict
    model: str
    prompts: list[str] = field(default_factory=list)
    title_en: str | None = None  # the release's headline in English (translated and guarded), when asked for en
    en_path: str | None = None  # how the English brief was written (service/brief/en_paths.py)

    def to_json(self) -> dict:
        return {"brief_zh": self.brief_zh, "brief_zh_hant": self.brief_zh_hant, "brief_en": self.brief_en,
                "highlights": self.highlights, "guard": self.guard, "coverage": self.coverage,
                "timing": self.timing, "model": self.model, "prompts": self.prompts, "title_en": self.title_en,
                "en_path": self.en_path}


def parse_langs(langs: str | Sequence[str]) -> tuple[str, ...]:
    items = [s.strip() for s in langs.split(",")] if isinstance(langs, str) else list(langs)
    bad = [s for s in items if s not in LANGS]
    if bad or not items:
        raise InputError(f"unknown language(s) {', '.join(bad) or '(none)'}; choose from {', '.join(LANGS)}")
    return tuple(dict.fromkeys(items))


def _highlight_lines(metrics: list[Metric], lang: str) -> str:
    # a label that names no metric (a place, a person, 当前江苏仍) is not given as one
    if lang == "zh":
        return "\n".join(f"- {m.label if is_metric_name(m.label) else '数据'}：{m.mention.text}"
                         for m in metrics) or "（无）"
    # No glossary term: the figure with its Chinese label, which the model can translate in context.
    return "\n".join(f"- {label_en(m)}: {m.rendered_en}" if m.label_en
                     else f"- {m.rendered_en} ({m.label})" if is_metric_name(m.label) else f"- {m.rendered_en}"
                     for m in metrics) or "(none)"


def _in_chunk(metrics: list[Metric], chunk: Chunk) -> list[Metric]:
    return [m for m in metrics if chunk.start <= m.mention.start < chunk.end]


def _prompts(chunk: Chunk, n_chunks: int, metrics: list[Metric], excerpt: bool = False,
             en_path: str = "direct") -> dict[str, list[dict]]:
    part = ("摘录：标题、导语、小标题和关键数据所在的句子" if excerpt else "全文") if n_chunks == 1 \
        else f"第{chunk.index + 1}部分，共{n_chunks}部分"
    zh = load_template("brief_zh").render(part=part, source=chunk.text.strip(),
                                          highlights_zh=_highlight_lines(metrics, "zh"),
                                          max_chars=200 if n_chunks == 1 else 120)
    if en_path == "lead-figures":
        en = load_template("brief_en_lead").render(part=part, source=chunk.text.strip(),
                                                   glossary=glossary_lines(metrics, chunk.text))
    else:
        en = load_template("brief_en").render(part=part, source=chunk.text.strip(),
                                              highlights_en=_highlight_lines(metrics, "en"),
                                              glossary=glossary_lines(metrics, chunk.text),
                                              max_words=120 if n_chunks == 1 else 80)
    return {"zh": zh, "en": en}


def summarize(text: str, *, langs: str | Sequence[str] = LANGS, max_highlights: int | None = None,
              model: str | None = None, traditional_variant: str = "s2t",
              cancel: threading.Event | None = None, progress: Progress = None,
              max_candidates: int | None = None, en_path: str | None = None) -> BriefResult:
    """Brief one release. Every number in every returned brief is backed by the source; every name in
    the English one too. ``en_path``: how the English is written (service/brief/en_paths.py)."""
    from pressbrief.models import load_generator

    settings = get_settings()
    langs = parse_langs(langs)
    en_path = check_path(en_path or settings.en_path)
    n = settings.default_highlights if max_highlights is None else max_highlights
    if not 0 <= n <= settings.max_highlights:
        raise InputError(f"max_highlights must be between 0 and {settings.max_highlights} "
                         "(PRESSBRIEF_MAX_HIGHLIGHTS)")
    check_text(text)
    t0 = time.perf_counter()
    extraction: Extraction = extract(text)
    highlights = choose_highlights(extraction, n)
    t_extract = time.perf_counter() - t0
    _say(progress, f"extracted {len(extraction.metrics)} metrics, {len(highlights)} highlights")

    gen = load_generator(model)
    digest: Digest | None = None
    if settings.prompt_tokens > 0:
        # The model is shown the digest (headline, headings, lead, highlight sentences) as one
        # chunk; the core has read everything, so nothing is uncovered.
        digest = build_digest(extraction, highlights, gen.count_tokens,
                              min(settings.prompt_tokens, gen.entry.context - 600))
        plan = ChunkPlan((Chunk(0, 0, len(text), digest.text, tuple(s.id for s in extraction.sections)),), (),
                         len(text))
        _say(progress, f"model shown {digest.tokens} of {digest.source_tokens} source tokens"
             + ("" if digest.whole else f" (digest, budget {digest.budget})"))
    else:
        budget = min(gen.entry.context, settings.chunk_tokens) - 600  # room for instructions and output
        plan = plan_chunks(text, extraction.sections, gen.count_tokens, max(budget, 64), settings.max_chunks)
    want = {lang for lang in langs if lang in ("zh", "en")} | ({"zh"} if "zh-Hant" in langs else set()) \
        | ({"zh"} if "en" in langs and en_path == "zh-translated" else set())
    briefs: dict[str, list[str]] = {lang: [] for lang in want}
    stats = {lang: GuardStats() for lang in want}
    counters = {"prefill_s": 0.0, "decode_s": 0.0, "prefill_tokens": 0, "cached_tokens": 0, "decode_tokens": 0,
                "guard_s": 0.0}
    max_cand = settings.max_candidates if max_candidates is None else max_candidates
    chunk_highlights_n = max(n, 4)
    for chunk in plan.chunks:
        chunk_metrics = highlights if digest is not None else _in_chunk(highlights, chunk) or choose_highlights(
            _sub_extraction(extraction, chunk), chunk_highlights_n)
        prompts = _prompts(chunk, len(plan.chunks), chunk_metrics, excerpt=digest is not None and not digest.whole,
                           en_path=en_path)
        # zh-translated: the English comes from the guarded Chinese brief, after it
        order = [lang for lang in ("zh", "en") if lang in want and not (lang == "en" and en_path == "zh-translated")]
        _say(progress, f"chunk {chunk.index + 1}/{len(plan.chunks)}: generating {', '.join(order)}")
        first = gen.generate_many([prompts[lang] for lang in order], max_new_tokens=settings.max_new_tokens,
                                  cancel=cancel)
        for lang, result in zip(order, first, strict=True):
            _count(counters, result)
            tg, gen_before = time.perf_counter(), counters["prefill_s"] + counters["decode_s"]
            first_text = finished_text(result, settings.max_new_tokens)
            start = _answer_start(prompts[lang])
            text_out, st = guard(extraction, lang, _candidates(gen, prompts[lang], first_text, counters, cancel,
                                                               settings.max_new_tokens, start,
                                                               lambda k, lang=lang: _say(
                                                                   progress, f"guard: {lang} candidate {k}")),
                                 (lambda lang=lang, cm=chunk_metrics: fallback_zh(extraction, cm) if lang == "zh"
                                  else "" if en_path == "lead-figures" else fallback_en(extraction, cm)),
                                 max_candidates=max_cand, answer_start=start,
                                 min_chars=20 if lang == "zh" or en_path != "lead-figures" else 8)
            # Extra candidates are generated inside the guard's loop; count them as generation.
            counters["guard_s"] += (time.perf_counter() - tg) - (counters["prefill_s"] + counters["decode_s"]
                                                                 - gen_before)
            if lang == "en":  # (the guard has spelt the release's places as the glossary does)
                if en_path == "lead-figures":
                    lines, st_lines = translate_lines(gen, extraction, figure_clauses(extraction, chunk_metrics),
                                                      cancel=cancel, on_result=lambda r: _count(counters, r))
                    text_out = " ".join([text_out.strip(), *lines]).strip()
                    st.merge(st_lines)
                text_out = _completed_en(gen, extraction, text_out, chunk_metrics, st, counters, cancel,
                                         translate_missing=en_path != "lead-figures")
            else:
                text_out, st.figures_added = complete_brief(extraction, text_out, lang, chunk_metrics)
            briefs[lang].append(text_out)
            stats[lang].merge(st)
        if "en" in want and en_path == "zh-translated":
            _say(progress, f"chunk {chunk.index + 1}/{len(plan.chunks)}: translating the Chinese brief")
            lines, st = translate_lines(gen, extraction, zh_sentences(briefs["zh"][-1]), cancel=cancel,
                                        on_result=lambda r: _count(counters, r))
            text_out = _completed_en(gen, extraction, " ".join(lines), chunk_metrics, st, counters, cancel)
            briefs["en"].append(text_out)
            stats["en"].merge(st)

    title_en = None
    headline = _headline(text)
    if "en" in langs and headline:
        _say(progress, "translating the headline")
        titles, _ = translate_lines(gen, extraction, [headline], cancel=cancel,
                                    on_result=lambda r: _count(counters, r), candidates=1)
        title_en = titles[0].rstrip(".") if titles else None
    brief_zh = "\n\n".join(briefs["zh"]) if "zh" in briefs else None
    brief_en = "\n\n".join(briefs["en"]) if "en" in briefs else None
    brief_hant = None
    if "zh-Hant" in langs and brief_zh is not None:
        # The Traditional copy is checked like any brief: the harness reads Traditional text through
        # the core's normalization, and a figure it cannot back there is repaired or dropped too.
        highlights_zh = fallback_zh(extraction, highlights)
        brief_hant, stats["zh-Hant"] = guard(
            extraction, "zh-Hant", iter([to_traditional(brief_zh, traditional_variant)]),
            lambda: to_traditional(highlights_zh, traditional_variant), max_candidates=1)
        stats["zh-Hant"].candidates = 0  # no model candidate: a conversion of the guarded zh brief
    total = GuardStats()
    for st in stats.values():
        total.merge(st)
    guard_json = total.to_json() | {"per_lang": {lang: st.to_json() for lang, st in stats.items()}}
    timing = {"extract_s": round(t_extract, 4), "generate_s": round(counters["prefill_s"] + counters["decode_s"], 3),
              "prefill_s": round(counters["prefill_s"], 3), "decode_s": round(counters["decode_s"], 3),
              "guard_s": round(counters["guard_s"], 3), "total_s": round(time.perf_counter() - t0, 3),
              "prefill_tokens": counters["prefill_tokens"], "cached_prefix_tokens": counters["cached_tokens"],
              "decode_tokens": counters["decode_tokens"],
              "decode_tokens_per_s": round(counters["decode_tokens"] / counters["decode_s"], 2)
              if counters["decode_s"] else None,
              "runtime": gen.runtime}
    return BriefResult(
        brief_zh=brief_zh if "zh" in langs else None, brief_zh_hant=brief_hant, brief_en=brief_en,
        highlights=[metric_to_json(m) for m in highlights], guard=guard_json,
        coverage=plan.coverage_json(text) | ({"model_shown": digest.to_json(len(text))} if digest else {}),
        timing=timing, model=gen.name,
        prompts=[load_template("brief_zh").id,
                 load_template("brief_en_lead" if en_path == "lead-figures" else "brief_en").id]
        + ([load_template("translate_en").id] if "en" in langs else []),
        title_en=title_en, en_path=en_path if "en" in langs else None,
    )


_SITE_SUFFIX = re.compile(r"\s*[-－—|｜_]\s*[\u4e00-\u9fffA-Za-z]{2,8}(?:网|报|社|在线)?\s*$")


def _headline(text: str) -> str | None:
    """The release's first line when it reads as a title (short, no sentence end), without the site
    name a web page appends (…生力军-新华网): what a pack shows."""
    for line in text.splitlines():
        line = line.strip()
        if line:
            if len(line) > 80 or line.endswith(("。", "！", "？")):
                return None
            return _SITE_SUFFIX.sub("", line) or line
    return None


def _completed_en(gen, extraction: Extraction, text: str, metrics: list[Metric], st: GuardStats, counters: dict,
                  cancel, translate_missing: bool = True) -> str:
    """Key figures the English left out: glossary-labelled ones as one core-built sentence, the rest as
    translations of their source clauses (guarded like the brief) unless `translate_missing` is off
    (lead-figures has just translated every figure's clause: the same greedy prompts again would only
    repeat what the guard rejected), then what is still missing as its short source phrase (the figure and
    what it measures), an item of the "Other key figures:" sentence."""
    text, st.figures_added = complete_brief(extraction, text, "en", metrics)
    missing = missing_highlights(extraction, text, "en", metrics)
    if missing and translate_missing:
        # greedy only: a clause that does not come through faithfully at once stays in the table
        text, missing = _with_translations(gen, extraction, text, missing, figure_clauses(extraction, missing),
                                           lambda lines: " ".join([text.strip(), *lines]).strip(), st, counters,
                                           cancel)
    if missing:
        text, missing = _with_translations(gen, extraction, text, missing, figure_phrases(extraction, missing),
                                           lambda items: add_en_items(text, [as_list_item(i) for i in items]),
                                           st, counters, cancel, whole_checked=True)
    text, repeats = drop_repeats(text, "en")  # a translated clause may restate the model's own sentence
    if repeats:
        st.note("repeated", repeats)
    if not text.strip():  # nothing of the model's got through: the checked template, as the guard gives it
        text, st_template = guard(extraction, "en", iter(()), lambda: fallback_en(extraction, metrics))
        st.fallback = True
        st.checked += st_template.checked
    return text


def _with_translations(gen, extraction: Extraction, text: str, missing: list[Metric], zh_lines: list[str],
                       join: Callable[[list[str]], str], st: GuardStats, counters: dict, cancel,
                       whole_checked: bool = False) -> tuple[str, list[Metric]]:
    """``zh_lines`` translated greedily, each guarded, and put into the brief by ``join``; the figures that
    now come through are counted. With ``whole_checked`` the joined brief must also pass the number check
    as a whole, else it stays as it was. (text, the highlights still missing)."""

    if not zh_lines:
        return text, missing
    lines, st_lines = translate_lines(gen, extraction, zh_lines, cancel=cancel,
                                      on_result=lambda r: _count(counters, r), candidates=1)
    if not lines:
        return text, missing
    done = join(lines)
    if done == text or (whole_checked and not guard_check(extraction, done, "en").ok):
        return text, missing
    st.merge(st_lines)
    still = missing_highlights(extraction, done, "en", missing)
    st.figures_added += len(missing) - len(still)
    return done, still


_MARKDOWN_EMPHASIS = re.compile(r"\*\*|__")
_MARKDOWN_LINE_MARK = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|(?:\d{1,2}[.)]|[-*•])[ \t]+)", re.M)  # "### ", "1. ", "- "
_SENTENCE_END = re.compile(r"[。！？!?.”\"）)；;:：，,]\s*$")  # a line ending "including:" introduces the next


def _as_paragraph(text: str) -> str:
    """A brief is one plain paragraph: Markdown heading and list marks go, and a line that is only a
    heading (no sentence end: the release's title, a section name) goes when real sentences remain."""
    text = _MARKDOWN_LINE_MARK.sub("", text)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    sentences = [ln for ln in lines if _SENTENCE_END.search(ln)]
    if len(lines) < 2 or not sentences:
        return "\n".join(lines)
    kept = [ln for ln in lines if _SENTENCE_END.search(ln) or len(ln) > 40]
    return ("" if has_chinese("".join(kept)) else " ").join(kept)
_TRAILING_LIST_MARKER = re.compile(r"(?:\n\s*(?:\d{1,2}[.)]|[-*•]))+\s*$")  # "...\n\n3." cut before its item


def finished_text(result, max_new_tokens: int) -> str:
    """Keep only finished sentences (a brief cut by the token limit ends mid-sentence), cut
    a degenerate loop (a small model repeating one clause until the limit) after its first turn,
    and drop Markdown bold and a list marker left without its item: briefs are plain text."""
    looped = _cut_loop(result.text)
    text = _MARKDOWN_EMPHASIS.sub("", looped)
    end_mark = "。" if has_chinese(text) else "."
    if looped != result.text and not re.search(r"[。！？!?.]\s*$", text):
        text = text.rstrip("，,；; ") + end_mark  # a loop cut after its first turn ends a clause
    if not re.search(r"[。！？!?.”\"）)]\s*$", text):
        ends = [m.end() for m in re.finditer(r"[。！？!?]|\.(?=\s|$)", text)]
        if ends:
            text = text[:ends[-1]].strip()
        else:  # one unfinished sentence: end it at its last finished clause (…河清，同时，银川市)
            marks = [m.start() for m in re.finditer(r"[，；,;]", text)]
            # a connective alone (同时, 此外, "and") is no finished clause
            while len(marks) > 1 and len(text[marks[-2] + 1:marks[-1]].strip()) <= 3:
                marks.pop()
            if marks:
                text = text[:marks[-1]].rstrip() + end_mark
    return _as_paragraph(_TRAILING_LIST_MARKER.sub("", text).strip())


def _cut_loop(text: str, min_len: int = 8) -> str:
    """`abcX abcX abcX ...` -> `abcX`: a clause of min_len+ characters repeated three times or more."""
    m = re.search(r"(.{" + str(min_len) + r",}?)\1{2,}", text, flags=re.S)
    return text[:m.start() + len(m.group(1))].strip() if m else text


def _sub_extraction(extraction: Extraction, chunk: Chunk) -> Extraction:
    metrics = tuple(m for m in extraction.metrics if chunk.start <= m.mention.start < chunk.end)
    return Extraction(extraction.text, extraction.sections, extraction.mentions, metrics, extraction.stats)


def _count(counters: dict, result) -> None:
    counters["prefill_s"] += result.prefill_s
    counters["decode_s"] += result.decode_s
    counters["prefill_tokens"] += result.prompt_tokens - result.cached_tokens
    counters["cached_tokens"] += result.cached_tokens
    counters["decode_tokens"] += result.new_tokens


def _answer_start(messages: list[dict]) -> str:
    """The answer start a template puts in the assistant turn belongs to the brief's text."""
    return messages[-1]["content"] if messages and messages[-1]["role"] == "assistant" else ""


def _candidates(gen, prompt, first: str, counters: dict, cancel, max_new_tokens: int,
                answer_start: str = "", announce: Callable[[int], None] | None = None) -> Iterator[str]:
    """Greedy output first; seeded samples only when the guard asks for another."""
    yield _join(answer_start, first)
    seed = 1
    while True:
        if announce:
            announce(seed + 1)
        result = gen.generate(prompt, max_new_tokens=max_new_tokens, sample_seed=seed, cancel=cancel)
        _count(counters, result)
        yield _join(answer_start, finished_text(result, max_new_tokens))
        seed += 1


def _join(answer_start: str, text: str) -> str:
    if not answer_start:
        return text
    return answer_start + ("" if text[:1] in (" ", ",", ".") else " ") + text


def _say(progress: Progress, message: str) -> None:
    if progress:
        progress(message)


def translate(text: str, **kwargs):  # noqa: ANN003 - same keywords as service.translate.translate
    """Full translation (service/brief/translate.py), exposed here as the contract names it."""

    return _translate(text, **kwargs)
