"""The check's own cases, and what the unmutated solution does on them.

``baseline(key)`` runs ``CHECKS[key]`` once on the canonical solution through a recorder, so
every call the check makes (its cases, the ``num_iterations = 0`` start of a training
function, the second call that tests repeatability...) is kept with its exact arguments.
On each of those calls the solution's result and its final locals are recorded: the result
decides whether a mutant changes anything (``run_quietly`` + ``same_result``), the locals
say what each name holds (used to make edits that fit, and to give a notebook variable a
value the notebook would really have).
"""

import contextlib
import copy
import functools
import inspect
import io
import linecache
import sys
import warnings

import numpy as np

from helpers.checks import CHECKS, calling, deadline, passes
from helpers.checks.compare import Difference, compare, plain

from helpers.checks.course import module_of

CALL_SECONDS = 10.0   # a mutant's call on one case is stopped after this long


class Call:
    """One call the check made: ``args`` and ``kwargs`` as the function received them."""

    def __init__(self, args, kwargs):
        self.args, self.kwargs = args, kwargs


class Run:
    """What one call of a function did: its plain result, or the exception it raised."""

    def __init__(self, result=None, error=None):
        self.result, self.error = result, error


@functools.lru_cache(maxsize=None)
def _cells(prefix):
    """The course-style module of one notebook run as a notebook's cells (module ``__main__``,
    a kernel-style file name): the checks refuse the module's own functions as references."""
    source = inspect.getsource(module_of(prefix + "."))
    name = f"/tmp/ipykernel_mutants/{prefix}_solution.py"
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    namespace = {"__name__": "__main__"}
    exec(compile(source, name, "exec"), namespace)  # noqa: S102 - the project's own solutions
    return namespace


def solution(key):
    """The canonical course-style solution of a CHECKS key, e.g. "nb02_logistic.propagate",
    defined as a notebook cell defines it."""
    prefix, name = key.split(".", 1)
    return _cells(prefix)[name]


def run_quietly(fn, call, seconds=CALL_SECONDS):
    """Call ``fn`` on a copy of ``call``'s arguments as the check does (numpy's global
    generator seeded with ``calling.GLOBAL_SEED``, output and warnings swallowed, the checks'
    own time limit)."""
    args, kwargs = copy.deepcopy((call.args, call.kwargs))
    state = np.random.get_state()
    np.random.seed(calling.GLOBAL_SEED)
    limit = deadline.Limit(seconds, "a mutant")
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
                warnings.catch_warnings():
            warnings.simplefilter("ignore")
            limit.start()
            try:
                result = fn(*args, **kwargs)
            finally:
                with limit.lock:  # as helpers.checks.calling ends a limit
                    limit.finished = True
            return Run(result=plain(result))
    except deadline.TimeLimitExceeded:
        return Run(error="TimeLimitExceeded")
    except Exception as exc:  # noqa: BLE001 - a mutant's own error is one of its outcomes
        return Run(error=type(exc).__name__)
    finally:
        limit.stop()
        np.random.set_state(state)


def same_result(run, expected):
    """True if ``run`` gave what ``expected`` gave, by the checks' own comparison made both
    ways round (so a dict with an extra key, which ``compare`` alone lets through, differs)."""
    if expected.error is not None or run.error is not None:
        return run.error == expected.error
    try:
        compare(run.result, expected.result)
        compare(expected.result, run.result)
    except Difference:
        return False
    return True


def traced_locals(fn, call):
    """The locals of ``fn``'s frame when it returns on ``call`` (copies), or {} if it raised."""
    code, found = fn.__code__, {}

    def local(frame, event, arg):
        if event == "return" and frame.f_code is code:
            found.update(copy.deepcopy(dict(frame.f_locals)))
        return local

    def tracer(frame, event, arg):
        if frame.f_code is code:
            frame.f_trace_lines = False
            return local
        return None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        run_quietly(fn, call)
    finally:
        sys.settrace(previous)
    return found


def bound_arguments(fn, call):
    """{parameter: value} of ``call`` for ``fn``'s signature (defaults filled in)."""
    bound = inspect.signature(fn).bind(*call.args, **call.kwargs)
    bound.apply_defaults()
    return dict(bound.arguments)


class Baseline:
    """The solution of one graded function on the check's own calls."""

    def __init__(self, key, fn, calls):
        self.key, self.fn, self.calls = key, fn, calls
        self.runs = [run_quietly(fn, c) for c in calls]
        self.arguments = [bound_arguments(fn, c) for c in calls]
        self.locals = [traced_locals(fn, c) for c in calls]

    def changed_by(self, mutant_fn):
        """True if ``mutant_fn`` gives another result (or error) on one of the calls."""
        return any(not same_result(run_quietly(mutant_fn, c), expected)
                   for c, expected in zip(self.calls, self.runs))


@functools.lru_cache(maxsize=None)
def baseline(key):
    """The ``Baseline`` of a CHECKS key (the check run once on the solution, recorded)."""
    fn = solution(key)
    calls = []

    @functools.wraps(fn)
    def recorder(*args, **kwargs):
        calls.append(Call(*copy.deepcopy((args, kwargs))))
        return fn(*args, **kwargs)

    ok, message = passes(CHECKS[key], recorder)
    if not ok:
        raise RuntimeError(f"the course-style solution of {key} fails its check:\n{message}")
    return Baseline(key, fn, calls)
