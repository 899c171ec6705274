"""The end-of-run summary: counts, failures by reason, guard actions, precision, time."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class BatchSummary:
    out: str
    documents: int = 0  # documents in this run's inputs
    already_done: int = 0  # found in OUT from an earlier run and not redone
    processed: int = 0  # summarized (or failed) in this run
    succeeded: int = 0  # over all the inputs' documents, earlier runs included
    failed: int = 0
    failed_by_reason: dict[str, int] = field(default_factory=dict)
    pending: int = 0  # not done: the run was interrupted
    interrupted: bool = False
    skipped_files: list[dict] = field(default_factory=list)  # files in folders that are not releases
    guard: dict[str, int] = field(default_factory=dict)
    number_precision_mean: float | None = None
    number_precision_docs: int = 0
    wall_s: float = 0.0  # this run
    per_doc_mean_s: float | None = None  # this run's documents
    per_doc_p95_s: float | None = None
    rows_dropped: int = 0  # superseded rows removed from OUT at the end

    def to_json(self) -> dict:
        return asdict(self)

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return 130
        return 1 if self.failed else 0

    def format(self) -> str:
        lines = [
            f"batch: {self.documents} document(s): {self.succeeded} succeeded, {self.failed} failed"
            + (f", {self.pending} not done (interrupted)" if self.pending else ""),
        ]
        if self.failed_by_reason:
            reasons = ", ".join(f"{code} {n}" for code, n in sorted(self.failed_by_reason.items()))
            lines.append(f"  failed by reason: {reasons}")
        lines.append(f"  this run: {self.processed} processed, {self.already_done} already done in OUT")
        if self.skipped_files:
            lines.append(
                f"  not releases (left out): {len(self.skipped_files)} file(s), e.g. "
                f"{self.skipped_files[0]['path']} ({self.skipped_files[0]['reason']})"
            )
        g = self.guard
        if g:
            lines.append(
                f"  guard: {g.get('checked', 0)} numbers checked, {g.get('repaired', 0)} repaired, "
                f"{g.get('dropped', 0)} dropped, {g.get('fallback', 0)} brief(s) fell back to the template"
            )
        if self.number_precision_mean is not None:
            lines.append(
                f"  number precision: mean {self.number_precision_mean:.3f} over "
                f"{self.number_precision_docs} brief(s) (numbers in briefs found in the source)"
            )
        else:
            lines.append("  number precision: n/a")
        t = f"  time: {self.wall_s:.1f} s total"
        if self.per_doc_mean_s is not None:
            t += f", {self.per_doc_mean_s:.2f} s per document (mean), {self.per_doc_p95_s:.2f} s p95"
        lines.append(t)
        lines.append(
            f"  out: {self.out}"
            + (f" ({self.rows_dropped} superseded row(s) removed)" if self.rows_dropped else "")
        )
        return "\n".join(lines)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def summarize_rows(
    out: str | Path,
    rows: list[dict],
    *,
    documents: int,
    already_done: int,
    processed: int,
    run_times: list[float],
    wall_s: float,
    interrupted: bool,
    skipped_files: list[dict],
) -> BatchSummary:
    """Build the summary from the OUT rows of this run's documents (earlier runs included)."""
    s = BatchSummary(
        out=str(out),
        documents=documents,
        already_done=already_done,
        processed=processed,
        interrupted=interrupted,
        skipped_files=skipped_files,
        wall_s=wall_s,
    )
    reasons: Counter[str] = Counter()
    guard: Counter[str] = Counter()
    precisions: list[float] = []
    for row in rows:
        if row.get("status") == "ok":
            s.succeeded += 1
            g = (row.get("result") or {}).get("guard") or {}
            for key in ("checked", "repaired", "dropped"):
                if isinstance(g.get(key), int | float):
                    guard[key] += int(g[key])
            guard["fallback"] += int(bool(g.get("fallback")))
            p = (row.get("checks") or {}).get("number_precision")
            if isinstance(p, int | float):
                precisions.append(float(p))
        else:
            s.failed += 1
            reasons[(row.get("error") or {}).get("code", "error")] += 1
    s.pending = max(0, documents - s.succeeded - s.failed)
    s.failed_by_reason = dict(reasons)
    s.guard = dict(guard) if rows else {}
    if precisions:
        s.number_precision_mean = sum(precisions) / len(precisions)
        s.number_precision_docs = len(precisions)
    if run_times:
        s.per_doc_mean_s = sum(run_times) / len(run_times)
        s.per_doc_p95_s = _p95(run_times)
    return s
