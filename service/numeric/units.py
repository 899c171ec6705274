"""Units and counters that follow numbers, with their category and English names."""

from __future__ import annotations

import re

# unit -> (category, English singular, English plural or None when it renders without a noun).
# Categories decide the mention kind: money -> amount, measure -> amount, time -> period,
# counter -> count. Counters render as bare numbers ("10,430"); the label carries the noun.
MONEY = {
    "元人民币": ("RMB", "yuan"), "人民币": ("RMB", "yuan"), "元": ("RMB", "yuan"), "块钱": ("RMB", "yuan"),
    "美元": ("USD", "US dollars"), "欧元": ("EUR", "euros"), "日元": ("JPY", "yen"),
    "港元": ("HKD", "Hong Kong dollars"), "港币": ("HKD", "Hong Kong dollars"), "英镑": ("GBP", "pounds"),
    "韩元": ("KRW", "won"), "澳元": ("AUD", "Australian dollars"), "加元": ("CAD", "Canadian dollars"),
    "卢布": ("RUB", "roubles"), "新台币": ("TWD", "New Taiwan dollars"), "令吉": ("MYR", "ringgit"),
    "新加坡元": ("SGD", "Singapore dollars"), "新元": ("SGD", "Singapore dollars"),
}
MEASURE = {
    "蒸吨/小时": "steam tonnes per hour", "蒸吨": "steam tonnes", "吨": "tonnes", "千克": "kg", "公斤": "kg",
    "克": "grams", "斤": "jin", "毫克": "mg", "平方公里": "square km", "平方千米": "square km",
    "平方米": "square metres", "平米": "square metres", "公里": "km", "千米": "km", "厘米": "cm",
    "毫米": "mm", "米": "metres", "亩": "mu", "公顷": "hectares", "立方米": "cubic metres",
    "方": "cubic metres", "毫升": "ml", "升": "litres", "千瓦时": "kWh", "度电": "kWh", "千瓦": "kW",
    "兆瓦": "MW", "吉瓦": "GW", "瓦": "watts", "标箱": "TEU",
    "摄氏度": "degrees Celsius", "℃": "degrees Celsius",
    "km": "km", "kg": "kg", "MW": "MW", "GW": "GW", "kW": "kW", "kWh": "kWh", "TEU": "TEU",
    "立方米/秒": "cubic metres per second", "公里/小时": "km per hour",
    "微克/立方米": "micrograms per cubic metre", "立方米每秒": "cubic metres per second",
    "mg/100ml": "mg per 100 ml", "mg": "mg", "ml": "ml", "兆焦": "MJ", "千焦": "kJ", "度": "kWh",
    "千瓦时每平方米": "kWh per square metre", "兆瓦时": "MWh",
    "英里": "miles", "海里": "nautical miles", "英尺": "feet",
}
TIME = {
    "个工作日": "working days", "工作日": "working days", "个多月": "months", "个月": "months",
    "小时": "hours", "分钟": "minutes", "秒": "seconds", "年": "years", "天": "days", "周": "weeks",
    "星期": "weeks", "个季度": "quarters", "季度": "quarters", "日": "days", "周年": "years",
}
COUNTERS = (
    "人次 周岁 部门 个 家 件 项 次 场 所 座 台 套 株 头 只 条 份 批 类 款 种 处 栋 间 张 篇 部 起 例 宗 笔 枚 "
    "艘 辆 架 列 届 轮 期 层 岁 人 名 位 户 市 县 区 省 国 村 镇 乡 支 棵 组 门 趟 班 所 颗 匹 单 票 "
    "分 字 页 本 首 幅 盏 根 块 片 床 箱 袋 瓶 包 股 手 楼 财季 基点 个基点 个基本点 基本点"
).split()
# Counters whose English noun is unambiguous: "20 vehicles", not a bare "20" (家, 个, 所 ... name nothing)
COUNTER_EN = {"辆": "vehicles", "人": "people", "名": "people", "位": "people", "人次": "person-times",
              "户": "households", "台": "units", "套": "sets", "项": "items", "次": "times", "场": "sessions",
              "例": "cases", "起": "cases", "宗": "cases", "艘": "vessels", "架": "aircraft", "头": "head",
              "篇": "articles", "所": "institutions", "株": "plants", "棵": "trees", "条": "items", "批": "batches"}
SINGULAR = {"years": "year", "days": "day", "weeks": "week", "months": "month", "hours": "hour",
            "minutes": "minute", "seconds": "second", "quarters": "quarter", "working days": "working day",
            "tonnes": "tonne", "metres": "metre", "hectares": "hectare", "litres": "litre", "watts": "watt",
            "grams": "gram", "steam tonnes": "steam tonne"}

_ALL = sorted(
    {*MONEY, *MEASURE, *TIME, *COUNTERS, "倍", "成", "%", "‰", "个百分点", "百分点"},
    key=len,
    reverse=True,
)
UNIT_RE = "(?:" + "|".join(re.escape(u) for u in _ALL) + ")"


def category(unit: str | None) -> str:
    """money, measure, time, counter, percent, pp, ratio or none."""
    if not unit:
        return "none"
    base = unit.split("/")[0] if unit not in MEASURE else unit
    if base in MONEY:
        return "money"
    if base in ("%", "‰"):
        return "percent"
    if base == "pp":
        return "pp"
    if base == "倍":
        return "ratio"
    if base in MEASURE or unit in MEASURE:
        return "measure"
    if base in TIME or base == "年度":
        return "time"
    return "counter"


def normalize_unit(raw: str) -> str:
    """Canonical unit written in mentions: 元人民币 -> 元, 个百分点 -> pp, 公斤 -> 千克 ..."""
    return {
        "元人民币": "元", "人民币": "元", "块钱": "元", "个百分点": "pp", "百分点": "pp", "公斤": "千克",
        "平方千米": "平方公里", "千米": "公里", "港币": "港元", "平米": "平方米", "度电": "千瓦时",
        "个多月": "个月", "星期": "周", "个季度": "季度", "kg": "千克", "km": "公里",
        "立方米每秒": "立方米/秒", "摄氏度": "℃", "个基点": "bp", "基点": "bp", "个基本点": "bp", "基本点": "bp",
    }.get(raw, raw)
