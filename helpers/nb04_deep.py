"""A deep L-layer network built from forward and backward steps (notebook 04).

Layers l = 1..L; ``layer_dims = [n0, n1, ..., nL]`` with n0 = n_x. Parameters ``W{l}``
(n[l], n[l-1]) and ``b{l}`` (n[l], 1), keyed "W1", "b1"...; gradients "dW1", "db1"...
and "dA0"..."dA{L-1}". Hidden layers use ``hidden_activation`` g (ReLU unless told
otherwise); layer L the sigmoid. A[0] = X.

    Z[l] = W[l] A[l-1] + b[l]          A[l] = g(Z[l]), A[L] = sigmoid(Z[L])
    dZ[L] = A[L] - Y                   dZ[l] = dA[l] * g'(Z[l])
    dW[l] = (1/m) dZ[l] A[l-1]^T       db[l] = (1/m) sum(dZ[l], axis=1, keepdims=True)
    dA[l-1] = W[l]^T dZ[l]

Caches, as the course builds them:
    linear_cache            = (A_prev, W, b)         what linear_backward needs
    activation_cache        = Z                      what g'(Z) needs
    linear_activation cache = (linear_cache, Z)
    caches                  = [cache of layer 1, ..., cache of layer L]

The equations are written once: ``linear``, ``layer_forward``, ``model_forward``,
``linear_grads``, ``model_backward``, ``update`` and ``step`` (one iteration of gradient
descent; ``descend`` repeats it), which the models, notebook 04's playground and the
checks all use; they trust their arrays. The graded functions check their arguments first (``nb04_deep_inputs``),
then call them. The graded ones run a network of one output unit. Nothing here modifies
its arguments.
"""

import numpy as np

from .activations import ACTIVATIONS
from .cost import cross_entropy, cross_entropy_from_logits
from .nb04_deep_inputs import (check_caches, check_layer_dims, check_linear, check_linear_cache,
                               check_parameters)
from .validation import (check_activation, check_array, check_callable, check_dict_keys, check_flag,
                         check_iterations, check_labels, check_matches, check_probabilities,
                         check_scalar, check_seed, check_X_orientation, describe, diverged,
                         finite_result)

COST_EVERY = 100  # the models record the cost every this many iterations
SCALE_HINT = "scale X down (e.g. divide pixel values by 255) or use smaller weights"


# --- the equations (they trust their arrays) ------------------------------------------------

def initialize(layer_dims, rng, scale=0.01):
    """W{l} = standard normal (n[l], n[l-1]) x scale (or x 1/sqrt(n[l-1]) for "xavier"), b{l} = 0."""
    parameters = {}
    for l in range(1, len(layer_dims)):
        factor = 1 / np.sqrt(layer_dims[l - 1]) if scale == "xavier" else scale
        parameters[f"W{l}"] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * factor
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return parameters


def linear(A_prev, W, b):
    """Z = W A_prev + b: (n[l], m) from A_prev (n[l-1], m), W (n[l], n[l-1]), b (n[l], 1)."""
    return np.dot(W, A_prev) + b


def layer_forward(A_prev, W, b, activation):
    """One layer: Z = W A_prev + b, A = g(Z). Returns ``(A, ((A_prev, W, b), Z))``."""
    Z = linear(A_prev, W, b)
    return ACTIVATIONS[activation].forward(Z), ((A_prev, W, b), Z)


def model_forward(X, parameters, hidden_activation="relu"):
    """[LINEAR -> g] x (L-1) -> LINEAR -> SIGMOID. Returns ``(AL, caches)``, caches[l-1]
    the cache of layer l."""
    L = len(parameters) // 2
    A, caches = X, []
    for l in range(1, L + 1):
        activation = hidden_activation if l < L else "sigmoid"
        A, cache = layer_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], activation)
        caches.append(cache)
    return A, caches


def linear_grads(dZ, A_prev, W, need_dA_prev=True):
    """One layer's linear step backwards: ``(dA_prev, dW, db)`` from dZ (n[l], m)."""
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(W.T, dZ) if need_dA_prev else None
    return dA_prev, dW, db


def model_backward(AL, Y, caches, hidden_activation="relu", need_dA0=True):
    """Backward through every layer, from dZ[L] = AL - Y (the cost's derivative through the
    sigmoid). Returns grads with "dW{l}", "db{l}" and "dA{l-1}" for l = 1..L."""
    L = len(caches)
    grads = {}
    dZ = AL - Y
    for l in range(L, 0, -1):
        (A_prev, W, _), Z = caches[l - 1]
        if l < L:
            dZ = ACTIVATIONS[hidden_activation].backward(grads[f"dA{l}"], Z)
        # training never uses dA0 = W1^T dZ1 (need_dA0=False): that saves the widest product
        dA_prev, grads[f"dW{l}"], grads[f"db{l}"] = linear_grads(dZ, A_prev, W, l > 1 or need_dA0)
        if dA_prev is not None:
            grads[f"dA{l - 1}"] = dA_prev
    return grads


def update(parameters, grads, learning_rate):
    """One gradient-descent step on every layer: W{l} - alpha dW{l}, b{l} - alpha db{l}."""
    return {k: v - learning_rate * grads["d" + k] for k, v in parameters.items()}


def step(parameters, X, Y, learning_rate, hidden_activation="relu"):
    """One iteration of gradient descent: forward, backward (without dA0), update.

    Returns ``(new parameters, caches, grads)``; the caches are those of the parameters
    passed in, so the caller can read this iteration's cost from ZL = caches[-1][1].
    """
    AL, caches = model_forward(X, parameters, hidden_activation)
    grads = model_backward(AL, Y, caches, hidden_activation, need_dA0=False)
    return update(parameters, grads, learning_rate), caches, grads


def descend(parameters, X, Y, num_iterations, learning_rate, hidden_activation="relu",
            print_cost=False, callback=None):
    """``step`` repeated ``num_iterations`` times from ``parameters``; returns
    ``(parameters, costs)``. The cost is recorded every COST_EVERY iterations from the logits
    ZL (the course's cost, exact where AL rounds to 0 or 1); ``callback(i, cost)`` then and
    after the last iteration. Raises ``TrainingDiverged`` on inf or NaN."""
    costs = []
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(num_iterations):
            parameters, caches, _ = step(parameters, X, Y, learning_rate, hidden_activation)
            ZL = caches[-1][1]
            if not np.isfinite(ZL).all():
                raise diverged(learning_rate, i, "output Z" + str(len(caches)))
            if i % COST_EVERY == 0 or i == num_iterations - 1:
                cost = cross_entropy_from_logits(ZL, Y)
                if i % COST_EVERY == 0:
                    costs.append(cost)
                    if print_cost:
                        print(f"Cost after iteration {i}: {cost:.6f}")
                if callback is not None:
                    callback(i, cost)
    if not all(np.isfinite(v).all() for v in parameters.values()):
        raise diverged(learning_rate, num_iterations - 1, "parameters")
    return parameters, costs


# --- the graded functions (they check their arguments, then use the equations) ---------------

def initialize_parameters_deep(layer_dims, seed=3, scale=0.01):
    """Random weights and zero biases for every layer.

    layer_dims : list [n0, n1, ..., nL] of whole numbers >= 1
    seed       : non-negative int or ``numpy.random.Generator``; W1 is drawn first, then W2...
    scale      : a positive number multiplying the standard-normal draws (0.01, the
                 course's exercise), or "xavier" for 1/sqrt(n[l-1]) per layer,
                 which keeps activations from shrinking layer after layer and is
                 what ``L_layer_model`` uses.
    Returns {"W1": (n1, n0), "b1": (n1, 1), ..., "WL": (nL, n[L-1]), "bL": (nL, 1)}.
    Notebook 04, section 6.
    """
    dims = check_layer_dims(layer_dims, "layer_dims")
    if isinstance(scale, str):
        if scale != "xavier":
            raise ValueError(f"scale must be a positive number or 'xavier', got {scale!r}")
    else:
        scale = check_scalar(scale, "scale", positive=True)
    return initialize(dims, check_seed(seed), scale)


def linear_forward(A, W, b):
    """Z = W A + b for one layer.

    A : (n[l-1], m) activations of the previous layer (or X)
    W : (n[l], n[l-1])     b : (n[l], 1), broadcast across the m columns
    Returns ``(Z, linear_cache)``: Z (n[l], m); linear_cache = (A, W, b).
    """
    A, W, b = check_linear(A, W, b)
    with np.errstate(over="ignore", invalid="ignore"):
        Z = linear(A, W, b)
    return finite_result(Z, "Z = W A + b", SCALE_HINT), (A, W, b)


def linear_activation_forward(A_prev, W, b, activation):
    """A = g(W A_prev + b) for one layer, g named by ``activation``.

    A_prev : (n[l-1], m)   W : (n[l], n[l-1])   b : (n[l], 1)
    activation : "sigmoid", "relu", "tanh" or "leaky_relu"
    Returns ``(A, cache)``: A (n[l], m); cache = (linear_cache, Z) with
    linear_cache = (A_prev, W, b) and Z (n[l], m).
    """
    A_prev, W, b = check_linear(A_prev, W, b, "A_prev")
    check_activation(activation, ACTIVATIONS)
    with np.errstate(over="ignore", invalid="ignore"):
        A, cache = layer_forward(A_prev, W, b, activation)
    finite_result(cache[1], "Z = W A_prev + b", SCALE_HINT)
    return A, cache


def L_model_forward(X, parameters, hidden_activation="relu"):
    """Forward pass through all L layers: [LINEAR -> g] x (L-1) -> LINEAR -> SIGMOID.

    X : (n_x, m)    parameters : {"W1", "b1", ..., "WL", "bL"} with WL of 1 row
    Returns ``(AL, caches)``: AL (1, m) the predicted probabilities; caches a list
    of L ``linear_activation_forward`` caches, caches[l-1] for layer l.
    A last layer of more than one unit is refused (the cost and backward pass
    assume one sigmoid output). Notebook 04, section 2.
    """
    X = check_array(X, "X", "(n_x, m)", (None, None))
    check_X_orientation(X, parameters)
    _, p = check_parameters(parameters, X.shape[0], one_output=True)
    check_activation(hidden_activation, ACTIVATIONS, "hidden_activation")
    with np.errstate(over="ignore", invalid="ignore"):
        AL, caches = model_forward(X, p, hidden_activation)
    for l, (_, Z) in enumerate(caches, start=1):
        finite_result(Z, f"Z{l} = W{l} A{l - 1} + b{l}", SCALE_HINT)
    return AL, caches


def compute_cost(AL, Y):
    """Cross-entropy cost (a float) of AL (1, m) against labels Y (1, m).

    Finite even where AL is exactly 0 or 1. Notebook 04, section 6.
    """
    AL = check_probabilities(AL, "AL")
    return cross_entropy(AL, check_labels(Y, AL.shape[1], against="AL"))


def _finite_grads(values, names):
    for value, name in zip(values, names):
        finite_result(value, name, SCALE_HINT)
    return values


def linear_backward(dZ, cache):
    """Gradients of one layer's linear step Z = W A_prev + b.

    dZ : (n[l], m)    cache : (A_prev (n[l-1], m), W (n[l], n[l-1]), b (n[l], 1))
    Returns ``(dA_prev, dW, db)``:
        dA_prev = W^T dZ                              (n[l-1], m)
        dW      = (1/m) dZ A_prev^T                   (n[l], n[l-1])
        db      = (1/m) sum(dZ, axis=1, keepdims)     (n[l], 1)
    """
    A_prev, W, _ = check_linear_cache(cache)
    dZ = check_array(dZ, "dZ", "(n[l], m)", (W.shape[0], A_prev.shape[1]),
                     sources={0: "W", 1: "A_prev"})
    with np.errstate(over="ignore", invalid="ignore"):
        grads = linear_grads(dZ, A_prev, W)
    return _finite_grads(grads, ("dA_prev", "dW", "db"))


def linear_activation_backward(dA, cache, activation):
    """Backward step of one LINEAR -> ACTIVATION layer.

    dA : (n[l], m)    cache : (linear_cache, Z) from linear_activation_forward
    activation : the one used forward ("sigmoid", "relu", "tanh", "leaky_relu")
    Returns ``(dA_prev (n[l-1], m), dW (n[l], n[l-1]), db (n[l], 1))``, computing
    dZ = dA * g'(Z) first.
    """
    if not isinstance(cache, tuple) or len(cache) != 2:
        raise TypeError("cache must be the tuple (linear_cache, Z) that linear_activation_forward "
                        f"returned, got {describe(cache)}")
    linear_cache, Z = cache
    A_prev, W, _ = check_linear_cache(linear_cache, "linear_cache")
    Z = check_array(Z, "Z", "(n[l], m)", (W.shape[0], A_prev.shape[1]),
                    sources={0: "W", 1: "A_prev"})
    dA = check_array(dA, "dA", "(n[l], m)", Z.shape, sources={0: "Z", 1: "Z"})
    check_activation(activation, ACTIVATIONS)
    with np.errstate(over="ignore", invalid="ignore"):
        dZ = ACTIVATIONS[activation].backward(dA, Z)
        grads = linear_grads(dZ, A_prev, W)
    return _finite_grads(grads, ("dA_prev", "dW", "db"))


def L_model_backward(AL, Y, caches, hidden_activation="relu"):
    """Backward pass through all L layers.

    AL : (1, m) from L_model_forward    Y : (1, m)    caches : its list of L caches
    Returns grads with "dA{l-1}", "dW{l}", "db{l}" for l = 1..L (dA{l-1} has the
    shape of A{l-1}). The caches must be the ones L_model_forward made for AL: layers
    chaining, AL = sigmoid(ZL) and A{l} = g(Z{l}) for ``hidden_activation``; otherwise
    it refuses. Notebook 04, section 6.
    """
    AL = check_probabilities(AL, "AL")
    Y = check_labels(Y, AL.shape[1], against="AL")
    check_activation(hidden_activation, ACTIVATIONS, "hidden_activation")
    checked = check_caches(caches, AL.shape[1], hidden_activation)
    check_matches(AL, ACTIVATIONS["sigmoid"].forward(checked[-1][1]), "AL",
                  f"sigmoid(Z{len(checked)}) of the last cache",
                  "pass the AL and caches of one L_model_forward call")
    with np.errstate(over="ignore", invalid="ignore"):
        grads = model_backward(AL, Y, checked, hidden_activation)
    for key, value in grads.items():
        finite_result(value, key, SCALE_HINT)
    return grads


def update_parameters(params, grads, learning_rate):
    """One gradient-descent step on every layer: W{l} - alpha dW{l}, b{l} - alpha db{l}.

    grads holds "dW{l}", "db{l}" of the shapes of params (extra keys such as dA0
    are ignored); learning_rate a positive number.
    Returns a new dict; ``params`` and ``grads`` are left unchanged.
    """
    L, p = check_parameters(params, name="params")
    learning_rate = check_scalar(learning_rate, "learning_rate", positive=True)
    check_dict_keys(grads, ["d" + k for k in p], "grads")
    g = {"d" + k: check_array(grads["d" + k], "d" + k, f"the shape of {k},", v.shape)
         for k, v in p.items()}
    with np.errstate(over="ignore", invalid="ignore"):
        new = update(p, g, learning_rate)
    for k, v in new.items():
        finite_result(v, f"the updated {k}", "use a smaller learning_rate")
    return new


def _checked_training_args(X, Y, layers_dims, learning_rate, num_iterations, print_cost,
                           hidden_activation, seed, callback):
    X = check_array(X, "X", "(n_x, m)", (None, None))
    Y = check_labels(Y, X.shape[1])
    dims = check_layer_dims(layers_dims, "layers_dims")
    if dims[0] != X.shape[0]:
        raise ValueError(f"layers_dims[0] is {dims[0]} but X has {X.shape[0]} rows (features): "
                         f"layers_dims must start with n_x = X.shape[0] = {X.shape[0]}")
    if dims[-1] != 1:
        raise ValueError(f"layers_dims must end with 1 (one sigmoid output), got {dims[-1]}")
    check_activation(hidden_activation, ACTIVATIONS, "hidden_activation")
    if callback is not None:
        check_callable(callback, "callback", "callback(i, cost)")
    return (X, Y, dims, check_scalar(learning_rate, "learning_rate", positive=True),
            check_iterations(num_iterations),
            check_flag(print_cost, "print_cost"), check_seed(seed))


def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                    print_cost=False, hidden_activation="relu", seed=1, callback=None):
    """Train LINEAR -> g -> LINEAR -> SIGMOID by gradient descent (``step``, repeated).

    X : (n_x, m)    Y : (1, m)    layers_dims : (n_x, n_h, 1)
    Weights start at standard normal x 0.01 (drawn from ``seed``), biases at 0.
    ``callback(i, cost)``, if given, runs every 100 iterations and after the last
    (for progress bars and live plots). Returns ``(parameters, costs)`` with the
    costs at iterations 0, 100, 200... Notebook 04, section 8.
    """
    X, Y, dims, learning_rate, num_iterations, print_cost, rng = _checked_training_args(
        X, Y, layers_dims, learning_rate, num_iterations, print_cost, hidden_activation, seed,
        callback)
    if len(dims) != 3:
        raise ValueError(f"layers_dims must be (n_x, n_h, n_y) for two layers, got {layers_dims!r}")
    return descend(initialize(dims, rng, 0.01), X, Y, num_iterations, learning_rate,
                   hidden_activation, print_cost, callback)


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                  print_cost=False, hidden_activation="relu", seed=1, callback=None):
    """Train [LINEAR -> g] x (L-1) -> LINEAR -> SIGMOID by gradient descent (``step``, repeated).

    X : (n_x, m)    Y : (1, m)    layers_dims : [n_x, n1, ..., 1] (L + 1 sizes)
    Weights start at standard normal / sqrt(n[l-1]) (drawn from ``seed``).
    ``callback(i, cost)`` as in ``two_layer_model``. Returns ``(parameters, costs)``.
    Raises ``TrainingDiverged`` (naming the learning rate) on inf or NaN.
    Notebook 04, section 8.
    """
    X, Y, dims, learning_rate, num_iterations, print_cost, rng = _checked_training_args(
        X, Y, layers_dims, learning_rate, num_iterations, print_cost, hidden_activation, seed,
        callback)
    return descend(initialize(dims, rng, "xavier"), X, Y, num_iterations, learning_rate,
                   hidden_activation, print_cost, callback)


def predict(X, parameters, hidden_activation="relu"):
    """Class labels (1, m) of 0.0/1.0: 1 where the network's output AL > 0.5.

    Our argument order is the course's application notebook without ``y``: it
    returns the predictions and leaves accuracy to the caller.
    """
    AL, _ = L_model_forward(X, parameters, hidden_activation)
    return (AL > 0.5).astype(np.float64)
