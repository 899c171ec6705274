"""Attribution: a figure that exists in the source must also belong to what the brief says it does.

The harness backs "地理标志商标全省第二位" because 全省第二位 is in the release, but there it is the
rank of 中国驰名商标, while 地理标志商标 ranks first. This check reads the clause around each
supported brief number: when it names a different source metric of the same kind and none of
the metrics the number was matched to, the number is misattributed. When that other metric is
unique, its own rendering is the repair; otherwise the sentence must go.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pressbrief.service.numeric.normalize import to_simplified
from pressbrief.service.numeric.provinces import PROVINCES
from pressbrief.service.numeric.types import Extraction, Metric
from pressbrief.service.numeric.units import COUNTER_EN

_PUNCT_CHARS = "，,。；;：:！？!?()（）\n"
_PUNCT = rf"[{_PUNCT_CHARS}]|(?<=[a-z0-9])\.(?=\s|$)"
PUNCT_MARKS = re.compile(_PUNCT)  # clauses up to punctuation only
CLAUSE_MARKS = re.compile(_PUNCT + r"|\band\b|\bwhile\b|\bwith\b")
LIST_MARKS_ZH = re.compile(rf"[{_PUNCT_CHARS}、]")  # a Chinese list item ends at 、
MIN_ZH_LABEL = 4  # shorter labels (企业, 专利) name too many things to prove a misattribution
MIN_EN_LABEL = 10
KIND_GROUPS = {"rank": "rank", "count": "quantity", "amount": "quantity", "percent": "rate", "change": "rate"}


@dataclass(frozen=True)
class Misattribution:
    start: int
    end: int
    error: str  # "rank" for ranks, "value" otherwise (the harness's error types)
    replacement: str | None


def _norm_en(s: str) -> str:
    return re.sub(r"[\s\-]+", " ", s.lower()).strip()


def _label(metric: Metric, lang: str) -> str | None:
    if lang == "en":
        return _norm_en(metric.label_en) if metric.label_en and len(metric.label_en) >= MIN_EN_LABEL else None
    return metric.label if metric.label and len(metric.label) >= MIN_ZH_LABEL else None


def _stems(label: str) -> list[str]:
    """Word stems of an English label: "recovered losses" also names "recoverable losses"."""
    return [w[:5] for w in re.findall(r"[a-z]{4,}", label)]


def _names(metric: Metric, clause: str, lang: str) -> bool:
    lab = _label(metric, lang)
    if not lab:
        return False
    if lang != "en":
        return lab in clause
    stems = _stems(lab)
    words = re.findall(r"[a-z]{4,}", clause)
    return bool(stems) and all(any(w.startswith(st) for w in words) for st in stems)


def _more_general(label: str | None, own: str, lang: str) -> bool:
    """A label that is another's with modifiers gone: "patent navigation service bases"
    (市级…3家, its 市级 lost) is named by any brief that names "national-level patent navigation
    service bases", so naming it proves nothing."""
    if not label or label == own:
        return False
    if lang != "en":
        return own.endswith(label)
    words, own_words = label.split(), own.split()  # both _norm_en'd: "national level patent ..."
    # Modifiers may also go from the middle: "high-value patents" (35项) is said of any of the
    # "valid high-value invention patents" (1400余件) too. The head noun must be the same.
    return len(words) < len(own_words) and words[-1] == own_words[-1] and _subsequence(words, own_words)


def _subsequence(part: list[str], whole: list[str]) -> bool:
    rest = iter(whole)
    return all(w in rest for w in part)


def _ranked(metric: Metric, position) -> bool:
    rank = metric.rank or metric.mention.rank
    return rank is not None and rank.position is not None and position is not None and rank.position == position


def _rank_misattributed(metrics: Sequence[Metric], clauses: list[str], lang: str, check) -> bool:
    """A rank said of something the brief names, which in the source holds no such rank
    ("recovered losses ranked 1st"). The subject is the nearest clause, walking back from the
    rank within its sentence, that names any metric ("the two first-level indicators of market
    access and government services were ranked 2nd": the indicators, named before the "and")."""
    for clause in clauses:
        named = [m for m in metrics if _names(m, clause, lang)]
        if named:
            return not any(_ranked(m, check.number.value) for m in named)
    return False


SENTENCE_START = re.compile(r"[。！？!?;；\n]|\.(?=\s)")  # the walk back stops at a sentence or a semicolon


def _clauses_back(text: str, start: int, first: str) -> list[str]:
    """The rank's own clause, then (English) the clauses before it that an "and" / "while" / "with"
    joins to it, nearest first: "the indicators of market access and government services were
    ranked 2nd" is said of the indicators. A comma ends the walk: "In the 2021 evaluation, the zone
    ranked second" is said of the zone, not of the evaluation. `first` is the rank's own clause."""
    starts = [m.end() for m in SENTENCE_START.finditer(text, 0, start)]
    sentence_start = starts[-1] if starts else 0
    marks = list(CLAUSE_MARKS.finditer(text, sentence_start, start))
    out = [first]
    for k in range(len(marks) - 1, 0, -1):
        if not marks[k].group(0).isalpha():
            break
        out.append(_norm_en(text[marks[k - 1].end():marks[k].start()]))
    else:
        if marks and marks[0].group(0).isalpha():
            out.append(_norm_en(text[sentence_start:marks[0].start()]))
    return out


def _rank_subjects(text: str, start: int, end: int, lang: str, clause: str) -> list[str]:
    """Where the subject of a rank is named, nearest first (`clause` is the rank's own). In Chinese a
    list item ends at 、: in "质押融资金额全省第一位、追赃挽损金额全省第一位" the second rank is said of
    追赃挽损 alone."""
    if lang == "en":
        return _clauses_back(text, start, clause)
    clause = _clause(text, start, end, lang, LIST_MARKS_ZH)
    return [to_simplified(clause) if lang == "zh-Hant" else clause]


def _clause(text: str, start: int, end: int, lang: str, marks_re: re.Pattern = CLAUSE_MARKS) -> str:
    marks = [m.end() for m in marks_re.finditer(text, 0, start)]
    left = marks[-1] if marks else 0
    if lang != "en":  # Chinese names the subject before its figure, sometimes a clause earlier
        if len(text[left:start].strip()) < 6 and len(marks) > 1:  # 地理标志商标18件，居全省第一位
            left = marks[-2]
        return text[left:start]
    right_match = marks_re.search(text, end)
    return _norm_en(text[left:right_match.start() if right_match else len(text)])


_NOUN_STOP = {"in", "of", "and", "or", "to", "with", "for", "from", "by", "at", "on", "year", "years", "percent"}


def _stem(word: str) -> str:
    return word.lower()[:5]


def _counts_another_thing(heads: set[str], brief: str, end: int, matched: list[Metric | None]) -> bool:
    """"1,400 high-value trademarks" where 1400余件 counts high-value invention patents: the noun
    after the count is what another metric counts (the last word of its English label) and is no
    word of the matched metric's label. `heads`: stems of what the release's metrics count."""
    labels = [m.label_en for m in matched if m and m.label_en]
    if not labels:
        return False
    own = {_stem(w) for label in labels for w in re.findall(r"[A-Za-z]+", label)}
    # the count's own counter noun: "147 asymptomatic cases" for 无症状感染者147例 beside 确诊病例135例
    # ("confirmed cases") says cases because 例 counts cases, not because it means the confirmed ones
    own |= {_stem(COUNTER_EN[m.mention.unit]) for m in matched if m and m.mention.unit in COUNTER_EN}
    for word in re.findall(r"[A-Za-z][A-Za-z-]*", brief[end:end + 60])[:4]:
        if word.lower() in _NOUN_STOP:
            return False
        stem = _stem(word.split("-")[-1])
        if stem in heads:
            return stem not in own
    return False


# "37 well-known Chinese trademarks in Henan Province" for 我市中国驰名商标37件 (a real-model
# translation): the city's count said of the province. A rank word in between is the rank's scope.
_PROVINCE_AFTER = re.compile(r"(?i)^[^,;.:!?()]{0,60}?(?:\b(?:in|across|throughout)\s+(?:the\s+(?:whole\s+|entire\s+)?"
                             r"province|[a-z]+\s+province)\b|\bprovince-?wide\b)")
_RANK_WORDS = re.compile(r"(?i)\b(?:rank\w*|first|second|third|\d+(?:st|nd|rd|th)|top|highest|largest|most|best"
                         r"|lead\w*)\b")
_PROVINCE_ZH = re.compile(r"全省|省内|[^级]省(?!级)|" + "|".join(PROVINCES))  # 河北今年以来…17.5亿立方米
_RANK_ZH = re.compile(r"(?:全省|省内)(?:第[一二三四五六七八九十\d]+[位名]?|前[一二三四五六七八九十\d]+)")


def _count_said_of_the_province(extraction: Extraction, brief: str, end: int, refs) -> bool:
    """A count followed in its clause by "in (Henan) province" while none of its source mentions
    has a province before it in its sentence (全省, 河南省; not 省级, which is a kind of thing)."""
    m = _PROVINCE_AFTER.match(brief[end:end + 90])
    if not m or _RANK_WORDS.search(m.group(0)):
        return False
    for ref in refs:
        head = re.split(r"[。！？\n]", extraction.text[max(0, ref.start - 40):ref.start])[-1]
        if _PROVINCE_ZH.search(_RANK_ZH.sub("", head)):  # 居全省第二位 before it is another figure's rank
            return False
    return True


def _copied_context(source: str, clause: str, refs) -> bool:
    """Is the brief's clause before the figure the source's own text before one of its matches?"""
    before = re.sub(r"\s+", "", clause)
    if len(before) < MIN_ZH_LABEL:
        return False
    return any(re.sub(r"\s+", "", source[max(0, ref.start - len(before) - 8):ref.start]).endswith(before)
               for ref in refs)


def misattributions(extraction: Extraction, brief: str, lang: str, checks,
                    within: tuple[int, int] | None = None) -> list[Misattribution]:
    """Supported numbers of `checks` (the harness's NumberChecks) that the brief pins on the wrong metric.
    ``within``: the source span the text translates (one sentence): only a metric of that span can be the
    one a count or amount is pinned on instead. A translation of 目前，险区162户、520人已全部撤离 that says "520
    people have been evacuated" names the 500余人 "people evacuated" of another sentence by its words only."""
    by_start = {m.mention.start: m for m in extraction.metrics}
    metrics = extraction.metrics if within is None else extraction.metrics_in(*within)
    heads = {_stem(m.label_en.split()[-1]) for m in metrics if m.label_en}
    out: list[Misattribution] = []
    for c in checks:
        if not c.supported or not c.matches:
            continue
        group = KIND_GROUPS.get(c.number.kind)
        if group is None:
            continue
        clause = _clause(brief, c.number.start, c.number.end, lang)
        if lang == "zh-Hant":
            clause = to_simplified(clause)  # labels are Simplified, as the source is analysed
        if group == "rank" and _rank_misattributed(  # a rank's subject may be named anywhere: all metrics
                extraction.metrics, _rank_subjects(brief, c.number.start, c.number.end, lang, clause), lang, c):
            out.append(Misattribution(c.number.start, c.number.end, "rank", None))
            continue
        matched = [by_start.get(m.start) for m in c.matches]
        if lang == "en" and c.number.kind == "count" and (_counts_another_thing(heads, brief, c.number.end, matched)
                                                          or _count_said_of_the_province(extraction, brief,
                                                                                         c.number.end, c.matches)):
            out.append(Misattribution(c.number.start, c.number.end, "value", None))
            continue
        # The figure's own metric may be named across an "and" ("10 universities and research
        # institutes"): look for it in the clause up to punctuation.
        wide = _clause(brief, c.number.start, c.number.end, lang, PUNCT_MARKS) if lang == "en" else clause
        if any(_names(m, clause, lang) or _names(m, wide, lang) for m in matched if m):
            continue
        own_labels = [lab for lab in (_label(m, lang) for m in matched if m) if lab]
        # 醉驾3744起 beside 酒驾醉驾2.2万起: English says "drunk driving" of both, so naming the wider
        # thing proves nothing about the narrower one's figure
        own_zh = [m.label for m in matched if m and m.label and len(m.label) >= 2]
        named_here = [m for m in metrics
                      if KIND_GROUPS.get(m.mention.kind) == group and _names(m, clause, lang)
                      and not any(_more_general(_label(m, lang), lab, lang) for lab in own_labels)
                      and not (lang == "en" and any(zh in (m.label or "") for zh in own_zh))]
        if not named_here or any(m.mention.value == c.number.value for m in named_here):
            continue  # the metric the clause names has this very figure somewhere in the release
        if lang != "en" and _copied_context(extraction.text, clause, c.matches):
            continue  # the brief copies the source's own words before the figure (已从1994年的461种)
        others = named_here
        named = {(_label(m, lang), m.mention.value) for m in others}
        replacement = None
        if len(named) == 1:
            other = others[0]
            if lang == "en":
                replacement = other.rendered_en if " " in c.number.text.strip() else None
            elif c.number.text[:1] == other.mention.text[:1]:
                replacement = other.mention.text
        out.append(Misattribution(c.number.start, c.number.end, "rank" if group == "rank" else "value", replacement))
    return out
