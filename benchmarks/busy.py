"""A busy core for the benchmarks: ``with busy_core():`` runs ``while True: pass`` in a
separate process, the stand-in for a browser tab, another notebook or a CI neighbour.

The process stops itself after ``limit`` seconds even if the benchmark dies, and is
terminated when the block ends. Both contexts wait ``settle`` seconds first, so that the
spinning process is running (and a process of the last block has gone) when timing starts.
"""

import subprocess
import sys
import time
from contextlib import contextmanager

SETTLE = 0.5

SPIN = "import time\nend = time.monotonic() + {limit}\nwhile time.monotonic() < end: pass\n"


@contextmanager
def busy_core(limit=900.0, settle=SETTLE):
    """Hold one core busy for the block (at most ``limit`` seconds); yields the process."""
    proc = subprocess.Popen([sys.executable, "-c", SPIN.format(limit=float(limit))])
    try:
        time.sleep(settle)  # spinning, and any load measured before it has expired
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def idle(settle=SETTLE):
    """The counterpart of ``busy_core``: nothing started, the same wait."""
    time.sleep(settle)
    yield None


CONDITIONS = {"idle": idle, "busy": busy_core}
