"""The English brief's rules for the guard: sentence filters over each candidate (an answer in Chinese is
rejected; Chinese left in English becomes English or its sentence goes; the model's chatter goes; the
release's places are spelt as the glossary does; a sentence naming what the source does not, stating a
direction the source never states, or putting a figure on a metric the source never names goes), and the
names counted on what is kept. Every dropped sentence is recorded with why (``dropped_text``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from pressbrief.eval.judge.claims import reversed_claims
from pressbrief.eval.judge.names import check_names
from pressbrief.eval.judge.terms import untraced_terms

from ..lexicon.chinese import han_share, has_chinese
from ..numeric.provinces import place_names
from ..numeric.types import Extraction
from .english import drop_chatter, drop_untraced, fix_level_excess, fix_mu, fix_place_names, romanize
from .guard import Filter, GuardStats, Rules, guard
from .name_repair import repair_names
from .sentences import EN_BREAK, drop_sentences

MAX_HAN_SHARE = 0.15  # above this share of Han characters an "English" candidate is rejected


UNTRACED_NAME = "untraced name"
REVERSED_CLAIM = "reversed claim"
UNTRACED_METRIC = "untraced metric"


def _drop_with_reason(text: str, reason: Callable[[str], str | None], record: list[dict] | None) -> tuple[str, int]:
    """drop_sentences, each dropped sentence going to ``record`` with why (``reason`` of it, None keeps it)."""
    def drop(sentence: str) -> bool:
        why = reason(sentence)
        if why and record is not None:
            record.append({"text": sentence.strip(), "why": why})
        return bool(why)

    return drop_sentences(text, drop)


def drop_untraced_names(source: str, text: str, record: list[dict] | None = None) -> tuple[str, int]:
    """The English without sentences naming what the source does not (eval/judge/names.py); (text, dropped).
    Each dropped sentence goes to ``record`` with why."""

    bad = [c.text for c in check_names(source, text).checks if not c.supported]
    if not bad:
        return text, 0

    def reason(sentence: str) -> str | None:
        names = [n for n in bad if n in sentence]
        return f"{UNTRACED_NAME}: " + ", ".join(names) if names else None

    return _drop_with_reason(text, reason, record)


# Who said it, before what was said: "According to X, …", "X said that …", "X, director of Y, reported …"
_SAID_BY = re.compile(r"^(?:according to [^,]+?,\s*|.+?\s+(?:said|says|reported|announced|disclosed|noted|"
                      r"stated|explained|revealed|introduced|told [^,]+?|pointed out)(?: that)?,?\s+)(?P<rest>.+)$",
                      re.I | re.S)


def cut_untraced_speakers(source: str, text: str) -> tuple[str, int]:
    """Repair before reject: a sentence whose only untraced name is in its attribution ("The Beijing Forestry
    Bureau's Wildlife Section Deputy Director Zhang Zhiming said that the number … rose from 461 to 500") keeps
    what was said, which the source states, without who said it (a department's long name a small model
    cannot spell); (text, sentences cut). A name the claim itself holds is left for the names check."""
    bad = [c for c in check_names(source, text).checks if not c.supported]
    if not bad:
        return text, 0
    parts = EN_BREAK.split(text)
    cut = 0
    pos = 0
    for i in range(0, len(parts), 2):
        sentence = parts[i]
        start, end = pos, pos + len(sentence)
        pos = end + len(parts[i + 1]) if i + 1 < len(parts) else end
        inside = [c for c in bad if start <= c.start and c.end <= end]
        m = _SAID_BY.match(sentence)
        if not inside or not m:
            continue
        said_end = start + m.start("rest")
        rest = m.group("rest")
        if all(c.end <= said_end for c in inside) and len(rest.split()) >= 5:
            parts[i] = rest[:1].upper() + rest[1:]
            cut += 1
    return ("".join(parts), cut) if cut else (text, 0)


def _drop_found(text: str, found: list[tuple[int, int, str]], label: str,
                record: list[dict] | None) -> tuple[str, int]:
    """Drop the sentences holding the (start, end, note) findings of a check, each recorded as "label: note"."""
    spans = [(text[s:e].strip(), note) for s, e, note in found]
    if not spans:
        return text, 0

    def reason(sentence: str) -> str | None:
        notes = [n for b, n in spans if b and (b in sentence or sentence.strip() in b)]
        return f"{label}: {notes[0]}" if notes else None

    return _drop_with_reason(text, reason, record)


def drop_reversed_claims(source: str, text: str, record: list[dict] | None = None) -> tuple[str, int]:
    """The English without sentences whose direction the source never states (eval/judge/claims.py)."""

    return _drop_found(text, [(c.start, c.end, c.note) for c in reversed_claims(source, text)], REVERSED_CLAIM,
                       record)


def drop_untraced_terms(source: str, text: str, record: list[dict] | None = None) -> tuple[str, int]:
    """The English without sentences that put a figure on a metric the source never names (eval/judge/terms.py:
    "the interest rate was lowered by 17 basis points" for 汇率中间价下调17个基本点)."""

    return _drop_found(text, [(c.start, c.end, c.note) for c in untraced_terms(source, text)], UNTRACED_METRIC,
                       record)


def english_rules(extraction: Extraction, names_source: str | None = None) -> Rules:
    """The guard's rules for English text about this release (its places looked up once). ``names_source``:
    the text names and claims must trace to (default the release; a brief sentence's own section)."""
    source = extraction.text if names_source is None else names_source
    places = place_names(source)

    def english_answer(text: str, stats: GuardStats, cut: list[dict]) -> str | None:
        if han_share(text) > MAX_HAN_SHARE:
            # The model answered in Chinese: pinyin of whole sentences is no English brief.
            stats.note("not_english")
            return None
        return text

    def chinese_left(text: str, stats: GuardStats, cut: list[dict]) -> str:
        # Chinese left in English: glossary, dictionary or a source name; a sentence that would keep pinyin
        # of an ordinary word is dropped (pinyin is for names only)
        if not has_chinese(text):
            return text
        text, untraced = drop_untraced(romanize(text, source=source, mark_untraced=True, places=places))
        if untraced:
            stats.note("untraced_pinyin", untraced)
        return text

    def chatter(text: str, stats: GuardStats, cut: list[dict]) -> str:
        text, n = drop_chatter(text)
        if n:
            stats.note("chatter", n)
        return text

    def spelt(text: str, stats: GuardStats, cut: list[dict]) -> str:
        # the release's places spelt as the glossary does first: "New Xiang" is Xinxiang, not an unknown name;
        # then any name spelt wrongly is spelt from the source (name_repair.py) before the name check sees it;
        # then the places once more: the repair can make a place of what the first pass could not read ("New
        # Xingxiang" -> "New Xinxiang", README command (a)'s title since session 5), whose literal 新 then goes
        repaired = repair_names(source, fix_level_excess(fix_mu(fix_place_names(text, places), source), source))
        if repaired.changes:
            stats.note("name_repaired", len(repaired.changes))
        return fix_place_names(repaired.text, places) if repaired.changes else repaired.text

    def counted(drop: Callable[[str, str, list[dict]], tuple[str, int]], error: str) -> Filter:
        def keep(text: str, stats: GuardStats, cut: list[dict]) -> str:
            text, n = drop(source, text, cut)
            if n:
                stats.note(error, n)
            return text
        return keep

    def kept(text: str, stats: GuardStats, cut: list[dict]) -> None:
        """The names the kept text holds, and what its candidate lost to the name and claim checks."""
        stats.names_checked = check_names(source, text).names
        stats.names_dropped = sum(1 for d in cut if d["why"].startswith(UNTRACED_NAME))
        stats.claims_dropped = sum(1 for d in cut if d["why"].startswith((REVERSED_CLAIM, UNTRACED_METRIC)))
        stats.dropped_text = cut + stats.dropped_text

    def speakers(text: str, stats: GuardStats, cut: list[dict]) -> str:
        text, n = cut_untraced_speakers(source, text)
        if n:
            stats.note("speaker_cut", n)
        return text

    return Rules(filters=(english_answer, chinese_left, chatter, spelt, speakers,
                          counted(drop_untraced_names, "untraced_name"),
                          counted(drop_reversed_claims, "reversed_claim"),
                          counted(drop_untraced_terms, "untraced_metric")),
                 kept=kept, spell=lambda text: fix_place_names(text, places))


def guard_english(extraction: Extraction, candidates: Iterator[str], fallback: Callable[[], str],
                  **options: object) -> tuple[str, GuardStats]:
    """``guard`` for English text about this release, with the English rules."""
    return guard(extraction, "en", candidates, fallback, rules=english_rules(extraction), **options)  # type: ignore[arg-type]
