"""A network with one hidden layer (notebook 03, section 7).

Shapes: ``X`` (n_x, m), ``Y`` (1, m); parameters ``W1`` (n_h, n_x), ``b1``
(n_h, 1), ``W2`` (n_y, n_h), ``b2`` (n_y, 1) with n_y = 1.

    Z1 = W1 X + b1     A1 = g(Z1)          (n_h, m)   g = tanh by default
    Z2 = W2 A1 + b2    A2 = sigmoid(Z2)    (1, m)
    dZ2 = A2 - Y                               (1, m)
    dW2 = (1/m) dZ2 A1^T      db2 = (1/m) sum(dZ2, axis=1, keepdims=True)
    dZ1 = (W2^T dZ2) * g'(Z1)                  (n_h, m)
    dW1 = (1/m) dZ1 X^T       db1 = (1/m) sum(dZ1, axis=1, keepdims=True)

``activation`` names the hidden layer's g: "tanh" (the course's choice),
"relu", "leaky_relu" or "sigmoid". Public functions check their arguments and
never modify them.
"""

import numpy as np

from . import threads
from .activations import ACTIVATIONS, sigmoid, slope_from_output
from .cost import cross_entropy
from .validation import (check_activation, check_array, check_dict_keys, check_labels,
                         check_probabilities, check_scalar, diverged)

COST_EVERY = 100  # nn_model() records the cost every this many iterations
KEYS = ("W1", "b1", "W2", "b2")


def layer_sizes(X, Y, n_h=4):
    """``(n_x, n_h, n_y)``: input size from X (n_x, m), output size from Y (n_y, m).

    The hidden size is a choice, not read from data: 4 unless ``n_h`` is given.
    """
    check_array(X, "X", "(n_x, m)", (None, None))
    check_array(Y, "Y", "(n_y, m)", (None, X.shape[1]))
    return X.shape[0], check_scalar(n_h, "n_h", integer=True, minimum=1), Y.shape[0]


def initialize_parameters(n_x, n_h, n_y, seed=2):
    """Small random weights (standard normal x 0.01) and zero biases.

    Returns {"W1": (n_h, n_x), "b1": (n_h, 1), "W2": (n_y, n_h), "b2": (n_y, 1)}.
    ``seed`` is an int or a ``numpy.random.Generator``; W1 is drawn before W2.
    Random weights break the symmetry between hidden units; small ones keep tanh
    away from its flat ends (notebook 03, section 6).
    """
    n_x, n_h, n_y = (check_scalar(v, k, integer=True, minimum=1)
                     for k, v in (("n_x", n_x), ("n_h", n_h), ("n_y", n_y)))
    rng = np.random.default_rng(seed)
    return {"W1": rng.standard_normal((n_h, n_x)) * 0.01, "b1": np.zeros((n_h, 1)),
            "W2": rng.standard_normal((n_y, n_h)) * 0.01, "b2": np.zeros((n_y, 1))}


def check_parameters(parameters, n_x=None):
    """Check the four arrays chain: W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1)."""
    check_dict_keys(parameters, KEYS, "parameters")
    W1 = check_array(parameters["W1"], "W1", "(n_h, n_x)", (None, n_x))
    n_h = W1.shape[0]
    check_array(parameters["b1"], "b1", "(n_h, 1)", (n_h, 1))
    W2 = check_array(parameters["W2"], "W2", "(n_y, n_h)", (None, n_h))
    check_array(parameters["b2"], "b2", "(n_y, 1)", (W2.shape[0], 1))
    return parameters


def _forward(X, p, activation):
    Z1 = p["W1"] @ X + p["b1"]
    A1 = ACTIVATIONS[activation][0](Z1)
    Z2 = p["W2"] @ A1 + p["b2"]
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def forward_propagation(X, parameters, activation="tanh"):
    """Compute the network's output for every column of X.

    X : (n_x, m). Returns ``(A2, cache)``: A2 (1, m) the predicted
    probabilities; cache = {"Z1": (n_h, m), "A1": (n_h, m), "Z2": (1, m),
    "A2": (1, m)}, what the backward pass needs.
    """
    check_array(X, "X", "(n_x, m)", (None, None))
    check_parameters(parameters, X.shape[0])
    check_activation(activation, ACTIVATIONS)
    return _forward(X, parameters, activation)


def compute_cost(A2, Y):
    """Cross-entropy cost (a float) of predictions A2 (1, m) against labels Y (1, m).

    Finite even where A2 is exactly 0 or 1. Notebook 03, section 7.
    """
    check_probabilities(A2, "A2")
    check_labels(Y, A2.shape[1])
    return cross_entropy(A2, Y)


def _backward(p, cache, X, Y, activation):
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = (dZ2 @ cache["A1"].T) / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dZ1 = (p["W2"].T @ dZ2) * slope_from_output(activation, cache["Z1"], cache["A1"])
    dW1 = (dZ1 @ X.T) / m
    db1 = dZ1.sum(axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def backward_propagation(parameters, cache, X, Y, activation="tanh"):
    """The gradients of the cost with respect to every parameter.

    parameters : {"W1", "b1", "W2", "b2"}    cache : from forward_propagation
    X : (n_x, m)   Y : (1, m)
    Returns grads = {"dW1": (n_h, n_x), "db1": (n_h, 1), "dW2": (1, n_h),
    "db2": (1, 1)}. The six equations are in this module's docstring.
    """
    check_array(X, "X", "(n_x, m)", (None, None))
    check_parameters(parameters, X.shape[0])
    check_labels(Y, X.shape[1])
    check_activation(activation, ACTIVATIONS)
    check_dict_keys(cache, ("Z1", "A1", "Z2", "A2"), "cache")
    n_h, m = parameters["W1"].shape[0], X.shape[1]
    for key in ("Z1", "A1"):
        check_array(cache[key], f'cache["{key}"]', "(n_h, m)", (n_h, m))
    check_array(cache["A2"], 'cache["A2"]', "(1, m)", (1, m))
    return _backward(parameters, cache, X, Y, activation)


def update_parameters(parameters, grads, learning_rate=1.2):
    """One gradient-descent step: a new dict with W1 - alpha dW1, b1 - alpha db1, ...

    parameters : {"W1", "b1", "W2", "b2"}    grads : {"dW1", "db1", "dW2", "db2"}
    with matching shapes. The input dicts are left unchanged.
    """
    check_parameters(parameters)
    check_dict_keys(grads, ["d" + k for k in KEYS], "grads")
    for k in KEYS:
        check_array(grads["d" + k], "d" + k, f"the shape of {k},", parameters[k].shape)
    learning_rate = check_scalar(learning_rate, "learning_rate", positive=True)
    return {k: parameters[k] - learning_rate * grads["d" + k] for k in KEYS}


@threads.trains(lambda X, Y, n_h: threads.dense_flops([X.shape[0], n_h, Y.shape[0]],
                                                     X.shape[1]))
def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False, learning_rate=1.2,
             activation="tanh", seed=3, return_costs=False):
    """Train the one-hidden-layer network by gradient descent.

    X : (n_x, m)   Y : (1, m)   n_h : hidden units
    ``seed`` (int or Generator) draws the initial weights. Returns the trained
    parameters {"W1", "b1", "W2", "b2"}; with ``return_costs`` returns
    ``(parameters, costs)``, the costs at iterations 0, 100, 200...
    Raises ``TrainingDiverged`` (naming the learning rate) on inf or NaN.
    Notebook 03, sections 7-8.
    """
    n_x, n_h, n_y = layer_sizes(X, Y, n_h)
    check_labels(Y, X.shape[1])
    check_activation(activation, ACTIVATIONS)
    num_iterations = check_scalar(num_iterations, "num_iterations", integer=True, minimum=0)
    learning_rate = check_scalar(learning_rate, "learning_rate", positive=True)
    p = initialize_parameters(n_x, n_h, n_y, seed)
    costs = []
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(num_iterations):
            A2, cache = _forward(X, p, activation)
            grads = _backward(p, cache, X, Y, activation)
            for k in KEYS:
                p[k] -= learning_rate * grads["d" + k]
            if not np.isfinite(grads["db2"]).all() or not np.isfinite(p["b2"]).all():
                raise diverged(learning_rate, i)
            if i % COST_EVERY == 0:
                costs.append(cross_entropy(A2, Y))
                if print_cost and i % 1000 == 0:
                    print(f"Cost after iteration {i}: {costs[-1]:.6f}")
    return (p, costs) if return_costs else p


def predict(parameters, X, activation="tanh"):
    """Class labels (1, m) of 0.0/1.0: 1 where the network's output A2 > 0.5."""
    check_array(X, "X", "(n_x, m)", (None, None))
    check_parameters(parameters, X.shape[0])
    check_activation(activation, ACTIVATIONS)
    Z2 = parameters["W2"] @ ACTIVATIONS[activation][0](parameters["W1"] @ X + parameters["b1"]) \
        + parameters["b2"]
    return (Z2 > 0).astype(np.float64)
