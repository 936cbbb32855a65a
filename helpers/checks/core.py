"""The machinery every check shares: run the learner's function on each case, compare its
result with the reference, and explain a difference in one clean block.

A check is a list of ``Case`` objects (inputs) and ``Mistake`` models (what a typical
wrong implementation returns on the same inputs, and what to say then). For each case,
``run_check``:

1. calls the learner's function on copies of the inputs (``calling.call``: only the
   arguments its signature takes, a time limit, capped printed output, a watch for
   the routes round the grading: running a reference, another process...);
2. fails with a hint read from the exception if the learner's code raised
   (``exception_hints``), keeping the learner's own traceback lines;
3. only then computes the expected result (so no frame of the learner's call can see
   it) with the reference captured at import, and compares type, shape and values;
4. explains the first difference: traces the learner's function and the course's way of
   writing it on the failing case (``explain``) to name the first wrong quantity and what
   its value is, then picks the most confirmed hint (``_hint``): a mistake model that
   reproduces the result, what the wrong value equals, a function-specific or generic
   reading (m times off, sign, transposed, rank-1); names arguments that make no
   difference (``arguments``) and notebook variables the function reads (``notebook``),
   inside the block; the course's formula and the learner's line wait for ``hint=2``/``3``;
5. on success shows one pass line; a function that changed an input but returned the
   right result passes with a note on why that is a bad habit.
"""

import copy
import functools
import numbers
import time
import warnings

import numpy as np

from . import arguments, calling, explain, integrity, lines, notebook, progress, watch
from .compare import Difference, at, compare, generic_hint, plain
from .exception_hints import Ctx, exception_hint
from .feedback import CheckFailed, code_lines, learner_frames, remember, show_pass
from .notebook import global_names  # noqa: F401 - where the checks' users have found it

EXTRA_SECONDS = 5.0    # a case may run this long beyond 20 x the reference's time


class Case:
    """One set of inputs. ``args``/``kwargs`` go to both implementations; ``optional``
    (``seed``, ``scale``, an older version's ``parameters``) goes to the learner's function
    only if its signature names it, and to the reference if the reference's does.
    ``general`` marks a case beyond the course's own shapes (two output units), there to
    catch formulas that only work for one; a learner's own ``assert`` on the course's
    shape skips it instead of failing.

    ``m`` (the number of examples, used by hints such as "missing 1/m") is the column
    count of the last 2-D array argument unless given.
    """

    def __init__(self, label, *args, m=None, optional=None, general=False, **kwargs):
        self.label, self.args, self.kwargs = label, args, kwargs
        self.general = general  # beyond the course's shapes (n_y = 2): a learner's assert skips it
        self.optional = dict(optional or {})
        arrays = [a for a in args if isinstance(a, np.ndarray) and a.ndim == 2]
        self.m = m if m is not None else (arrays[-1].shape[1] if arrays else None)
        self.start = None  # a training function's starting parameters, once known

    def with_kwargs(self, **changes):
        twin = copy.copy(self)
        twin.kwargs = {**self.kwargs, **{k: v for k, v in changes.items() if k in self.kwargs}}
        twin.optional = {**self.optional, **{k: v for k, v in changes.items() if k in self.optional}}
        return twin


class Mistake:
    """A typical wrong implementation: ``model(case)`` returns what it would give."""

    def __init__(self, hint, model):
        self.hint = hint
        self.model = model


def graded(check):
    """Decorator for every public check: a failure reaches the learner with no traceback
    through the checks' own frames (in plain Python one line of this wrapper remains).
    Each verdict goes to ``progress`` (the learner's record of what passes).

    ``hint`` is the rung of the hint ladder to show: 1 (what is wrong and where), 2 (also
    the course's formula for the first wrong quantity, with shapes), 3 (also the learner's
    own line for it). ``helpers.checks.hint()`` shows the next rung of the last failure."""
    @functools.wraps(check)
    def wrapper(fn, hint=1):
        try:
            check(fn)
        except CheckFailed as failure:
            progress.record(wrapper, fn, failure.headline)
            remember(failure)
            if hint not in (1, 2, 3):
                raise CheckFailed(failure.name, f"hint must be 1, 2 or 3, got {hint!r}",
                                  [("hint", f"check_{failure.name}({failure.name}, hint=2)")]
                                  ) from None
            raise failure.up_to(hint).with_traceback(None) from None
        progress.record(wrapper, fn)
    return wrapper


def reference_call(reference_fn, case, **override):
    params = calling.parameters_of(reference_fn) or {}
    kwargs = {**case.kwargs, **{k: v for k, v in case.optional.items() if k in params}, **override}
    return reference_fn(*copy.deepcopy(case.args), **copy.deepcopy(kwargs))


def describe(case, reference_fn, fn=None):
    """'w (2, 1), b = 2.0, X (2, 3), Y = [[1 0 1]]': the case's inputs by parameter name
    (the optional ones only where the learner's function ``fn`` takes them)."""
    params = list(calling.parameters_of(reference_fn) or [])
    named = list(zip(params, case.args)) + list(case.kwargs.items()) + \
        [(k, v) for k, v in case.optional.items() if fn is None or calling.accepts(fn, k)
         if k in params]
    return ", ".join(_brief(k, v) for k, v in named)


def _brief(name, value):
    if isinstance(value, np.ndarray):
        if value.size <= 6:
            text = np.array2string(value, precision=4, separator=", ", max_line_width=10_000)
            return f"{name} = {' '.join(text.split())}"
        return f"{name} {value.shape}"
    if isinstance(value, dict):
        inner = ", ".join(f"{k} {v.shape}" if isinstance(v, np.ndarray) else f"{k}"
                          for k, v in value.items())
        return f"{name} {{{inner}}}"
    if isinstance(value, list):
        if len(value) <= 8 and all(isinstance(v, numbers.Number) for v in value):
            return f"{name} = {value!r}"
        return f"{name} (a list of {len(value)})"
    if isinstance(value, tuple):
        return f"{name} (a tuple of {len(value)})"
    return f"{name} = {value!r}"


class Runner:
    """One check in progress: calls the learner's function and turns what goes wrong
    into a ``CheckFailed``."""

    def __init__(self, name, fn, reference_fn, total, forbidden, exception_rules):
        self.name, self.fn, self.reference_fn, self.total = name, fn, reference_fn, total
        self.references = integrity.reference_keys(forbidden)
        self.exception_rules = exception_rules
        self.notes = []
        module = getattr(reference_fn, "__module__", "") or ""
        self.key = f"{module.rsplit('.', 1)[-1]}.{name}"   # the CHECKS key: "nb03_shallow.predict"
        self.seconds = EXTRA_SECONDS

    def fail(self, index, case, headline, hint=None, diagnosis=None, **fields):
        rows = [("case", f"{index} of {self.total}: {case.label}"),
                ("inputs", describe(case, self.reference_fn, self.fn))]
        rows += [(k, v) for k, v in fields.items() if k not in ("code", "note")]
        if diagnosis is not None:
            rows += diagnosis.rows
        rows.append(("hint", hint))
        for note in notebook.reads_note(self.fn, self.params, self.case_values(case)):
            rows.append(("notebook", note))
        levels = diagnosis.levels if diagnosis is not None else {}
        if levels:
            q = diagnosis.finding.name
            rows.append(("more help", f"check_{self.name}({self.name}, hint=2) shows the course's "
                                      f"formula for {q} with its shapes; hint=3 also shows your "
                                      f"own line for it."))
        rows.append(("note", fields.get("note")))
        raise CheckFailed(self.name, headline, rows, fields.get("code", ()), levels)

    @property
    def params(self):
        return list(calling.parameters_of(self.fn) or [])

    def case_values(self, case):
        """{parameter: value} of the case as the learner's function receives it."""
        args, kwargs = calling.arguments(self.fn, case)
        return {**dict(zip(self.params, args)), **kwargs}

    def diagnose(self, case, diff=None):
        return explain.diagnose_case(self, case, self.seconds, case.m, diff)

    def check_integrity(self, index, case):
        swapped = integrity.replaced()
        if swapped:
            self.fail(index, case, f"{swapped} has been replaced since the checks were imported",
                      "the checks can't trust a notebook that reassigns numpy or helpers "
                      "functions: remove that assignment, restart the kernel (Kernel > Restart) "
                      "and run the cells again.")

    def call(self, index, case, seconds):
        """The learner's result on ``case``, or a ``CheckFailed`` saying what went wrong."""
        self.check_integrity(index, case)
        out = calling.call(self.fn, case, references=self.references, seconds=seconds)
        if out.route:
            self.fail(index, case, *watch.explain(out.route, self.name))
        self.check_integrity(index, case)
        if out.timed_out:
            self.fail(index, case, f"your function ran for {out.elapsed:.0f} s and was stopped",
                      "an infinite loop? Check that every loop ends (for i in "
                      "range(num_iterations), not while ...), then run the cell again.")
        if isinstance(out.exc, AssertionError) and case.general:
            return None  # the learner asserts the course's one-output shape: fair enough
        if out.exc is not None:
            self.explain_exception(index, case, out.exc)
        if out.changed:
            note = (f"your function changed its input `{out.changed}`. The result is right, but "
                    f"the caller's variable changes too (run a cell twice and get other numbers): "
                    f"write `x = x - ...` or copy first, not `x -= ...`.")
            if note not in self.notes:
                self.notes.append(note)
        return out

    def explain_exception(self, index, case, exc):
        if isinstance(exc, NotImplementedError):
            raise CheckFailed(self.name, "not done yet",
                              [("hint", f"replace `raise NotImplementedError()` in {self.name} "
                                        f"with your code, run that cell, then this one.")])
        frames = learner_frames(exc)
        if isinstance(exc, (SystemExit, KeyboardInterrupt)):
            self.fail(index, case, f"your function raised {type(exc).__name__}",
                      calling.exit_hint(exc), code=code_lines(exc, frames))
        own = [f for f in frames if f.name == getattr(self.fn, "__name__", None)]
        line, lineno = ((own[-1].line or ""), own[-1].lineno) if own else ("", None)
        cause, operands = notebook.cause(exc, self.fn, line, self.params, self.case_values(case))
        hint = cause or exception_hint(Ctx(exc, frames, self.fn, case), self.exception_rules)
        diagnosis = self.diagnose(case)
        if diagnosis is not None and diagnosis.finding is None:
            diagnosis = explain.raised_at(self, case, line, exc, diagnosis, lineno)
        if diagnosis is not None and not hint:
            hint = diagnosis.hint
        if diagnosis is not None and diagnosis.rows and not hint:
            hint = (f"{diagnosis.rows[0][1].split(' ')[0]} can't be computed from the values that "
                    f"line reads (the operands row): print the shape or type of each.")
        self.fail(index, case, f"your function raised {type(exc).__name__}", hint, diagnosis,
                  operands=operands, code=code_lines(exc, frames))


def run_check(name, learner_fn, reference_fn, cases, mistakes=(), *, outputs="the result",
              result_hint=None, exception_rules=(), forbidden=(), expected_from=None,
              judge=None):
    """Grade ``learner_fn`` against ``reference_fn`` on ``cases``; see the module docstring.

    outputs         : the course's name of the result, or a tuple naming each returned item
    mistakes        : ``Mistake`` models tried, in order, when a case fails
    result_hint     : optional ``f(diff, case, got) -> str or None``
    exception_rules : extra ``rule(ctx) -> str or None`` for the learner's exceptions
    forbidden       : building blocks this check forbids besides the references, which
                      every check forbids (``integrity``): ``helpers.activations.sigmoid``
                      in ``check_sigmoid``
    expected_from   : optional ``f(runner, index, case) -> expected``, for training
                      functions judged from the learner's own starting point
    judge           : optional ``f(runner, index, case, got)`` replacing the comparison
                      (random initialisation is judged by its properties)
    """
    if not callable(learner_fn):
        raise CheckFailed(name, f"expected your function, got {type(learner_fn).__name__}",
                          [("hint", f"pass the function itself: check_{name}({name}).")])
    runner = Runner(name, learner_fn, reference_fn, len(cases), forbidden, exception_rules)
    skipped = 0
    for index, case in enumerate(cases, start=1):
        start = time.perf_counter()
        reference_call(reference_fn, case)          # timed only; its result is not kept
        seconds = runner.seconds = EXTRA_SECONDS + 20 * (time.perf_counter() - start)
        out = runner.call(index, case, seconds)
        if out is None:
            skipped += 1
            continue
        got = plain(out.result)
        if judge is not None:
            judge(runner, index, case, got)
            continue
        expected = expected_from(runner, index, case) if expected_from else \
            reference_call(reference_fn, case)
        try:
            compare(got, expected, outputs)
        except Difference as diff:
            del expected
            diagnosis = runner.diagnose(case, diff) if got is not None else None
            hint = _hint(diff, case, got, mistakes, result_hint, outputs, runner.fn, diagnosis)
            ignored = arguments.unused(runner, case, got, out.elapsed, reference_call) \
                if got is not None else []
            if ignored:
                diagnosis = diagnosis or explain.Diagnosis()
                diagnosis.rows.append(("unused argument", arguments.sentence(name, ignored)))
            note = (f"your function changed its input `{out.changed}`; that may be what made the "
                    f"result wrong.") if out.changed else None
            runner.fail(index, case, f"{diff.path} is wrong", hint, diagnosis, **diff_rows(diff),
                        note=note)
        del expected
    if cases:
        runner.notes += notebook.reads_note(learner_fn, runner.params, runner.case_values(cases[0]))
    if skipped:
        runner.notes.append(f"{skipped} case(s) with two output units skipped: your function "
                            f"asserts the course's one-output shape.")
        show_pass(f"{name}: {len(cases) - skipped} cases passed", runner.notes)
    else:
        show_pass(f"{name}: all {len(cases)} cases passed", runner.notes)


def diff_rows(diff):
    """The expected / got / where rows of a difference, named as the course names them."""
    joiner = " = " if diff.kind == "values" else ": "
    return {"expected": f"{diff.path}{joiner}{diff.expected_text}",
            "got": f"{diff.path}{joiner}{diff.got_text}", "where": diff.where}


def _matching_mistake(mistakes, case, got, outputs, keys=None):
    """The hint of the first mistake model whose output equals ``got`` (or its part at ``keys``)."""
    for mistake in mistakes:
        try:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                wrong = mistake.model(case)
            if keys is None:
                compare(got, wrong, outputs)
            else:
                compare(at(got, keys), at(wrong, keys))
        except Exception:  # noqa: BLE001 - a model that does not apply, or no match
            continue
        return mistake.hint
    return None


def _hint(diff, case, got, mistakes, result_hint, outputs, fn=None, diagnosis=None):
    """The hint, most confirmed first: a mistake model that reproduces the whole result; what
    the first wrong quantity's value is (``explain``); a function-specific or generic reading
    of the difference; the first wrong quantity alone; a model matching only the differing
    part, only when no traced quantity is known wrong (it may be right for the wrong reason)."""
    if got is None:
        return "your function returns nothing (None): end it with `return ...` as the template does."
    found = diagnosis is not None and diagnosis.finding is not None
    return (_matching_mistake(mistakes, case, got, outputs)         # the whole result matches
            or (diagnosis.hint if found and diagnosis.identified else None)
            or (result_hint(diff, case, got) if result_hint else None)
            or generic_hint(diff, case, lines.function_tree(fn)[0] if fn else "")  # m, sign, .T
            or (diagnosis.hint if diagnosis is not None else None)
            or (None if found else _matching_mistake(mistakes, case, got, outputs, diff.keys)))


def costs_hint(position):
    """A ``result_hint`` for training functions whose item ``position`` is the list of costs:
    spots a cost recorded at every iteration instead of every 100."""
    def hint(diff, case, got):
        n = case.kwargs.get("num_iterations")
        if diff.keys[:1] == [position] and isinstance(got[position], list) and \
                len(got[position]) == n:
            return "record the cost only every 100 iterations: `if i % 100 == 0: costs.append(cost)`."
        return None
    return hint
