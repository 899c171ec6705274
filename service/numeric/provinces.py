"""Province names, so that 全省 can be rendered as "Henan province" when the release says which."""

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
