"""The machinery every check shares: run the learner's function safely, compare
its result with the reference, and explain a difference.

A check is a list of ``Case`` objects (inputs, plus the reference's output
computed at check time) and a list of ``Mistake`` models (what a typical wrong
implementation would return on the same inputs, and what to say then). For
each case in turn, ``run_check``:

1. copies the inputs and calls the learner's function on the copies (an
   exception from the learner's code surfaces with its own traceback and a note
   naming the case; ``NotImplementedError`` means "not done yet");
2. fails if the learner's function changed an input;
3. compares type, then shape, then values, and stops at the first difference
   with an ``AssertionError`` showing expected and got, the largest difference
   and where, and a hint;
4. on success prints one line, e.g. ``propagate: all 5 cases passed``.
"""

import copy
import dis
import inspect
import numbers
import types
import warnings

import numpy as np

RTOL = 1e-6   # float64 round-off of equivalent formulas is ~1e-12; real mistakes are far larger
ATOL = 1e-9


class GlobalNameWarning(UserWarning):
    """The learner's function reads a notebook variable it should take as an argument."""


class Case:
    """One set of inputs. ``args``/``kwargs`` are passed to both implementations.

    ``m`` (the number of examples, used by hints such as "missing 1/m") is the
    column count of the last 2-D array argument (X, Y, dZ or AL in every graded
    signature) unless given.
    """

    def __init__(self, label, *args, m=None, **kwargs):
        self.label = label
        self.args = args
        self.kwargs = kwargs
        arrays = [a for a in args if isinstance(a, np.ndarray) and a.ndim == 2]
        self.m = m if m is not None else (arrays[-1].shape[1] if arrays else None)


class Mistake:
    """A typical wrong implementation: ``model(case)`` returns what it would give."""

    def __init__(self, hint, model):
        self.hint = hint
        self.model = model


# --- calling the learner's function --------------------------------------------------------

def _call(name, fn, case, index, total):
    args, kwargs = copy.deepcopy(case.args), copy.deepcopy(case.kwargs)
    snapshot = copy.deepcopy((args, kwargs))
    try:
        result = fn(*args, **kwargs)
    except NotImplementedError:
        raise AssertionError(f"{name}: not done yet. Replace `raise NotImplementedError()` in "
                             f"{name} with your code, run that cell, then this one.") from None
    except Exception as exc:  # the learner's own error: keep its traceback, add which case
        exc.add_note(f"(raised inside your {name} while checking case {index} of {total}: "
                     f"{case.label})")
        raise
    changed = _changed_input(fn, snapshot, args, kwargs)
    if changed:
        raise AssertionError(
            f"{name}: your function changed its input `{changed}` (case {index}: {case.label}). "
            f"Functions must not modify their arguments: write `x = x - ...` (a new array) "
            f"instead of `x -= ...`, or work on `x.copy()`.")
    return result


def _changed_input(fn, snapshot, args, kwargs):
    """The name (and place) of the first input the call changed, e.g. 'parameters["W1"]'."""
    try:
        names = list(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        names = []
    before_args, before_kwargs = snapshot
    for i, (b, a) in enumerate(zip(before_args, args)):
        hit = _first_change(b, a, names[i] if i < len(names) else f"argument {i + 1}")
        if hit:
            return hit
    for k in kwargs:
        hit = _first_change(before_kwargs[k], kwargs[k], k)
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


def global_names(fn):
    """Names of notebook data (arrays, dicts, lists, numbers) that ``fn`` reads as globals.

    Only functions defined in a notebook (module ``__main__``) are inspected, and
    UPPER_CASE names count as constants, not data.
    """
    code = getattr(fn, "__code__", None)
    if code is None or getattr(fn, "__module__", None) != "__main__":
        return []
    found, stack = [], [code]
    while stack:
        co = stack.pop()
        for ins in dis.get_instructions(co):
            if ins.opname == "LOAD_GLOBAL" and ins.argval not in found:
                found.append(ins.argval)
        stack.extend(c for c in co.co_consts if isinstance(c, types.CodeType))
    g = getattr(fn, "__globals__", {})
    data_types = (np.ndarray, dict, list, tuple, numbers.Number)
    return [n for n in found if n in g and isinstance(g[n], data_types)
            and not isinstance(g[n], bool) and not n.isupper()]


# --- comparing -----------------------------------------------------------------------------

def _show(x):
    if isinstance(x, np.ndarray):
        return np.array2string(x, precision=6, threshold=12, edgeitems=2,
                               max_line_width=88).replace("\n", "\n            ")
    return repr(x)


def _is_scalar(x):
    return isinstance(x, numbers.Real) and not isinstance(x, bool) or \
        isinstance(x, np.ndarray) and x.ndim == 0


class Difference(Exception):
    """Where and how ``got`` differs from ``expected``; ``kind`` is type, shape or values."""

    def __init__(self, path, kind, text, got=None, expected=None):
        super().__init__(text)
        self.path, self.kind, self.text, self.got, self.expected = path, kind, text, got, expected


def compare(got, expected, path="the result"):
    """Raise ``Difference`` at the first place ``got`` differs from ``expected``."""
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            raise Difference(path, "type", f"{path} should be a dict with keys {sorted(expected)}, "
                             f"got {type(got).__name__}")
        missing = [k for k in expected if k not in got]
        if missing:
            raise Difference(path, "type", f"{path} is missing the key(s) {missing}; it has "
                             f"{sorted(got)}")
        for k in expected:
            compare(got[k], expected[k], f'{path}["{k}"]')
        return
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            raise Difference(path, "type", f"{path} should be a {type(expected).__name__} of "
                             f"{len(expected)} items, got {type(got).__name__}")
        if len(got) != len(expected):
            raise Difference(path, "type", f"{path} should have {len(expected)} items, got "
                             f"{len(got)}")
        for i, (g, e) in enumerate(zip(got, expected)):
            compare(g, e, f"{path}[{i}]")
        return
    if _is_scalar(expected):
        if isinstance(got, np.ndarray) and got.size == 1 and got.ndim > 0:
            raise Difference(path, "type", f"{path} should be a single number, got an array of "
                             f"shape {got.shape}. Use `.item()` or `np.squeeze(...)` to turn it "
                             f"into a number.")
        if not _is_scalar(got):
            raise Difference(path, "type", f"{path} should be a number, got "
                             f"{type(got).__name__}")
        if not np.isclose(float(got), float(expected), rtol=RTOL, atol=ATOL):
            raise Difference(path, "values", f"{path} is {float(got):.10g}, expected "
                             f"{float(expected):.10g}", float(got), float(expected))
        return
    if isinstance(expected, np.ndarray):
        if not isinstance(got, np.ndarray):
            raise Difference(path, "type", f"{path} should be a numpy array of shape "
                             f"{expected.shape}, got {type(got).__name__}")
        if got.shape != expected.shape:
            raise Difference(path, "shape", f"{path} has shape {got.shape}, expected "
                             f"{expected.shape}", got, expected)
        if got.dtype.kind not in "biuf":
            raise Difference(path, "type", f"{path} should hold numbers, got dtype {got.dtype}")
        g, e = got.astype(np.float64), expected.astype(np.float64)
        if not np.allclose(g, e, rtol=RTOL, atol=ATOL, equal_nan=False):
            diff = np.abs(g - e)
            diff[np.isnan(diff)] = np.inf
            where = tuple(int(i) for i in np.unravel_index(np.argmax(diff), diff.shape))
            raise Difference(path, "values",
                             f"{path} has the wrong values.\n  expected: {_show(e)}\n"
                             f"  got:      {_show(g)}\n  largest difference {diff[where]:.4g} "
                             f"at index {where} (expected {e[where]:.6g}, got {g[where]:.6g})",
                             g, e)
        return
    if got != expected:
        raise Difference(path, "values", f"{path} is {got!r}, expected {expected!r}")


def _at(value, path):
    """Follow a compare() path like 'the result[0]["dw"]' into ``value``."""
    rest = path[len("the result"):]
    while rest:
        if rest.startswith('["'):
            key, rest = rest[2:].split('"]', 1)
            value = value[key]
        else:
            idx, rest = rest[1:].split("]", 1)
            value = value[int(idx)]
    return value


def generic_hint(diff, case):
    """A hint from the shape of a difference alone (scale by m, sign, transpose, rank-1)."""
    got, exp = diff.got, diff.expected
    if diff.kind == "shape":
        if got.ndim == 1 and exp.ndim == 2:
            return (f"you returned a rank-1 array {got.shape}; keep it 2-D {exp.shape}: pass "
                    f"`keepdims=True` to np.sum, or `.reshape{exp.shape}`.")
        if got.shape == exp.shape[::-1]:
            return "the shape is transposed: check the order of the factors in np.dot and where `.T` goes."
        if case.m is not None and case.m in got.shape and case.m not in exp.shape:
            return (f"your result still has an axis of length m = {case.m}: a product that should "
                    f"sum over the examples was done elementwise (`*`) instead of with np.dot / "
                    f"`@`, or a sum over axis=1 is missing.")
        return None
    if diff.kind != "values":
        return None
    g, e = np.asarray(got, dtype=float), np.asarray(exp, dtype=float)
    if not np.all(np.isfinite(g)):
        return ("your values contain NaN or inf: look for a log of 0, a division by 0, or a "
                "learning-rate step with the wrong sign.")
    if case.m and case.m > 1 and np.allclose(g, e * case.m, rtol=1e-5, atol=1e-12):
        return f"every value is m = {case.m} times too large: divide by m (a mean over the examples)."
    if case.m and case.m > 1 and np.allclose(g * case.m, e, rtol=1e-5, atol=1e-12):
        return f"every value is m = {case.m} times too small: you divided by m twice."
    if np.allclose(g, -e, rtol=1e-5, atol=1e-12):
        return "every value has the wrong sign."
    if g.ndim == 2 and g.shape[0] == g.shape[1] and np.allclose(g.T, e, rtol=1e-5, atol=1e-12):
        return "your matrix is the transpose of the expected one."
    return None


def costs_hint(position):
    """A ``result_hint`` for training functions whose result[position] is the list of costs:
    spots a cost recorded at every iteration instead of every 100."""
    def hint(diff, case, got):
        n = case.kwargs.get("num_iterations")
        if diff.path == f"the result[{position}]" and isinstance(got[position], list) \
                and len(got[position]) == n:
            return "record the cost only every 100 iterations: `if i % 100 == 0: costs.append(cost)`."
        return None
    return hint


def run_check(name, learner_fn, reference_fn, cases, mistakes=(), *, result_hint=None):
    """Grade ``learner_fn`` against ``reference_fn`` on ``cases``; see the module docstring.

    mistakes    : ``Mistake`` models tried, in order, when a case fails
    result_hint : optional ``f(diff, case, got) -> str or None`` for function-specific
                  hints that need more than a mistake model
    """
    if not callable(learner_fn):
        raise AssertionError(f"{name}: expected your function, got {type(learner_fn).__name__}. "
                             f"Pass the function itself: check_{name}({name}).")
    names = global_names(learner_fn)
    if names:
        warnings.warn(f"{name} reads the notebook variable(s) {names} instead of taking them as "
                      f"arguments; it works here but breaks on other data. Use the arguments.",
                      GlobalNameWarning, stacklevel=3)
    total = len(cases)
    for index, case in enumerate(cases, start=1):
        expected = reference_fn(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
        got = _call(name, learner_fn, case, index, total)
        try:
            compare(got, expected)
        except Difference as diff:
            raise AssertionError(_explain(name, diff, case, index, total, got, mistakes,
                                          result_hint)) from None
    print(f"{name}: all {total} cases passed")


def _matching_mistake(mistakes, case, got, path=None):
    """The hint of the first mistake model whose output equals ``got`` (or its part at ``path``)."""
    for mistake in mistakes:
        try:
            with np.errstate(all="ignore"):
                wrong = mistake.model(case)
            if path is None:
                compare(got, wrong)
            else:
                compare(_at(got, path), _at(wrong, path))
        except Exception:  # noqa: BLE001 - a model that does not apply, or no match
            continue
        return mistake.hint
    return None


def _explain(name, diff, case, index, total, got, mistakes, result_hint):
    hint = (_matching_mistake(mistakes, case, got)                # the whole result matches a mistake
            or (result_hint(diff, case, got) if result_hint else None)
            or generic_hint(diff, case)                           # m times off, sign, transposed...
            or _matching_mistake(mistakes, case, got, diff.path))  # the differing part matches one
    message = f"{name}: case {index} of {total} ({case.label}): {diff.text}"
    return message + (f"\nHint: {hint}" if hint else "")
