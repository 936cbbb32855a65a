"""Checks for notebook 02, section 13: the numpy warm-up (``helpers.basics``)."""

import numpy as np

from .. import activations
from .. import basics as ref_basics
from .core import Case, Mistake, run_check


def _sig(z):
    return activations.sigmoid(z)


def check_sigmoid_derivative(fn):
    rng = np.random.default_rng(21)
    cases = [Case("x = [1, 2, 3]", np.array([1.0, 2.0, 3.0])),
             Case("a (3, 4) array", rng.standard_normal((3, 4)) * 3),
             Case("x = 0", np.array([[0.0]]))]
    mistakes = [Mistake("that is the sigmoid itself; its slope is s * (1 - s) with s = sigmoid(x).",
                        lambda c: _sig(c.args[0])),
                Mistake("use s * (1 - s), where s = sigmoid(x), not x * (1 - x).",
                        lambda c: c.args[0] * (1 - c.args[0]))]
    run_check("sigmoid_derivative", fn, ref_basics.sigmoid_derivative, cases, mistakes)


def check_image2vector(fn):
    rng = np.random.default_rng(22)
    cases = [Case("a (3, 3, 2) image", rng.random((3, 3, 2))),
             Case("a (28, 28, 1) image", rng.random((28, 28, 1))),
             Case("a (4, 5, 3) image", rng.random((4, 5, 3)))]
    mistakes = [Mistake("reshape to (length * height * depth, 1): a column, not a row.",
                        lambda c: c.args[0].reshape(1, -1)),
                Mistake("keep numpy's default (C) order: image.reshape(-1, 1). Transposing first "
                        "or order='F' scrambles the pixels.",
                        lambda c: c.args[0].reshape(-1, 1, order="F"))]
    run_check("image2vector", fn, ref_basics.image2vector, cases, mistakes)


def check_normalize_rows(fn):
    rng = np.random.default_rng(23)
    cases = [Case("x = [[0, 3, 4], [1, 6, 4]]", np.array([[0.0, 3.0, 4.0], [1.0, 6.0, 4.0]])),
             Case("a (5, 3) array", rng.standard_normal((5, 3))),
             Case("a (1, 7) array", rng.standard_normal((1, 7)))]
    mistakes = [Mistake("divide each row by its own length: np.linalg.norm(x, axis=1, "
                        "keepdims=True) has shape (n, 1).",
                        lambda c: c.args[0] / np.linalg.norm(c.args[0], axis=0, keepdims=True)),
                Mistake("that divides by the length of the whole matrix; use axis=1 and "
                        "keepdims=True for one length per row.",
                        lambda c: c.args[0] / np.linalg.norm(c.args[0]))]
    run_check("normalize_rows", fn, ref_basics.normalize_rows, cases, mistakes)


def check_softmax(fn):
    rng = np.random.default_rng(24)
    cases = [Case("x = [[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]]",
                  np.array([[9.0, 2.0, 5.0, 0.0, 0.0], [7.0, 5.0, 0.0, 0.0, 0.0]])),
             Case("a (4, 3) array", rng.standard_normal((4, 3)) * 3),
             Case("a (1, 6) array", rng.standard_normal((1, 6)))]

    def over_columns(c):
        e = np.exp(c.args[0])
        return e / e.sum(axis=0, keepdims=True)

    def over_all(c):
        e = np.exp(c.args[0])
        return e / e.sum()

    mistakes = [Mistake("each row must sum to 1: sum over axis=1 with keepdims=True.", over_columns),
                Mistake("divide each row by its own sum (axis=1, keepdims=True), not by the sum "
                        "of the whole matrix.", over_all)]
    run_check("softmax", fn, ref_basics.softmax, cases, mistakes)


def check_L1(fn):
    cases = [Case("the course's example", np.array([0.9, 0.2, 0.1, 0.4, 0.9]),
                  np.array([1.0, 0.0, 0.0, 1.0, 1.0])),
             Case("random (1, 6)", *np.random.default_rng(25).random((2, 1, 6)))]
    mistakes = [Mistake("L1 adds up |y - yhat|: take the absolute value before summing.",
                        lambda c: float(np.sum(c.args[1] - c.args[0]))),
                Mistake("the loss is a sum over the entries: np.sum, not np.mean.",
                        lambda c: float(np.mean(np.abs(c.args[1] - c.args[0]))))]
    run_check("L1", fn, ref_basics.L1, cases, mistakes)


def check_L2(fn):
    cases = [Case("the course's example", np.array([0.9, 0.2, 0.1, 0.4, 0.9]),
                  np.array([1.0, 0.0, 0.0, 1.0, 1.0])),
             Case("random (1, 6)", *np.random.default_rng(26).random((2, 1, 6)))]
    mistakes = [Mistake("L2 is the sum of squares, without a square root.",
                        lambda c: float(np.linalg.norm(c.args[1] - c.args[0]))),
                Mistake("square the differences: np.sum((y - yhat) ** 2), or np.dot(d, d).",
                        lambda c: float(np.sum(np.abs(c.args[1] - c.args[0])))),
                Mistake("the loss is a sum over the entries: np.sum, not np.mean.",
                        lambda c: float(np.mean((c.args[1] - c.args[0]) ** 2)))]
    run_check("L2", fn, ref_basics.L2, cases, mistakes)
