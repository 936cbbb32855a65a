"""How many BLAS threads training uses: one rule, decided here and nowhere else.

numpy hands every matrix product to its BLAS (OpenBLAS in the numpy wheels), which
by default starts one thread per core. That is the fastest choice only for large
products on an idle machine. When another process holds a core, OpenBLAS's second
thread spin-waits for a core it cannot get, and a training loop of many small
products becomes several times slower (up to 3.2x per iteration in the table below).
So:

* Outside training, ``use_safe_default()`` (called when ``helpers`` is imported)
  keeps numpy's BLAS at ONE thread, unless you chose a number yourself with
  ``OPENBLAS_NUM_THREADS`` (or ``OMP_NUM_THREADS`` / ``MKL_NUM_THREADS``), which then
  is the default outside training and the most the trainers ever use. This also
  protects the training loops learners write in the notebooks, which never pass
  through this module.
* Every trainer in ``helpers`` (``logistic._optimize``, the loop behind ``optimize``
  and ``model``; ``shallow.nn_model``; the loop behind ``deep.two_layer_model`` /
  ``deep.L_layer_model``; ``gradcheck.check_deep_gradients``; through them the experiments of notebook 01 and
  every widget that trains) is wrapped with ``@trains(size)``. Once per call it
  computes the matrix-product flops of ONE iteration from the shapes and decides
  (``blas_threads``); the loop itself then runs unchecked at that setting, and the
  previous setting is restored afterwards.

The rule (``decide``, a pure function of injected numbers):

    threads = 1                                   if flops < TWO_THREAD_FLOPS
    threads = min(flops // TWO_THREAD_FLOPS + 1,  usable cores,
                  free cores, the cap)             otherwise

    free cores = floor(usable cores - busy cores of OTHER processes + FREE_SLACK)
    usable cores = CPU affinity, reduced by a cgroup CPU quota (JupyterHub limits)
    cap = numpy's BLAS threads at start-up (OpenBLAS's own default, or your env var)

so two threads need both a large iteration and a (nearly) free second core. The
load is only measured when the work is large enough for it to matter: reading
/proc/stat twice, LOAD_WINDOW apart, minus this process's own CPU time over the
same window (so our own spinning BLAS threads do not count), cached for
LOAD_CACHE_SECONDS. As our threads run during the window, a spinning process can
get less than a core of it and look half idle; so the reading is also at least the
number of other processes' threads that were running or waiting to run
(/proc/stat's procs_running minus our threads in state R) at both its ends. Where /proc/stat cannot be read, ``os.getloadavg()`` is used
as the busy-core count (it includes this process, so it errs towards one thread);
where neither exists (Windows), or anything fails, the answer is one thread: the
safe option, at most about 2.3x slower than two on an idle machine (below), never
in the trap.

The training run does not wait for the load reading. When one is needed (none
in the cache), the loop starts at one thread while the reading runs: every loop
calls ``settle()`` once per iteration, and the first call after LOAD_WINDOW
applies the decision (a run shorter than that stays at one thread throughout and
caches nothing). The decision then holds for the rest of the run: a process that
starts during a training run (or within LOAD_CACHE_SECONDS of the last
measurement) is noticed by the next decision.

Cost: ``choose`` for a small iteration is a few arithmetic operations (3 us measured);
the decorator's argument binding adds tens of microseconds per training run (80 us
measured on the loaded machine); ``settle()`` is one comparison per iteration while
nothing is pending. A large run spends its first LOAD_WINDOW (30 ms) at one thread,
where it used to sleep for it: with the sleep, the 100-iteration 4-layer runs of
the PyTorch comparison (about 0.8 s) took 7% longer than the same loop at a fixed
2 threads (814 against 757 ms, 783 against 726 ms, 1 December 2026).

Measurements (``benchmarks/threads.py``, 3 rounds, on the 2-core AMD EPYC VM this
project is built on, numpy 2.4.6 with OpenBLAS 0.3.31, pthreads; milliseconds per
training iteration, the median of rounds alternating idle / busy, where busy means
``python -c 'while True: pass'`` holds one core; "rule" is ``decide`` on 2 cores, idle /
busy. Taken by ``make bench`` at 22:50 UTC on 1 December 2026, 1-minute load 0.59
before it, no other process busy; the README carries the latest run.)

    layer_dims, m                     Mflop   ---- idle ----   ---- busy ----   rule
                                    /iter   1 thr    2 thr   1 thr    2 thr   idle/busy
    [2, 4, 1], m=400                    0.02   0.044    0.049   0.061    0.045   1/1
    [2, 50, 1], m=400                    0.3   0.125    0.144   0.147    0.133   1/1
    [784, 1], m=1000                     3.1   0.236    0.147   0.257    0.567   2/1
    [12288, 1], m=209                   10.3    2.62     1.15    4.01     6.47   2/1
    [784, 1], m=4000                    12.5    2.73     1.28    2.04     4.59   2/1
    [196, 64, 16, 1], m=4000           225.7    8.19     7.41    8.03    16.30   2/1
    [784, 10, 10, 10, 1], m=1000        32.6    1.54     1.07    1.49     4.10   2/1
    [196, 32, 32, 32, 1], m=1000        37.6    1.65     1.20    1.81     5.73   2/1
    [784, 20, 7, 5, 1], m=1000          63.8    2.82     1.48    2.94     7.12   2/1
    [784, 7, 1], m=4000                 88.0    7.90     5.48    6.77     9.42   2/1
    [784, 50, 50, 50, 50, 1], m=1000   202.1    7.00     5.51    7.30    13.94   2/1
    [12288, 20, 7, 5, 1], m=209        205.7   10.48     7.92   11.90    25.38   2/1
    [784, 20, 7, 5, 1], m=4000         255.2   11.53     7.62   11.65    28.60   2/1

Reading it: with a core busy, two threads were 1.4-3.2x slower per iteration at
every size from 3 M flops up (whole notebooks 5-10x, see the README); below that
OpenBLAS runs these small products on one thread anyway, and the differences are
noise. So the rule picks two only when the other core is free: FREE_SLACK = 0.4
sits between the 0-0.33 cores that background noise reads as in a 30 ms window
(one 10 ms tick) and the 1 or more a spinning process reads as (its CPU time, or
its runnable thread). Idle, two threads are 9-56% faster from 3 M flops per
iteration up (logistic regression is a memory-bound matrix-vector product that a
second core's bandwidth speeds up too) and 11-15% slower at 0.02-0.3 M (the planar
network): TWO_THREAD_FLOPS = 2 M lies between. More than two threads (one more per
2 M flops) follows the same rule but was not measured here.

Spying: every decision is appended to ``decisions`` (a short ``deque`` of
``Decision`` records); tests and the benchmark read it to see that each trainer
came through here and what it chose.
"""

import collections
import functools
import inspect
import math
import os
import time

import numpy  # noqa: F401  loads numpy's BLAS, so that threadpoolctl finds it
from threadpoolctl import ThreadpoolController

TWO_THREAD_FLOPS = 2e6      # matrix-product flops per iteration from which 2 threads pay
FREE_SLACK = 0.4            # a core counts as free while others use less than 0.4 of it
LOAD_WINDOW = 0.03          # seconds between the two /proc/stat readings
LOAD_CACHE_SECONDS = 1.0    # how long one load measurement is reused
ENV_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

Decision = collections.namedtuple("Decision", "who flops threads busy_others cores")
decisions = collections.deque(maxlen=1000)  # the latest decisions, newest last

_blas = None          # numpy's BLAS libraries (threadpoolctl's controllers), found once
_cap = 1              # the most threads we ever ask for
_load = (-math.inf, None)   # (when measured, busy cores of other processes)


# --- the rule -------------------------------------------------------------------------------

def dense_flops(layer_dims, m):
    """Matrix-product flops of one gradient-descent iteration of a dense network.

    layer_dims : [n0, n1, ..., nL] (logistic regression is [n_x, 1])    m : examples
    Forward W A (2 n[l] n[l-1] m per layer), backward dW (the same) and dA_prev
    (the same, for l > 1 only: training never needs dA0). Elementwise work is left out.
    """
    return sum(2 * n * n_prev * m * (3 if l > 1 else 2)
               for l, (n_prev, n) in enumerate(zip(layer_dims[:-1], layer_dims[1:]), start=1))


def network_flops(parameters, m, forward_only=False):
    """``dense_flops`` of the network whose weights are ``parameters`` {"W1": (n1, n0), ...}.

    With ``forward_only``, the flops of one forward pass (what a cost evaluation costs).
    """
    shapes = [parameters[f"W{l}"].shape for l in range(1, len(parameters) // 2 + 1)]
    if forward_only:
        return sum(2 * n * n_prev * m for n, n_prev in shapes)
    return dense_flops([shapes[0][1]] + [n for n, _ in shapes], m)


def decide(flops, cores, busy_others, cap):
    """The number of BLAS threads for an iteration of ``flops``; pure (see the module docstring).

    cores       : usable cores (int)
    busy_others : cores kept busy by other processes right now (float), or None if unknown
    cap         : the most threads allowed (int)
    """
    if flops < TWO_THREAD_FLOPS or cores < 2 or cap < 2 or busy_others is None:
        return 1
    free = math.floor(cores - busy_others + FREE_SLACK)
    return max(1, min(int(flops // TWO_THREAD_FLOPS) + 1, cores, free, cap))


# --- reading the machine ---------------------------------------------------------------------

def usable_cores():
    """Cores this process may run on: its CPU affinity, reduced by a cgroup v2 CPU quota."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    try:
        with open("/sys/fs/cgroup/cpu.max") as f:
            quota, period = f.read().split()[:2]
        if quota != "max":
            cores = min(cores, max(1, int(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return cores


def _proc_stat():
    """(busy jiffies of all cores, threads running or waiting to run now) from /proc/stat."""
    with open("/proc/stat") as f:
        lines = f.read().splitlines()
    values = [int(v) for v in lines[0].split()[1:9]]  # "cpu user nice system idle iowait ..."
    running = next(int(line.split()[1]) for line in lines if line.startswith("procs_running"))
    return sum(values) - values[3] - values[4], running  # busy: all but idle and iowait


def _own_running():
    """How many of this process's threads are running or waiting to run now."""
    count = 0
    for tid in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{tid}/stat") as f:
                count += f.read().rsplit(")", 1)[1].split()[0] == "R"
        except OSError:  # the thread ended meanwhile
            pass
    return count


def _start_sample():
    """The first of two readings: (wall clock, this process's CPU time, busy jiffies,
    other processes' runnable threads), or None where /proc cannot be read."""
    try:
        jiffies, running = _proc_stat()
        return time.perf_counter(), time.process_time(), jiffies, running - _own_running()
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def _finish_sample(start):
    """Cores kept busy by OTHER processes since ``start`` (from ``_start_sample``), or None.

    The larger of two readings: their CPU time over the window (/proc/stat busy time
    minus ours), and the threads of theirs that were running or waiting to run at
    both ends of it. The second keeps a spinning process visible while our own
    threads take CPU time from it (it then gets less than a core, but never stops
    wanting one).
    """
    if start is None:
        return None
    try:
        jiffies, running = _proc_stat()
        runnable = min(start[3], running - _own_running())
        busy = (jiffies - start[2]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration, AttributeError):
        return None
    busy -= time.process_time() - start[1]  # our own threads are not "other processes"
    return max(0.0, busy / max(time.perf_counter() - start[0], 1e-9), float(runnable))


def measure_busy_others(window=LOAD_WINDOW):
    """Cores kept busy by OTHER processes over the next ``window`` seconds, or None.

    Linux: /proc/stat busy time minus this process's CPU time, or the other
    processes' runnable threads if more (``_finish_sample``). Elsewhere the
    1-minute load average (which includes this process: it errs towards busy).
    None where neither can be read.
    """
    start = _start_sample()
    if start is not None:
        time.sleep(window)
        busy = _finish_sample(start)
        if busy is not None:
            return busy
    try:
        return os.getloadavg()[0]
    except (OSError, AttributeError):
        return None


def busy_others():
    """``measure_busy_others()``, measured at most once every LOAD_CACHE_SECONDS."""
    global _load
    now = time.monotonic()
    if now - _load[0] > LOAD_CACHE_SECONDS:
        _load = (now, measure_busy_others())
    return _load[1]


def _load_is_fresh():
    return time.monotonic() - _load[0] <= LOAD_CACHE_SECONDS


# --- applying it -----------------------------------------------------------------------------

def _user_choice():
    for name in ENV_VARS:
        value = os.environ.get(name, "").strip()
        if value.isdigit() and int(value) > 0:
            return int(value)
    return None


def _set(counts):
    """Give each BLAS library its thread count (an int for all, or one per library)."""
    counts = [counts] * len(_blas) if isinstance(counts, int) else counts
    for lib, n in zip(_blas, counts):
        if lib.num_threads != n:  # a read costs about 1 us; someone else may have changed it
            lib.set_num_threads(n)


def use_safe_default():
    """Find numpy's BLAS and set it to one thread (or to your OPENBLAS_NUM_THREADS).

    Called once when ``helpers`` is imported; safe to call again. Libraries loaded
    later (PyTorch's, in the benchmark) are left alone.
    """
    global _blas, _cap
    if _blas is None:
        try:
            _blas = ThreadpoolController().select(user_api="blas").lib_controllers
        except Exception:  # noqa: BLE001  no BLAS threadpoolctl can control: nothing to limit
            _blas = []
        _cap = _user_choice() or max((lib.num_threads for lib in _blas), default=1)
    _set(_user_choice() or 1)


def choose(flops, cores, who="?"):
    """The threads ``decide`` picks for ``flops`` on this machine now; logged in ``decisions``.

    cores : ``usable_cores()``, or None where the work is too small for it to matter.
    ``blas_threads`` calls it when no load sample is needed (small work, a cached
    reading) or none can be taken alongside the block (then it sleeps LOAD_WINDOW
    for a reading, or falls back to the load average).
    """
    busy = busy_others() if cores and cores > 1 and _cap > 1 else None
    n = decide(flops, cores or 1, busy, _cap)
    decisions.append(Decision(who, flops, n, busy, cores))
    return n


_pending = None   # the blas_threads block whose load sample is still running, if any


class blas_threads:
    """``with blas_threads(flops, who):`` runs the block at the threads ``decide`` picks, then
    restores the previous setting.

    If the decision needs a fresh load reading, the block does not wait for it: it
    starts at one thread while the reading runs, and the first ``settle()`` call
    after LOAD_WINDOW seconds applies the decision (training loops call ``settle()``
    once per iteration). A block that ends sooner ran entirely at one thread, and its
    decision is logged as one thread.
    """

    def __init__(self, flops, who="?"):
        self.flops, self.who = flops, who
        self.sample = self.cores = None

    def __enter__(self):
        global _pending
        if _blas is None:
            use_safe_default()
        self.previous, self.outer = [lib.num_threads for lib in _blas], _pending
        cores = usable_cores() if self.flops >= TWO_THREAD_FLOPS else None  # None: not read
        if cores and cores > 1 and _cap > 1 and not _load_is_fresh():
            self.cores, self.sample = cores, _start_sample()
            if self.sample is not None:  # decide later, in settle(); one thread meanwhile
                _pending = self
                _set(1)
                return 1
        n = choose(self.flops, cores, self.who)
        _set(n)
        return n

    def settle(self, final=False):
        """Apply the decision once the load sample has run LOAD_WINDOW seconds (or ``final``)."""
        global _load, _pending
        complete = time.perf_counter() - self.sample[0] >= LOAD_WINDOW
        if not (complete or final):
            return
        _pending = self.outer
        busy = _finish_sample(self.sample) if complete else None  # too short: not a reading
        if complete:
            _load = (time.monotonic(), busy)
        n = 1 if final else decide(self.flops, self.cores, busy, _cap)  # final: it ran at one
        decisions.append(Decision(self.who, self.flops, n, busy, self.cores))
        if not final:  # at the end, __exit__ restores the previous setting instead
            _set(n)

    def __exit__(self, *exc):
        global _pending
        if _pending is self:
            self.settle(final=True)
        _pending = self.outer
        _set(self.previous)
        return False


def settle():
    """Called by every training loop once per iteration: costs one test while no load
    sample is running; applies the pending decision once its sample is complete."""
    if _pending is not None:
        _pending.settle()


def trains(size):
    """Decorator for a trainer: ``size`` computes one iteration's flops from its arguments.

    ``size``'s parameter names pick the trainer's arguments it needs, e.g.
    ``@trains(lambda X, layers_dims: dense_flops(layers_dims, X.shape[1]))``. If the
    arguments are malformed, ``size`` fails quietly (one thread) and the trainer's
    own validation reports the problem.
    """
    def wrap(fn):
        signature = inspect.signature(fn)
        wanted = list(inspect.signature(size).parameters)
        who = f"{fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}"

        @functools.wraps(fn)
        def trainer(*args, **kwargs):
            try:
                bound = signature.bind(*args, **kwargs)
                bound.apply_defaults()
                flops = size(*(bound.arguments[name] for name in wanted))
            except Exception:  # noqa: BLE001  bad arguments: the trainer says what is wrong
                flops = 0
            with blas_threads(flops, who):
                return fn(*args, **kwargs)

        return trainer
    return wrap
