"""Every proper name of an English brief traced to its Chinese source: the name check beside the number check.

A name is a run of capitalized words ("Xinxiang Economic and Technological Development Zone", "Chen
Guangming", "the 20th National Congress"); a single capitalized word opening a sentence is not one.
Each of its words (function words aside) must trace to the source:

- ``glossary``: a word of the English term of a glossary entry whose Chinese the source holds;
- ``place``: the core's place table (新乡市 -> Xinxiang, 河南省 -> Henan province);
- ``dictionary``: a gloss of a CC-CEDICT word of two or more characters the source holds (知识产权 ->
  intellectual property, 中心 -> center), compared on the first five letters (national ~ nation);
- ``pinyin``: the pinyin of characters the source writes (陈光明 -> Chen Guangming, 新乡 -> Xinxiang);
- ``known``: the English name of a company or outlet the source names (京东 -> JD, 新华网 -> Xinhuanet;
  ``service/lexicon/known_names.py``);
- ``source``: a Latin-script word the source itself writes (Google, Bard);
- ``common``: month and day names, China / Chinese, and acronyms every release uses (GDP, RMB, CPI).

"Trademark Registration Center" for a release that has no 中心, "Sony" for 松下 or "Shang Jianhua"
for 肖建华 trace to nothing: the guard drops their sentences, and ``pressbrief eval`` reports name
precision (traced names / names) next to number precision, for any system's briefs.

A person's title before a name or an organisation ("Vice President of the International Tourism Group
of Shanghai Railway" for 上海铁路国际旅游（集团）有限公司副总经理) is no part of the name: its title
words are not traced, the rest is. A capitalized first word of a sentence or headline that is ordinary
English, hyphenated parts too ("Cross-regional"), is no name.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import lazy_pinyin

from pressbrief.service.lexicon.dictionary import cedict, common_english
from pressbrief.service.lexicon.feature_names import feature_stems
from pressbrief.service.lexicon.known_names import known_names_in
from pressbrief.service.numeric.glossary import vocabulary
from pressbrief.service.numeric.provinces import PROVINCES, place_names

from .source_index import extraction_for

FUNCTION_WORDS = frozenset("of and the for in on at to a an by with de du la le".split())
COMMON = frozenset(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday China Chinese RMB Yuan Renminbi "
    "Mr Mrs Ms Dr No Other According".split())
ACRONYMS = frozenset(
    "GDP CPI PPI PMI RMB CNY US USD EU UN AI IT R&D SME IPO COVID CPC NPC CPPCC M2 5G YoY Q1 Q2 Q3 Q4 "
    "SOE FDI VAT LCD LED OLED SDK APP GPS EV CEO CFO ETF AM PM MJ KWH MW GW".split())
# words of a person's title ("Vice President", "Deputy Director-General"): a role, not a name to trace
TITLE_WORDS = frozenset(
    "Vice Deputy Executive Assistant Associate Acting Honorary Senior Chief General Director Director-General "
    "President Chairman Chairwoman Chairperson Chair Manager Secretary Secretary-General Minister Mayor "
    "Vice-Mayor Vice-President Vice-Chairman Governor Vice-Governor Head Officer Commissioner Spokesperson "
    "Spokesman Spokeswoman Premier Professor Researcher Academician Engineer Dean Principal Editor Reporter "
    "Correspondent Member Leader Inspector Counsellor Counselor Ambassador Consul Founder Partner CEO CFO "
    "Commander Captain Judge Prosecutor Expert Analyst Economist Scientist Doctor".split())
# one-character heads of a body's or a place's name, which CC-CEDICT glosses only alone (商务厅 is no
# entry; 厅 is "department"): the English word each is written with in a name
NAME_HEADS: dict[str, str] = {
    "厅": "Department", "局": "Bureau Administration", "部": "Ministry Department", "委": "Commission Committee",
    "署": "Administration Office", "院": "Institute Academy Court Hospital", "所": "Institute Office",
    "处": "Division Office", "办": "Office", "会": "Association Committee Council Conference",
    "司": "Department Company", "省": "Province Provincial", "市": "City Municipal", "县": "County",
    "区": "District Region Zone Area", "镇": "Town", "乡": "Township", "村": "Village", "州": "Prefecture",
    "队": "Team Brigade",
    "站": "Station", "馆": "Museum Hall", "校": "School", "社": "Agency Society", "报": "Daily News",
    "园": "Park Garden", "湾": "Bay", "港": "Port Harbour Harbor", "桥": "Bridge", "路": "Road",
    # heads of two or more characters whose CC-CEDICT gloss is not the word a body's English name uses
    # (found on the WMT21 human reference by ``eval.bench.translation_audit``)
    "自治区": "Autonomous Region", "新区": "New Area District", "总队": "Corps Brigade",
    "指挥部": "Headquarters Command", "有限公司": "Co Ltd Company Limited Corporation Corp",
    "集团": "Group", "中心": "Center Centre", "办公室": "Office", "工程": "Project Program Programme",
    "枢纽": "Hub Project", "电站": "Power Station Plant", "管理处": "Management Office",
    "管理区": "Management Area Zone", "保护站": "Conservation Station", "产业园": "Industrial Park",
    **{f"第{zh}": en for zh, en in zip("一二三四五六七八九十", "First Second Third Fourth Fifth Sixth Seventh "
                                                         "Eighth Ninth Tenth".split(), strict=True)},
}
_TOKEN = r"[A-Z][\w'’&-]*"
_NAME_RE = re.compile(rf"(?<![\w'’-]){_TOKEN}(?:(?:\s+(?:of|and|for|the|de))*\s+{_TOKEN})*")
_SENTENCE_START = re.compile(r"(?:^|[.!?;:]\s+|\n\s*|[\"“(]\s*)$")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_ROMAN = re.compile(r"(?:X{0,3})(?:IX|IV|V?I{0,3})")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


@dataclass(frozen=True)
class NameCheck:
    text: str  # the name as written
    start: int
    end: int
    origins: tuple[str, ...]  # where each traced word came from (glossary, place, dictionary, pinyin ...)
    untraced: tuple[str, ...]  # its words that trace to nothing in the source

    @property
    def supported(self) -> bool:
        return not self.untraced


@dataclass(frozen=True)
class NameReport:
    checks: tuple[NameCheck, ...]

    @property
    def names(self) -> int:
        return len(self.checks)

    @property
    def traced(self) -> int:
        return sum(1 for c in self.checks if c.supported)

    @property
    def precision(self) -> float | None:
        return self.traced / self.names if self.checks else None


def _stem(word: str) -> str:
    """Ordinary English words of six letters or more compare on their first five (national ~ nation);
    shorter ones and names whole, so "Shang" never matches "Shanghai" nor "Jiangxi" "Jiangsu"."""

    w = word.lower().strip("'’-").removesuffix("'s").removesuffix("’s")
    return w[:5] if len(w) > 5 and w in common_english() else w + "$"


class SourceNames:
    """What the names of a brief may trace to, read once per source text: for each English word (by
    stem) and each pinyin string, where in the source it comes from."""

    def __init__(self, source: str):
        self.words: dict[str, dict[str, list[int]]] = {}  # stem -> origin -> source offsets

        def add(english: str, origin: str, at: int) -> None:
            for w in _LATIN_WORD.findall(english):
                if w.lower() not in FUNCTION_WORDS:
                    self.words.setdefault(_stem(w), {}).setdefault(origin, []).append(at)

        def offsets(zh: str) -> list[int]:
            return [m.start() for m in re.finditer(re.escape(zh), source)]

        for zh, en in place_names(source).items():
            for at in offsets(zh):
                add(en, "place", at)
        for zh, en in vocabulary().items():
            if zh in source:
                for at in offsets(zh):
                    add(en, "glossary", at)
        for zh, names in known_names_in(source).items():
            for at in offsets(zh):
                for en in names:
                    add(en, "known", at)
        for zh, en in NAME_HEADS.items():
            for at in offsets(zh):
                add(en, "dictionary", at)
        words = cedict()
        # a figure's characters are no name: 4.9万台 is "49,000 units", never "Wan Tai"
        figures = [(m.start, m.end) for m in extraction_for(source).mentions]
        self.pinyin: dict[str, list[tuple[int, int]]] = {}  # pinyin -> (offset, characters)
        for m in _HAN.finditer(source):
            run, base = m.group(0), m.start()
            for i in range(len(run)):
                for j in range(i + 2, min(len(run), i + 6) + 1):
                    entry = words.get(run[i:j])
                    if entry is not None:
                        # a gloss that describes ("China north of the Yellow River" for 北方) names
                        # nothing the source does: only glosses of up to three words are read
                        for g in (entry.english, *entry.glosses):
                            if len(g.split()) <= 3:
                                add(g, "dictionary", base + i)
            syllables = _run_pinyin(run)
            for i in range(len(syllables)):
                for j in range(i + 1, min(len(syllables), i + 4) + 1):
                    if not any(s < base + j and base + i < e for s, e in figures):
                        key = "".join(syllables[i:j])
                        self.pinyin.setdefault(key, []).append((base + i, j - i))
                        if "v" in key:  # ü: 吕 is written Lu (or Lyu) in English, pypinyin writes lv
                            self.pinyin.setdefault(key.replace("v", "u"), []).append((base + i, j - i))
        # 王某 (a person the press leaves unnamed) is "Wang": the surname alone is the name
        for m in re.finditer(r"([\u4e00-\u9fff])某", source):
            self.pinyin.setdefault(_run_pinyin(m.group(1))[0], []).append((m.start(), 2))
        # 唐河: "Tang River" is a name of the source (one character's pinyin traces only with its feature word)
        self.features: dict[tuple[str, str], list[int]] = {}
        for key, feature, at in feature_stems(source):
            if not any(s <= at < e for s, e in figures):
                self.features.setdefault((key, feature.lower()), []).append(at)
        self.latin: dict[str, list[int]] = {}
        for m in re.finditer(r"[A-Za-z][A-Za-z'’-]*", source):  # single letters too: 伯纳德·L·麦道夫
            self.latin.setdefault(m.group(0).lower(), []).append(m.start())

    def _demonym(self, word: str) -> dict[str, list[int]] | None:
        """Where a demonym's place traces: Asian (亚洲 -> Asia), Korean, Japanese (日本 -> Japan)."""
        if not re.fullmatch(r"[A-Z][a-z]+(?:an|n|ese|ish)", word):
            return None
        for cut in ("ese", "ish", "an", "n"):
            if word.endswith(cut):
                root = word[: -len(cut)]
                found = self.words.get(_stem(root)) or self.words.get(_stem(root + "a"))
                if found:
                    return found
        return None

    def unit(self, words: list[str]) -> tuple[str, list[int]] | None:
        """(origin, source offsets) of a word, or of consecutive words read as one pinyin name (Zhang
        Wei = 张伟, written together in the source); a pinyin of one character alone is no trace."""
        if len(words) == 1:
            bare = words[0].strip("'’-").removesuffix("'s").removesuffix("’s")
            if re.fullmatch(r"[A-Z][A-Z0-9&]+s", bare):
                bare = bare[:-1]  # SDKs, SMEs
            if bare in COMMON or bare in ACRONYMS or bare.upper() in ACRONYMS:
                return "common", []
            if "-" in bare and all(part in COMMON for part in bare.split("-")):
                return "common", []  # a span of months ("January-September" for 前三季度) names nothing
            low = bare.lower()
            if low in self.latin:
                return "source", self.latin[low]
            found = self.words.get(_stem(bare)) or self._demonym(bare)
            if found:
                origin = next(o for o in ("place", "known", "glossary", "dictionary") if o in found)
                return origin, [at for v in found.values() for at in v]
        # ü as English writes it: 吕 is Lü or Lyu as well as Lv/Lu (a word can only start with l/n + yu for ü)
        # a possessive is no part of the name: "Chen Guangming’s warning"
        bare_words = [re.sub(r"(?:'s|’s)$", "", w) for w in words]
        key = "".join(re.sub(r"^([ln])yu", r"\1v", w.lower()).replace("ü", "v") for w in bare_words)
        key = key.replace("-", "").replace("'", "").replace("’", "")
        spots = [at for at, n in self.pinyin.get(key, []) if n >= 2]
        return ("pinyin", spots) if spots else None


def _run_pinyin(run: str) -> list[str]:
    out = lazy_pinyin(run)
    return out if len(out) == len(run) else [lazy_pinyin(ch)[0] for ch in run]


_LOCK = threading.Lock()


@lru_cache(maxsize=32)
def _source_names(source: str) -> SourceNames:
    return SourceNames(source)


def source_names(source: str) -> SourceNames:
    with _LOCK:
        return _source_names(source)


_INFLECTION = re.compile(r"(?:ies|es|s|ed|ing|ly)$")


def ordinary_word(word: str) -> bool:
    """An ordinary English word, inflected or not ("Attracting", "Hometowns", "Departments"), hyphenated
    parts too ("Cross-regional"): a sentence's or a headline's capitalized word that names nothing."""
    bare = re.sub(r"(?:'s|’s)$", "", word).strip("'’-,.;:")
    if "-" in bare:  # "Cross-regional", "Long-term": ordinary when every part is
        return all(ordinary_word(part) for part in bare.split("-") if part)
    low = bare.lower()
    words = common_english()
    if low in words or low in FUNCTION_WORDS or bare in COMMON:
        return True
    stem = _INFLECTION.sub("", low)
    return len(stem) >= 3 and (stem in words or stem + "e" in words or stem + "y" in words
                               or (len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in words))


def name_spans(brief: str) -> list[tuple[int, int]]:
    """Spans of the brief's proper names (function words at either end trimmed)."""
    out = []
    for m in _NAME_RE.finditer(brief):
        s, e = m.start(), m.end()
        words = list(re.finditer(r"\S+", brief[s:e]))
        at_start = bool(_SENTENCE_START.search(brief[:s]))
        if at_start:
            if len(words) == 1 and ordinary_word(words[0].group(0)):
                continue  # "Pledge financing reached ...": a capitalized first word is no name, "Sony" is
            if words[0].group(0).lower() in FUNCTION_WORDS | {"this", "these", "its", "their", "our"}:
                s = s + words[1].start()
                words = words[1:]
        while words and words[-1].group(0).lower() in FUNCTION_WORDS:
            e = s + words[-2].end() if len(words) > 1 else s
            words = words[:-1]
        if words and e > s:
            out.append((s, e))
    return out


# The commonest Chinese surnames as pinyin: a two-word name opening with one ("Gao Hezheng") is a person, whose
# name is one run of the source's characters, not a surname from one place and a given name from another
_PINYIN_SURNAMES = frozenset(
    "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song tang "
    "han feng deng cao peng zeng xiao tian dong yuan pan cai jiang yu du ye cheng wei su lu ding ren shen yao jin "
    "fu wen tan fang shi mao qiu jia xia cui kong lv lyu yan qian niu".split())
_INITIAL = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])"
_FINAL = (r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|uai|uan|ian|iao|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|er|"
          r"a|o|e|i|u|v)")
# one or two syllables; a second one opens with a consonant (Xi'an and Xian are written apart)
_PINYIN_GIVEN = re.compile(rf"(?i){_INITIAL}?{_FINAL}(?:-?{_INITIAL}{_FINAL})?")
_PROVINCE_NAMES = frozenset(PROVINCES.values())
_NOT_GIVEN = frozenset({"lake"})  # la-ke: "Li Lake" is a lake


def person_shaped(name: str) -> bool:
    """Whether ``name`` reads as a Chinese person's name in pinyin ("Huang Zheng"; "Tang River" is no person)."""
    return _person_shaped(name.split())


def _person_shaped(words: list[str]) -> bool:
    """Whether ``words`` read as a Chinese person's name in pinyin: a common surname, then a given name of one or
    two syllables ("Tang River" is no person)."""
    return len(words) == 2 and words[0].lower() in _PINYIN_SURNAMES and words[1][:1].isupper() and \
        bool(_PINYIN_GIVEN.fullmatch(words[1])) and words[1].lower() not in _NOT_GIVEN


def _traced(sn: SourceNames, words: list[str]) -> tuple[list[str], list[str]]:
    """(origins, untraced words): consecutive words are first read together as one pinyin name, then
    one by one; the traced parts must come from one stretch of the source (a name made of words
    found far apart, such as a "Trademark Registration Center" from 商标注册量 and 服务中心, is no
    name of the release)."""
    units: list[tuple[str, list[int]]] = []
    untraced: list[str] = []
    if _person_shaped(words) and not any(w.lower() in sn.latin for w in words):
        # catamaran-02 (AFTER14): 吴贞 written "Gao Hezheng", traced as 高 somewhere and 和正 elsewhere
        whole = sn.unit(words)
        return ([whole[0]], []) if whole is not None else ([], [" ".join(words)])
    i = 0
    while i < len(words):
        pair = sn.features.get((words[i].lower(), words[i + 1].lower())) if i + 1 < len(words) else None
        if pair:
            units.append(("pinyin", pair))
            i += 2
            continue
        for j in range(len(words), i, -1):
            hit = sn.unit(words[i:j])
            if hit is not None:
                units.append(hit)
                i = j
                break
        else:
            untraced.append(words[i])
            i += 1
    # a place qualifies any body of the release (Xinxiang + 经开区): only the other words must sit together
    placed = [spots for origin, spots in units if spots and origin != "place"]
    if len(placed) > 1 and not untraced:
        width = 10 + 6 * len(placed)
        anchor = min(placed, key=len)
        if not any(all(any(abs(q - p) <= width for q in spots) for spots in placed) for p in anchor):
            untraced.append("(words from different places of the source)")
    return [o for o, _ in units], untraced


def check_names(source: str, brief: str) -> NameReport:
    """Each proper name of ``brief`` and where its words come from in ``source``."""
    sn = source_names(source)
    checks = []
    for s, e in name_spans(brief):
        text = brief[s:e]
        words = [w.strip(",.;:!?()\"“”") for w in text.split()]
        words = [w for w in words if w and w.lower() not in FUNCTION_WORDS and not any(ch.isdigit() for ch in w)]
        while words and words[0] in TITLE_WORDS:  # the title of whoever follows: no name to trace
            words = words[1:]
        # "Hunan Province" for 湖南北部: what a province is called is no word to find elsewhere in the source
        words = [w for i, w in enumerate(words)
                 if not (w in ("Province", "Provincial") and i and words[i - 1] in _PROVINCE_NAMES)]
        # an initial (U.S., L.) and a Roman numeral (Level II) name nothing of their own
        words = [w for w in words if len(w.strip(".")) > 1 and not _ROMAN.fullmatch(w.strip(".,;:"))]
        if not words:
            continue
        origins, untraced = _traced(sn, words)
        if untraced and untraced[0] == words[0] and len(words) > 1 and ordinary_word(words[0]) \
                and _SENTENCE_START.search(brief[:s]):
            untraced = untraced[1:]  # "Below Wangjiaba …", "Sections of the Yangtze …": the sentence's first word
        if not untraced and set(origins) == {"common"}:
            continue  # RMB, GDP, July: no name of the release to trace
        checks.append(NameCheck(text, s, e, tuple(dict.fromkeys(origins)), tuple(untraced)))
    return NameReport(tuple(checks))
