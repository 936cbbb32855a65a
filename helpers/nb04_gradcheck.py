"""Gradient checking: compare backprop's gradients with numerical ones (notebook 04, section 7).

The numerical derivative of a cost J with respect to one number theta_i is the
central difference

    (J(theta_i + eps) - J(theta_i - eps)) / (2 eps)

whose error shrinks like eps^2. Backprop is right when the relative error

    ||g_backprop - g_numerical|| / (||g_backprop|| + ||g_numerical||)

is tiny: below about 1e-7 is typical of a correct implementation; 1e-3 or more
means a bug. The default eps = 1e-6 balances the two errors of a central
difference in float64: truncation (about eps^2) and round-off (about 1e-16 / eps);
with 1e-7 the round-off alone can reach 1e-7.

A ReLU unit whose Z is within eps of 0 (for example dead units with zero
biases, Z exactly 0) has no derivative there, and the check reports a large
error that is not a bug: check with random biases.
"""

import numbers

import numpy as np

from .activations import ACTIVATIONS
from .cost import cross_entropy_from_logits
from .nb04_deep import model_forward
from .nb04_deep_inputs import check_parameters
from .validation import (check_activation, check_array, check_callable, check_labels, check_scalar,
                         check_X_orientation, describe, finite_result)


def _check_array_dict(d, name):
    """A non-empty dict of string keys -> finite real arrays; returns float64 copies' sources."""
    if not isinstance(d, dict):
        raise TypeError(f"{name} must be a dict of name -> numpy array (e.g. {{'W1': ..., "
                        f"'b1': ...}}), got {describe(d)}")
    if not d:
        raise ValueError(f"{name} is an empty dict; give it at least one array")
    out = {}
    for k, v in d.items():
        if not isinstance(k, str):
            raise TypeError(f"{name} must be keyed by strings such as 'W1', got the key {k!r}")
        ndim = getattr(v, "ndim", 0)
        out[k] = check_array(v, f"{name}[{k!r}]", "(...)", (None,) * ndim)
    return out


def numerical_gradient(f, arrays, epsilon=1e-6):
    """Central-difference gradient of the scalar function ``f`` of several arrays.

    f       : called as f(arrays), returns a finite real number (a float)
    arrays  : dict name -> real array (e.g. {"W1": ..., "b1": ...}); not modified
              (each entry is nudged on a private float64 copy)
    epsilon : the step, a positive number (1e-6 unless told)
    Returns a dict "d" + name -> array of the same shape, e.g. {"dW1": ..., "db1": ...}.
    Costs 2 calls of f per number: meant for small networks.
    """
    check_callable(f, "f", "f(arrays) -> a float")
    work = {k: np.array(v, dtype=np.float64) for k, v in _check_array_dict(arrays, "arrays").items()}
    epsilon = check_scalar(epsilon, "epsilon", positive=True)

    def value():
        out = f(work)
        if isinstance(out, (bool, np.bool_)) or not isinstance(out, numbers.Real):
            raise TypeError(f"f must return a single real number (a float), got {describe(out)}; "
                            f"if it is a 1x1 array, return float(...) of it")
        if not np.isfinite(out):
            raise ValueError(f"f returned {out}; it must return a finite number at every nudged "
                             f"point (try a smaller epsilon than {epsilon:g})")
        return float(out)

    grads = {}
    for name, array in work.items():
        g = np.empty_like(array)
        flat, gflat = array.reshape(-1), g.reshape(-1)  # views into array and g
        for i in range(flat.size):
            old = flat[i]
            flat[i] = old + epsilon
            plus = value()
            flat[i] = old - epsilon
            minus = value()
            flat[i] = old
            if flat[i] + epsilon == flat[i] - epsilon:
                raise ValueError(f"epsilon={epsilon:g} is too small for {name}[{i}] = {old:g}: "
                                 f"adding it changes nothing in float64; use a larger epsilon")
            gflat[i] = (plus - minus) / (2 * epsilon)
        grads["d" + name] = g
    return grads


def _as_array(x, name):
    if isinstance(x, numbers.Real) and not isinstance(x, (bool, np.bool_)):
        return np.asarray(check_scalar(x, name), dtype=np.float64)
    return check_array(x, name, "(...)", (None,) * getattr(x, "ndim", 0))


def relative_error(a, b, keys=None):
    """||a - b|| / (||a|| + ||b||) over all entries of two gradient dicts (or two arrays).

    a, b : two dicts name -> array, or two arrays (or numbers) of one shape; every
           value finite. Shapes must match exactly: a transposed array is refused,
           not flattened into agreement.
    keys : which entries of the dicts to compare (default: the keys of ``b``); a
           non-empty list of keys present in both.
    Returns a float in [0, 1]; 0.0 when both are all zeros.
    """
    if isinstance(a, dict) or isinstance(b, dict):
        for d, n in ((a, "a"), (b, "b")):
            if not isinstance(d, dict):
                raise TypeError(f"a and b must both be gradient dicts or both arrays; {n} is "
                                f"{describe(d)}")
        if keys is None:
            keys = list(b)
        elif isinstance(keys, (str, bytes)) or not isinstance(keys, (list, tuple)):
            raise TypeError(f"keys must be a list of dict keys such as ['dW1', 'db1'], got "
                            f"{describe(keys)}")
        keys = list(keys)
        if not keys:
            raise ValueError("keys is empty (or b is an empty dict): there is nothing to compare; "
                             "give at least one key such as 'dW1'")
        for d, n in ((a, "a"), (b, "b")):
            missing = [k for k in keys if k not in d]
            if missing:
                raise ValueError(f"{n} lacks the key(s) {missing}; it has {sorted(map(str, d))}")
        pairs = [(_as_array(a[k], f"a[{k!r}]"), _as_array(b[k], f"b[{k!r}]"), k) for k in keys]
    else:
        if keys is not None:
            raise TypeError("keys only applies when a and b are dicts")
        pairs = [(_as_array(a, "a"), _as_array(b, "b"), None)]
    for x, y, k in pairs:
        if x.shape != y.shape:
            where = f"a[{k!r}] and b[{k!r}]" if k is not None else "a and b"
            raise ValueError(f"{where} must have the same shape, got {x.shape} and {y.shape}"
                             + (" (one is the transpose of the other)" if x.shape == y.shape[::-1]
                                else ""))
    x = np.concatenate([p[0].ravel() for p in pairs])
    y = np.concatenate([p[1].ravel() for p in pairs])
    scale = max(float(np.max(np.abs(x), initial=0.0)), float(np.max(np.abs(y), initial=0.0)))
    if scale == 0:
        return 0.0
    x, y = x / scale, y / scale  # no overflow or underflow in the norms below
    return float(np.linalg.norm(x - y) / (np.linalg.norm(x) + np.linalg.norm(y)))


def check_deep_gradients(parameters, X, Y, grads, hidden_activation="relu", epsilon=1e-6):
    """Relative error between ``grads`` (from L_model_backward) and numerical gradients.

    parameters : {"W1", "b1", ...} with WL of one row    X : (n_x, m)    Y : (1, m)
    grads      : a dict with "dW1", "db1", ... (for example the learner's)
    The numerical gradient differentiates the cost computed from the last layer's
    logits ZL (``cross_entropy_from_logits``), exact even where AL rounds to 1.
    Returns ``(error, numerical)``: the relative error over every dW and db, and
    the numerical gradient dict so a caller can look where they differ.
    """
    X = check_array(X, "X", "(n_x, m)", (None, None))
    check_X_orientation(X, parameters)
    L, p = check_parameters(parameters, X.shape[0], one_output=True)
    Y = check_labels(Y, X.shape[1])
    check_activation(hidden_activation, ACTIVATIONS, "hidden_activation")
    if not isinstance(grads, dict):
        raise TypeError(f"grads must be the dict L_model_backward returned, got {describe(grads)}")
    wanted = [f"d{k}" for k in p]
    missing = [k for k in wanted if k not in grads]
    if missing:
        raise ValueError(f"grads is missing key(s) {missing}; it has {sorted(map(str, grads))}")
    for k in p:
        check_array(grads[f"d{k}"], f"d{k}", f"the shape of {k},", p[k].shape)

    def cost(q):
        with np.errstate(over="ignore", invalid="ignore"):
            _, caches = model_forward(X, q, hidden_activation)
        ZL = finite_result(caches[-1][1], f"Z{L}", "scale X down or use smaller weights")
        return cross_entropy_from_logits(ZL, Y)

    numerical = numerical_gradient(cost, p, epsilon)
    return relative_error(grads, numerical, keys=wanted), numerical
