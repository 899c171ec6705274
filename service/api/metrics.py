"""Prometheus text exposition without a dependency: counters, gauges and histograms with labels."""

from __future__ import annotations

import bisect
import os
import threading
from collections.abc import Callable, Iterable

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600)


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(names: tuple[str, ...], values: tuple[str, ...], extra: str = "") -> str:
    parts = [f'{n}="{_escape(v)}"' for n, v in zip(names, values, strict=True)]
    if extra:
        parts.append(extra)
    return "{" + ",".join(parts) + "}" if parts else ""


def _num(v: float) -> str:
    if v == float("inf"):
        return "+Inf"
    return repr(float(v)) if not float(v).is_integer() else str(int(v))


class _Metric:
    kind = "untyped"

    def __init__(self, name: str, help_text: str, labels: Iterable[str] = ()):
        self.name = name
        self.help = help_text
        self.label_names = tuple(labels)
        self._lock = threading.Lock()

    def header(self) -> list[str]:
        return [f"# HELP {self.name} {self.help}", f"# TYPE {self.name} {self.kind}"]


class Counter(_Metric):
    kind = "counter"

    def __init__(self, name: str, help_text: str, labels: Iterable[str] = ()):
        super().__init__(name, help_text, labels)
        self._values: dict[tuple[str, ...], float] = {}

    def inc(self, amount: float = 1.0, **labels: str) -> None:
        key = tuple(str(labels[n]) for n in self.label_names)
        with self._lock:
            self._values[key] = self._values.get(key, 0.0) + amount

    def value(self, **labels: str) -> float:
        return self._values.get(tuple(str(labels[n]) for n in self.label_names), 0.0)

    def render(self) -> list[str]:
        with self._lock:
            items = sorted(self._values.items())
        return self.header() + [f"{self.name}{_labels(self.label_names, k)} {_num(v)}" for k, v in items]


class Gauge(_Metric):
    """A gauge read at scrape time from a callback."""

    kind = "gauge"

    def __init__(self, name: str, help_text: str, read: Callable[[], float]):
        super().__init__(name, help_text)
        self._read = read

    def render(self) -> list[str]:
        return self.header() + [f"{self.name} {_num(self._read())}"]


class Histogram(_Metric):
    kind = "histogram"

    def __init__(self, name: str, help_text: str, labels: Iterable[str] = (), buckets=LATENCY_BUCKETS):
        super().__init__(name, help_text, labels)
        self.buckets = tuple(buckets)
        self._series: dict[tuple[str, ...], list[float]] = {}  # bucket counts + [sum, count]

    def observe(self, value: float, **labels: str) -> None:
        key = tuple(str(labels[n]) for n in self.label_names)
        with self._lock:
            # per-bucket counts (the last slot is "above every bound"), then sum and count
            series = self._series.setdefault(key, [0.0] * (len(self.buckets) + 3))
            series[bisect.bisect_left(self.buckets, value)] += 1
            series[-2] += value
            series[-1] += 1

    def render(self) -> list[str]:
        lines = self.header()
        with self._lock:
            items = sorted((k, list(v)) for k, v in self._series.items())
        for key, series in items:
            cumulative = 0.0
            for bound, count in zip(self.buckets, series, strict=False):
                cumulative += count
                le = 'le="' + _num(bound) + '"'
                lines.append(f"{self.name}_bucket{_labels(self.label_names, key, le)} {_num(cumulative)}")
            inf = 'le="+Inf"'
            lines.append(f"{self.name}_bucket{_labels(self.label_names, key, inf)} {_num(series[-1])}")
            lines.append(f"{self.name}_sum{_labels(self.label_names, key)} {_num(series[-2])}")
            lines.append(f"{self.name}_count{_labels(self.label_names, key)} {_num(series[-1])}")
        return lines


def rss_bytes() -> int:
    """Resident set size of this process (Linux /proc; 0 elsewhere)."""
    try:
        with open(f"/proc/{os.getpid()}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class Registry:
    """The service's metrics. Gauges are wired to live state by the app."""

    def __init__(self) -> None:
        self.requests = Counter(
            "pressbrief_http_requests_total",
            "HTTP requests answered, by route and status",
            ("method", "route", "status"),
        )
        self.latency = Histogram(
            "pressbrief_http_request_duration_seconds", "Time to answer an HTTP request, by route", ("route",)
        )
        self.queue_wait = Histogram(
            "pressbrief_queue_wait_seconds", "Time a generation request waited before it ran", ("kind",)
        )
        self.generation = Histogram(
            "pressbrief_generation_seconds", "Time the model spent on a request (or batch member)", ("kind",)
        )
        self.rejected = Counter("pressbrief_rejected_total", "Requests refused before any work, by reason", ("reason",))
        self.cancelled = Counter(
            "pressbrief_generation_cancelled_total",
            "Generations stopped early, by reason (timeout, client_gone)",
            ("reason",),
        )
        self.tokens = Counter("pressbrief_tokens_generated_total", "Tokens generated by the model (decode)", ("kind",))
        self.prefill_tokens = Counter(
            "pressbrief_prefill_tokens_total", "Prompt tokens fed to the model (prefill)", ("kind",)
        )
        self.guard = Counter(
            "pressbrief_guard_actions_total",
            "Number-guard outcomes over generated text (checked, repaired, dropped, fallback)",
            ("action",),
        )
        self.batch_size = Histogram(
            "pressbrief_batch_size",
            "Size of the batch each generation request ran in",
            (),
            buckets=(1, 2, 4, 8, 16, 32),
        )
        self._gauges: list[Gauge] = [Gauge("process_resident_memory_bytes", "Resident memory", rss_bytes)]

    def gauge(self, name: str, help_text: str, read: Callable[[], float]) -> None:
        self._gauges.append(Gauge(name, help_text, read))

    def render(self) -> str:
        lines: list[str] = []
        for metric in (
            self.requests,
            self.latency,
            self.queue_wait,
            self.generation,
            self.rejected,
            self.cancelled,
            self.tokens,
            self.prefill_tokens,
            self.guard,
            self.batch_size,
            *self._gauges,
        ):
            lines += metric.render()
        return "\n".join(lines) + "\n"
