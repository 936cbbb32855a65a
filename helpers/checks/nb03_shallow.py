"""Checks for notebook 03: the network with one hidden layer (``helpers.nb03_shallow``).

Forward and backward cases include two output units (n_y = 2), where a formula that is
only right for one unit (``W2.T * dZ2`` for ``np.dot(W2.T, dZ2)``) shows.
"""

import numpy as np

from .. import activations, cost
from .. import nb03_shallow as ref
from .core import Case, Mistake, graded, run_check
from .nb02_logistic import cost_hint, cost_mistakes, cost_model
from .randomness import judge_init
from .training import from_start

REF = {k: getattr(ref, k) for k in ("layer_sizes", "initialize_parameters", "forward_propagation",
                                   "compute_cost", "backward_propagation", "update_parameters",
                                   "nn_model", "predict", "forward", "backward", "update", "step",
                                   "descend")}


def _params(rng, n_x, n_h, n_y=1, scale=1.0):
    return {"W1": rng.standard_normal((n_h, n_x)) * scale, "b1": rng.standard_normal((n_h, 1)),
            "W2": rng.standard_normal((n_y, n_h)) * scale, "b2": rng.standard_normal((n_y, 1))}


def _problem(seed, n_x, n_h, m, n_y=1):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m))
    Y = (rng.random((n_y, m)) > 0.5).astype(np.int64)
    return X, Y, _params(rng, n_x, n_h, n_y)


@graded
def check_layer_sizes(fn):
    rng = np.random.default_rng(31)
    cases = [Case("X (5, 3), Y (2, 3)", rng.standard_normal((5, 3)), rng.standard_normal((2, 3))),
             Case("X (2, 400), Y (1, 400)", rng.standard_normal((2, 400)), np.ones((1, 400))),
             Case("X (7, 1), Y (3, 1)", rng.standard_normal((7, 1)), np.ones((3, 1)))]
    mistakes = [Mistake("read the sizes from the data: n_x = X.shape[0], n_y = Y.shape[0] "
                        "(not hard-coded numbers, and not shape[1], which is m).",
                        lambda c: (5, 4, 2)),
                Mistake("shape[0] is the number of rows (features); shape[1] is m, the number of "
                        "examples.", lambda c: (c.args[0].shape[1], 4, c.args[1].shape[1])),
                Mistake("n_h is a choice, 4 here: n_h = 4, not a size read from X.",
                        lambda c: (c.args[0].shape[0], c.args[0].shape[1], c.args[1].shape[0]))]
    run_check("layer_sizes", fn, REF["layer_sizes"], cases, mistakes, outputs=("n_x", "n_h", "n_y"))


def _spread(case, key, shape):
    return 0.01


@graded
def check_initialize_parameters(fn):
    cases = [Case("n_x = 2, n_h = 4, n_y = 1", 2, 4, 1, optional={"seed": 2}),
             Case("n_x = 3, n_h = 5, n_y = 2", 3, 5, 2, optional={"seed": 7}),
             Case("n_x = 1, n_h = 1, n_y = 1", 1, 1, 1, optional={"seed": 0}),
             Case("n_x = 30, n_h = 20, n_y = 3 (enough weights to measure their spread)",
                  30, 20, 3, optional={"seed": 5})]
    run_check("initialize_parameters", fn, REF["initialize_parameters"], cases,
              outputs="parameters", judge=judge_init(_spread))


def _forward_cases():
    cases = []
    for s, (n_x, n_h, m, n_y) in enumerate([(2, 4, 3, 1), (3, 1, 8, 1), (5, 6, 1, 1), (4, 3, 10, 1),
                                            (3, 4, 5, 2)], start=40):
        X, _, p = _problem(s, n_x, n_h, m, n_y)
        cases.append(Case(f"n_x = {n_x}, n_h = {n_h}, n_y = {n_y}, m = {m}", X, p, general=n_y > 1))
    return cases


def _forward_with(hidden, output, z1_into_layer2=False):
    def model(c):
        X, p = c.args
        Z1 = p["W1"] @ X + p["b1"]
        A1 = hidden(Z1)
        Z2 = p["W2"] @ (Z1 if z1_into_layer2 else A1) + p["b2"]
        A2 = output(Z2)
        return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return model


def _forward_reference(X, parameters):
    """forward_propagation for any number of output units (the graded one refuses n_y > 1):
    the reference's equations, ``forward``."""
    return REF["forward"](X, parameters, "tanh")


@graded
def check_forward_propagation(fn):
    sig = activations.sigmoid
    mistakes = [Mistake("the hidden layer uses tanh: A1 = np.tanh(Z1).", _forward_with(sig, sig)),
                Mistake("the output layer uses the sigmoid, so A2 is a probability: "
                        "A2 = sigmoid(Z2).", _forward_with(np.tanh, np.tanh)),
                Mistake("the hidden layer uses tanh, and the output the sigmoid: you swapped them.",
                        _forward_with(sig, np.tanh)),
                Mistake("layer 2 takes the hidden layer's output: Z2 = np.dot(W2, A1) + b2, not Z1.",
                        _forward_with(np.tanh, sig, z1_into_layer2=True))]
    run_check("forward_propagation", fn, _forward_reference, _forward_cases(), mistakes,
              outputs=("A2", "cache"))


def cost_cases():
    """Cases for compute_cost (notebooks 03 and 04): the argument is A2 in 03, AL in 04."""
    rng = np.random.default_rng(50)
    A = rng.uniform(0.05, 0.95, (1, 7))
    return [Case("the course's example, m = 3", np.array([[0.5, 0.9, 0.2]]), np.array([[1, 1, 0]]),
                 optional={"parameters": {}}),
            Case("random, m = 7", A, (rng.random((1, 7)) > 0.5).astype(np.int64),
                 optional={"parameters": {}}),
            Case("confident predictions, m = 4", np.array([[0.999, 0.001, 0.98, 0.03]]),
                 np.array([[1, 0, 1, 0]]), optional={"parameters": {}})]


def cost_check_mistakes():
    return [cost_model(m, lambda c: (c.args[0], c.args[1], c.args[1].shape[1]))
            for m in cost_mistakes()]


@graded
def check_compute_cost(fn):
    run_check("compute_cost", fn, REF["compute_cost"], cost_cases(), cost_check_mistakes(),
              outputs="cost", result_hint=cost_hint("cost"),
              forbidden=[cost.cross_entropy])


def _backward_cases():
    cases = []
    for s, (n_x, n_h, m, n_y) in enumerate([(2, 4, 3, 1), (3, 2, 7, 1), (4, 5, 1, 1), (3, 4, 5, 2),
                                            (2, 3, 3, 1)], start=60):
        X, Y, p = _problem(s, n_x, n_h, m, n_y)
        _, cache = REF["forward"](X, p, "tanh")
        cases.append(Case(f"n_x = {n_x}, n_h = {n_h}, n_y = {n_y}, m = {m}", p, cache, X, Y,
                          general=n_y > 1))
    return cases


def _backward_variant(slope, weights="W2", db_float=False):
    """The six equations ``f(parameters, cache, X, Y) -> grads`` for any number of output
    units, with the hidden layer's slope and the mistakes a learner makes in them."""
    def equations(parameters, cache, X, Y):  # the names show in "inputs"
        m = X.shape[1]
        dZ2 = cache["A2"] - Y
        dW2 = dZ2 @ cache["A1"].T / m
        if weights == "matrix":
            dZ1 = (parameters["W2"].T @ dZ2) @ slope(cache)
        else:
            dZ1 = ((dW2 if weights == "dW2" else parameters["W2"]).T @ dZ2) * slope(cache)
        db = (lambda d: float(np.sum(d)) / m) if db_float else \
            (lambda d: d.sum(axis=1, keepdims=True) / m)
        return {"dW1": dZ1 @ X.T / m, "db1": db(dZ1), "dW2": dW2, "db2": db(dZ2)}
    return equations


def _backward_with(slope, weights="W2", db_float=False):
    equations = _backward_variant(slope, weights, db_float)
    return lambda c: equations(*c.args)


def _tanh_slope(cache):
    return 1 - cache["A1"] ** 2


def _six_equations(parameters, cache, X, Y):
    """backward_propagation for any number of output units (the graded one refuses n_y > 1):
    the reference's equations, ``backward``, with tanh."""
    return REF["backward"](parameters, cache, X, Y, "tanh")


def _slope_as_product(ctx):
    line = ctx.line.replace(" ", "")
    if "np.dot" in line and "A1" in line and ("power" in line or "**2" in line or "1-" in line):
        return ("tanh's slope multiplies elementwise: dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2)); "
                "np.dot(..., 1 - A1**2) would be a matrix product.")
    return None


@graded
def check_backward_propagation(fn):
    mistakes = [
        Mistake("tanh's slope comes from its output: g'(Z1) = 1 - A1**2, not 1 - Z1**2.",
                _backward_with(lambda cache: 1 - cache["Z1"] ** 2)),
        Mistake("tanh's slope is 1 - A1**2: square A1.", _backward_with(lambda cache: 1 - cache["A1"])),
        Mistake("dZ1 needs the hidden layer's slope: (W2.T @ dZ2) * (1 - A1**2).",
                _backward_with(lambda cache: 1.0)),
        Mistake("that slope is the sigmoid's; the hidden layer uses tanh: 1 - A1**2.",
                _backward_with(lambda cache: cache["A1"] * (1 - cache["A1"]))),
        Mistake("A1 is already tanh(Z1): the slope is 1 - A1**2, not 1 - np.tanh(A1)**2.",
                _backward_with(lambda cache: 1 - np.tanh(cache["A1"]) ** 2)),
        Mistake("dZ1 uses the weights W2 (parameters[\"W2\"]), not their gradient dW2: "
                "np.dot(W2.T, dZ2) * (1 - A1**2).", _backward_with(_tanh_slope, weights="dW2")),
        Mistake("tanh's slope multiplies elementwise: np.dot(W2.T, dZ2) * (1 - np.power(A1, 2)), "
                "not a matrix product.", _backward_with(_tanh_slope, weights="matrix")),
        Mistake("db1 and db2 have one value per unit: np.sum(dZ, axis=1, keepdims=True) / m, an "
                "array of shape (n, 1), not one number.", _backward_with(_tanh_slope, db_float=True)),
    ]
    run_check("backward_propagation", fn, _six_equations, _backward_cases(), mistakes,
              outputs="grads", exception_rules=[_slope_as_product])


@graded
def check_update_parameters(fn):
    cases = []
    for s, (n_x, n_h, n_y, lr) in enumerate([(2, 4, 1, 1.2), (3, 2, 2, 0.5), (5, 1, 1, 0.01)],
                                            start=70):
        rng = np.random.default_rng(s)
        p = _params(rng, n_x, n_h, n_y)
        grads = {"d" + k: v for k, v in _params(rng, n_x, n_h, n_y).items()}
        cases.append(Case(f"n_x = {n_x}, n_h = {n_h}, n_y = {n_y}, learning_rate = {lr}", p, grads,
                          learning_rate=lr))

    def plus(c):
        p, g = c.args
        return {k: p[k] + c.kwargs["learning_rate"] * g["d" + k] for k in p}

    def fixed_rate(c):
        return REF["update_parameters"](*c.args, learning_rate=1.2)

    def weights_only(c):
        p, g = c.args
        return {k: p[k] - c.kwargs["learning_rate"] * g["d" + k] if k.startswith("W") else p[k]
                for k in p}

    mistakes = [Mistake("step against the gradient: W1 = W1 - learning_rate * dW1.", plus),
                Mistake("use the learning_rate argument, not a fixed number (1.2).", fixed_rate),
                Mistake("update the biases too: b1 = b1 - learning_rate * db1, and b2.",
                        weights_only)]
    run_check("update_parameters", fn, REF["update_parameters"], cases, mistakes,
              outputs="parameters")


def _train_from(case, start, learning_rate=1.2):
    X, Y = case.args[:2]
    return REF["descend"](start, X, Y, case.kwargs["num_iterations"], learning_rate)[0]


def _init_shapes(case):
    X, Y, n_h = case.args
    return REF["initialize_parameters"](X.shape[0], n_h, Y.shape[0])


@graded
def check_nn_model(fn):
    cases = []
    for s, (n_x, n_h, m, n) in enumerate([(2, 4, 20, 50), (3, 2, 9, 101), (1, 3, 5, 10),
                                          (12, 5, 10, 20)], start=80):
        X, Y, _ = _problem(s, n_x, n_h, m)
        cases.append(Case(f"n_x = {n_x}, n_h = {n_h}, m = {m}, {n} iterations", X, Y, n_h,
                          num_iterations=n, optional={"seed": s}))

    mistakes = [Mistake("the parameters never changed: inside the loop, assign the result of "
                        "update_parameters back to parameters.", lambda c: c.start)]
    run_check("nn_model", fn, REF["nn_model"], cases, mistakes, outputs="parameters",
              expected_from=from_start(_train_from, _init_shapes, _spread, returns_costs=False))


@graded
def check_predict(fn):
    cases = []
    for s, (n_x, n_h, m) in enumerate([(2, 4, 6), (3, 2, 11)], start=90):
        X, _, p = _problem(s, n_x, n_h, m)
        cases.append(Case(f"n_x = {n_x}, n_h = {n_h}, m = {m}", p, X))
    p0 = {"W1": np.zeros((2, 2)), "b1": np.zeros((2, 1)), "W2": np.zeros((1, 2)), "b2": np.zeros((1, 1))}
    cases.append(Case("an output of exactly 0.5", p0, np.ones((2, 3))))

    def probabilities(c):
        return REF["forward_propagation"](c.args[1], c.args[0])[0]

    def at_least_half(c):
        return (probabilities(c) >= 0.5).astype(float)

    mistakes = [Mistake("return labels, not probabilities: 1 where A2 > 0.5, else 0.", probabilities),
                Mistake("an output of exactly 0.5 is labelled 0: use A2 > 0.5.", at_least_half)]
    run_check("predict", fn, REF["predict"], cases, mistakes, outputs="predictions")
