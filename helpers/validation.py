"""Input checks shared by every public function in ``helpers``.

Each check raises ``TypeError`` (wrong kind of value) or ``ValueError`` (right
kind, wrong shape or value) with one message that names the argument, says what
was expected in the course's notation, what was given, and what to do. Where two
arguments disagree the message names both and what each has, e.g. "Y has 4
columns but X has 5 columns (examples)".

The reference functions call these once, at their door; the equations behind them
(``forward``, ``backward``, ``step`` in each model's module) then trust their arrays.
"""

import numbers
import os

import numpy as np

# Sizes a reference function will allocate at most (a weight matrix, a generated set):
# far beyond anything the course needs, far below what would exhaust memory.
MAX_ELEMENTS = 50_000_000
MAX_ITERATIONS = 10_000_000  # gradient-descent steps: hours of training, not forever


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


def _dim_word(notation, ndim, axis):
    """What axis ``axis`` of a 2-D array is called: "columns (examples)", "rows"..."""
    if ndim != 2:
        return f"entries along axis {axis}"
    symbols = [s.strip() for s in notation.strip("()").split(",")] if notation.startswith("(") else []
    word = "rows" if axis == 0 else "columns"
    if len(symbols) == 2 and symbols[axis].startswith("m"):
        return f"{word} (examples)"
    if len(symbols) == 2 and symbols[axis] == "n_x":
        return f"{word} (features)"
    return word


def _rank1_hint(name, shape):
    if len(shape) == 2 and shape[1] == 1:
        return f"; use {name}.reshape(-1, 1) to make it a column"
    if len(shape) == 2 and shape[0] == 1:
        return f"; use {name}.reshape(1, -1) to make it a row"
    return f"; reshape it to {len(shape)} dimensions"


def describe(x):
    """A short description of a value for messages: "a Python list", "float 2.5"..."""
    if x is None:
        return "None"
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape} and dtype {x.dtype}"
    if isinstance(x, (list, tuple, dict, set)):
        return f"a Python {type(x).__name__} of length {len(x)}"
    if isinstance(x, (str, bytes, bool, numbers.Number)):
        return f"{type(x).__name__} {x!r}"
    return f"a {type(x).__name__}"


def check_array(x, name, notation, shape, *, finite=True, as_float=True, allow_empty=False,
                sources=None):
    """Return ``x`` (as float64 unless ``as_float=False``) if it is a numeric array of ``shape``.

    x        : the value to check
    name     : the argument's name, e.g. ``"w"``
    notation : the expected shape in the course's notation, e.g. ``"(n_x, 1)"``
    shape    : tuple of the same length; ints are required sizes, ``None`` any size
    finite   : also reject NaN and infinity
    as_float : return a float64 array (ints and float32 are converted; float64 is
               returned as is, never copied)
    allow_empty : accept a dimension of size 0
    sources  : {axis: "X"}: which argument a required size came from, so that a
               mismatch names both ("Y has 4 columns but X has 5 columns (examples)");
               a phrase with " has " is used as it is ("W1 has 4 rows")
    Booleans, complex numbers, objects and strings are refused: they hide mistakes.
    """
    expected = _fmt_expected(notation, shape)
    if isinstance(x, (list, tuple)):
        raise TypeError(f"{name} must be a numpy array of shape {expected}, got {describe(x)}; "
                        f"wrap it with np.array(...)")
    if not isinstance(x, np.ndarray):
        raise TypeError(f"{name} must be a numpy array of shape {expected}, got {describe(x)}")
    if isinstance(x, np.ma.MaskedArray):
        raise TypeError(f"{name} must be a plain numpy array, got a masked array; fill it first "
                        f"({name}.filled(...))")
    if type(x) is not np.ndarray:  # np.matrix and other subclasses change what * and @ mean
        x = np.asarray(x)
    if x.dtype.kind == "b":
        raise TypeError(f"{name} must hold numbers, got dtype bool; convert it with "
                        f"{name}.astype(float)")
    if x.dtype.kind not in "iuf":
        raise TypeError(f"{name} must hold real numbers (int or float), got dtype {x.dtype}; "
                        f"convert it with {name}.astype(float)")
    ok = x.ndim == len(shape) and all(n is None or n == s for n, s in zip(shape, x.shape))
    if not ok:
        raise ValueError(_shape_message(x, name, notation, shape, expected, sources or {}))
    if not allow_empty and x.size == 0:
        raise ValueError(f"{name} is empty (shape {x.shape}); it needs at least one entry along "
                         f"every axis of {notation}")
    if as_float and x.dtype != np.float64:
        if x.dtype.kind == "f" and x.dtype.itemsize > 8:
            raise TypeError(f"{name} has dtype {x.dtype}; convert it with {name}.astype(np.float64)")
        x = x.astype(np.float64)
    if finite and x.dtype.kind == "f":
        bad = ~np.isfinite(x)
        if bad.any():
            first = tuple(int(i) for i in np.argwhere(bad)[0])
            raise ValueError(f"{name} contains {int(bad.sum())} NaN or infinite value(s), the first "
                             f"at index {first}; check how it was computed (a diverging learning "
                             f"rate or a log of 0 are the usual causes)")
    return x


def _shape_message(x, name, notation, shape, expected, sources):
    if x.ndim == len(shape):
        for axis, (want, got) in enumerate(zip(shape, x.shape)):
            if want is not None and want != got and axis in sources:
                other = sources[axis]
                word = _dim_word(notation, x.ndim, axis)
                if " has " not in other:  # just a name: it has `want` along the same axis
                    other = f"{other} has {want} {word.split(' ')[0]}"
                msg = (f"{name} has {got} {word} but {other}: "
                       f"{name} must have shape {expected}, got {x.shape}")
                if x.ndim == 2 and x.shape[::-1] == tuple(w if w is not None else g for w, g in
                                                          zip(shape, x.shape[::-1])):
                    msg += f" — looks transposed; did you mean {name}.T?"
                return msg
    msg = f"{name} must have shape {expected}, got {x.shape}"
    if x.ndim == 1 and len(shape) == 2:
        msg += " — a rank-1 array" + _rank1_hint(name, shape)
    elif x.ndim == len(shape) == 2 and x.shape[::-1] == tuple(
            s if n is None else n for n, s in zip(shape, x.shape[::-1])):
        msg += f" — looks transposed; did you mean {name}.T?"
    return msg


def check_X_orientation(X, parameters, name="X"):
    """Blame ``X``, not W1, when X (already an array) is W1's input transposed.

    If X's rows do not match W1's columns but X's columns do, X is (m, n_x) instead
    of (n_x, m): say so before any message about W1.
    """
    W1 = parameters.get("W1") if isinstance(parameters, dict) else None
    if isinstance(W1, np.ndarray) and W1.ndim == 2 and X.ndim == 2:
        n_x = W1.shape[1]
        if X.shape[0] != n_x and X.shape[1] == n_x:
            raise ValueError(f"{name} has {X.shape[0]} rows (features) but W1 has {n_x} columns: "
                             f"{name} must have shape (n_x, m) = ({n_x}, m), got {X.shape} — looks "
                             f"transposed; did you mean {name}.T?")


def check_same_shape(a, a_name, b, b_name):
    """``a`` and ``b`` (already arrays) must have one shape; the message names both."""
    if a.shape != b.shape:
        raise ValueError(f"{a_name} and {b_name} must have the same shape, but {a_name} has shape "
                         f"{a.shape} and {b_name} has shape {b.shape}")


def check_scalar(x, name, *, positive=False, integer=False, minimum=None, maximum=None):
    """Return ``x`` as a Python number if it is a real scalar within bounds, else raise.

    A numpy 0-d or size-1 array counts as a scalar (the course often stores ``b``
    that way). With ``integer`` only whole-number types (int, numpy integers) pass:
    a float such as 10.0 or 1e4 is refused with a hint to write an int.
    """
    kind = "a whole number (an int)" if integer else "a real number"
    if isinstance(x, np.ndarray) and x.size == 1 and x.dtype.kind in "iuf":
        x = x.item()
    if isinstance(x, str):
        raise TypeError(f"{name} must be {kind}, got the string {x!r}; write the number without "
                        f"quotes")
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, numbers.Real):
        raise TypeError(f"{name} must be {kind}, got {describe(x)}")
    if integer and not isinstance(x, numbers.Integral):
        x = float(x)
        hint = f"write {int(x)}" if np.isfinite(x) and x.is_integer() else "round it to an int"
        raise TypeError(f"{name} must be {kind}, got float {x!r}; {hint}")
    x = int(x) if integer else float(x)
    if not integer and not np.isfinite(x):
        raise ValueError(f"{name} must be a finite number, got {x}")
    if positive and x <= 0:
        raise ValueError(f"{name} must be positive, got {x}")
    if minimum is not None and x < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {x}")
    if maximum is not None and x > maximum:
        raise ValueError(f"{name} must be at most {maximum}, got {x}")
    return x


def check_flag(x, name):
    """``x`` must be True or False (e.g. ``print_cost``)."""
    if not isinstance(x, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {describe(x)}")
    return bool(x)


def check_size(x, name, minimum=1):
    """A whole number of units, points or features: an int from ``minimum`` to MAX_ELEMENTS."""
    return check_scalar(x, name, integer=True, minimum=minimum, maximum=MAX_ELEMENTS)


def check_iterations(x, name="num_iterations"):
    """A whole number of gradient-descent steps, 0 to MAX_ITERATIONS."""
    return check_scalar(x, name, integer=True, minimum=0, maximum=MAX_ITERATIONS)


def check_seed(seed, name="seed"):
    """``seed`` must be a non-negative int or a ``numpy.random.Generator``; returns a Generator.

    ``None`` is refused: every draw in the course is seeded so that a notebook run
    twice prints the same numbers.
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"{name} must be a non-negative int (or a numpy.random.Generator), got "
                        f"{describe(seed)}; for example {name}=1")
    if seed < 0:
        raise ValueError(f"{name} must be a non-negative int, got {seed}; for example {name}=1")
    return np.random.default_rng(int(seed))


def check_callable(f, name, how):
    """``f`` must be callable; ``how`` says how it will be called, e.g. "callback(i, cost)"."""
    if not callable(f):
        raise TypeError(f"{name} must be a function, called as {how}; got {describe(f)}")
    return f


def check_choice(value, name, allowed):
    """``value`` must be one of the strings in ``allowed``."""
    names = sorted(allowed)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {names} (a string), got {describe(value)}")
    if value not in allowed:
        close = [a for a in names if a.lower() == value.strip().lower()]
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"{name} must be one of {names}, got {value!r}{hint}")
    return value


def check_activation(activation, allowed, name="activation"):
    return check_choice(activation, name, allowed)


def check_dict_keys(d, keys, name):
    """``d`` must be a dict holding every key in ``keys``; near misses ("w1") are pointed out."""
    if not isinstance(d, dict):
        raise TypeError(f"{name} must be a dict with keys {list(keys)}, got {describe(d)}")
    missing = [k for k in keys if k not in d]
    if missing:
        have = [k for k in d if isinstance(k, str)]
        near = {k: h for k in missing for h in have if h.lower() == str(k).lower() and h != k}
        hint = "".join(f"; {h!r} should be spelled {k!r}" for k, h in near.items())
        raise ValueError(f"{name} is missing key(s) {missing}; it has {sorted(map(str, d))}{hint}")
    return d


def check_labels(Y, m=None, name="Y", against="X"):
    """``Y`` must be ``(1, m)`` holding only 0 and 1; returns it as float64.

    Booleans count as labels (``Y = scores > 0.5`` is the usual way to make them: True is
    1, False is 0). ``against`` names the argument ``m`` came from (for the message).
    """
    if isinstance(Y, np.ndarray) and Y.dtype.kind == "b":
        Y = Y.astype(np.float64)
    Y = check_array(Y, name, "(1, m)", (1, m), sources={1: against})
    bad = (Y != 0) & (Y != 1)
    if bad.any():
        values = np.unique(Y[bad])[:5]
        raise ValueError(f"{name} must hold labels 0 or 1 only, got {int(bad.sum())} other "
                         f"value(s) such as {values.tolist()}; turn them into 0/1 labels first "
                         f"(e.g. ({name} > 0.5).astype(int))")
    return Y


def check_probabilities(A, name, m=None, against=None):
    """``A`` must be ``(1, m)`` with values in [0, 1] (the output of a sigmoid)."""
    A = check_array(A, name, "(1, m)", (1, m), sources={1: against} if against else None)
    if A.min() < 0 or A.max() > 1:
        raise ValueError(f"{name} must hold probabilities in [0, 1] (a sigmoid output), got values "
                         f"from {A.min():.4g} to {A.max():.4g}")
    return A


def check_matches(value, expected, name, what, how):
    """A cached value must equal what its forward step computes from the rest of the cache.

    value, expected : arrays of one shape; ``what`` names the formula (e.g.
    "sigmoid(cache['Z2'])"); ``how`` says what to pass instead.
    """
    diff = np.abs(value - expected)
    if not np.all(diff <= 1e-7 + 1e-6 * np.abs(expected)):
        where = tuple(int(i) for i in np.unravel_index(np.argmax(diff), diff.shape))
        raise ValueError(f"{name} is not {what}: they differ by up to {diff.max():.3g} (at index "
                         f"{where}); {how}")


def check_path(path, name):
    """``path`` must be a ``str`` or ``os.PathLike`` (a ``pathlib.Path``)."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"{name} must be a folder path (a str or pathlib.Path), got {describe(path)}")
    return path


def finite_result(value, what, hint):
    """Raise if a computed ``value`` overflowed to inf/NaN: the true result is beyond float64."""
    if not np.all(np.isfinite(value)):
        raise ValueError(f"{what} is beyond the range of float64 numbers (about ±1.8e308) for "
                         f"these inputs; {hint}")
    return value


def diverged(learning_rate, iteration, what="cost"):
    """The error to raise when training produced inf or NaN."""
    return TrainingDiverged(
        f"training diverged at iteration {iteration} with learning_rate={learning_rate:g}: the "
        f"{what} became inf or NaN. Try a smaller learning rate, e.g. {learning_rate / 10:g}.")
