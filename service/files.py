"""Output files: the folder a result file goes in, made or refused with a message that names the path."""

from __future__ import annotations

from pathlib import Path

from .errors import OutputError, os_reason


def ensure_parent(path: Path) -> None:
    """Create the folder ``path`` goes in; OutputError naming the part of the path that is no folder, or why
    the folder cannot be made (read-only, full disk)."""
    for folder in (path.parent, *path.parent.parents):
        if folder.exists():
            if not folder.is_dir():
                raise OutputError(f"{path}: {folder} is not a folder")
            break
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{path}: cannot create its folder ({os_reason(exc)})") from None
