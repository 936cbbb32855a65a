"""Checks for notebook 04: the deep L-layer network (``helpers.nb04_deep``)."""

import inspect
import re

import numpy as np

from .. import activations, cost
from .. import nb04_deep as ref
from . import calling
from .core import Case, Mistake, graded, costs_hint, run_check
from .randomness import judge_init
from .nb03_shallow import cost_cases, cost_check_mistakes
from .nb02_logistic import cost_hint
from .training import from_start

REF = {k: getattr(ref, k) for k in (
    "initialize_parameters_deep", "linear_forward", "linear_activation_forward", "L_model_forward",
    "compute_cost", "linear_backward", "linear_activation_backward", "L_model_backward",
    "update_parameters", "two_layer_model", "L_layer_model", "initialize", "linear",
    "layer_forward", "model_forward", "linear_grads", "model_backward", "update", "step",
    "descend")}


def _relu_backward(dA, Z):
    return np.where(Z > 0, dA, 0.0)


def _sigmoid_backward(dA, Z):
    s = activations.sigmoid(Z)
    return dA * s * (1 - s)


# Unchecked on purpose (the public ones require dA and Z of one shape): in the mistake models a
# wrong dA must broadcast against Z exactly as it does in the learner's code.
_BACKWARD = {"relu": _relu_backward, "sigmoid": _sigmoid_backward}


def _network(rng, dims, m):
    X = rng.standard_normal((dims[0], m))
    Y = (rng.random((dims[-1], m)) > 0.5).astype(np.int64)
    p = {}
    for l in range(1, len(dims)):
        p[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1])) / np.sqrt(dims[l - 1])
        p[f"b{l}"] = rng.standard_normal((dims[l], 1)) * 0.1
    return X, Y, p


SHAPES = [([3, 4, 1], 5), ([5, 4, 3, 1], 7), ([2, 3, 5, 4, 2, 1], 4), ([4, 1], 1)]


def _factor(case, key, shape):
    scale = case.optional.get("scale", 0.01)
    return 1 / np.sqrt(shape[1]) if scale == "xavier" else scale


def _structure_hint(diff, case, got):
    if diff.kind == "keys":
        return "loop over every layer: for l in range(1, len(layer_dims)) includes the last."
    if diff.kind == "shape" and diff.path.startswith('parameters["W'):
        return "W{l} has shape (layer_dims[l], layer_dims[l-1]): rows are this layer's units."
    return None


@graded
def check_initialize_parameters_deep(fn):
    cases = [Case("layer_dims = [5, 4, 3]", [5, 4, 3], optional={"seed": 3}),
             Case("layer_dims = [2, 3, 5, 4, 2, 1]", [2, 3, 5, 4, 2, 1], optional={"seed": 1}),
             Case("layer_dims = [4, 1]", [4, 1], optional={"seed": 0}),
             Case("layer_dims = [40, 20, 10, 1] (enough weights to measure their spread)",
                  [40, 20, 10, 1], optional={"seed": 4}),
             Case('layer_dims = [60, 30, 1], scale = "xavier"', [60, 30, 1],
                  optional={"seed": 2, "scale": "xavier"})]
    if not calling.accepts(fn, "scale"):  # the course's version has no scale argument
        cases = [c for c in cases if "scale" not in c.optional]
    run_check("initialize_parameters_deep", fn, REF["initialize_parameters_deep"], cases,
              outputs="parameters", judge=judge_init(_factor, _structure_hint))


def _order_rule(ctx):
    if "forward" in " ".join(ctx.lines) and \
            any(re.search(r"forward\(\s*X\s*,", line) for line in ctx.lines) and \
            ("not aligned" in ctx.message or "matmul" in ctx.message):
        return ("each layer takes the previous layer's output: pass A (updated in the loop), not X, "
                "to linear_activation_forward.")
    return None


@graded
def check_linear_forward(fn):
    cases = []
    for s, (dims, m) in enumerate(SHAPES[:3], start=100):
        X, _, p = _network(np.random.default_rng(s), dims, m)
        cases.append(Case(f"A ({dims[0]}, {m}), W ({dims[1]}, {dims[0]})", X, p["W1"], p["b1"]))

    def cache_order(diff, case, got):
        if diff.path.startswith("cache"):
            return "the linear cache is (A, W, b), in that order: backward steps unpack it that way."
        return None

    mistakes = [Mistake("add the bias: Z = np.dot(W, A) + b.",
                        lambda c: (c.args[1] @ c.args[0], c.args))]
    run_check("linear_forward", fn, REF["linear_forward"], cases, mistakes, outputs=("Z", "cache"),
              result_hint=cache_order)


def _activation_cases():
    cases = []
    for s, activation in enumerate(["sigmoid", "relu", "relu", "sigmoid"], start=110):
        dims, m = SHAPES[s % len(SHAPES)]
        X, _, p = _network(np.random.default_rng(s), dims, m)
        cases.append(Case(f'A_prev ({dims[0]}, {m}), activation = "{activation}"', X, p["W1"],
                          p["b1"], activation=activation))
    return cases


def _cache_hint(diff, case, got):
    if diff.path.startswith("cache") and diff.kind in ("type", "shape", "length"):
        return ("the cache is (linear_cache, activation_cache) = ((A_prev, W, b), Z), in that order: "
                "backward steps unpack it that way.")
    return None


@graded
def check_linear_activation_forward(fn):
    def swapped(c):
        other = "relu" if c.kwargs["activation"] == "sigmoid" else "sigmoid"
        return REF["linear_activation_forward"](*c.args, activation=other)

    mistakes = [Mistake('use the activation that was asked for: sigmoid when activation == '
                        '"sigmoid", relu when "relu".', swapped)]
    run_check("linear_activation_forward", fn, REF["linear_activation_forward"], _activation_cases(),
              mistakes, outputs=("A", "cache"), result_hint=_cache_hint)


def _model_cases():
    cases = []
    for s, (dims, m) in enumerate(SHAPES, start=120):
        X, Y, p = _network(np.random.default_rng(s), dims, m)
        cases.append(Case(f"layer_dims = {dims}, m = {m}", X, p))
    return cases


def _forward_all(c, hidden, last):
    X, p = c.args
    L = len(p) // 2
    A, caches = X, []
    for l in range(1, L + 1):
        A, cache = REF["linear_activation_forward"](A, p[f"W{l}"], p[f"b{l}"],
                                                    last if l == L else hidden)
        caches.append(cache)
    return A, caches


@graded
def check_L_model_forward(fn):
    mistakes = [Mistake("the last layer uses the sigmoid (a probability); only layers 1..L-1 use "
                        "ReLU.", lambda c: _forward_all(c, "relu", "relu")),
                Mistake("the hidden layers use ReLU; only the last layer uses the sigmoid.",
                        lambda c: _forward_all(c, "sigmoid", "sigmoid"))]

    def caches_hint(diff, case, got):
        if diff.path == "caches" and diff.kind in ("type", "length"):
            L = len(case.args[1]) // 2
            return f"caches must hold one cache per layer, L = {L} in all, in order from layer 1."
        return None

    run_check("L_model_forward", fn, REF["L_model_forward"], _model_cases(), mistakes,
              outputs=("AL", "caches"), result_hint=caches_hint, exception_rules=[_order_rule])


@graded
def check_compute_cost(fn):
    run_check("compute_cost", fn, REF["compute_cost"], cost_cases(), cost_check_mistakes(),
              outputs="cost", result_hint=cost_hint("cost"),
              forbidden=[cost.cross_entropy])


def _dz_cases():
    cases = []
    for s, (dims, m) in enumerate(SHAPES[:3], start=130):
        rng = np.random.default_rng(s)
        X, _, p = _network(rng, dims, m)
        dZ = rng.standard_normal((dims[1], m))
        cases.append(Case(f"dZ ({dims[1]}, {m}), W ({dims[1]}, {dims[0]})", dZ, (X, p["W1"], p["b1"])))
    return cases


def _db_float(c):
    dZ = c.args[0]
    dA, dW, _ = REF["linear_backward"](*c.args)
    return dA, dW, float(np.sum(dZ)) / dZ.shape[1]


@graded
def check_linear_backward(fn):
    def wrong_dA(c):
        dZ, (A_prev, W, b) = c.args
        _, dW, db = REF["linear_backward"](dZ, (A_prev, W, b))
        return (W.T @ dZ) / A_prev.shape[1], dW, db

    mistakes = [Mistake("dA_prev = np.dot(W.T, dZ) has no 1/m: only dW and db are means over the "
                        "examples.", wrong_dA),
                Mistake("db has one value per unit: np.sum(dZ, axis=1, keepdims=True) / m, shape "
                        "(n[l], 1), not one number.", _db_float)]
    run_check("linear_backward", fn, REF["linear_backward"], _dz_cases(), mistakes,
              outputs=("dA_prev", "dW", "db"))


def _activation_backward_cases():
    cases = []
    for s, activation in enumerate(["sigmoid", "relu", "relu", "sigmoid"], start=140):
        dims, m = SHAPES[s % len(SHAPES)]
        rng = np.random.default_rng(s)
        X, _, p = _network(rng, dims, m)
        _, cache = REF["linear_activation_forward"](X, p["W1"], p["b1"], activation)
        dA = rng.standard_normal((dims[1], m))
        cases.append(Case(f'dA ({dims[1]}, {m}), activation = "{activation}"', dA, cache,
                          activation=activation))
    return cases


@graded
def check_linear_activation_backward(fn):
    def swapped(c):
        other = "relu" if c.kwargs["activation"] == "sigmoid" else "sigmoid"
        return REF["linear_activation_backward"](*c.args, activation=other)

    def no_slope(c):
        dA, (linear_cache, _) = c.args
        return REF["linear_backward"](dA, linear_cache)

    mistakes = [Mistake("use the backward step of the activation asked for (relu_backward for "
                        '"relu", sigmoid_backward for "sigmoid").', swapped),
                Mistake("first turn dA into dZ with the activation's backward step, then call "
                        "linear_backward(dZ, linear_cache).", no_slope)]
    run_check("linear_activation_backward", fn, REF["linear_activation_backward"],
              _activation_backward_cases(), mistakes, outputs=("dA_prev", "dW", "db"))


def _model_backward_reference(AL, Y, caches):
    """L_model_backward for any number of output units (the graded one checks one): the
    reference's equations, ``model_backward``."""
    return REF["model_backward"](AL, Y, caches, "relu")


def _backward_cases():
    cases = []
    for s, (dims, m) in enumerate(SHAPES + [([3, 4, 2], 6)], start=150):
        X, Y, p = _network(np.random.default_rng(s), dims, m)
        AL, caches = REF["model_forward"](X, p, "relu")
        cases.append(Case(f"layer_dims = {dims}, m = {m}", AL, Y, caches, general=dims[-1] > 1))
    return cases


def _backward_all(c, hidden, last, sign=-1, keep_dAL=False):
    AL, Y, caches = c.args
    grads, dA = {}, sign * (Y / AL - (1 - Y) / (1 - AL))
    for l in range(len(caches), 0, -1):
        act = last if l == len(caches) else hidden
        (A_prev, W, _), Z = caches[l - 1]
        dZ = _BACKWARD[act](dA, Z)
        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = REF["linear_grads"](dZ, A_prev, W)
        dA = dA if keep_dAL else grads[f"dA{l - 1}"]
    return grads


def _caches_hint_in(source):
    src = source.replace(" ", "")
    if re.search(r"caches\[l\]", src) and re.search(r'"dW"\+str\(l\)|f"dW\{l\}"', src):
        return ("`caches[l]` is layer l+1's cache (caches[0] is layer 1): in a loop where l is the "
                "layer number, use caches[l - 1].")
    return None


def _source(fn):
    try:
        return inspect.getsource(fn)
    except (OSError, TypeError):
        return ""


@graded
def check_L_model_backward(fn):
    def keys_shifted(c):
        grads = _model_backward_reference(*c.args)
        L = len(c.args[2])
        shifted = {k: v for k, v in grads.items() if not k.startswith("dA")}
        shifted.update({f"dA{l}": grads[f"dA{l - 1}"] for l in range(1, L + 1)})
        return shifted

    mistakes = [Mistake("dAL = -(Y / AL - (1 - Y) / (1 - AL)): mind the leading minus.",
                        lambda c: _backward_all(c, "relu", "sigmoid", sign=1)),
                Mistake("the backward step of layer l stores dA{l-1}, dW{l}, db{l}: the dA key is "
                        "one lower than the layer.", keys_shifted),
                Mistake("layer L is a sigmoid layer: its backward step uses \"sigmoid\"; only "
                        "layers L-1..1 use \"relu\".", lambda c: _backward_all(c, "relu", "relu")),
                Mistake("each layer's backward step takes the dA that the layer above returned, "
                        "grads[\"dA\" + str(l + 1)], not dAL every time.",
                        lambda c: _backward_all(c, "relu", "sigmoid", keep_dAL=True)),
                Mistake("the hidden layers are ReLU layers: their backward step uses \"relu\"; "
                        "only layer L uses \"sigmoid\".",
                        lambda c: _backward_all(c, "sigmoid", "sigmoid"))]

    def grads_hint(diff, case, got):
        if diff.kind == "keys":
            return ("grads needs dA{l-1}, dW{l} and db{l} for every layer l = 1..L; caches[l-1] is "
                    "the cache of layer l.")
        return _caches_hint_in(_source(fn))

    run_check("L_model_backward", fn, _model_backward_reference, _backward_cases(), mistakes,
              outputs="grads", result_hint=grads_hint, exception_rules=[lambda ctx: _caches_hint_in(ctx.source)])


@graded
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
        new = REF["update_parameters"](p, g, lr)
        return {**new, f"W{L}": p[f"W{L}"], f"b{L}": p[f"b{L}"]}

    def plus(c):
        p, g, lr = c.args
        return {k: p[k] + lr * g["d" + k] for k in p}

    def fixed(rate):
        return lambda c: REF["update_parameters"](c.args[0], c.args[1], rate)

    mistakes = [Mistake("update every layer: for l in range(1, L + 1) (or range(L) with l + 1 in "
                        "the keys).", last_layer_skipped),
                Mistake("step against the gradient: W = W - learning_rate * dW.", plus),
                Mistake("use the learning_rate argument, not a fixed number (0.0075).", fixed(0.0075)),
                Mistake("use the learning_rate argument, not a fixed number (0.1).", fixed(0.1))]
    run_check("update_parameters", fn, REF["update_parameters"], cases, mistakes,
              outputs="parameters")


def _training_cases(two_layer):
    cases = []
    shapes = [([3, 4, 1], 12, 60), ([5, 3, 1], 9, 101), ([12, 8, 1], 10, 20)] if two_layer else \
        [([3, 4, 3, 1], 12, 60), ([5, 3, 1], 9, 101), ([2, 5, 4, 2, 1], 20, 30),
         ([12, 8, 4, 1], 10, 20)]
    for s, (dims, m, n) in enumerate(shapes, start=170):
        X, Y, _ = _network(np.random.default_rng(s), dims, m)
        cases.append(Case(f"layers_dims = {dims}, m = {m}, {n} iterations, learning_rate = 0.05",
                          X, Y, dims, learning_rate=0.05, num_iterations=n, optional={"seed": 1}))
    return cases


def _train_from(case, start, learning_rate=None):
    X, Y = case.args[:2]
    rate = case.kwargs["learning_rate"] if learning_rate is None else learning_rate
    return REF["descend"](start, X, Y, case.kwargs["num_iterations"], rate)


def _init_shapes(case):
    return REF["initialize_parameters_deep"](list(case.args[2]))


def _stale_weights(c):
    """W1, b1, W2, b2 read once before the loop: every step uses the first gradients."""
    X, Y = c.args[:2]
    lr, n = c.kwargs["learning_rate"], c.kwargs["num_iterations"]
    _, costs = _train_from(c.with_kwargs(num_iterations=1), c.start)
    AL, caches = REF["model_forward"](X, c.start, "relu")
    grads = REF["model_backward"](AL, Y, caches, "relu", need_dA0=False)
    p = {k: v - n * lr * grads["d" + k] for k, v in c.start.items()}
    return p, costs * len(range(0, n, 100))


def _training_mistakes():
    return [Mistake("pass learning_rate on to update_parameters instead of a fixed number (0.0075).",
                    lambda c: _train_from(c, c.start, 0.0075)),
            Mistake("read W1, b1, W2, b2 from parameters inside the loop (after each update); read "
                    "once before the loop, every step reuses the first gradients.", _stale_weights)]


def _check_model(name, fn, two_layer):
    scale = 0.01 if two_layer else "xavier"

    def factor(case, key, shape):
        return 1 / np.sqrt(shape[1]) if scale == "xavier" else scale

    def train(case, start):
        return _train_from(case, start)

    def result_hint(diff, case, got):
        if diff.keys[:1] == [0] and isinstance(got, tuple) and len(got) == 2 and \
                isinstance(got[0], dict) and case.start is not None and \
                all(np.array_equal(np.asarray(got[0].get(k)), v) for k, v in case.start.items()):
            return ("the parameters never changed: assign update_parameters' result back to "
                    "parameters inside the loop.")
        return costs_hint(1)(diff, case, got)

    run_check(name, fn, REF[name], _training_cases(two_layer), _training_mistakes(),
              outputs=("parameters", "costs"), result_hint=result_hint,
              expected_from=from_start(train, _init_shapes, factor, returns_costs=True))


@graded
def check_two_layer_model(fn):
    _check_model("two_layer_model", fn, True)


@graded
def check_L_layer_model(fn):
    _check_model("L_layer_model", fn, False)
