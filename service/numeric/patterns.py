"""Regular expressions for numbers, dates, changes, ranks and codes in normalized Chinese text.

The text they run on is already half-width and simplified (see normalize.py).
"""

from __future__ import annotations

import re

from .units import UNIT_RE

CNDIG = "零〇一二两三四五六七八九"
AR = r"(?:(?<![\d.])(?:\d{1,3}(?:,\d{3})+(?![\d])|\d{1,60})(?:\.\d{1,30})?)"
# A Chinese numeral starts with a digit or 十 (百/千/万 alone are words: 百家, 千家万户, 万里行).
# Bounded repetitions and a look-behind keep every search linear on long runs of numerals.
CN = rf"(?:(?<![{CNDIG}十百千万亿])[{CNDIG}十][{CNDIG}十百千万亿]{{0,24}}(?:点[{CNDIG}]{{1,12}}[万亿]?)?)"
SCALE = r"(?:万亿|千亿|百亿|十亿|千万|百万|十万|亿|万|千(?![米克瓦卡伏帕兆])|百(?![分万]))"
NOT_BEFORE = r"(?<![\d.A-Za-z])"

UP = "增长|增加|提高|上升|上涨|提升|回升|扩大|加快|上调|增|涨|升"
DOWN = "下降|减少|降低|回落|下滑|下跌|缩小|收窄|放缓|萎缩|下调|降|减|跌"
# after a basis (比上月高0.1个百分点, 比上年同期少3.22万亿元) these words also give a direction
CMP_UP = "高|多|快"
CMP_DOWN = "低|少|慢"
BASIS = (
    r"(?:同比|环比|(?:较|比)(?:上年同期|去年同期|上年|去年|上月|上季度|年初|上年末|前一年|"
    r"(?:19|20)\d{2}年(?:同期)?)(?:同期)?)"
)

# --- codes: numbers that are names -------------------------------------------------------
QUOTED = re.compile(r"[“\"「『‘]([^“”\"「」『』‘’\n，。；,;]{1,16})[”\"」』’]")
QUOTED_NUMERIC = re.compile(rf"[\d{CNDIG}十百千%]")
PLUS_CODE = re.compile(r"(?<![\d.])\d+(?:\+\d+)+(?![\d.])")
PLAN_CODE = re.compile(r"十[一二三四五六七八九]五")
LATIN_CODE = re.compile(
    r"(?<![A-Za-z\d])(?:[A-Za-z]+-?\d+(?:\.\d+)?[A-Za-z\d]*|\d+[A-Za-z]+(?![A-Za-z]))"
)
LATIN_UNITS = {"km", "kg", "MW", "GW", "kW", "kWh", "TEU", "t", "m", "cm", "mm", "ml", "L", "h", "s"}
HOTLINE = re.compile(r"(?<!\d)\d{5,}(?=(?:服务)?热线|专线|平台)")

# --- dates and periods ----------------------------------------------------------------------
_Y = r"(?P<y>(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})年"
_M = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月(?P<mfen>份)?"
_D = (
    r"(?P<d>3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?"
    r"|[一二三四五六七八九])[日号]"
)
_H = r"(?P<h>2[0-4]|[01]?\d)时(?:(?P<mi>[0-5]?\d)分)?"
YEAR_SUFFIX = r"(?P<ys>度|年底|年末|年初|年中|底|末|初|上半年|下半年|第?[一二三四1-4]季度|前[二三]季度)"
ISO_DATE = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d{2})[-/](?P<m>1[0-2]|0?[1-9])[-/](?P<d>3[01]|[12]\d|0?[1-9])"
    r"(?:[ T]+(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?)?(?![\d])"
)
YEAR_RANGE = re.compile(
    r"(?<![\d.])(?P<y1>(?:19|20)\d{2})年?\s*[-~—–至到]\s*(?P<y2>(?:19|20)\d{2})年"
    r"(?P<ys>上半年|下半年|第?[一二三四1-4]季度|前[二三]季度)?"
)
MONTH_RANGE = re.compile(
    rf"(?<![\d.])(?:{_Y})?(?P<m1>1[0-2]|0?[1-9])(?:月份?)?\s*[-~—–至到]\s*(?P<m2>1[0-2]|0?[1-9])月(?P<mfen>份)?"
)
CN_DATE_Y = re.compile(rf"(?<![\d.]){_Y}(?:{_M}(?:{_D})?(?:{_H})?|{YEAR_SUFFIX})?")
CN_DATE_M = re.compile(rf"(?<![\d.第]){_M}(?:{_D})?(?:{_H})?")
# 7月17和7月22日: a day whose 日 is shared with the next date
ELIDED_DAY = re.compile(
    r"(?<![\d.])(?P<m>1[0-2]|0?[1-9])月(?P<d>3[01]|[12]\d|0?[1-9])(?=(?:和|、|及|至|到|-)(?:\d{1,2}月)?\d{1,2}日)"
)
FISCAL_YEAR = re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d{2})财年")
DECADE = re.compile(r"(?<![\d.])(?:(?P<c>\d{2})世纪(?P<d>\d0)年代|(?P<y>(?:1[5-9]|20)\d0)年代|(?P<c2>\d{1,2})世纪)")
LIST_MARK = re.compile(r"(?:^|(?<=[：:。；;！？\s]))(?P<n>\d{1,2})(?=[、.．)）](?!\d))")
DIMENSIONS = re.compile(
    r"(?<![\d.])\d+(?:\.\d+)?\s*(?P<u1>mm|cm|m|毫米|厘米|米)?\s*[x×*X]\s*\d+(?:\.\d+)?\s*(?:mm|cm|m|毫米|厘米|米)?"
    r"(?:\s*[x×*X]\s*\d+(?:\.\d+)?\s*(?P<u3>mm|cm|m|毫米|厘米|米)?)?"
)
ORDINAL_NAME = re.compile(
    rf"第(?:\d+|[{CNDIG}十]+)(?:人民医院|医院|中学|小学|中级人民法院|人民法院|集团军|研究所|监狱|师|军)"
)
DAY_ONLY = re.compile(
    r"(?<![\d.第个月])(?P<d>3[01]|[12]\d|0?[1-9])日(?!内|以内|之内|以上)"
    r"(?:(?P<h>2[0-4]|[01]?\d)时(?:(?P<mi>[0-5]?\d)分)?)?"
)
HOUR_ONLY = re.compile(r"(?<![\d.])(?P<h>2[0-4]|[01]?\d)时(?:(?P<mi>[0-5]?\d)分)?(?!间|代|期|速)")
QUARTER = re.compile(r"(?:(?P<pre>前)(?P<q2>[二三两2-3])|第?(?P<q>[一二三四1-4]))季度")

# --- changes, percentages, ranks -------------------------------------------------------------
CHANGE = re.compile(
    rf"(?P<basis>{BASIS})?(?:分别|同比)? ?(?P<dir>{UP}|{DOWN})(?:了|为)? ?"
    rf"(?:(?P<pct>百分之)(?P<cnp>{CN})|(?P<num>{AR}|{CN}) ?(?P<unit>%|‰|个百分点|百分点|个基点|基点|个基本点|倍|成))"
)
PERCENT = re.compile(
    rf"(?P<pct>百分之)(?P<neg>负)?(?P<cnp>{CN})"
    # a minus right before the digits is a sign (增速为-3.8%), unless it joins a range (1.2%-3.8%, 2019-3.8%)
    rf"|(?:(?<![\d.%‰A-Za-z])(?P<sign>[-−]))?{NOT_BEFORE}"
    rf"(?P<num>{AR}) ?(?P<unit>%|‰|个百分点|百分点|个基点|基点|个基本点|基本点)"
    rf"|(?P<cnum>{CN}|{AR})(?P<cheng>成)(?!员|本|果|为|立|交|绩|功|都|熟|型|就|年|品|不变)"
    rf"|(?P<bnum>{AR}|{CN})(?P<bei>倍)"
)
RANK = re.compile(
    rf"第(?P<num>\d+|[{CNDIG}十]+)(?P<pos>位|名)?(?P<tier>方阵|梯队)?|(?P<first>首位)"
    rf"|前(?P<top>\d+|[{CNDIG}十]+)(?P<topu>位|名|强)"
)
RANK_CUE = re.compile(r"(?:全省|全国|全市|全区|全县|全州|全球|全网|排名|排在|排|位居|位列|名列|居|列|处于)")
RANK_IDIOMS = ("时间", "书记", "责任人", "要务", "动力", "资源", "生产力", "线", "手")

# --- generic numbers with units ----------------------------------------------------------------
APPROX_PRE = {
    "大约": "about", "约": "about", "将近": "nearly", "接近": "nearly", "近": "nearly",
    "超过": "more_than", "超": "more_than", "逾": "more_than", "突破": "more_than", "高于": "more_than",
    "不到": "less_than", "不足": "less_than", "低于": "less_than", "少于": "less_than",
    "不少于": "at_least", "至少": "at_least", "最少": "at_least", "不低于": "at_least",
    "最多": "at_most", "不超过": "at_most", "至多": "at_most", "不高于": "at_most", "不多于": "at_most",
    "升破": "more_than", "跌破": "less_than", "破": "more_than",
}
APPROX_PRE_RE = re.compile("(?:" + "|".join(sorted(APPROX_PRE, key=len, reverse=True)) + ")$")
# 不超过每秒3000立方米: the bound stands before a 每X rate word
APPROX_GAP_RE = re.compile(
    "(?P<w>" + "|".join(sorted(APPROX_PRE, key=len, reverse=True))
    + ")(?:每秒|每天|每日|每年|每月|每小时|每人|每亩|每户|每平方米)$"
)
# 十几 / 上万 / 数百 / 近万: vague quantities, read as ranges (value = low end, upper = high end)
VAGUE_WORDS: dict[str, tuple[int, int]] = {
    "十几": (11, 19), "十多": (11, 19), "几十": (20, 99), "数十": (20, 99), "上百": (100, 999),
    "数百": (100, 999), "几百": (100, 999), "上千": (1000, 9999), "数千": (1000, 9999), "几千": (1000, 9999),
    "上万": (10000, 99999), "过万": (10000, 99999), "破万": (10000, 99999),
    "数万": (20000, 99999), "几万": (20000, 99999), "十几万": (110000, 199999), "数十万": (200000, 999999),
    "几十万": (200000, 999999), "上百万": (10**6, 10**7 - 1), "数百万": (10**6, 10**7 - 1),
    "上千万": (10**7, 10**8 - 1), "数千万": (10**7, 10**8 - 1), "上亿": (10**8, 10**9 - 1), "过亿": (10**8, 10**9 - 1),
    "破亿": (10**8, 10**9 - 1), "数亿": (2 * 10**8, 10**9 - 1), "几亿": (2 * 10**8, 10**9 - 1),
}
# round scale words that are exact when an approximation word or a unit goes with them: 超过百万元, 近万人
ROUND_WORDS: dict[str, int] = {"十万": 10**5, "百万": 10**6, "千万": 10**7, "万": 10**4, "千": 1000, "百亿": 10**10,
                               "千亿": 10**11, "万亿": 10**12, "亿": 10**8}
VAGUE_RE = re.compile(
    r"(?<![一二三四五六七八九十百千万亿两\d])(?P<pre>超过|超|逾|近|约|将近|接近)?(?P<w>"
    + "|".join(sorted([*VAGUE_WORDS, *ROUND_WORDS], key=len, reverse=True))
    + rf")(?P<unit>{UNIT_RE})?"
)
APPROX_SUF = {
    "以上": "at_least", "及以上": "at_least", "以下": "at_most", "以内": "at_most", "之内": "at_most",
    "内": "at_most", "左右": "about", "上下": "about", "出头": "more_than",
}
GENERIC = re.compile(
    rf"{NOT_BEFORE}(?P<num>{AR})(?P<m1>余|多)?(?: ?(?P<scale>{SCALE}))?(?P<m2>余|多)?"
    rf"(?:\s*(?P<rsep>[-~—–至到])\s*(?P<num2>{AR})(?P<scale2>{SCALE})?)?"
    rf"(?: ?(?P<unit>{UNIT_RE}))?(?P<suf>及以上|以上|以下|以内|之内|左右|上下|出头|内(?![容部外地涵需蒙]))?"
    rf"|(?P<cnum>{CN})(?:(?P<crsep>[至到~-])(?P<cnum2>{CN}))?(?P<cm1>余|多)?(?P<cunit>{UNIT_RE})"
    rf"(?P<csuf>及以上|以上|以下|以内|之内|左右|上下|内(?![容部外地涵需蒙]))?"
)
# A bare 一 counts only with these counters (一次性, 一站式, 一批, 一起 are words).
# 一个/一家/一位 are mostly the article "a"; only time spans and multiples count.
ONE_OK = {"天", "周", "年", "个月", "小时", "倍", "周年"}
ONE_NOT_AFTER = set("这那每同唯统单任其另逐万之第某哪")
# single-character approximation words that are the end of another word: 节约, 附近, 赶超
APPROX_NOT_AFTER = {"约": set("节预制简公条签合履违特相邀大"), "近": set("附邻临最靠亲将接"), "超": set("赶高")}
CN_IDIOMS = (
    "十分", "一成不变", "三五成群", "一个个", "一件事", "两手", "十足", "一条龙", "一年四季", "一点点",
)
PER_RE = re.compile(r"每(?P<scale>十万|百万|万|千|百|十)(?P<noun>人|户|平方公里|家|名)")
# 每秒3000立方米, 每亩节约16元, 每年可节约标准煤6万多吨: a rate for money and measures
PER_MEASURE = re.compile(r"每(?P<noun>平方米|平方公里|亩|公顷|吨|立方米|千瓦时|公里|小时|秒|分钟|天|日|年|月|周)")
_PER_VERB = "均?处理|产|均?供水|供应|接待|均|发电|运送|吞吐"
PER_DAY = re.compile(rf"(?:(?:每日|每天)(?:{_PER_VERB})?|日(?:{_PER_VERB}))$")
PER_YEAR = re.compile(r"(?:(?:每年|年)(?:均?处理|产|产能|均?供水|供应|接待|均|发电|吞吐|运送))$")
DIR_ABS = re.compile(rf"(?P<basis>{BASIS})?(?P<dir>增长|增加|提高|上升|减少|下降|降低|扩大|缩小|上调|下调)了?$")
