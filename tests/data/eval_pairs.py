"""Hand-written (source, brief) pairs for the faithfulness harness, each with the exact verdict of
every number the brief holds: ``(text as written in the brief, "supported" or the error type)``.

``source`` is a sentence (or short passage) of a release; ``"@release"`` stands for the whole
reference release (examples/xinxiang-2024-12-27-business-environment.txt). Pairs whose id starts
with ``R`` are built from sentences of the reference release; ``S`` pairs from hand-written
sources in the style of government/business press releases.
"""

from __future__ import annotations

# Sentences of the reference release (copied exactly from examples/).
R_PLEDGE = ("我市累计获批国家级知识产权强企33家,省级知识产权强企67家。"
            "今年知识产权质押融资12.62亿元,惠及40家中小微企业,"
            "质押融资金额较去年同期增长16.85%,居全省第一位。")
S_TESTS = "密切接触者每人至少2次核酸检测。每天出动近两千名医护人员进行核酸检测采样。"
R_TM = ("今年新增商标注册10430件,同比增长25.72%,"
        "有效商标注册量达到110386件,同比增长13%,目前我市中国驰名商标37件、居全省第二位,"
        "地理标志商标18件,居全省第一位。")
R_PAT = ("全市专利授权连续3年保持1万件以上、有效发明专利6951件、有效高价值发明专利1400余件,"
         "均居全省第三位。")
R_CASES = ("重拳打击侵犯知识产权犯罪,追赃挽损146万元。全市市场监管系统共办理知识产权案件121件,"
           "其中商标侵权案件94件,地理标志被侵权案两件,专利侵权纠纷案件26件。")
R_MATCH = ("遴选市先进装备、新型材料、新能源汽车、现代医药等重点产业盘存专利与豫北5市15所高校、220余家企业开展精准对接,"
           "现场路演推介35项高价值专利,达成12项校企合作意向。")
R_ZONE = ("在2022年~2023年上半年全省营商环境评价中,经开区位列16个国家级功能区中第二位,"
          "市场准入、政务服务两个一级指标排名全省第一位。")
R_INFRA = ("经开区新建成日处理10万吨工业水厂、360蒸吨/小时热电联产项目、24公里的电厂余热蒸汽管网等重大配套设施。")
R_LAND = ("大力实施闲置低效用地盘活行动,推进无效企业破产重组,"
          "累计盘活土地2381亩,新招引落地项目32个。")
R_FUND = "帮助企业申报“三大改造”“专精特新”、满负荷生产奖补等奖励资金2588万元。"
R_FAST = ("如科瑞制冷、和光科技等5个招商项目通过“提前介入+容缺承诺+并联审批”方式,"
          "实现“拿地即开工”,节省项目开工时间60天以上。")
R_ASSESS = "在2023年度全国知识产权行政保护工作绩效考核中,我市位居全省第一位。"
R_CONF = "12月27日,我市举行2024年度优化营商环境工作系列第十一场新闻发布会。"
R_BASES = ("目前,我市拥有国家级专利导航服务基地两家,省级专利导航服务基地两家,"
           "市级专利导航服务基地3家。")
R_TIER = ("张伟表示,经开区将持续补短板、强弱项、促提升,持续擦亮“经心办”服务品牌,努力保持全省功能区第一方阵,"
          "以一流营商环境为全市经济社会发展大局作出新的更大贡献。")

# Hand-written sources.
S_GDP = ("2024年前三季度,全市实现地区生产总值3268.5亿元,"
         "同比增长5.2%,增速比上半年提高0.3个百分点。")
S_TRADE = "全年进出口总额约850亿元,下降3.1%,其中出口520.4亿元,进口329.6亿元。"
S_FIRMS = "截至6月底,全省共有规模以上工业企业2.1万家,其中高新技术企业8600余家。"
S_INCOME = ("该市城镇居民人均可支配收入达到4.86万元,增长6.2%;"
            "农村居民人均可支配收入2.13万元,增长7.8%。")
S_ENTITIES = "今年1—11月,全市新设立市场主体5.6万户,日均新增约170户。"
S_PROJECT = "项目总投资120亿元,预计2026年建成投产,投产后年产值可达300亿元以上。"
S_AIR = ("全市空气质量优良天数比例达到82.5%,细颗粒物平均浓度为35微克/立方米,"
         "同比下降7.9%。")
S_CITIES = "我省有3个城市进入全国百强,数量居中部地区第二位。"
S_5G = "全市新建5G基站12个,累计达到1.26万个。"

PAIRS: list[dict] = [
    # ---------------------------------------------------------------- reference release, English
    dict(id="R-pledge-en-ok", source=R_PLEDGE, lang="en",
         brief="IP pledge financing reached RMB 1.262 billion this year, up 16.85% year on year, ranking first in "
               "the province, and benefited 40 small and micro firms.",
         expect=[("RMB 1.262 billion", "supported"), ("16.85%", "supported"), ("first", "supported"),
                 ("40", "supported")]),
    dict(id="R-pledge-en-scale", source=R_PLEDGE, lang="en",
         brief="IP pledge financing reached 12.62 billion yuan this year.",
         expect=[("12.62 billion yuan", "scale")]),
    dict(id="R-pledge-en-rank", source="@release", lang="en",
         brief="Pledge financing reached RMB 1.262 billion, up 16.85% year on year, ranking second in the province.",
         expect=[("RMB 1.262 billion", "supported"), ("16.85%", "supported"), ("second", "rank")]),
    # 全省第二位 is in the release, but it is the well-known trademarks' rank; the indicators rank first.
    dict(id="R-indicators-en-rank-of-another-metric", source="@release", lang="en",
         brief="The two first-level indicators of market access and government services ranked 2nd in Henan province.",
         expect=[("two", "supported"), ("2nd", "rank")]),
    dict(id="R-trademarks-en-two-ranks-ok", source="@release", lang="en",
         brief="Well-known Chinese trademarks ranked 2nd in the province and geographical-indication trademarks "
               "ranked 1st.",
         expect=[("2nd", "supported"), ("1st", "supported")]),
    # List numbers are no claims (the real model numbered its achievements; "1." once matched 1家).
    dict(id="R-list-en-markers", source="@release", lang="en",
         brief="Achievements:\n\n1. Xinxiang registered 18 geographical-indication trademarks.\n\n"
               "2. Pledge financing reached RMB 1.262 billion.",
         expect=[("18", "supported"), ("RMB 1.262 billion", "supported")]),
    dict(id="R-list-zh-markers", source="@release", lang="zh",
         brief="主要成绩：\n1. 地理标志商标18件；\n2、知识产权质押融资12.62亿元。",
         expect=[("18件", "supported"), ("12.62亿元", "supported")]),
    dict(id="R-pledge-en-direction", source=R_PLEDGE, lang="en",
         brief="Pledge financing fell 16.85% from a year earlier to RMB 1.262 billion.",
         expect=[("16.85%", "direction"), ("RMB 1.262 billion", "supported")]),
    dict(id="R-pledge-en-faithful-round", source=R_PLEDGE, lang="en",
         brief="Pledge financing of RMB 1.26 billion went to 40 firms.",
         expect=[("RMB 1.26 billion", "supported"), ("40", "supported")]),
    dict(id="R-pledge-en-value", source=R_PLEDGE, lang="en",
         brief="The city now has 33 national-level and 76 provincial-level IP-strong enterprises.",
         expect=[("33", "supported"), ("76", "value")]),
    dict(id="R-pledge-en-unsupported", source=R_PLEDGE, lang="en",
         brief="Pledge financing of RMB 1.262 billion involved 58 banks.",
         expect=[("RMB 1.262 billion", "supported"), ("58", "unsupported")]),
    dict(id="R-tm-en-ok", source=R_TM, lang="en",
         brief="New trademark registrations totalled 10,430, a 25.72% year-on-year increase; valid registrations "
               "reached 110,386, up 13%. The city has 37 well-known trademarks (second in the province) and 18 "
               "geographical-indication trademarks, first in the province.",
         expect=[("10,430", "supported"), ("25.72%", "supported"), ("110,386", "supported"), ("13%", "supported"),
                 ("37", "supported"), ("second", "supported"), ("18", "supported"), ("first", "supported")]),
    dict(id="R-tm-en-rank-qualifier", source=R_TM, lang="en",
         brief="The city has 37 well-known Chinese trademarks, ranking first in the province.",
         expect=[("37", "supported"), ("first", "rank")]),
    dict(id="R-tm-en-rank-qualifier-ok", source=R_TM, lang="en",
         brief="Its 18 geographical-indication trademarks rank first in the province.",
         expect=[("18", "supported"), ("first", "supported")]),
    # A real-model translation of 居全省第一 said "the highest in the country" (harness 1.2).
    dict(id="R-tm-en-superlative-scope", source=R_TM, lang="en",
         brief="Its 18 geographical-indication trademarks are the highest in the country.",
         expect=[("18", "supported"), ("highest", "rank")]),
    dict(id="R-tm-en-superlative-ok", source=R_TM, lang="en",
         brief="Its 18 geographical-indication trademarks are the highest in the province.",
         expect=[("18", "supported"), ("highest", "supported")]),
    # 全省首家 backs "first in the province", never "first in the country" (harness 1.2).
    dict(id="S-first-of-its-kind-scope", source="新乡市成为全省首家国家知识产权公共服务标准化试点城市。", lang="en",
         brief="Xinxiang was the first in the country to become such a pilot city.",
         expect=[("first", "unsupported")]),
    dict(id="S-first-of-its-kind-ok", source="新乡市成为全省首家国家知识产权公共服务标准化试点城市。", lang="en",
         brief="Xinxiang was the first in the province to become such a pilot city.",
         expect=[("first", "supported")]),
    dict(id="S-largest-scope", source="该项目是全省最大的光伏电站，总投资12亿元。", lang="en",
         brief="The project, the largest in the province, has a total investment of RMB 1.2 billion.",
         expect=[("largest", "supported"), ("RMB 1.2 billion", "supported")]),
    dict(id="S-largest-scope-wrong", source="该项目是全省最大的光伏电站，总投资12亿元。", lang="en",
         brief="The project is the largest in China.",
         expect=[("largest", "unsupported")]),
    # A real-model translation wrote "3 per 10,000" for 每万人…3件, and the guard then "repaired"
    # the denominator into 1万件以上's "at least 10,000" (harness 1.2: a bare round denominator is a unit).
    dict(id="R-target-en-bare-denominator", source="@release", lang="en",
         brief="High-value invention patents are to reach 3 per 10,000, and invention patents 12 per 10,000 people.",
         expect=[("3", "supported"), ("12", "supported")]),
    # Seen in a real-model dev brief (harness 1.2): 至少2次 (tested at least twice) written as
    # "at least 2 healthcare workers"; 近两千名医护人员 is the workers' count.
    dict(id="S-occurrences-are-not-people", source=S_TESTS, lang="en",
         brief="The city sent at least 2 healthcare workers to each sampling point.",
         expect=[("at least 2", "unit")]),
    dict(id="S-occurrences-ok", source=S_TESTS, lang="en",
         brief="Close contacts are tested at least 2 times; nearly 2,000 medical staff take samples every day.",
         expect=[("at least 2 times", "supported"), ("nearly 2,000", "supported")]),
    dict(id="R-tm-en-rounded", source=R_TM, lang="en",
         brief="New trademark registrations rose 25.7% to 10,430.",
         expect=[("25.7%", "value"), ("10,430", "supported")]),
    dict(id="R-tm-en-transposed", source=R_TM, lang="en",
         brief="New trademark registrations reached 10,430, up 27.52% year on year.",
         expect=[("10,430", "supported"), ("27.52%", "value")]),
    dict(id="R-tm-en-unit", source=R_TM, lang="en",
         brief="Valid trademark registrations reached 110,386, up 13 percentage points.",
         expect=[("110,386", "supported"), ("13 percentage points", "unit")]),
    dict(id="R-tm-en-scale-wan", source=R_TM, lang="en",
         brief="New trademark registrations reached 104.3 million.",
         expect=[("104.3 million", "scale")]),
    dict(id="R-pat-en-approx", source=R_PAT, lang="en",
         brief="The city has 6,951 valid invention patents and 1,400 valid high-value invention patents, both "
               "ranking third in the province.",
         expect=[("6,951", "supported"), ("1,400", "approx_lost"), ("third", "supported")]),
    dict(id="R-pat-en-ok", source=R_PAT, lang="en",
         brief="Patent grants have stayed above 10,000 a year for three consecutive years; the city holds more than "
               "1,400 high-value invention patents and nearly 7,000 valid invention patents.",
         expect=[("above 10,000", "supported"), ("three", "supported"), ("more than 1,400", "supported"),
                 ("nearly 7,000", "supported")]),
    dict(id="R-cases-en-ok", source=R_CASES, lang="en",
         brief="The city recovered RMB 1.46 million in losses and handled 121 IP cases, including 94 trademark "
               "infringement cases, two geographical-indication cases and 26 patent disputes.",
         expect=[("RMB 1.46 million", "supported"), ("121", "supported"), ("94", "supported"), ("two", "supported"),
                 ("26", "supported")]),
    dict(id="R-cases-en-scale", source=R_CASES, lang="en",
         brief="Police recovered RMB 146 million in losses.",
         expect=[("RMB 146 million", "scale")]),
    dict(id="R-cases-en-derived", source=R_CASES, lang="en",
         brief="Of the 121 cases, 120 concerned trademarks or patents.",
         expect=[("121", "supported"), ("120", "derived")]),
    dict(id="R-cases-en-value", source=R_CASES, lang="en",
         brief="Market regulators handled 122 IP cases this year.",
         expect=[("122", "value")]),
    dict(id="R-match-en", source=R_MATCH, lang="en",
         brief="Patents were matched with 15 universities in 5 cities and 220 companies; 35 high-value patents "
               "were pitched and 12 cooperation agreements reached.",
         expect=[("15", "supported"), ("5", "supported"), ("220", "approx_lost"), ("35", "supported"),
                 ("12", "supported")]),
    dict(id="R-zone-en-ok", source=R_ZONE, lang="en",
         brief="In the provincial evaluation for 2022 to the first half of 2023, the zone ranked second among 16 "
               "national-level zones, and first in the province on two first-level indicators.",
         expect=[("2022", "supported"), ("2023", "supported"), ("second", "supported"), ("16", "supported"),
                 ("first", "supported"), ("two", "supported")]),
    dict(id="R-zone-en-rank-scope", source=R_ZONE, lang="en",
         brief="The zone ranked first among 16 national-level zones.",
         expect=[("first", "rank"), ("16", "supported")]),
    dict(id="R-zone-en-period", source=R_ZONE, lang="en",
         brief="In the 2021 provincial business-environment evaluation, the zone ranked second among 16 "
               "national-level zones.",
         expect=[("2021", "period"), ("second", "supported"), ("16", "supported")]),
    dict(id="R-infra-en-ok", source=R_INFRA, lang="en",
         brief="The zone built an industrial water plant treating 100,000 tons a day, a 360 steam tons per hour "
               "combined heat and power project and a 24 km waste-heat steam pipeline.",
         expect=[("100,000 tons a day", "supported"), ("360 steam tons per hour", "supported"),
                 ("24 km", "supported")]),
    dict(id="R-infra-en-scale-unit", source=R_INFRA, lang="en",
         brief="It built a plant treating 10,000 tons a day and a 24-mile pipeline.",
         expect=[("10,000 tons a day", "scale"), ("24-mile", "unit")]),
    dict(id="R-land-en-conversion", source=R_LAND, lang="en",
         brief="The zone revitalised 2,381 mu (about 158.7 ha) of idle land and attracted 32 new projects.",
         expect=[("2,381 mu", "supported"), ("about 158.7 ha", "supported"), ("32", "supported")]),
    dict(id="R-land-en-unit", source=R_LAND, lang="en",
         brief="The zone revitalised 2,381 hectares of idle land.",
         expect=[("2,381 hectares", "unit")]),
    dict(id="R-fund-en", source=R_FUND, lang="en",
         brief="Firms received RMB 25.88 million in awards, not RMB 2.588 million.",
         expect=[("RMB 25.88 million", "supported"), ("RMB 2.588 million", "scale")]),
    dict(id="R-fast-en", source=R_FAST, lang="en",
         brief="Five projects started work 60 days earlier; the approach saved more than 60 days.",
         expect=[("Five", "supported"), ("60 days", "approx_lost"), ("more than 60 days", "supported")]),
    dict(id="R-assess-en-period", source=R_ASSESS, lang="en",
         brief="In the 2022 national assessment of IP administrative protection, the city ranked first in the "
               "province.",
         expect=[("2022", "period"), ("first", "supported")]),
    dict(id="R-assess-en-rank-scope", source=R_ASSESS, lang="en",
         brief="In the 2023 assessment the city ranked first in the country.",
         expect=[("2023", "supported"), ("first", "rank")]),
    dict(id="R-conf-en", source=R_CONF, lang="en",
         brief="On December 27 the city held its 11th press conference of 2024 on the business environment; "
               "a 12th is planned for December 28.",
         expect=[("December 27", "supported"), ("11th", "supported"), ("2024", "supported"), ("12th", "unsupported"),
                 ("December 28", "period")]),
    dict(id="R-bases-en-derived", source=R_BASES, lang="en",
         brief="The city has two national-level, two provincial-level and three municipal patent navigation bases, "
               "seven in total.",
         expect=[("two", "supported"), ("two", "supported"), ("three", "supported"), ("seven", "derived")]),
    dict(id="R-tier-en", source=R_TIER, lang="en",
         brief="The zone aims to stay in the first tier of the province's functional zones, not merely rank first "
               "in the province.",
         expect=[("first tier", "supported"), ("first", "rank")]),
    # ---------------------------------------------------------------- reference release, Chinese
    dict(id="R-pledge-zh-ok", source=R_PLEDGE, lang="zh",
         brief="今年知识产权质押融资12.62亿元,较去年同期增长16.85%,居全省第一位。",
         expect=[("12.62亿元", "supported"), ("较去年同期增长16.85%", "supported"), ("全省第一位", "supported")]),
    dict(id="R-pledge-zh-scale", source=R_PLEDGE, lang="zh",
         brief="知识产权质押融资126.2亿元,惠及40家中小微企业。",
         expect=[("126.2亿元", "scale"), ("40家", "supported")]),
    dict(id="R-pledge-zh-direction-rank", source=R_PLEDGE, lang="zh",
         brief="质押融资金额同比下降16.85%,居全省第二位。",
         expect=[("同比下降16.85%", "direction"), ("全省第二位", "rank")]),
    dict(id="R-pledge-zh-unsupported", source=R_PLEDGE, lang="zh",
         brief="质押融资12.62亿元,涉及58家银行。",
         expect=[("12.62亿元", "supported"), ("58家", "unsupported")]),
    dict(id="R-tm-zh-value-unit", source=R_TM, lang="zh",
         brief="新增商标注册10430件,同比增长25.7%;有效商标注册量110386件,同比增长13个百分点。",
         expect=[("10430件", "supported"), ("同比增长25.7%", "value"), ("110386件", "supported"),
                 ("同比增长13个百分点", "unit")]),
    dict(id="R-tm-zh-rank-qualifier", source=R_TM, lang="zh",
         brief="我市中国驰名商标37件,居全省第一位。",
         expect=[("37件", "supported"), ("全省第一位", "rank")]),
    dict(id="R-pat-zh-approx", source=R_PAT, lang="zh",
         brief="有效发明专利6951件,有效高价值发明专利1400件,均居全省第三位。",
         expect=[("6951件", "supported"), ("1400件", "approx_lost"), ("全省第三位", "supported")]),
    dict(id="R-cases-zh-derived", source=R_CASES, lang="zh",
         brief="全市共办理知识产权案件121件,其中商标和专利案件合计120件。",
         expect=[("121件", "supported"), ("120件", "derived")]),
    dict(id="R-cases-zh-scale", source=R_CASES, lang="zh",
         brief="追赃挽损1.46万元。",
         expect=[("1.46万元", "scale")]),
    dict(id="R-fast-zh-approx", source=R_FAST, lang="zh",
         brief="5个招商项目实现拿地即开工,节省项目开工时间60天。",
         expect=[("5个", "supported"), ("60天", "approx_lost")]),
    dict(id="R-conf-zh-period", source=R_CONF, lang="zh",
         brief="12月28日,我市举行2024年度第十一场新闻发布会。",
         expect=[("12月28日", "period"), ("2024年度", "supported"), ("第十一场", "supported")]),
    dict(id="R-infra-zh-unit", source=R_INFRA, lang="zh",
         brief="经开区建成24千米余热蒸汽管网和日处理10万吨工业水厂,以及360吨热电联产项目。",
         expect=[("24千米", "supported"), ("10万吨", "supported"), ("360吨", "supported")]),
    dict(id="R-zone-zh-period", source=R_ZONE, lang="zh",
         brief="在2021年全省营商环境评价中,经开区位列16个国家级功能区中第二位。",
         expect=[("2021年", "period"), ("16个", "supported"), ("第二位", "supported")]),
    dict(id="R-pledge-zhhant-ok", source=R_PLEDGE, lang="zh-Hant",
         brief="今年知識產權質押融資12.62億元,較去年同期增長16.85%,居全省第一位。",
         expect=[("12.62億元", "supported"), ("較去年同期增長16.85%", "supported"), ("全省第一位", "supported")]),
    dict(id="R-pledge-zhhant-scale", source=R_PLEDGE, lang="zh-Hant",
         brief="質押融資126.2億元,居全省第二位。",
         expect=[("126.2億元", "scale"), ("全省第二位", "rank")]),
    # ---------------------------------------------------------------- hand-written sources, English
    dict(id="S-gdp-en-ok", source=S_GDP, lang="en",
         brief="GDP reached RMB 326.85 billion in the first three quarters of 2024, up 5.2% year on year and 0.3 "
               "percentage points faster than in the first half.",
         expect=[("RMB 326.85 billion", "supported"), ("three quarters", "supported"), ("2024", "supported"),
                 ("5.2%", "supported"),
                 ("0.3 percentage points", "supported")]),
    dict(id="S-gdp-en-scale", source=S_GDP, lang="en",
         brief="GDP reached RMB 3,268.5 billion.",
         expect=[("RMB 3,268.5 billion", "scale")]),
    dict(id="S-gdp-en-basis", source=S_GDP, lang="en",
         brief="GDP grew 5.2% month on month.",
         expect=[("5.2%", "period")]),
    dict(id="S-gdp-en-pp", source=S_GDP, lang="en",
         brief="Growth was 0.3% faster than in the first half.",
         expect=[("0.3%", "unit")]),
    dict(id="S-trade-en-ok", source=S_TRADE, lang="en",
         brief="Total trade was about RMB 85 billion, down 3.1%; exports were RMB 52.04 billion and imports "
               "RMB 32.96 billion.",
         expect=[("about RMB 85 billion", "supported"), ("3.1%", "supported"), ("RMB 52.04 billion", "supported"),
                 ("RMB 32.96 billion", "supported")]),
    dict(id="S-trade-en-approx-direction", source=S_TRADE, lang="en",
         brief="Total trade was RMB 85 billion and rose 3.1%.",
         expect=[("RMB 85 billion", "approx_lost"), ("3.1%", "direction")]),
    dict(id="S-trade-en-derived", source=S_TRADE, lang="en",
         brief="Exports exceeded imports by RMB 19.08 billion.",
         expect=[("RMB 19.08 billion", "derived")]),
    dict(id="S-trade-en-currency", source=S_TRADE, lang="en",
         brief="Exports were US$52.04 billion.",
         expect=[("US$52.04 billion", "unit")]),
    dict(id="S-firms-en", source=S_FIRMS, lang="en",
         brief="By the end of June the province had 21,000 industrial firms above designated size, including more "
               "than 8,600 high-tech firms.",
         expect=[("June", "supported"), ("21,000", "supported"), ("more than 8,600", "supported")]),
    dict(id="S-firms-en-scale-period", source=S_FIRMS, lang="en",
         brief="By the end of May the province had 2,100 industrial firms above designated size.",
         expect=[("May", "period"), ("2,100", "scale")]),
    dict(id="S-income-en", source=S_INCOME, lang="en",
         brief="Urban per-capita disposable income reached RMB 48,600, up 6.2%, 2.28 times the rural figure of "
               "RMB 21,300.",
         expect=[("RMB 48,600", "supported"), ("6.2%", "supported"), ("2.28 times", "derived"),
                 ("RMB 21,300", "supported")]),
    dict(id="S-income-en-currency", source=S_INCOME, lang="en",
         brief="Urban income reached $48,600.",
         expect=[("$48,600", "unit")]),
    dict(id="S-entities-en", source=S_ENTITIES, lang="en",
         brief="From January to November, 56,000 new market entities were set up, about 170 a day.",
         expect=[("January", "supported"), ("November", "supported"), ("56,000", "supported"),
                 ("about 170", "supported")]),
    dict(id="S-entities-en-errors", source=S_ENTITIES, lang="en",
         brief="560,000 new market entities were set up, 170 a day.",
         expect=[("560,000", "scale"), ("170", "approx_lost")]),
    dict(id="S-project-en-ok", source=S_PROJECT, lang="en",
         brief="The RMB 12 billion project should start production in 2026, with annual output of more than "
               "RMB 30 billion.",
         expect=[("RMB 12 billion", "supported"), ("2026", "supported"), ("more than RMB 30 billion", "supported")]),
    dict(id="S-project-en-errors", source=S_PROJECT, lang="en",
         brief="The RMB 120 billion project should start production in 2025 with output of RMB 30 billion and "
               "employ 5,000 people.",
         expect=[("RMB 120 billion", "scale"), ("2025", "period"), ("RMB 30 billion", "approx_lost"),
                 ("5,000", "unsupported")]),
    dict(id="S-air-en", source=S_AIR, lang="en",
         brief="Good-air days made up 82.5% of the year; PM2.5 averaged 35 micrograms per cubic meter, up 7.9%.",
         expect=[("82.5%", "supported"), ("35", "supported"), ("7.9%", "direction")]),
    dict(id="S-cities-en", source=S_CITIES, lang="en",
         brief="Three of the province's cities are among China's top 100, the second most in central China; "
               "a fourth city is close.",
         expect=[("Three", "supported"), ("100", "supported"), ("second", "supported"), ("fourth", "unsupported")]),
    dict(id="S-cities-en-rank", source=S_CITIES, lang="en",
         brief="With three cities in the national top 100, the province ranked third in central China.",
         expect=[("three", "supported"), ("100", "supported"), ("third", "rank")]),
    dict(id="S-5g-en", source=S_5G, lang="en",
         brief="A dozen new 5G base stations brought the total to 12,600.",
         expect=[("A dozen", "supported"), ("12,600", "supported")]),
    # ---------------------------------------------------------------- hand-written sources, Chinese
    dict(id="S-gdp-zh-basis", source=S_GDP, lang="zh",
         brief="前三季度地区生产总值3268.5亿元,环比增长5.2%。",
         expect=[("前三季度", "supported"), ("3268.5亿元", "supported"), ("环比增长5.2%", "period")]),
    dict(id="S-trade-zh", source=S_TRADE, lang="zh",
         brief="进出口总额850亿元,出口比进口多190.8亿元。",
         expect=[("850亿元", "approx_lost"), ("190.8亿元", "derived")]),
    dict(id="S-project-zh", source=S_PROJECT, lang="zh",
         brief="项目总投资120亿元,预计2026年建成投产,年产值300亿元以上。",
         expect=[("120亿元", "supported"), ("2026年", "supported"), ("300亿元以上", "supported")]),
    dict(id="S-project-zh-errors", source=S_PROJECT, lang="zh",
         brief="项目总投资12亿元,预计2025年投产,可带动就业5000人。",
         expect=[("12亿元", "scale"), ("2025年", "period"), ("5000人", "unsupported")]),
    dict(id="S-air-zh", source=S_AIR, lang="zh",
         brief="优良天数比例82.5%,细颗粒物平均浓度同比上升7.9%。",
         expect=[("82.5%", "supported"), ("同比上升7.9%", "direction")]),
    dict(id="S-income-zh-unit", source=S_INCOME, lang="zh",
         brief="城镇居民人均可支配收入4.86万美元,增长6.2%。",
         expect=[("4.86万美元", "unit"), ("增长6.2%", "supported")]),
    dict(id="S-firms-zh-value", source=S_FIRMS, lang="zh",
         brief="全省规模以上工业企业2.1万家,其中高新技术企业6800余家。",
         expect=[("2.1万家", "supported"), ("6800余家", "value")]),
    dict(id="S-cities-zh-rank", source=S_CITIES, lang="zh",
         brief="我省3个城市进入全国百强,数量居中部地区第三位。",
         expect=[("3个", "supported"), ("第三位", "rank")]),
    dict(id="S-gdp-zhhant-ok", source=S_GDP, lang="zh-Hant",
         brief="前三季度地區生產總值3268.5億元,同比增長5.2%。",
         expect=[("前三季度", "supported"), ("3268.5億元", "supported"), ("同比增長5.2%", "supported")]),
]
