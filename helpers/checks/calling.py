"""Calling the learner's function: the arguments it takes, a time limit (``deadline``),
capped output, a watch for the routes round the grading (``watch``), and a record of
inputs it changed.

``call(fn, case, ...)`` never raises for the learner's own errors, ``SystemExit`` and
``KeyboardInterrupt`` included: it returns an ``Outcome`` with either the result or the
exception, so the check can explain both.
"""

import copy
import inspect
import io
import sys
import time

import numpy as np

from . import integrity
from .deadline import Limit, TimeLimitExceeded
from .watch import RouteBlocked, Watch

OUTPUT_LIMIT = 4000      # characters of the learner's printed output shown per call
GLOBAL_SEED = 1          # numpy's global generator is seeded with this before every call


class Outcome:
    def __init__(self):
        self.result = self.exc = None
        self.elapsed = 0.0
        self.timed_out = False
        self.changed = None          # name of the first input the call changed
        self.route = None            # (kind, what) of a route round the grading it took


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


def call(fn, case, *, references=None, seconds=None, quiet=False):
    """Run ``fn`` on copies of the case's inputs; see the module docstring. ``references``:
    {code_key: name} of the references it must not run (default: ``integrity.reference_keys()``);
    ``quiet``: drop what it prints (a second call made only to diagnose a failure)."""
    out = Outcome()
    args, kwargs = arguments(fn, case)
    before = copy.deepcopy((args, kwargs))
    state = np.random.get_state()
    np.random.seed(GLOBAL_SEED)
    stdout, stderr = _Capped(OUTPUT_LIMIT), _Capped(OUTPUT_LIMIT)
    watch = Watch(integrity.reference_keys() if references is None else references)
    limit = Limit(seconds, getattr(fn, "__qualname__", "your function"))
    saved = sys.stdout, sys.stderr
    start = time.perf_counter()
    try:
        try:
            sys.stdout, sys.stderr = stdout, stderr
            limit.start()
            watch.start()
            out.result = fn(*args, **kwargs)
            watch.stop()
        finally:
            with limit.lock:           # no Python call on the way here: see deadline.Limit
                limit.finished = True
    except (TimeLimitExceeded, RouteBlocked):
        pass                           # limit.fired, watch.route tell
    except (Exception, SystemExit, KeyboardInterrupt) as exc:  # noqa: BLE001 - the learner's own
        out.exc = exc
    # Nothing can be raised into this thread any more: undo what the call set up.
    watch.stop()
    limit.stop()
    sys.stdout, sys.stderr = saved
    out.elapsed = time.perf_counter() - start
    np.random.set_state(state)
    if not quiet:
        stdout.replay(sys.stdout)
        stderr.replay(sys.stderr)
    out.timed_out = limit.fired
    out.route = watch.route
    out.changed = changed_input(fn, before, (args, kwargs))
    return out


def exit_hint(exc):
    """The hint for a ``SystemExit`` or ``KeyboardInterrupt`` from the learner's call."""
    if isinstance(exc, SystemExit):
        return ("a graded function returns its result: remove the sys.exit() / exit() / "
                "quit() (or `raise SystemExit`) from it and run both cells again.")
    return ("it was interrupted (the Stop button, Kernel > Interrupt, or a `raise "
            "KeyboardInterrupt` in your code). Run the cell again to check your function.")


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
