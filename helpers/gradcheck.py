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

import numpy as np

from . import threads
from .deep import L_model_forward, compute_cost


def numerical_gradient(f, arrays, epsilon=1e-6):
    """Central-difference gradient of the scalar function ``f`` of several arrays.

    f       : called as f(arrays), returns a float
    arrays  : dict name -> float array (e.g. {"W1": ..., "b1": ...}); not modified
              (each entry is nudged on a private copy)
    Returns a dict "d" + name -> array of the same shape, e.g. {"dW1": ..., "db1": ...}.
    Costs 2 calls of f per number: meant for small networks.
    """
    work = {k: np.array(v, dtype=np.float64) for k, v in arrays.items()}
    grads = {}
    for name, value in work.items():
        g = np.empty_like(value)
        flat, gflat = value.reshape(-1), g.reshape(-1)  # views into value and g
        for i in range(flat.size):
            old = flat[i]
            flat[i] = old + epsilon
            plus = f(work)
            flat[i] = old - epsilon
            minus = f(work)
            flat[i] = old
            gflat[i] = (plus - minus) / (2 * epsilon)
        grads["d" + name] = g
    return grads


def relative_error(a, b, keys=None):
    """||a - b|| / (||a|| + ||b||) over all entries of two gradient dicts (or two arrays).

    keys : which entries of the dicts to compare (default: the keys of ``b``).
    Returns 0.0 when both are all zeros.
    """
    if isinstance(a, dict):
        keys = list(b) if keys is None else list(keys)
        missing = [k for k in keys if k not in a]
        if missing:
            raise KeyError(f"the first gradient dict lacks {missing}")
        a = np.concatenate([np.ravel(a[k]) for k in keys])
        b = np.concatenate([np.ravel(b[k]) for k in keys])
    a, b = np.ravel(a).astype(np.float64), np.ravel(b).astype(np.float64)
    if a.shape != b.shape:
        raise ValueError(f"cannot compare gradients of {a.size} and {b.size} numbers")
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denominator == 0 else float(np.linalg.norm(a - b) / denominator)


@threads.trains(lambda parameters, X: threads.network_flops(parameters, X.shape[1],
                                                            forward_only=True))
def check_deep_gradients(parameters, X, Y, grads, hidden_activation="relu", epsilon=1e-6):
    """Relative error between ``grads`` (from L_model_backward) and numerical gradients.

    parameters : {"W1", "b1", ...}   X : (n_x, m)   Y : (1, m)
    grads      : a dict with "dW1", "db1", ... (for example the learner's)
    Returns ``(error, numerical)``: the relative error over every dW and db, and
    the numerical gradient dict so a caller can look where they differ.
    """
    def cost(p):
        return compute_cost(L_model_forward(X, p, hidden_activation)[0], Y)

    numerical = numerical_gradient(cost, parameters, epsilon)
    return relative_error(grads, numerical, keys=list(numerical)), numerical
