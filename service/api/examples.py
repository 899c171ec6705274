"""OpenAPI examples: short excerpts of the reference release (examples/xinxiang-2024-12-27-...)."""

from __future__ import annotations

SOURCE = "examples/xinxiang-2024-12-27-business-environment.txt (新乡日报, 2024-12-27)"

EXCERPT = (
    "地理标志商标数量全省第一 我市持续打造知识产权创新高地\n\n"
    "今年新增商标注册10430件,同比增长25.72%,有效商标注册量达到110386件,同比增长13%,"
    "目前我市中国驰名商标37件、居全省第二位,地理标志商标18件,居全省第一位。\n\n"
    "我市累计获批国家级知识产权强企33家,省级知识产权强企67家。今年知识产权质押融资12.62亿元,"
    "惠及40家中小微企业,质押融资金额较去年同期增长16.85%,居全省第一位。"
)

SENTENCE = "今年知识产权质押融资12.62亿元,惠及40家中小微企业,质押融资金额较去年同期增长16.85%,居全省第一位。"


def _mention(text: str, start: int, end: int, kind: str, value: str, unit: str, *, sentence_index: int = 0,
             rendered_en: str, rank: dict | None = None) -> dict:
    """One numeric mention as /extract serializes it (the fields not shown here are empty)."""
    return {"text": text, "start": start, "end": end, "kind": kind, "value": value, "upper": None, "unit": unit,
            "approx": None, "direction": None, "basis": None, "rank": rank, "date_iso": None, "is_code": False,
            "section_id": 0, "sentence_index": sentence_index, "rendered_en": rendered_en}


def _metric(mention: dict, label: str, label_en: str | None) -> dict:
    """A mention with its metric label, as highlights are serialized."""
    return mention | {"label": label, "label_en": label_en, "untranslated": label_en is None, "entity": None,
                      "period": "今年", "change": None}

SUMMARY_EN = (
    "Xinxiang added 10,430 trademark registrations this year, up 25.72% year on year, and its "
    "18 geographical-indication trademarks rank 1st in the province. IP-pledge financing reached "
    "RMB 1.262 billion, up 16.85%."
)

SUMMARY_ZH = "新乡市今年新增商标注册10430件,同比增长25.72%;知识产权质押融资12.62亿元,同比增长16.85%,居全省第一位。"

BRIEF_REQUEST = {"text": EXCERPT, "langs": ["zh", "en"], "max_highlights": 4}

_TRADEMARKS = ("今年新增商标注册10430件,同比增长25.72%,有效商标注册量达到110386件,同比增长13%,"
               "目前我市中国驰名商标37件、居全省第二位,地理标志商标18件,居全省第一位。")


def _span(sentence: str) -> dict:
    start = EXCERPT.index(sentence)
    return {"start": start, "end": start + len(sentence)}


def _figure(shown: str, source: str) -> dict:
    start = EXCERPT.index(source)
    return {"text": shown, "source": source, "start": start, "end": start + len(source)}


_CHECKS = ["figures", "names", "direction", "negation", "plan/done", "period", "list items", "actor"]
SENTENCES_EN = [
    {"text": SUMMARY_EN.split(" IP-pledge")[0], "sources": [_span(_TRADEMARKS)], "actor": None,
     "figures": [_figure("10,430", "10430件"), _figure("25.72%", "同比增长25.72%"), _figure("18", "18件")],
     "checks": _CHECKS, "repaired": [], "fallback": False},
    {"text": "IP-pledge" + SUMMARY_EN.split(" IP-pledge")[1], "sources": [_span(SENTENCE)], "actor": None,
     "figures": [_figure("RMB 1.262 billion", "12.62亿元"), _figure("16.85%", "增长16.85%")],
     "checks": _CHECKS, "repaired": [], "fallback": False},
]

HIGHLIGHT = _metric(_mention("12.62亿元", 161, 168, "amount", "1262000000", "元", sentence_index=3,
                            rendered_en="RMB 1.262 billion"),
                   "知识产权质押融资", "intellectual-property pledge financing")

BRIEF_RESPONSE = {
    "brief_zh": SUMMARY_ZH,
    "brief_zh_hant": None,
    "brief_en": SUMMARY_EN,
    "highlights": [HIGHLIGHT],
    "guard": {"checked": 9, "repaired": 0, "dropped": 0, "fallback": False, "candidates": 1, "per_lang": {}},
    "coverage": {"covered_chars": 207, "total_chars": 207, "uncovered": [], "chunks": 1},
    "timing": {
        "extract_s": 0.01,
        "generate_s": 4.2,
        "guard_s": 0.01,
        "total_s": 4.3,
        "prefill_tokens": 412,
        "decode_tokens": 96,
    },
    "model": "qwen2.5-coder-1.5b-instruct",
    "en_path": "evidence",
    "sentences": {"en": SENTENCES_EN},
}

TRANSLATE_REQUEST = {"text": SENTENCE}

TRANSLATE_RESPONSE = {
    "translation": (
        "This year, IP-pledge financing reached RMB 1.262 billion, benefiting 40 small and micro "
        "enterprises; the amount was up 16.85% year on year, 1st in the province."
    ),
    "sentences": [
        {
            "source": SENTENCE,
            "target": (
                "This year, IP-pledge financing reached RMB 1.262 billion, benefiting 40 small and micro "
                "enterprises; the amount was up 16.85% year on year, 1st in the province."
            ),
            "guard": {"checked": 4, "repaired": 0, "dropped": 0, "fallback": False},
        }
    ],
}

EXTRACT_REQUEST = {"text": SENTENCE}

EVALUATE_REQUEST = {"text": EXCERPT, "summary_en": SUMMARY_EN, "summary_zh": SUMMARY_ZH}

EXTRACT_RESPONSE = {
    "sections": [
        {
            "id": 0,
            "start": 0,
            "end": 56,
            "heading": "",
            "entity": None,
            "sentences": [
                {
                    "start": 0,
                    "end": 56,
                    "text": SENTENCE,
                }
            ],
        }
    ],
    "metrics": [
        _metric(_mention("12.62亿元", 10, 17, "amount", "1262000000", "元", rendered_en="RMB 1.262 billion"),
                "知识产权质押融资", "intellectual-property pledge financing"),
        _metric(_mention("40家", 20, 23, "count", "40", "家", rendered_en="40",
                         rank={"position": 1, "scope": "全省", "scope_en": "the province", "tier": False}),
                "惠及", None),
    ],
    "mentions": [_mention("12.62亿元", 10, 17, "amount", "1262000000", "元", rendered_en="RMB 1.262 billion")],
    "stats": {
        "chars": 56,
        "sections": 1,
        "sentences": 1,
        "mentions": 4,
        "codes": 0,
        "metrics": 4,
        "province": None,
    },
}

JOB_REQUEST = {"kind": "brief", "text": EXCERPT, "langs": ["zh", "en"], "max_highlights": 4}

JOB_RESPONSE = {
    "id": "5f0c1b7e9a2d4c3b8e6f1a0d2c4b6e8f", "kind": "brief", "state": "running", "attempts": 1,
    "progress": {"stage": "chunk 1/1: generating zh, en", "chunk": 1, "chunks": 1, "tokens": 57},
    "created_at": 1735286400.0, "started_at": 1735286400.4, "finished_at": None,
}
