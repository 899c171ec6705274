"""The batch output file: JSON Lines, appended one fsynced line per document.

Crash safety: each row is one ``os.write`` of a complete line followed by ``fsync``; a run
killed mid-write can leave at most one partial last line, which the next run cuts off (the
document it belonged to is simply done again). Rewrites (dropping superseded rows) go to a
temporary file in the same folder that replaces OUT with ``os.replace``.
"""

from __future__ import annotations

import fcntl
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError, OutputError, os_reason
from ..files import ensure_parent


def iter_rows(path: str | Path) -> Iterator[dict]:
    """Rows of an OUT file; a partial last line (killed mid-write) and garbage lines are ignored."""
    with open(path, "rb") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break
            try:
                row = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError):
                continue
            if isinstance(row, dict) and "id" in row:
                yield row


def load_results(path: str | Path) -> list[dict]:
    """The latest row per id, in first-seen order (what `render` and the summary read)."""
    latest: dict[str, dict] = {}
    for row in iter_rows(path):
        latest.pop(str(row["id"]), None)
        latest[str(row["id"])] = row
    return list(latest.values())


class ResultStore:
    """Open OUT for appending, with the keys of the documents it already holds."""

    def __init__(self, path: str | Path, log=None):
        self.path = Path(path)
        self.log = log or (lambda msg: print(msg, file=sys.stderr))
        self.rows: dict[str, dict] = {}  # id -> latest row
        self.bad_lines = 0
        self.repaired_bytes = 0
        self._fd: int | None = None

    # -- opening -------------------------------------------------------------------------
    def open(self) -> ResultStore:
        if self.path.is_dir():
            raise InputError(f"{self.path}: is a folder; --out needs a file path")
        ensure_parent(self.path)
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot open for writing ({os_reason(exc)})") from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # a device or a pipe: no lines to resume, no lock to hold
            os.close(fd)
            raise OutputError(f"{self.path}: not a regular file; --out needs a file it can resume")
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise InputError(f"{self.path}: another batch run is writing to this file") from None
        self._fd = fd
        try:
            self._repair_tail()
            self._load()
        except OSError as exc:
            self.close()
            raise OutputError(f"{self.path}: cannot read or repair ({os_reason(exc)})") from None
        return self

    def _repair_tail(self) -> None:
        """Cut a partial last line left by a run killed while writing it."""
        assert self._fd is not None
        size = os.fstat(self._fd).st_size
        if size == 0:
            return
        with open(self.path, "rb") as fh:
            fh.seek(max(0, size - 1))
            if fh.read(1) == b"\n":
                return
            # find the last newline, reading backwards in blocks
            pos, keep = size, 0
            while pos > 0:
                step = min(65536, pos)
                pos -= step
                fh.seek(pos)
                block = fh.read(step)
                idx = block.rfind(b"\n")
                if idx >= 0:
                    keep = pos + idx + 1
                    break
        os.ftruncate(self._fd, keep)
        os.fsync(self._fd)
        self.repaired_bytes = size - keep
        self.log(
            f"batch: {self.path}: cut a partial last line ({size - keep} bytes) left by an interrupted run"
        )

    def _load(self) -> None:
        with open(self.path, "rb") as fh:
            for raw in fh:
                try:
                    row = json.loads(raw)
                except (json.JSONDecodeError, UnicodeDecodeError):
                    row = None
                if not isinstance(row, dict) or "id" not in row:
                    self.bad_lines += 1
                    continue
                self.rows.pop(str(row["id"]), None)
                self.rows[str(row["id"])] = row
        if self.bad_lines:
            self.log(f"batch: {self.path}: {self.bad_lines} line(s) are not result rows; ignored")

    # -- queries -------------------------------------------------------------------------
    def is_done(self, doc_id: str, sha: str | None, retry_failed: bool = False) -> bool:
        row = self.rows.get(doc_id)
        if row is None or row.get("text_sha256") != sha:
            return False
        return not (retry_failed and row.get("status") != "ok")

    # -- writing -------------------------------------------------------------------------
    def append(self, row: dict) -> None:
        """Write one row as one line, then flush it to disk."""
        assert self._fd is not None, "store not open"
        data = _line(row)
        view = memoryview(data)
        try:
            while view:
                written = os.write(self._fd, view)
                view = view[written:]
            os.fsync(self._fd)
        except OSError as exc:  # a full disk: the run stops; a partial line is cut by the next run
            raise OutputError(f"{self.path}: cannot write a result row ({os_reason(exc)}); the run stopped, "
                              "and rerunning with the same --out resumes") from None
        self.rows.pop(str(row["id"]), None)
        self.rows[str(row["id"])] = row

    def line_count(self) -> int:
        with open(self.path, "rb") as fh:
            return sum(1 for _ in fh)

    def compact(self) -> int:
        """Rewrite OUT with only the latest row per id (atomic replace); returns rows dropped."""
        assert self._fd is not None
        before = self.line_count()
        if before - self.bad_lines == len(self.rows):
            return 0  # nothing superseded; garbage lines (if any) stay where they are
        tmp = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
            with os.fdopen(fd, "wb") as fh:
                for row in self.rows.values():
                    fh.write(_line(row))
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, self.path)
        except BaseException as exc:
            if tmp is not None and os.path.exists(tmp):
                os.unlink(tmp)
            if isinstance(exc, OSError):  # OUT is as it was: complete, with superseded rows
                raise OutputError(f"{self.path}: cannot rewrite without superseded rows ({os_reason(exc)})") from None
            raise
        _fsync_dir(self.path.parent)
        # keep holding the lock on the new file
        new_fd = os.open(self.path, os.O_RDWR | os.O_APPEND)
        fcntl.flock(new_fd, fcntl.LOCK_EX)
        os.close(self._fd)
        self._fd = new_fd
        self.bad_lines = 0
        return before - len(self.rows)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> ResultStore:
        return self.open()

    def __exit__(self, *exc) -> None:
        self.close()


def _line(row: dict) -> bytes:
    """One row as one line of UTF-8 JSON. A string no UTF-8 encodes (a lone surrogate that got this far) is
    written as its JSON escape instead: the line stays valid UTF-8 and loses nothing."""
    line = json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n"
    try:
        return line.encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(row, ensure_ascii=True, separators=(",", ":")) + "\n").encode("ascii")


def _fsync_dir(folder: Path) -> None:
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)
