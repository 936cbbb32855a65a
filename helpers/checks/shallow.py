"""Checks for notebook 03: the network with one hidden layer (``helpers.shallow``)."""

import numpy as np

from .. import activations
from .. import shallow as ref
from .core import Case, Mistake, run_check


def _params(rng, n_x, n_h, n_y=1, scale=1.0):
    return {"W1": rng.standard_normal((n_h, n_x)) * scale, "b1": rng.standard_normal((n_h, 1)),
            "W2": rng.standard_normal((n_y, n_h)) * scale, "b2": rng.standard_normal((n_y, 1))}


def _problem(seed, n_x, n_h, m):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m))
    Y = (rng.random((1, m)) > 0.5).astype(np.int64)
    return X, Y, _params(rng, n_x, n_h)


def check_layer_sizes(fn):
    rng = np.random.default_rng(31)
    cases = [Case("X (5, 3), Y (2, 3)", rng.standard_normal((5, 3)), rng.standard_normal((2, 3))),
             Case("X (2, 400), Y (1, 400)", rng.standard_normal((2, 400)), np.ones((1, 400))),
             Case("X (7, 1), Y (3, 1)", rng.standard_normal((7, 1)), np.ones((3, 1)))]
    mistakes = [Mistake("read the sizes from the data: n_x = X.shape[0], n_y = Y.shape[0] "
                        "(not hard-coded numbers, and not shape[1], which is m).",
                        lambda c: (5, 4, 2)),
                Mistake("shape[0] is the number of rows (features); shape[1] is m, the number of "
                        "examples.", lambda c: (c.args[0].shape[1], 4, c.args[1].shape[1]))]
    run_check("layer_sizes", fn, ref.layer_sizes, cases, mistakes)


def _init_hint(diff, case, got):
    if diff.kind != "values" or not isinstance(got, dict) or "W1" not in got:
        return None
    W1 = np.asarray(got["W1"], dtype=float)
    if not W1.any():
        return ("the weights must be random, not zeros: with equal weights every hidden unit "
                "computes the same thing and stays the same (notebook 03, section 6).")
    spread = W1.std() if W1.size > 1 else abs(W1.item())
    if spread > 0.2:
        return "scale the random weights down: rng.standard_normal(shape) * 0.01."
    return ("draw from the generator made from the seed, in order: rng = np.random.default_rng(seed), "
            "then W1 = rng.standard_normal((n_h, n_x)) * 0.01, then W2 = rng.standard_normal((n_y, "
            "n_h)) * 0.01. np.random.randn uses numpy's global generator and gives other numbers.")


def check_initialize_parameters(fn):
    cases = [Case("n_x = 2, n_h = 4, n_y = 1, seed = 2", 2, 4, 1, seed=2),
             Case("n_x = 3, n_h = 5, n_y = 2, seed = 7", 3, 5, 2, seed=7),
             Case("n_x = 1, n_h = 1, n_y = 1, seed = 0", 1, 1, 1, seed=0)]

    def w2_first(c):
        n_x, n_h, n_y = c.args
        rng = np.random.default_rng(c.kwargs["seed"])
        W2 = rng.standard_normal((n_y, n_h)) * 0.01
        W1 = rng.standard_normal((n_h, n_x)) * 0.01
        return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}

    mistakes = [Mistake("draw W1 first, then W2, from the same generator.", w2_first)]
    run_check("initialize_parameters", fn, ref.initialize_parameters, cases, mistakes,
              result_hint=_init_hint)


def _forward_cases():
    cases = []
    for s, (n_x, n_h, m) in enumerate([(2, 4, 3), (3, 1, 8), (5, 6, 1), (4, 3, 10)], start=40):
        X, _, p = _problem(s, n_x, n_h, m)
        cases.append(Case(f"n_x = {n_x}, n_h = {n_h}, m = {m}", X, p))
    return cases


def _forward_with(hidden, output):
    def model(c):
        X, p = c.args
        Z1 = p["W1"] @ X + p["b1"]
        A1 = hidden(Z1)
        Z2 = p["W2"] @ A1 + p["b2"]
        A2 = output(Z2)
        return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return model


def check_forward_propagation(fn):
    mistakes = [Mistake("the hidden layer uses tanh: A1 = np.tanh(Z1).",
                        _forward_with(activations.sigmoid, activations.sigmoid)),
                Mistake("the output layer uses the sigmoid, so A2 is a probability: "
                        "A2 = sigmoid(Z2).", _forward_with(np.tanh, np.tanh)),
                Mistake("the hidden layer uses tanh, and the output the sigmoid: you swapped them.",
                        _forward_with(activations.sigmoid, np.tanh))]
    run_check("forward_propagation", fn, ref.forward_propagation, _forward_cases(), mistakes)


def _cost_cases():
    rng = np.random.default_rng(50)
    return [Case("A2 = [[0.5, 0.9, 0.2]], Y = [[1, 1, 0]]", np.array([[0.5, 0.9, 0.2]]),
                 np.array([[1, 1, 0]])),
            Case("random, m = 9", rng.uniform(0.05, 0.95, (1, 9)), (rng.random((1, 9)) > 0.5) * 1),
            Case("one example", np.array([[0.3]]), np.array([[0]]))]


def _cost_mistakes():
    def half(c):
        A, Y = c.args
        return float(-np.mean(Y * np.log(A)))
    return [Mistake("the cost needs both terms: Y * log(A) + (1 - Y) * log(1 - A).", half)]


def check_compute_cost(fn):
    run_check("compute_cost", fn, ref.compute_cost, _cost_cases(), _cost_mistakes())


def _backward_cases():
    cases = []
    for s, (n_x, n_h, m) in enumerate([(2, 4, 3), (3, 2, 7), (1, 5, 1), (4, 3, 12)], start=60):
        X, Y, p = _problem(s, n_x, n_h, m)
        _, cache = ref.forward_propagation(X, p)
        cases.append(Case(f"n_x = {n_x}, n_h = {n_h}, m = {m}", p, cache, X, Y))
    return cases


def _backward_with(slope):
    def model(c):
        p, cache, X, Y = c.args
        m = X.shape[1]
        dZ2 = cache["A2"] - Y
        dZ1 = (p["W2"].T @ dZ2) * slope(cache)
        return {"dW1": dZ1 @ X.T / m, "db1": dZ1.sum(axis=1, keepdims=True) / m,
                "dW2": dZ2 @ cache["A1"].T / m, "db2": dZ2.sum(axis=1, keepdims=True) / m}
    return model


def check_backward_propagation(fn):
    mistakes = [
        Mistake("tanh's slope comes from its output: g'(Z1) = 1 - A1**2, not 1 - Z1**2.",
                _backward_with(lambda cache: 1 - cache["Z1"] ** 2)),
        Mistake("tanh's slope is 1 - A1**2: square A1.", _backward_with(lambda cache: 1 - cache["A1"])),
        Mistake("dZ1 needs the hidden layer's slope: (W2.T @ dZ2) * (1 - A1**2).",
                _backward_with(lambda cache: 1.0)),
        Mistake("that slope is the sigmoid's; the hidden layer uses tanh: 1 - A1**2.",
                _backward_with(lambda cache: cache["A1"] * (1 - cache["A1"]))),
    ]
    run_check("backward_propagation", fn, ref.backward_propagation, _backward_cases(), mistakes)


def check_update_parameters(fn):
    cases = []
    for s, (n_x, n_h, lr) in enumerate([(2, 4, 1.2), (3, 2, 0.5), (5, 1, 0.01)], start=70):
        rng = np.random.default_rng(s)
        p = _params(rng, n_x, n_h)
        grads = {"d" + k: v for k, v in _params(rng, n_x, n_h).items()}
        cases.append(Case(f"n_x = {n_x}, n_h = {n_h}, learning_rate = {lr}", p, grads,
                          learning_rate=lr))

    def plus(c):
        p, g = c.args
        return {k: p[k] + c.kwargs["learning_rate"] * g["d" + k] for k in p}

    def fixed_rate(c):
        return ref.update_parameters(*c.args, learning_rate=1.2)

    mistakes = [Mistake("step against the gradient: W1 = W1 - learning_rate * dW1.", plus),
                Mistake("use the learning_rate argument, not a fixed number.", fixed_rate)]
    run_check("update_parameters", fn, ref.update_parameters, cases, mistakes)


def check_nn_model(fn):
    cases = []
    for s, (n_x, n_h, m, n) in enumerate([(2, 4, 20, 50), (3, 2, 9, 101), (1, 3, 5, 10)], start=80):
        X, Y, _ = _problem(s, n_x, n_h, m)
        cases.append(Case(f"n_x = {n_x}, n_h = {n_h}, m = {m}, {n} iterations, seed = {s}",
                          X, Y, n_h, num_iterations=n, seed=s))

    def untrained(c):
        return ref.nn_model(*c.args, num_iterations=0, seed=c.kwargs["seed"])

    mistakes = [Mistake("the parameters never changed: inside the loop, assign the result of "
                        "update_parameters back to parameters.", untrained)]
    run_check("nn_model", fn, ref.nn_model, cases, mistakes)


def check_predict(fn):
    cases = []
    for s, (n_x, n_h, m) in enumerate([(2, 4, 6), (3, 2, 11)], start=90):
        X, _, p = _problem(s, n_x, n_h, m)
        cases.append(Case(f"n_x = {n_x}, n_h = {n_h}, m = {m}", p, X))
    p0 = {"W1": np.zeros((2, 2)), "b1": np.zeros((2, 1)), "W2": np.zeros((1, 2)), "b2": np.zeros((1, 1))}
    cases.append(Case("an output of exactly 0.5", p0, np.ones((2, 3))))

    def probabilities(c):
        return ref.forward_propagation(c.args[1], c.args[0])[0]

    def at_least_half(c):
        return (probabilities(c) >= 0.5).astype(float)

    mistakes = [Mistake("return labels, not probabilities: 1 where A2 > 0.5, else 0.", probabilities),
                Mistake("an output of exactly 0.5 is labelled 0: use A2 > 0.5.", at_least_half)]
    run_check("predict", fn, ref.predict, cases, mistakes)
