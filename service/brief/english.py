"""Keep English briefs free of Chinese characters (names left in Chinese become pinyin) and of the
model talking about itself or its task instead of the release."""

from __future__ import annotations

import re
from collections.abc import Mapping

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff60“”‘’]+")
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
PUNCT = str.maketrans({"，": ", ", "。": ". ", "；": "; ", "：": ": ", "（": " (", "）": ") ", "、": ", ",
                       "“": '"', "”": '"', "‘": "'", "’": "'", "！": "! ", "？": "? ", "《": '"', "》": '"'})


def has_chinese(text: str) -> bool:
    return bool(HAN.search(text))


def han_share(text: str) -> float:
    """Share of non-space characters that are Han: a few names are fine, whole sentences are not."""
    chars = [ch for ch in text if not ch.isspace()]
    return sum(1 for ch in chars if HAN.match(ch)) / len(chars) if chars else 0.0


def romanize(text: str) -> str:
    """Full-width punctuation to ASCII; Han runs to the glossary's English where it knows the word
    (市场准入 -> market access), else to capitalized pinyin (新乡 -> Xinxiang)."""
    from pypinyin import lazy_pinyin

    from ..numeric.glossary import vocabulary

    words = vocabulary()
    longest = max(map(len, words), default=0)
    text = text.translate(PUNCT)

    def english(m: re.Match) -> str:
        run = "".join(ch for ch in m.group(0) if HAN.match(ch))
        out, rest, i = [], "", 0
        while i < len(run):
            hit = next((run[i:j] for j in range(min(len(run), i + longest), i + 1, -1) if run[i:j] in words), None)
            if hit is None:
                rest += run[i]
                i += 1
                continue
            if rest:
                out.append("".join(lazy_pinyin(rest)).capitalize())
                rest = ""
            out.append(words[hit])
            i += len(hit)
        if rest:
            out.append("".join(lazy_pinyin(rest)).capitalize())
        return " " + " ".join(out) + " " if out else " "

    text = CJK.sub(english, text)
    text = re.sub(r" +([,.;:!?)])", r"\1", text)
    return re.sub(r"[ \t]+", " ", re.sub(r"\( +", "(", text)).strip()


# Characters a small model translates literally inside a place name (新乡 -> "New Xiang").
_LITERAL_SYLLABLE = {"新": "new", "东": "east", "西": "west", "南": "south", "北": "north"}


def fix_place_names(text: str, places: Mapping[str, str]) -> str:
    """Spell the release's cities as the glossary does: a small model writes 新乡市 as
    "New Xiangshi", "Xin Xiang" or "Xinxiangshi" even when the prompt says "Xinxiang"."""
    from pypinyin import lazy_pinyin

    for zh, en in places.items():
        base = zh[:-1] if zh.endswith("市") else zh
        if zh.endswith(("省", "自治区")) or len(base) < 2:
            continue
        syllables = lazy_pinyin(base)
        first = [syllables[0]] + ([_LITERAL_SYLLABLE[base[0]]] if base[0] in _LITERAL_SYLLABLE else [])
        pattern = (r"\b(?:" + "|".join(first) + r")" + "".join(r"[\s-]?" + s for s in syllables[1:])
                   + r"(?:[\s-]?shi)?\b")
        text = re.sub(pattern, en, text, flags=re.I)
        if base[0] in _LITERAL_SYLLABLE and zh.endswith("市"):
            # "Newsrcity": the literal first character glued to a garble and "city" (fp32 run, README command)
            text = re.sub(r"\b" + _LITERAL_SYLLABLE[base[0]] + r"[a-z]{0,4}city\b", en, text, flags=re.I)
    return text


# The model addressing the reader about itself or the task ("Please find the detailed investor brief
# in English as requested.", "That concludes the English brief.", "I apologize for the mistake
# earlier.", "I cannot provide detailed information ..."), seen in dev-corpus briefs: no claim about
# the release, whatever it says, so never part of an investor brief.
_CHATTER = re.compile(
    r"(?i)^(?:(?:according to the release|in summary|in brief)\s*[,:]?\s*)?(?:however,\s*)?(?:"
    r"please\s+(?:note|find|see|refer|let\s+me\s+know)|i\s+(?:cannot|can't|can\s+not|am\s+unable|apologi[sz]e"
    r"|am\s+sorry|hope|will\s+now)|i'm\s+(?:sorry|unable)|(?:that|this)\s+concludes|that's\s+(?:correct|all)"
    r"|that\s+is\s+(?:correct|all)|here\s+(?:is|are)\s+the\s+(?:brief|summary|investor)|as\s+an\s+ai\b"
    r"|sure[,!.]|certainly[,!.]|let\s+me\s+know|feel\s+free|you\s+can\s+(?:find|refer|check|see)"
    r"|the\s+(?:detailed\s+)?(?:investor\s+)?brief\s+(?:above|below|in\s+english))"
)
_EN_SENTENCE_BREAK = re.compile(r"((?<=[.!?])\s+|\n+)")  # "1.262" holds a dot but no break


def drop_chatter(text: str) -> tuple[str, int]:
    """The text without sentences of chatter; (text, sentences dropped). Nothing else is touched."""
    parts = _EN_SENTENCE_BREAK.split(text)  # sentence, break, sentence, break, ...
    kept, dropped = [], 0
    for i in range(0, len(parts), 2):
        sentence, brk = parts[i], parts[i + 1] if i + 1 < len(parts) else ""
        if sentence.strip() and _CHATTER.match(sentence.strip()):
            dropped += 1
            continue
        kept.append(sentence + brk)
    if not dropped:
        return text, 0
    return re.sub(r"\n{3,}", "\n\n", "".join(kept)).strip(), dropped
