"""A network with one hidden layer (notebook 03, section 7).

Shapes: ``X`` (n_x, m), ``Y`` (1, m); parameters ``W1`` (n_h, n_x), ``b1`` (n_h, 1),
``W2`` (n_y, n_h), ``b2`` (n_y, 1), keyed "W1", "b1", "W2", "b2".

    Z1 = W1 X + b1      A1 = g(Z1)           (n_h, m)    g = tanh unless told
    Z2 = W2 A1 + b2     A2 = sigmoid(Z2)     (n_y, m)
    J  = -(1/m) sum(Y log A2 + (1 - Y) log(1 - A2))
    dZ2 = A2 - Y                                        (n_y, m)
    dW2 = (1/m) dZ2 A1^T      db2 = (1/m) sum(dZ2, axis=1, keepdims=True)
    dZ1 = (W2^T dZ2) * g'(Z1)                           (n_h, m)   tanh: g'(Z1) = 1 - A1^2
    dW1 = (1/m) dZ1 X^T       db1 = (1/m) sum(dZ1, axis=1, keepdims=True)

The equations are written once: ``forward``, ``backward`` and ``update``, and ``step``
(one iteration of gradient descent made of them; ``descend`` repeats it), which
``nn_model``, notebook 03's playground and the checks all use. These four trust their arrays. The graded
functions (``forward_propagation``, ``backward_propagation``...) check their arguments
first, then call them; the graded ones run a network of one output unit (n_y = 1).
``activation`` names the hidden layer's g: "tanh" (the course's), "relu",
"leaky_relu" or "sigmoid". Nothing here modifies its arguments.
"""

import numpy as np

from .activations import ACTIVATIONS
from .cost import cross_entropy, cross_entropy_from_logits
from .validation import (MAX_ELEMENTS, check_activation, check_array, check_dict_keys, check_flag,
                         check_iterations, check_labels, check_matches, check_probabilities,
                         check_scalar, check_seed, check_size, check_X_orientation, diverged,
                         finite_result)

COST_EVERY = 100  # nn_model records the cost every this many iterations
KEYS = ("W1", "b1", "W2", "b2")
SCALE_HINT = "scale X down (e.g. divide pixel values by 255) or use smaller weights"


# --- the equations (they trust their arrays) ------------------------------------------------

def forward(X, parameters, activation="tanh"):
    """The forward pass. X (n_x, m). Returns ``(A2 (n_y, m), cache)`` with
    cache = {"Z1": (n_h, m), "A1": (n_h, m), "Z2": (n_y, m), "A2": (n_y, m)}."""
    W1, b1, W2, b2 = (parameters[k] for k in KEYS)
    Z1 = np.dot(W1, X) + b1
    A1 = ACTIVATIONS[activation].forward(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = ACTIVATIONS["sigmoid"].forward(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def backward(parameters, cache, X, Y, activation="tanh"):
    """The six backward equations. Returns grads {"dW1": (n_h, n_x), "db1": (n_h, 1),
    "dW2": (n_y, n_h), "db2": (n_y, 1)}."""
    m = X.shape[1]
    dZ2 = cache["A2"] - Y
    dW2 = np.dot(dZ2, cache["A1"].T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = np.dot(parameters["W2"].T, dZ2) * ACTIVATIONS[activation].slope(cache["Z1"], cache["A1"])
    dW1 = np.dot(dZ1, X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update(parameters, grads, learning_rate):
    """One gradient-descent step: a new dict with W1 - alpha dW1, b1 - alpha db1, ..."""
    return {k: parameters[k] - learning_rate * grads["d" + k] for k in KEYS}


def step(parameters, X, Y, learning_rate, activation="tanh"):
    """One iteration of gradient descent: forward, backward, update.

    Returns ``(new parameters, cache, grads)``; the cache (Z1, A1, Z2, A2) is that of the
    parameters passed in, so the caller can read this iteration's cost from it.
    """
    _, cache = forward(X, parameters, activation)
    grads = backward(parameters, cache, X, Y, activation)
    return update(parameters, grads, learning_rate), cache, grads


def descend(parameters, X, Y, num_iterations, learning_rate, activation="tanh", every=COST_EVERY,
            print_cost=False):
    """``step`` repeated ``num_iterations`` times from ``parameters``; returns
    ``(parameters, costs)`` with the cost every ``every`` iterations (J from the logits Z2:
    the course's cost, exact where A2 rounds to 0 or 1). Raises ``TrainingDiverged``."""
    costs = []
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(num_iterations):
            parameters, cache, _ = step(parameters, X, Y, learning_rate, activation)
            if not (np.isfinite(cache["Z2"]).all() and np.isfinite(parameters["b2"]).all()):
                raise diverged(learning_rate, i)
            if i % every == 0:
                costs.append(cross_entropy_from_logits(cache["Z2"], Y))
                if print_cost and i % 1000 == 0:
                    print(f"Cost after iteration {i}: {costs[-1]:.6f}")
    return parameters, costs


# --- the graded functions (they check their arguments, then use the equations) ---------------

def layer_sizes(X, Y, n_h=4):
    """``(n_x, n_h, n_y)``: input size from X (n_x, m), output size from Y (n_y, m).

    The hidden size is a choice, not read from data: 4 unless ``n_h`` is given.
    """
    X = check_array(X, "X", "(n_x, m)", (None, None))
    Y = check_array(Y, "Y", "(n_y, m)", (None, X.shape[1]), sources={1: "X"}, as_float=False)
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


def _checked_inputs(X, parameters, activation):
    X = check_array(X, "X", "(n_x, m)", (None, None))
    check_X_orientation(X, parameters)
    p = check_parameters(parameters, X.shape[0], one_output=True)
    check_activation(activation, ACTIVATIONS)
    return X, p


def forward_propagation(X, parameters, activation="tanh"):
    """Compute the network's output for every column of X.

    X : (n_x, m). Returns ``(A2, cache)``: A2 (1, m) the predicted
    probabilities; cache = {"Z1": (n_h, m), "A1": (n_h, m), "Z2": (1, m),
    "A2": (1, m)}, what the backward pass needs. Notebook 03, section 7.
    """
    X, p = _checked_inputs(X, parameters, activation)
    with np.errstate(over="ignore", invalid="ignore"):
        A2, cache = forward(X, p, activation)
    for key in ("Z1", "Z2"):
        finite_result(cache[key], key, SCALE_HINT)
    return A2, cache


def compute_cost(A2, Y):
    """Cross-entropy cost (a float) of predictions A2 (1, m) against labels Y (1, m).

    Finite even where A2 is exactly 0 or 1. Notebook 03, section 7.
    """
    A2 = check_probabilities(A2, "A2")
    return cross_entropy(A2, check_labels(Y, A2.shape[1], against="A2"))


def _checked_cache(cache, n_h, m, activation):
    """The cache must hold what forward_propagation stores, consistent with ``activation``."""
    check_dict_keys(cache, ("Z1", "A1", "Z2", "A2"), "cache")
    c = {}
    for key, rows, source in (("Z1", n_h, "W1"), ("A1", n_h, "W1"), ("Z2", 1, "W2"), ("A2", 1, "W2")):
        c[key] = check_array(cache[key], f'cache["{key}"]', f"({'n_h' if rows != 1 else '1'}, m)",
                             (rows, m), sources={0: source, 1: "X"})
    check_probabilities(c["A2"], 'cache["A2"]')
    how = "pass the cache that forward_propagation returned for this X, with the same activation"
    check_matches(c["A2"], ACTIVATIONS["sigmoid"].forward(c["Z2"]), 'cache["A2"]',
                  'sigmoid(cache["Z2"])', how)
    check_matches(c["A1"], ACTIVATIONS[activation].forward(c["Z1"]), 'cache["A1"]',
                  f'{activation}(cache["Z1"]) (activation={activation!r})', how)
    return c


def backward_propagation(parameters, cache, X, Y, activation="tanh"):
    """The gradients of the cost with respect to every parameter.

    parameters : {"W1", "b1", "W2", "b2"}    cache : from forward_propagation
    X : (n_x, m)   Y : (1, m)
    Returns grads = {"dW1": (n_h, n_x), "db1": (n_h, 1), "dW2": (1, n_h),
    "db2": (1, 1)}: the six equations of this module's docstring. The cache must be
    consistent: A2 = sigmoid(Z2) and A1 = g(Z1) for ``activation``.
    """
    X, p = _checked_inputs(X, parameters, activation)
    Y = check_labels(Y, X.shape[1])
    c = _checked_cache(cache, p["W1"].shape[0], X.shape[1], activation)
    with np.errstate(over="ignore", invalid="ignore"):
        grads = backward(p, c, X, Y, activation)
    for key, value in grads.items():
        finite_result(value, key, SCALE_HINT)
    return grads


def update_parameters(parameters, grads, learning_rate=1.2):
    """One gradient-descent step: a new dict with W1 - alpha dW1, b1 - alpha db1, ...

    parameters : {"W1", "b1", "W2", "b2"}    grads : {"dW1", "db1", "dW2", "db2"}
    with matching shapes; learning_rate : a positive number. The input dicts are
    left unchanged.
    """
    p = check_parameters(parameters)
    check_dict_keys(grads, ["d" + k for k in KEYS], "grads")
    g = {"d" + k: check_array(grads["d" + k], "d" + k, f"the shape of {k},", p[k].shape)
         for k in KEYS}
    learning_rate = check_scalar(learning_rate, "learning_rate", positive=True)
    with np.errstate(over="ignore", invalid="ignore"):
        new = update(p, g, learning_rate)
    for k in KEYS:
        finite_result(new[k], f"the updated {k}", "use a smaller learning_rate")
    return new


def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False, learning_rate=1.2,
             activation="tanh", seed=3, return_costs=False):
    """Train the one-hidden-layer network by gradient descent (``step``, repeated).

    X : (n_x, m)   Y : (1, m) of 0/1 labels   n_h : hidden units (a whole number >= 1)
    ``seed`` (non-negative int or Generator) draws the initial weights. Returns the
    trained parameters {"W1", "b1", "W2", "b2"}; with ``return_costs`` returns
    ``(parameters, costs)``, the costs at iterations 0, 100, 200...
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
    parameters, costs = descend(initialize_parameters(n_x, n_h, n_y, seed), X, Y, num_iterations,
                                learning_rate, activation, print_cost=print_cost)
    return (parameters, costs) if return_costs else parameters


def predict(parameters, X, activation="tanh"):
    """Class labels (1, m) of 0.0/1.0: 1 where the network's output A2 > 0.5."""
    A2, _ = forward_propagation(X, parameters, activation)
    return (A2 > 0.5).astype(np.float64)
