"""A claim's direction against the source: depreciation is not appreciation, shrinking not expanding.

Numbers with a direction are judged by ``align`` (a 下降 figure written "rose" is a ``direction``
error). This check is for the words around them and for sentences with no number at all. For each
pair of opposite directions, an English sentence that states one side is *reversed* when the
source states the other side and never its own (the source speaks of 贬值 only, the brief of
"appreciation"). A release that says both (升值 here, 贬值 there) is not judged this way: which
sentence goes with which would need an alignment this check does not pretend to have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pressbrief.service.lexicon.known_names import known_names_in

from .english_numbers import sentence_spans
from .source_index import VAGUE_WORDS

# (name, English for side A, English for side B, Chinese for side A, Chinese for side B)
PAIRS: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("value", r"appreciat\w*|strengthen(?:ed|ing|s)?\s+against", r"depreciat\w*|weaken(?:ed|ing|s)?\s+against",
     ("升值", "走强", "走高"), ("贬值", "走弱", "走低", "贬")),
    ("size", r"expand(?:ed|ing|s)?|expansion|widen(?:ed|ing|s)?|enlarg\w*",
     r"shrank|shrunk|shrink\w*|narrow(?:ed|ing|s)|contracted|contraction",
     ("扩大", "扩张", "扩容", "增扩"), ("缩小", "收窄", "萎缩", "收缩", "缩减")),
    ("policy", r"eased|easing|loosen\w*|relax(?:ed|es|ing)", r"tighten\w*",
     ("放宽", "放松", "宽松", "降准", "降息", "松绑"), ("收紧", "从严", "紧缩", "加息", "收严")),
    ("level", r"(?:rose|risen|rising|rises|increas(?:ed|es|ing)|grew|grown|growing|climb(?:ed|ing|s)|gain(?:ed|s)"
              r"|surg(?:ed|es|ing)|jump(?:ed|s))",
     r"(?:fell|fallen|falling|falls|decreas(?:ed|es|ing)|declin(?:ed|es|ing)|dropp?(?:ed|s|ing)|slump(?:ed|s)"
     r"|plung(?:ed|es)|slid|sliding)",
     ("增长", "上升", "提高", "增加", "上涨", "回升", "攀升", "增"),
     ("下降", "减少", "下跌", "回落", "降低", "下滑", "减")),
)


@dataclass(frozen=True)
class ClaimCheck:
    start: int  # the English sentence
    end: int
    word: str  # the direction word as written
    pair: str
    note: str


def reversed_claims(source: str, brief: str) -> list[ClaimCheck]:
    """Sentences of an English brief whose direction the source never states, only its opposite."""
    out: list[ClaimCheck] = []
    for name, en_a, en_b, zh_a, zh_b in PAIRS:
        has_a, has_b = any(w in source for w in zh_a), any(w in source for w in zh_b)
        if has_a == has_b:
            continue  # both sides (or neither) in the source: nothing to say at document level
        wrong, said = (en_b, zh_a) if has_a else (en_a, zh_b)
        rx = re.compile(rf"(?i)\b(?:{wrong})\b")
        for s, e in sentence_spans(brief):
            m = rx.search(brief, s, e)
            if m:
                only = "/".join(w for w in said if w in source)
                out.append(ClaimCheck(s, e, m.group(0), name, f"{m.group(0)!r}: the source says only {only}"))
    return sorted(out, key=lambda c: c.start)


# --- one sentence against its own source sentence(s) -------------------------------------------------
# These judge an English sentence against the span it rests on (service/brief/evidence.py), where
# which claim goes with which words is known; against a whole release they would be noise.

# Negation in Chinese: 不/未/没有/无/非 as predicates, not inside words that only look negative
# (不断 "continuously", 不仅 "not only", 无人机 "drone", 不良 "bad" loans, 不少 "many").
_ZH_NOT = re.compile(r"(?<![毫])(?:尚未|并未|未能|未|没有|没|不会|不能|无法|不再|不得|不是|并非|非|不)"
                     r"(?![断仅少同良足止久料远过妨论管停仅少])")
_ZH_NOT_WORDS = ("无人机", "无论", "无缝", "无偿", "不断", "不仅", "不少", "不同", "不良", "不足", "非常", "非公",
                 "非遗", "非洲", "不止", "不久", "并不", "无不", "非法", "非金融", "无障碍", "不动产", "不含", "非农")
_EN_NOT = re.compile(r"(?i)\b(?:not|no|never|none|nor|without|neither|cannot|can't|didn't|doesn't|don't|won't|"
                     r"isn't|aren't|wasn't|weren't|hasn't|haven't|fail(?:s|ed|ing)? (?:to|in)|failures? (?:to|in)|"
                     r"yet to|unable to)\b")
_EN_NOT_IDIOMS = re.compile(r"(?i)\bnot only\b|\bno (?:less|fewer|more) than\b|\bno later than\b|\bnot least\b")
# Plans and expectations against things done.
# (a deadline, 在2021年之前撤出, is a plan: "plans to withdraw by 2021" was rejected as one the source does not state)
_ZH_PLAN = re.compile(r"将|计划|拟|力争|预计|目标|争取|准备|预期|有望|规划|打算|即将|希望|建议|年底前|到20\d\d|"
                      r"20\d\d年(?:底|末)?(?:之)?前")
_EN_PLAN = re.compile(r"(?i)\b(?:will|would|shall|plans?\s+to|planned|planning|aims?\s+to|aiming|intends?\s+to|"
                      r"expect(?:s|ed)?\s+to|is\s+expected|are\s+expected|to\s+be\s+(?:built|launched|completed)|"
                      r"targets?|goal|strive[sd]?\s+to|seeks?\s+to|set\s+to|going\s+to|upcoming|next\s+(?:year|month|week))\b")
_ZH_DONE = re.compile(r"已|已经|完成|建成|实现|累计|达到|达|启动|开展了|举行|召开|发布|获批|获评|成功|了")
# 将 as 把, not "will": 将 + what is acted on + a verb with its result (农场将…作业面积从3000亩扩展到30000亩 is the farm
# expanding the area, reported as done). 将 right before a verb or an adverb (将改为, 将进一步提高到, 将于) is "will".
_ZH_DISPOSAL = re.compile(r"将(?!于|在|会|要|进一步|继续|全面|持续|逐步|加快|大力|重点|着力|不断|陆续|正式|首次|"
                          r"开始|实现|推动|推进|建设|建成|完成|启动|举办|举行|开展|投入|扩|提|增|降|减|改|调|达|成|为|"
                          r"作|有|被|可|能|是|与|和|同|对|向|以|按)"
                          r"[^，,。；;：:将]{2,30}?(?:扩展|扩大|提高|提升|增加|增至|降低|减少|调整|改造|改|转|压缩|缩短|"
                          r"延长|控制|纳|列|打造|建设|发展|划)(?:到|至|为|成|入)")


def _zh_negated(source: str) -> bool:
    cleaned = source
    for word in _ZH_NOT_WORDS:
        cleaned = cleaned.replace(word, "")
    return bool(_ZH_NOT.search(cleaned))


def _en_negated(text: str) -> bool:
    return bool(_EN_NOT.search(_EN_NOT_IDIOMS.sub("", text)))


def negation_mismatch(source: str, sentence: str) -> str | None:
    """Why an English sentence's negation disagrees with its source sentence(s), or None.

    Flags a negation the source does not write ("did not rise" for 增长) and a source negation the English
    lost (未达到 written "reached"). Only for a sentence judged against its own span."""
    en, zh = _en_negated(sentence), _zh_negated(source)
    if en and not zh:
        return "negation the source does not write"
    if zh and not en and re.search(r"尚未|并未|未能|没有|不会|不能|无法|未(?=[\u4e00-\u9fff])", source):
        return "the source's negation is lost"
    return None


def plan_mismatch(source: str, sentence: str) -> str | None:
    """Why an English sentence states a plan the source reports as done (or the reverse), or None."""
    en_plan = bool(_EN_PLAN.search(sentence))
    zh_plan = bool(_ZH_PLAN.search(_ZH_DISPOSAL.sub("", source)))
    if en_plan and not zh_plan:
        return "a plan or expectation the source does not state"
    if zh_plan and not en_plan and not _ZH_DONE.search(source) and \
            re.search(r"(?i)\b(?:has|have|had)\s+(?:been\s+)?\w+ed\b|\b(?:completed|launched|achieved)\b", sentence):
        return "done, where the source states a plan"
    return None


# Against expectations: 低于预期 "below expectations" written "higher than the expected 2.3%" (a digest's US PPI)
_ZH_ABOVE_EXPECTED = re.compile(r"(?:高于|超过|超出|好于|强于|优于)(?:市场)?预期|超预期")
_ZH_BELOW_EXPECTED = re.compile(r"(?:低于|不及|弱于|差于|逊于)(?:市场)?预期|不及预期")
_EN_ABOVE_EXPECTED = re.compile(r"(?i)\b(?:higher|greater|better|stronger|more)\s+than\s+"
                                r"(?:the\s+|market\s+)*expect\w*|"
                                r"\b(?:above|ahead\s+of)\s+(?:the\s+|market\s+)*expect\w*|"
                                r"\b(?:beat|beats|exceed\w*|surpass\w*|outpac\w*)\s+"
                                r"(?:the\s+|market\s+)*expect\w*")
_EN_BELOW_EXPECTED = re.compile(r"(?i)\b(?:lower|less|weaker|worse|smaller)\s+than\s+(?:the\s+|market\s+)*expect\w*|"
                                r"\b(?:below|behind)\s+(?:the\s+|market\s+)*expect\w*|\b(?:miss|missed|misses)\s+"
                                r"(?:the\s+|market\s+)*expect\w*|\bfell\s+short\s+of\s+(?:the\s+|market\s+)*expect\w*")


# "2.2%, which is higher than the expected increase of 2.3%": a figure, then a comparison with an expectation
# that states its own figure. No figure between the first and the comparison word, so the figure compared
# is the one just before it; only comparisons with an expectation (never "more than 20,000 members").
_EN_FIGURE_VS_EXPECTED = re.compile(
    r"(?i)(?<![\d.,])(?P<a>-?\d[\d,]*(?:\.\d+)?)\s*(?P<ua>%|percent|per cent)?[^.;\d]{0,80}?"
    r"\b(?P<dir>higher\s+than|greater\s+than|lower\s+than|smaller\s+than|above|below|exceed\w*|beat\w*|"
    r"ahead\s+of|surpass\w*|outpac\w*|behind|miss\w*|short\s+of)\s+(?:the\s+|market\s+|analysts['’]?\s+|an?\s+)*"
    r"(?:expected|expectations?|forecasts?|estimates?|consensus)\b[^.;\d]{0,30}?"
    r"(?P<b>-?\d[\d,]*(?:\.\d+)?)\s*(?P<ub>%|percent|per cent)?")
_ABOVE_WORDS = ("higher", "greater", "above", "exceed", "beat", "ahead", "surpass", "outpac")


def comparison_contradiction(sentence: str) -> str | None:
    """Why ``sentence`` contradicts itself comparing a figure with an expected one ("2.2%, higher than the
    expected 2.3%": the source said 低于预期 in a sentence before, which the unit's own span does not hold),
    or None. Both figures must be of one kind (both percentages, or neither)."""
    for m in _EN_FIGURE_VS_EXPECTED.finditer(sentence):
        if bool(m.group("ua")) != bool(m.group("ub")):
            continue
        a, b = (float(m.group(k).replace(",", "")) for k in ("a", "b"))
        above = m.group("dir").lower().startswith(_ABOVE_WORDS)
        if a == b or above == (a > b):
            continue
        side = "above" if above else "below"
        return f"{m.group('a')} is written {side} the expected {m.group('b')}"
    return None


# 同比升2.2%，预期升2.3%: the figure, then what was expected of it (the number right after 预期)
_ZH_FIGURE_AND_EXPECTED = re.compile(r"(-?\d+(?:\.\d+)?)%?[^。；;\d]{0,12}?(?:市场)?预期(?:值)?"
                                     r"(?:为|升|增长|上涨|涨|下降|降|跌)?\s*(-?\d+(?:\.\d+)?)")
_EN_AS_EXPECTED = re.compile(r"(?i)\b(?:as\s+(?:was\s+|had\s+been\s+)?(?:expected|forecast|anticipated|predicted)|"
                             # "rose 2.2%, which was expected" (AFTER10); "was expected to rise 2.3%" says the forecast
                             r"(?:which|that)\s+(?:was|were|had\s+been)\s+(?:expected|forecast|anticipated|predicted)"
                             r"\b(?!\s+to\b)|in\s+line\s+with\s+"
                             r"(?:the\s+|market\s+|analysts['’]?\s+)*(?:expectations?|forecasts?|estimates?)|"
                             r"(?:matched|matching|met|meeting)\s+(?:the\s+|market\s+)*(?:expectations?|forecasts?))")


def met_expectation_mismatch(source: str, sentence: str) -> str | None:
    """Why ``sentence`` says a figure came in as expected when its source gives a different expected figure
    (同比升2.2%，预期升2.3% written "up 2.2%, as expected"), or None."""
    if not _EN_AS_EXPECTED.search(sentence):
        return None
    for m in _ZH_FIGURE_AND_EXPECTED.finditer(source):
        if float(m.group(1)) != float(m.group(2)):
            return f"'as expected' where the source expected {m.group(2)} and reports {m.group(1)}"
    return None


# 前值自升2.6%修正至升2.7%: the previous reading (revised), not a change; "higher than the previous month by 2.7%"
# (AFTER10's 8-14 brief) made it one
_ZH_PRIOR = re.compile(r"前值[^。；;]{0,10}?(-?\d+(?:\.\d+)?)%?"
                       r"(?:[^。；;\d]{0,6}?修正[为至到][^。；;\d]{0,3}?(-?\d+(?:\.\d+)?))?")
_PREVIOUS = r"(?:than|from|over|compared\s+(?:with|to))\s+(?:the\s+|a\s+)?(?:previous|prior|last|preceding)\b"
_PCT = r"\s*(?:%|percent|per cent)"


def prior_value_mismatch(source: str, sentence: str) -> str | None:
    """Why ``sentence`` states its source's previous reading (前值) as the change from it ("higher than the previous
    month by 2.7%"), or None; the reading said as the previous month's own ("June's rose by 2.7%") is right."""
    for m in _ZH_PRIOR.finditer(source):
        for value in filter(None, m.groups()):
            v = re.escape(value)
            if re.search(rf"(?i)\b{_PREVIOUS}[^.;]{{0,25}}?\bby\s+{v}{_PCT}|\bby\s+{v}{_PCT}\s+{_PREVIOUS}|"
                         rf"\b{v}{_PCT}\s+(?:higher|lower|more|less|up|down)\s+{_PREVIOUS}", sentence):
                return f"{value}% is the previous reading ({m.group(0)}), not the change from it"
    return None


# "most" for a minority share: 全市近三分之一的野生动物种类 written "Most of the wildlife species" (AFTER10, L0027)
_EN_MOST = re.compile(r"(?i)\b(?:most|the\s+majority|majority|nearly\s+all|almost\s+all|the\s+bulk)\s+of\b")
_ZH_MINORITY = re.compile(r"[三四五六七八九十]分之一|不到一半|不足一半|少数|一小部分|近半|将近一半|不到半数")
_ZH_MAJORITY = re.compile(r"大部分|大多数|多数|绝大|大半|过半|超过一半|一半以上|[三四五]分之[二三四]")


def share_mismatch(source: str, sentence: str) -> str | None:
    """Why ``sentence`` says "most of" where its source gives a minority share (近三分之一), or None."""
    if not _EN_MOST.search(sentence) or _ZH_MAJORITY.search(source):
        return None
    minority = _ZH_MINORITY.search(source)
    return f"'most' where the source says {minority.group(0)}" if minority else None


# A share of a whole the source names (全市近三分之一的野生动物种类: a third of the city's species, seen in one
# reserve) said without that whole, so it reads as a share of the place the sentence is about ("one-third of the
# wildlife species in the reserve", AFTER12-AFTER17, L0027)
ZH_WHOLE_SHARE = re.compile(r"(全市|全省|全区|全县|全国|全球|全世界)(?:的)?[^，,。；;]{0,12}?"
                            r"(?:[三四五六七八九十]分之[一二三四五六七八九]|百分之|\d+(?:\.\d+)?%)")
_EN_WHOLE = {"全市": r"city|municipal|citywide", "全省": r"province|provincial|provincewide",
             "全区": r"district|region|zone", "全县": r"county", "全国": r"country|national|nationwide|China",
             "全球": r"world|global|worldwide", "全世界": r"world|global|worldwide"}
_EN_SHARE = re.compile(r"(?i)\b(?:one|a|two)[-\s](?:third|quarter|fifth|half)s?\b|\b\d+(?:\.\d+)?\s*(?:%|percent)|"
                       r"\b\d/\d\b")


def share_scope_mismatch(source: str, sentence: str) -> str | None:
    """Why ``sentence`` gives a share of a whole its source names (全市…三分之一) without that whole, or None."""
    if not _EN_SHARE.search(sentence):
        return None
    for m in ZH_WHOLE_SHARE.finditer(source):
        if not re.search(rf"(?i)\b(?:{_EN_WHOLE[m.group(1)]})", sentence):
            return f"a share of {m.group(1)} ({m.group(0)}) said without its whole"
    return None


# A kilometre marker (青藏公路3002公里处: the post at km 3,002) said as a length ("through the highway for about 3,002
# kilometers", L0514, AFTER18)
_ZH_MARKER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:公里|千米|km)处")
_EN_MARKER_WORDS = re.compile(r"(?i)\b(?:mark(?:er)?|post|point|milestone|stake)\b|\b(?:km|kilomet(?:er|re))\s+\d")


def marker_mismatch(source: str, sentence: str) -> str | None:
    """Why ``sentence`` gives a kilometre marker of its source (3002公里处) as a distance, or None."""
    plain = re.sub(r"(?<=\d),(?=\d{3})", "", sentence)
    for m in _ZH_MARKER.finditer(source):
        for said in re.finditer(rf"(?<![\d.]){re.escape(m.group(1))}(?![\d.])\s*-?\s*(?:kilomet\w*|km)\b", plain):
            if not _EN_MARKER_WORDS.search(plain[max(0, said.start() - 25):said.end() + 15]):
                return f"{m.group(0)} is a kilometre marker, not a distance"
    return None


# The renminbi quoted as yuan per US dollar (1美元兑人民币7.0元, 7.0关口): when the yuan weakens (贬, 跌破) the number
# rises, so "below 7.0 yuan per dollar" for 跌破7.0 says the opposite (L0364, AFTER8-AFTER12)
_ZH_YUAN_WEAKER = re.compile(r"人民币[^。；;]{0,30}?(?:贬值|大贬|走贬|跌破|失守)")
_ZH_YUAN_STRONGER = re.compile(r"人民币[^。；;]{0,30}?(?:升值|走升|升破|涨破)")
_PER_DOLLAR = r"\s*(?:yuan|RMB|CNY)?\s*(?:per|to\s+the|to\s+one|against\s+the|a)\s+(?:US\s+|U\.S\.\s+)?dollar"
_EN_FEWER_YUAN = re.compile(rf"(?i)\b(?:below|under|less\s+than)\s+(?:RMB\s*|CNY\s*)?\d+(?:\.\d+)?{_PER_DOLLAR}")
# "past 7.0" says only that the rate crossed it ("strengthened past 7 per dollar"): no direction of its own
_EN_MORE_YUAN = re.compile(rf"(?i)\b(?:above|over|more\s+than)\s+(?:RMB\s*|CNY\s*)?\d+(?:\.\d+)?"
                           rf"{_PER_DOLLAR}")


# 1美元兑人民币7.0元: the 1 is the rate's base; "as low as 1 USD per yuan" keeps the base and loses the rate (L0364,
# AFTER18)
_ZH_RATE_PAIR = re.compile(r"(?<![\d.])1\s*美元\s*(?:兑|对|折合|可兑换)\s*(?:人民币)?\s*(\d+(?:\.\d+)?)")
_EN_ONE_DOLLAR = re.compile(r"(?i)(?<![\d.])1\s*(?:US\s*|U\.S\.\s*)?(?:dollars?|USD)\b|\bUSD\s*1\b")
_EN_RATE_LEVEL = re.compile(r"(?i)\b(?:plunge\w*|fell|fall\w*|drop\w*|broke|break\w*|breach\w*|below|above|past|"
                            r"level|mark|threshold|breakeven|parity)\b")


def exchange_rate_mismatch(source: str, sentence: str) -> str | None:
    """Why ``sentence`` moves a yuan-per-dollar rate the wrong way for its source (人民币…跌破7.0 written "below
    7.0 yuan per US dollar") or keeps the dollar of a rate pair without its yuan, or None."""
    pair = _ZH_RATE_PAIR.search(source)
    if pair:
        rate = pair.group(1).rstrip("0").rstrip(".") if "." in pair.group(1) else pair.group(1)
        said = re.search(rf"(?<![\d.]){re.escape(rate)}(?:\.0+)?(?![\d])", sentence)
        if not said and _EN_ONE_DOLLAR.search(sentence):
            return f"1 US dollar said without its rate ({pair.group(0)})"
        if not said and re.search(r"(?i)\b(?:dollar|USD)\b", sentence) and _EN_RATE_LEVEL.search(sentence):
            return f"the level against the dollar said without the rate ({pair.group(0)})"
    weaker, stronger = bool(_ZH_YUAN_WEAKER.search(source)), bool(_ZH_YUAN_STRONGER.search(source))
    if weaker and not stronger and _EN_FEWER_YUAN.search(sentence):
        return "fewer yuan per dollar where the source says the yuan weakened (跌破/贬: more yuan per dollar)"
    if stronger and not weaker and _EN_MORE_YUAN.search(sentence):
        return "more yuan per dollar where the source says the yuan strengthened (升破/升值: fewer yuan per dollar)"
    return None


# A figure in a condition (…举办者…给教职员工每人每月发放不低于1660元基本生活费的，市财政将…预拨…): what someone must do
# to get what follows, not what anyone is paid. Written as a plain statement ("each teacher will receive at least
# RMB 1,660", L0418 AFTER1-AFTER13), the condition became a payment.
_ZH_CONDITION = re.compile(r"(?:对于|对|凡是|凡|如果|若)[^。；;]*?的[，,]")
_EN_CONDITIONAL = re.compile(r"(?i)\b(?:if|provided|as\s+long\s+as|on\s+(?:the\s+)?condition|conditions?|conditional|"
                             r"eligible|eligibility|qualif\w*|requir\w*|must|in\s+return|in\s+exchange|"
                             r"(?:who|that|which)\s+(?:\w+\s+){0,2}(?:pay|pays|paid|provide|provides|give|gives|offer|"
                             r"offers|grant|grants|meet|meets|issue|issues|guarantee|guarantees)|"
                             # "kindergartens paying each staff member at least RMB 1,660 will …"
                             r"paying|providing|giving|offering|granting|meeting|issuing|guaranteeing)\b")
_ZH_PLAIN_NUMBER = re.compile(r"(?<![\d.])(\d{3,})(?![\d.]*\s*[万亿])")


def condition_mismatch(source: str, sentence: str) -> str | None:
    """Why ``sentence`` states a figure of its source's condition (…发放不低于1660元…的，) as a plain fact, with
    no word that makes it one ("if", "provided", "kindergartens that pay …"), or None."""
    if _EN_CONDITIONAL.search(sentence):
        return None
    for clause in _ZH_CONDITION.finditer(source):
        for number in _ZH_PLAIN_NUMBER.findall(clause.group(0)):
            if re.search(_grouped(number), sentence):
                return f"{number} is a condition in the source ({clause.group(0)[-24:]}), stated as a fact"
    return None


def _grouped(number: str) -> str:
    """A regex for ``number`` as English writes it, with or without thousands commas (1660 -> 1,660)."""
    head = len(number) % 3 or 3
    groups = [number[:head]] + [number[i:i + 3] for i in range(head, len(number), 3)]
    return r"(?<![\d,.])" + ",?".join(groups) + r"(?![\d])"


# A count the source gives only by its order of magnitude (他的诈骗受害者众达数万: tens of thousands), said as another
# ("in the millions", catamaran-03 AFTER14; "thousands", AFTER13). Ranges as the words are read.
_ZH_VAGUE_RE = re.compile("|".join(sorted(VAGUE_WORDS, key=len, reverse=True)))
_EN_VAGUE: dict[str, tuple[int, int]] = {
    "hundreds of millions": (10**8, 10**9 - 1), "tens of millions": (10**7, 10**8 - 1),
    "hundreds of thousands": (10**5, 10**6 - 1), "tens of thousands": (10**4, 10**5 - 1), "billions": (10**9, 10**12),
    "millions": (10**6, 10**7 - 1), "thousands": (1000, 9999), "hundreds": (100, 999), "dozens": (24, 99),
}
_EN_VAGUE_RE = re.compile(r"(?i)\b(" + "|".join(sorted(_EN_VAGUE, key=len, reverse=True)) + r")\b")


def vague_magnitude_mismatch(source: str, sentence: str) -> str | None:
    """Why ``sentence`` gives a count its source states only by magnitude (数万) as another magnitude ("in the
    millions", "thousands"), or None. Judged only where the source writes such a word."""
    ranges = [VAGUE_WORDS[m.group(0)] for m in _ZH_VAGUE_RE.finditer(source)]
    if not ranges:
        return None
    for m in _EN_VAGUE_RE.finditer(sentence):
        low, high = _EN_VAGUE[m.group(1).lower()]
        if not any(low <= b and a <= high for a, b in ranges):
            said = "/".join(dict.fromkeys(w.group(0) for w in _ZH_VAGUE_RE.finditer(source)))
            return f"'{m.group(1)}' where the source says {said}"
    return None


def expectation_mismatch(source: str, sentence: str) -> str | None:
    """Why ``sentence`` turns its source's comparison with expectations round (低于预期 -> "higher than
    expected"), or None. Judged against the sentence's own source span, where only one side is written,
    and against the figures the sentence itself compares (``comparison_contradiction``)."""
    contradiction = comparison_contradiction(sentence) or met_expectation_mismatch(source, sentence) or \
        prior_value_mismatch(source, sentence) or condition_mismatch(source, sentence) or \
        vague_magnitude_mismatch(source, sentence)
    if contradiction:
        return contradiction
    above, below = bool(_ZH_ABOVE_EXPECTED.search(source)), bool(_ZH_BELOW_EXPECTED.search(source))
    if below and not above and _EN_ABOVE_EXPECTED.search(sentence):
        return "above expectations where the source says below (低于预期)"
    if above and not below and _EN_BELOW_EXPECTED.search(sentence):
        return "below expectations where the source says above (高于预期)"
    return None


# Countries a figure is said of: the Chinese a span writes, the English a sentence writes
_COUNTRIES: dict[str, tuple[str, str]] = {
    "China": (r"中国|我国|全国|国内|对华|中方|中美|中欧|中日|在华|访华|来华", r"\b(?:China|Chinese)\b"),
    "the US": (r"美国|美联储|美方", r"\b(?:US|U\.S\.|USA|United States|American|America|Fed|Federal Reserve)\b"),
    "Japan": (r"日本", r"\b(?:Japan|Japanese)\b"),
    "the euro area": (r"欧元区|欧洲央行", r"\b(?:euro ?zone|euro area|ECB)\b"),
}


def countries_named(source: str) -> list[str]:
    """The countries (as English writes them: "China", "the US") a Chinese span names, in ``_COUNTRIES`` order."""
    return [c for c, (zh, _) in _COUNTRIES.items() if re.search(zh, source)]


# Where goods come from (L0364, b8: 原产于中国的扎带 written "Chinese tape originating from the United States")
_ZH_ORIGIN = re.compile(r"原产(?:于|自|地为?)\s*([^\s，,。；;的]{1,8}?)(?:的|产品|，|,|。)")
_EN_ORIGIN = re.compile(r"\b(?i:originat(?:ing|ed|es)\s+(?:from|in)|made\s+in|produced\s+in|imported\s+from|"
                        r"of\s+origin\s+in)\s+((?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z]\w*)*)")


def origin_mismatch(source: str, sentence: str) -> str | None:
    """Why ``sentence`` says goods come from another country than the one its source says they originate in
    (原产于中国, "originating from the United States"), or None."""
    origins = {c for m in _ZH_ORIGIN.finditer(source) for c in countries_named(m.group(1))}
    if not origins:
        return None
    for m in _EN_ORIGIN.finditer(sentence):
        said = {c for c, (_, en) in _COUNTRIES.items() if re.search(en, m.group(1))}
        if said and not said & origins:
            return f"'{m.group(0)}' where the source says the goods originate in {', '.join(sorted(origins))}"
    return None


# A company officer's title put on another office (catamaran-00, b8: 黄峥辞去了拼多多董事长的职务 written "left … as
# the CEO of Pinduoduo"): the chairman of the board is not the chief executive, nor the other way round
_TITLES: dict[str, tuple[str, str]] = {
    "chief executive": (r"CEO|首席执行官|行政总裁|总裁|执行长", r"(?i)\b(?:CEO|chief\s+executive(?:\s+officer)?)\b"),
    "chairman": (r"董事长|董事会主席|主席", r"(?i)\bchair(?:man|woman|person)?\b(?!\s+(?:of\s+)?(?:a|the)\s+meeting)"),
}


def title_mismatch(source: str, sentence: str) -> str | None:
    """Why ``sentence`` gives someone a company office its source does not name while naming another, or None."""
    named = {t for t, (zh, _) in _TITLES.items() if re.search(zh, source)}
    if not named:
        return None
    for title, (_, en) in _TITLES.items():
        if title not in named and re.search(en, sentence):
            return f"'{title}' where the source names the {', '.join(sorted(named))}"
    return None


def country_mismatch(source: str, sentence: str) -> str | None:
    """Why ``sentence`` gives its figures to a country its source span does not name while the span names
    another ("The Chinese government's figures show that the PPI …" for 美国7月PPI), or None."""
    named = set(countries_named(source))
    if not named:
        return None
    written = {c for c, (_, en) in _COUNTRIES.items() if re.search(en, sentence)}
    wrong = sorted(written - named)
    if wrong and not written & named:
        return f"{wrong[0]} where the source names {', '.join(sorted(named))}"
    if not written and len(named) == 1 and named != {"China"} and not known_names_in(source):
        # 美国7月PPI同比升2.2% written "PPI rose by 2.2% in July" (AFTER15): a brief on Chinese releases reads a
        # figure without its country as China's (a company the span names is owner enough: 松下, Panasonic)
        return f"the figures are {named.pop()}'s and the sentence names no country"
    return None
