"""The guard: every number a model wrote must be backed by the source.

For one brief it walks a bounded list of candidates (greedy first, then seeded samples,
generated only when needed). The first candidate whose numbers all check out is taken.
Otherwise the best candidate is repaired: a wrong number is replaced by the source's own
rendering when the harness names exactly one source mention it should have been, and its
sentence is dropped when not. If nothing checkable is left, the caller's template fallback
is used. The result says what happened, and its precision by the harness is 1.0.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from pressbrief.eval.judge.align import check_brief
from pressbrief.eval.judge.attribution import misattributions
from pressbrief.eval.judge.options import DEFAULT_OPTIONS

from ..numeric.types import Extraction
from .repeats import drop_repeats

SENTENCE_END = re.compile(r"(?<=[。！？；;])|(?<=[!?])(?![A-Za-z])|(?<=\.)(?=\s)|\n+")  # YES!IC is a name


@dataclass
class GuardStats:
    checked: int = 0  # numbers checked in the text that was kept
    repaired: int = 0  # numbers replaced by the source's rendering
    dropped: int = 0  # sentences dropped for a number that could not be repaired
    fallback: bool = False  # the template brief was used
    candidates: int = 0  # model candidates generated
    errors_seen: dict[str, int] = field(default_factory=dict)  # error types found in rejected text
    figures_added: int = 0  # key figures the model left out, added by the core (completion.py)
    names_checked: int = 0  # proper names in the English that was kept, each traced to the source
    names_dropped: int = 0  # sentences dropped for a name that traces to nothing in the source
    claims_dropped: int = 0  # sentences dropped for a direction, or a metric, the source never states
    # what was cut from the kept candidate, and why: never a silently dropped sentence
    dropped_text: list[dict] = field(default_factory=list)

    def note(self, error: str, n: int = 1) -> None:
        """Count n findings of one kind in errors_seen."""
        self.errors_seen[error] = self.errors_seen.get(error, 0) + n

    def merge(self, other: GuardStats) -> None:
        self.checked += other.checked
        self.repaired += other.repaired
        self.dropped += other.dropped
        self.fallback = self.fallback or other.fallback
        self.candidates += other.candidates
        self.figures_added += other.figures_added
        self.names_checked += other.names_checked
        self.names_dropped += other.names_dropped
        self.claims_dropped += other.claims_dropped
        self.dropped_text += other.dropped_text
        for k, v in other.errors_seen.items():
            self.note(k, v)

    def to_json(self) -> dict:
        return {"checked": self.checked, "repaired": self.repaired, "dropped": self.dropped,
                "fallback": self.fallback, "candidates": self.candidates, "errors_seen": dict(self.errors_seen),
                "figures_added": self.figures_added, "names_checked": self.names_checked,
                "names_dropped": self.names_dropped, "claims_dropped": self.claims_dropped,
                "dropped_text": list(self.dropped_text)}


@dataclass(frozen=True)
class Problem:
    start: int
    end: int
    error: str
    replacement: str | None  # the source's own rendering, when unambiguous


@dataclass(frozen=True)
class Check:
    numbers: int
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_text(extraction: Extraction, text: str, lang: str, within: tuple[int, int] | None = None) -> Check:
    """The harness's verdicts, plus figures the brief attributes to the wrong metric (``within``: the source
    span a translation renders; only its metrics can be mixed up with one another)."""

    # Misattributions are added below with their repairs, so the harness does not judge them too.
    report = check_brief(extraction, text, lang, options=replace(DEFAULT_OPTIONS, attribution=False))
    problems = [Problem(m.start, m.end, m.error, m.replacement)
                for m in misattributions(extraction, text, lang, report.checks, within)]
    for c in report.checks:
        if c.supported:
            continue
        replacement = None
        if c.suggestion is not None:
            replacement = c.suggestion.rendered_en if lang == "en" else c.suggestion.text
        problems.append(Problem(c.number.start, c.number.end, c.error or "unsupported", replacement))
    return Check(len(report.checks), tuple(problems))


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in SENTENCE_END.finditer(text):
        if m.start() > pos and text[pos:m.start()].strip():
            spans.append((pos, m.start()))
        pos = m.end() if m.end() > m.start() else m.start()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


# a repaired figure brings its hedge, which the model may have written a word earlier: "controlled at
# most at 3,000" became "at most at at most 3,000" (seen on the dev corpus); said once is enough
_HEDGE_TWICE = re.compile(r"(?i)\b(at most|at least|about|around|nearly|more than|over|up to|approximately)"
                          r"\s+(?:(?:at|of|by|to)\s+)?\1\b")


# a repaired growth rate brings its basis ("25.72% year on year"); the model's wrong basis after it goes
# ("up 25.72% year on year month on month" was "up 25.72% month on month" for 同比增长25.72%)
_BASIS = r"(?:year|month|quarter|week)[ -]on[ -](?:year|month|quarter|week)"
_BASIS_TWICE = re.compile(rf"(?i)\b({_BASIS})\s*,?\s+(?:{_BASIS}|(?:compared (?:to|with)|from|over) (?:the|a) "
                          r"(?:previous|prior|last|same) (?:month|year|quarter|period)(?: (?:of|last) year)?)\b")


# a repaired "more than 8,000" after the model's "8000 more" (8000余名): the model's "more" goes
_MORE_TWICE = re.compile(r"(?i)\b((?:more than|over|nearly|about|around|at least) [\d,.]+"
                         r"(?: (?:thousand|million|billion|trillion))?) more\b")


def repair(extraction: Extraction, text: str, lang: str, check: Check, stats: GuardStats) -> str:
    """Replace unambiguous wrong numbers, drop sentences holding the others; re-check until clean."""
    for _ in range(3):  # a replacement can change what the parser reads; a few rounds settle it
        if check.ok:
            return text
        # Chinese briefs chain a dozen figures into one sentence with commas: drop the clause, not all of them.
        spans = _clauses(text) if lang != "en" else _sentences(text)
        drop = {s for p in check.problems if not p.replacement for s in spans if s[0] <= p.start < s[1]}
        for s, e in sorted(drop):
            why = sorted({p.error for p in check.problems if s <= p.start < e})
            stats.dropped_text.append({"text": text[s:e].strip(), "why": ", ".join(why)})
        edits = {(p.start, p.end, p.replacement) for p in check.problems
                 if p.replacement and not any(s <= p.start < e for s, e in drop)}
        # Apply edits and drops from the end so earlier offsets stay valid.
        ops = [(s, e, "") for s, e in drop] + [(s, e, r) for s, e, r in edits]
        for start, end, new in sorted(ops, reverse=True):
            text = text[:start] + new + text[end:]
            if new:
                stats.repaired += 1
            else:
                stats.dropped += 1
        text = re.sub(r"[ \t]{2,}", " ", text).strip()
        text = re.sub(r"[，、；]+(?=[。！？]|$)", "", re.sub(r"([，、；])[，、；]+", r"\1", text))
        text = _MORE_TWICE.sub(r"\1", _BASIS_TWICE.sub(r"\1", _HEDGE_TWICE.sub(r"\1", text)))
        check = check_text(extraction, text, lang)
    return text if check.ok else ""


def _clauses(text: str) -> list[tuple[int, int]]:
    """Spans of Chinese clauses, each with its closing mark (，、；。！？)."""
    spans, pos = [], 0
    for m in re.finditer(r"[，、；。！？\n]", text):
        if text[pos:m.start()].strip():
            spans.append((pos, m.end()))
        pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


def _drop_sentences(text: str, drop: list[tuple[int, int]], stats: GuardStats) -> str:
    for start, end in sorted(set(drop), reverse=True):
        text = text[:start] + text[end:]
        stats.dropped += 1
    # "…: RMB 18.87 trillion; <dropped>." must not end on the semicolon
    return re.sub(r"\s*[;；,，:]\s*$", lambda m: "。" if "；" in m.group(0) or "，" in m.group(0) else ".",
                  re.sub(r"[ \t]{2,}", " ", text).strip())


def _try_repair(extraction: Extraction, text: str, lang: str, check: Check, stats: GuardStats,
                min_chars: int, answer_start: str = "") -> str | None:
    """Repair a candidate; the stats change only when the repair succeeds."""
    trial = GuardStats()
    repaired = repair(extraction, text, lang, check, trial)
    if len(_content(repaired, answer_start)) < min_chars:
        return None
    stats.repaired += trial.repaired
    stats.dropped += trial.dropped
    stats.dropped_text += trial.dropped_text
    return repaired.strip()


def _content(text: str, answer_start: str) -> str:
    """What the model itself wrote: the text without the template's answer start."""
    text = text.strip()
    start = answer_start.strip()
    return text[len(start):].strip() if start and text.startswith(start) else text


Filter = Callable[[str, GuardStats, list[dict]], str | None]


@dataclass(frozen=True)
class Rules:
    """What a language adds to the guard (the English brief's rules: english_rules.py).

    ``filters`` run on each candidate, in order, before its numbers are checked: each returns the text
    without what it drops (recording each dropped sentence, with why, in the list it is given, and
    counting what it found in the stats), or None to reject the whole candidate. ``kept`` counts on the
    text the guard keeps (given the sentences its candidate lost to the filters); ``spell`` is applied to
    the template fallback."""

    filters: tuple[Filter, ...] = ()
    kept: Callable[[str, GuardStats, list[dict]], None] | None = None
    spell: Callable[[str], str] | None = None


NO_RULES = Rules()


def guard(extraction: Extraction, lang: str, candidates: Iterator[str], fallback: Callable[[], str],
          max_candidates: int = 2, min_chars: int = 20, answer_start: str = "",
          rules: Rules | None = None) -> tuple[str, GuardStats]:
    """Return a brief whose every number the harness supports, and what the guard did.

    Order: the first clean candidate; a candidate whose every wrong number has an unambiguous
    source rendering is repaired at once (as faithful as a fresh sample, and far cheaper than
    generating one); otherwise the next candidate, up to `max_candidates`; then the best
    candidate repaired (dropping sentences with unrepairable numbers); then the template.
    `min_chars` counts only what the model wrote after the template's `answer_start`. ``rules``: the
    language's sentence filters: none for Chinese; English text must bring the English rules
    (``english_rules(extraction)``, or call ``guard_english``), so no English is ever guarded by its numbers alone.
    """
    if rules is None:
        if lang == "en":
            raise ValueError("guard: English text needs its rules (english_rules.guard_english)")
        rules = NO_RULES
    stats = GuardStats()
    best: tuple[int, str, Check, list[dict]] | None = None
    for text in candidates:
        stats.candidates += 1
        cut: list[dict] = []  # what the filters removed from this candidate
        for keep in rules.filters:
            text = keep(text, stats, cut)
            if text is None:
                break
        if text is None:  # rejected whole
            if stats.candidates >= max_candidates:
                break
            continue
        text, repeats = drop_repeats(text, "en" if lang == "en" else "zh")
        if repeats:
            stats.note("repeated", repeats)
        text = text.replace("\ufffd", "")  # half a character from a byte-level model is never content
        long_enough = len(_content(text, answer_start)) >= min_chars
        check = check_text(extraction, text, lang)
        if check.ok and long_enough:
            stats.checked = check.numbers
            return _kept(rules, stats, text.strip(), cut)
        for p in check.problems:
            stats.note(p.error)
        if long_enough and check.problems and all(p.replacement for p in check.problems):
            repaired = _filtered_again(rules, stats, _try_repair(extraction, text, lang, check, stats, min_chars,
                                                                 answer_start))
            if repaired is not None:
                stats.checked = check_text(extraction, repaired, lang).numbers
                return _kept(rules, stats, repaired, cut)
        if long_enough and (best is None or len(check.problems) < best[0]):
            best = (len(check.problems), text, check, cut)
        if stats.candidates >= max_candidates:
            break
    if best is not None:
        repaired = _filtered_again(rules, stats, _try_repair(extraction, best[1], lang, best[2], stats, min_chars,
                                                             answer_start))
        if repaired is not None:
            stats.checked = check_text(extraction, repaired, lang).numbers
            return _kept(rules, stats, repaired, best[3])
    stats.fallback = True
    text = rules.spell(fallback()) if rules.spell else fallback()
    final = check_text(extraction, text, lang)
    if not final.ok:  # the template itself must pass; drop any line the harness cannot back
        text = _drop_sentences(text, [s for s in _sentences(text)
                                      if any(s[0] <= p.start < s[1] for p in final.problems)], stats)
        final = check_text(extraction, text, lang)
    stats.checked = final.numbers
    return _kept(rules, stats, text, [])


def _filtered_again(rules: Rules, stats: GuardStats, repaired: str | None) -> str | None:
    """A repaired candidate through the filters once more: a figure repair can make what no filter would pass
    (the source's "at most 4 years old" written into "4-year-olds": "at most 4 years old-at most 4 years
    old-olds"). None when a filter rejects it."""
    if repaired is None:
        return None
    text: str | None = repaired
    for keep in rules.filters:
        text = keep(text, stats, [])
        if text is None or not text.strip():
            return None
    return text.strip()


def _kept(rules: Rules, stats: GuardStats, text: str, cut: list[dict]) -> tuple[str, GuardStats]:
    if rules.kept is not None:
        rules.kept(text, stats, cut)
    return text, stats
