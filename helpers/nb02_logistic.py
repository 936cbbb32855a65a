"""Logistic regression as a one-neuron network (notebook 02, section 14).

Notation: ``X`` is ``(n_x, m)``, one example per column; ``Y`` is ``(1, m)`` of
0/1 labels; ``w`` is ``(n_x, 1)``; ``b`` is a Python float.

    Z = w^T X + b          (1, m)
    A = sigmoid(Z)         (1, m)   the predicted probabilities y-hat
    J = -(1/m) sum(Y log A + (1 - Y) log(1 - A))
    dw = (1/m) X (A - Y)^T (n_x, 1)
    db = (1/m) sum(A - Y)  float

Every public function checks its arguments and raises ``TypeError`` /
``ValueError`` naming the argument, the expected shape and the shape given.
None modifies its arguments.
"""

import numpy as np

from . import activations, threads
from .cost import _from_logits, _logit_gradient
from .validation import (check_array, check_flag, check_iterations, check_labels, check_scalar,
                         check_size, diverged, finite_result)

COST_EVERY = 100  # optimize() records the cost every this many iterations
_SCALE_HINT = "scale X down (e.g. divide pixel values by 255) or start from smaller w and b"


def sigmoid(z):
    """sigma(z) = 1 / (1 + e^-z) of a scalar or an array of any shape.

    Returns a float (for a scalar) or a float64 array of the same shape, every
    value in [0, 1]. Stable for any z: sigmoid(1000) is 1.0 and sigmoid(-1000)
    is 0.0, with no overflow warning. Notebook 02, section 2.
    """
    if np.isscalar(z) and not isinstance(z, (str, bytes)):
        return float(activations._sigmoid(check_scalar(z, "z")))
    return activations.sigmoid(check_array(z, "z", "(...)", (None,) * getattr(z, "ndim", 0),
                                           allow_empty=True))


def initialize_with_zeros(dim):
    """Zero parameters for ``dim`` features: ``(w (dim, 1) float64 zeros, b = 0.0)``.

    ``dim`` is a whole number >= 1. Zeros are fine here: with a single neuron
    there is no symmetry to break (notebook 03 shows why a hidden layer is different).
    """
    return np.zeros((check_size(dim, "dim"), 1)), 0.0


def _check_wbX(w, b, X):
    """w (n_x, 1) first, then X against w's n_x, so a transposed X is the one named."""
    w = check_array(w, "w", "(n_x, 1)", (None, 1))
    X = check_array(X, "X", "(n_x, m)", (w.shape[0], None), sources={0: "w"})
    return w, check_scalar(b, "b"), X


def _logits(w, b, X):
    with np.errstate(over="ignore", invalid="ignore"):
        Z = w.T @ X + b
    return finite_result(Z, "Z = w^T X + b", _SCALE_HINT)


def _propagate(w, b, X, Y, with_cost=True, sign=None):
    """Unchecked core of ``propagate``; returns (dw, db, cost or None).

    The gradient A - Y and the cost both come from the logits Z (``helpers.cost``);
    ``sign`` = 1 - 2Y may be passed precomputed.
    """
    m = X.shape[1]
    Z = w.T @ X + b
    dZ = _logit_gradient(Z, Y, sign)
    dw = (X @ dZ.T) / m
    db = float(dZ.sum()) / m
    cost = _from_logits(Z, Y) if with_cost else None
    return dw, db, cost


def propagate(w, b, X, Y):
    """One forward and backward pass: the cost and its gradients.

    w : (n_x, 1)    b : float    X : (n_x, m)    Y : (1, m) of 0/1 labels
    Returns ``(grads, cost)``: grads = {"dw": (n_x, 1), "db": float}, cost a float,
    exact to rounding even where sigmoid(w^T X + b) rounds to 0 or 1.
    Notebook 02, sections 7-10.
    """
    w, b, X = _check_wbX(w, b, X)
    Y = check_labels(Y, X.shape[1])
    _logits(w, b, X)
    with np.errstate(over="ignore", invalid="ignore"):
        dw, db, cost = _propagate(w, b, X, Y)
    finite_result(dw, "the gradient dw = X (A - Y)^T / m", _SCALE_HINT)
    return {"dw": dw, "db": db}, cost


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
    w, b, X = _check_wbX(w, b, X)
    Y = check_labels(Y, X.shape[1])
    num_iterations = check_iterations(num_iterations)
    learning_rate = check_scalar(learning_rate, "learning_rate", positive=True)
    print_cost = check_flag(print_cost, "print_cost")
    _logits(w, b, X)
    return _optimize(w, b, X, Y, num_iterations, learning_rate, print_cost)


@threads.trains(lambda X: threads.dense_flops([X.shape[0], 1], X.shape[1]))
def _optimize(w, b, X, Y, num_iterations, learning_rate, print_cost):
    """The unchecked loop of ``optimize`` and ``model`` (BLAS threads: ``helpers.threads``)."""
    w = w.astype(np.float64)  # a copy: the caller's w is never touched
    dw, db, costs = np.zeros_like(w), 0.0, []
    sign = 1.0 - 2.0 * Y
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(num_iterations):
            threads.settle()
            record = i % COST_EVERY == 0
            dw, db, cost = _propagate(w, b, X, Y, with_cost=record, sign=sign)
            w -= learning_rate * dw
            b -= learning_rate * db
            if not np.isfinite(b) or (record and not np.isfinite(cost)):
                raise diverged(learning_rate, i, "bias b" if not np.isfinite(b) else "cost")
            if record:
                costs.append(cost)
                if print_cost:
                    print(f"Cost after iteration {i}: {cost:.6f}")
    return {"w": w, "b": b}, {"dw": dw, "db": db}, costs


def predict(w, b, X):
    """Label each column of X: 1.0 where sigmoid(w^T X + b) > 0.5, else 0.0.

    w : (n_x, 1)   b : float   X : (n_x, m)   Returns a float64 array (1, m).
    Notebook 02, section 14.
    """
    w, b, X = _check_wbX(w, b, X)
    return (_logits(w, b, X) > 0).astype(np.float64)  # sigmoid(z) > 0.5 exactly when z > 0


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
    params, _, costs = _optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w, b = params["w"], params["b"]
    Y_prediction_train = predict(w, b, X_train)
    Y_prediction_test = predict(w, b, X_test)
    if print_cost:
        print(f"train accuracy: {accuracy(Y_prediction_train, Y_train):.2f} %")
        print(f"test accuracy: {accuracy(Y_prediction_test, Y_test):.2f} %")
    return {"costs": costs, "Y_prediction_test": Y_prediction_test,
            "Y_prediction_train": Y_prediction_train, "w": w, "b": b,
            "learning_rate": learning_rate, "num_iterations": num_iterations}
