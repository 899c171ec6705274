"""Reading release text from files or stdin, with clear errors for unusable input."""

from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path

from .errors import InputError, InputTooLarge
from .settings import get_settings

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def has_lone_surrogate(text: str) -> bool:
    """True when ``text`` holds a UTF-16 surrogate on its own (a JSON "\\ud800" escape): no UTF-8 encodes it."""
    return _SURROGATE.search(text) is not None


def _utf16_without_bom(data: bytes) -> str | None:
    """The text, when ``data`` is UTF-16 without a byte-order mark: NUL bytes (the high byte of ASCII) on
    one side of each byte pair far more than on the other, and the decoded text printable. Else None."""
    head = data[:8192]
    odd = sum(1 for i in range(1, len(head), 2) if head[i] == 0)
    even = sum(1 for i in range(0, len(head), 2) if head[i] == 0)
    if max(odd, even) < 4 or max(odd, even) < 3 * min(odd, even) or len(data) % 2:
        return None
    try:
        text = data.decode("utf-16-le" if odd > even else "utf-16-be")
    except UnicodeDecodeError:
        return None
    printable = sum(1 for c in text if c.isprintable() or c in "\n\r\t")
    return text if "\x00" not in text and printable >= 0.98 * len(text) else None


def decode_text(data: bytes, origin: str) -> str:
    """Decode UTF-8 (BOM allowed), or UTF-16/UTF-32 (with a BOM, or UTF-16 told by its NUL bytes); refuse
    binary data and other encodings with a message."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break  # a byte-order mark by chance: judged as UTF-8 below
    if b"\x00" in data[:8192]:
        text = _utf16_without_bom(data)
        if text is not None:
            return text
        raise InputError(f"{origin}: looks like a binary file (NUL bytes), expected UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{origin}: not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
            "convert it first, e.g. iconv -f GB18030 -t UTF-8"
        ) from None


def check_text(text: str, origin: str = "input", max_chars: int | None = None) -> str:
    """Refuse empty and oversized text; returns the text unchanged."""
    limit = get_settings().max_input_chars if max_chars is None else max_chars
    if not text.strip():
        raise InputError(f"{origin}: empty text")
    if len(text) > limit:
        raise InputTooLarge(
            f"{origin}: {len(text):,} characters is over the limit of {limit:,} "
            "(PRESSBRIEF_MAX_INPUT_CHARS)"
        )
    return text


def read_bytes(path: str, max_bytes: int | None = None) -> tuple[bytes, str]:
    """(bytes, origin) of a file, or of stdin when path is '-'; with ``max_bytes``, at most one byte
    more is read, so the caller can refuse an oversized input without reading all of it."""
    size = -1 if max_bytes is None else max_bytes + 1
    if path == "-":
        return sys.stdin.buffer.read(size), "stdin"
    p = Path(path)
    origin = str(p)
    if not p.exists():
        raise InputError(f"{origin}: no such file")
    if p.is_dir():
        raise InputError(f"{origin}: is a folder, expected a text file")
    try:
        with p.open("rb") as fh:
            return fh.read(size), origin
    except OSError as exc:
        raise InputError(f"{origin}: cannot read ({exc.strerror})") from None


def read_text(path: str, max_chars: int | None = None) -> str:
    """Read a release from a path, or from stdin when path is '-'."""
    settings = get_settings()
    data, origin = read_bytes(path, settings.max_input_bytes)
    if len(data) > settings.max_input_bytes:
        raise InputTooLarge(
            f"{origin}: over the limit of {settings.max_input_bytes:,} bytes (PRESSBRIEF_MAX_INPUT_BYTES)"
        )
    return check_text(decode_text(data, origin), origin, max_chars)
