"""The brief writers, one module each; the English path table is built from them, so adding a path is
adding a module and a line here.

- ``zh``: the Chinese brief (writers/zh.py);
- English paths (PRESSBRIEF_EN_PATH, ``--en-path``, ``en_path``), chosen by measurement on the dev corpus:
  ``evidence`` (writers/evidence.py, the default: one checked sentence per evidence unit, written for the
  whole release rather than chunk by chunk), ``direct`` (writers/en_direct.py), ``zh-translated``
  (writers/en_zh_translated.py), ``lead-figures`` (writers/en_lead_figures.py);
- Chinese paths (PRESSBRIEF_ZH_PATH, ``--zh-path``, ``zh_path``): ``evidence`` (the release's own clauses,
  the default) or ``model`` (writers/zh.py);
- the Traditional copy (writers/traditional.py) converts the guarded Chinese brief.

Every translated line goes through the same guard as a brief (numbers, names, claims); a line the guard
cannot make faithful is left out, never shown half-checked.
"""

from __future__ import annotations

from ...errors import InputError
from .base import ChunkJob, FirstAnswer, ModelWriter, Writer
from .en_direct import DirectWriter
from .en_lead_figures import LeadFiguresWriter
from .en_zh_translated import ZhTranslatedWriter
from .zh import ChineseWriter

CHINESE = ChineseWriter()
ENGLISH_WRITERS: dict[str, Writer] = {w.path: w for w in (DirectWriter(), ZhTranslatedWriter(), LeadFiguresWriter())}
EVIDENCE = "evidence"  # writers/evidence.py: not a chunk writer, so not in ENGLISH_WRITERS
EN_PATHS = (EVIDENCE, *ENGLISH_WRITERS)
ZH_PATHS = (EVIDENCE, "model")

__all__ = ["CHINESE", "EN_PATHS", "ENGLISH_WRITERS", "EVIDENCE", "ZH_PATHS", "ChunkJob", "FirstAnswer", "ModelWriter",
           "Writer", "check_path", "check_zh_path", "writers_for"]


def check_path(name: str) -> str:
    if name not in EN_PATHS:
        raise InputError(f"unknown English path {name!r}; choose from {', '.join(EN_PATHS)} (PRESSBRIEF_EN_PATH)")
    return name


def check_zh_path(name: str) -> str:
    if name not in ZH_PATHS:
        raise InputError(f"unknown Chinese path {name!r}; choose from {', '.join(ZH_PATHS)} (PRESSBRIEF_ZH_PATH)")
    return name


def writers_for(langs: tuple[str, ...], en_path: str, zh_path: str = "model") -> list[Writer]:
    """The chunk writers a request needs, in the order they write: the Chinese brief first (the Traditional
    copy and the zh-translated English read it), then the English. The evidence paths write no chunk."""
    english = ENGLISH_WRITERS[check_path(en_path)] if "en" in langs and en_path != EVIDENCE else None
    want_zh = (zh_path != EVIDENCE and ("zh" in langs or "zh-Hant" in langs)) or \
        (english is not None and "zh" in english.reads)
    return [w for w in (CHINESE if want_zh else None, english) if w is not None]
