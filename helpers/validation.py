"""Input checks shared by every public function in ``helpers``.

Each check raises ``TypeError`` or ``ValueError`` with a message that names the
argument, the shape expected in the course's notation, what was given, and what
to do about it. The reference functions call these once at their door; their
training loops then run on already-checked arrays.
"""

import numbers

import numpy as np


class TrainingDiverged(ArithmeticError):
    """Gradient descent produced inf or NaN; the message names the learning rate."""


def _fmt_expected(notation, shape):
    """``"(n_x, 1)"`` and ``(2, 1)`` -> ``"(n_x, 1) = (2, 1)"``; unknown sizes stay symbolic."""
    if not notation.startswith("("):  # e.g. "the shape of W1" with a concrete shape
        return f"{notation} {tuple(shape)}"
    symbols = [s.strip() for s in notation.strip("()").split(",")]
    filled = [str(n) if n is not None else sym for sym, n in zip(symbols, shape)]
    concrete = "(" + ", ".join(filled) + ("," if len(filled) == 1 else "") + ")"
    return notation if concrete == notation else f"{notation} = {concrete}"


def _rank1_hint(name, shape):
    if len(shape) == 2 and shape[1] == 1:
        return f"; use {name}.reshape(-1, 1) to make it a column"
    if len(shape) == 2 and shape[0] == 1:
        return f"; use {name}.reshape(1, -1) to make it a row"
    return ""


def check_array(x, name, notation, shape, *, finite=True):
    """Return ``x`` if it is a numeric ndarray of the given shape, else raise.

    x        : the value to check
    name     : the argument's name, e.g. ``"w"``
    notation : the expected shape in the course's notation, e.g. ``"(n_x, 1)"``
    shape    : tuple of the same length; ints are required sizes, ``None`` any size
    finite   : also reject NaN and infinity
    """
    if isinstance(x, (list, tuple)):
        raise TypeError(f"{name} must be a numpy array of shape {_fmt_expected(notation, shape)}, "
                        f"got a Python {type(x).__name__}; wrap it with np.array(...)")
    if not isinstance(x, np.ndarray):
        raise TypeError(f"{name} must be a numpy array of shape {_fmt_expected(notation, shape)}, "
                        f"got {type(x).__name__}")
    if x.dtype.kind not in "biuf":
        raise TypeError(f"{name} must hold numbers, got dtype {x.dtype}")
    ok = x.ndim == len(shape) and all(n is None or n == s for n, s in zip(shape, x.shape))
    if not ok:
        msg = f"{name} must have shape {_fmt_expected(notation, shape)}, got {x.shape}"
        if x.ndim == 1 and len(shape) == 2:
            msg += " — a rank-1 array" + _rank1_hint(name, shape)
        elif x.ndim == len(shape) == 2 and x.shape[::-1] == tuple(
                s if n is None else n for n, s in zip(shape, x.shape[::-1])):
            msg += f" — looks transposed; did you mean {name}.T?"
        raise ValueError(msg)
    if finite and x.dtype.kind == "f":
        bad = ~np.isfinite(x)
        if bad.any():
            first = tuple(int(i) for i in np.argwhere(bad)[0])
            raise ValueError(f"{name} contains {int(bad.sum())} NaN or infinite value(s), the first "
                             f"at index {first}; check how it was computed (a diverging learning "
                             f"rate or a log of 0 are the usual causes)")
    return x


def check_scalar(x, name, *, positive=False, integer=False, minimum=None, maximum=None):
    """Return ``x`` as a Python number if it is a real scalar within bounds, else raise.

    A numpy 0-d or size-1 array counts as a scalar (the course often stores
    ``b`` that way).
    """
    if isinstance(x, np.ndarray) and x.size == 1:
        x = x.item()
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        kind = "an integer" if integer else "a real number"
        raise TypeError(f"{name} must be {kind}, got {type(x).__name__} {x!r}")
    if integer and int(x) != x:
        raise TypeError(f"{name} must be a whole number, got {x!r}")
    x = int(x) if integer else float(x)
    if not np.isfinite(x):
        raise ValueError(f"{name} must be finite, got {x}")
    if positive and x <= 0:
        raise ValueError(f"{name} must be positive, got {x}")
    if minimum is not None and x < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {x}")
    if maximum is not None and x > maximum:
        raise ValueError(f"{name} must be at most {maximum}, got {x}")
    return x


def check_labels(Y, m=None, name="Y"):
    """``Y`` must be ``(1, m)`` with every value in [0, 1] (usually exactly 0 or 1)."""
    check_array(Y, name, "(1, m)", (1, m))
    if Y.size and (Y.min() < 0 or Y.max() > 1):
        raise ValueError(f"{name} must hold labels 0 or 1, got values from {Y.min()} to {Y.max()}")
    return Y


def check_probabilities(A, name, m=None):
    """``A`` must be ``(1, m)`` with values in [0, 1] (the output of a sigmoid)."""
    check_array(A, name, "(1, m)", (1, m))
    if A.size and (A.min() < 0 or A.max() > 1):
        raise ValueError(f"{name} must hold probabilities in [0, 1] (a sigmoid output), got values "
                         f"from {A.min():.4g} to {A.max():.4g}")
    return A


def check_activation(activation, allowed):
    if activation not in allowed:
        raise ValueError(f"activation must be one of {sorted(allowed)}, got {activation!r}")
    return activation


def check_dict_keys(d, keys, name):
    """``d`` must be a dict holding every key in ``keys``."""
    if not isinstance(d, dict):
        raise TypeError(f"{name} must be a dict, got {type(d).__name__}")
    missing = [k for k in keys if k not in d]
    if missing:
        raise ValueError(f"{name} is missing key(s) {missing}; it has {sorted(d)}")
    return d


def diverged(learning_rate, iteration, what="cost"):
    """The error to raise when training produced inf or NaN."""
    return TrainingDiverged(
        f"training diverged at iteration {iteration} with learning_rate={learning_rate:g}: the "
        f"{what} became inf or NaN. Try a smaller learning rate, e.g. {learning_rate / 10:g}.")
