"""Link each mention to what it measures: label, period, change, rank, entity.

Chinese states metrics as "<label><verb?><number><unit>" (今年新增商标注册10430件) or as
"<verb><number><counter><noun>" (惠及40家中小微企业); a change or rank right after a value
(同比增长25.72%, 居全省第二位) belongs to that value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .glossary import glossary_lookup
from .scan import Raw
from .types import Change, Rank

_BREAK = set("，。；：！？,;:!?、()（）“”\"「」《》【】 ")
_LEAD_FILLERS = re.compile(
    r"^(?:今年以来|今年前?[一二三四]?季度|今年|去年|当年|全年|目前|截至目前|截至[^，,]{0,10}?(?:末|底|日)|近年来|近期|"
    r"其中|同时|此外|另外|累计|共计|共|合计|总计|全市|全省|全区|全县|全国|我市|我省|我区|我县|该区|该市|本市|"
    r"在|对|将|把|从|由|与|向|为|通过|并|且|还|已|均|其|仅|再|又|新乡市|市|努力|力争|持续|继续|进一步)"
)
_TRAIL = re.compile(
    r"(?:达到|达|为|是|有|共|约|超过|保持|突破|累计|实现|完成|合计|总计|共计|分别为|分别|均|增长到|增至|"
    r"同比|占|近|仅用了|用了|了|的|中|在|已|将|至|到|从|由|共有|拥有|数量|最短|最长|仅|用时|努力|保持|力争|稳居|"
    r"平均|年均|增加|增长|减少|下降|提高|降低|上升|扩大|缩小|回落|加快|放缓|"
    r"(?:同比|环比|(?:较|比)(?:上年同期|去年同期|上年|去年|上月末?|上季度|年初|上半年))?[多少高低快慢]?)$"
)
_VERBS = (
    "获批|拥有|完成|办理|提供|盘活|招引|申报|解决|推送|组织|开展|实现|达成|推介|遴选|惠及|划分为|分包|落实|"
    "制定|节省|新建成|建成|形成|帮助|实施|推进|获评|承办|举行|发布|查处|转移|下达|投入|吸引|带动|培育|认定|"
    "引进|签约|新开工|开工|建设|投资|出口|进口|收购|转让|许可|治理|接待|发放|补贴|增设|绘制|整改|盘点|路演|"
    "延迟|延长|扩展|受灾|带领|跟随|转动|打闹|排除|承认|发作|减持|加仓|持有|买入|卖出|罚没|处以"
)
_VERB_RE = re.compile(f"(?:{_VERBS})")
_STOP_AFTER = re.compile(
    rf"(?:{_VERBS}|开展|进行|的|和|与|及|等|协同|通过|开始|每|在|从|到|共|，|,|。|；|、|了|为|是|将|均|至少|"
    r"互相|同样|才|能|可|会|受|带领|跟随|已|都|也|就|被|正|仍|还|又|先后|陆续|全部|集中|组成|成为|位于|来自|"
    r"排名|位居|位列|居|中第|第|同比|比|较|占|达到|达|超过)"
)
_RANK_WORDS = re.compile(r"(?:均居|稳居|位居|位列|居|排名|名列|列|处于|排在|排)$")
# 去年 in 较去年同期 / 比去年 is the comparison basis of a change, not the period of the figure.
_TIME_WORDS = re.compile(
    r"今年以来|今年前?[一二三四]季度|今年上半年|今年下半年|今年|(?<![较比])去年(?!同期)|上半年|下半年|前[二三]季度|[一二三四]季度|"
    r"全年|近年来|目前|截至目前|截至[^，,。]{1,12}?(?:末|底|日)"
)


@dataclass
class Link:
    label: str
    period: str | None
    change: Change | None
    rank: Rank | None


def _clause_from(text: str, i: int, floor: int) -> int:
    floor = max(floor, i - 60)  # bounded: a label is never further back
    k = i
    while k > floor and text[k - 1] == " ":
        k -= 1  # 商标注册 10430件: a stray space before the number does not end the label
    while k > floor and text[k - 1] not in _BREAK:
        k -= 1
    return k


def clean_label(head: str, entities: tuple[str, ...] = ()) -> str:
    """Strip time words, subjects and verbs around a label candidate."""
    s = head.strip()
    for _ in range(6):
        before = s
        for e in entities:
            if e and s.startswith(e):
                s = s[len(e):]
        s = _LEAD_FILLERS.sub("", s, count=1)
        s = _TRAIL.sub("", s)
        if s == before:
            break
    if not s:
        return ""
    if glossary_lookup(s):
        return s
    # the longest suffix that is a known term: 向大湾区线上推送高价值专利 -> 高价值专利
    for k in range(0, len(s) - 1):
        if glossary_lookup(s[k:]):
            return s[k:]
    cut = None
    for m in _VERB_RE.finditer(s):
        cut = m
    if cut is not None:
        if len(s) - cut.end() >= 2:
            s = s[cut.end():]
        elif cut.start() == 0:
            return ""  # only a verb (惠及, 完成): the noun follows the number
    if len(s) > 8:
        # a long clause: keep what follows its last particle or verb (…导致该省农业农村直接经济损失 -> 直接经济损失)
        parts = [p for p in _LONG_SPLIT.split(s) if len(p) >= 2]
        if parts:
            s = parts[-1]
    return s[-12:]


_LONG_SPLIT = re.compile(
    r"的|了|在|从|对|向|把|被|是|将|与|和|及|为|由|已|于|通过|导致|达到|受理|获得|发放|提取|委托|高出|限制|经营着|"
    r"拥有|安装|召集|出现|形成|提供|实现|完成|开设|进行|开展|组织|推动|推进|促进|加强|位于|可以|可|能|要|会"
)


def _overlap(a: str, b: str) -> bool:
    """Labels that name the same thing: 知识产权质押融资 / 质押融资金额 share 质押融资."""
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return any(short[k:k + 4] in long_ for k in range(len(short) - 3))


def _following_noun(text: str, j: int) -> str:
    if text.startswith("的", j):
        j += 1  # 24公里的电厂余热蒸汽管网
    rest = text[j:j + 20]
    m = _STOP_AFTER.search(rest)
    noun = rest[: m.start()] if m else rest
    noun = re.split(r"[\d\s]", noun)[0]
    return noun if re.fullmatch(r"[\u4e00-\u9fffA-Za-z]{2,16}", noun) else ""


def link_sentence(text: str, raws: list[Raw], entities: tuple[str, ...]) -> list[Link]:
    """Labels and links for the mentions of one sentence (codes get an empty Link)."""
    links: list[Link] = []
    prev_end = 0
    last_value: int | None = None  # index of the value the latest value/change/rank is about
    values_since: list[int] = []
    period = None
    for k, raw in enumerate(raws):
        if raw.is_code:
            links.append(Link("", None, None, None))
            continue
        c0 = _clause_from(text, raw.i, prev_end)
        head = text[c0:raw.i].strip()
        times = _TIME_WORDS.findall(text[max(0, raw.i - 120):raw.i])
        if raw.kind in ("date", "period") and raw.date_iso:
            label = clean_label(_following_noun(text, raw.j), entities)
            links.append(Link(label, None, None, None))
            period = text[raw.i:raw.j]
            prev_end = raw.j
            continue
        this_period = period or (times[-1] if times else None)
        if raw.kind == "change" or raw.kind == "rank":
            h = _RANK_WORDS.sub("", head) if raw.kind == "rank" else head
            label = clean_label(h, entities)
            target = None
            if last_value is not None and (not label or _overlap(label, links[last_value].label)):
                target = last_value
            elif label:
                # a change with its own label belongs to the latest value that names the same thing
                target = next((t for t in reversed(values_since) if _overlap(label, links[t].label)), None)
            if not label and last_value is not None:
                label = links[last_value].label
                prev_label = _last_label(links)
                if prev_label and raw.kind == "rank":
                    label = prev_label
            if not label:
                label = _previous_clause_label(text, c0, entities)
            change = None
            if raw.kind == "change" and raw.value is not None:
                change = Change(raw.value, raw.unit or "%", raw.direction, raw.basis)  # type: ignore[arg-type]
            links.append(Link(label, this_period, change, raw.rank))
            if target is not None:
                tl = links[target]
                if change is not None and tl.change is None:
                    tl.change = change
                if raw.rank is not None:
                    heads = values_since if "均" in head else [target]
                    for t in heads:
                        if links[t].rank is None:
                            links[t].rank = raw.rank
                last_value = target
            prev_end = raw.j
            continue
        noun_after = _following_noun(text, raw.j) if _counter_noun(raw, text) else ""
        # "<number><counter><noun>" (惠及40家中小微企业) names the noun after; otherwise the label is before
        label = clean_label(noun_after, entities) or clean_label(head, entities)
        if not label and last_value is not None:
            label = links[last_value].label
        change = None
        if raw.direction in ("up", "down") and raw.value is not None:
            change = Change(raw.value, raw.unit or "", raw.direction, raw.basis)  # type: ignore[arg-type]
        links.append(Link(label, this_period, change, None))
        last_value = k
        values_since.append(k)
        prev_end = raw.j
    return links


def _last_label(links: list[Link]) -> str:
    for link in reversed(links):
        if link.label:
            return link.label
    return ""


def _counter_noun(raw: Raw, text: str) -> bool:
    """True when the number reads "<number><counter><noun>": the noun after it is the label."""
    if raw.kind not in ("count", "amount", "ratio") or raw.j >= len(text):
        return False
    return "\u4e00" <= text[raw.j] <= "\u9fff"


def _previous_clause_label(text: str, c0: int, entities: tuple[str, ...]) -> str:
    """For 我市位居全省第二位 after 在…调查中: the survey named in the previous clause."""
    k = c0 - 1
    while k > 0 and text[k] in _BREAK:
        k -= 1
    start = _clause_from(text, k + 1, 0)
    prev = text[start:k + 1]
    if not prev.startswith("在"):
        return ""  # only 在<survey>中, <subject>位居… names what is ranked
    prev = re.sub(r"^在", "", prev)
    prev = re.sub(r"[中上里内]$", "", prev)
    prev = re.sub(r"^\d{4}年(?:度)?(?:[~\-]\d{4}年)?(?:上半年|下半年)?", "", prev)
    return clean_label(prev, entities) if prev else ""
