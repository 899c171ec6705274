"""How many threads llama.cpp should decode with: the cores other processes leave idle.

llama.cpp's threads meet at a barrier after every operation, so one thread on a core another process holds
stalls them all. Measured on a 2-core machine (Qwen2.5-Coder-1.5B Q4_K_M, 160 prompt tokens + 64 decoded):
alone, 2 threads decode 17.6-19.2 tok/s and 1 thread 10.7; beside one busy process, 2 threads fall to 5.2-6.4
tok/s while 1 thread keeps 11.5-12.1; beside two, 3.6-4.2 against 7.1-7.7 (ggml's threads sleeping instead of
spinning, poll 0, gave 6.0-6.3 and 5.0-5.5: the barrier, not the spinning, is the cost). A `summarize` beside
a test run took 481 s at 1.13 tok/s, 54 s alone; end to end: `python -m pressbrief.eval.bench.idle_cores`.
So before each call the decoder
counts the cores other processes used over a short window (Linux /proc/stat less this process's own time)
and decodes with the rest, at least one.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

_PROC_STAT = Path("/proc/stat")
SAMPLE_S = 0.1  # the window other processes' use is read over: short next to a call of seconds
BUSY_SHARE = 0.5  # a core counts as taken when others use at least half of it


def _busy_jiffies() -> tuple[int, int] | None:
    """(busy, total) jiffies of all cores since boot, or None where /proc/stat cannot be read."""
    try:
        fields = _PROC_STAT.read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    values = [int(v) for v in fields]
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
    return sum(values[:8]) - idle, sum(values[:8])


class IdleCores:
    """Counts the cores other processes use between one call and the next (the first call waits
    ``SAMPLE_S`` to have a window), so a decoder asking before every call pays nothing after the first."""

    def __init__(self) -> None:
        self._last: tuple[int, int, float, float] | None = None  # busy, total jiffies; own CPU s; wall s

    def _sample(self) -> tuple[int, int, float, float] | None:
        jiffies = _busy_jiffies()
        return None if jiffies is None else (*jiffies, time.process_time(), time.monotonic())

    def others(self) -> float | None:
        """Cores' worth of CPU processes other than this one used since the last call; None off Linux."""
        first = self._last
        if first is None or time.monotonic() - first[3] < SAMPLE_S:
            first = self._sample()
            time.sleep(SAMPLE_S)
        now = self._sample()
        if first is None or now is None:
            return None
        self._last = now
        busy, total = now[0] - first[0], now[1] - first[1]
        if total <= 0:
            return 0.0
        own_jiffies = (now[2] - first[2]) * os.sysconf("SC_CLK_TCK")
        return max(0.0, (busy - own_jiffies) / total * (os.cpu_count() or 1))

    def threads(self, most: int) -> int:
        """Threads to decode with now (see ``idle_threads``)."""
        return idle_threads(most, self.others())


def idle_threads(most: int, others: float | None) -> int:
    """Threads to decode with: ``most`` less the cores others hold (``others``, in cores; None: unknown, so
    all ``most``), at least one. Half a core or more counts as a core taken."""
    if others is None:
        return most
    taken = int(others + (1 - BUSY_SHARE))
    return max(1, min(most, most - taken))
