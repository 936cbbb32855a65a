"""Checks for notebook 02, section 14: logistic regression (``helpers.logistic``)."""

import numpy as np

from .. import activations
from .. import logistic as ref
from .core import Case, Mistake, costs_hint, run_check


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


def check_sigmoid(fn):
    rng = np.random.default_rng(1)
    cases = [Case("z = [0, 2]", np.array([0.0, 2.0])),
             Case("a (3, 4) array", rng.standard_normal((3, 4)) * 4),
             Case("large |z|: [-30, 30]", np.array([[-30.0, 30.0]])),
             Case("a scalar, z = 0", 0.0)]
    mistakes = [Mistake("the exponent's sign: sigmoid(z) = 1 / (1 + np.exp(-z)).",
                        lambda c: 1 - _sig(np.asarray(c.args[0]))),
                Mistake("that is tanh; the sigmoid is 1 / (1 + np.exp(-z)).",
                        lambda c: np.tanh(c.args[0]))]
    run_check("sigmoid", fn, ref.sigmoid, cases, mistakes)


def check_initialize_with_zeros(fn):
    cases = [Case("dim = 2", 2), Case("dim = 5", 5), Case("dim = 1", 1)]
    mistakes = [Mistake("w must be a column: np.zeros((dim, 1)), not np.zeros(dim).",
                        lambda c: (np.zeros(c.args[0]), 0.0))]
    run_check("initialize_with_zeros", fn, ref.initialize_with_zeros, cases, mistakes)


def _propagate_cases():
    return [Case("the course's example", *COURSE),
            Case("random, n_x = 4, m = 7", *_problem(2, 4, 7)),
            Case("one example, n_x = 1", *_problem(3, 1, 1)),
            Case("random, n_x = 6, m = 13", *_problem(4, 6, 13))]


def _half_cost(c):
    w, b, X, Y = c.args
    A = _sig(w.T @ X + b)
    grads, _ = ref.propagate(w, b, X, Y)
    return grads, float(-np.mean(Y * np.log(A)))


def check_propagate(fn):
    mistakes = [Mistake("the cost needs both terms: Y * log(A) + (1 - Y) * log(1 - A).", _half_cost)]
    run_check("propagate", fn, ref.propagate, _propagate_cases(), mistakes)


def _optimize_wrong_sign(c):
    w, b, X, Y = c.args[:4]
    n, lr = c.kwargs["num_iterations"], c.kwargs["learning_rate"]
    costs = []
    for i in range(n):
        grads, cost = ref.propagate(w, b, X, Y)
        w, b = w + lr * grads["dw"], b + lr * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs


def check_optimize(fn):
    cases = [Case("the course's example, 100 iterations", *COURSE, num_iterations=100,
                  learning_rate=0.009),
             Case("random, n_x = 3, m = 9, 250 iterations", *_problem(5, 3, 9),
                  num_iterations=250, learning_rate=0.1),
             Case("random, n_x = 5, m = 4, 101 iterations", *_problem(6, 5, 4),
                  num_iterations=101, learning_rate=0.5)]
    mistakes = [Mistake("gradient descent steps against the gradient: w = w - learning_rate * dw "
                        "(and the same for b).", _optimize_wrong_sign)]
    run_check("optimize", fn, ref.optimize, cases, mistakes, result_hint=costs_hint(2))


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
    run_check("predict", fn, ref.predict, cases, mistakes)


def _model_problem(seed, n_x, m_train, m_test):
    rng = np.random.default_rng(seed)
    w_true = rng.standard_normal((n_x, 1))
    X_train, X_test = rng.standard_normal((n_x, m_train)), rng.standard_normal((n_x, m_test))
    return (X_train, (w_true.T @ X_train > 0).astype(np.int64),
            X_test, (w_true.T @ X_test > 0).astype(np.int64))


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

    mistakes = [Mistake("pass num_iterations and learning_rate on to optimize; your model used "
                        "optimize's defaults.", defaults),
                Mistake("the train and test predictions are swapped.", swapped)]
    run_check("model", fn, ref.model, cases, mistakes)
