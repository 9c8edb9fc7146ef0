"""Shared measurement helper for the benchmark scripts."""

from __future__ import annotations

import statistics
import time
import tracemalloc
from collections.abc import Callable


def measure(func: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median seconds over ``repeat`` untraced runs, and the peak MiB of one traced run.

    Timing and tracing are separate: tracemalloc slows Python code several times over.
    """
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    func()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return statistics.median(times), peak
