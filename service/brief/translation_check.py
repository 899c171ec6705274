"""One translated sentence judged against its own source sentence: repaired first, doubted second.

The brief's guard drops what fails; a translation must keep every sentence. So a candidate is first
repaired where the source says what is right (Chinese left in it becomes the glossary's or the
dictionary's English; the model's chatter goes; the release's places and any name spelt wrongly are
spelt from the source, ``name_repair.py``; a wrong figure becomes the source's own rendering when the
harness names exactly one), and what is still doubtful becomes a *doubt*: a span of the English with
why. Checks that fit a translation: a metric word or a direction is judged against the sentence's own
source (``untraced_terms_in_translation``, ``reversed_claims`` on the sentence); a headline's capitals
and a person's title are not names (``eval/judge/names.py``). The caller chooses among candidates by
their doubts and marks the doubts of the one it keeps (``eval/judge/marks.py``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from pressbrief.eval.judge.align import check_brief, is_power_of_ten, unit_factor
from pressbrief.eval.judge.claims import expectation_mismatch, reversed_claims
from pressbrief.eval.judge.marks import mark, unmark
from pressbrief.eval.judge.names import check_names, ordinary_word
from pressbrief.eval.judge.periods import time_mismatch
from pressbrief.eval.judge.terms import untraced_terms_in_translation
from pressbrief.eval.judge.units import zh_unit

from ..lexicon.chinese import han_share, has_chinese
from ..numeric.types import Extraction
from .english import UNTRACED, drop_chatter, fix_place_names, romanize
from .english_rules import MAX_HAN_SHARE
from .guard import check_text
from .name_repair import repair_names

NUMBER = "number"  # a doubt's kind: a figure the source does not back
NAME = "untraced name"
PINYIN = "pinyin of an ordinary word"
CLAIM = "reversed claim"
METRIC = "untraced metric"
PERIOD = "period"
NOT_ENGLISH = "not English"
# what stands, marked, where a figure the source does not back was: such a figure is never printed
GAP = mark("?")
_PINYIN_MARKED = re.compile(f"{UNTRACED}([^{UNTRACED}]*){UNTRACED}")
# a capitalized word; a hyphen before another capital ends it ("Efforts-ChinaNews": the page's outlet glued on)
_CAPITALIZED = re.compile(r"(?<![\w'’-])[A-Z][a-z][\w'’]*(?:-(?![A-Z])[\w'’]+)*")


@dataclass(frozen=True)
class Doubt:
    start: int
    end: int
    kind: str
    note: str

    def to_json(self, text: str) -> dict:
        return {"text": text[self.start:self.end], "kind": self.kind, "note": self.note}


@dataclass
class Assessment:
    text: str  # the candidate after its repairs (no marks)
    doubts: list[Doubt] = field(default_factory=list)
    numbers: int = 0  # figures checked in it
    numbers_repaired: int = 0
    names: int = 0  # names checked in it
    names_repaired: list[dict] = field(default_factory=list)  # name_repair's changes
    chatter: int = 0  # sentences of the model's chatter removed

    @property
    def plain(self) -> str:
        """The text without gaps or marks: what the next sentence's prompt shows as context."""
        return re.sub(r"\s{2,}", " ", unmark(self.text.replace(GAP, ""))).strip()

    @property
    def clean(self) -> bool:
        return bool(self.text.strip()) and not self.doubts

    def cost(self) -> tuple[int, int, int]:
        """Lower is better: not English or empty, then doubtful figures, then other doubts."""
        unusable = not self.text.strip() or any(d.kind == NOT_ENGLISH for d in self.doubts)
        return (int(unusable), sum(d.kind == NUMBER for d in self.doubts), len(self.doubts))

    def rejected(self, source: str) -> dict:
        """This candidate as a sentence's row lists it when another was kept: its text, marked, and why."""
        return {"source": source, "text": self.marked(), "why": [d.to_json(self.text) for d in self.doubts]}

    def marked(self) -> str:
        """The text with each doubtful span between the marks (overlapping spans merged)."""
        spans: list[list[int]] = []
        for d in sorted(self.doubts, key=lambda d: d.start):
            if spans and d.start <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], d.end)
            else:
                spans.append([d.start, d.end])
        out, pos = "", 0
        for s, e in spans:
            out += self.text[pos:s] + mark(unmark(self.text[s:e]) if self.text[s:e] != GAP else "?")
            pos = e
        return out + self.text[pos:]


def _sentence_case(text: str) -> str:
    """A headline's ordinary capitalized words in lower case (same length, same offsets), so that only
    its names are read as names ("Natural Ecology in Beijing Continues to Improve")."""
    return _CAPITALIZED.sub(lambda m: m.group(0).lower() if ordinary_word(m.group(0)) else m.group(0), text)


def _english(text: str, source: str, places: Mapping[str, str]) -> tuple[str, list[str], int]:
    """Chinese left in ``text`` made English (pinyin of ordinary words remembered as doubts) and the
    model's chatter removed: (text, pinyin words, chatter sentences)."""
    pinyin: list[str] = []
    if has_chinese(text):
        text = romanize(text, source=source, mark_untraced=True, places=places)
        pinyin = _PINYIN_MARKED.findall(text)
        text = text.replace(UNTRACED, "")
    kept, chatter = drop_chatter(text)
    return (kept if kept.strip() else text), pinyin, chatter if kept.strip() else 0


def _gaps(extraction: Extraction, text: str, within: tuple[int, int] | None) -> tuple[str, list[Doubt], int]:
    """The figures the source does not back, each replaced by a marked gap: (text, their doubts, figures
    checked). A sentence keeps its words; a wrong number is never printed (number precision stays 1.0)."""
    check = check_text(extraction, text, "en", within)
    problems = sorted(check.problems, key=lambda p: p.start)
    out, pos, doubts = "", 0, []
    for p in problems:
        if p.start < pos:
            continue  # overlapping findings on one figure: one gap
        out += text[pos:p.start]
        doubts.append(Doubt(len(out), len(out) + len(GAP), NUMBER, f"{text[p.start:p.end]!r}: {p.error}; left out"))
        out += GAP
        pos = p.end
    return out + text[pos:], doubts, check.numbers


def _scale_slips(extraction: Extraction, text: str, within: tuple[int, int] | None) -> list[tuple[int, int, str]]:
    """Figures whose digits are right and whose scale is not, where the sentence has exactly one figure they can
    be: (start, end, that figure's English). 82万千瓦 written "82 MW" (820 MW), 600多万吨 "600 million tonnes":
    the harness names no repair when the release holds other figures of those digits (6万多吨), but a
    translated sentence's figure can only be one of its own."""
    if within is None:
        return []
    local = [m for m in extraction.metrics_in(*within) if m.mention.value]
    out = []
    for c in check_brief(extraction, text, "en").checks:
        n = c.number
        if c.supported or c.suggestion is not None or not n.value or n.kind not in ("count", "amount"):
            continue
        fits = []
        for m in local:
            factor = unit_factor(n.unit, zh_unit(m.mention.unit))
            if factor is not None and is_power_of_ten(m.mention.value * factor / n.value):
                fits.append(m)
        if len({m.rendered_en for m in fits}) == 1:
            out.append((n.start, n.end, fits[0].rendered_en))
    return out


def _repair_numbers(extraction: Extraction, text: str, within: tuple[int, int] | None) -> tuple[str, int]:
    """Wrong figures replaced by the source's own rendering where the harness names exactly one, or where the
    figure's scale slipped and the sentence has one figure of its digits (``_scale_slips``)."""
    repaired = 0
    for _ in range(3):  # a replacement can change what the parser reads
        problems = check_text(extraction, text, "en", within).problems
        edits = [(p.start, p.end, p.replacement) for p in problems if p.replacement]
        if any(not p.replacement for p in problems):  # a figure the harness could not repair: its scale?
            edits += [e for e in _scale_slips(extraction, text, within)
                      if not any(e[0] < b and a < e[1] for a, b, _ in edits)]
        if not edits:
            break
        for start, end, replacement in sorted(edits, reverse=True):
            text = text[:start] + replacement + text[end:]
            repaired += 1
    return text, repaired


def assess(extraction: Extraction, sentence: str, candidate: str, places: Mapping[str, str],
           heading: bool = False) -> Assessment:
    """``candidate``, a translation of the source ``sentence`` of the release ``extraction``, repaired,
    with what is still doubtful in it."""
    source = extraction.text
    at = source.find(sentence) if sentence else -1
    within = (at, at + len(sentence)) if at >= 0 else None  # the figures this sentence can mix up
    # half a character from a byte-level model, or a control character, is never content
    text = re.sub(r"[\ufffd\x00-\x08\x0b-\x1f\x7f]", "", candidate).strip()
    if not text:
        return Assessment("", [Doubt(0, 0, NOT_ENGLISH, "empty answer")])
    if han_share(text) > MAX_HAN_SHARE:
        text, doubts, numbers = _gaps(extraction, romanize(text, source=source, places=places).replace(UNTRACED, ""),
                                      within)
        return Assessment(text, [Doubt(0, len(text), NOT_ENGLISH, "the model answered in Chinese"), *doubts], numbers)
    text, pinyin, chatter = _english(text, source, places)
    text = fix_place_names(text, places)
    names = repair_names(sentence, text, release=source)
    # a repaired name may be a place the first pass could not read ("New Xingxiang" -> "New Xinxiang")
    text = fix_place_names(names.text, places) if names.changes else names.text
    text, numbers_repaired = _repair_numbers(extraction, text, within)
    text, doubts, numbers = _gaps(extraction, text, within)
    for word in dict.fromkeys(pinyin):
        doubts += [Doubt(m.start(), m.end(), PINYIN, f"{word!r} is pinyin of no name")
                   for m in re.finditer(rf"\b{re.escape(word)}\b", text)]
    name_report = check_names(source, _sentence_case(text) if heading else text)
    doubts += [Doubt(c.start, c.end, NAME, "traces to nothing in the source: " + ", ".join(c.untraced))
               for c in name_report.checks if not c.supported]
    for c in reversed_claims(sentence, text):
        at = text.find(c.word, c.start, c.end)
        doubts.append(Doubt(at, at + len(c.word), CLAIM, c.note))
    # 低于预期 written "higher than expected"; "up 2.2%, as expected" where 2.3% was
    contradiction = expectation_mismatch(sentence, text)
    if contradiction:
        doubts.append(Doubt(0, len(text), CLAIM, contradiction))
    other_period = time_mismatch(sentence, text)
    if other_period:
        doubts.append(Doubt(0, len(text), PERIOD, other_period))
    doubts += [Doubt(c.start, c.end, METRIC, c.note) for c in untraced_terms_in_translation(sentence, text)]
    return Assessment(text, doubts, numbers, numbers_repaired, name_report.names, names.changes, chatter)
