"""sha256 manifests of the checkpoints this project builds (tiny test models) or converts (the default
model's bf16 checkpoint), verified like the GGUF (models/assemble.py): every file's sha256 is recorded when
the folder is written; a later load compares each file's size, mtime and ctime with the recorded ones
(cheap) and hashes a file again only when they differ, so a file changed after it was written is refused
with the model error, not loaded and run.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from pressbrief.service.errors import ModelError

from .assemble import _fingerprint as fingerprint  # the GGUF stamp's own check
from .assemble import sha256_file

MANIFEST = "pressbrief-sha256.json"


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name != MANIFEST)


def _save(folder: Path, records: dict[str, dict[str, str]]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{MANIFEST}.", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(records, fh, indent=1, sort_keys=True)
    os.replace(tmp, folder / MANIFEST)


def write_manifest(folder: Path) -> None:
    """Record the sha256 (and fingerprint) of every file of a checkpoint folder just written."""
    _save(folder, {p.relative_to(folder).as_posix(): {"sha256": sha256_file(p), "fingerprint": fingerprint(p)}
                   for p in _files(folder)})


def verify_manifest(folder: Path, model: str) -> None:
    """ModelError naming the file when a file of ``folder`` is missing or differs from its recorded sha256.
    A folder written before manifests existed is hashed now and trusted from then on."""
    path = folder / MANIFEST
    if not path.is_file():
        write_manifest(folder)
        return
    records = json.loads(path.read_text(encoding="utf-8"))
    changed = False
    for name, record in records.items():
        file = folder / name
        if not file.is_file():
            raise ModelError(f"model {model!r}: {file} is missing; delete {folder} to build it again")
        if fingerprint(file) == record["fingerprint"]:
            continue
        got = sha256_file(file)
        if got != record["sha256"]:
            raise ModelError(f"model {model!r}: {file} changed after it was written (sha256 {got}, recorded "
                             f"{record['sha256']}); delete {folder} to build it again")
        record["fingerprint"] = fingerprint(file)  # the same bytes, touched or copied: hashed once more only
        changed = True
    if changed:
        _save(folder, records)
