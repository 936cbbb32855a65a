"""Numpy warm-up functions of notebook 02, section 13 ("useful numpy pieces").

Each is graded: the learner writes their own and ``helpers.checks`` compares it
with these. Inputs are checked (real numbers, finite, the shapes below);
nothing is modified in place and no result is a view of an input.
"""

import numbers

import numpy as np

from .activations import ACTIVATIONS
from .validation import check_array, check_same_shape, check_scalar, finite_result


def _numeric(x, name, allow_empty=True):
    """A number or a real array of any shape, as float64."""
    if isinstance(x, numbers.Real) and not isinstance(x, (bool, np.bool_)):
        return np.asarray(check_scalar(x, name), dtype=np.float64)
    return check_array(x, name, "(...)", (None,) * getattr(x, "ndim", 0), allow_empty=allow_empty)


def sigmoid_derivative(x):
    """The slope of the sigmoid at x: s (1 - s) with s = sigmoid(x).

    x : scalar or array of any shape. Returns a float array of the same shape,
    every value in [0, 0.25] (0 only where |x| > ~37, where s rounds to 0 or 1).
    """
    s = ACTIVATIONS["sigmoid"].forward(_numeric(x, "x"))
    return s * (1 - s)


def image2vector(image):
    """Unroll an image ``(length, height, depth)`` into a column ``(length*height*depth, 1)``.

    The order is numpy's default (C order): all channels of pixel (0, 0) first,
    then pixel (0, 1)... Notebook 02, section 1 shows why the order must match
    between images. Returns a new array of the image's dtype (writing to it
    leaves the image unchanged).
    """
    image = check_array(image, "image", "(length, height, depth)", (None, None, None),
                        finite=False, as_float=False)
    return image.reshape(-1, 1).copy()


def _row_scale(x):
    """The largest |value| of each row (n, 1), with 1 for rows of zeros."""
    s = np.abs(x).max(axis=1, keepdims=True)
    return np.where(s > 0, s, 1.0)


def normalize_rows(x):
    """Divide each row of ``x`` (shape ``(n, d)``) by its Euclidean length.

    Mathematically ``x / np.linalg.norm(x, axis=1, keepdims=True)``: the norms have
    shape ``(n, 1)`` and broadcast across the columns. Each row is first divided by
    its largest |value| (which changes nothing in the result), so rows near 1e154
    do not overflow and rows near 1e-291 do not underflow. A row of zeros has no
    direction and stays zeros.
    """
    x = check_array(x, "x", "(n, d)", (None, None))
    y = x / _row_scale(x)  # every |value| now <= 1, the largest exactly 1
    norms = np.sqrt(np.sum(y * y, axis=1, keepdims=True))
    return np.divide(y, norms, out=np.zeros(x.shape, dtype=np.float64), where=norms > 0)


def softmax(x):
    """Softmax of each row of ``x`` (shape ``(n, d)``): exp(x) / sum of the row's exp(x).

    Each row of the result is positive and sums to 1. The row maximum is
    subtracted first (which does not change the result) so exp never overflows.
    """
    x = check_array(x, "x", "(n, d)", (None, None))
    with np.errstate(over="ignore"):  # x - max is <= 0; only -inf (e^-inf = 0) can appear
        shifted = x - x.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)


def _pair(yhat, y):
    yhat = _numeric(yhat, "yhat", allow_empty=False)
    y = _numeric(y, "y", allow_empty=False)
    check_same_shape(yhat, "yhat", y, "y")
    return yhat, y


_TOO_BIG = "scale yhat and y down (the loss grows with their difference)"


def L1(yhat, y):
    """L1 loss: the sum of |y - yhat| over all entries (a float).

    yhat, y : numbers or arrays of one shape. Raises ``ValueError`` if the sum is
    beyond float64 (more than ~1.8e308).
    """
    yhat, y = _pair(yhat, y)
    with np.errstate(over="ignore"):
        total = np.sum(np.abs(y - yhat))
    return float(finite_result(total, "the L1 loss", _TOO_BIG))


def L2(yhat, y):
    """L2 loss: the sum of (y - yhat)^2 over all entries (a float).

    Computed as s^2 * sum((d / s)^2) with d = y - yhat and s = max |d|, so values
    near 1e154 do not overflow on the way and tiny ones do not underflow. Raises
    ``ValueError`` if the result itself is beyond float64.
    """
    yhat, y = _pair(yhat, y)
    with np.errstate(over="ignore", invalid="ignore"):  # inf - inf = nan is reported below
        d = (y - yhat).ravel()
        s = float(np.max(np.abs(d)))
        if s == 0:
            return 0.0
        r = d / s
        total = s * (float(np.dot(r, r)) * s)
    return float(finite_result(total, "the L2 loss", _TOO_BIG))
