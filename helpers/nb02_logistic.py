"""Logistic regression as a one-neuron network (notebook 02, section 14).

Notation: ``X`` is ``(n_x, m)``, one example per column; ``Y`` is ``(1, m)`` of
0/1 labels; ``w`` is ``(n_x, 1)``; ``b`` is a Python float.

    Z = w^T X + b          (1, m)
    A = sigmoid(Z)         (1, m)   the predicted probabilities y-hat
    J = -(1/m) sum(Y log A + (1 - Y) log(1 - A))
    dZ = A - Y             (1, m)
    dw = (1/m) X dZ^T      (n_x, 1)
    db = (1/m) sum(dZ)     float

The equations are written once: ``forward``, ``backward`` and ``step`` (one
iteration of gradient descent), which ``optimize``, ``model``, notebook 02's
playground and the checks use; they trust their arrays. The graded functions check
their arguments first and raise ``TypeError`` / ``ValueError`` naming the argument,
the expected shape and the shape given. None modifies its arguments.
"""

import numpy as np

from . import activations
from .cost import cross_entropy_from_logits
from .validation import (check_array, check_flag, check_iterations, check_labels, check_scalar,
                         check_size, diverged, finite_result)

COST_EVERY = 100  # optimize() records the cost every this many iterations
SCALE_HINT = "scale X down (e.g. divide pixel values by 255) or start from smaller w and b"


# --- the equations (they trust their arrays) ------------------------------------------------

def forward(w, b, X):
    """Z = w^T X + b and A = sigmoid(Z), both (1, m), for X (n_x, m)."""
    Z = np.dot(w.T, X) + b
    return activations.ACTIVATIONS["sigmoid"].forward(Z), Z


def backward(X, A, Y):
    """The gradients ``{"dw": (n_x, 1), "db": float}`` of the cost, from A and Y (1, m)."""
    m = X.shape[1]
    dZ = A - Y
    return {"dw": np.dot(X, dZ.T) / m, "db": float(np.sum(dZ)) / m}


def step(w, b, X, Y, learning_rate):
    """One iteration of gradient descent: forward, backward, update.

    Returns ``(w, b, grads, Z)``: the new parameters, and the gradients and logits Z of
    the parameters passed in (so the caller can read this iteration's cost from Z).
    """
    A, Z = forward(w, b, X)
    grads = backward(X, A, Y)
    return w - learning_rate * grads["dw"], b - learning_rate * grads["db"], grads, Z


# --- the graded functions (they check their arguments, then use the equations) ---------------

def sigmoid(z):
    """sigma(z) = 1 / (1 + e^-z) of a scalar or an array of any shape.

    Returns a float (for a scalar) or a float64 array of the same shape, every
    value in [0, 1]. Stable for any z: sigmoid(1000) is 1.0 and sigmoid(-1000)
    is 0.0, with no overflow warning. Notebook 02, section 2.
    """
    if np.isscalar(z) and not isinstance(z, (str, bytes)):
        return float(activations.sigmoid(check_scalar(z, "z")))
    return activations.sigmoid(check_array(z, "z", "(...)", (None,) * getattr(z, "ndim", 0),
                                           allow_empty=True))


def initialize_with_zeros(dim):
    """Zero parameters for ``dim`` features: ``(w (dim, 1) float64 zeros, b = 0.0)``.

    ``dim`` is a whole number >= 1. Zeros are fine here: with a single neuron
    there is no symmetry to break (notebook 03 shows why a hidden layer is different).
    """
    return np.zeros((check_size(dim, "dim"), 1)), 0.0


def _checked_wbX(w, b, X):
    """w (n_x, 1) first, then X against w's n_x, so a transposed X is the one named."""
    w = check_array(w, "w", "(n_x, 1)", (None, 1))
    X = check_array(X, "X", "(n_x, m)", (w.shape[0], None), sources={0: "w"})
    b = check_scalar(b, "b")
    with np.errstate(over="ignore", invalid="ignore"):
        finite_result(np.dot(w.T, X) + b, "Z = w^T X + b", SCALE_HINT)
    return w, b, X


def propagate(w, b, X, Y):
    """One forward and backward pass: the cost and its gradients.

    w : (n_x, 1)    b : float    X : (n_x, m)    Y : (1, m) of 0/1 labels
    Returns ``(grads, cost)``: grads = {"dw": (n_x, 1), "db": float}, cost a float
    (J from the logits Z: exact even where A rounds to 0 or 1).
    Notebook 02, sections 7-10.
    """
    w, b, X = _checked_wbX(w, b, X)
    Y = check_labels(Y, X.shape[1])
    A, Z = forward(w, b, X)
    grads = backward(X, A, Y)
    finite_result(grads["dw"], "the gradient dw = X (A - Y)^T / m", SCALE_HINT)
    return grads, cross_entropy_from_logits(Z, Y)


def descend(w, b, X, Y, num_iterations, learning_rate, print_cost=False):
    """``step`` repeated; returns ``(params, grads, costs)`` as ``optimize`` does, the cost
    every COST_EVERY iterations from the logits Z (exact where A rounds to 0 or 1)."""
    grads, costs = {"dw": np.zeros_like(w), "db": 0.0}, []
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(num_iterations):
            w, b, grads, Z = step(w, b, X, Y, learning_rate)
            if not np.isfinite(b) or not np.isfinite(Z).all():
                raise diverged(learning_rate, i, "bias b" if not np.isfinite(b) else "cost")
            if i % COST_EVERY == 0:
                costs.append(cross_entropy_from_logits(Z, Y))
                if print_cost:
                    print(f"Cost after iteration {i}: {costs[-1]:.6f}")
    return {"w": w, "b": b}, grads, costs


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Gradient descent: ``num_iterations`` steps of w -= alpha dw, b -= alpha db.

    w : (n_x, 1)   b : float   X : (n_x, m)   Y : (1, m)
    num_iterations : a whole number >= 0    learning_rate : a positive number
    Returns ``(params, grads, costs)``: params = {"w", "b"} after the last step,
    grads = {"dw", "db"} of the last step, costs = the cost at iterations 0, 100,
    200... (printed too if ``print_cost``). The inputs are left unchanged.
    Raises ``TrainingDiverged`` if the parameters become inf or NaN.
    Notebook 02, section 14.
    """
    w, b, X = _checked_wbX(w, b, X)
    Y = check_labels(Y, X.shape[1])
    num_iterations = check_iterations(num_iterations)
    learning_rate = check_scalar(learning_rate, "learning_rate", positive=True)
    print_cost = check_flag(print_cost, "print_cost")
    return descend(w, b, X, Y, num_iterations, learning_rate, print_cost)


def predict(w, b, X):
    """Label each column of X: 1.0 where sigmoid(w^T X + b) > 0.5, else 0.0.

    w : (n_x, 1)   b : float   X : (n_x, m)   Returns a float64 array (1, m).
    Notebook 02, section 14.
    """
    w, b, X = _checked_wbX(w, b, X)
    A, _ = forward(w, b, X)
    return (A > 0.5).astype(np.float64)


def accuracy(Y_prediction, Y):
    """Percentage of columns where the prediction equals the label (a float in [0, 100]).

    Y_prediction : (1, m) of 0/1 labels (e.g. from ``predict``)    Y : (1, m) of 0/1 labels
    """
    Y_prediction = check_labels(Y_prediction, None, "Y_prediction")
    Y = check_labels(Y, Y_prediction.shape[1], "Y", against="Y_prediction")
    return float(100.0 * np.mean(Y_prediction == Y))


def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5,
          print_cost=False):
    """Train logistic regression from zeros and predict on both sets.

    X_train : (n_x, m_train)   Y_train : (1, m_train)
    X_test  : (n_x, m_test)    Y_test  : (1, m_test)
    Returns a dict: "costs" (every 100 iterations), "Y_prediction_test"
    (1, m_test), "Y_prediction_train" (1, m_train), "w" (n_x, 1), "b",
    "learning_rate", "num_iterations". With ``print_cost`` it also prints the
    costs and both accuracies. Notebook 02, section 14.
    """
    X_train = check_array(X_train, "X_train", "(n_x, m_train)", (None, None))
    Y_train = check_labels(Y_train, X_train.shape[1], "Y_train", against="X_train")
    X_test = check_array(X_test, "X_test", "(n_x, m_test)", (X_train.shape[0], None),
                         sources={0: "X_train"})
    Y_test = check_labels(Y_test, X_test.shape[1], "Y_test", against="X_test")
    num_iterations = check_iterations(num_iterations)
    learning_rate = check_scalar(learning_rate, "learning_rate", positive=True)
    print_cost = check_flag(print_cost, "print_cost")
    w, b = initialize_with_zeros(X_train.shape[0])
    params, _, costs = descend(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w, b = params["w"], params["b"]
    Y_prediction_train = predict(w, b, X_train)
    Y_prediction_test = predict(w, b, X_test)
    if print_cost:
        print(f"train accuracy: {accuracy(Y_prediction_train, Y_train):.2f} %")
        print(f"test accuracy: {accuracy(Y_prediction_test, Y_test):.2f} %")
    return {"costs": costs, "Y_prediction_test": Y_prediction_test,
            "Y_prediction_train": Y_prediction_train, "w": w, "b": b,
            "learning_rate": learning_rate, "num_iterations": num_iterations}
