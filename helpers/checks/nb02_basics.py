"""Checks for notebook 02, section 13: the numpy warm-up (``helpers.nb02_basics``).

Cases use the course's own inputs where it has them (``x = np.array([1, 2, 3])``,
rank-1 ``yhat`` and ``y`` for the losses) besides random ones of other sizes.
"""

import numpy as np

from .. import activations
from .. import nb02_basics as ref_basics
from .core import Case, Mistake, graded, run_check

REF = {name: getattr(ref_basics, name) for name in
       ("sigmoid_derivative", "image2vector", "normalize_rows", "softmax", "L1", "L2")}


def _sig(z):
    return activations.sigmoid(z)


@graded
def check_sigmoid_derivative(fn):
    rng = np.random.default_rng(21)
    cases = [Case("the course's x = np.array([1, 2, 3])", np.array([1, 2, 3])),
             Case("a (3, 4) array", rng.standard_normal((3, 4)) * 3),
             Case("x = [[0.]]", np.array([[0.0]]))]
    mistakes = [Mistake("that is the sigmoid itself; its slope is s * (1 - s) with s = sigmoid(x).",
                        lambda c: _sig(c.args[0])),
                Mistake("use s * (1 - s), where s = sigmoid(x), not x * (1 - x).",
                        lambda c: c.args[0] * (1 - c.args[0])),
                Mistake("a sign slip: the slope is s * (1 - s), not s * (s - 1); it is never negative.",
                        lambda c: -_sig(c.args[0]) * (1 - _sig(c.args[0])))]
    run_check("sigmoid_derivative", fn, REF["sigmoid_derivative"], cases, mistakes, outputs="ds",
              forbidden=[activations.sigmoid_derivative])


@graded
def check_image2vector(fn):
    rng = np.random.default_rng(22)
    cases = [Case("a (3, 3, 2) image, as in the course", rng.random((3, 3, 2))),
             Case("a (28, 28, 1) image", rng.random((28, 28, 1))),
             Case("a (4, 5, 3) image", rng.random((4, 5, 3)))]
    mistakes = [Mistake("reshape to (length * height * depth, 1): a column, not a row.",
                        lambda c: c.args[0].reshape(1, -1)),
                Mistake("keep numpy's default (C) order: image.reshape(-1, 1). Transposing first "
                        "or order='F' scrambles the pixels.",
                        lambda c: c.args[0].reshape(-1, 1, order="F"))]

    def hard_coded(ctx):
        if "cannot reshape" in ctx.message:
            return ("read the sizes from the image: image.shape[0] * image.shape[1] * "
                    "image.shape[2] (or -1), not fixed numbers.")
        return None

    run_check("image2vector", fn, REF["image2vector"], cases, mistakes, outputs="v",
              exception_rules=[hard_coded])


@graded
def check_normalize_rows(fn):
    rng = np.random.default_rng(23)
    cases = [Case("the course's x = [[0., 3., 4.], [1., 6., 4.]]",
                  np.array([[0.0, 3.0, 4.0], [1.0, 6.0, 4.0]])),
             Case("a (5, 3) array", rng.standard_normal((5, 3))),
             Case("a (1, 7) array", rng.standard_normal((1, 7))),
             Case("a (3, 3) array", rng.standard_normal((3, 3)))]
    mistakes = [Mistake("divide each row by its own length: np.linalg.norm(x, axis=1, "
                        "keepdims=True) has shape (n, 1).",
                        lambda c: c.args[0] / np.linalg.norm(c.args[0], axis=0, keepdims=True)),
                Mistake("that divides by the length of the whole matrix; use axis=1 and "
                        "keepdims=True for one length per row.",
                        lambda c: c.args[0] / np.linalg.norm(c.args[0])),
                Mistake("np.linalg.norm(x, axis=1) without keepdims=True divides the columns, not "
                        "the rows: add keepdims=True.",
                        lambda c: c.args[0] / np.linalg.norm(c.args[0], axis=1)),
                Mistake("the length is the square root of the sum of squares: np.linalg.norm, or "
                        "np.sqrt(np.sum(x**2, axis=1, keepdims=True)).",
                        lambda c: c.args[0] / np.sum(c.args[0] ** 2, axis=1, keepdims=True))]
    run_check("normalize_rows", fn, REF["normalize_rows"], cases, mistakes, outputs="x")


@graded
def check_softmax(fn):
    rng = np.random.default_rng(24)
    cases = [Case("the course's x = [[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]]",
                  np.array([[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]])),
             Case("a (4, 3) array", rng.standard_normal((4, 3)) * 3),
             Case("a (1, 6) array", rng.standard_normal((1, 6))),
             Case("a (3, 3) array", rng.standard_normal((3, 3)))]

    def over(axis):
        def model(c):
            e = np.exp(c.args[0])
            return e / (e.sum(axis=axis, keepdims=True) if axis is not None else e.sum())
        return model

    mistakes = [Mistake("each row must sum to 1: sum over axis=1 with keepdims=True.", over(0)),
                Mistake("divide each row by its own sum (axis=1, keepdims=True), not by the sum "
                        "of the whole matrix.", over(None)),
                Mistake("softmax takes np.exp first: s = np.exp(x) / np.sum(np.exp(x), axis=1, "
                        "keepdims=True).",
                        lambda c: c.args[0] / c.args[0].sum(axis=1, keepdims=True)),
                Mistake("np.sum(x_exp, axis=1) without keepdims=True divides the columns, not the "
                        "rows: add keepdims=True.",
                        lambda c: np.exp(c.args[0]) / np.exp(c.args[0]).sum(axis=1))]
    run_check("softmax", fn, REF["softmax"], cases, mistakes, outputs="s")


def _loss_cases(seed):
    rng = np.random.default_rng(seed)
    return [Case("the course's yhat = [.9, .2, .1, .4, .9], y = [1, 0, 0, 1, 1]",
                 np.array([0.9, 0.2, 0.1, 0.4, 0.9]), np.array([1, 0, 0, 1, 1])),
            Case("random rank-1 vectors of 8", *rng.random((2, 8))),
            Case("random rank-1 vectors of 3", *rng.random((2, 3)))]


def _diff(c):
    return c.args[1] - c.args[0]


@graded
def check_L1(fn):
    mistakes = [Mistake("L1 adds up |y - yhat|: take the absolute value before summing.",
                        lambda c: float(np.sum(_diff(c)))),
                Mistake("the loss is a sum over the entries: np.sum, not np.mean.",
                        lambda c: float(np.mean(np.abs(_diff(c))))),
                Mistake("that is L2 (squares); L1 sums the absolute values: np.sum(np.abs(y - yhat)).",
                        lambda c: float(np.sum(_diff(c) ** 2)))]
    run_check("L1", fn, REF["L1"], _loss_cases(25), mistakes, outputs="loss")


@graded
def check_L2(fn):
    mistakes = [Mistake("L2 is the sum of squares, without a square root.",
                        lambda c: float(np.linalg.norm(_diff(c)))),
                Mistake("square the differences: np.sum((y - yhat) ** 2), or np.dot(d, d).",
                        lambda c: float(np.sum(np.abs(_diff(c))))),
                Mistake("the loss is a sum over the entries: np.sum, not np.mean.",
                        lambda c: float(np.mean(_diff(c) ** 2))),
                Mistake("np.dot(d, d) of a rank-1 d is already the sum of squares; the result is "
                        "one number.", lambda c: _diff(c) ** 2)]
    run_check("L2", fn, REF["L2"], _loss_cases(26), mistakes, outputs="loss")
