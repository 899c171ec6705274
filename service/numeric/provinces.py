"""Province and city names: 全省 rendered as "Henan province" when the release says which, and place
names for the English brief's glossary."""

from __future__ import annotations

PROVINCES: dict[str, str] = {
    "河南": "Henan", "河北": "Hebei", "山东": "Shandong", "山西": "Shanxi", "江苏": "Jiangsu",
    "浙江": "Zhejiang", "安徽": "Anhui", "福建": "Fujian", "江西": "Jiangxi", "湖北": "Hubei",
    "湖南": "Hunan", "广东": "Guangdong", "海南": "Hainan", "四川": "Sichuan", "贵州": "Guizhou",
    "云南": "Yunnan", "陕西": "Shaanxi", "甘肃": "Gansu", "青海": "Qinghai", "辽宁": "Liaoning",
    "吉林": "Jilin", "黑龙江": "Heilongjiang", "台湾": "Taiwan",
}
REGIONS: dict[str, str] = {
    "内蒙古": "Inner Mongolia", "广西": "Guangxi", "西藏": "Tibet", "宁夏": "Ningxia", "新疆": "Xinjiang",
}
# Cities whose province is unambiguous, for releases that only name the city.
CITY_PROVINCE: dict[str, str] = {"新乡": "河南", "郑州": "河南", "洛阳": "河南", "开封": "河南"}


def province_of(text: str) -> str | None:
    """English name of the one province a release is about, or None when unclear."""
    found = {name for name in PROVINCES if name + "省" in text}
    found |= {name for name in REGIONS if name + "自治区" in text or name + "壮族自治区" in text}
    if not found:
        found = {p for city, p in CITY_PROVINCE.items() if city + "市" in text}
    if len(found) != 1:
        return None
    name = found.pop()
    if name in PROVINCES:
        return f"{PROVINCES[name]} province"
    return REGIONS[name]

# Cities a brief may name, with their usual English spelling (a small model writes 新乡市 as
# "New Xiangshi" unless it is told).
CITIES: dict[str, str] = {
    "新乡": "Xinxiang", "郑州": "Zhengzhou", "洛阳": "Luoyang", "开封": "Kaifeng", "北京": "Beijing",
    "上海": "Shanghai", "天津": "Tianjin", "重庆": "Chongqing", "广州": "Guangzhou", "深圳": "Shenzhen",
    "杭州": "Hangzhou", "南京": "Nanjing", "武汉": "Wuhan", "成都": "Chengdu", "西安": "Xi'an",
    "长沙": "Changsha", "苏州": "Suzhou", "厦门": "Xiamen", "青岛": "Qingdao", "济南": "Jinan",
    # the other provincial capitals and the larger cities news names (海口 is left out: 夸下海口 is a boast)
    "石家庄": "Shijiazhuang", "太原": "Taiyuan", "呼和浩特": "Hohhot", "沈阳": "Shenyang", "长春": "Changchun",
    "哈尔滨": "Harbin", "合肥": "Hefei", "福州": "Fuzhou", "南昌": "Nanchang", "贵阳": "Guiyang",
    "昆明": "Kunming", "拉萨": "Lhasa", "兰州": "Lanzhou", "西宁": "Xining", "银川": "Yinchuan",
    "乌鲁木齐": "Urumqi", "南宁": "Nanning", "大连": "Dalian", "宁波": "Ningbo", "无锡": "Wuxi",
}


def place_names(text: str) -> dict[str, str]:
    """The provinces, regions and known cities a text names, as written there -> English."""
    found: dict[str, str] = {}
    for name, en in PROVINCES.items():
        if name + "省" in text:
            found[name + "省"] = f"{en} province"
    for name, en in REGIONS.items():
        if name in text:
            found[name] = en
    for name, en in CITIES.items():
        if name + "市" in text:
            found[name + "市"] = en
        elif name in text:
            found[name] = en
    return found
