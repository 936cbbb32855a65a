"""A busy core for the benchmarks: ``with busy_core():`` runs ``while True: pass`` in a
separate process, the stand-in for a browser tab, another notebook or a CI neighbour.

The process stops itself after ``limit`` seconds even if the benchmark dies, and is
terminated when the block ends.
"""

import subprocess
import sys
import time
from contextlib import contextmanager

SPIN = "import time\nend = time.monotonic() + {limit}\nwhile time.monotonic() < end: pass\n"


@contextmanager
def busy_core(limit=300.0, settle=0.2):
    """Hold one core busy for the block (at most ``limit`` seconds); yields the process."""
    proc = subprocess.Popen([sys.executable, "-c", SPIN.format(limit=float(limit))])
    try:
        time.sleep(settle)  # let it start spinning before anything is measured
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def idle():
    """The counterpart of ``busy_core`` for symmetric code: nothing started."""
    yield None


CONDITIONS = {"idle": idle, "busy": busy_core}
