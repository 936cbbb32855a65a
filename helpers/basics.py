"""Numpy warm-up functions of notebook 02, section 13 ("useful numpy pieces").

Each is graded: the learner writes their own and ``helpers.checks`` compares it
with these. Inputs are checked; nothing is modified in place.
"""

import numpy as np

from .activations import sigmoid
from .validation import check_array


def _numeric(x, name):
    if np.isscalar(x) and not isinstance(x, (str, bytes)):
        x = np.asarray(x, dtype=np.float64)
    check_array(x, name, "(...)", (None,) * np.ndim(x))
    return x


def sigmoid_derivative(x):
    """The slope of the sigmoid at x: s (1 - s) with s = sigmoid(x).

    x : scalar or array of any shape. Returns a float array of the same shape,
    every value in (0, 0.25].
    """
    s = sigmoid(_numeric(x, "x"))
    return s * (1 - s)


def image2vector(image):
    """Unroll an image ``(length, height, depth)`` into a column ``(length*height*depth, 1)``.

    The order is numpy's default (C order): all channels of pixel (0, 0) first,
    then pixel (0, 1)... Notebook 02, section 1 shows why the order must match
    between images.
    """
    check_array(image, "image", "(length, height, depth)", (None, None, None), finite=False)
    return image.reshape(-1, 1)


def normalize_rows(x):
    """Divide each row of ``x`` (shape ``(n, d)``) by its Euclidean length.

    Uses ``np.linalg.norm(x, axis=1, keepdims=True)`` of shape ``(n, 1)``, which
    broadcasts across the columns. A row of zeros has no direction and stays zeros.
    """
    check_array(x, "x", "(n, d)", (None, None))
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return np.divide(x, norms, out=np.zeros(x.shape, dtype=np.float64), where=norms > 0)


def softmax(x):
    """Softmax of each row of ``x`` (shape ``(n, d)``): exp(x) / sum of the row's exp(x).

    Each row of the result is positive and sums to 1. The row maximum is
    subtracted first (which does not change the result) so exp never overflows.
    """
    check_array(x, "x", "(n, d)", (None, None))
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _pair(yhat, y):
    yhat = _numeric(yhat, "yhat")
    y = _numeric(y, "y")
    if np.shape(yhat) != np.shape(y):
        raise ValueError(f"yhat and y must have the same shape, got {np.shape(yhat)} and {np.shape(y)}")
    return yhat, y


def L1(yhat, y):
    """L1 loss: the sum of |y - yhat| over all entries (a float)."""
    yhat, y = _pair(yhat, y)
    return float(np.sum(np.abs(y - yhat)))


def L2(yhat, y):
    """L2 loss: the sum of (y - yhat)^2 over all entries (a float)."""
    yhat, y = _pair(yhat, y)
    d = (y - yhat).ravel()
    return float(np.dot(d, d))
