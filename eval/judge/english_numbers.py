"""Find and parse every number in an English brief, exactly.

Handles digits with separators and decimals, number words (two, twelve, a dozen, two hundred and
fifty), scales (thousand, million, billion, trillion, "100 million", k/m/bn glued), currencies
(RMB, yuan, CNY, US$, $, dollars ...), percent and percentage points, measures (tons, mu,
hectares, days ...), ordinals and ranks (1st, first in the province, second-largest, No. 1, first
tier), approximation words (more than, over, nearly, about, or more, 1,400-plus), directions
(up/rose/fell, increase/decline), bases (year on year, month on month), ranges (3-5 years),
fractions (two-thirds), dates (July 26, 26 July 2020, December 2024, on the 25th), years,
decades and clock times.

Tokens that only contain digits as part of a name (COVID-19, 5G, G20, A380) are skipped, and so
are "one" used as a pronoun ("one of the") and "first"/"second" outside a rank context ("for the
first time"): they are not numeric claims.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from .types import BriefNumber, DateParts
from .units import EN_CURRENCY_PREFIX, EN_UNITS

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
SMALL: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
SCALES: dict[str, int] = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "mn": 10**6, "mln": 10**6, "bn": 10**9, "bln": 10**9, "tn": 10**12, "trn": 10**12, "k": 10**3,
}
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
}
FRACTION_DENOMS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10,
}

# the currencies the parser writes
_MONEY_UNITS = frozenset({"CNY", "USD", "HKD", "EUR", "GBP", "JPY", "MYR", "SGD", "TWD", "AUD", "CAD"})


def _kind_of_unit(unit: str | None, kind: str) -> str:
    """A number's kind as its unit decides it (money, a percentage, a ratio); else ``kind``."""
    if unit in _MONEY_UNITS:
        return "amount"
    if unit in ("%", "pp", "bp"):
        return "percent"
    return "ratio" if unit == "x" else kind


# Approximation words written before a number -> the core's Approx value.
_APPROX_BEFORE: list[tuple[str, str]] = [
    ("not less than", "at_least"), ("no less than", "at_least"), ("no fewer than", "at_least"),
    ("not more than", "at_most"), ("no more than", "at_most"), ("in excess of", "more_than"),
    ("not exceed", "at_most"), ("not to exceed", "at_most"), ("not exceeding", "at_most"),
    ("not above", "at_most"), ("not over", "at_most"), ("not higher than", "at_most"),
    ("not below", "at_least"), ("not under", "at_least"), ("not lower than", "at_least"),
    ("upwards of", "more_than"), ("more than", "more_than"), ("greater than", "more_than"),
    ("higher than", "more_than"), ("at least", "at_least"), ("a minimum of", "at_least"),
    ("over", "more_than"), ("above", "more_than"), ("exceeding", "more_than"), ("exceeded", "more_than"),
    ("exceeds", "more_than"), ("exceed", "more_than"), ("surpassing", "more_than"),
    ("surpassed", "more_than"), ("topping", "more_than"), ("topped", "more_than"),
    ("beyond", "more_than"),
    # an age bound ("children under the age of 4" for 4岁以下儿童): the hedge, with "the age of" between
    ("under the age of", "less_than"), ("below the age of", "less_than"), ("over the age of", "more_than"),
    ("above the age of", "more_than"), ("aged under", "less_than"), ("aged over", "more_than"),
    ("less than", "less_than"), ("fewer than", "less_than"), ("lower than", "less_than"),
    ("under", "less_than"), ("below", "less_than"), ("at most", "at_most"), ("up to", "at_most"),
    ("a maximum of", "at_most"), ("as many as", "at_most"), ("as much as", "at_most"),
    ("within the last", "at_most"), ("within the past", "at_most"), ("within the next", "at_most"),
    ("within", "at_most"), ("no later than", "at_most"),
    ("nearly", "nearly"), ("almost", "nearly"), ("close to", "nearly"), ("closing in on", "nearly"),
    ("approaching", "nearly"), ("just under", "nearly"), ("just shy of", "nearly"),
    ("about", "about"), ("around", "about"), ("approximately", "about"), ("approx.", "about"),
    ("roughly", "about"), ("some", "about"), ("an estimated", "about"), ("estimated", "about"),
    ("circa", "about"), ("c.", "about"), ("~", "about"), ("an approximate", "about"),
]
_APPROX_BEFORE_RE = re.compile(
    r"(?i)(?<![\w])(" + "|".join(re.escape(w) for w, _ in sorted(_APPROX_BEFORE, key=lambda x: -len(x[0])))
    + r")\s*$"
)
_APPROX_MAP = {w.lower(): a for w, a in _APPROX_BEFORE}
# "fell below the $100 mark" (跌破100美元大关), "broke through the 3,000-point level": a bound, said as a phrase
_MARK_BEFORE_RE = re.compile(r"(?i)(?<![\w])(below|under|above|over|past|beyond|through)\s+the\s+"
                             r"(?P<of>(?:mark|level|threshold)\s+of\s+)?[^.;,!?]{0,24}$")
_MARK_AFTER_RE = re.compile(r"(?i)^(?:\s+(?:per|to|against|a)\s+(?:the\s+)?(?:US\s+|U\.S\.\s+)?(?:dollar|euro|yuan))?"
                            # "below the 7.0 yuan per dollar mark" (跌破1美元兑人民币7.0元关口)
                            r"[\s-]*(?:-point\s+|points?\s+)?(?:mark|level|threshold|barrier|line|ceiling"
                            r"|(?:exchange[\s-]+)?rate)\b")
# "the level of 1 US dollar to 7.0 yuan": the 1 is the rate's base, not a bound
_RATE_BASE_AFTER_RE = re.compile(r"(?i)^\s*(?:(?:US|U\.S\.)\s+)?(?:dollars?|yuan|euros?)?\s*(?:to|=|against)\s")
_APPROX_AFTER_RE = re.compile(r"(?i)^(?:\s*\+|-plus\b|\s+plus\b|\s+or\s+(?:more|above|over|higher)\b"
                              # "12 days and over the guaranteed level": "over" opens the next phrase
                              r"|\s+and\s+(?:above|more|over|up)\b(?!\s+(?:the|a|an|its|their|this|that)\b)"
                              r"|\s+at\s+least\b)")

_UNIT_KEYS = sorted(EN_UNITS, key=len, reverse=True)
_UNIT_RE = re.compile(
    r"(?i)^(?:-|\s*)(?:(?:of\s+)?)(" + "|".join(re.escape(k) for k in _UNIT_KEYS if k not in ("-fold",))
    + r")(?![\w])"
)
_PER_RE = re.compile(r"(?i)^\s*(?:per|a|an|/|each)\s*(hour|day|year|month|week|second|minute|person|capita|acre|mu"
                     r"|hectare|household)\b")
_PER_BEFORE_RE = re.compile(r"(?i)\b(?:each|every|per|a\s+single)\s+(acre|mu|hectare|person|household|capita)\b[^;.]*$")
_PER_CODES = {"hour": "h", "day": "d", "year": "yr", "month": "mo", "week": "wk", "second": "s",
              "minute": "min", "person": "person", "capita": "person", "acre": "acre", "mu": "mu",
              "hectare": "ha", "household": "household"}
# The regexes' word lists come from the tables above, so a word added there is parsed everywhere.
_SCALE_NAMES = [w for w in SCALES if len(w) > 3]  # thousand, million, billion, trillion
_SCALE_RE = re.compile(r"(?i)^[\s-]*(" + "|".join(w for w in SCALES if w != "k") + r")(?![\w])")
_HUNDRED_MILLION_RE = re.compile(r"(?i)^\s*hundred[\s-]+million(?![\w])")
_CURRENCY_BEFORE_RE = re.compile(r"(US\$|HK\$|NT\$|S\$|A\$|C\$|CN¥|RMB|Rmb|rmb|RM|CNY|USD|HKD|EUR|GBP|JPY|\$|¥|￥|€|£)"
                                 r"\s*$")
_CURRENCY_WORD_BEFORE_RE = re.compile(r"(?i)(?<![\w])(yuan|renminbi)\s+$")

_DIR_WORDS_UP = (r"increase[sd]?|increasing|rise|rises|rose|risen|rising|grew|grow|grows|grown|growing|growth"
                 r"|up|gain(?:ed|s)?|climb(?:ed|s)?|jump(?:ed|s)?|surge[sd]?|soar(?:ed|s)?|expand(?:ed|s)?"
                 r"|higher|added|boost(?:ed)?|raised|advance[sd]?|increment")
_DIR_WORDS_DOWN = (r"decrease[sd]?|decreasing|decline[sd]?|declining|fell|fall|falls|fallen|falling|drop(?:ped|s)?"
                   r"|down|lower(?:ed)?|dip(?:ped|s)?|shr[ai]nk(?:s)?|shrunk|slid|slide|slump(?:ed|s)?"
                   r"|plunge[sd]?|plummet(?:ed|s)?|reduce[sd]?|reduction|cut|contract(?:ed|ion)|negative growth"
                   r"|decrement")
_DIR_BEFORE_RE = re.compile(
    r"(?i)(?<![\w])(?P<w>" + _DIR_WORDS_UP + "|" + _DIR_WORDS_DOWN + r")"
    r"(?:\s+(?:year[\s-]on[\s-]year|yoy|y-o-y|month[\s-]on[\s-]month|quarter[\s-]on[\s-]quarter))?"
    r"(?:\s+(?:of|by|at))?(?:\s+(?:a|an|about|around|roughly|nearly|almost|over|more\s+than|some|approximately))?"
    r"\s*[-−]?\s*$"
)
_DIR_AFTER_RE = re.compile(
    r"(?i)^(?:\s+(?:year[\s-]on[\s-]year|yoy|y-o-y|y/y|month[\s-]on[\s-]month|m/m|mom"
    r"|quarter[\s-]on[\s-]quarter|q/q|annual|annually|on[\s-]year))?\s*(?P<w>"
    r"increase|rise|growth|jump|gain|surge|climb|decrease|decline|drop|fall|reduction|contraction|cut"
    r"|higher|lower|up|down|more|less)(?![\w])"
)
_PER_POP_BEFORE = re.compile(r"(?i)\b(?:per|every|for\s+every|each)\s+$")
_PER_POP_AFTER = re.compile(r"(?i)^\s*(?:thousand|million)?\s*(?:people|persons|residents|inhabitants|population"
                            r"|capita|households|urban\s+residents|rural\s+residents)\b")
_ROUND_DENOMINATORS = {"100", "1,000", "10,000", "100,000", "1,000,000"}
_PER_BARE_AFTER = re.compile(r"^\s*(?:[,.;:!?)]|$)")
# the denominator of a measured concentration: "28.4 mg per 100 ml", "28.4 mg/100 ml" for 28.4mg/100ml
_PER_MEASURE_BEFORE = re.compile(r"(?i)(?:\bper\s+|[a-z]\s*/\s*)$")
_MEASURE_AFTER = re.compile(r"(?i)^\s*(?:ml|milli-?lit(?:er|re)s?|l|lit(?:er|re)s?|g|grams?|kg|kilograms?|m3"
                            r"|cubic\s+met(?:er|re)s?|m2|square\s+met(?:er|re)s?)(?![\w])")
_NOT_DIRECTION_UP = re.compile(r"(?i)(?:\bup\s+to\s*$|\b(?:make|makes|made|making|take|takes|took|taking|set|sets"
                               r"|setting|pick|picked|add|adds|adding|sum|sums|summed|end|ended|ends)\s+up\b)")
_UP_SET = re.compile(r"(?i)^(?:" + _DIR_WORDS_UP + r"|more)$")

_BASIS_RE = re.compile(
    r"(?i)(year[\s-]on[\s-]year|year[\s-]over[\s-]year|yoy|y-o-y|y/y|from\s+a\s+year\s+(?:earlier|ago|before)"
    r"|(?:over|from|compared\s+(?:with|to))\s+the\s+same\s+period\s+(?:of\s+|in\s+)?(?:the\s+)?(?:last|previous|prior)\s+year"
    r"|than\s+(?:a\s+year\s+(?:ago|earlier)|(?:the\s+)?(?:last|previous)\s+year)|on\s+an\s+annual\s+basis"
    r"|month[\s-]on[\s-]month|month[\s-]over[\s-]month|m/m|from\s+a\s+month\s+(?:earlier|ago|before)"
    r"|from\s+the\s+previous\s+(?:month|quarter)|quarter[\s-]on[\s-]quarter|quarter[\s-]over[\s-]quarter|q/q"
    # "compared to the previous month" (a small model's 同比 turned round), "over the previous year"
    r"|(?:compared\s+(?:with|to)|over|than)\s+(?:the\s+|a\s+)?(?:previous|last|prior|preceding)\s+(?:month|quarter)"
    r"|(?:compared\s+(?:with|to)|over|from)\s+(?:the\s+|a\s+)?(?:previous|last|prior|preceding)\s+year"
    r"|sequentially)"
)

_RANK_VERB_RE = re.compile(
    r"(?i)(?<![\w])(?:rank(?:ed|s|ing)?|plac(?:ed|es|ing)|came|comes|coming|stood|stands|standing|finish(?:ed|es|ing)?"
    r"|position(?:ed)?|rated|remain(?:ed|s)?|retain(?:ed|s)?|kept|keeps)"
    r"(?:\s+(?:at|in|as|the|No\.?|number|its|a))*\s*$"
)
_RANK_AFTER_RE = re.compile(
    r"(?i)^(?:[\s-]+(?:place|position|spot|rank(?:ed|ing)?)\b|[\s-]+(?:largest|biggest|highest|most|best|"
    r"lowest|smallest|greatest|strongest|fastest|busiest|richest|tallest|longest|leading)\b"
    r"|\s+(?:in|among|across|of\s+all)\b"
    # "ranked fourth nationwide." but not "the fourth nationwide mobilization"
    r"|\s+(?:nationwide|province-wide|provincewide|citywide|globally|worldwide)"
    r"(?=\s*(?:[.,;:!?)]|$|\s+(?:in|for|among|and|with|by|on|at|last|this)\b)))"
)
_TIER_AFTER_RE = re.compile(r"(?i)^[\s-]+(?:tier|echelon|phalanx|square|group|rank(?:s)?\s+of|camp)\b")
_SCOPE_RE = re.compile(
    r"(?i)^[^.;:!?,]{0,50}?(?:(?<![\w])(?:in|of|across|throughout|within|among\s+all\s+\w+\s+in)\s+(?:the\s+)?"
    r"(?:whole\s+|entire\s+)?(?:(?P<prov>province)|(?P<country>country|nation|China)|(?P<city>city|municipality)"
    r"|(?P<district>district|county)|(?P<world>world))|(?<![\w])(?:(?P<prov2>province-wide|provincewide|provincially)"
    r"|(?P<country2>nationwide|nationally)|(?P<city2>citywide)|(?P<world2>worldwide|globally)))(?![\w-])"
)

_LIST_MARKER_RE = re.compile(r"(?m)^[ \t]*(\d{1,2})[.)](?=[ \t])")
_SENT_END_RE = re.compile(r"[.;!?。；！？\n]")

_DIGITS_RE = re.compile(r"(?<![\d])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)")
_WORDNUM_TOKEN = "|".join([*SMALL, *TENS, "hundred", *_SCALE_NAMES, "dozen"])
_WORDNUM_RE = re.compile(
    r"(?i)(?<![\w-])(?:(?:a|an|half\s+a|a\s+half)[\s-]+(?=(?:hundred|thousand|million|billion|trillion|dozen"
    r"|half-dozen)\b))?(?:half-dozen|(?:" + _WORDNUM_TOKEN + r"))(?:(?:[\s-]+(?:and[\s-]+)?)(?:"
    + _WORDNUM_TOKEN + r"))*(?![\w])"
)
_ORDINAL_WORD_RE = re.compile(
    r"(?i)(?<![\w-])(?:(?:twenty|thirty|forty|fifty)-)?(" + "|".join(ORDINALS) + r")(?![\w])"
)
_FRACTION_RE = re.compile(
    r"(?i)(?<![\w-])(?P<num>a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+(?P<den>half|halves|third|thirds"
    r"|quarter|quarters|fourths?|fifths?|tenths?)(?![\w-])"
)
_MONTH_FULL = "|".join(name.capitalize() for name in list(MONTHS)[:12])  # January ... December come first
_MONTH_NAMES = r"(?:" + _MONTH_FULL + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
# with a day beside it a month may be written in lower case ("july 27"); "may" and "march" stay
# capitalized, as verbs they precede numbers too
_MONTH_NAMES_DAY = r"(?:" + "|".join(
    f"(?i:{name})" if name not in ("may", "march") else name.capitalize() for name in list(MONTHS)[:12]
) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
_DATE_MD_RE = re.compile(
    r"(?<![\w])(?P<m>" + _MONTH_NAMES_DAY + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?![\d\w:])"
    r"(?:(?:,\s*|\s+)(?P<y>(?:1[89]|20)\d{2})(?![\d\w]))?"
)
_DATE_DM_RE = re.compile(
    r"(?<![\w])(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>" + _MONTH_NAMES_DAY + r")\.?(?![\w])"
    r"(?:,?\s+(?P<y>(?:1[89]|20)\d{2})(?![\d\w]))?"
)
_DAY_LIST_RE = re.compile(r"\s*(?:-|–|—|~|to|and|or|through|until)\s*(?P<d>\d{1,2})(?:st|nd|rd|th)?(?![\d\w:.,]\d)"
                          r"(?![\d:])(?!\s*(?:%|percent|yuan|people|cases|million|billion|thousand))")
_DATE_MY_RE = re.compile(r"(?<![\w])(?P<m>" + _MONTH_NAMES + r")\.?,?\s+(?:of\s+)?(?P<y>(?:1[89]|20)\d{2})(?![\d\w])")
_DATE_M_RE = re.compile(
    r"(?<![\w])(?:(?:in|In|since|Since|by|By|until|Until|from|From|of|early|Early|late|Late|mid|end\s+of|"
    r"beginning\s+of|start\s+of|through|to|and|or|In\s+early|In\s+late)[\s-]+)(?P<m>" + _MONTH_FULL + r")(?![\w])"
)
_DATE_THE_NTH_RE = re.compile(r"(?<![\w])(?:on|On|by|By|since|Since|until|from|From|of|to)\s+the\s+(?P<d>\d{1,2})"
                              r"(?:st|nd|rd|th)(?![\w])(?!\s+(?:anniversary|birthday|century|floor|time|session|"
                              r"plenary|congress|meeting|round|batch|group|edition)\b)"
                              r"(?!\s+[A-Z])")  # "of the 20th Party Congress": a name's ordinal, not a day
_DATE_ISO_RE = re.compile(r"(?<![\d\w])(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?![\d\w])")
_TIME_RE = re.compile(r"(?<![\d\w:])(?P<h>\d{1,2}):\s?(?P<mi>\d{2})(?::\d{2})?(?![\d])"
                      r"(?:\s*(?P<ap>[ap]\.?m\.?)(?![\w]))?")
_TIME_TO_HOUR_RE = re.compile(r"\d{1,2}:\d{2}\s*(?:-|–|to|until|till)\s*(?P<h>\d{1,2})(?![\d:.,\w%])")
# "2400 hours" (24时), "0-24 hours" (0-24时, the hours of a day): clock times written as hours
_TIME_HOURS_RE = re.compile(r"(?<![\d\w:.,])(?:(?P<h>[01]\d|2[0-4])(?P<mi>[0-5]\d)|0\s*[-–]\s*(?P<h24>24))\s*hours\b")
_OVER_VERB_RE = re.compile(r"(?i)\b(?:took|take|takes|taken|taking|handed|hand|hands|turned|turn|turns|won|win"
                           r"|wins)\s+$")
_TIME_AMPM_RE = re.compile(r"(?<![\d\w])(?P<h>\d{1,2})\s*(?P<ap>[ap]\.?m\.?|o'clock)(?![\w])")
_DECADE_RE = re.compile(r"(?<![\w])(?:the\s+|mid-|early-|late-|mid\s+|early\s+|late\s+)?"
                        r"(?P<y>(?:1[89]|20)\d0)'?s(?![\w])")
_CODE_RE = re.compile(r"(?<![\w.])\d+(?:\s*\+\s*(?:\d+|[A-Za-z]))+(?![\w.])")
_LABEL_ORD_RE = re.compile(r"(?<![\w])(?:Level|level|Grade|grade|Class|class|Phase|phase|Category|category|Tier|tier"
                           r"|Type|type|Stage|stage)\s+(?P<n>\d{1,2})(?![\d\w])")
_NO_RE = re.compile(r"(?i)(?<![\w])(?:No\.|No|Number|#)\s*(?P<n>\d{1,3})(?![\d\w])|(?<![\w])number\s+one(?![\w])")
_TOP_RE = re.compile(
    r"(?i)(?<![\w])(?:(?:ranked|ranks|ranking|came|placed|was|is|stood|remained)\s+(?:at\s+)?(?:the\s+)?top"
    r"|topped|top\s+(?:spot|place|position|rank(?:ing)?)|the\s+top\s+(?=(?:in|among)\b))(?![\w])"
)
# "the highest in the country": a rank 1 claim, only where a scope or "among" follows at once
# (a translation of 居全省第一 said "highest in the country"); "the most important" is no rank.
_SUPERLATIVE_RE = re.compile(r"(?i)(?<![\w-])(?:highest|largest|biggest|greatest|best)(?=\s+(?:in|among|across)\s"
                             r"|\s+(?:nationwide|nationally|province-?wide|provincially|citywide|worldwide|globally)\b)")
_TOP_TIER_RE = re.compile(r"(?i)(?<![\w])(?:top|leading|first)[\s-]+(?:tier|echelon|phalanx|square|group|camp)\b")

_PRONOUN_ONE_AFTER = re.compile(r"(?i)^[\s-]+(?:of|another|by|day|time|way|side|hand|point|thing|such|more|"
                                r"or\s+two|or\s+the\s+other|after)\b")
_UNIT_AFTER_ONE = re.compile(r"(?i)^[\s-]+(?:percent|per\s+cent|percentage|yuan|dollars?|ton|tonne|mu|hectare|"
                             r"day|week|month|year|hour|minute|time|fold|kilomet(?:er|re)|meter|metre)s?\b")
_GLUED_UNITS = {
    "st": "ord", "nd": "ord", "rd": "ord", "th": "ord", "s": "plural",
    "k": "k", "K": "k", "bn": "bn", "b": "bn", "mn": "mn", "mln": "mn", "tn": "tn", "trn": "tn",
    "km": "km", "kg": "kg", "t": "t", "kwh": "kWh", "kWh": "kWh", "KWh": "kWh", "kw": "kW", "kW": "kW",
    "mw": "MW", "MW": "MW", "gw": "GW", "GW": "GW", "mu": "mu", "ha": "ha", "sqm": "m2", "m2": "m2",
    "m3": "m3", "m": "m", "M": "mn", "pm": "pm", "am": "am", "x": "x", "h": "hour", "hrs": "hour",
    "cm": "cm", "mm": "mm", "mj": "MJ", "MJ": "MJ",
}
_ALLOWED_HYPHEN_PREFIX = re.compile(r"(?i)(?:mid|early|late|pre|post|over|under|top|first|non|about)-$")


_RANGE_GAP_RE = re.compile(r"(?i)^\s*(?:-|–|—|~|～|to|or)\s*$")
_RANGE_AND_RE = re.compile(r"(?i)^\s*and\s*$")
_RANGE_FROM_RE = re.compile(r"(?i)(?<![\w])from\s+(?:about\s+|around\s+)?(?:[A-Z]{2,3}\s?|US\$|\$)?$")
_RANGE_BETWEEN_RE = re.compile(r"(?i)(?<![\w])between\s+$")


def _rangeable(n: BriefNumber) -> bool:
    return n.kind in ("count", "amount", "percent", "change", "ratio") and not n.ordinal and n.value is not None \
        and not n.is_code and n.date is None


_SCALE_WORDS = {**SCALES, "hundred": 100, "hundred million": 10**8}


def _scale_of(n: BriefNumber) -> Decimal:
    """The power of ten a scale word gave a number (million: 10**6), from its value and digits."""
    return Decimal(_SCALE_WORDS.get((n.scale_word or "").lower(), 1))


def clean_decimal(value: Decimal) -> Decimal:
    """Drop a meaningless exponent: 1262000000.000 -> 1262000000, 16.850 -> 16.85 (value unchanged)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _dec(s: str) -> Decimal:
    return Decimal(s.replace(",", ""))


def _sig_and_quantum(digits: str, scale: int) -> tuple[str, Decimal]:
    """Significant digits as written, and the value of the last written digit place (scale applied).

    "1.262" x 10^9 -> ("1262", 10^6); "110,000" -> ("11", 10^4); "25.70" -> ("257", 0.01).
    """
    raw = digits.replace(",", "")
    if "." in raw:
        intpart, frac = raw.split(".", 1)
        quantum = Decimal(1).scaleb(-len(frac)) * scale
        sig = (intpart + frac).lstrip("0").rstrip("0") or "0"
    else:
        stripped = raw.rstrip("0")
        zeros = len(raw) - len(stripped)
        quantum = Decimal(10) ** zeros * scale if stripped else Decimal(scale)
        sig = stripped.lstrip("0") or "0"
    return sig, quantum


def _sig_of_value(value: Decimal) -> str:
    t = format(value.normalize(), "f").replace(".", "").replace("-", "")
    return t.lstrip("0").rstrip("0") or "0"


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end): from after the last sentence end before to the next one."""
    lo = start
    while lo > 0:
        ch = text[lo - 1]
        if ch in ";!?。；！？\n" or (ch == "." and not _is_decimal_or_abbrev_dot(text, lo - 1)):
            break
        lo -= 1
    hi = end
    n = len(text)
    while hi < n:
        ch = text[hi]
        if ch in ";!?。；！？\n" or (ch == "." and not _is_decimal_or_abbrev_dot(text, hi)):
            break
        hi += 1
    return lo, hi


def _is_decimal_or_abbrev_dot(text: str, i: int) -> bool:
    if 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
        return True
    word = re.search(r"([A-Za-z]+)$", text[max(0, i - 6):i])
    if word and word.group(1) in ("No", "no", "Mr", "Ms", "Mrs", "Dr", "St", "Jan", "Feb", "Mar", "Apr", "Jun",
                                  "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "approx", "U", "S", "vs",
                                  "c", "e", "i", "g", "Co", "Ltd", "Inc", "Corp"):
        return True
    return False


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries of an English or Chinese brief (decimal points and No./Mr. are not ends)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for i, ch in enumerate(text):
        if ch in "!?。；！？\n;" or (ch == "." and not _is_decimal_or_abbrev_dot(text, i)):
            if text[start:i + 1].strip():
                spans.append((start, i + 1))
            start = i + 1
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.taken = bytearray(len(text))
        self.out: list[BriefNumber] = []

    # -- bookkeeping -------------------------------------------------------------------------
    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def take(self, start: int, end: int) -> None:
        for i in range(start, end):
            self.taken[i] = 1

    def add(self, n: BriefNumber, core_start: int | None = None, core_end: int | None = None) -> None:
        self.take(n.start if core_start is None else core_start, n.end if core_end is None else core_end)
        self.out.append(n)

    def mk(self, start: int, end: int, **kw) -> BriefNumber:
        for key in ("value", "upper", "quantum"):
            if kw.get(key) is not None:
                kw[key] = clean_decimal(kw[key])
        if kw.get("unit") is None and kw.get("kind") == "count" and _PERSON_AFTER.match(self.text[end:end + 48]):
            kw["unit"] = "person"  # "at least 2 healthcare workers" cannot stand for 至少2次 (two times)
        elif kw.get("unit") is None and kw.get("kind") == "count" and _HOUSEHOLD_AFTER.match(self.text[end:end + 40]):
            kw["unit"] = "household"  # "12,000 new households" cannot stand for 1.2万人 (people)
        return BriefNumber(text=self.text[start:end], start=start, end=end, lang="en", **kw)

    # -- passes ------------------------------------------------------------------------------
    def run(self) -> list[BriefNumber]:
        self.list_markers()
        self.dates()
        self.times()
        self.codes()
        self.fractions()
        self.labelled_ordinals()
        self.numbers_no()
        self.top_ranks()
        self.digit_numbers()
        self.word_numbers()
        self.word_ordinals()
        self.out.sort(key=lambda n: n.start)
        self.join_ranges()
        return self.out

    def join_ranges(self) -> None:
        """"between 600,000 and 800,000", "1.27 to 2.5 million", "five or six hundred meters": one range.

        The two ends are parsed on their own; a scale or unit written once, after the upper end,
        belongs to both (a range of 1.27 million .. 2.5 million, not 1.27 .. 2.5 million)."""
        t = self.text
        out: list[BriefNumber] = []
        for n in self.out:
            a = out[-1] if out else None
            if a is None or not _rangeable(a) or not _rangeable(n) or a.upper is not None or n.upper is not None:
                out.append(n)
                continue
            gap = t[a.end:n.start]
            between = _RANGE_BETWEEN_RE.search(t[max(0, a.start - 12):a.start])
            joined = _RANGE_GAP_RE.match(gap) or (_RANGE_AND_RE.match(gap) and between)
            # "rose 25.7% to 10,430" and "from 3,000 to 30,000" are two figures, not a range
            if not joined or a.unit is not None and a.unit != n.unit \
                    or _RANGE_FROM_RE.search(t[max(0, a.start - 16):a.start]) and "to" in gap.lower():
                out.append(n)
                continue
            lo = a.value
            if a.scale_word is None and n.scale_word is not None and n.value is not None and n.sig:
                lo = clean_decimal(a.value * _scale_of(n))
            if lo is None or n.value is None or not lo < n.value:
                out.append(n)
                continue
            start = a.start - len(between.group(0)) if between else a.start
            out[-1] = replace(n, text=t[start:n.end], start=start, value=lo, upper=n.value, approx="range",
                              direction=n.direction or a.direction)
        self.out = out

    def list_markers(self) -> None:
        """"1. " / "2) " opening a line numbers a list item; it is no claim about the source; nor is "24/7"."""
        for m in _LIST_MARKER_RE.finditer(self.text):
            self.take(m.start(1), m.end(1))
        for m in _IDIOM_RE.finditer(self.text):
            self.take(m.start(), m.end())

    def dates(self) -> None:
        t = self.text
        for rx, has_day in ((_DATE_ISO_RE, True), (_DATE_MD_RE, True), (_DATE_DM_RE, True), (_DATE_MY_RE, False)):
            for m in rx.finditer(t):
                if not self.free(m.start(), m.end()):
                    continue
                month = int(m.group("m")) if rx is _DATE_ISO_RE else MONTHS[m.group("m").lower()]
                day = int(m.group("d")) if has_day else None
                year = int(m.group("y")) if m.group("y") else None
                if day is not None and not 1 <= day <= 31:
                    continue
                s = m.start()
                if t[s:s + 4] == "the ":
                    s += 4
                self.add(self.mk(s, m.end(), kind="date", value=Decimal(year) if year else None,
                                 date=DateParts(year, month, day), unit="date"))
                if day is not None and rx is _DATE_MD_RE and not year:
                    nxt = _DAY_LIST_RE.match(t, m.end())
                    if nxt and 1 <= int(nxt.group("d")) <= 31 and self.free(nxt.start("d"), nxt.end("d")):
                        self.add(self.mk(nxt.start("d"), nxt.end("d"), kind="date", value=None,
                                         date=DateParts(None, month, int(nxt.group("d"))), unit="date"))
        for m in _DECADE_RE.finditer(t):
            if self.free(m.start("y"), m.end()):
                y = int(m.group("y"))
                self.add(self.mk(m.start("y"), m.end(), kind="date", value=Decimal(y),
                                 date=DateParts(y, None, None, decade=True), unit="date"))
        for m in _DATE_THE_NTH_RE.finditer(t):
            if self.free(m.start("d"), m.end()):
                d = int(m.group("d"))
                if 1 <= d <= 31:
                    self.add(self.mk(m.start("d"), m.end(), kind="date", value=None, date=DateParts(None, None, d),
                                     unit="date"))
        for m in _DATE_M_RE.finditer(t):
            if self.free(m.start("m"), m.end("m")):
                self.add(self.mk(m.start("m"), m.end("m"), kind="date", value=None,
                                 date=DateParts(None, MONTHS[m.group("m").lower()], None), unit="date"))

    def times(self) -> None:
        for rx in (_TIME_RE, _TIME_AMPM_RE):
            for m in rx.finditer(self.text):
                if not self.free(m.start(), m.end()):
                    continue
                h = int(m.group("h"))
                mi = int(m.group("mi")) if rx is _TIME_RE else 0
                ap = (m.group("ap") or "").lower()
                if ap.startswith("p") and h < 12:
                    h += 12
                if h > 24 or mi > 59:
                    continue
                self.add(self.mk(m.start(), m.end(), kind="time", value=Decimal(h * 100 + mi), unit="time"))

        for m in _TIME_HOURS_RE.finditer(self.text):
            if self.free(m.start(), m.end()):
                h, mi = (24, 0) if m.group("h24") else (int(m.group("h")), int(m.group("mi")))
                if h * 100 + mi <= 2400:
                    self.add(self.mk(m.start(), m.end(), kind="time", value=Decimal(h * 100 + mi), unit="time"))
        for m in _TIME_TO_HOUR_RE.finditer(self.text):
            if self.free(m.start("h"), m.end("h")):
                h = int(m.group("h"))
                if h <= 24:
                    self.add(self.mk(m.start("h"), m.end("h"), kind="time", value=Decimal(h * 100), unit="time"))

    def codes(self) -> None:
        for m in _CODE_RE.finditer(self.text):
            if self.free(m.start(), m.end()):
                self.add(self.mk(m.start(), m.end(), kind="other", value=None, is_code=True))

    def fractions(self) -> None:
        for m in _FRACTION_RE.finditer(self.text):
            if not self.free(m.start(), m.end()):
                continue
            num_w, den_w = m.group("num").lower(), m.group("den").lower()
            num = 1 if num_w in ("a", "an") else SMALL[num_w]
            den = FRACTION_DENOMS[den_w]
            if den_w in ("half", "halves") and num_w not in ("one", "a", "an"):
                continue
            if den_w in ("fourth", "fifth", "tenth", "third") and num_w not in ("a", "an", "one"):
                continue  # "two third" is not English; "the first fifth"
            if num_w in ("a", "an") and den_w in ("half",):
                continue  # "a half" (a half-hour ...) is not a claim worth checking
            if re.search(r"(?i)\b(?:first|last|past|next|previous|recent|coming|final)\s+$",
                         self.text[max(0, m.start() - 12):m.start()]):
                continue  # "the first three quarters": a period (前三季度), parsed as a count of quarters
            if num_w in ("a", "an", "one") and den_w in ("third", "fourth", "fifth", "tenth", "quarter") and \
                    re.match(r"^\s+(?!(?:of|to|or|and|in|at|for|from|than|as|the|a|an)\b)[a-z]",
                             self.text[m.end():m.end() + 8]):
                continue  # "a fourth city": an ordinal
            value = (Decimal(num) / Decimal(den)).quantize(Decimal("0.000001"))
            self.add(self.mk(m.start(), m.end(), kind="ratio", value=value, unit="fraction",
                             sig=_sig_of_value(value), quantum=Decimal("0.000001")))

    def labelled_ordinals(self) -> None:
        """Level 1, Grade II-free forms (Grade 2), Class 3, Phase 2, Category 1: positions, not counts."""
        for m in _LABEL_ORD_RE.finditer(self.text):
            if self.free(m.start("n"), m.end("n")):
                v = int(m.group("n"))
                self.add(self.mk(m.start(), m.end(), kind="other", value=Decimal(v), ordinal=True, sig=str(v),
                                 quantum=Decimal(1)))

    def numbers_no(self) -> None:
        for m in _NO_RE.finditer(self.text):
            if not self.free(m.start(), m.end()):
                continue
            pos = int(m.group("n")) if m.group("n") else 1
            after = self.text[m.end():m.end() + 80]
            is_rank = bool(re.match(r"(?i)^\s*(?:in|among|across|nationwide|spot|place|position)\b", after))
            scope = _scope(after) if is_rank else None
            self.add(self.mk(m.start(), m.end(), kind="rank" if is_rank else "other", value=Decimal(pos),
                             rank_position=pos if is_rank else None, rank_scope=scope, ordinal=True,
                             sig=str(pos), quantum=Decimal(1)))

    def top_ranks(self) -> None:
        for m in _TOP_TIER_RE.finditer(self.text):
            if self.free(m.start(), m.end()):
                after = self.text[m.end():m.end() + 80]
                self.add(self.mk(m.start(), m.end(), kind="rank", value=Decimal(1), rank_position=1, rank_tier=True,
                                 rank_scope=_scope(after), ordinal=True, sig="1", quantum=Decimal(1)))
        for m in _SUPERLATIVE_RE.finditer(self.text):
            scope = _scope(self.text[m.end():m.end() + 80])
            if scope and self.free(m.start(), m.end()):
                self.add(self.mk(m.start(), m.end(), kind="rank", value=Decimal(1), rank_position=1, rank_scope=scope,
                                 ordinal=True, sig="1", quantum=Decimal(1)))
        for m in _TOP_RE.finditer(self.text):
            # the number is the word "top" itself
            s = self.text.lower().rfind("top", m.start(), m.end())
            e = s + 3
            if self.free(s, e):
                after = self.text[e:e + 80]
                if _TIER_AFTER_RE.match(after):
                    continue
                self.add(self.mk(s, e, kind="rank", value=Decimal(1), rank_position=1, rank_scope=_scope(after),
                                 ordinal=True, sig="1", quantum=Decimal(1)))

    def digit_numbers(self) -> None:
        t = self.text
        for m in _DIGITS_RE.finditer(t):
            cs, ce = m.start(), m.end()
            if not self.free(cs, ce):
                continue
            digits = m.group(1)
            prev = t[cs - 1] if cs > 0 else ""
            # Glued to letters on the left: a name (COVID-19, G20, A380) unless a currency or "mid-".
            if prev.isalpha() or prev == "_":
                if not _CURRENCY_BEFORE_RE.search(t[max(0, cs - 4):cs]):
                    continue
            if prev in "-‐" and cs >= 2 and t[cs - 2].isalpha():
                if not _ALLOWED_HYPHEN_PREFIX.search(t[max(0, cs - 6):cs]):
                    continue
            if prev == "." and cs >= 2 and t[cs - 2].isdigit():
                continue  # tail of something like 1.2.3
            if _PER_POP_BEFORE.search(t[max(0, cs - 16):cs]) and (
                    _PER_POP_AFTER.match(t[m.end():m.end() + 24])
                    or (digits in _ROUND_DENOMINATORS and _PER_BARE_AFTER.match(t[m.end():m.end() + 8]))):
                continue  # "per 10,000 people" (每万人), or "3 per 10,000." with the people implied: a unit
            if digits in _ROUND_DENOMINATORS and _PER_MEASURE_BEFORE.search(t[max(0, cs - 8):cs]) \
                    and _MEASURE_AFTER.match(t[m.end():m.end() + 20]):
                continue  # "per 100 ml": part of the unit
            # Glued letters on the right.
            glued = re.match(r"[A-Za-z]+", t[ce:])
            glue = _GLUED_UNITS.get(glued.group(0)) if glued else None
            glue = glue or (_GLUED_UNITS.get(glued.group(0).lower()) if glued else None)
            if glued and glue is None:
                continue  # 5G, 3D, H7N9 tails: a name
            if glued and glued.group(0) in ("s",) and not re.match(r"^\d+$", digits.replace(",", "")):
                continue
            self.digit_number(cs, ce, digits, glued.group(0) if glued else "", glue)

    def digit_number(self, cs: int, ce: int, digits: str, glued: str, glue: str | None) -> None:
        t = self.text
        end = ce + len(glued)
        base = _dec(digits)
        scale = 1
        scale_word = None
        unit: str | None = None
        ordinal = False
        if glue == "ord":
            ordinal = True
        elif glue in ("k", "mn", "bn", "tn"):
            scale = SCALES[glue]
            scale_word = glue
        elif glue in ("pm", "am"):
            return  # handled by times(); a bare "3pm" that failed there is not a quantity
        elif glue == "plural":
            if len(digits) == 4 and digits.endswith("0"):
                return  # 1990s: decades pass
            return  # "1,000s" is vague
        elif glue == "m":
            # 500m: metres, unless money (RMB500m)
            unit = "m"
        elif glue is not None:
            unit = glue if glue != "x" else "x"
        # A year: four digits, no separators, 1800-2100, nothing money-like around.
        raw = digits.replace(",", "")
        currency = self._currency_before(cs)
        if glue is None and "," not in digits and "." not in digits and len(raw) == 4 and 1800 <= int(raw) <= 2100 \
                and currency is None:
            after = t[end:end + 20]
            if not _SCALE_RE.match(after) and not _UNIT_RE.match(after) and not re.match(r"^\s*%", after) \
                    and not re.match(r"^\s*(?:\+|-plus|plus)", after) and not _PERSON_AFTER.match(t[end:end + 48]):
                # a range of years 2022-2023: parse each year separately
                self.add(self.mk(cs, ce, kind="date", value=Decimal(raw), date=DateParts(int(raw), None, None),
                                 unit="date", sig=raw.rstrip("0"), quantum=Decimal(1)))
                return
        if currency and glue == "m":
            unit, scale, scale_word = None, 10**6, "m"
        # Separate scale word: "1.262 billion", "100 million", "5 hundred million".
        if not ordinal and scale == 1:
            hm = _HUNDRED_MILLION_RE.match(t[end:])
            sm = _SCALE_RE.match(t[end:])
            if hm:
                scale, scale_word, end = 10**8, "hundred million", end + hm.end()
            elif sm and (sm.group(1).lower() not in ("m",) or currency):
                word = sm.group(1).lower()
                scale, scale_word, end = SCALES[word], word, end + sm.end()
                # "1.5 million tons" is fine; "thousand" followed by "million" is not expected
        value = base * scale
        sig, quantum = _sig_and_quantum(digits, scale)
        start = cs
        # Range: 3-5 years, 3 to 5, 3~5, 10–20%.
        upper: Decimal | None = None
        approx: str | None = None
        rm = re.match(r"^\s*(?:-|–|—|~|～|to)\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d])", t[end:])
        if rm and not ordinal and glue is None and not (len(raw) == 4 and raw.startswith(("19", "20"))):
            up_digits = rm.group(1)
            # only when the upper bound is plausible (bigger) and not a year
            up_end = end + rm.end()
            up_scale = scale
            sm2 = _SCALE_RE.match(t[up_end:])
            if scale == 1 and sm2:
                up_scale = SCALES[sm2.group(1).lower()]
                scale = up_scale
                value = base * scale
                sig, quantum = _sig_and_quantum(digits, scale)
                up_end += sm2.end()
            elif sm2 and SCALES[sm2.group(1).lower()] == scale:
                up_end += sm2.end()  # "1.27 million to 2.5 million": the scale said twice
            cand = _dec(up_digits) * up_scale
            if cand > value and self.free(end, up_end):
                upper, approx, end = cand, "range", up_end
        # Currency before ("RMB 1.262 billion", "US$46,000").
        if currency:
            cur_code, cur_start = currency
            unit = cur_code
            start = cur_start
        # Unit after ("yuan", "%", "percentage points", "tons", "mu").
        um = _unit_after(t, end)
        if um and not ordinal:
            key = um.group(1).lower()
            canon = EN_UNITS.get(key)
            if key == "t" and not re.match(r"^\s*t\b", t[end:]):
                canon = None
            if canon is not None and not (unit in _MONEY_UNITS and canon in _MONEY_UNITS):
                if key in ("years", "year") and re.match(r"^[\s-]+(?:old|of\s+age)\b", t[end + um.end():]):
                    canon = "age"
                    end += re.match(r"^[\s-]+(?:old|of\s+age)\b", t[end + um.end():]).end()
                unit = canon
                end += um.end()
            elif canon is not None:
                end += um.end()  # "RMB 10 yuan": redundant currency word
        elif not ordinal and t[end:end + 1] == "%":
            unit, end = "%", end + 1
        if unit and unit not in ("%", "pp", "bp"):
            pm = _PER_RE.match(t[end:])
            if pm:
                unit = f"{unit}/{_PER_CODES[pm.group(1).lower()]}"
                end += pm.end()
            else:  # "Each acre can save RMB 16": the per-unit said first, in the same clause
                pb = _PER_BEFORE_RE.search(t[max(0, start - 60):start])
                if pb and unit in _MONEY_UNITS:
                    unit = f"{unit}/{_PER_CODES[pb.group(1).lower()]}"
        # "yuan" written before the number is unusual but appears ("yuan 500"): currency
        if unit is None and _CURRENCY_WORD_BEFORE_RE.search(t[max(0, start - 12):start]):
            unit = "CNY"
        # Approximation around.
        before = t[max(0, start - 40):start]
        direction: str | None = None
        negm = re.search(r"(?:^|[\s(])([-−])$", before)
        if negm and upper is None:
            start -= 1
            direction = "down"
            before = t[max(0, start - 40):start]
        plusm = re.search(r"(?:^|[\s(])(\+)$", before)
        if plusm and upper is None and direction is None:
            start -= 1
            direction = "up"
            before = t[max(0, start - 40):start]
        if approx is None:
            am = _APPROX_BEFORE_RE.search(before)
            if am and not self._approx_is_other_word(am, start):
                approx = _APPROX_MAP[am.group(1).lower()]
                start = start - len(before) + am.start(1)
            mark = _MARK_BEFORE_RE.search(before)
            if approx is None and mark and (mark.group("of") and not _RATE_BASE_AFTER_RE.match(t[end:])
                                            or _MARK_AFTER_RE.match(t[end:])):
                approx = "less_than" if mark.group(1).lower() in ("below", "under") else "more_than"
            after_m = _APPROX_AFTER_RE.match(t[end:])
            if after_m and approx is None:
                approx = "at_least" if "least" in after_m.group(0) or "or" in after_m.group(0).lower() \
                    else "more_than"
                end += after_m.end()
        # Kind, direction, basis, rank.
        kind = "count"
        rank_position = None
        rank_scope = None
        rank_tier = False
        if ordinal:
            v = int(base)
            after = t[end:end + 80]
            ctx_before = t[max(0, cs - 40):cs]
            if _TIER_AFTER_RE.match(after) and v == 1:
                kind, rank_position, rank_tier = "rank", 1, True
                rank_scope = _scope(after)
            elif _RANK_VERB_RE.search(ctx_before) or _RANK_AFTER_RE.match(after):
                kind, rank_position, rank_scope = "rank", v, _scope(after)
            else:
                kind = "other"
            self.add(self.mk(cs, end, kind=kind, value=Decimal(v), rank_position=rank_position,
                             rank_scope=rank_scope, rank_tier=rank_tier, ordinal=True, sig=str(v),
                             quantum=Decimal(1)))
            return
        kind = _kind_of_unit(unit, kind)
        lo, hi = _clause_bounds(t, start, end)
        if direction is None:
            direction = _direction(t, lo, start, end, hi)
        basis = None
        if direction is not None or kind == "percent":
            basis = _basis(t, lo, start, end, hi)
            if direction is not None and kind in ("percent", "count", "amount"):
                kind = "change" if kind == "percent" or _change_not_level(t, lo, start) else kind
                if kind != "change":
                    direction = None
        self.add(self.mk(start, end, kind=kind, value=value, unit=unit, approx=approx, upper=upper,
                         direction=direction, basis=basis, sig=sig, quantum=quantum, scale_word=scale_word),
                 core_start=start, core_end=end)

    def _currency_before(self, cs: int) -> tuple[str, int] | None:
        t = self.text
        m = _CURRENCY_BEFORE_RE.search(t[max(0, cs - 5):cs])
        if not m:
            return None
        code = EN_CURRENCY_PREFIX.get(m.group(1))
        if code is None:
            return None
        s = max(0, cs - 5) + m.start(1)
        if s > 0 and t[s - 1].isalpha() and m.group(1)[0].isalpha():
            return None  # part of a longer word
        return code, s

    def _approx_is_other_word(self, am: re.Match, start: int) -> bool:
        """"took over 15% of the shares" (接手): "over" after such a verb is part of it, not a bound."""
        if am.group(1).lower() != "over":
            return False
        word_at = max(0, start - 40) + am.start(1)
        return bool(_OVER_VERB_RE.search(self.text[max(0, word_at - 24):word_at]))

    def word_numbers(self) -> None:
        t = self.text
        for m in _WORDNUM_RE.finditer(t):
            s, e = m.start(), m.end()
            phrase = m.group(0)
            # trim trailing "and"
            if not self.free(s, e):
                # keep the free part only when the overlap is at an edge ("two" in "two-thirds" is taken)
                continue
            value = _words_value(phrase)
            if value is None:
                continue
            low = phrase.lower()
            if low in ("one",):
                after = t[e:e + 30]
                before = t[max(0, s - 12):s].lower()
                if _PRONOUN_ONE_AFTER.match(after) or not (_UNIT_AFTER_ONE.match(after)
                                                            or re.search(r"(?:only|just|at least|over|nearly|"
                                                                         r"about|than)\s+$", before)):
                    continue
            if low in ("a dozen", "dozen") and low == "dozen":
                continue
            if re.match(r"(?i)^[\s-]+(?:thirds?|quarters?|fifths?|halves)\b", t[e:e + 10]) and not re.search(
                    r"(?i)\b(?:first|last|past|next|previous|recent|coming|final)\s+$", t[max(0, s - 12):s]):
                continue
            if _is_title_name(t, s, e):
                continue
            # "hundreds/thousands/millions of": vague plurals never match the token regex (they end in s)
            scale_word = None
            for w in ("trillion", "billion", "million", "thousand", "hundred"):
                if w in low:
                    scale_word = w
                    break
            self.word_number(s, e, value, scale_word)

    def word_number(self, s: int, e: int, value: Decimal, scale_word: str | None) -> None:
        t = self.text
        unit = None
        start, end = s, e
        cur = self._currency_before(s)
        if cur:
            unit, start = cur
        um = _unit_after(t, end)
        if um:
            key = um.group(1).lower()
            canon = EN_UNITS.get(key)
            if canon is not None and key != "t":
                if key in ("years", "year") and re.match(r"^[\s-]+(?:old|of\s+age)\b", t[end + um.end():]):
                    canon = "age"
                    end += re.match(r"^[\s-]+(?:old|of\s+age)\b", t[end + um.end():]).end()
                unit = canon
                end += um.end()
        approx = None
        before = t[max(0, start - 40):start]
        am = _APPROX_BEFORE_RE.search(before)
        if am:
            approx = _APPROX_MAP[am.group(1).lower()]
            start = start - len(before) + am.start(1)
        kind = _kind_of_unit(unit, "count")
        lo, hi = _clause_bounds(t, start, end)
        direction = _direction(t, lo, start, end, hi)
        basis = None
        if direction is not None and kind == "percent":
            kind = "change"
            basis = _basis(t, lo, start, end, hi)
        elif direction is not None and not _change_not_level(t, lo, start):
            direction = None
        elif direction is not None:
            kind = "change"
        sig = _sig_of_value(value)
        self.add(self.mk(start, end, kind=kind, value=value, unit=unit, approx=approx, direction=direction,
                         basis=basis, sig=sig, quantum=Decimal(10) ** (len(format(value, "f").split(".")[0])
                                                                      - len(sig)) if value >= 1 else Decimal(1),
                         scale_word=scale_word), core_start=s, core_end=e)

    def word_ordinals(self) -> None:
        t = self.text
        for m in _ORDINAL_WORD_RE.finditer(t):
            s, e = m.start(), m.end()
            if not self.free(s, e):
                continue
            word = m.group(1).lower()
            v = ORDINALS[word]
            if "-" in m.group(0):
                v += TENS[m.group(0).lower().split("-")[0]]
            after = t[e:e + 80]
            before = t[max(0, s - 40):s]
            if _is_title_name(t, s, e) and not _TIER_AFTER_RE.match(after):
                continue
            if _TIER_AFTER_RE.match(after):
                self.add(self.mk(s, e, kind="rank", value=Decimal(v), rank_position=v, rank_tier=True,
                                 rank_scope=_scope(after), ordinal=True, sig=str(v), quantum=Decimal(1)))
                continue
            is_rank = bool(_RANK_VERB_RE.search(before) or _RANK_AFTER_RE.match(after))
            if re.match(r"(?i)^[\s-]+(?:time|half|quarter|batch|round|phase|step|stage|session|day|week|month|"
                        r"year|of\b|place\s+to|ever|hand|thing|line|generation|wave|floor|term|person|lady)",
                        after) and not re.match(r"(?i)^[\s-]+place", after):
                is_rank = is_rank and not re.match(r"(?i)^[\s-]+(?:time|half|quarter|of\b)", after)
                if not is_rank and word in ("first", "second"):
                    continue
            if not is_rank and word in ("first", "second"):
                continue
            if re.match(r"(?i)^[\s-]+(?:half|quarter)\b", after):
                # "the third quarter", "first half": a period; keep the number as an ordinal
                pass
            self.add(self.mk(s, e, kind="rank" if is_rank else "other", value=Decimal(v),
                             rank_position=v if is_rank else None, rank_scope=_scope(after) if is_rank else None,
                             ordinal=True, sig=str(v), quantum=Decimal(1)))


def _is_title_name(t: str, s: int, e: int) -> bool:
    """'Three Gorges', 'Two Committees', 'Sixth People's Hospital': a capitalized number word inside a
    sentence followed by a capitalized word is part of a name, not a count."""
    if not t[s:s + 1].isupper():
        return False
    before = t[max(0, s - 3):s]
    at_sentence_start = s == 0 or re.search(r"(?:[.!?;:\n(]\s*|^\s*)$", before) is not None
    if at_sentence_start:
        return False
    return re.match(r"^[\s-]+[A-Z][a-z]", t[e:e + 4]) is not None


def _words_value(phrase: str) -> Decimal | None:
    words = [w for w in re.split(r"[\s-]+", phrase.lower()) if w]
    total = Decimal(0)
    current = Decimal(0)
    seen = False
    half = False
    i = 0
    while i < len(words):
        w = words[i]
        if w in ("a", "an"):
            current = current or Decimal(0)
            i += 1
            if i < len(words) and words[i] in ("half",):
                half = True
                i += 1
            continue
        if w == "half":
            half = True
            i += 1
            continue
        if w == "and":
            i += 1
            continue
        if w == "half-dozen" or (w == "dozen" and half):
            current = (current or Decimal(1)) * 6
            half = False
            seen = True
        elif w in SMALL:
            current += SMALL[w]
            seen = True
        elif w in TENS:
            current += TENS[w]
            seen = True
        elif w == "hundred":
            current = (current or Decimal(1)) * 100
            seen = True
        elif w == "dozen":
            current = (current or Decimal(1)) * 12
            seen = True
        elif w in ("thousand", "million", "billion", "trillion"):
            total += (current or Decimal(1)) * SCALES[w]
            current = Decimal(0)
            seen = True
        else:
            return None
        i += 1
    if not seen:
        return None
    value = total + current
    if half:
        value = value / 2
    return value


_AMONG_RE = re.compile(r"(?i)^[\s\w-]{0,12}?\bamong\s+(?:the\s+|all\s+)?(?P<n>\d+|" + "|".join(SMALL) + "|"
                       + "|".join(TENS) + r")\b")


# A count of people ("2,000 medical staff"); not across a preposition, and "the three richest
# people" is a top-3 claim, not a head count.
_PERSON_AFTER = re.compile(
    r"(?i)^[\s-]+(?:(?!(?:of|for|with|and|or|to|in|on|from|by|per|at|than|[a-z]+est)\b)[a-z-]+\s+){0,2}?"
    r"(?:people|persons|individuals|workers|staff|employees|residents|doctors|nurses|medics|students|teachers"
    r"|farmers|patients|volunteers|officers|soldiers|personnel|visitors|tourists|villagers|children)\b")
_HOUSEHOLD_AFTER = re.compile(r"(?i)^[\s-]+(?:(?!(?:of|for|with|and|or|to|in|on|from|by|per|at|than)\b)"
                              r"[a-z-]+\s+){0,2}?"
                              r"(?:households|families)\b")
_IDIOM_RE = re.compile(r"(?<![\d/.,])(?:24/7|7/24|24x7|24-7)(?![\d/])")  # 全天候: round the clock, not two numbers
_BASIS_TAIL = re.compile(r"(?i)^[\s-]+(?:on|over)[\s-]+(?:year|month|quarter)\b")


def _unit_after(t: str, end: int) -> re.Match | None:
    """The unit word after a number, unless it opens a basis: "RMB 3.22 trillion year on year"."""
    um = _UNIT_RE.match(t[end:])
    if um and um.group(1).lower() in ("year", "month", "quarter") and _BASIS_TAIL.match(t[end + um.end():]):
        return None
    return um


def _scope(after: str) -> str | None:
    am = _AMONG_RE.match(after)
    if am:
        w = am.group("n").lower()
        v = int(w) if w.isdigit() else SMALL.get(w, TENS.get(w))
        return f"n{v}"
    m = _SCOPE_RE.match(after)
    if not m:
        return None
    for k in ("prov", "country", "city", "district", "world", "prov2", "country2", "city2", "world2"):
        if m.groupdict().get(k):
            k = k.rstrip("2")
            return {"prov": "province"}.get(k, k)
    return None


def _direction(t: str, lo: int, start: int, end: int, hi: int) -> str | None:
    before = t[max(lo, start - 60):start]
    m = _DIR_BEFORE_RE.search(before)
    word = None
    if m:
        word = m.group("w")
        # "rose to 110,386" is a level, not a change
        if re.search(r"(?i)\bto\s*$", before):
            word = None
        if word and word.lower() in ("up",) and _NOT_DIRECTION_UP.search(before):
            word = None
    if word is None:
        a = _DIR_AFTER_RE.match(t[end:min(hi, end + 60)])
        if a:
            word = a.group("w")
            if word.lower() in ("more", "less", "higher", "lower", "up", "down"):
                # "13% more", "10,000 more than", "5% higher than": only for rates
                if not re.match(r"(?i)^\s*(?:%|percent|per\s+cent|percentage)", t[end - 1:end + 12]) and \
                        not t[start:end].rstrip().endswith(("%", "percent", "points")):
                    word = None
    if word is None:
        return None
    return "up" if _UP_SET.match(word.strip().lower()) else "down"


def _change_not_level(t: str, lo: int, start: int) -> bool:
    """For counts and amounts a direction word makes a change only with 'by' / 'of' / an increase noun."""
    before = t[max(lo, start - 30):start].lower()
    return bool(re.search(r"\b(?:by|of)\s*(?:about|around|nearly|over|more than|some|approximately)?\s*$", before)
                or re.search(r"\b(?:up|down|increased|decreased|rose|fell|grew|dropped|declined|added|cut)\s*$",
                             before))


_ANY_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*\s*(?:%|percent|per\s+cent)?")


def _basis(t: str, lo: int, start: int, end: int, hi: int) -> str | None:
    """The basis said for this rate: "6.1% year on year and 0.8% month on month" gives each its own.
    First the phrase between this number and the next, then one between the previous number and this
    one, then any in the clause ("6.1% and 0.8% year on year": said once for both)."""
    a, b = max(lo, start - 60), min(hi, end + 80)
    nxt = _ANY_NUMBER_RE.search(t, end, b)
    prev = [m.end() for m in _ANY_NUMBER_RE.finditer(t, a, start) if m.end() <= start]
    before = list(_BASIS_RE.finditer(t, prev[-1] if prev else a, start))
    m = _BASIS_RE.search(t, end, nxt.start() if nxt else b) or (before[-1] if before else None) \
        or _BASIS_RE.search(t, a, b)
    if not m:
        return None
    w = m.group(1).lower()
    if "month" in w or "quarter" in w or "sequential" in w or w in ("m/m", "q/q"):
        return "seq"
    return "yoy"


def parse_english_numbers(text: str) -> list[BriefNumber]:
    """Every numeric claim in an English text, in order, with exact values and offsets.

    >>> [n.value for n in parse_english_numbers("RMB 1.262 billion, up 16.85% year on year")]
    [Decimal('1262000000'), Decimal('16.85')]
    """
    return _Parser(text).run()
