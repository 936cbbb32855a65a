"""Comparing the learner's result with the expected one, naming outputs as the course does.

``compare(got, expected, names)`` raises ``Difference`` at the first place they differ.
``names`` is the course's name for the result (``"cost"``) or for each returned item
(``("grads", "cost")``), so a difference is reported at ``grads["db"]``, ``caches[1]``,
``parameters["W1"]``, never at ``result[1]``.
"""

import numbers
import re

import numpy as np

from .integrity import allclose, isclose, isfinite

RTOL = 1e-6   # float64 round-off of equivalent formulas is ~1e-12; real mistakes are far larger
ATOL = 1e-9


class Difference(Exception):
    """Where and how ``got`` differs from ``expected``; ``kind`` is type, shape or values.

    ``keys`` is the route from the whole result to the differing part (indices and dict
    keys), ``path`` its course name, ``expected_text``/``got_text``/``where`` the rows of
    the message.
    """

    def __init__(self, path, keys, kind, expected_text, got_text, where=None, got=None,
                 expected=None):
        super().__init__(f"{path}: expected {expected_text}, got {got_text}")
        self.path, self.keys, self.kind = path, list(keys), kind
        self.expected_text, self.got_text, self.where = expected_text, got_text, where
        self.got, self.expected = got, expected


def show(x):
    if isinstance(x, np.ndarray):
        text = np.array2string(x, precision=6, threshold=12, edgeitems=2, max_line_width=76,
                               separator=", ")
        flat = " ".join(text.split())
        return flat if len(flat) <= 76 else text
    if isinstance(x, float):
        return f"{x:.10g}"
    return repr(x)


def is_scalar(x):
    return (isinstance(x, numbers.Real) and not isinstance(x, bool)) or \
        (isinstance(x, np.ndarray) and x.ndim == 0 and x.dtype.kind in "biuf")


def _kind(x):
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape}"
    if isinstance(x, (list, tuple)):
        return f"a {type(x).__name__} of {len(x)} items"
    if isinstance(x, dict):
        return f"a dict with keys {sorted(map(str, x))}"
    return f"{type(x).__name__} {x!r}" if x is None or isinstance(x, (str, bool)) else \
        type(x).__name__


def compare(got, expected, names="the result"):
    """Raise ``Difference`` at the first place ``got`` differs from ``expected``."""
    if isinstance(names, tuple) and isinstance(expected, tuple):
        listing = ", ".join(names)
        if not isinstance(got, (tuple, list)):
            raise Difference("the result", [], "type", f"{len(expected)} values ({listing})",
                             _kind(got))
        if len(got) != len(expected):
            raise Difference("the result", [], "type", f"{len(expected)} values ({listing})",
                             f"{len(got)} values")
        for i, (g, e, n) in enumerate(zip(got, expected, names)):
            _compare(g, e, n, [i])
        return
    _compare(got, expected, names, [])


def _compare(got, expected, path, keys):
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            raise Difference(path, keys, "type", f"a dict with keys {sorted(expected)}", _kind(got))
        missing = [k for k in expected if k not in got]
        if missing:
            raise Difference(path, keys, "keys", f"a dict with keys {sorted(expected)}",
                             f"keys {sorted(map(str, got))}", f"missing the key(s) {missing}", got,
                             expected)
        for k in expected:
            _compare(got[k], expected[k], f'{path}["{k}"]', keys + [k])
        extra = _extra_layers(got, expected)
        if extra:
            raise Difference(path, keys, "keys", f"a dict with keys {sorted(expected)}",
                             f"keys {sorted(map(str, got))}", f"extra key(s) {extra} for layers "
                             f"this network does not have", got, expected)
        return
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            raise Difference(path, keys, "type", f"a {type(expected).__name__} of "
                             f"{len(expected)} items", _kind(got))
        if len(got) != len(expected):
            raise Difference(path, keys, "length", f"{len(expected)} items", f"{len(got)} items",
                             None, got, expected)
        for i, (g, e) in enumerate(zip(got, expected)):
            _compare(g, e, f"{path}[{i}]", keys + [i])
        return
    if is_scalar(expected):
        if isinstance(got, np.ndarray) and got.size == 1 and got.ndim > 0:
            raise Difference(path, keys, "type", "a single number",
                             f"an array of shape {got.shape}", None, got, expected)
        if not is_scalar(got):
            raise Difference(path, keys, "type", "a number", _kind(got), None, got, expected)
        g, e = float(got), float(expected)
        if not isclose(g, e, rtol=RTOL, atol=ATOL):
            raise Difference(path, keys, "values", show(e), show(g), None, g, e)
        return
    if isinstance(expected, np.ndarray):
        if not isinstance(got, np.ndarray):
            raise Difference(path, keys, "type", f"a numpy array of shape {expected.shape}",
                             _kind(got), None, got, expected)
        if got.shape != expected.shape:
            raise Difference(path, keys, "shape", f"shape {expected.shape}", f"shape {got.shape}",
                             None, got, expected)
        if got.dtype.kind not in "biuf":
            raise Difference(path, keys, "type", "numbers", f"dtype {got.dtype}", None, got,
                             expected)
        g, e = got.astype(np.float64), expected.astype(np.float64)
        if not allclose(g, e, rtol=RTOL, atol=ATOL, equal_nan=False):
            diff = np.abs(g - e)
            diff[~isfinite(diff)] = np.inf
            where = tuple(int(i) for i in np.unravel_index(np.argmax(diff), diff.shape))
            raise Difference(path, keys, "values", show(e), show(g),
                             f"largest difference {diff[where]:.4g} at index {where} "
                             f"(expected {e[where]:.6g}, got {g[where]:.6g})", g, e)
        return
    if got != expected:
        raise Difference(path, keys, "values", repr(expected), repr(got))


_LAYER_KEY = re.compile(r"^(dA|dW|db|W|b)(\d+)$")


def _extra_layers(got, expected):
    """Keys of ``got`` in the course's layer pattern (W3, db3, dA3) for a layer beyond the
    expected dict's last: a dict written into from elsewhere (the notebook's own ``grads``).
    Other extra keys are let through, and so is dA{L}, which older versions stored."""
    top = {}
    for k in expected:
        m = _LAYER_KEY.match(str(k))
        if m:
            top[m.group(1)] = max(top.get(m.group(1), 0), int(m.group(2)))
    if not top:
        return []
    out = []
    for k in got:
        m = _LAYER_KEY.match(str(k)) if k not in expected else None
        if m and m.group(1) in top and int(m.group(2)) > top[m.group(1)] + 1:
            out.append(k)
        elif m and m.group(1) in top and m.group(1) != "dA" and int(m.group(2)) > top[m.group(1)]:
            out.append(k)
    return out


def plain(value):
    """The learner's result as plain dicts, lists, tuples, floats and base ndarrays.

    Done before the expected value exists, so no method of an object the learner returned
    (an ndarray subclass, a float subclass with its own __float__) runs while the expected
    value is on the stack.
    """
    if isinstance(value, np.ndarray):
        return np.array(value, subok=False)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in dict.items(value)}
    if isinstance(value, (list, tuple)):
        items = [plain(v) for v in (list.__iter__(value) if isinstance(value, list)
                                    else tuple.__iter__(value))]
        return items if isinstance(value, list) else tuple(items)
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    return value


def at(value, keys):
    """Follow ``keys`` (from a Difference) into ``value``."""
    for k in keys:
        value = value[k]
    return value


def _other_sizes(case):
    """Row counts of the case's arrays that differ from m (what a wrong ``m = ...`` divides by)."""
    if not case.m:
        return []
    arrays = [a for a in case.args if isinstance(a, np.ndarray)]
    for a in case.args:
        if isinstance(a, tuple):
            arrays += [x for x in a if isinstance(x, np.ndarray)]
    return sorted({a.shape[0] for a in arrays if a.ndim == 2 and a.shape[0] not in (case.m,)})


def generic_hint(diff, case, source=""):
    """A hint from the shape of a difference alone (scale by m, sign, transpose, rank-1).
    ``source`` is the learner's function's text: a fix is named only with what it uses
    (keepdims=True only where it calls a sum)."""
    got, exp = diff.got, diff.expected
    if diff.kind == "type" and isinstance(got, np.ndarray) and got.size == 1 and is_scalar(exp):
        return (f"{diff.path} should be one number, not an array of shape {got.shape}: sum "
                f"without axis=..., or turn the array into a number with np.squeeze(...) or "
                f"`.item()`.")
    if diff.kind == "shape":
        if got.ndim == 1 and exp.ndim == 2:
            sums = any(f in source for f in ("sum(", ".sum", "mean(", "norm("))
            indexes = re.search(r"\w\[\s*0\s*\]", source) is not None
            if indexes and not sums:   # A[0] > 0.5: no sum to give keepdims to
                return (f"{diff.path} is a rank-1 array {got.shape}; keep it 2-D {exp.shape}: "
                        f"indexing a row away (A[0]) makes an array rank-1; use the whole A, or "
                        f"A[0:1], or `.reshape{exp.shape}`.")
            fix = "pass `keepdims=True` to np.sum, or " if not re.search(r"keepdims\s*=\s*True", source) \
                else ""
            return (f"{diff.path} is a rank-1 array {got.shape}; keep it 2-D {exp.shape}: {fix}"
                    f"`.reshape{exp.shape}`.")
        if got.ndim == 2 and exp.ndim == 2 and got.shape == exp.shape[::-1]:
            return (f"{diff.path} is transposed: check the order of the factors in np.dot and "
                    f"where `.T` goes.")
        if case.m is not None and case.m in got.shape and case.m not in exp.shape:
            return (f"{diff.path} still has an axis of length m = {case.m}: a product that should "
                    f"sum over the examples was done elementwise (`*`) instead of with np.dot, "
                    f"or a sum over the examples (np.sum) is missing.")
        return None
    if diff.kind != "values" or got is None:
        return None
    g, e = np.asarray(got, dtype=float), np.asarray(exp, dtype=float)
    if not np.all(np.isfinite(g)):
        return ("your values contain NaN or inf: look for a log of 0, a division by 0, or a "
                "learning-rate step with the wrong sign.")
    if case.m and case.m > 1 and allclose(g, e * case.m, rtol=1e-5, atol=1e-12):
        return f"every value is m = {case.m} times too large: divide by m (a mean over the examples)."
    if case.m and case.m > 1 and allclose(g * case.m, e, rtol=1e-5, atol=1e-12):
        return f"every value is m = {case.m} times too small: you divided by m twice."
    for d in _other_sizes(case):
        if allclose(g * d, e * case.m, rtol=1e-5, atol=1e-12):
            return (f"you divided by {d} instead of m = {case.m}: m is the number of examples, "
                    f"X.shape[1] (the columns); shape[0] counts the rows.")
    if np.any(e != 0) and allclose(g, -e, rtol=1e-5, atol=1e-12):
        return f"every value of {diff.path} has the wrong sign."
    if g.ndim == 2 and g.shape[0] == g.shape[1] and allclose(g.T, e, rtol=1e-5, atol=1e-12):
        return f"{diff.path} is the transpose of the expected matrix."
    return None
