"""Turn batch inputs (files, folders, JSONL) into documents, one per release.

Every input yields at least one :class:`Doc`; a document that cannot be read carries an
``error`` instead of text, so the runner writes an error row for it rather than skipping it.

Ids: a file's id is its path as given on the command line (folders: the folder as given
joined with the path inside it, ``/`` separators); a JSONL record's id is its ``id`` field,
else ``FILE:LINE``. An id seen twice in one run gets ``#2``, ``#3`` ... appended.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, InputTooLarge, PressbriefError
from ..inputs import check_text, decode_text, has_lone_surrogate, read_text
from ..settings import get_settings
from .frontmatter import split_front_matter
from .htmltext import html_to_text

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

# JSONL metadata kept on the output row (everything else, e.g. reference texts, is left out).
META_KEYS = ("title", "date", "url", "source_url", "source", "publisher", "entity", "lang", "tags")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Doc:
    """One document of a batch: text (or the error that kept it from being read) and metadata."""

    id: str
    origin: dict
    meta: dict = field(default_factory=dict)
    text: str | None = None
    error: PressbriefError | None = None
    sha: str | None = None  # sha256 of the text; None for documents that could not be read

    def __post_init__(self) -> None:
        if self.text is not None and self.sha is None:
            self.sha = text_sha256(self.text)

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.id, self.sha)


@dataclass
class Skipped:
    """A file inside a folder that is not a release (unsupported type); reported, not processed."""

    path: str
    reason: str


def _posix(path: str) -> str:
    return os.path.normpath(path).replace(os.sep, "/")


def _meta_from(record: dict) -> dict:
    meta = {}
    for key in META_KEYS:
        value = record.get(key)
        if value is not None and value != "":
            meta[key] = value
    return meta


def read_file_doc(path: str, doc_id: str | None = None) -> Doc:
    """Read one .txt/.md/.html (any other suffix: as plain text) file into a Doc."""
    origin = {"path": path}
    doc_id = doc_id or _posix(path)
    suffix = Path(path).suffix.lower()
    try:
        if suffix in HTML_SUFFIXES:
            settings = get_settings()
            raw = read_text(path, max_chars=max(settings.max_input_chars * 8, settings.max_input_bytes))
            text, meta = html_to_text(raw)
            return Doc(doc_id, origin, meta, text=check_text(text, f"{path} (text of the page)"))
        text = read_text(path)
        meta: dict = {}
        if suffix in MARKDOWN_SUFFIXES:
            text, meta = split_front_matter(text)
            text = check_text(text, path)
        return Doc(doc_id, origin, meta, text=text)
    except PressbriefError as exc:
        return Doc(doc_id, origin, error=exc)
    except Exception as exc:  # noqa: BLE001 - one file never stops the run
        return Doc(doc_id, origin, error=InputError(f"{path}: unusable file ({type(exc).__name__}: {exc})"))


def _iter_jsonl_lines(fh, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Yield (line number, raw line) or (line number, None) for a line longer than limit bytes."""
    lineno = 0
    while True:
        chunk = fh.readline(limit + 1)
        if not chunk:
            return
        lineno += 1
        if len(chunk) > limit and not chunk.endswith(b"\n"):
            while chunk and not chunk.endswith(b"\n"):  # drain the rest of the oversized line
                chunk = fh.readline(1 << 20)
            yield lineno, None
            continue
        yield lineno, chunk


def _holds_surrogate(value: object) -> bool:
    if isinstance(value, str):
        return has_lone_surrogate(value)
    if isinstance(value, dict):
        return any(_holds_surrogate(k) or _holds_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_surrogate(v) for v in value)
    return False


def _surrogate_fields(record: dict) -> list[str]:
    """The fields a row keeps (id, text, metadata) that hold a lone surrogate anywhere inside."""
    return [key for key in ("id", "text", *META_KEYS) if _holds_surrogate(record.get(key))]


def _jsonl_record_doc(path: str, lineno: int, raw: bytes | None, limit: int) -> Doc | None:
    """The record's Doc; whatever a record holds, an error Doc at worst (never an exception)."""
    where = f"{path}:{lineno}"
    try:
        return _parse_record(path, lineno, raw, limit)
    except Exception as exc:  # noqa: BLE001 - one record never stops the run
        return Doc(where, {"jsonl": path, "line": lineno},
                   error=InputError(f"{where}: unusable record ({type(exc).__name__}: {exc})"))


def _parse_record(path: str, lineno: int, raw: bytes | None, limit: int) -> Doc | None:
    where = f"{path}:{lineno}"
    origin = {"jsonl": path, "line": lineno}
    if raw is None:
        return Doc(where, origin, error=InputTooLarge(f"{where}: line over {limit:,} bytes"))
    if not raw.strip():
        return None  # blank line: not a record
    try:
        line = decode_text(raw, where)
        record = json.loads(line)
    except InputError as exc:
        return Doc(where, origin, error=exc)
    except json.JSONDecodeError as exc:
        return Doc(where, origin, error=InputError(f"{where}: not JSON ({exc.msg} at column {exc.colno})"))
    if not isinstance(record, dict):
        return Doc(
            where, origin, error=InputError(f"{where}: expected a JSON object, got {type(record).__name__}")
        )
    if bad := _surrogate_fields(record):
        # no UTF-8 encodes it: not a text to brief, nor an id or a value a results file can hold
        return Doc(where, origin, error=InputError(
            f"{where}: {', '.join(bad)} holds an unpaired UTF-16 surrogate (a \\ud800-\\udfff escape)"))
    raw_id = record.get("id")
    doc_id = str(raw_id) if isinstance(raw_id, str | int) and str(raw_id).strip() else where
    meta = _meta_from(record)
    text = record.get("text")
    if not isinstance(text, str):
        problem = 'no "text" field' if text is None else f'"text" is {type(text).__name__}, expected a string'
        return Doc(doc_id, origin, meta, error=InputError(f"{where}: {problem}"))
    try:
        return Doc(doc_id, origin, meta, text=check_text(text, f"{where} (id {doc_id})"))
    except PressbriefError as exc:
        return Doc(doc_id, origin, meta, error=exc)


def iter_jsonl(path: str) -> Iterator[Doc]:
    """Documents of a JSONL file; a line that is not a usable record yields an error Doc."""
    settings = get_settings()
    # A record's JSON may escape every character (\\uXXXX: 6 bytes), so allow headroom.
    limit = max(settings.max_input_bytes, settings.max_input_chars * 6) + 65536
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below; generator
    except OSError as exc:
        reason = "no such file" if isinstance(exc, FileNotFoundError) else f"cannot read ({exc.strerror})"
        yield Doc(_posix(path), {"jsonl": path}, error=InputError(f"{path}: {reason}"))
        return
    with fh:
        try:
            for lineno, raw in _iter_jsonl_lines(fh, limit):
                doc = _jsonl_record_doc(path, lineno, raw, limit)
                if doc is not None:
                    yield doc
        except OSError as exc:
            yield Doc(
                f"{path}:read", {"jsonl": path}, error=InputError(f"{path}: read failed ({exc.strerror})")
            )


def _walk_folder(folder: str) -> Iterator[str | Doc | Skipped]:
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            full = os.path.join(root, name)
            if Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                yield full
            else:
                yield Skipped(full, "unsupported file type")
        while errors:
            exc = errors.pop(0)
            where = _posix(exc.filename or folder)
            yield Doc(
                where, {"path": where}, error=InputError(f"{where}: cannot list folder ({exc.strerror})")
            )


def iter_docs(inputs: Iterable[str]) -> Iterator[Doc | Skipped]:
    """Documents of all inputs in order; ids made unique within the run."""
    seen: dict[str, int] = {}
    for doc in _iter_raw(inputs):
        if isinstance(doc, Doc):
            n = seen.get(doc.id, 0) + 1
            seen[doc.id] = n
            if n > 1:
                doc.meta = {**doc.meta, "duplicate_of": doc.id}
                doc.id = f"{doc.id}#{n}"
        yield doc


def _iter_raw(inputs: Iterable[str]) -> Iterator[Doc | Skipped]:
    for item in inputs:
        if os.path.isdir(item):
            for entry in _walk_folder(item):
                if isinstance(entry, str):
                    yield from _iter_path(entry)
                else:
                    yield entry
        else:
            yield from _iter_path(item)


def _iter_path(path: str) -> Iterator[Doc]:
    if Path(path).suffix.lower() in JSONL_SUFFIXES:
        yield from iter_jsonl(path)
    else:
        yield read_file_doc(path)


def count_docs(inputs: Iterable[str]) -> int:
    """A quick count of the documents (for the progress bar): files plus non-blank JSONL lines."""
    total = 0
    for item in inputs:
        entries = list(_walk_folder(item)) if os.path.isdir(item) else [item]
        for path in entries:
            if isinstance(path, Skipped):
                continue
            if isinstance(path, str) and Path(path).suffix.lower() in JSONL_SUFFIXES:
                try:
                    with open(path, "rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total
