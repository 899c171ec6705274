"""What the model reads: the parts of a release a brief needs, within a token budget.

The numbers come from the core, which reads everything; the model only writes prose around them.
So instead of every chunk of the release it is shown, in source order, the headline, each
section's heading, the lead sentence, the sentences that hold the chosen highlights and then
their neighbours, as far as `PRESSBRIEF_PROMPT_TOKENS` allows. Prefill is most of a CPU brief's
time, so this is where the time goes down. A release that fits the budget is shown whole; what
was left out is reported (coverage.model_shown), never dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..numeric.types import Extraction, Metric

GAP = "……"  # marks skipped text, so the model does not read two distant sentences as one passage


@dataclass(frozen=True)
class Digest:
    text: str  # what the model is shown
    spans: tuple[tuple[int, int], ...]  # source spans shown, in order
    tokens: int  # shown
    source_tokens: int  # of the whole release
    budget: int
    whole: bool  # the release fits: shown as it is
    sections_total: int
    sections_unshown: tuple[str, ...]  # headings (or first words) of sections the model saw nothing of

    def to_json(self, total_chars: int) -> dict:
        shown = sum(e - s for s, e in self.spans)
        return {"whole": self.whole, "chars": shown, "of_chars": total_chars, "tokens": self.tokens,
                "budget_tokens": self.budget, "spans": [[s, e] for s, e in self.spans],
                "sections": self.sections_total - len(self.sections_unshown), "of_sections": self.sections_total,
                "sections_not_shown": list(self.sections_unshown)}


def _units(extraction: Extraction) -> list[tuple[int, int, int, str]]:
    """(start, end, section id, text on one line) of every heading and sentence, in source order."""
    units: list[tuple[int, int, int, str]] = []
    text = extraction.text
    for sec in extraction.sections:
        first = sec.sentences[0].start if sec.sentences else sec.end
        if text[sec.start:first].strip():
            units.append((sec.start, first, sec.id, " ".join(text[sec.start:first].split())))
        units.extend((s.start, s.end, sec.id, s.clean or s.text.strip()) for s in sec.sentences)
    return units or [(0, len(text), 0, text.strip())]


def _priority(units: list[tuple[int, int, int, str]], highlights: list[Metric]) -> list[int]:
    """Unit indexes, most needed first: headline, headings, leads, highlight sentences by rank,
    their neighbours, then everything else in source order."""
    def holding(pos: int) -> int | None:
        return next((i for i, (s, e, *_) in enumerate(units) if s <= pos < e), None)

    heading_ids, lead_ids, seen_sections = [], [], set()
    for i, (_, _, sec, _) in enumerate(units):
        if sec not in seen_sections:
            seen_sections.add(sec)
            heading_ids.append(i)  # a section's first unit: its heading, or its lead when it has none
            if i + 1 < len(units) and units[i + 1][2] == sec:
                lead_ids.append(i + 1)
    hl = [i for i in (holding(m.mention.start) for m in highlights) if i is not None]
    neighbours = [j for i in hl for j in (i - 1, i + 1) if 0 <= j < len(units) and units[j][2] == units[i][2]]
    # the first section's lead is the release's lead paragraph: before any figure
    order = heading_ids[:1] + lead_ids[:1] + heading_ids[1:] + hl + lead_ids[1:] + neighbours + list(range(len(units)))
    return list(dict.fromkeys(order))


def build_digest(extraction: Extraction, highlights: list[Metric], count_tokens: Callable[[str], int],
                 budget: int) -> Digest:
    text = extraction.text
    n_sections = max(1, len(extraction.sections))
    whole_tokens = count_tokens(text.strip())
    if budget <= 0 or whole_tokens <= budget:
        return Digest(text.strip(), ((0, len(text)),), whole_tokens, whole_tokens, budget, True, n_sections, ())
    units = _units(extraction)
    chosen: set[int] = set()
    used = 0
    for i in _priority(units, highlights):
        cost = count_tokens(units[i][3]) + 1
        if used + cost > budget:
            continue  # a long sentence left out may leave room for a shorter one further down
        chosen.add(i)
        used += cost
    parts, spans, last = [], [], None
    for i in sorted(chosen):
        s, e, _, shown = units[i]
        if last is not None and i != last + 1:
            parts.append(GAP)
        parts.append(shown)
        spans.append((s, e))
        last = i
    shown_sections = {units[i][2] for i in chosen}
    unshown = tuple((sec.heading or text[sec.start:sec.end].strip()[:20]) for sec in extraction.sections
                    if sec.id not in shown_sections)
    return Digest("\n".join(parts), _merge(spans), used, whole_tokens, budget, False, n_sections, unshown)


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return tuple(out)
