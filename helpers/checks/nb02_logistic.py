"""Checks for notebook 02, section 14: logistic regression (``helpers.nb02_logistic``)."""

import numpy as np

from .. import activations
from .. import nb02_logistic as ref
from .core import Case, Mistake, graded, costs_hint, run_check

# The references, captured at import, and the graded functions built on each.
REF = {k: getattr(ref, k) for k in ("sigmoid", "initialize_with_zeros", "propagate", "optimize",
                                   "predict", "model", "forward", "backward", "step", "descend")}


def _sig(z):
    return activations.sigmoid(z)


def _problem(seed, n_x, m, scale=0.5):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m))
    Y = (rng.random((1, m)) > 0.5).astype(np.int64)
    w = rng.standard_normal((n_x, 1)) * scale
    b = round(float(rng.standard_normal()), 3)
    return w, b, X, Y


COURSE = (np.array([[1.0], [2.0]]), 2.0, np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]]),
          np.array([[1, 0, 1]]))


@graded
def check_sigmoid(fn):
    rng = np.random.default_rng(1)
    cases = [Case("the course's z = np.array([1, 2, 3])", np.array([1, 2, 3])),
             Case("z = [0., 2.]", np.array([0.0, 2.0])),
             Case("a (3, 4) array", rng.standard_normal((3, 4)) * 4),
             Case("large |z|: [[-30, 30]]", np.array([[-30.0, 30.0]])),
             Case("a scalar, z = 0", 0.0)]
    mistakes = [Mistake("the exponent's sign: sigmoid(z) = 1 / (1 + np.exp(-z)).",
                        lambda c: 1 - _sig(np.asarray(c.args[0]))),
                Mistake("that is tanh; the sigmoid is 1 / (1 + np.exp(-z)).",
                        lambda c: np.tanh(c.args[0])),
                Mistake("1 + np.exp(-z) in the denominator, not 1 - np.exp(-z).",
                        lambda c: 1 / (1 - np.exp(-np.asarray(c.args[0], dtype=float))))]
    run_check("sigmoid", fn, REF["sigmoid"], cases, mistakes, outputs="s",
              forbidden=[activations.sigmoid])


@graded
def check_initialize_with_zeros(fn):
    cases = [Case("dim = 2", 2), Case("dim = 5", 5), Case("dim = 1", 1)]
    mistakes = [Mistake("w must be a column: np.zeros((dim, 1)), not np.zeros(dim).",
                        lambda c: (np.zeros(c.args[0]), 0.0)),
                Mistake("w must be a column (dim, 1), not a row (1, dim).",
                        lambda c: (np.zeros((1, c.args[0])), 0.0)),
                Mistake("w starts at zeros: np.zeros((dim, 1)), not np.ones.",
                        lambda c: (np.ones((c.args[0], 1)), 0.0))]
    run_check("initialize_with_zeros", fn, REF["initialize_with_zeros"], cases, mistakes,
              outputs=("w", "b"))


def _propagate_cases():
    return [Case("the course's example", *COURSE),
            Case("random, n_x = 4, m = 7", *_problem(2, 4, 7)),
            Case("one example, n_x = 1", *_problem(3, 1, 1)),
            Case("random, n_x = 6, m = 13", *_problem(4, 6, 13))]


def _with_cost(cost_of):
    def model(c):
        w, b, X, Y = c.args
        A = _sig(w.T @ X + b)
        grads, _ = ref.propagate(w, b, X, Y)
        return grads, cost_of(A, Y, Y.shape[1])
    return model


def cost_mistakes():
    """Mistakes in the cross-entropy cost, shared by propagate and both compute_cost checks."""
    return [
        Mistake("the cost needs both terms: Y * log(A) + (1 - Y) * log(1 - A).",
                lambda A, Y, m: float(-np.sum(Y * np.log(A)) / m)),
        Mistake("a stray transpose: Y.T with A (or np.dot(Y.T, np.log(A))) makes an (m, m) table of "
                "every label times every prediction, and np.sum adds all m² terms. Keep Y and A "
                "both (1, m): Y * np.log(A), or np.dot(Y, np.log(A).T).",
                lambda A, Y, m: float(-np.sum(Y.T * np.log(A) + (1 - Y).T * np.log(1 - A)) / m)),
        Mistake("log(1 - A) goes with (1 - Y), and log(A) with Y: you swapped them.",
                lambda A, Y, m: float(-np.sum(Y * np.log(1 - A) + (1 - Y) * np.log(A)) / m)),
    ]


def cost_model(mistake, A_Y):
    """Turn a ``(A, Y, m) -> cost`` mistake into a model of a whole result."""
    return Mistake(mistake.hint, lambda c: mistake.model(*A_Y(c)))


def cost_hint(path):
    """A result_hint: a cost left as one loss per example (not summed)."""
    def hint(diff, case, got):
        value = got
        for k in diff.keys:
            value = value[k]
        if diff.path == path and isinstance(value, np.ndarray) and value.size > 1:
            return (f"{path} has shape {value.shape}: one loss per example. The cost is their "
                    f"mean: -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m.")
        return None
    return hint


def _prop_mistakes():
    shared = [Mistake(m.hint, _with_cost(m.model)) for m in cost_mistakes()]

    def db_array(c):
        grads, cost = ref.propagate(*c.args)
        return {**grads, "db": np.array([[grads["db"]]])}, cost

    return shared + [Mistake("db is one number: np.sum(A - Y) / m (no axis), not a (1, 1) array.",
                             db_array)]


@graded
def check_propagate(fn):
    run_check("propagate", fn, REF["propagate"], _propagate_cases(), _prop_mistakes(),
              outputs=("grads", "cost"), result_hint=cost_hint("cost"))


def _descend(c, lr=None, update_b=True, update=True, sign=-1, once=False):
    w, b, X, Y = c.args[:4]
    n = c.kwargs["num_iterations"]
    lr = c.kwargs["learning_rate"] if lr is None else lr
    costs, grads = [], {}
    first = ref.propagate(w, b, X, Y)
    for i in range(n):
        grads, cost = first if once else ref.propagate(w, b, X, Y)
        if update:
            w = w + sign * lr * grads["dw"]
            if update_b:
                b = b + sign * lr * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs


@graded
def check_optimize(fn):
    cases = [Case("the course's example, 100 iterations", *COURSE, num_iterations=100,
                  learning_rate=0.009),
             Case("random, n_x = 3, m = 9, 250 iterations", *_problem(5, 3, 9),
                  num_iterations=250, learning_rate=0.1),
             Case("random, n_x = 5, m = 4, 101 iterations", *_problem(6, 5, 4),
                  num_iterations=101, learning_rate=0.5)]
    mistakes = [Mistake("gradient descent steps against the gradient: w = w - learning_rate * dw "
                        "(and the same for b).", lambda c: _descend(c, sign=1)),
                Mistake("b never changes: inside the loop also write b = b - learning_rate * db.",
                        lambda c: _descend(c, update_b=False)),
                Mistake("w and b never change: assign the step, w = w - learning_rate * dw, "
                        "b = b - learning_rate * db, inside the loop.",
                        lambda c: _descend(c, update=False)),
                Mistake("call propagate inside the loop: the gradients change after every step, "
                        "so computing them once before the loop walks in a straight line.",
                        lambda c: _descend(c, once=True)),
                Mistake("use the learning_rate argument, not a fixed number (0.009).",
                        lambda c: _descend(c, lr=0.009)),
                Mistake("use the learning_rate argument, not a fixed number (0.5).",
                        lambda c: _descend(c, lr=0.5))]
    run_check("optimize", fn, REF["optimize"], cases, mistakes,
              outputs=("params", "grads", "costs"), result_hint=costs_hint(2))


@graded
def check_predict(fn):
    cases = [Case("the course's example", np.array([[0.1124579], [0.23106775]]), -0.3,
                  np.array([[1.0, -1.1, -3.2], [1.2, 2.0, 0.1]])),
             Case("random, n_x = 4, m = 9", *_problem(7, 4, 9, scale=2)[:3]),
             Case("a probability of exactly 0.5", np.zeros((2, 1)), 0.0, np.ones((2, 3)))]

    def probabilities(c):
        w, b, X = c.args
        return _sig(w.T @ X + b)

    def at_least_half(c):
        w, b, X = c.args
        return (_sig(w.T @ X + b) >= 0.5).astype(float)

    mistakes = [Mistake("return labels, not probabilities: 1 where A > 0.5, else 0.", probabilities),
                Mistake("a probability of exactly 0.5 is labelled 0: use A > 0.5, not >= 0.5.",
                        at_least_half)]
    run_check("predict", fn, REF["predict"], cases, mistakes, outputs="Y_prediction")


def _model_problem(seed, n_x, m_train, m_test):
    rng = np.random.default_rng(seed)
    w_true = rng.standard_normal((n_x, 1))
    X_train, X_test = rng.standard_normal((n_x, m_train)), rng.standard_normal((n_x, m_test))
    return (X_train, (w_true.T @ X_train > 0).astype(np.int64),
            X_test, (w_true.T @ X_test > 0).astype(np.int64))


@graded
def check_model(fn):
    cases = [Case("random, n_x = 3, 20 train / 10 test, 200 iterations",
                  *_model_problem(8, 3, 20, 10), num_iterations=200, learning_rate=0.05),
             Case("random, n_x = 5, 31 train / 7 test, 301 iterations",
                  *_model_problem(9, 5, 31, 7), num_iterations=301, learning_rate=0.3)]

    def defaults(c):  # optimize called without passing the settings on
        X_train, Y_train, X_test, Y_test = c.args
        w, b = ref.initialize_with_zeros(X_train.shape[0])
        params, _, costs = ref.optimize(w, b, X_train, Y_train)
        w, b = params["w"], params["b"]
        return {"costs": costs, "Y_prediction_test": ref.predict(w, b, X_test),
                "Y_prediction_train": ref.predict(w, b, X_train), "w": w, "b": b, **c.kwargs}

    def swapped(c):
        d = ref.model(*c.args, **c.kwargs)
        return {**d, "Y_prediction_train": d["Y_prediction_test"],
                "Y_prediction_test": d["Y_prediction_train"]}

    def features_from_m(ctx):
        if "X_train.shape[1]" in ctx.source and "initialize_with_zeros" in ctx.source:
            return ("w needs one weight per feature: initialize_with_zeros(X_train.shape[0]); "
                    "shape[1] is the number of examples.")
        return None

    mistakes = [Mistake("pass num_iterations and learning_rate on to optimize; your model used "
                        "optimize's defaults.", defaults),
                Mistake("the train and test predictions are swapped.", swapped)]
    run_check("model", fn, REF["model"], cases, mistakes, outputs="d",
              exception_rules=[features_from_m])
