"""Judging random initialisation by what makes it right, not by one generator's draws.

A correct ``initialize_parameters`` (or ``_deep``) returns every key with the right
shape, biases of zeros, weights that are random (units differ), centred on 0 and
spread as asked (0.01, or 1/sqrt(n[l-1]) for "xavier"); the same call twice gives the
same result, and where the function takes ``seed``, another seed gives other weights.
The course's ``np.random.seed(2)`` + ``np.random.randn`` passes as well as
``np.random.default_rng(seed).standard_normal``.
"""

import numpy as np

from . import calling, core
from .compare import Difference, compare, generic_hint
from .integrity import array_equal


def _weights(expected):
    return [k for k in expected if k.startswith("W")]


def structure(got, expected):
    """Compare keys and shapes only (and biases exactly: they start at zero)."""
    if isinstance(got, dict):
        shaped = {k: (np.zeros(v.shape) if k in _weights(expected) and isinstance(v, np.ndarray)
                      else v) for k, v in got.items()}
    else:
        shaped = got
    template = {k: (np.zeros(v.shape) if k in _weights(expected) else v) for k, v in expected.items()}
    compare(shaped, template, "parameters")
    extra = [k for k in got if k not in expected] if isinstance(got, dict) else []
    if extra:
        raise Difference("parameters", [], "keys", f"a dict with keys {sorted(expected)}",
                         f"keys {sorted(map(str, got))}", f"extra key(s) {extra}", got, expected)


def _structure_words(diff, got, expected):
    """A hint naming the keys and shapes that differ (the course's words for them)."""
    if diff.kind == "keys" and isinstance(got, dict):
        missing = [k for k in expected if k not in got]
        extra = [k for k in got if k not in expected]
        if extra and not missing:
            return (f"parameters has key(s) {', '.join(map(str, extra))} the course does not: the "
                    f"layers are numbered from 1 (W1, b1, ...), so the loop starts at l = 1.")
        if missing:
            return f"parameters has no {', '.join(missing)}: each layer l gets its W{{l}} and b{{l}}."
    if diff.kind == "shape" and diff.keys and np.ndim(diff.got) == np.ndim(diff.expected):
        key = diff.keys[-1]
        return (f"{key} should have shape {diff.expected.shape}, yours has {diff.got.shape}: check "
                f"the sizes given to np.random.randn / np.zeros for {key} (the arguments, not "
                f"fixed numbers; rows are this layer's units, columns the previous layer's).")
    return None


def judge_init(factor, structure_hint=None, seed_param="seed"):
    """A ``judge`` for run_check. ``factor(case, key, shape)`` is the weights' intended spread."""
    def judge(runner, index, case, got):
        expected = core.reference_call(runner.reference_fn, case)
        if got is None:
            runner.fail(index, case, "your function returns nothing (None)",
                        "end it with `return parameters` as the template does.")
        try:
            structure(got, expected)
        except Difference as diff:
            hint = (structure_hint(diff, case, got) if structure_hint else None) or \
                generic_hint(diff, case)
            if diff.path.startswith('parameters["b') and diff.kind == "values":
                hint = hint or "the biases start at zero: np.zeros((n, 1))."
            words = _structure_words(diff, got, expected)
            if diff.kind == "keys" and words:
                missing = [k for k in expected if k not in got]
                layers = {k[1:] for k in missing}
                whole = all(f"W{n}" in missing and f"b{n}" in missing for n in layers)
                hint = f"{words} {hint}" if hint and whole else words
            else:
                hint = hint or words
            runner.fail(index, case, f"{diff.path} is wrong", hint, **core.diff_rows(diff))
        weights = {k: np.asarray(got[k], dtype=float) for k in _weights(expected)}
        judge_weights(runner, index, case, weights, factor)
        _judge_repeatable(runner, index, case, got, weights, seed_param)
    return judge


def judge_weights(runner, index, case, weights, factor):
    def fail(headline, hint):
        runner.fail(index, case, headline, hint)

    if not any(W.any() for W in weights.values()):
        fail("the weights are all zero",
             "the weights must be random, not zeros: with equal weights every unit in a layer "
             "computes the same thing and they stay the same (symmetry).")
    for key, W in weights.items():
        if not np.all(np.isfinite(W)):
            fail(f"parameters[\"{key}\"] holds NaN or inf", "draw the weights with np.random.randn.")
        if W.shape[0] > 1 and np.allclose(W, W[:1]):
            fail(f"every row of parameters[\"{key}\"] is the same",
                 "the units of a layer must start different (random rows), or they learn the "
                 "same thing: draw the whole matrix with np.random.randn(n_now, n_before).")
    z = np.concatenate([(W / factor(case, k, W.shape)).ravel() for k, W in weights.items()])
    if z.size >= 20 and np.all(z >= 0):
        fail("all weights are positive",
             "np.random.rand draws from [0, 1); the weights should be centred on 0: use "
             "np.random.randn (a standard normal), times the scale.")
    if z.size >= 30:
        spread = float(z.std())
        key = next(iter(weights))
        asked = factor(case, key, weights[key].shape)
        if not 0.6 < spread < 1.5:
            fail(f"the weights' spread is {spread * asked:.3g} (standard deviation of "
                 f"parameters[\"{key}\"] and the rest), expected about {asked:.3g}",
                 f"scale the standard-normal draws as asked: np.random.randn(...) * {asked:.3g}"
                 + (" (1 / np.sqrt(layer_dims[l - 1]) for \"xavier\")"
                    if case.optional.get("scale") == "xavier" else "") + ".")
        if abs(float(z.mean())) > 0.5:
            fail("the weights are not centred on 0",
                 "use np.random.randn (mean 0), not np.random.rand or an offset.")


def _judge_repeatable(runner, index, case, got, weights, seed_param):
    again = runner.call(index, case, core.EXTRA_SECONDS).result
    if not isinstance(again, dict) or any(not array_equal(np.asarray(again.get(k)), W)
                                          for k, W in weights.items()):
        runner.fail(index, case, "two calls with the same arguments gave different weights",
                    "make the draws repeatable: seed the generator inside the function "
                    "(np.random.seed(...) or np.random.default_rng(seed)), so a notebook run "
                    "twice gives the same numbers.")
    if seed_param in case.optional and calling.accepts(runner.fn, seed_param):
        other = case.with_kwargs(**{seed_param: case.optional[seed_param] + 101})
        different = runner.call(index, other, core.EXTRA_SECONDS).result
        first = next(iter(weights))
        if isinstance(different, dict) and array_equal(np.asarray(different.get(first)),
                                                       weights[first]):
            runner.fail(index, case, f"{seed_param} = {case.optional[seed_param]} and "
                        f"{seed_param} = {case.optional[seed_param] + 101} gave the same weights",
                        f"your function ignores its {seed_param} argument: use it to seed the "
                        f"generator (np.random.default_rng({seed_param}) or "
                        f"np.random.seed({seed_param})).")
