"""Calling the learner's function: the arguments it takes, a time limit, capped output,
a watch for calls to the reference, and a record of inputs it changed.

``call(fn, case, ...)`` never raises for the learner's own errors: it returns an
``Outcome`` with either the result or the exception, so the check can explain both.
"""

import contextlib
import copy
import inspect
import io
import signal
import sys
import threading
import time
import _thread

import numpy as np

OUTPUT_LIMIT = 4000      # characters of the learner's printed output shown per call
GLOBAL_SEED = 1          # numpy's global generator is seeded with this before every call


class TimeLimitExceeded(BaseException):
    """Raised inside the learner's function when it runs too long (a BaseException, so a
    learner's ``except Exception`` can't swallow it)."""


class Outcome:
    def __init__(self):
        self.result = self.exc = None
        self.elapsed = 0.0
        self.timed_out = False
        self.changed = None          # name of the first input the call changed
        self.used_reference = None   # name of a reference function it ran


def parameters_of(fn):
    try:
        return inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return None


def accepts(fn, name):
    params = parameters_of(fn)
    if params is None:
        return True
    return name in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


def arguments(fn, case):
    """The case's arguments, adapted to the learner's signature: optional ones (``seed``,
    ``scale``, an older version's ``parameters``) only where the function names them."""
    args, kwargs = list(case.args), dict(case.kwargs)
    params = parameters_of(fn)
    for key, value in case.optional.items():
        if params is None:
            continue
        p = params.get(key)
        if p is not None or any(q.kind is q.VAR_KEYWORD for q in params.values()):
            if p is not None and p.kind is p.POSITIONAL_ONLY:
                continue
            kwargs[key] = value
    return copy.deepcopy(args), copy.deepcopy(kwargs)


@contextlib.contextmanager
def time_limit(seconds):
    """Stop the block after ``seconds``: SIGALRM where it exists (Linux, macOS), else a
    timer thread interrupting the main thread (Windows); no limit off the main thread."""
    if threading.current_thread() is not threading.main_thread() or seconds is None:
        yield
        return
    if hasattr(signal, "setitimer"):
        def stop(signum, frame):
            raise TimeLimitExceeded()
        outer, _ = signal.getitimer(signal.ITIMER_REAL)  # someone else's alarm (pytest-timeout)
        previous = signal.signal(signal.SIGALRM, stop)
        began = time.monotonic()
        signal.setitimer(signal.ITIMER_REAL, min(seconds, outer) if outer else seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            if outer:  # give the outer alarm back what is left of it
                signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - began), 1e-3))
        return
    fired = threading.Event()

    def interrupt():
        fired.set()
        _thread.interrupt_main()

    timer = threading.Timer(seconds, interrupt)
    timer.daemon = True
    timer.start()
    try:
        yield
    except KeyboardInterrupt:
        if fired.is_set():
            raise TimeLimitExceeded() from None
        raise
    finally:
        timer.cancel()


class _Capped(io.TextIOBase):
    """A stream that keeps the first ``limit`` characters and counts the rest."""

    def __init__(self, limit):
        self.limit, self.kept, self.dropped = limit, [], 0
        self.size = 0

    def writable(self):
        return True

    def write(self, text):
        room = self.limit - self.size
        if room > 0:
            self.kept.append(text[:room])
            self.size += min(room, len(text))
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def replay(self, stream):
        if self.kept:
            stream.write("".join(self.kept))
        if self.dropped:
            stream.write(f"\n... ({self.dropped} more characters of printed output cut)\n")


def _watch(codes, hits):
    def profile(frame, event, arg):
        if event == "call" and frame.f_code in codes and not hits:
            hits.append(frame.f_code.co_name)
    return profile


def call(fn, case, *, forbidden=frozenset(), seconds=None):
    """Run ``fn`` on copies of the case's inputs; see the module docstring."""
    out = Outcome()
    args, kwargs = arguments(fn, case)
    before = copy.deepcopy((args, kwargs))
    hits = []
    state = np.random.get_state()
    np.random.seed(GLOBAL_SEED)
    stdout, stderr = _Capped(OUTPUT_LIMIT), _Capped(OUTPUT_LIMIT)
    previous_profile = sys.getprofile()
    start = time.perf_counter()
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr), \
                time_limit(seconds):
            if forbidden:
                sys.setprofile(_watch(forbidden, hits))
            try:
                out.result = fn(*args, **kwargs)
            finally:
                sys.setprofile(previous_profile)
    except TimeLimitExceeded:
        out.timed_out = True
    except Exception as exc:  # noqa: BLE001 - the learner's own error, explained later
        out.exc = exc
    finally:
        out.elapsed = time.perf_counter() - start
        np.random.set_state(state)
        stdout.replay(sys.stdout)
        stderr.replay(sys.stderr)
    out.used_reference = hits[0] if hits else None
    out.changed = changed_input(fn, before, (args, kwargs))
    return out


def changed_input(fn, before, after):
    """The name (and place) of the first input the call changed, e.g. 'parameters["W1"]'."""
    params = parameters_of(fn)
    names = list(params) if params else []
    (b_args, b_kwargs), (a_args, a_kwargs) = before, after
    for i, (b, a) in enumerate(zip(b_args, a_args)):
        hit = _first_change(b, a, names[i] if i < len(names) else f"argument {i + 1}")
        if hit:
            return hit
    for k in b_kwargs:
        hit = _first_change(b_kwargs[k], a_kwargs[k], k)
        if hit:
            return hit
    return None


def _first_change(before, after, path):
    if isinstance(before, np.ndarray):
        same = isinstance(after, np.ndarray) and before.shape == after.shape and \
            np.array_equal(before, after, equal_nan=True)
        return None if same else path
    if isinstance(before, dict):
        if not isinstance(after, dict) or set(before) != set(after):
            return path
        for k in before:
            hit = _first_change(before[k], after[k], f'{path}["{k}"]')
            if hit:
                return hit
        return None
    if isinstance(before, (list, tuple)):
        if not isinstance(after, (list, tuple)) or len(before) != len(after):
            return path
        for i, (b, a) in enumerate(zip(before, after)):
            hit = _first_change(b, a, f"{path}[{i}]")
            if hit:
                return hit
    return None
