"""The cross-entropy cost shared by logistic regression, the shallow and the deep network.

    J = -(1/m) * sum( Y log(A) + (1 - Y) log(1 - A) )

These kernels trust their input (they run inside training loops); the graded
``compute_cost`` functions in ``shallow`` and ``deep`` check it first.
"""

import numpy as np

# A sigmoid output of exactly 0.0 or 1.0 (|z| > ~37 in float64) would give log(0).
# Clipping to the nearest representable probabilities keeps the cost finite
# (at most ~708 per example) and changes nothing for any other value.
_LOW = np.finfo(np.float64).tiny
_HIGH = np.nextafter(1.0, 0.0)


def cross_entropy(A, Y):
    """Mean cross-entropy of predictions ``A`` (1, m) in [0, 1] against labels ``Y`` (1, m)."""
    A = np.clip(A, _LOW, _HIGH)
    m = Y.shape[1]
    return float(-(np.dot(np.log(A), Y.T) + np.dot(np.log1p(-A), (1 - Y).T)).item() / m)


def cross_entropy_from_logits(Z, Y):
    """The same cost from Z, where A = sigmoid(Z): mean of log(1 + e^Z) - Y Z.

    Exact for any finite Z (no clipping needed): the loss of a confident wrong
    prediction keeps growing with |Z| instead of stopping at ~708.
    """
    m = Y.shape[1]
    return float((np.sum(np.logaddexp(0.0, Z)) - np.dot(Z, Y.T).item()) / m)
