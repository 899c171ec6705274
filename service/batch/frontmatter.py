"""Markdown front matter (``---`` / ``key: value`` / ``---``) as release metadata."""

from __future__ import annotations

import re

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_KEYS = {
    "title": "title",
    "date": "date",
    "url": "url",
    "source_url": "source_url",
    "link": "url",
    "source": "source",
    "publisher": "publisher",
    "entity": "entity",
}


def split_front_matter(text: str) -> tuple[str, dict]:
    """Strip a leading front-matter block; return (body, metadata of known simple keys)."""
    m = _FRONT.match(text)
    if not m:
        return text, {}
    meta: dict = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if sep and key in _KEYS:
            value = value.strip().strip("'\"")
            if value:
                meta[_KEYS[key]] = value
    return text[m.end() :], meta
