"""Timing for notebook 02's vectorization races (section 9), robust to a busy machine.

A single stopwatch reading of a fast operation measures the machine as much as the
code: another program, a BLAS thread waiting for a busy core, or the first call
paying for memory allocation can make it ten times slower. ``best_time`` repeats
the measurement and keeps the fastest run, which is the one least disturbed.
"""

import time


def best_time(fn, repeat=5, min_seconds=0.02):
    """The fastest time of one call of ``fn()``, in seconds, over ``repeat`` measurements.

    Each measurement calls ``fn`` enough times in a row to last at least
    ``min_seconds`` (a single fast call is shorter than the clock's jitter) and
    divides. numpy's BLAS runs on one thread (``helpers.blas``), so a race between a
    loop and one BLAS call does not depend on how many cores happen to be free.
    """
    if repeat < 1:
        raise ValueError(f"repeat must be at least 1, got {repeat}")

    def measure():
        number, start = 0, time.perf_counter()
        while True:
            fn()
            number += 1
            elapsed = time.perf_counter() - start
            if elapsed >= min_seconds:
                return elapsed / number

    return min(measure() for _ in range(repeat))


def race(slow, fast, repeat=5):
    """Time two functions that compute the same thing; return (slow seconds, fast seconds, ratio).

    The measurements alternate (slow, fast, slow, fast ...) so a burst of load from
    elsewhere hits both alike; each keeps its best.
    """
    slow_times, fast_times = [], []
    for _ in range(repeat):
        slow_times.append(best_time(slow, repeat=1))
        fast_times.append(best_time(fast, repeat=1))
    slow_s, fast_s = min(slow_times), min(fast_times)
    return slow_s, fast_s, slow_s / fast_s
