"""Names of rivers, lakes, reservoirs and the like that a release writes and no dictionary holds.

A small model copies such a name into its English unchanged (滹沱河, 西大洋) or spells it as pinyin
("Hutuo River", "Tang River"). Both are names the source writes: the first is spelt as English writes
Chinese place names (the pinyin of the name and the English of its feature word), the second traces to
the source. A run counts as a name when the source writes it ending in a feature word (唐河, 拒马河) or as
an item of a list of names (西大洋、东武仕等): an ordinary phrase is translated word by word elsewhere.
"""

from __future__ import annotations

import re

from pypinyin import lazy_pinyin

from .dictionary import cedict

# feature word -> its English, longest first so 水库 wins over a shorter match
FEATURES: dict[str, str] = {"水库": "Reservoir", "河": "River", "江": "River", "湖": "Lake", "山": "Mountain",
                            "岛": "Island", "港": "Port", "湾": "Bay"}
_MAX_STEM = 3  # a name's own part: 唐 of 唐河, 滹沱 of 滹沱河, 拒马 of 拒马河


def pinyin_word(chars: str) -> str:
    """The pinyin of Chinese characters as one capitalized word (兰溪 -> Lanxi)."""
    return "".join(lazy_pinyin(chars)).capitalize()


def _listed(run: str, source: str) -> bool:
    """``run`` is an item of a list in the source: 西大洋、东武仕等 (after or before an enumeration comma, or
    right before 等)."""
    return bool(re.search(rf"(?:、{re.escape(run)}(?![\u4e00-\u9fff]*、)|{re.escape(run)}(?:、|等))", source))


def feature_name(run: str, source: str) -> str | None:
    """The English of ``run``, a name the source writes ending in a feature word or listed among names
    (滹沱河 -> Hutuo River, 西大洋 -> Xidayang); None when ``run`` is no such name of the source."""
    if not run or run not in source or len(run) > _MAX_STEM + 2:
        return None
    for zh, en in FEATURES.items():
        stem = run.removesuffix(zh)
        if stem != run and 1 <= len(stem) <= _MAX_STEM:
            return f"{pinyin_word(stem)} {en}"
    if 2 <= len(run) <= _MAX_STEM + 1 and _listed(run, source):
        return pinyin_word(run)
    if len(run) <= _MAX_STEM:
        named = feature_names_in(source)
        if any(run + zh in named for zh in FEATURES):
            return pinyin_word(run)  # the stem of a river the source names: "the淮 River" is the Huai River
    return None


# a feature name in running text: after a list comma, a preposition or a clause start (向滹沱河、唐河、拒马河等)
_IN_TEXT = re.compile(r"(?:(?<=[、，。和及与向对在从至往])|^)([\u4e00-\u9fff]{1,3}?)(水库|河|江|湖)"
                      r"(?=[、，。等和及与以干流段]|$)")
_ORDINARY_STEMS = set("条座个的了到大小各该此江河湖运两三五全本")


def feature_names_in(text: str) -> dict[str, str]:
    """The rivers, lakes and reservoirs ``text`` names, Chinese -> English (滹沱河 -> Hutuo River), to give the
    model with a sentence's figures so it writes them as names instead of copying the characters."""
    out: dict[str, str] = {}
    for m in _IN_TEXT.finditer(text):
        stem, feature = m.group(1), m.group(2)
        if len(stem) > 1 and stem[0] in "向对在从至往和及与":
            stem = stem[1:]  # 向滏阳河 at a clause's start: the river is 滏阳河
        if len(stem) == 3 and ordinary_chinese(stem[:2]):
            stem = stem[2:]  # 导致清江 after a comma: the river is 清江, 导致 ("lead to") is the verb before it
        if stem in _ORDINARY_STEMS or stem[-1] in "条座个" or (len(stem) > 1 and ordinary_chinese(stem)):
            continue
        entry = cedict().get(stem + feature)
        # the dictionary's name first: 黄河 is the Yellow River, 长江 the Yangtze, not pinyin
        out[stem + feature] = entry.english if entry is not None and entry.proper and len(entry.english) < 30 \
            else f"{pinyin_word(stem)} {FEATURES[feature]}"
    return out


def ordinary_chinese(word: str) -> bool:
    """A word the dictionary holds as an ordinary word, not a name (导致, 城市, 农村)."""
    entry = cedict().get(word)
    return entry is not None and not entry.proper


# administrative units, as English writes them after a place's pinyin (恩施市 -> Enshi City)
ADMIN_UNITS: dict[str, str] = {"市": "City", "县": "County", "区": "District", "乡": "Township", "镇": "Town",
                               "村": "Village"}
# what a village's own places end in (沙子坝, 王家沟): written as one pinyin word, Shaziba
_LOCAL_PLACES = "坝沟岭坡庄屯湾寨"
_ADMIN = re.compile(rf"(?=([\u4e00-\u9fff]{{2}})([{''.join(ADMIN_UNITS)}{_LOCAL_PLACES}]))")


def admin_names_in(text: str, known: dict[str, str] | None = None) -> dict[str, str]:
    """The cities, counties, townships and villages ``text`` names that no place table holds, Chinese ->
    English (恩施市屯堡乡马者村沙子坝 -> Enshi City, Tunbao Township, Mazhe Village, Shaziba). A two-character
    stem before 市/县/区/乡/镇/村 is read as a name only with confidence: the dictionary holds it as a name
    (恩施), or it follows a place already read (屯堡乡 after 恩施市: an address runs from the larger unit to
    the smaller). ``known``: places read elsewhere (the core's table), where an address may start."""
    out: dict[str, str] = {}
    ends = {m.end() for zh in (known or {}) for m in re.finditer(re.escape(zh), text)}
    for m in _ADMIN.finditer(text):
        stem, unit = m.group(1), m.group(2)
        start, end = m.start(), m.start() + 3
        entry = cedict().get(stem)
        # the dictionary's name of a place, in plain letters (not 兵库 "Hyōgo", not 亚太区 Asia-Pacific "District":
        # a district is read only inside an address)
        named = entry is not None and entry.proper and 3 <= len(entry.english) < 30 and unit != "区" \
            and re.fullmatch(r"[A-Za-z][A-Za-z' -]*", entry.english) is not None
        if end < len(text) and ordinary_chinese(text[end - 1:end + 1]):
            continue  # 北京市场, 银川区域: the unit's character begins the next word (market, region)
        if unit in _LOCAL_PLACES:
            if start in ends and not ordinary_chinese(stem + unit):  # a village's own place only inside an address
                out[stem + unit] = pinyin_word(stem + unit)
                ends.add(end)
            continue
        if ordinary_chinese(stem + unit) or (not named and (start not in ends or ordinary_chinese(stem))):
            continue
        english = entry.english if named else pinyin_word(stem)
        out[stem + unit] = english if english.endswith(ADMIN_UNITS[unit]) else f"{english} {ADMIN_UNITS[unit]}"
        ends.add(end)
    return out


def feature_stems(source: str) -> list[tuple[str, str, int]]:
    """(pinyin, feature's English, offset) of each one-character stem the source writes before a feature word
    (唐河 -> "tang", "River"): one character's pinyin is no name alone, but "Tang River" is 唐河."""
    out = []
    for zh, en in FEATURES.items():
        for m in re.finditer(rf"(?<=[\u4e00-\u9fff]){re.escape(zh)}", source):
            out.append((lazy_pinyin(source[m.start() - 1])[0].lower(), en, m.start() - 1))
    return out


# Protected areas, by what they are: 三江源国家公园 -> Sanjiangyuan National Park (AFTER12: the model wrote "Three
# mountains in Yuanyuan" for 三江源国家公园管理局)
AREA_KINDS: dict[str, str] = {"国家公园": "National Park", "国家级自然保护区": "National Nature Reserve",
                              "自然保护区": "Nature Reserve", "国家森林公园": "National Forest Park",
                              "国家湿地公园": "National Wetland Park", "风景名胜区": "Scenic Area"}
_AREA = re.compile(rf"([\u4e00-\u9fff]{{2,5}}?)({'|'.join(sorted(AREA_KINDS, key=len, reverse=True))})")
_AREA_GLOSS_KIND = re.compile(r"\s+(?:National\s+)?(?:Nature\s+Reserve|Park)$")


def protected_area_names_in(text: str) -> dict[str, str]:
    """The national parks and nature reserves ``text`` names, Chinese -> English (三江源国家公园 -> Sanjiangyuan
    National Park, 松山国家级自然保护区 -> Songshan National Nature Reserve). The name is the longest run of
    characters before the kind that the dictionary holds as a name: one it does not hold is left to the model."""
    out: dict[str, str] = {}
    for m in _AREA.finditer(text):
        run, kind = m.group(1), m.group(2)
        for start in range(len(run) - 1):
            entry = cedict().get(run[start:])
            if entry is not None and entry.proper and len(entry.english) < 40:
                out[run[start:] + kind] = f"{_AREA_GLOSS_KIND.sub('', entry.english)} {AREA_KINDS[kind]}"
                break
    return out
