"""Checks for notebook 04: the deep L-layer network (``helpers.deep``)."""

import numpy as np

from .. import deep as ref
from .core import Case, Mistake, costs_hint, run_check
from .shallow import _cost_cases, _cost_mistakes


def _network(rng, dims, m):
    X = rng.standard_normal((dims[0], m))
    Y = (rng.random((1, m)) > 0.5).astype(np.int64)
    p = {}
    for l in range(1, len(dims)):
        p[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
        p[f"b{l}"] = rng.standard_normal((dims[l], 1)) * 0.1
    return X, Y, p


SHAPES = [([3, 4, 1], 5), ([5, 4, 3, 1], 7), ([2, 3, 5, 4, 2, 1], 4), ([4, 1], 1)]


def check_initialize_parameters_deep(fn):
    cases = [Case("layer_dims = [5, 4, 3], seed = 3", [5, 4, 3], seed=3),
             Case("layer_dims = [2, 3, 5, 4, 2, 1], seed = 1", [2, 3, 5, 4, 2, 1], seed=1),
             Case("layer_dims = [4, 1], seed = 0", [4, 1], seed=0),
             Case('layer_dims = [6, 3, 1], scale = "xavier"', [6, 3, 1], seed=2, scale="xavier")]

    def off_by_one(c):
        p = ref.initialize_parameters_deep(*c.args, **c.kwargs)
        L = len(c.args[0]) - 1
        return {k: v for k, v in p.items() if k not in (f"W{L}", f"b{L}")}

    def transposed(c):
        dims = c.args[0]
        rng = np.random.default_rng(c.kwargs["seed"])
        p = {}
        for l in range(1, len(dims)):
            p[f"W{l}"] = rng.standard_normal((dims[l - 1], dims[l])) * 0.01
            p[f"b{l}"] = np.zeros((dims[l], 1))
        return p

    mistakes = [Mistake("loop over every layer: for l in range(1, len(layer_dims)) includes the last.",
                        off_by_one),
                Mistake("W{l} has shape (layer_dims[l], layer_dims[l-1]): rows are this layer's units.",
                        transposed)]
    run_check("initialize_parameters_deep", fn, ref.initialize_parameters_deep, cases, mistakes,
              result_hint=_init_hint)


def _init_hint(diff, case, got):
    if diff.kind != "values" or not isinstance(got, dict) or "W1" not in got:
        return None
    W1 = np.asarray(got["W1"], dtype=float)
    if not W1.any():
        return "the weights must be random, not zeros (that would make every unit in a layer identical)."
    return ("draw from rng = np.random.default_rng(seed), layer after layer: "
            "W{l} = rng.standard_normal((n[l], n[l-1])) * factor, where factor is `scale`, or "
            '1 / np.sqrt(n[l-1]) when scale == "xavier". np.random.randn gives other numbers.')


def check_linear_forward(fn):
    cases = []
    for s, (dims, m) in enumerate(SHAPES[:3], start=100):
        X, _, p = _network(np.random.default_rng(s), dims, m)
        cases.append(Case(f"A ({dims[0]}, {m}), W ({dims[1]}, {dims[0]})", X, p["W1"], p["b1"]))
    mistakes = [Mistake("add the bias: Z = np.dot(W, A) + b.",
                        lambda c: (c.args[1] @ c.args[0], c.args))]
    run_check("linear_forward", fn, ref.linear_forward, cases, mistakes)


def _activation_cases():
    cases = []
    for s, activation in enumerate(["sigmoid", "relu", "relu", "sigmoid"], start=110):
        dims, m = SHAPES[s % len(SHAPES)]
        X, _, p = _network(np.random.default_rng(s), dims, m)
        cases.append(Case(f'A_prev ({dims[0]}, {m}), activation = "{activation}"', X, p["W1"],
                          p["b1"], activation=activation))
    return cases


def check_linear_activation_forward(fn):
    def swapped(c):
        other = "relu" if c.kwargs["activation"] == "sigmoid" else "sigmoid"
        return ref.linear_activation_forward(*c.args, activation=other)

    mistakes = [Mistake('use the activation that was asked for: sigmoid when activation == '
                        '"sigmoid", relu when "relu".', swapped)]
    run_check("linear_activation_forward", fn, ref.linear_activation_forward, _activation_cases(),
              mistakes, result_hint=_cache_hint)


def _cache_hint(diff, case, got):
    if "[1]" in diff.path and diff.kind == "type":
        return ("the cache is (linear_cache, activation_cache) = ((A_prev, W, b), Z), in that order: "
                "backward steps unpack it that way.")
    return None


def _model_cases():
    cases = []
    for s, (dims, m) in enumerate(SHAPES, start=120):
        X, Y, p = _network(np.random.default_rng(s), dims, m)
        cases.append(Case(f"layer_dims = {dims}, m = {m}", X, p))
    return cases


def check_L_model_forward(fn):
    def all_relu(c):
        X, p = c.args
        L = len(p) // 2
        A, caches = X, []
        for l in range(1, L + 1):
            A, cache = ref.linear_activation_forward(A, p[f"W{l}"], p[f"b{l}"], "relu")
            caches.append(cache)
        return A, caches

    mistakes = [Mistake("the last layer uses the sigmoid (a probability); only layers 1..L-1 use "
                        "ReLU.", all_relu)]
    run_check("L_model_forward", fn, ref.L_model_forward, _model_cases(), mistakes,
              result_hint=_caches_hint)


def _caches_hint(diff, case, got):
    if diff.path == "the result[1]" and diff.kind == "type":
        L = len(case.args[1]) // 2
        return f"caches must hold one cache per layer, L = {L} in all, in order from layer 1."
    return None


def check_compute_cost(fn):
    run_check("compute_cost", fn, ref.compute_cost, _cost_cases(), _cost_mistakes())


def _dz_cases():
    cases = []
    for s, (dims, m) in enumerate(SHAPES[:3], start=130):
        rng = np.random.default_rng(s)
        X, _, p = _network(rng, dims, m)
        dZ = rng.standard_normal((dims[1], m))
        cases.append(Case(f"dZ ({dims[1]}, {m})", dZ, (X, p["W1"], p["b1"])))
    return cases


def check_linear_backward(fn):
    def wrong_dA(c):
        dZ, (A_prev, W, b) = c.args
        _, dW, db = ref.linear_backward(dZ, (A_prev, W, b))
        return (W.T @ dZ) / A_prev.shape[1], dW, db

    mistakes = [Mistake("dA_prev = np.dot(W.T, dZ) has no 1/m: only dW and db are means over the "
                        "examples.", wrong_dA)]
    run_check("linear_backward", fn, ref.linear_backward, _dz_cases(), mistakes)


def _activation_backward_cases():
    cases = []
    for s, activation in enumerate(["sigmoid", "relu", "relu", "sigmoid"], start=140):
        dims, m = SHAPES[s % len(SHAPES)]
        rng = np.random.default_rng(s)
        X, _, p = _network(rng, dims, m)
        _, cache = ref.linear_activation_forward(X, p["W1"], p["b1"], activation)
        dA = rng.standard_normal((dims[1], m))
        cases.append(Case(f'dA ({dims[1]}, {m}), activation = "{activation}"', dA, cache,
                          activation=activation))
    return cases


def check_linear_activation_backward(fn):
    def swapped(c):
        other = "relu" if c.kwargs["activation"] == "sigmoid" else "sigmoid"
        return ref.linear_activation_backward(*c.args, activation=other)

    def no_slope(c):
        dA, (linear_cache, _) = c.args
        return ref.linear_backward(dA, linear_cache)

    mistakes = [Mistake("use the backward step of the activation asked for (relu_backward for "
                        '"relu", sigmoid_backward for "sigmoid").', swapped),
                Mistake("first turn dA into dZ with the activation's backward step, then call "
                        "linear_backward(dZ, linear_cache).", no_slope)]
    run_check("linear_activation_backward", fn, ref.linear_activation_backward,
              _activation_backward_cases(), mistakes)


def _backward_cases():
    cases = []
    for s, (dims, m) in enumerate(SHAPES, start=150):
        X, Y, p = _network(np.random.default_rng(s), dims, m)
        AL, caches = ref.L_model_forward(X, p)
        cases.append(Case(f"layer_dims = {dims}, m = {m}", AL, Y, caches))
    return cases


def check_L_model_backward(fn):
    def wrong_sign_start(c):
        AL, Y, caches = c.args
        grads, L = {}, len(caches)
        dA = Y / AL - (1 - Y) / (1 - AL)
        for l in range(L, 0, -1):
            act = "sigmoid" if l == L else "relu"
            grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = \
                ref.linear_activation_backward(dA, caches[l - 1], act)
            dA = grads[f"dA{l - 1}"]
        return grads

    def keys_shifted(c):
        grads = ref.L_model_backward(*c.args)
        L = len(c.args[2])
        shifted = {k: v for k, v in grads.items() if not k.startswith("dA")}
        shifted.update({f"dA{l}": grads[f"dA{l - 1}"] for l in range(1, L + 1)})
        return shifted

    def all_relu(c):
        AL, Y, caches = c.args
        dA = -(Y / AL - (1 - Y) / (1 - AL))
        grads = {}
        for l in range(len(caches), 0, -1):
            grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = \
                ref.linear_activation_backward(dA, caches[l - 1], "relu")
            dA = grads[f"dA{l - 1}"]
        return grads

    mistakes = [Mistake("dAL = -(Y / AL - (1 - Y) / (1 - AL)): mind the leading minus.",
                        wrong_sign_start),
                Mistake("the backward step of layer l stores dA{l-1}, dW{l}, db{l}: the dA key is "
                        "one lower than the layer.", keys_shifted),
                Mistake("layer L is a sigmoid layer: its backward step uses \"sigmoid\"; only "
                        "layers L-1..1 use \"relu\".", all_relu)]
    run_check("L_model_backward", fn, ref.L_model_backward, _backward_cases(), mistakes,
              result_hint=_grads_hint)


def _grads_hint(diff, case, got):
    if diff.kind == "type" and "missing the key" in diff.text:
        return ("grads needs dA{l-1}, dW{l} and db{l} for every layer l = 1..L; caches[l-1] is the "
                "cache of layer l.")
    return None


def check_update_parameters(fn):
    cases = []
    for s, ((dims, _), lr) in enumerate(zip(SHAPES, [0.1, 0.0075, 1.0, 0.5]), start=160):
        rng = np.random.default_rng(s)
        _, _, p = _network(rng, dims, 1)
        _, _, g = _network(rng, dims, 1)
        grads = {"d" + k: v for k, v in g.items()}
        cases.append(Case(f"layer_dims = {dims}, learning_rate = {lr}", p, grads, lr))

    def last_layer_skipped(c):
        p, g, lr = c.args
        L = len(p) // 2
        new = ref.update_parameters(p, g, lr)
        return {**new, f"W{L}": p[f"W{L}"], f"b{L}": p[f"b{L}"]}

    def plus(c):
        p, g, lr = c.args
        return {k: p[k] + lr * g["d" + k] for k in p}

    mistakes = [Mistake("update every layer: for l in range(1, L + 1) (or range(L) with l + 1 in "
                        "the keys).", last_layer_skipped),
                Mistake("step against the gradient: W = W - learning_rate * dW.", plus)]
    run_check("update_parameters", fn, ref.update_parameters, cases, mistakes)


def _training_cases(two_layer):
    cases = []
    shapes = [([3, 4, 1], 12, 60), ([5, 3, 1], 9, 101)] if two_layer else \
        [([3, 4, 3, 1], 12, 60), ([5, 3, 1], 9, 101), ([2, 5, 4, 2, 1], 20, 30)]
    for s, (dims, m, n) in enumerate(shapes, start=170):
        X, Y, _ = _network(np.random.default_rng(s), dims, m)
        cases.append(Case(f"layers_dims = {dims}, m = {m}, {n} iterations, learning_rate = 0.05",
                          X, Y, dims, learning_rate=0.05, num_iterations=n))
    return cases


def _training_mistakes(reference):
    def untrained(c):
        return reference(*c.args, learning_rate=c.kwargs["learning_rate"], num_iterations=0)

    def default_rate(c):
        return reference(*c.args, num_iterations=c.kwargs["num_iterations"])

    return [Mistake("the parameters never changed: assign update_parameters' result back to "
                    "parameters inside the loop.", untrained),
            Mistake("pass learning_rate on to update_parameters instead of a fixed number.",
                    default_rate)]


def check_two_layer_model(fn):
    run_check("two_layer_model", fn, ref.two_layer_model, _training_cases(True),
              _training_mistakes(ref.two_layer_model), result_hint=costs_hint(1))


def check_L_layer_model(fn):
    run_check("L_layer_model", fn, ref.L_layer_model, _training_cases(False),
              _training_mistakes(ref.L_layer_model), result_hint=costs_hint(1))

