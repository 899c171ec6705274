"""Prefilled prompt prefixes kept on disk between processes (as llama.cpp's ``--prompt-cache`` does).

Every brief starts with the same system block (the English sentence template's 142 tokens); a fresh
``pressbrief summarize`` process prefilled it again each time, ~2 s of a ~35 s brief on 2 cores. The
first call of a process that prefills a prefix from nothing saves that sequence's KV state here; a later
process whose prompts start with a stored prefix loads it instead of prefilling it.

A stored state is only valid for the same weights and the same context layout, so its file name hashes
``salt`` (the GGUF's path, size and mtime, llama-cpp-python's version, the context's size and sequence
count) with the prefix's tokens. The store keeps ``MAX_FILES`` (the least recently used go): a release's
own prefix saved by a process that began with it must not make the folder grow without end. A file that
cannot be read or loaded is ignored and removed: the prefix is then prefilled as before.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

MAX_FILES = 8
# a prefix shorter than this is cheaper to prefill than to hash, read and load; one longer than MAX_TOKENS
# is a release's own text (a single prompt's whole prompt), unlikely to come again and ~28 KB a token
MIN_TOKENS = 64
MAX_TOKENS = 1024
_SUFFIX = ".kv"


class PrefixStore:
    def __init__(self, folder: Path, salt: str):
        self.folder = Path(folder)
        self.salt = salt

    def _path(self, tokens: list[int]) -> Path:
        digest = hashlib.sha256(self.salt.encode("utf-8") + b"\0" + ",".join(map(str, tokens)).encode("ascii"))
        return self.folder / f"{len(tokens)}-{digest.hexdigest()[:32]}{_SUFFIX}"

    def _lengths(self) -> list[int]:
        """Token counts of the stored prefixes, longest first."""
        try:
            names = [p.name for p in self.folder.iterdir() if p.name.endswith(_SUFFIX)]
        except OSError:
            return []
        counts = {int(n.split("-", 1)[0]) for n in names if n.split("-", 1)[0].isdigit()}
        return sorted(counts, reverse=True)

    def find(self, prefix: list[int]) -> tuple[int, bytes] | None:
        """The longest stored start of ``prefix`` (at least ``MIN_TOKENS``): (its token count, its state)."""
        for n in self._lengths():
            if n < MIN_TOKENS or n > len(prefix):
                continue
            path = self._path(prefix[:n])
            try:
                data = path.read_bytes()
                os.utime(path)  # recently used: kept longest
            except OSError:
                continue
            return n, data
        return None

    def forget(self, tokens: list[int]) -> None:
        """Remove a stored state that failed to load."""
        self._path(tokens).unlink(missing_ok=True)

    def save(self, tokens: list[int], data: bytes) -> None:
        """Store a prefix's state (atomically: a reader never sees half a file); errors are not the caller's
        concern (a read-only home only loses the saving)."""
        if not MIN_TOKENS <= len(tokens) <= MAX_TOKENS or not data:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.folder, delete=False, suffix=".tmp") as tmp:
                tmp.write(data)
            os.replace(tmp.name, self._path(tokens))
            self._evict()
        except OSError:
            return

    def _evict(self) -> None:
        files = sorted((p for p in self.folder.iterdir() if p.name.endswith(_SUFFIX)),
                       key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[MAX_FILES:]:
            old.unlink(missing_ok=True)
