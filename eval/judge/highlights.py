"""Which source metrics count as "key" for key-metric recall: a simple, documented, replaceable rule.

``default_highlights(extraction, n)`` takes the core's metrics and keeps, in this order:

1. money amounts (元, 美元 ...),
2. changes and percentages (同比增长25.72%, 个百分点),
3. ranks and standings (居全省第一位, 第一方阵),
4. counts and measures of 10 or more,
5. everything else (small counts, ratios),

skipping codes, dates and periods and repeats of the same value+unit+label, and keeping source
order inside each group; the first ``n`` (default: the ``PRESSBRIEF_DEFAULT_HIGHLIGHTS`` setting,
8) are the highlights. Any callable ``(extraction, n) -> list[Metric]`` can replace it — the
pipeline's own highlight chooser, for instance — via ``KeyMetricRecall(highlighter=...)`` or
``evaluate_records(..., highlighter=...)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from pressbrief.service.numeric.types import Extraction, Metric
from pressbrief.service.settings import get_settings

from .units import CURRENCIES, zh_unit

Highlighter = Callable[[Extraction, int | None], Sequence[Metric]]


def _group(m: Metric) -> int:
    mm = m.mention
    unit = zh_unit(mm.unit)
    if mm.kind == "amount" and unit in CURRENCIES:
        return 0
    if mm.kind in ("change", "percent") or m.change is not None or unit in ("%", "pp"):
        return 1
    if mm.kind == "rank" or m.rank is not None or mm.rank is not None:
        return 2
    if mm.value is not None and mm.value >= Decimal(10):
        return 3
    return 4


def default_highlights(extraction: Extraction, n: int | None = None) -> list[Metric]:
    """The top ``n`` metrics by the rule in this module's docstring."""
    if n is None:
        n = get_settings().default_highlights
    seen: set[tuple] = set()
    pool: list[tuple[int, int, Metric]] = []
    for i, m in enumerate(extraction.metrics):
        mm = m.mention
        if mm.is_code or mm.kind in ("date", "period", "other") or mm.unit == "date":
            continue
        if mm.value is None and mm.rank is None and m.rank is None:
            continue
        key = (mm.kind, mm.value, mm.unit, m.label)
        if key in seen:
            continue
        seen.add(key)
        pool.append((_group(m), i, m))
    pool.sort(key=lambda t: (t[0], t[1]))
    return [m for _, _, m in pool[:n]]
