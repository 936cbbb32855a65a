"""Arguments that make no difference: vary each argument the learner's function takes and
see whether its result moves where the reference's does.

``unused(runner, case, got, ...)`` changes one argument at a time (arrays by a seeded amount that
keeps them valid: labels stay 0/1, probabilities stay inside (0, 1); numbers by a little),
calls the learner's function and the reference on the changed case, and names each argument
for which the reference's result changes and the learner's does not: the function ignores
it (a fixed number, or a notebook variable, stands where it belongs). Only run for a failing
case, and only where one call is quick.
"""

import copy
import numbers

import numpy as np

from . import calling
from .compare import Difference, compare, plain

QUICK = 0.05        # seconds: a call slower than this is not repeated per argument
SKIPPED = ("print_cost", "seed", "scale", "activation")


def _varied(value, rng):
    """A valid neighbour of ``value``, or None if it can't be varied safely."""
    if isinstance(value, (bool, np.bool_, str)) or value is None:
        return None
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "iub":
            if set(np.unique(value).tolist()) <= {0, 1}:
                return 1 - value
            return None
        if value.dtype.kind != "f" or value.size == 0:
            return None
        if value.min() > 0 and value.max() < 1:          # probabilities stay probabilities
            return 0.5 * value + 0.25 * rng.random(value.shape) + 0.1
        return value + 0.5 * rng.standard_normal(value.shape)
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            w = _varied(v, rng) if isinstance(v, np.ndarray) else v
            out[k] = v if w is None else w
        return out
    if isinstance(value, numbers.Integral):
        return value + 1
    if isinstance(value, numbers.Real):
        return value * 1.5 + 0.01
    return None


def _with(case, reference_fn, name, value):
    """A copy of ``case`` with its argument ``name`` (as the reference names it) replaced."""
    twin = copy.copy(case)
    params = list(calling.parameters_of(reference_fn) or [])
    if name in case.kwargs:
        twin.kwargs = {**case.kwargs, name: value}
    elif name in case.optional:
        twin.optional = {**case.optional, name: value}
    elif name in params and params.index(name) < len(case.args):
        args = list(case.args)
        args[params.index(name)] = value
        twin.args = tuple(args)
    else:
        return None
    return twin


def _same(a, b):
    try:
        compare(a, b)
        compare(b, a)
    except Difference:
        return False
    except Exception:  # noqa: BLE001 - results that do not compare count as different
        return False
    return True


def unused(runner, case, got, elapsed, reference_call):
    """The learner's parameters that make no difference on ``case`` (see the module docstring);
    ``reference_call(reference_fn, case)`` is how the check calls its reference."""
    if elapsed > QUICK:
        return []
    rng = np.random.default_rng(7)
    out = []
    try:
        expected = plain(reference_call(runner.reference_fn, case))
    except Exception:  # noqa: BLE001 - a case the reference can't vary from
        return []
    for name in runner.params:
        if name in SKIPPED:
            continue
        value = runner.case_values(case).get(name)
        new = _varied(value, rng)
        twin = _with(case, runner.reference_fn, name, new) if new is not None else None
        if twin is None:
            continue
        try:
            moved = plain(reference_call(runner.reference_fn, twin))
        except Exception:  # noqa: BLE001 - the varied argument is not valid for the reference
            continue
        if _same(moved, expected):
            continue
        outcome = calling.call(runner.fn, twin, references=runner.references,
                               seconds=runner.seconds, quiet=True)
        if outcome.exc is None and not outcome.route and not outcome.timed_out and \
                _same(plain(outcome.result), got):
            out.append(name)
    return out


def sentence(fn_name, names):
    listed = ", ".join(names)
    return (f"{fn_name} gives the same result when {listed} changes, where the course's result "
            f"changes: your function does not use {listed} (a fixed number or a notebook "
            f"variable in its place?).")
