"""Reading release text from files or stdin, with clear errors for unusable input."""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import InputError, InputTooLarge
from .settings import get_settings


def decode_text(data: bytes, origin: str) -> str:
    """Decode UTF-8 (BOM allowed); refuse binary data and other encodings with a message."""
    if b"\x00" in data[:8192]:
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
