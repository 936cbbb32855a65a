"""The cross-entropy cost shared by logistic regression, the shallow and the deep network.

    J = -(1/m) * sum( Y log(A) + (1 - Y) log(1 - A) )         with A = sigmoid(Z)
      =  (1/m) * sum( log(1 + e^Z) - Y Z )                    the same, from the logits Z

The trainers record the cost from Z (``cross_entropy_from_logits``): exact to
rounding for every finite float64 Z, from -1.8e308 to 1.8e308, where going through
A would round A to exactly 0 or 1 once |Z| > ~37. The graded ``compute_cost``
functions receive A itself and use ``cross_entropy``. Both check their input
(A or Z (1, m) finite, Y (1, m) of 0/1 labels, one m).
"""

import numpy as np

from .validation import check_array, check_labels, check_probabilities

# A sigmoid output of exactly 0.0 or 1.0 (|z| > ~37 in float64) would give log(0).
# Clipping to the nearest representable probabilities keeps the cost finite
# (at most ~708 per example) and changes nothing for any other value.
_LOW = np.finfo(np.float64).tiny
_HIGH = np.nextafter(1.0, 0.0)


def _mean(losses, m):
    """sum(losses) / m without overflow: losses near 1e308 each still have a finite mean."""
    with np.errstate(over="ignore"):
        total = losses.sum()
    if np.isfinite(total):
        return float(total / m)
    return float((losses / m).sum())


def _cross_entropy(A, Y):
    """Mean cross-entropy of predictions ``A`` (1, m) in [0, 1] against labels ``Y`` (1, m)."""
    A = np.clip(A, _LOW, _HIGH)
    m = Y.shape[1]
    return float(-(np.dot(np.log(A), Y.T) + np.dot(np.log1p(-A), (1 - Y).T)).item() / m)


def _logit_losses(Z, Y):
    """Per-example loss log(1 + e^Z) - Y Z for logits ``Z`` and labels ``Y`` of one shape.

    Written as  (1 - Y) Z + log(1 + e^-Z)  for Z > 0  and  -Y Z + log(1 + e^Z)  for
    Z <= 0, so e is only raised to a non-positive power and the large term is a
    single product: Z = 1e17 with Y = 1 gives log1p(e^-1e17) = 0 exactly (not
    1e17 - 1e17 after rounding), Z = 1.8e308 with Y = 0 gives 1.8e308, and with
    Y = 1 gives 0 (not inf - inf = nan).
    """
    positive = Z > 0
    with np.errstate(over="ignore"):  # only the untaken branch of np.where can overflow
        linear = np.where(positive, (1 - Y) * Z, -Y * Z)
    return linear + np.log1p(np.exp(-np.abs(Z)))


def _from_logits(Z, Y):
    """The cost J from Z (1, m), where A = sigmoid(Z): the mean of log(1 + e^Z) - Y Z.

    Exact to rounding for any finite Z (no clipping): the loss of a confident wrong
    prediction keeps growing with |Z| instead of stopping at ~708; the mean of
    losses near 1.8e308 does not overflow.
    """
    return _mean(_logit_losses(Z, Y), Y.shape[1])


def _logits_and_labels(Z, Y):
    Z = check_array(Z, "Z", "(1, m)", (1, None))
    return Z, check_labels(Y, Z.shape[1], against="Z")


def cross_entropy(A, Y):
    """Mean cross-entropy (a float) of probabilities ``A`` (1, m) against 0/1 labels ``Y`` (1, m)."""
    A = check_probabilities(A, "A")
    return _cross_entropy(A, check_labels(Y, A.shape[1], against="A"))


def cross_entropy_from_logits(Z, Y):
    """The cost J (a float) from logits ``Z`` (1, m) and 0/1 labels ``Y`` (1, m); see ``_from_logits``."""
    return _from_logits(*_logits_and_labels(Z, Y))

