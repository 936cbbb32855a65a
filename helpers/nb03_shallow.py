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
never modify them; the network has one output unit (n_y = 1), and the functions
that run it (forward, backward, predict, nn_model) refuse a W2 with more rows.
The training loop (``nn_model``) computes its cost and dZ2 from the logits Z2.
"""

import numpy as np

from . import threads
from .activations import ACTIVATIONS, _sigmoid, _slope_from_output
from .cost import _cross_entropy, _from_logits, _logit_gradient
from .validation import (MAX_ELEMENTS, check_activation, check_array, check_dict_keys, check_flag,
                         check_iterations, check_labels, check_matches, check_probabilities,
                         check_scalar, check_seed, check_size, check_X_orientation, diverged,
                         finite_result)

COST_EVERY = 100  # nn_model() records the cost every this many iterations
KEYS = ("W1", "b1", "W2", "b2")
_SCALE_HINT = "scale X down (e.g. divide pixel values by 255) or use smaller weights"


def layer_sizes(X, Y, n_h=4):
    """``(n_x, n_h, n_y)``: input size from X (n_x, m), output size from Y (n_y, m).

    The hidden size is a choice, not read from data: 4 unless ``n_h`` is given.
    """
    X = check_array(X, "X", "(n_x, m)", (None, None))
    Y = check_array(Y, "Y", "(n_y, m)", (None, X.shape[1]), sources={1: "X"})
    return X.shape[0], check_size(n_h, "n_h"), Y.shape[0]


def initialize_parameters(n_x, n_h, n_y, seed=2):
    """Small random weights (standard normal x 0.01) and zero biases.

    n_x, n_h, n_y : whole numbers >= 1. Returns {"W1": (n_h, n_x), "b1": (n_h, 1),
    "W2": (n_y, n_h), "b2": (n_y, 1)}. ``seed`` is a non-negative int or a
    ``numpy.random.Generator``; W1 is drawn before W2. Random weights break the
    symmetry between hidden units; small ones keep tanh away from its flat ends
    (notebook 03, section 6).
    """
    n_x, n_h, n_y = (check_size(v, k) for k, v in (("n_x", n_x), ("n_h", n_h), ("n_y", n_y)))
    if n_h * (n_x + n_y) > MAX_ELEMENTS:
        raise ValueError(f"n_x={n_x}, n_h={n_h}, n_y={n_y} would need {n_h * (n_x + n_y)} weights, "
                         f"more than {MAX_ELEMENTS}; use fewer units")
    rng = check_seed(seed)
    return {"W1": rng.standard_normal((n_h, n_x)) * 0.01, "b1": np.zeros((n_h, 1)),
            "W2": rng.standard_normal((n_y, n_h)) * 0.01, "b2": np.zeros((n_y, 1))}


def check_parameters(parameters, n_x=None, one_output=False):
    """Check the four arrays chain: W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1).

    n_x : the number of rows of X, if known; ``one_output`` also requires n_y = 1.
    Returns a dict of the four float64 arrays (the caller's dict is not changed).
    """
    check_dict_keys(parameters, KEYS, "parameters")
    W1 = check_array(parameters["W1"], "W1", "(n_h, n_x)", (None, n_x),
                     sources={1: f"X has {n_x} rows (features)"})
    n_h = W1.shape[0]
    b1 = check_array(parameters["b1"], "b1", "(n_h, 1)", (n_h, 1), sources={0: "W1"})
    W2 = check_array(parameters["W2"], "W2", "(n_y, n_h)", (1 if one_output else None, n_h),
                     sources={0: "the output layer has 1 unit (one sigmoid probability)",
                              1: f"W1 has {n_h} rows"})
    b2 = check_array(parameters["b2"], "b2", "(n_y, 1)", (W2.shape[0], 1), sources={0: "W2"})
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def _forward(X, p, activation, output=True):
    """The forward pass; ``output=False`` skips A2 (training needs only Z2)."""
    Z1 = p["W1"] @ X + p["b1"]
    A1 = ACTIVATIONS[activation][0](Z1)
    Z2 = p["W2"] @ A1 + p["b2"]
    A2 = _sigmoid(Z2) if output else None
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def _checked_forward(X, parameters, activation):
    """Check X, parameters and activation; run the forward pass; refuse an overflow."""
    X = check_array(X, "X", "(n_x, m)", (None, None))
    check_X_orientation(X, parameters)
    p = check_parameters(parameters, X.shape[0], one_output=True)
    check_activation(activation, ACTIVATIONS)
    with np.errstate(over="ignore", invalid="ignore"):
        A2, cache = _forward(X, p, activation)
    for key in ("Z1", "Z2"):
        finite_result(cache[key], key, _SCALE_HINT)
    return X, p, A2, cache


def forward_propagation(X, parameters, activation="tanh"):
    """Compute the network's output for every column of X.

    X : (n_x, m). Returns ``(A2, cache)``: A2 (1, m) the predicted
    probabilities; cache = {"Z1": (n_h, m), "A1": (n_h, m), "Z2": (1, m),
    "A2": (1, m)}, what the backward pass needs.
    """
    _, _, A2, cache = _checked_forward(X, parameters, activation)
    return A2, cache


def compute_cost(A2, Y):
    """Cross-entropy cost (a float) of predictions A2 (1, m) against labels Y (1, m).

    Finite even where A2 is exactly 0 or 1. Notebook 03, section 7.
    """
    A2 = check_probabilities(A2, "A2")
    Y = check_labels(Y, A2.shape[1], against="A2")
    return _cross_entropy(A2, Y)


def _backward(p, cache, X, dZ2, activation):
    m = X.shape[1]
    dW2 = (dZ2 @ cache["A1"].T) / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dZ1 = (p["W2"].T @ dZ2) * _slope_from_output(activation, cache["Z1"], cache["A1"])
    dW1 = (dZ1 @ X.T) / m
    db1 = dZ1.sum(axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def _check_cache(cache, n_h, m, activation):
    """The cache must hold what forward_propagation stores, consistent with ``activation``."""
    check_dict_keys(cache, ("Z1", "A1", "Z2", "A2"), "cache")
    c = {}
    for key, rows, source in (("Z1", n_h, "W1"), ("A1", n_h, "W1"), ("Z2", 1, "W2"), ("A2", 1, "W2")):
        c[key] = check_array(cache[key], f'cache["{key}"]', f"({'n_h' if rows != 1 else '1'}, m)",
                             (rows, m), sources={0: source, 1: "X"})
    check_probabilities(c["A2"], 'cache["A2"]')
    how = "pass the cache that forward_propagation returned for this X, with the same activation"
    check_matches(c["A2"], _sigmoid(c["Z2"]), 'cache["A2"]', 'sigmoid(cache["Z2"])', how)
    check_matches(c["A1"], ACTIVATIONS[activation][0](c["Z1"]), 'cache["A1"]',
                  f'{activation}(cache["Z1"]) (activation={activation!r})', how)
    return c


def backward_propagation(parameters, cache, X, Y, activation="tanh"):
    """The gradients of the cost with respect to every parameter.

    parameters : {"W1", "b1", "W2", "b2"}    cache : from forward_propagation
    X : (n_x, m)   Y : (1, m)
    Returns grads = {"dW1": (n_h, n_x), "db1": (n_h, 1), "dW2": (1, n_h),
    "db2": (1, 1)}. The six equations are in this module's docstring. The cache
    must be consistent: A2 = sigmoid(Z2) and A1 = g(Z1) for ``activation``.
    """
    X = check_array(X, "X", "(n_x, m)", (None, None))
    check_X_orientation(X, parameters)
    p = check_parameters(parameters, X.shape[0], one_output=True)
    Y = check_labels(Y, X.shape[1])
    check_activation(activation, ACTIVATIONS)
    c = _check_cache(cache, p["W1"].shape[0], X.shape[1], activation)
    with np.errstate(over="ignore", invalid="ignore"):
        grads = _backward(p, c, X, c["A2"] - Y, activation)
    for key, value in grads.items():
        finite_result(value, key, _SCALE_HINT)
    return grads


def _check_grads(grads, p, keys):
    """``grads`` must hold "d" + key for every key, each of the shape of ``p[key]``."""
    check_dict_keys(grads, ["d" + k for k in keys], "grads")
    return {"d" + k: check_array(grads["d" + k], "d" + k, f"the shape of {k},", p[k].shape)
            for k in keys}


def update_parameters(parameters, grads, learning_rate=1.2):
    """One gradient-descent step: a new dict with W1 - alpha dW1, b1 - alpha db1, ...

    parameters : {"W1", "b1", "W2", "b2"}    grads : {"dW1", "db1", "dW2", "db2"}
    with matching shapes; learning_rate : a positive number. The input dicts are
    left unchanged.
    """
    p = check_parameters(parameters)
    g = _check_grads(grads, p, KEYS)
    learning_rate = check_scalar(learning_rate, "learning_rate", positive=True)
    with np.errstate(over="ignore", invalid="ignore"):
        new = {k: p[k] - learning_rate * g["d" + k] for k in KEYS}
    for k in KEYS:
        finite_result(new[k], f"the updated {k}", "use a smaller learning_rate")
    return new


@threads.trains(lambda X, Y, n_h: threads.dense_flops([X.shape[0], n_h, Y.shape[0]],
                                                     X.shape[1]))
def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False, learning_rate=1.2,
             activation="tanh", seed=3, return_costs=False):
    """Train the one-hidden-layer network by gradient descent.

    X : (n_x, m)   Y : (1, m) of 0/1 labels   n_h : hidden units (a whole number >= 1)
    ``seed`` (non-negative int or Generator) draws the initial weights. Returns the
    trained parameters {"W1", "b1", "W2", "b2"}; with ``return_costs`` returns
    ``(parameters, costs)``, the costs at iterations 0, 100, 200... (computed
    from the logits Z2, exact even where A2 rounds to 0 or 1).
    Raises ``TrainingDiverged`` (naming the learning rate) on inf or NaN.
    Notebook 03, sections 7-8.
    """
    n_x, n_h, n_y = layer_sizes(X, Y, n_h)
    X = check_array(X, "X", "(n_x, m)", (None, None))
    Y = check_labels(Y, X.shape[1])
    check_activation(activation, ACTIVATIONS)
    num_iterations = check_iterations(num_iterations)
    learning_rate = check_scalar(learning_rate, "learning_rate", positive=True)
    print_cost = check_flag(print_cost, "print_cost")
    return_costs = check_flag(return_costs, "return_costs")
    p = initialize_parameters(n_x, n_h, n_y, seed)
    costs, sign = [], 1.0 - 2.0 * Y
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(num_iterations):
            threads.settle()
            _, cache = _forward(X, p, activation, output=False)
            grads = _backward(p, cache, X, _logit_gradient(cache["Z2"], Y, sign), activation)
            for k in KEYS:
                p[k] -= learning_rate * grads["d" + k]
            if not np.isfinite(grads["db2"]).all() or not np.isfinite(p["b2"]).all():
                raise diverged(learning_rate, i)
            if i % COST_EVERY == 0:
                costs.append(_from_logits(cache["Z2"], Y))
                if print_cost and i % 1000 == 0:
                    print(f"Cost after iteration {i}: {costs[-1]:.6f}")
    return (p, costs) if return_costs else p


def predict(parameters, X, activation="tanh"):
    """Class labels (1, m) of 0.0/1.0: 1 where the network's output A2 > 0.5."""
    _, _, _, cache = _checked_forward(X, parameters, activation)
    return (cache["Z2"] > 0).astype(np.float64)
