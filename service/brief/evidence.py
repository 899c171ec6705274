"""Evidence units: the source sentences a brief is built from, each with its actor and its figures.

A brief sentence rests on one unit, so provenance is true by construction: the unit's spans are the
characters of the release the sentence may use. Units are the sentences that hold the highlights (in
highlight order, one unit per sentence), then the lead of each section that has none, in source order, then
(for a release of few figures) its next short news sentences, so that a brief has ``MIN_UNITS`` sentences.
A long sentence keeps its first clause (who, when) and the clauses that hold its highlights; 我市/我区 are
replaced by whom they mean, so a sentence out of its section still says whose figure it is.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, replace

from pressbrief.eval.judge.claims import countries_named
from pressbrief.eval.judge.places import owners_in

from ..numeric.actors import Actor, release_city, release_province, resolve_first_person, section_actors
from ..numeric.types import Extraction, Metric, Section, Sentence

# A long sentence keeps only the semicolon parts with its highlights (and its first clause: who, when); a part
# still longer than this keeps only its clauses with them.
LONG_SENTENCE = 90
LONG_PART = 100
MIN_LEAD_CHARS = 18
# A release with few figures still gets a brief of a few sentences: its next news sentences after the lead
# (short ones: a long one costs the model most and says least), so an English brief whose one unit the model
# cannot write truly is not left empty.
MIN_UNITS = 3
MAX_FILL_CHARS = 120

# Bylines and datelines before the news: 本报讯(记者 崔敬), 新华社成都7月26日电, 来源：北京青年报
# The story's title after its dateline (新华社哈尔滨7月26日电 题：黑土地“种”出农业现代化): the headline again
_DATELINE_TITLE = re.compile(r"^题[：:][^。！？\n]{1,40}[。\n]\s*(?=\S)")
_BYLINE = re.compile(r"^\s*(?:本报讯|本报[\u4e00-\u9fff]{1,8}讯|[\u4e00-\u9fff]{2,8}(?:日报|晚报|网|台)讯)"
                     r"\s*[(（][^)）]{0,20}[)）]\s*"
                     r"|^\s*(?:新华社|中新社|中新网|人民网|央视网|本报)[\u4e00-\u9fff0-9]{0,14}(?:电|消息)\s*"
                     r"(?:[(（][^)）]{0,20}[)）])?\s*"
                     r"|^\s*\d{1,2}[、.．]\s*(?=\D)")  # a numbered item of a digest (2、央行…)
# A speaker's own words ("I examined him", "we will"): first person is no sentence of a brief.
FIRST_PERSON = re.compile(r"我(?![国市区县省局镇园])|我们|咱们")
# A slogan or a task heading opens with its verb and has no subject: 打造知识产权创新高地，为…蓄势赋能。
_SLOGAN = re.compile(r"^(?:打造|推动|构建|抓|加强|坚持|围绕|聚焦|提升|持续|深化|全面|着力|积极|大力|进一步|不断|"
                     r"以|为|强化|"
                     r"优化|完善|健全|推进|实施|做好|狠抓|突出|全力|奋力|努力|加快|促进)")
_NOT_NEWS = re.compile(r"来源[:：]|作者[:：]|责任编辑|记者[:：]|^\s*[\d\-: ]+$|新华社发|摄$|作$")
# A sentence that opens by pointing back (其中 "of which", 同时 "meanwhile"): without the sentence before it
# in the brief, the pointer goes
_POINTS_BACK = re.compile(r"^(?:其中|同时|与此同时|此外|另外|而且|并且|但是|但|而)[，,：:]?\s*")
# Clause marks inside a sentence; a semicolon separates topics, a comma only clauses of one.
_PARTS = re.compile(r"[^；;]+[；;]?")
_CLAUSES = re.compile(r"[^，,；;：:]+[，,；;：:]?")
# A clause that goes on from the one before, without a subject of its own (均居全省第三位, 同比增长13%).
_CONTINUES = re.compile(r"^(?:均|同比|环比|较|比|居|位居|占|增长|下降|其中|达|达到|实现|排名|位列)")


@dataclass(frozen=True)
class EvidenceUnit:
    """One or more clauses of one source sentence that a brief sentence rests on."""

    index: int
    section_id: int
    spans: tuple[tuple[int, int], ...]  # the release's characters the unit keeps (a clause or the sentence)
    sentence: tuple[int, int]  # the whole source sentence
    text: str  # what the writer is given: the kept clauses, first person resolved, ending in 。
    actor: Actor | None
    metrics: tuple[Metric, ...]  # every metric inside the spans
    highlights: tuple[Metric, ...]  # the highlights among them
    lead: bool = False  # chosen as its section's lead, not for a highlight

    def to_sources(self) -> list[dict]:
        return [{"start": s, "end": e} for s, e in self.spans]


def _strip_byline(text: str) -> str:
    text = _BYLINE.sub("", text, count=1).strip().lstrip("：:，,、 ")
    return _DATELINE_TITLE.sub("", text, count=1)


# A demonstrative after a verb or preposition (SEC封停了这一隐蔽的资金管理业务: which business is said only before
# it; catamaran-03, read as Madoff's own scheme shut in 1992)
_POINTS_BACK_INSIDE = re.compile(r"(?:了|对|把|将|就|在|向|与)(?:这一|这些|这项|这种|这类|此类|该项|上述)")


def text_points_back(text: str) -> bool:
    """Whether a unit's text names what it is about only with a demonstrative (封停了这一…业务)."""
    return bool(_POINTS_BACK_INSIDE.search(text))


# A sentence that opens with a pronoun (他说, 这项技术): out of its context nobody knows who or what
_PRONOUN_START = re.compile(r"^(?:[^，,。]{0,8}[，,]\s*(?:如今|现在|目前|当时)?|就在|当)?(?:他|她|它|这|那|该|此|其)"
                            r"(?![国省市区县])")


def opens_with_pronoun(sentence: Sentence) -> bool:
    """Whether a source sentence opens pointing back (其位于…的工厂, 这处工厂, 他说): it names nothing itself."""
    return text_opens_with_pronoun(_body(sentence))


# 她的餐厅, 他们的账户: a person a sentence calls by pronoun anywhere in it (其他 "other" and 他人 "others" are none)
_PERSON_PRONOUN = re.compile(r"(?<!其)[他她](?![人乡国])")


def points_at_a_person(sentence: Sentence) -> bool:
    """Whether a source sentence calls someone 他/她 (去年…越来越多的人开始去她的餐厅): it does not say who."""
    return bool(_PERSON_PRONOUN.search(_body(sentence)))


# A short sentence that opens on its figure and names nobody (账面亏损总计648亿美元。在大流行之前，四分之三的营业收入
# 来自…宴会。到2008年12月，超过120亿美元的资金被取走…): printed alone, whose figure it is goes (AFTER1-AFTER12 read
# catamaran-03's and catamaran-02's so, in both languages)
SHORT_SENTENCE = 45
SUBJECT_BEFORE_FIGURE = 6  # characters before the figure that still leave it no subject: 账面亏损总计
# What names someone without the lexicon knowing it: a Latin name (SEC, GDP, Madoff), 我国/全国/本市
_NAMES_SOMEONE = re.compile(r"[A-Za-z]{2,}|[我本全]\s*(?:国|省|市|区|县)|中国")
# A time phrase a sentence opens with, before its subject: 在大流行之前，到2008年12月，
_TIME_CLAUSE = re.compile(r"^[^，,。]{0,14}(?:前|后|时|以来|期间|月|年|日)[，,]\s*")


def text_names_nobody(text: str, first_figure_at: int | None) -> bool:
    """Whether a unit's short Chinese text opens on its figure (after a time phrase; ``first_figure_at``: where
    its first figure starts in ``text``) and names no place, company, country or other body (see above)."""
    body = text.strip()
    if first_figure_at is None or len(body) > SHORT_SENTENCE:
        return False
    head = text[:first_figure_at].strip()
    time_clause = _TIME_CLAUSE.match(head)
    head = head[time_clause.end():] if time_clause else head
    return len(head) <= SUBJECT_BEFORE_FIGURE and not _NAMES_SOMEONE.search(body) and not owners_in(body) and \
        not countries_named(body)


# One person called 他/她 (not 他们: a group is often named in the same sentence, 这些会计师客户…为他们)
_HE_OR_SHE = re.compile(r"(?<!其)[他她](?![人乡国们])")


def text_calls_someone_he_or_she(text: str) -> bool:
    """Whether a unit's text calls one person 他/她 (拼多多在宣布他辞职的那一天表示…): who, it does not say."""
    return bool(_HE_OR_SHE.search(text))


def text_opens_with_pronoun(text: str) -> bool:
    """``opens_with_pronoun`` for a unit's text (就在她和她的员工开始…, 该工厂…)."""
    return bool(_PRONOUN_START.match(text.strip()))


def _is_heading(section: Section, sentence: Sentence) -> bool:
    clean = (sentence.clean or sentence.text).strip()
    return bool(section.heading) and clean in section.heading or clean == (section.entity or "") \
        or not re.search(r"[。！？!?；;]$", clean)


def _body(sentence: Sentence) -> str:
    """The sentence's text without its byline or dateline."""
    return _strip_byline((sentence.clean or sentence.text).strip())


def _news(section: Section, sentence: Sentence) -> bool:
    """Does the sentence report something: no heading, byline, bare dateline, first person or slogan."""
    clean = _body(sentence)
    return not (_is_heading(section, sentence) or _NOT_NEWS.search(clean) or len(clean) < MIN_LEAD_CHARS
                or "题：" in clean or FIRST_PERSON.search(clean) or _SLOGAN.match(clean)
                or clean.rstrip("”\"」").endswith(("？", "?")))  # a reporter's question reports nothing


def _lead(section: Section) -> Sentence | None:
    """The first sentence of a section that reports something."""
    return next((sentence for sentence in section.sentences if _news(section, sentence)), None)


def _clause_spans(sentence: Sentence, text: str) -> list[tuple[int, int]]:
    """Clause spans of a sentence in release offsets (the sentence's own text, page breaks included)."""
    out = []
    for m in _CLAUSES.finditer(text, sentence.start, sentence.end):
        if text[m.start():m.end()].strip():
            out.append((m.start(), m.end()))
    return out


def _kept_spans(sentence: Sentence, text: str, wanted: list[Metric], dates: list[int] = ()) -> list[tuple[int, int]]:
    """The whole sentence; for a long one, its semicolon parts that hold ``wanted`` (with the first clause when
    the first part is left out); a part still over LONG_PART keeps its clauses with ``wanted``, the clauses
    that go on from a kept one, and a clause with a date or period (``dates``) before a kept one (截至2019年底
    is the time of the figures after it). Clauses of one part stay whole otherwise: a clause cut from its verb
    is a fragment."""
    if len((sentence.clean or sentence.text).strip()) <= LONG_SENTENCE or not wanted:
        return [(sentence.start, sentence.end)]
    parts = [(m.start(), m.end()) for m in _PARTS.finditer(text, sentence.start, sentence.end)
             if text[m.start():m.end()].strip()]
    keep_parts = [i for i, (s, e) in enumerate(parts) if any(s <= m.mention.start < e for m in wanted)]
    if not keep_parts:
        return [(sentence.start, sentence.end)]
    spans: list[tuple[int, int]] = []
    if keep_parts[0] != 0:
        first = _CLAUSES.match(text, parts[0][0], parts[0][1])
        if first is not None:
            spans.append((first.start(), first.end()))
    for i in keep_parts:
        s, e = parts[i]
        if e - s <= LONG_PART:
            spans.append((s, e))
            continue
        clauses = [(m.start(), m.end()) for m in _CLAUSES.finditer(text, s, e) if text[m.start():m.end()].strip()]
        held = [k for k, (a, b) in enumerate(clauses) for m in wanted if a <= m.mention.start < b]
        first, last = min(held), max(held)
        # a figure in a condition (…给教职员工每人每月发放不低于1660元基本生活费的，市财政将…) keeps the condition
        # whole from where it opens (对于…举办者…): cut there, the 1,660 yuan read as what the city pays (L0418)
        if any(_CONDITION_END.search(text[a:b]) for a, b in clauses[first:last + 1]):
            opens = [k for k in range(first) if _CONDITION_OPEN.match(text[clauses[k][0]:clauses[k][1]].strip())]
            first = opens[-1] if opens else first
        # every clause from the first figure's to the last one's (a clause between them is part of the list),
        # and after the last one, what goes on from it or completes a clause that has no verb yet
        while last + 1 < len(clauses) and _NEEDS_NEXT.search(_clause_text(text, clauses[last], clauses[last + 1])):
            last += 1
        # a first clause that goes on from the one before it (陆续向…28条河流实施了生态补水 has its subject in
        # 河北省统筹利用…, L0224: cut there, the reporter's source read as the doer) keeps that one too
        while first > 1 and _GOES_ON.match(text[clauses[first][0]:clauses[first][1]].strip()):
            first -= 1
        keep = {0} | set(range(first, last + 1))
        keep |= {k for k, (a, b) in enumerate(clauses) if k < first and any(a <= d < b for d in dates)}
        # a time said in words before the figures (今年以来, 近年来) is their period, as a date is
        keep |= {k for k, (a, b) in enumerate(clauses) if k < first and _TIME_ONLY_CLAUSE.match(text[a:b].strip())}
        spans += [clauses[k] for k in sorted(keep)]
    return spans


# A lead that only names what is answered or discussed (针对…, 对于…, 关于…) and says nothing of its own
_ONLY_WHAT_IT_ANSWERS = re.compile(r"^(?:针对|对于|关于)")
_SAID = re.compile(r"表示|指出|称|说|强调|回应|认为|答复")


# A clause with no subject of its own, going on from the clause before it
_GOES_ON = re.compile(r"^(?:陆续|先后|相继|并|还|又|也|随后|进而|从而|分别|再|同时)")
# A clause that is only a time in words: the period of the figures after it
_TIME_ONLY_CLAUSE = re.compile(r"^(?:今年以来|年初以来|去年以来|近年来|近期|目前|截至目前|当前|今年|去年)[，,]?$")


# A condition: it opens with 对于/对/凡/如果 and ends with a clause in 的，before what follows from it
_CONDITION_OPEN = re.compile(r"^(?:对于|对|凡|如果|如|若|凡是)")
_CONDITION_END = re.compile(r"的[，,]\s*$")


# A clause that cannot end a sentence: it opens with a preposition (按照…标准) or a relative (…的), or the next
# clause goes on from it (同比增长13%)
_NEEDS_NEXT = re.compile(r"^(?:按照|根据|对于|对|以|在|通过|围绕|为了|为|由|从|经|将)[^|]*\||的[，,]?\|"
                         r"|(?:按照|依照|参照|根据)[^|]*(?:标准|规定|要求|政策|原则|办法)[，,]?\|"
                         r"|\|(?:均|同比|环比|较|比|居|位居|占|增长|下降|其中|达|达到|实现|排名|位列)")


def _clause_text(text: str, clause: tuple[int, int], following: tuple[int, int]) -> str:
    """The clause and the next one, joined by "|" for _NEEDS_NEXT."""
    return text[clause[0]:clause[1]].strip() + "|" + text[following[0]:following[1]].strip()


HEADLINE_CHARS = 50  # a line this short with no full stop anywhere in it is a headline, not a wrapped sentence


def _headline_stopped(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with a full stop after a headline run into the sentence after it (…消费者仍捂紧钱包\n工厂
    隆隆运转 read as one sentence); a sentence wrapped across lines (…。今年新增商标\n注册10430件) stays whole."""
    out, at = [], start
    for m in re.finditer(r"[ \t]*\n\s*", text[start:end]):
        cut = start + m.start()
        line = text[text.rfind("\n", 0, cut) + 1:cut].strip()
        out.append(text[at:cut])
        headline = line and "。" not in line and len(line) <= HEADLINE_CHARS and line[-1] not in "。！？!?；;，,：:"
        out.append("。" if headline and start + m.end() < end else "\n")
        at = start + m.end()
    out.append(text[at:end])
    return "".join(out)


def _join(text: str, spans: list[tuple[int, int]]) -> str:
    """Kept clauses as one sentence: joined by their own marks (，), the last one closed with 。."""
    parts = [re.sub(r"\s*\n\s*", "", _headline_stopped(text, s, e)).strip() for s, e in spans]
    out = "".join(p if i == len(parts) - 1 or p[-1:] in "，,；;：:" else p + "，" for i, p in enumerate(parts))
    out = re.sub(r"[，,；;：:]$", "", out)
    return out if out[-1:] in "。！？!?" else out + "。"


def select_evidence(extraction: Extraction, highlights: list[Metric], max_units: int = 7) -> list[EvidenceUnit]:
    """The units a brief is built from, in source order (see the module docstring)."""
    text = extraction.text
    actors = section_actors(extraction)
    city, province = release_city(extraction), release_province(extraction)
    by_sentence: dict[tuple[int, int], tuple[Section, Sentence]] = {}
    for section in extraction.sections:
        for sentence in section.sentences:
            by_sentence[(sentence.start, sentence.end)] = (section, sentence)
    order = list(by_sentence)  # every sentence of the release, in source order
    position = {key: i for i, key in enumerate(order)}

    def after(key: tuple[int, int], earlier: Container[tuple[int, int]]) -> bool:
        """Is ``key`` the sentence right after one of ``earlier``?"""
        at = position[key]
        return at > 0 and order[at - 1] in earlier

    def home(metric: Metric) -> tuple[Section, Sentence] | None:
        pos = metric.mention.start
        return next((v for (s, e), v in by_sentence.items() if s <= pos < e), None)

    chosen: dict[tuple[int, int], list[Metric]] = {}
    leads: set[tuple[int, int]] = set()
    # The release's first news sentence says what happened: it opens the brief whatever its figures.
    first = next((lead for lead in map(_lead, extraction.sections) if lead is not None), None)
    if first is not None and max_units > 0:
        chosen[(first.start, first.end)] = []
        leads.add((first.start, first.end))
        at = position[(first.start, first.end)]
        if _ONLY_WHAT_IT_ANSWERS.match(_body(first)) and not _SAID.search(_body(first)) and at + 1 < len(order) \
                and max_units > 1:
            # 针对美国商务部近日宣布…发起调查。 names what is answered; the answer (中国商务部指出…) is the next
            # sentence: printed alone, the lead is a fragment (L0364, AFTER17, both briefs)
            chosen[order[at + 1]] = []
            leads.add(order[at + 1])
    for metric in highlights:  # highlights come in source order; each sentence once
        found = home(metric)
        # a headline figure is restated in the body, whose sentence says more; a speaker's first person is none
        if found is None or _is_heading(*found) or FIRST_PERSON.search(found[1].clean or found[1].text):
            continue
        if _PRONOUN_START.match(_body(found[1])) and \
                not after((found[1].start, found[1].end), chosen):
            continue  # 他说，… : whose words, the brief could not say
        key = (found[1].start, found[1].end)
        if key not in chosen and len(chosen) >= max_units:
            continue
        if key not in chosen and _restated(metric, _stated(extraction, chosen)):
            continue  # 周五，中国报告了…同比增长18.3% after the lead's GDP增18.3%: the brief would say it twice
        chosen.setdefault(key, []).append(metric)
        leads.discard(key)
    for section in extraction.sections:
        if len(chosen) >= max_units:
            break
        if any(by_sentence[k][0].id == section.id for k in chosen):
            continue
        lead = _lead(section)
        if lead is not None:
            chosen[(lead.start, lead.end)] = []
            leads.add((lead.start, lead.end))
    for key in order:
        if len(chosen) >= min(MIN_UNITS, max_units):
            break
        section, sentence = by_sentence[key]
        clean = _body(sentence)
        if key in chosen or not _news(section, sentence) or len(clean) > MAX_FILL_CHARS or \
                (_PRONOUN_START.match(clean) and not after(key, chosen)):
            continue
        earlier = _stated(extraction, chosen)
        own = [m for m in _metrics_inside(extraction, [key]) if m.mention.kind not in ("date", "period")]
        if own and all(_restated(m, earlier) for m in own):
            continue  # it would say again what a chosen sentence says
        chosen[key] = []
        leads.add(key)
    units = []
    previous: tuple[int, int] | None = None
    for key in sorted(chosen):
        section, sentence = by_sentence[key]
        dates = [m.start for m in extraction.mentions if m.kind in ("date", "period")
                 and sentence.start <= m.start < sentence.end]
        spans = _kept_spans(sentence, text, chosen[key], dates)
        joined = _strip_byline(_join(text, spans))
        if previous is None or not after(key, {previous}):
            joined = _POINTS_BACK.sub("", joined, count=1)
        previous = key
        actor = actors.get(section.id)
        inside = _metrics_inside(extraction, spans)
        units.append(EvidenceUnit(len(units), section.id, tuple(spans), key,
                                  resolve_first_person(joined, actor, city, province), actor, inside,
                                  tuple(chosen[key]), key in leads))
    return units


def _stated(extraction: Extraction, chosen: Iterable[tuple[int, int]]) -> tuple[Metric, ...]:
    """Every metric of the sentences chosen so far (keys are whole sentences' spans)."""
    return _metrics_inside(extraction, list(chosen))


def _restated(metric: Metric, earlier: Sequence[Metric]) -> bool:
    """Whether ``metric`` is a figure an earlier chosen sentence already states: the same value and unit, of
    the same thing (the same label, or one of them has none) or a value too precise to be another's (经济同比增长
    18.3% after the headline's GDP增18.3%: three significant digits). A unit made only of such figures repeats
    the sentence before it (AFTER1-AFTER12 read catamaran-02's second sentence so)."""
    m = metric.mention
    if m.value is None:
        return False
    precise = len(m.value.normalize().as_tuple().digits) >= 3
    return any(e.mention.value == m.value and e.mention.unit == m.unit and
               (precise or not e.label or not metric.label or e.label == metric.label) for e in earlier)


def with_sentence_before(extraction: Extraction, unit: EvidenceUnit, span: tuple[int, int]) -> EvidenceUnit:
    """``unit`` with the whole source sentence at ``span`` (the one before it) put first: what a unit whose
    English leans on that sentence ("This factory …", "The company …") is written from again, so the sentence
    says what it points at and rests on both."""
    before = resolve_first_person(_strip_byline(extraction.text[span[0]:span[1]].strip()), unit.actor,
                                  release_city(extraction), release_province(extraction))
    spans = (span, *unit.spans)
    return replace(unit, spans=spans, sentence=(span[0], unit.sentence[1]), text=before + unit.text,
                   metrics=_metrics_inside(extraction, spans))


def _metrics_inside(extraction: Extraction, spans: Sequence[tuple[int, int]]) -> tuple[Metric, ...]:
    """Every metric of the release whose mention starts inside one of ``spans``."""
    return tuple(m for m in extraction.metrics if any(s <= m.mention.start < e for s, e in spans))
