"""A failing case explained from the learner's own intermediate values (issue: hints for any
mistake, not only the catalogued ones).

``diagnose(runner, case)`` traces the learner's function once more on the failing case
(``calling.call``: the same time limit and watch, printed output dropped) and the course's
way of writing it (``helpers.checks.course``) on the same case, in the learner's notebook
(the course's code calls the learner's own earlier functions, so only this function is
compared), then finds the first wrong quantity (``diagnose.first_wrong``) and what its value
is (``diagnose.identify``). The result is a ``Diagnosis``: the rows of level 1 (what is wrong
and where: "wrong quantity", and the hint), level 2 (the course's line for that quantity,
with shapes) and level 3 (the learner's line, with shapes, and how it differs).

Nothing here raises: a diagnosis that can't be made (no course-style function, a trace cut
short where it matters, an error) is None, and the check says what it said before.
"""

import contextlib
import io
import types
import warnings

import numpy as np

from . import calling, course, diagnose, lines
from .compare import show
from .notebook import notebook_data

SECONDS = 2.0          # the diagnosing call may run this long beyond the case's own time


class Diagnosis:
    """``finding`` (the first wrong quantity, or None), ``rows`` [(label, text)] of level 1,
    ``levels`` {2: text, 3: text}."""

    def __init__(self, finding=None, rows=(), levels=None, hint=None):
        self.finding, self.rows, self.levels, self.hint = finding, list(rows), dict(levels or {}), hint


def course_function(key, fn):
    """The course-style function of ``key``, its globals the course module's with the
    learner's own notebook functions in place of the ones it calls by the same name."""
    ref = course.function_of(key)
    if ref is None:
        return None
    own = getattr(fn, "__globals__", {})
    names = set(ref.__code__.co_names)
    glob = dict(ref.__globals__)
    for name in names:
        other = own.get(name)
        if isinstance(other, types.FunctionType) and other.__module__ == "__main__" and \
                other is not fn:
            glob[name] = other
    return types.FunctionType(ref.__code__, glob, ref.__name__, ref.__defaults__, ref.__closure__)


def _course_trace(ref, case):
    args, kwargs = calling.arguments(ref, case)
    state = np.random.get_state()
    np.random.seed(calling.GLOBAL_SEED)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()), \
                warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            trace, _ = diagnose.tracing.record(ref.__code__, lambda: ref(*args, **kwargs))
    finally:
        np.random.set_state(state)
    return trace


def traces(runner, case, seconds):
    """(course trace, learner trace) on ``case``, or None."""
    ref = course_function(runner.key, runner.fn)
    code = getattr(runner.fn, "__code__", None)
    if ref is None or code is None:
        return None
    try:
        course_trace = _course_trace(ref, case)
    except Exception:  # noqa: BLE001 - a case the course-style code does not take
        return None
    if course_trace.error is not None and not course_trace.events:
        return None
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        learner_trace, out = diagnose.tracing.record(
            code, lambda: calling.call(runner.fn, case, references=runner.references,
                                       seconds=seconds + SECONDS, quiet=True))
    if out.route or out.timed_out:
        return None
    return course_trace, learner_trace


def _same_start(runner, course_trace, learner_trace, case):
    """For a training function: both start from the same weights (else nothing compares)."""
    if case.start is None:
        return True
    for name in ("W1", "w"):
        a, b = course_trace.values(name), learner_trace.values(name)
        if a and b:
            return diagnose.tracing.same(a[0], b[0])
    return True


def _values_before(trace, event):
    """{name: last value} of a trace up to (and not including) ``event``."""
    out = {}
    for e in trace.events:
        if e is event:
            break
        out[e.name] = e.value
        if e.parent:
            out.setdefault(e.parent, e.value)
    return out


def _levels(runner, finding, course_trace, learner_trace):
    name, levels = finding.name, {}
    ref = course.function_of(runner.key)
    statement = lines.course_statement(ref, name)
    if statement:
        shapes = lines.with_shapes(statement, _values_before(course_trace, finding.course_event))
        levels[2] = (f"the course computes {name} (shape {lines.shape_text(finding.expected)}) as\n"
                     f"    {statement}\n" + (f"with {shapes}." if shapes else ""))
    mine = lines.learner_line(learner_trace.filename, finding.line)
    if mine:
        event = next((e for e in learner_trace.events if e.name == name and e.line == finding.line),
                     None)
        shapes = lines.with_shapes(mine, _values_before(learner_trace, event))
        text = f"your line for {name}:\n    {mine}\n" + (f"with {shapes}." if shapes else "")
        how = lines.difference(mine, statement) if statement else None
        if how:
            text += f"\nIt has {how}."
        levels[3] = text
    return levels


def diagnose_case(runner, case, seconds, m=None):
    """The ``Diagnosis`` of a failing case (see the module docstring), or None."""
    try:
        found = traces(runner, case, seconds)
        if found is None:
            return None
        course_trace, learner_trace = found
        if not _same_start(runner, course_trace, learner_trace, case):
            return None
        finding = diagnose.first_wrong(course_trace, learner_trace)
        if finding is None:
            return Diagnosis()
        notebook = notebook_data(runner.fn)
        right = diagnose.right_text(finding)
        if finding.fewer:
            row = (f"{finding.name} is computed {finding.got_count} time(s) by your function and "
                   f"{finding.count} times by the course's on this case: a loop stops one pass "
                   f"short (check its range).")
            hint = row
        else:
            what = diagnose.identify(finding, course_trace, notebook, m)
            row = f"{finding.name}" + (f" ({right}; {finding.name} is the first that differs)"
                                       if right else " (the first quantity that differs)")
            hint = (f"{finding.name} is wrong: the course's is {show(finding.expected)}, yours is "
                    f"{show(finding.got)}." + (f" {what[0].upper()}{what[1:]}" if what else ""))
        rows = [("wrong quantity", row)]
        return Diagnosis(finding, rows, _levels(runner, finding, course_trace, learner_trace), hint)
    except Exception:  # noqa: BLE001 - a diagnosis never breaks a check
        return None
