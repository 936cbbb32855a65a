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
Public functions check their arguments and never modify them. The network has
one output unit: ``L_model_forward``, ``L_model_backward``, ``predict`` and the
models refuse a last layer W{L} with more than one row. The models' training
loop computes the cost and dZ{L} from the logits Z{L} (``helpers.cost``).
"""

import numpy as np

from . import threads
from .activations import ACTIVATIONS, _relu_mask, _sigmoid
from .cost import _cross_entropy, _from_logits, _logit_gradient
from .nb04_deep_inputs import (check_caches, check_layer_dims, check_linear, check_linear_cache,
                          check_parameters, remember_hidden_outputs)
from .validation import (check_activation, check_array, check_callable, check_dict_keys, check_flag,
                         check_iterations, check_labels, check_matches, check_probabilities,
                         check_scalar, check_seed, check_X_orientation, describe, diverged,
                         finite_result)

COST_EVERY = 100  # the models record the cost every this many iterations
_SCALE_HINT = "scale X down (e.g. divide pixel values by 255) or use smaller weights"


def _initialize(dims, rng, scale):
    parameters = {}
    for l in range(1, len(dims)):
        factor = 1.0 / np.sqrt(dims[l - 1]) if scale == "xavier" else scale
        parameters[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1])) * factor
        parameters[f"b{l}"] = np.zeros((dims[l], 1))
    return parameters


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
    return _initialize(dims, check_seed(seed), scale)


def _linear(A, W, b):
    with np.errstate(over="ignore", invalid="ignore"):
        Z = W @ A + b
    return finite_result(Z, "Z = W A + b", _SCALE_HINT)


def linear_forward(A, W, b):
    """Z = W A + b for one layer.

    A : (n[l-1], m) activations of the previous layer (or X)
    W : (n[l], n[l-1])     b : (n[l], 1), broadcast across the m columns
    Returns ``(Z, linear_cache)``: Z (n[l], m); linear_cache = (A, W, b).
    """
    A, W, b = check_linear(A, W, b)
    return _linear(A, W, b), (A, W, b)


def _activation_forward(A_prev, W, b, activation):
    Z = W @ A_prev
    Z += b  # in place: Z is new, and this saves a pass over memory
    return ACTIVATIONS[activation][0](Z), ((A_prev, W, b), Z)


def linear_activation_forward(A_prev, W, b, activation):
    """A = g(W A_prev + b) for one layer, g named by ``activation``.

    A_prev : (n[l-1], m)   W : (n[l], n[l-1])   b : (n[l], 1)
    activation : "sigmoid", "relu", "tanh" or "leaky_relu"
    Returns ``(A, cache)``: A (n[l], m); cache = (linear_cache, Z) with
    linear_cache = (A_prev, W, b) and Z (n[l], m).
    """
    A_prev, W, b = check_linear(A_prev, W, b, "A_prev")
    check_activation(activation, ACTIVATIONS)
    Z = _linear(A_prev, W, b)
    return ACTIVATIONS[activation][0](Z), ((A_prev, W, b), Z)


def _model_forward(X, parameters, L, hidden_activation, output=True):
    """The forward pass; ``output=False`` skips AL = sigmoid(ZL) (training needs only ZL)."""
    caches = []
    A = X
    for l in range(1, L):
        A, cache = _activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], hidden_activation)
        caches.append(cache)
    W, b = parameters[f"W{L}"], parameters[f"b{L}"]
    Z = W @ A
    Z += b
    caches.append(((A, W, b), Z))
    return (_sigmoid(Z) if output else None), caches


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
    L, p = check_parameters(parameters, X.shape[0], one_output=True)
    check_activation(hidden_activation, ACTIVATIONS, "hidden_activation")
    with np.errstate(over="ignore", invalid="ignore"):
        AL, caches = _model_forward(X, p, L, hidden_activation)
    for l, (_, Z) in enumerate(caches, start=1):
        finite_result(Z, f"Z{l} = W{l} A{l - 1} + b{l}", _SCALE_HINT)
    remember_hidden_outputs(X, caches)
    return AL, caches


def compute_cost(AL, Y):
    """Cross-entropy cost (a float) of AL (1, m) against labels Y (1, m).

    Finite even where AL is exactly 0 or 1. Notebook 04, section 6.
    """
    AL = check_probabilities(AL, "AL")
    Y = check_labels(Y, AL.shape[1], against="AL")
    return _cross_entropy(AL, Y)


def _linear_backward(dZ, A_prev, W, need_dA_prev=True):
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T
    dW /= m
    db = dZ.sum(axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ if need_dA_prev else None
    return dA_prev, dW, db


def _finite_grads(values, names):
    for value, name in zip(values, names):
        if value is not None:
            finite_result(value, name, _SCALE_HINT)
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
        out = _linear_backward(dZ, A_prev, W)
    return _finite_grads(out, ("dA_prev", "dW", "db"))


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
        out = _linear_backward(ACTIVATIONS[activation][2](dA, Z), A_prev, W)
    return _finite_grads(out, ("dA_prev", "dW", "db"))


def _model_backward(dZ, caches, hidden_activation, need_dA0):
    """Backward through the caches, starting from dZ of the last layer (AL - Y)."""
    L = len(caches)
    grads = {}
    backward = ACTIVATIONS[hidden_activation][2] if hidden_activation != "relu" else _relu_mask
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
    The caches must be the ones L_model_forward made for AL: layers chaining, AL =
    sigmoid(ZL) and A{l} = g(Z{l}) for ``hidden_activation``; otherwise it refuses.
    Notebook 04, section 6.
    """
    AL = check_probabilities(AL, "AL")
    Y = check_labels(Y, AL.shape[1], against="AL")
    check_activation(hidden_activation, ACTIVATIONS, "hidden_activation")
    need_dA0 = check_flag(need_dA0, "need_dA0")
    checked = check_caches(caches, AL.shape[1], hidden_activation)
    check_matches(AL, _sigmoid(checked[-1][1]), "AL", f"sigmoid(Z{len(checked)}) of the last cache",
                  "pass the AL and caches of one L_model_forward call")
    with np.errstate(over="ignore", invalid="ignore"):
        grads = _model_backward(AL - Y, checked, hidden_activation, need_dA0)
    for key, value in grads.items():
        finite_result(value, key, _SCALE_HINT)
    return grads


def update_parameters(params, grads, learning_rate):
    """One gradient-descent step on every layer: W{l} - alpha dW{l}, b{l} - alpha db{l}.

    grads holds "dW{l}", "db{l}" of the shapes of params (extra keys such as dA0
    are ignored); learning_rate a positive number.
    Returns a new dict; ``params`` and ``grads`` are left unchanged.
    """
    L, p = check_parameters(params, name="params")
    learning_rate = check_scalar(learning_rate, "learning_rate", positive=True)
    keys = [f"{c}{l}" for l in range(1, L + 1) for c in "Wb"]
    check_dict_keys(grads, ["d" + k for k in keys], "grads")
    new = {}
    for k in keys:
        g = check_array(grads["d" + k], "d" + k, f"the shape of {k},", p[k].shape)
        with np.errstate(over="ignore", invalid="ignore"):
            new[k] = finite_result(p[k] - learning_rate * g, f"the updated {k}",
                                   "use a smaller learning_rate")
    return new


@threads.trains(lambda X, parameters: threads.network_flops(parameters, X.shape[1]))
def _train(X, Y, parameters, learning_rate, num_iterations, print_cost, hidden_activation,
           callback):
    """The gradient-descent loop shared by two_layer_model and L_layer_model.

    Works on its own copy of ``parameters``; updates in place to avoid new arrays.
    The cost and dZL come from the logits ZL (exact where AL rounds to 0 or 1).
    """
    p = {k: np.array(v, dtype=np.float64) for k, v in parameters.items()}
    L = len(p) // 2
    costs, sign = [], 1.0 - 2.0 * Y
    with np.errstate(over="ignore", invalid="ignore"):
        for i in range(num_iterations):
            threads.settle()
            _, caches = _model_forward(X, p, L, hidden_activation, output=False)
            ZL = caches[-1][1]
            grads = _model_backward(_logit_gradient(ZL, Y, sign), caches, hidden_activation,
                                    need_dA0=False)
            for l in range(1, L + 1):
                p[f"W{l}"] -= learning_rate * grads[f"dW{l}"]
                p[f"b{l}"] -= learning_rate * grads[f"db{l}"]
            if not np.isfinite(grads[f"db{L}"]).all() or not np.isfinite(grads["db1"]).all():
                raise diverged(learning_rate, i, "gradient")
            if i % COST_EVERY == 0 or i == num_iterations - 1:
                cost = _from_logits(ZL, Y)
                if i % COST_EVERY == 0:
                    costs.append(cost)
                    if print_cost:
                        print(f"Cost after iteration {i}: {cost:.6f}")
                if callback is not None:
                    callback(i, cost)
    return p, costs


def _check_training_args(X, Y, layers_dims, learning_rate, num_iterations, print_cost,
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
    """Train LINEAR -> g -> LINEAR -> SIGMOID by gradient descent.

    X : (n_x, m)    Y : (1, m)    layers_dims : (n_x, n_h, 1)
    Weights start at standard normal x 0.01 (drawn from ``seed``), biases at 0.
    ``callback(i, cost)``, if given, runs every 100 iterations and after the last
    (for progress bars and live plots). Returns ``(parameters, costs)`` with the
    costs at iterations 0, 100, 200... Notebook 04, section 8.
    """
    X, Y, dims, learning_rate, num_iterations, print_cost, rng = _check_training_args(
        X, Y, layers_dims, learning_rate, num_iterations, print_cost, hidden_activation, seed,
        callback)
    if len(dims) != 3:
        raise ValueError(f"layers_dims must be (n_x, n_h, n_y) for two layers, got {layers_dims!r}")
    parameters = _initialize(dims, rng, 0.01)
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
    X, Y, dims, learning_rate, num_iterations, print_cost, rng = _check_training_args(
        X, Y, layers_dims, learning_rate, num_iterations, print_cost, hidden_activation, seed,
        callback)
    parameters = _initialize(dims, rng, "xavier")
    return _train(X, Y, parameters, learning_rate, num_iterations, print_cost, hidden_activation,
                  callback)


def predict(X, parameters, hidden_activation="relu"):
    """Class labels (1, m) of 0.0/1.0: 1 where the network's output AL > 0.5.

    Our argument order is the course's application notebook without ``y``: it
    returns the predictions and leaves accuracy to the caller.
    """
    AL, _ = L_model_forward(X, parameters, hidden_activation)
    return (AL > 0.5).astype(np.float64)
