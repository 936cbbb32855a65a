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

import ast
import contextlib
import io
import types
import warnings

import numpy as np

from . import calling, course, diagnose, lines
from .compare import show
from .notebook import notebook_data, operands

SECONDS = 2.0          # the diagnosing call may run this long beyond the case's own time


class Diagnosis:
    """``finding`` (the first wrong quantity, or None), ``rows`` [(label, text)] of level 1,
    ``levels`` {2: text, 3: text}."""

    def __init__(self, finding=None, rows=(), levels=None, hint=None, identified=False):
        self.finding, self.rows, self.levels, self.hint = finding, list(rows), dict(levels or {}), hint
        self.identified = identified   # the hint says what the wrong value equals (confirmed)


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


def _values_before(trace, event, locals_only=False):
    """{name: last value} of a trace up to (and not including) ``event`` (the locals only, not
    the entries of dicts, if ``locals_only``)."""
    out = {}
    for e in trace.events:
        if e is event:
            break
        if locals_only and e.parent:
            continue
        out[e.name] = e.value
        if e.parent:
            out.setdefault(e.parent, e.value)
    return out


def _your_names(statement, course_values, learner_values):
    """{course name: the learner's name} for the names of ``statement`` that the learner holds
    under another name (matched by value); names the learner shares are left as they are."""
    out = {}
    for name in lines.loaded_names(statement):
        value = course_values.get(name)
        if value is None or name in learner_values:
            continue
        for other, v in learner_values.items():
            if diagnose.tracing.same(value, v) and np.shape(value) == np.shape(v):
                out[name] = other
                break
    return out


def _levels(runner, finding, course_trace, learner_trace):
    """Level 2: the course's line for the quantity with shapes; level 3: that line in the
    learner's own names, beside the learner's line."""
    name, levels = finding.name, {}
    ref = course.function_of(runner.key)
    statement = lines.course_statement(ref, name)
    if not statement:
        return levels
    course_values = _values_before(course_trace, finding.course_event)
    shapes = lines.with_shapes(statement, course_values)
    levels[2] = (f"the course computes {name} (shape {lines.shape_text(finding.expected)}) as\n"
                 f"    {statement}\n" + (f"with {shapes}." if shapes else ""))
    mine = lines.learner_line(learner_trace.filename, finding.line)
    event = next((e for e in learner_trace.events if e.name == name and e.line == finding.line), None)
    learner_values = _values_before(learner_trace, event, locals_only=True)
    theirs = _values_before(course_trace, finding.course_event, locals_only=True)
    yours = lines.renamed(statement, _your_names(statement, theirs, learner_values))
    text = f"in your names, the course's line is\n    {yours}"
    if mine:
        text += f"\nand yours is\n    {mine}"
        how = lines.difference(mine, yours)
        if how:
            text += f"\nwhich has {how}."
    levels[3] = text
    return levels


def _span(values):
    """'0, 1, ..., 49 (50 passes)' for a loop variable's values."""
    shown = [f"{v:g}" if isinstance(v, float) else str(v) for v in values]
    if len(shown) > 3:
        return f"{shown[0]}, {shown[1]}, ..., {shown[-1]} ({len(shown)} passes)"
    return ", ".join(shown) + f" ({len(shown)} pass{'es' if len(shown) != 1 else ''})"


def _counts(runner, course_trace, learner_trace):
    """(name, the learner's count, the course's count) of the first quantity whose assignment
    runs another number of times in the learner's function than in the course's, or None.
    Each side counts its most-run statement assigning the name, so a name assigned twice in
    a row (``cost = ...``, ``cost = np.squeeze(cost)``) counts once per pass."""
    if not (course_trace.counted and learner_trace.counted) or learner_trace.error is not None:
        return None
    mine = dict(lines.assignments(runner.fn))
    for name, where in lines.assignments(course.function_of(runner.key)):
        if name not in mine:
            continue
        theirs = max(course_trace.runs(*span) for span in where)
        yours = max(learner_trace.runs(*span) for span in mine[name])
        if theirs != yours and theirs > 0:
            return name, yours, theirs
    return None


def _returned(diff, course_trace, notebook):
    """A hint for a wrong result when every traced quantity is right: what the returned part
    holds, if it equals something computable on the case."""
    part = diff.got
    text = (f"each quantity your function computes on the way matches the course's on this case; "
            f"{diff.path} is wrong in what it returns")
    if diff.kind in ("values", "shape") and part is not None:
        probe = diagnose.Finding(diff.path, diff.expected, part, [], None, None, 1, 1)
        what = diagnose.identify(probe, course_trace, notebook)
        if what:
            return f"{text}: {what.removeprefix('your ')}"
    return text + ": look at the return line (and the dict or tuple it builds)."


def diagnose_case(runner, case, seconds, m=None, diff=None):
    """The ``Diagnosis`` of a failing case (see the module docstring), or None."""
    try:
        found = traces(runner, case, seconds)
        if found is None:
            return None
        course_trace, learner_trace = found
        if not _same_start(runner, course_trace, learner_trace, case):
            return None
        mine, theirs = lines.loop_names(runner.fn), lines.loop_names(course.function_of(runner.key))
        finding = diagnose.first_wrong(course_trace, learner_trace, mine | theirs, mine & theirs)
        notebook = notebook_data(runner.fn)
        if finding is None:
            counted = _counts(runner, course_trace, learner_trace)
            if counted:
                name, yours, theirs = counted
                finding = diagnose.Finding(name, None, None, [], None, None, theirs, yours)
                text = (f"{name} is computed {yours} time(s) by your function and {theirs} by "
                        f"the course's on this case: check the range of the loop (or the "
                        f"condition of the if) around it.")
                return Diagnosis(finding, [("wrong quantity", text)], {}, text)
            if diff is not None and learner_trace.error is None:
                rows = [] if (course_trace.cut or learner_trace.cut) else [
                    ("wrong quantity", f"{diff.path} (each quantity your function computes on the "
                                       f"way is right; what it returns is not)")]
                return Diagnosis(None, rows, {}, _returned(diff, course_trace, notebook))
            return Diagnosis()
        right = diagnose.right_text(finding)
        shown = finding.shown
        identified = False
        body = lines.loop_over(runner.fn, finding.name)
        if body is not None:
            theirs, yours = course_trace.values(finding.name), learner_trace.values(finding.name)
            row = (f"the loop over {finding.name}" + (f", which computes "
                                                      f"{', '.join(map(lines.family, body))}"
                                                      if body else "")
                   + f": yours runs {len(yours)} pass(es), the course's {len(theirs)}")
            hint = (f"{row} on this case ({finding.name} = {_span(yours)} in yours): check the "
                    f"loop's range.")
        elif finding.got_count == 0:
            row = (f"{shown} (your function never computes it: it keeps the value it "
                   f"was given" + (f"; {right}" if right else "") + ")")
            hint = (f"your function never computes a new {shown} (the course's has shape "
                    f"{lines.shape_text(finding.expected)}): the step for it is missing, or does "
                    f"not run for it (a loop stops short?).")
        elif finding.fewer:
            row = (f"{shown} (yours takes {finding.got_count} value(s) on this case, the "
                   f"course's {finding.count}" + (f"; {right}" if right else "") + ")")
            hint = (f"your {shown} takes {finding.got_count} value(s) where the course's takes "
                    f"{finding.count} on this case: a step that computes it again (in a loop?) "
                    f"is missing or stops short.")
        else:
            what = diagnose.identify(finding, course_trace, notebook, m)
            identified = what is not None
            row = f"{shown}" + (f" ({right}; {finding.name} is the first that differs)"
                                if right else " (the first quantity that differs)")
            hint = f"{what[0].upper()}{what[1:]}" if what else \
                (f"{shown} is wrong: the course's is {show(finding.expected)}, yours is "
                 f"{show(finding.got)}.")
        rows = [("wrong quantity", row)]
        return Diagnosis(finding, rows, _levels(runner, finding, course_trace, learner_trace), hint,
                         identified)
    except Exception:  # noqa: BLE001 - a diagnosis never breaks a check
        return None


def _call_arguments(text):
    """{function: [argument text, ...]} of the calls in a line of code."""
    try:
        tree = ast.parse(text.strip())
    except SyntaxError:
        return {}
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            out.setdefault(ast.unparse(node.func), [ast.unparse(a) for a in node.args])
    return out


def raised_at(runner, case, line, exc, diagnosis, lineno=None):
    """A ``Diagnosis`` for an exception raised before any traced quantity went wrong: the
    quantity the failing line computes, and the arguments of a call in it that differ from
    the course's (by shape), or ``diagnosis`` unchanged."""
    try:
        targets = lines.targets_of_line(line)
        if not targets:
            inside = lines.block_targets(runner.fn, lineno) if lineno else []
            if not inside:
                return diagnosis
            text = (f"{inside[0]} (your function raised in the loop or if that computes it, at "
                    f"`{line.strip()}`)")
            return Diagnosis(None, [("wrong quantity", text)], {}, None)
        name = targets[0]
        rows = [("wrong quantity", f"{name} (your function raised in the line that computes it)")]
        ref = course.function_of(runner.key)
        statement = lines.course_statement(ref, name) if ref else None
        hint = None
        if statement:
            found = traces(runner, case, runner.seconds)
            mine, theirs = _call_arguments(line), _call_arguments(statement)
            values = {}
            if found:
                values = {e.name: e.value for e in found[0].events}
            local = {n: v for n, _, v in operands(exc, runner.fn, line)}
            for func, args in mine.items():
                other = theirs.get(func)
                if not other or len(other) != len(args):
                    continue
                for i, (a, b) in enumerate(zip(args, other)):
                    va, vb = local.get(a), values.get(b)
                    if a != b and isinstance(va, np.ndarray) and isinstance(vb, np.ndarray) and \
                            va.shape != vb.shape:
                        hint = (f"argument {i + 1} of {func}(...) in the line for {name}: yours is "
                                f"{a}, shape {va.shape}; the course passes {b} there, shape "
                                f"{vb.shape}.")
                        break
                if hint:
                    break
            levels = {2: f"the course computes {name} as\n    {statement}"}
            levels[3] = f"your line for {name}:\n    {line.strip()}"
            how = lines.difference(line, statement)
            if how:
                levels[3] += f"\nIt has {how}."
            finding = diagnose.Finding(name, None, None, [], None, None, 0, 0)
            return Diagnosis(finding, rows, levels, hint)
        return Diagnosis(None, rows, {}, None)
    except Exception:  # noqa: BLE001 - a diagnosis never breaks a check
        return diagnosis
