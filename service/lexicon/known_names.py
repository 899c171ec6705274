"""Well-known English names of Chinese companies and media: what the dictionary lacks or spells otherwise.

CC-CEDICT has no entry for 京东 and gives 新华网 as "Xinhua News Network"; an English reader knows
them as JD and Xinhuanet. Each entry below is the English name the company or outlet itself uses
(its English-language site, annual report or masthead), as commonly cited in English news; several
may be listed, the first being the one a translation writes. Names are facts, not creative work: the
list is the project's own (Apache-2.0, as the project), maintained by hand. Add an entry when a
release names a body this list and CC-CEDICT both miss; never add a guess.

The name check (``eval/judge/names.py``) traces a name to an entry whose Chinese the source holds;
the name repair (``service/brief/name_repair.py``) spells a wrong name by it.
"""

from __future__ import annotations

KNOWN_NAMES: dict[str, tuple[str, ...]] = {
    # companies
    "京东": ("JD", "JD.com"),
    "阿里巴巴": ("Alibaba",),
    "腾讯": ("Tencent",),
    "百度": ("Baidu",),
    "华为": ("Huawei",),
    "小米": ("Xiaomi",),
    "美团": ("Meituan",),
    "拼多多": ("Pinduoduo",),
    "字节跳动": ("ByteDance",),
    "抖音": ("Douyin", "TikTok"),
    "微信": ("WeChat",),
    "支付宝": ("Alipay",),
    "淘宝": ("Taobao",),
    "天猫": ("Tmall",),
    "网易": ("NetEase",),
    "新浪": ("Sina",),
    "微博": ("Weibo",),
    "搜狐": ("Sohu",),
    "滴滴": ("Didi",),
    "中兴": ("ZTE",),
    "联想": ("Lenovo",),
    "海尔": ("Haier",),
    "格力": ("Gree",),
    "海信": ("Hisense",),
    "比亚迪": ("BYD",),
    "吉利": ("Geely",),
    "蔚来": ("NIO",),
    "宁德时代": ("CATL",),
    "中芯国际": ("SMIC",),
    "中国移动": ("China Mobile",),
    "中国联通": ("China Unicom",),
    "中国电信": ("China Telecom",),
    "中国石油": ("PetroChina",),
    "中石油": ("PetroChina", "CNPC"),
    "中国石化": ("Sinopec",),
    "中石化": ("Sinopec",),
    "中国银行": ("Bank of China",),
    "工商银行": ("ICBC", "Industrial and Commercial Bank of China"),
    "建设银行": ("China Construction Bank", "CCB"),
    "农业银行": ("Agricultural Bank of China", "ABC"),
    "招商银行": ("China Merchants Bank",),
    "中国平安": ("Ping An",),
    "中信": ("CITIC",),
    "国家电网": ("State Grid",),
    "中车": ("CRRC",),
    "顺丰": ("SF Express",),
    "携程": ("Trip.com", "Ctrip"),
    "苏宁": ("Suning",),
    "万达": ("Wanda",),
    "大疆": ("DJI",),
    "中国国航": ("Air China",),
    "东方航空": ("China Eastern",),
    "南方航空": ("China Southern",),
    # media
    "新华社": ("Xinhua", "Xinhua News Agency"),
    "新华网": ("Xinhuanet", "Xinhua"),
    "人民日报": ("People's Daily",),
    "人民网": ("People's Daily Online", "People.cn"),
    "中新社": ("China News Service",),
    "中新网": ("Chinanews", "China News", "Ecns"),
    "中国新闻网": ("Chinanews", "China News"),
    "央视": ("CCTV",),
    "中央电视台": ("CCTV", "China Central Television"),
    "央视新闻": ("CCTV News",),
    "中央广播电视总台": ("China Media Group", "CMG"),
    "中国日报": ("China Daily",),
    "环球时报": ("Global Times",),
    "光明日报": ("Guangming Daily",),
    "经济日报": ("Economic Daily",),
    "工人日报": ("Workers' Daily",),
    "中国青年报": ("China Youth Daily",),
    "北京青年报": ("Beijing Youth Daily",),
    "北京日报": ("Beijing Daily",),
    "解放日报": ("Jiefang Daily",),
    "澎湃新闻": ("The Paper",),
    "财新": ("Caixin",),
    "第一财经": ("Yicai",),
    "证券时报": ("Securities Times",),
    "中国证券报": ("China Securities Journal",),
    "上海证券报": ("Shanghai Securities News",),
    "法制日报": ("Legal Daily",),
    "科技日报": ("Science and Technology Daily",),
    "南方周末": ("Southern Weekly",),
}


def known_names_in(text: str) -> dict[str, tuple[str, ...]]:
    """The entries whose Chinese ``text`` holds (a longer entry hides the shorter ones inside it:
    中国新闻网, not 新闻网's neighbours)."""
    found = {zh: en for zh, en in KNOWN_NAMES.items() if zh in text}
    return {zh: en for zh, en in found.items()
            if not any(zh != other and zh in other and text.count(zh) == text.count(other) for other in found)}
