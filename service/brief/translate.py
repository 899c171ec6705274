"""Full translation: every sentence of the release into English, each one checked, none left out.

Numbers reach the model already rendered in English by the numeric core; each sentence is translated
with the previous source sentence and its accepted translation in view. Every candidate is repaired
before it is judged (``translation_check.py``: Chinese left in it, the model's chatter, places and
names spelt from the source, figures replaced by the source's rendering) and what is still doubtful
is a doubt. The first candidate without doubts is kept (or, with ``PRESSBRIEF_TRANSLATE_MBR=k``, the
one of k samples the others agree with most, ``mbr.py``); a sentence whose candidates all hold doubts
is retried clause by clause, and the last resort is the best candidate with its doubtful spans marked
inline (``eval/judge/marks.py``), reported per sentence under ``marked``: never a note in its place.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from pressbrief.models import load_generator
from pressbrief.models.runtimes.base import Messages
from pressbrief.service.numeric import extract

from ..inputs import check_text
from ..lexicon.chinese import HAN
from ..numeric.provinces import place_names
from ..numeric.types import Extraction, Metric
from ..progress import Progress, report
from ..settings import Settings, get_settings
from .guard import GuardStats
from .mbr import mbr_choice
from .name_repair import glossed_names
from .prompting import PromptTemplate, listed_lines, load_template, terms_and_names
from .translation_check import NAME, PINYIN, Assessment, assess


@dataclass
class TranslationResult:
    translation: str
    sentences: list[dict]
    guard: dict
    timing: dict
    model: str
    prompt: str = ""

    def to_json(self) -> dict:
        return {"translation": self.translation, "sentences": self.sentences, "guard": self.guard,
                "timing": self.timing, "model": self.model, "prompt": self.prompt}


@dataclass(frozen=True)
class Unit:
    """One translation unit: a heading or a sentence, with its place in the output."""

    section: int
    start: int
    end: int
    text: str
    heading: bool


def units(extraction: Extraction) -> list[Unit]:
    """The release's headings and sentences in order, each once. A section heading made of lines the
    body holds too (a news page's headline, dateline and subtitle, joined by the segmenter) is
    translated line by line, each line as a heading, not once whole and again line by line."""
    out: list[Unit] = []
    for sec in extraction.sections:
        heading = sec.heading.strip()
        sentences = [(s, (getattr(s, "clean", None) or s.text).strip()) for s in sec.sentences]
        parts = [clean for _, clean in sentences if clean and clean in heading]
        heading_lines = len(parts) > 1 and " ".join(parts) == heading
        if heading and not heading_lines:
            start = extraction.text.find(sec.heading, sec.start)
            out.append(Unit(sec.id, start, start + len(sec.heading), heading, True))
        for s, clean in sentences:
            # A heading repeated in the body (after a byline such as 市市场监管局) is translated once.
            if clean and (clean != heading or heading_lines):
                out.append(Unit(sec.id, s.start, s.end, clean, heading_lines and clean in parts))
    return out


def figure_list(metrics: list[Metric], text: str, glossed: Mapping[str, str] | None = None) -> str:
    """The sentence's figures, metric labels, glossary phrases and names (places, an address's township and
    village, rivers, a titled person, companies and media by their English names) in English, for the prompt:
    a name given is a name the model copies instead of spelling it anew."""
    return listed_lines({m.mention.text: m.rendered_en for m in metrics}, terms_and_names(metrics, text, glossed), text)


# Clause marks, and a space between Chinese characters: headings separate their parts with one
# (地理标志商标数量全省第一 我市持续打造知识产权创新高地).
_CLAUSE = re.compile(r"(?:[^，；,;：:\s]|(?<![\u4e00-\u9fff])\s|\s(?![\u4e00-\u9fff]))+(?:[，；,;：:]|\s+|$)")


def split_clauses(sentence: str, min_chars: int = 8) -> list[str]:
    """A Chinese sentence cut at ，；： into clauses, a short clause kept with the next one."""
    out: list[str] = []
    carry = ""
    for m in _CLAUSE.finditer(sentence):
        carry += m.group(0)
        if len(carry) >= min_chars:
            out.append(carry)
            carry = ""
    if carry:
        if out:
            out[-1] += carry
        else:
            out.append(carry)
    return out


def context_lines(previous: tuple[str, str] | None) -> str:
    """The previous source sentence and its accepted translation, for the prompt's ``$context`` (with the
    blank line after them; nothing for the first sentence or a piece translated on its own)."""
    if previous is None:
        return ""
    return f"Previous sentence (already translated; do not translate it again): {previous[0]}\n" \
           f"Its translation: {previous[1]}\n\n"


@dataclass
class Conversation:
    """The document so far as a chat: each accepted sentence a user turn (its figures and names, the
    sentence) and an assistant turn (its translation), the next sentence asked after them. Each prompt
    then extends the one before (its answer included), so the runtime takes all of it from the sequence
    that holds it (``llamacpp_fork._resumable``) and prefills only the new sentence's turn, where a
    prompt with the previous sentence as context prefilled that sentence and its translation again for
    every sentence. Past ``budget`` tokens the chat starts over from the previous sentence as context:
    attention over a long chat slows every decoded token, and a small model drifts in one."""

    template: PromptTemplate
    budget: int  # tokens of earlier turns kept
    count: Callable[[str], int]
    opening: str = ""  # the first turn's context: the previous sentence and its translation, at a restart
    turns: list[tuple[str, str]] = field(default_factory=list)  # (user turn, accepted translation)
    tokens: int = 0

    def _ask(self, figures: str, sentence: str) -> Messages:
        """The template's messages for one sentence; the chat's first turn carries the opening context."""
        return self.template.render(context="" if self.turns else self.opening, figures=figures, sentence=sentence)

    def prompt(self, figures: str, sentence: str) -> Messages:
        head, *ask = self._ask(figures, sentence)
        past: Messages = []
        for user, answer in self.turns:
            past += [{"role": "user", "content": user},
                     {"role": "assistant", "content": f"{self.template.answer_start} {answer}"}]
        return [head, *past, *ask]

    def accept(self, figures: str, sentence: str, previous: tuple[str, str]) -> None:
        """Add the sentence just translated (``previous``: its source and accepted translation)."""
        user = self._ask(figures, sentence)[1]["content"]
        cost = self.count(user) + self.count(previous[1])
        if self.turns and self.tokens + cost > self.budget:
            self.opening, self.turns, self.tokens = context_lines(previous), [], 0
            return
        self.turns.append((user, previous[1]))
        self.tokens += cost


def without_previous(text: str, previous_en: str) -> str:
    """The answer without the previous sentence's translation, which a model shown it as context
    sometimes writes again before the sentence it was asked for."""
    if previous_en and text.startswith(previous_en) and text[len(previous_en):].strip():
        return text[len(previous_en):].strip()
    return text


class _Tally:
    """The generator, counting what it decodes and how long it takes."""

    def __init__(self, gen):
        self.gen, self.tokens, self.seconds = gen, 0, 0.0
        self.calls = self.prefilled = self.cached = 0  # answers drawn; prompt tokens prefilled, taken from the cache
        self.prefill_s = self.decode_s = 0.0

    def generate(self, prompt, **kwargs):
        r = self.gen.generate(prompt, **kwargs)
        self.count(r)
        return r

    def count(self, r) -> None:
        self.calls += 1
        self.tokens += r.new_tokens
        self.prefilled += max(0, r.prompt_tokens - r.cached_tokens)
        self.cached += r.cached_tokens
        self.prefill_s += r.prefill_s
        self.decode_s += r.decode_s
        self.seconds += r.prefill_s + r.decode_s

    def to_json(self) -> dict:
        return {"answers": self.calls, "prompt_tokens_prefilled": self.prefilled, "prompt_tokens_cached": self.cached,
                "prefill_s": round(self.prefill_s, 3), "decode_s": round(self.decode_s, 3)}


@dataclass
class _Sentence:
    """What translating one unit needs, and what it drew."""

    gen: _Tally
    extraction: Extraction
    places: dict[str, str]
    settings: Settings
    cancel: threading.Event | None
    heading: bool
    previous_en: str = ""  # the previous sentence's accepted translation, shown in the prompt
    glossed: Mapping[str, str] = field(default_factory=dict)  # names the release glosses in brackets
    candidates: int = 0
    errors_seen: dict[str, int] = field(default_factory=dict)
    # every candidate not kept, with its doubts: why the sentence took more than one answer
    rejected: list[dict] = field(default_factory=list)

    def choose(self, sentence: str, prompt, budget: int, seeds: range, first: str | None = None) -> Assessment:
        """The first candidate without doubts, or with ``translate_mbr`` > 1 the clean one of that many
        samples the others agree with most; else the candidate with the least doubtful content."""
        drawn: list[Assessment] = []
        mbr = self.settings.translate_mbr > 1 and seeds.start == 0
        if mbr:
            seeds = range(0, max(self.settings.translate_mbr, len(seeds)))
        limit = len(seeds)
        for text in sample_translations(self.gen, prompt, budget, seeds, self.cancel, first):
            a = assess(self.extraction, sentence, without_previous(text, self.previous_en), self.places, self.heading)
            drawn.append(a)
            self.candidates += 1
            if a.clean and not mbr:
                return a
            for d in a.doubts:
                self.errors_seen[d.kind] = self.errors_seen.get(d.kind, 0) + 1
            if len(drawn) == 1 and a.doubts and all(d.kind in (NAME, PINYIN) for d in a.doubts):
                limit = min(limit, NAME_DOUBT_CANDIDATES)
            if len(drawn) >= limit:
                break
        clean = [a for a in drawn if a.clean]
        chosen = clean[mbr_choice([a.text for a in clean], [a.text for a in drawn])] if clean else \
            min(drawn, key=Assessment.cost)
        self.rejected += [a.rejected(sentence) for a in drawn if a is not chosen]
        return chosen

    def by_clauses(self, template: PromptTemplate, sentence: str, metrics: list[Metric], context: str) -> \
            Assessment | None:
        """The sentence translated clause by clause, each clause chosen as a sentence is from
        ``CLAUSE_CANDIDATES`` answers (as many again for a clause whose figure is still wrong), joined and
        judged whole; None for a sentence of one clause."""
        clauses = split_clauses(sentence)
        if len(clauses) < 2:
            return None
        n = min(CLAUSE_CANDIDATES, self.settings.translate_candidates)
        pieces: list[tuple[str, str]] = []
        for clause in clauses:
            found = [m for m in metrics if m.mention.text in clause]
            prompt = template.render(context=context, figures=figure_list(found, clause, self.glossed), sentence=clause)
            budget = int(1.5 * len(clause)) + 16
            a = self.choose(clause, prompt, budget, range(n))
            if a.cost()[1]:
                # a figure still wrong: a short clause is cheap, and fresh seeds fix what the first missed
                again = self.choose(clause, prompt, budget, range(n, 2 * n))
                a = min((a, again), key=Assessment.cost)
            pieces.append((a.text, clause))
        joined = join_clauses(pieces, {w for en in place_names(sentence).values() for w in en.split()})
        return assess(self.extraction, sentence, joined, self.places, self.heading)


# Answers for a sentence whose first answer doubts only a name (or a word left in pinyin): one more sample. On the
# 20 newstest2021 documents (session 4), such sentences that ended clean took 26 further samples for 20 sentences
# (most at the first); those that ended marked took 99 for 33: a name the model cannot spell is drawn no better by
# a third or fourth sample, and each costs a whole sentence's decode.
NAME_DOUBT_CANDIDATES = 2

# Answers per clause of the clause-by-clause retry: greedy and one sample (and as many again only for a
# wrong figure). Measured on 11 newstest2021 documents, rounds of 4 samples per doubtful clause spent
# 15-30 answers on one sentence (a third of a document's time) and still ended marked, mostly for a
# name no sample spelt right.
CLAUSE_CANDIDATES = 2

_KEEP_CAPS = {"I", "China", "Chinese"}


def join_clauses(pieces: list[tuple[str, str]], proper: set[str]) -> str:
    """Clause translations back into one sentence: a clause that ended in ，；： in the source
    goes on after "; " (first word lowercased unless a name), the others end with a full stop.
    A marked note stands as its own sentence. `pieces`: (translation, source clause)."""
    out = ""
    joining = False
    for i, (text, clause) in enumerate(pieces):
        text = text.strip()
        note = text.startswith("[")
        if joining and not note:
            first = text.split(" ", 1)[0]
            if first not in proper | _KEEP_CAPS and not first.isupper():
                text = text[:1].lower() + text[1:]
        body = text if note else text.rstrip(" .,;:")
        nxt = pieces[i + 1][0].strip() if i + 1 < len(pieces) else ""
        joining = (not note and nxt and not nxt.startswith("[") and clause.rstrip()[-1:] in "，,；;：:"
                   and not body.endswith(("!", "?", '"', "”")))
        if not note:
            body += ";" if joining else ("" if body.endswith(("!", "?", '"', "”")) else ".")
        out += (" " if out else "") + body
    return out


def needs_clauses(chosen: Assessment) -> bool:
    """Whether the best whole-sentence candidate is worth a clause-by-clause retry: it is not English or
    has a figure the source does not back (a long sentence's figures are what a small model drops or
    mixes up, and a short clause gets them right). A name no candidate spelt right is spelt no better
    by a clause: it stays marked, and the retry's answers are not spent."""
    unusable, numbers, _ = chosen.cost()
    return bool(unusable or numbers)


def sample_translations(gen, prompt, budget: int, seeds: range, cancel, first: str | None = None) -> Iterator[str]:
    """Cleaned translations of one prompt, generated as the guard asks for them: seed 0 is the
    greedy one (`first`, when the batch already generated it), others are seeded samples."""
    for seed in seeds:
        if seed == 0:
            text = first if first is not None else gen.generate(prompt, max_new_tokens=budget, cancel=cancel).text
        else:
            text = gen.generate(prompt, max_new_tokens=budget, sample_seed=seed, cancel=cancel).text
        yield clean_translation(text)


def clean_translation(text: str) -> str:
    """The model's answer after the template's answer start: its first non-empty line, without
    the quotes or label a small model sometimes wraps around it."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    line = re.sub(r"^(?:English(?: translation)?\s*[:：]\s*)", "", line, flags=re.I)
    if len(line) > 1 and line[0] in "\"“'" and line[-1] in "\"”'":
        line = line[1:-1].strip()
    return line


def _token_counter(gen) -> Callable[[str], int]:
    """The model's token count of a text, or an estimate where the runtime has no tokenizer of its own
    (about one token per Chinese character or per four Latin ones)."""
    try:
        gen.count_tokens("x")
        return gen.count_tokens
    except (AttributeError, NotImplementedError):
        return lambda text: len(text) // 4 + len(HAN.findall(text))


def translate(text: str, *, model: str | None = None, cancel: threading.Event | None = None,
              progress_bar: bool = False, batch_size: int = 8,
              progress: Progress = None) -> TranslationResult:
    """Every heading and sentence of ``text`` in English, none left out; see the module's doc.
    ``batch_size``: greedy answers generated together where no context links the sentences."""
    settings = get_settings()
    check_text(text)
    t0 = time.perf_counter()
    extraction = extract(text)
    raw = load_generator(model)
    gen = _Tally(raw)
    decoder = raw.entry.family == "decoder-only"
    with_context = decoder and settings.translate_context
    template = load_template("translate_en")
    places = place_names(text)
    glossed = glossed_names(text)
    todo = units(extraction)
    metrics_of = [list(extraction.metrics_in(u.start, u.end)) for u in todo]
    greedy: dict[int, str] = {}
    if not with_context:
        # no sentence waits for the one before: the greedy answers are generated in batches
        prompts = [template.render(context=context_lines(None), figures=figure_list(m, u.text, glossed),
                                   sentence=u.text)
                   if decoder else u.text for u, m in zip(todo, metrics_of, strict=True)]
        for i in range(0, len(todo), batch_size):
            budget = min(2 * settings.max_new_tokens, int(1.5 * max(len(u.text) for u in todo[i:i + batch_size])) + 16)
            results = raw.generate_many(prompts[i:i + batch_size], max_new_tokens=budget, cancel=cancel)
            for j, r in enumerate(results):
                greedy[i + j] = r.text
                gen.count(r)
    bar = None
    if progress_bar:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), unit="sentence", desc="translating")
    rows: list[dict] = []
    total = GuardStats()
    previous: tuple[str, str] | None = None
    chat = Conversation(template, settings.translate_chat_tokens, _token_counter(raw)) \
        if with_context and settings.translate_chat_tokens > 0 else None
    for k, u in enumerate(todo):
        report(progress, "translate", f"sentence {k + 1} of {len(todo)}", chunk=k + 1, chunks=len(todo))
        context = context_lines(previous if with_context else None)
        figures = figure_list(metrics_of[k], u.text, glossed) if decoder else ""
        if chat is not None:
            prompt = chat.prompt(figures, u.text)
        else:
            prompt = template.render(context=context, figures=figures, sentence=u.text) if decoder else u.text
        # English needs about 1-1.5 tokens per Chinese character
        budget = min(2 * settings.max_new_tokens, int(1.5 * len(u.text)) + 16)
        job = _Sentence(gen, extraction, places, settings, cancel, u.heading,
                        previous[1] if with_context and previous else "", glossed=glossed)
        chosen = job.choose(u.text, prompt, budget, range(settings.translate_candidates), greedy.get(k))
        if decoder and needs_clauses(chosen):
            # a long sentence the model cannot render faithfully in one go: clause by clause
            retry = job.by_clauses(template, u.text, metrics_of[k], context)
            if retry is not None:
                if retry.cost() < chosen.cost():
                    chosen, retry = retry, chosen
                job.rejected.append(retry.rejected(u.text))
        st = GuardStats(checked=chosen.numbers, repaired=chosen.numbers_repaired, candidates=job.candidates,
                        errors_seen=job.errors_seen, names_checked=chosen.names)
        if chosen.chatter:
            st.note("chatter", chosen.chatter)
        total.merge(st)
        rows.append({"source": u.text, "target": chosen.marked(), "start": u.start, "end": u.end,
                     "section": u.section, "heading": u.heading, "guard": st.to_json(),
                     "marked": [d.to_json(chosen.text) for d in chosen.doubts],
                     "names_repaired": chosen.names_repaired, "rejected": job.rejected})
        if chosen.cost()[0] == 0:
            previous = (u.text, chosen.plain)
            if chat is not None:
                chat.accept(figures, u.text, previous)
        if bar:
            bar.update(1)
    if bar:
        bar.close()
    paragraphs: list[str] = []
    for i, row in enumerate(rows):
        # A heading stands alone; the sentences after it form one paragraph.
        if i == 0 or row["heading"] or rows[i - 1]["heading"]:
            paragraphs.append(row["target"])
        else:
            paragraphs[-1] += " " + row["target"]
    return TranslationResult(
        translation="\n\n".join(paragraphs), sentences=rows,
        guard=total.to_json() | {"fallback": 0, "marked": sum(1 for r in rows if r["marked"]),
                                 "names_repaired": sum(len(r["names_repaired"]) for r in rows)},
        timing={"total_s": round(time.perf_counter() - t0, 3), "generate_s": round(gen.seconds, 3),
                "decode_tokens": gen.tokens, "sentences": len(rows)} | gen.to_json(),
        model=raw.name, prompt=template.id,
    )
