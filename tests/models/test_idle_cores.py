"""llama.cpp decodes with the cores other processes leave idle (models/runtimes/idle_cores.py)."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from pressbrief.models.runtimes.idle_cores import IdleCores, idle_threads


def test_the_threads_are_the_cores_others_leave_idle():
    assert idle_threads(2, 0.0) == 2 and idle_threads(2, 0.3) == 2  # a little use takes no core
    assert idle_threads(2, 0.7) == 1 and idle_threads(4, 1.6) == 2
    assert idle_threads(2, 1.9) == 1 and idle_threads(1, 3.0) == 1  # never fewer than one
    assert idle_threads(2, None) == 2  # unknown (no /proc/stat): every core, as before


def test_a_busy_process_beside_it_is_counted():
    idle = IdleCores()
    if idle.others() is None:
        pytest.skip("no /proc/stat on this system: the cores others use cannot be counted")
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.3)
        idle.others()  # the window starts here
        time.sleep(0.5)
        assert idle.others() >= 0.5  # the loop holds (most of) a core
    finally:
        hog.kill()
        hog.wait()
    # this process's own work is not someone else's
    idle.others()
    end = time.process_time() + 0.3
    while time.process_time() < end:
        pass
    assert idle.others() < 0.5
