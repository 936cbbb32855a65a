"""A deep L-layer network built from forward and backward steps (notebook 04).

Layers l = 1..L; ``layer_dims = [n0, n1, ..., nL]`` with n0 = n_x and nL = 1.
Parameters: ``W{l}`` (n[l], n[l-1]) and ``b{l}`` (n[l], 1), keyed "W1", "b1"...
Hidden layers use ``hidden_activation`` (ReLU unless told otherwise); layer L
uses the sigmoid.

Caches, as the course builds them:
    linear_cache            = (A_prev, W, b)         what linear_backward needs
    activation_cache        = Z                      what g'(Z) needs
    linear_activation cache = (linear_cache, Z)
    caches                  = [cache of layer 1, ..., cache of layer L]

Gradients are keyed "dW1", "db1", ... and "dA0" ... "dA{L-1}".
Public functions check their arguments and never modify them.
"""

import numpy as np

from . import threads
from .activations import ACTIVATIONS
from .cost import cross_entropy
from .validation import (check_activation, check_array, check_dict_keys, check_labels,
                         check_probabilities, check_scalar, diverged)

COST_EVERY = 100  # the models record the cost every this many iterations


def _layer_count(parameters):
    check_dict_keys(parameters, ("W1", "b1"), "parameters")
    L = len(parameters) // 2
    check_dict_keys(parameters, [f"{c}{l}" for l in range(1, L + 1) for c in "Wb"], "parameters")
    return L


def check_parameters(parameters, n_x=None):
    """Check W1, b1, ..., WL, bL chain layer to layer; return L.

    Names the first offending key, e.g. "W2 has shape (1, 4) but A1 has 3 rows".
    """
    L = _layer_count(parameters)
    n_prev = n_x
    for l in range(1, L + 1):
        W = parameters[f"W{l}"]
        check_array(W, f"W{l}", f"(n[{l}], n[{l - 1}])", (None, None))
        if n_prev is not None and W.shape[1] != n_prev:
            source = "X" if l == 1 else f"A{l - 1}"
            raise ValueError(f"W{l} has shape {W.shape} but {source} has {n_prev} rows: W{l} must "
                             f"be (n[{l}], n[{l - 1}]) = ({W.shape[0]}, {n_prev})")
        check_array(parameters[f"b{l}"], f"b{l}", f"(n[{l}], 1)", (W.shape[0], 1))
        n_prev = W.shape[0]
    return L


def initialize_parameters_deep(layer_dims, seed=3, scale=0.01):
    """Random weights and zero biases for every layer.

    layer_dims : list [n0, n1, ..., nL]
    seed       : int or ``numpy.random.Generator``; W1 is drawn first, then W2...
    scale      : a number multiplying the standard-normal draws (0.01, the
                 course's exercise), or "xavier" for 1/sqrt(n[l-1]) per layer,
                 which keeps activations from shrinking layer after layer and is
                 what ``L_layer_model`` uses.
    Returns {"W1": (n1, n0), "b1": (n1, 1), ..., "WL": (nL, n[L-1]), "bL": (nL, 1)}.
    Notebook 04, section 6.
    """
    if not isinstance(layer_dims, (list, tuple)) or len(layer_dims) < 2:
        raise ValueError(f"layer_dims must be a list of at least two sizes [n_x, ..., n_y], "
                         f"got {layer_dims!r}")
    dims = [check_scalar(n, f"layer_dims[{i}]", integer=True, minimum=1)
            for i, n in enumerate(layer_dims)]
    if scale != "xavier":
        scale = check_scalar(scale, "scale", positive=True)
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(dims)):
        factor = 1.0 / np.sqrt(dims[l - 1]) if scale == "xavier" else scale
        parameters[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1])) * factor
        parameters[f"b{l}"] = np.zeros((dims[l], 1))
    return parameters


def _check_linear(A, W, b, A_name="A"):
    W = check_array(W, "W", "(n[l], n[l-1])", (None, None))
    check_array(A, A_name, "(n[l-1], m)", (None, None))
    if A.shape[0] != W.shape[1]:
        raise ValueError(f"W has shape {W.shape} but {A_name} has {A.shape[0]} rows: W must be "
                         f"(n[l], n[l-1]) with n[l-1] = {A_name}.shape[0] (did you swap or "
                         f"transpose them?)")
    check_array(b, "b", "(n[l], 1)", (W.shape[0], 1))


def linear_forward(A, W, b):
    """Z = W A + b for one layer.

    A : (n[l-1], m) activations of the previous layer (or X)
    W : (n[l], n[l-1])     b : (n[l], 1), broadcast across the m columns
    Returns ``(Z, linear_cache)``: Z (n[l], m); linear_cache = (A, W, b).
    """
    _check_linear(A, W, b)
    return W @ A + b, (A, W, b)


def _activation_forward(A_prev, W, b, activation):
    Z = W @ A_prev + b
    return ACTIVATIONS[activation][0](Z), ((A_prev, W, b), Z)


def linear_activation_forward(A_prev, W, b, activation):
    """A = g(W A_prev + b) for one layer, g named by ``activation``.

    A_prev : (n[l-1], m)   W : (n[l], n[l-1])   b : (n[l], 1)
    activation : "sigmoid", "relu", "tanh" or "leaky_relu"
    Returns ``(A, cache)``: A (n[l], m); cache = (linear_cache, Z) with
    linear_cache = (A_prev, W, b) and Z (n[l], m).
    """
    _check_linear(A_prev, W, b, "A_prev")
    check_activation(activation, ACTIVATIONS)
    return _activation_forward(A_prev, W, b, activation)


def _model_forward(X, parameters, L, hidden_activation):
    caches = []
    A = X
    for l in range(1, L):
        A, cache = _activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], hidden_activation)
        caches.append(cache)
    AL, cache = _activation_forward(A, parameters[f"W{L}"], parameters[f"b{L}"], "sigmoid")
    caches.append(cache)
    return AL, caches


def L_model_forward(X, parameters, hidden_activation="relu"):
    """Forward pass through all L layers: [LINEAR -> g] x (L-1) -> LINEAR -> SIGMOID.

    X : (n_x, m)    parameters : {"W1", "b1", ..., "WL", "bL"}
    Returns ``(AL, caches)``: AL (1, m) the predicted probabilities; caches a list
    of L ``linear_activation_forward`` caches, caches[l-1] for layer l.
    Notebook 04, section 2.
    """
    check_array(X, "X", "(n_x, m)", (None, None))
    L = check_parameters(parameters, X.shape[0])
    check_activation(hidden_activation, ACTIVATIONS)
    return _model_forward(X, parameters, L, hidden_activation)


def compute_cost(AL, Y):
    """Cross-entropy cost (a float) of AL (1, m) against labels Y (1, m).

    Finite even where AL is exactly 0 or 1. Notebook 04, section 6.
    """
    check_probabilities(AL, "AL")
    check_labels(Y, AL.shape[1])
    return cross_entropy(AL, Y)


def _check_linear_cache(cache, name="cache"):
    if not isinstance(cache, tuple) or len(cache) != 3:
        raise TypeError(f"{name} must be the tuple (A_prev, W, b) that linear_forward returned, "
                        f"got {type(cache).__name__}" + (f" of length {len(cache)}"
                                                        if isinstance(cache, (tuple, list)) else ""))
    A_prev, W, b = cache
    _check_linear(A_prev, W, b, "A_prev")
    return A_prev, W, b


def _linear_backward(dZ, A_prev, W, need_dA_prev=True):
    m = A_prev.shape[1]
    dW = (dZ @ A_prev.T) / m
    db = dZ.sum(axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ if need_dA_prev else None
    return dA_prev, dW, db


def linear_backward(dZ, cache):
    """Gradients of one layer's linear step Z = W A_prev + b.

    dZ : (n[l], m)    cache : (A_prev (n[l-1], m), W (n[l], n[l-1]), b (n[l], 1))
    Returns ``(dA_prev, dW, db)``:
        dA_prev = W^T dZ                              (n[l-1], m)
        dW      = (1/m) dZ A_prev^T                   (n[l], n[l-1])
        db      = (1/m) sum(dZ, axis=1, keepdims)     (n[l], 1)
    """
    A_prev, W, _ = _check_linear_cache(cache)
    check_array(dZ, "dZ", "(n[l], m)", (W.shape[0], A_prev.shape[1]))
    return _linear_backward(dZ, A_prev, W)


def linear_activation_backward(dA, cache, activation):
    """Backward step of one LINEAR -> ACTIVATION layer.

    dA : (n[l], m)    cache : (linear_cache, Z) from linear_activation_forward
    activation : the one used forward ("sigmoid", "relu", "tanh", "leaky_relu")
    Returns ``(dA_prev (n[l-1], m), dW (n[l], n[l-1]), db (n[l], 1))``, computing
    dZ = dA * g'(Z) first.
    """
    if not isinstance(cache, tuple) or len(cache) != 2:
        raise TypeError("cache must be the tuple (linear_cache, Z) that linear_activation_forward "
                        f"returned, got {type(cache).__name__}")
    linear_cache, Z = cache
    A_prev, W, _ = _check_linear_cache(linear_cache, "linear_cache")
    check_array(Z, "Z", "(n[l], m)", (W.shape[0], A_prev.shape[1]))
    check_array(dA, "dA", "(n[l], m)", Z.shape)
    check_activation(activation, ACTIVATIONS)
    dZ = ACTIVATIONS[activation][2](dA, Z)
    return _linear_backward(dZ, A_prev, W)


def _model_backward(AL, Y, caches, hidden_activation, need_dA0):
    L = len(caches)
    grads = {}
    # For a sigmoid output with the cross-entropy cost, dAL = -(Y/AL - (1-Y)/(1-AL))
    # times sigmoid'(ZL) = AL (1 - AL) simplifies to AL - Y exactly. Computing it
    # directly also avoids dividing by an AL that rounded to 0 or 1.
    dZ = AL - Y
    backward = ACTIVATIONS[hidden_activation][2]
    for l in range(L, 0, -1):
        (A_prev, W, _), Z = caches[l - 1]
        if l < L:
            dZ = backward(grads[f"dA{l}"], Z)
        dA_prev, grads[f"dW{l}"], grads[f"db{l}"] = _linear_backward(dZ, A_prev, W, l > 1 or need_dA0)
        if dA_prev is not None:
            grads[f"dA{l - 1}"] = dA_prev
    return grads


def L_model_backward(AL, Y, caches, hidden_activation="relu", need_dA0=True):
    """Backward pass through all L layers.

    AL : (1, m) from L_model_forward    Y : (1, m)    caches : its list of L caches
    Returns grads with "dA{l-1}", "dW{l}", "db{l}" for l = 1..L (dA{l-1} has the
    shape of A{l-1}). ``need_dA0=False`` skips dA0 = W1^T dZ1, which training never
    uses and which costs as much as a whole layer on wide inputs.
    Notebook 04, section 6.
    """
    check_probabilities(AL, "AL")
    check_labels(Y, AL.shape[1])
    check_activation(hidden_activation, ACTIVATIONS)
    if not isinstance(caches, list) or not caches:
        raise TypeError(f"caches must be the non-empty list L_model_forward returned, got "
                        f"{type(caches).__name__}")
    for l, cache in enumerate(caches, start=1):
        if not isinstance(cache, tuple) or len(cache) != 2:
            raise TypeError(f"caches[{l - 1}] (layer {l}) must be (linear_cache, Z)")
        A_prev, W, _ = _check_linear_cache(cache[0], f"caches[{l - 1}][0]")
        check_array(cache[1], f"Z of layer {l}", "(n[l], m)", (W.shape[0], AL.shape[1]))
    return _model_backward(AL, Y, caches, hidden_activation, need_dA0)


def update_parameters(params, grads, learning_rate):
    """One gradient-descent step on every layer: W{l} - alpha dW{l}, b{l} - alpha db{l}.

    Returns a new dict; ``params`` and ``grads`` are left unchanged.
    """
    L = check_parameters(params)
    learning_rate = check_scalar(learning_rate, "learning_rate", positive=True)
    keys = [f"{c}{l}" for l in range(1, L + 1) for c in "Wb"]
    check_dict_keys(grads, ["d" + k for k in keys], "grads")
    for k in keys:
        check_array(grads["d" + k], "d" + k, f"the shape of {k},", params[k].shape)
    return {k: params[k] - learning_rate * grads["d" + k] for k in keys}


@threads.trains(lambda X, parameters: threads.network_flops(parameters, X.shape[1]))
def _train(X, Y, parameters, learning_rate, num_iterations, print_cost, hidden_activation,
           callback):
    """The gradient-descent loop shared by two_layer_model and L_layer_model.

    Works on its own copy of ``parameters``; updates in place to avoid new arrays.
    """
    p = {k: np.array(v, dtype=np.float64) for k, v in parameters.items()}
    L = len(p) // 2
    costs = []
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(num_iterations):
            AL, caches = _model_forward(X, p, L, hidden_activation)
            grads = _model_backward(AL, Y, caches, hidden_activation, need_dA0=False)
            for l in range(1, L + 1):
                p[f"W{l}"] -= learning_rate * grads[f"dW{l}"]
                p[f"b{l}"] -= learning_rate * grads[f"db{l}"]
            if not np.isfinite(grads[f"db{L}"]).all() or not np.isfinite(grads["db1"]).all():
                raise diverged(learning_rate, i, "gradient")
            if i % COST_EVERY == 0 or i == num_iterations - 1:
                cost = cross_entropy(AL, Y)
                if i % COST_EVERY == 0:
                    costs.append(cost)
                    if print_cost:
                        print(f"Cost after iteration {i}: {cost:.6f}")
                if callback is not None:
                    callback(i, cost)
    return p, costs


def _check_training_args(X, Y, layers_dims, learning_rate, num_iterations, hidden_activation):
    check_array(X, "X", "(n_x, m)", (None, None))
    check_labels(Y, X.shape[1])
    if not isinstance(layers_dims, (list, tuple)) or len(layers_dims) < 2:
        raise ValueError(f"layers_dims must be a list [n_x, ..., 1], got {layers_dims!r}")
    if layers_dims[0] != X.shape[0]:
        raise ValueError(f"layers_dims[0] must equal the number of features X.shape[0] = "
                         f"{X.shape[0]}, got {layers_dims[0]}")
    if layers_dims[-1] != 1:
        raise ValueError(f"layers_dims must end with 1 (one sigmoid output), got {layers_dims[-1]}")
    check_activation(hidden_activation, ACTIVATIONS)
    return (check_scalar(learning_rate, "learning_rate", positive=True),
            check_scalar(num_iterations, "num_iterations", integer=True, minimum=0))


def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                    print_cost=False, hidden_activation="relu", seed=1, callback=None):
    """Train LINEAR -> g -> LINEAR -> SIGMOID by gradient descent.

    X : (n_x, m)    Y : (1, m)    layers_dims : (n_x, n_h, 1)
    Weights start at standard normal x 0.01 (drawn from ``seed``), biases at 0.
    ``callback(i, cost)``, if given, runs every 100 iterations and after the last
    (for progress bars and live plots). Returns ``(parameters, costs)`` with the
    costs at iterations 0, 100, 200... Notebook 04, section 8.
    """
    learning_rate, num_iterations = _check_training_args(X, Y, layers_dims, learning_rate,
                                                         num_iterations, hidden_activation)
    if len(layers_dims) != 3:
        raise ValueError(f"layers_dims must be (n_x, n_h, n_y) for two layers, got {layers_dims!r}")
    parameters = initialize_parameters_deep(list(layers_dims), seed=seed, scale=0.01)
    return _train(X, Y, parameters, learning_rate, num_iterations, print_cost, hidden_activation,
                  callback)


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                  print_cost=False, hidden_activation="relu", seed=1, callback=None):
    """Train [LINEAR -> g] x (L-1) -> LINEAR -> SIGMOID by gradient descent.

    X : (n_x, m)    Y : (1, m)    layers_dims : [n_x, n1, ..., 1] (L + 1 sizes)
    Weights start at standard normal / sqrt(n[l-1]) (drawn from ``seed``).
    ``callback(i, cost)`` as in ``two_layer_model``. Returns ``(parameters, costs)``.
    Raises ``TrainingDiverged`` (naming the learning rate) on inf or NaN.
    Notebook 04, section 8.
    """
    learning_rate, num_iterations = _check_training_args(X, Y, layers_dims, learning_rate,
                                                         num_iterations, hidden_activation)
    parameters = initialize_parameters_deep(list(layers_dims), seed=seed, scale="xavier")
    return _train(X, Y, parameters, learning_rate, num_iterations, print_cost, hidden_activation,
                  callback)


def predict(X, parameters, hidden_activation="relu"):
    """Class labels (1, m) of 0.0/1.0: 1 where the network's output AL > 0.5.

    Our argument order is the course's application notebook without ``y``: it
    returns the predictions and leaves accuracy to the caller.
    """
    AL, _ = L_model_forward(X, parameters, hidden_activation)
    return (AL > 0.5).astype(np.float64)
