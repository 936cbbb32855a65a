"""Property-based tests (hypothesis) for every public function of ``helpers``.

For random shapes and values, including the extremes of float64:
- the logit-based cost equals an exact oracle (``decimal`` at 60
  digits, ``fractions`` for the losses);
- gradients equal finite differences computed here, independently of ``gradcheck``;
- results equal the reference formula on good input, and inputs are never changed;
- every kind of bad input (rank-1, NaN, inf, empty, lists, bool/complex/object
  dtypes, bad whole numbers, seeds, names, callbacks, dicts) is refused with a
  ``TypeError`` or ``ValueError`` whose message names the argument, never a bare
  error from inside numpy and never a warning (pytest turns warnings into errors).
"""

import copy
import decimal
import inspect
import math
from fractions import Fraction

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.extra import numpy as hnp  # noqa: E402

from helpers import (activations, cost, data, diagrams, nb02_basics, nb02_logistic,  # noqa: E402
                     nb03_shallow, nb04_deep, nb04_gradcheck, plots, validation)

SETTINGS = settings(max_examples=20, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
FEW = settings(SETTINGS, max_examples=8)

FINITE = st.floats(allow_nan=False, allow_infinity=False)  # the whole float64 range
MODERATE = st.floats(-3, 3)
SIZES = st.integers(1, 4)


def arrays(shape, elements=FINITE):
    return hnp.arrays(np.float64, shape, elements=elements)


def labels(m):
    return hnp.arrays(np.int64, (1, m), elements=st.integers(0, 1))


# ----- an exact oracle for the cost ---------------------------------------------------------

CTX = decimal.Context(prec=60)


def _exact_log1p_exp_neg(a):
    """ln(1 + e^-a) for a >= 0 (a Decimal), to ~60 digits; the series for tiny e^-a."""
    e = CTX.exp(-a)
    if e < decimal.Decimal("1e-30"):
        return e - e * e / 2
    return CTX.ln(1 + e)


def exact_cost(Z, Y):
    """mean(log(1 + e^z) - y z) in decimal arithmetic, as a float."""
    total = decimal.Decimal(0)
    for z, y in zip(Z.ravel().tolist(), Y.ravel().tolist()):
        zd, yd = decimal.Decimal(z), decimal.Decimal(int(y))
        linear = (1 - yd) * zd if z > 0 else -yd * zd
        total += linear + _exact_log1p_exp_neg(abs(zd))
    return float(CTX.divide(total, Z.size))


@SETTINGS
@given(st.data())
def test_cost_from_logits_is_exact_over_the_whole_float64_range(data_):
    m = data_.draw(st.integers(1, 6))
    Z = data_.draw(arrays((1, m), st.one_of(FINITE, MODERATE, st.floats(-800, 800))))
    Y = data_.draw(labels(m))
    got = cost.cross_entropy_from_logits(Z, Y)
    assert math.isclose(got, exact_cost(Z, Y), rel_tol=1e-13, abs_tol=1e-300)


@pytest.mark.parametrize("z, y", [(1e308, 1), (1e308, 0), (-1e308, 1), (-1e308, 0),
                                  (1.7976931348623157e308, 1), (-1.7976931348623157e308, 0),
                                  (6e307, 0), (1e17, 1), (50.0, 1), (-745.0, 0), (0.0, 1)])
def test_cost_docstring_promise_at_the_extremes(z, y):
    Z, Y = np.array([[z, 1.0]]), np.array([[y, 1]])
    assert cost.cross_entropy_from_logits(Z, Y) == pytest.approx(exact_cost(Z, Y), rel=1e-15)


def test_cost_of_many_huge_losses_does_not_overflow():
    Z = np.full((1, 4), 1.7e308)
    assert cost.cross_entropy_from_logits(Z, np.zeros((1, 4))) == pytest.approx(1.7e308)


def test_the_issue_examples_of_the_cost():
    assert cost.cross_entropy_from_logits(np.array([[1e17, 1.0]]), np.array([[1, 1]])) == \
        pytest.approx(math.log1p(math.exp(-1.0)) / 2, rel=1e-15)  # 0.1566...


# ----- finite differences, computed here ----------------------------------------------------

def finite_difference(f, x, eps=1e-6):
    """Central differences of the scalar f() with respect to every entry of the array x."""
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + eps
        plus = f()
        x[i] = old - eps
        minus = f()
        x[i] = old
        g[i] = (plus - minus) / (2 * eps)
    return g


def close(a, b):
    return np.allclose(a, b, rtol=1e-5, atol=1e-7)


@FEW
@given(st.data())
def test_propagate_gradients_equal_finite_differences(data_):
    n, m = data_.draw(SIZES), data_.draw(SIZES)
    w, X = data_.draw(arrays((n, 1), MODERATE)), data_.draw(arrays((n, m), MODERATE))
    b, Y = data_.draw(MODERATE), data_.draw(labels(m))
    grads, cost_ = nb02_logistic.propagate(w, b, X, Y)
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    assert cost_ == pytest.approx(float(-np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))))
    wc = w.copy()
    assert close(grads["dw"], finite_difference(lambda: nb02_logistic.propagate(wc, b, X, Y)[1], wc))
    bb = np.array([b])
    assert close(grads["db"], finite_difference(lambda: nb02_logistic.propagate(w, bb[0], X, Y)[1], bb))


@FEW
@given(st.data(), st.sampled_from(["tanh", "relu", "sigmoid", "leaky_relu"]))
def test_shallow_gradients_equal_finite_differences(data_, activation):
    n_x, n_h, m = data_.draw(SIZES), data_.draw(SIZES), data_.draw(SIZES)
    p = nb03_shallow.initialize_parameters(n_x, n_h, 1, seed=data_.draw(st.integers(0, 99)))
    p = {k: v * 100 + data_.draw(arrays(v.shape, st.floats(-0.5, 0.5))) for k, v in p.items()}
    X, Y = data_.draw(arrays((n_x, m), MODERATE)), data_.draw(labels(m))
    A2, cache = nb03_shallow.forward_propagation(X, p, activation)
    grads = nb03_shallow.backward_propagation(p, cache, X, Y, activation)
    for k in nb03_shallow.KEYS:
        def J():
            return nb03_shallow.compute_cost(nb03_shallow.forward_propagation(X, p, activation)[0], Y)
        numeric = finite_difference(J, p[k])
        # a ReLU kink within eps of a Z makes the difference meaningless there
        if activation in ("relu", "leaky_relu") and np.abs(cache["Z1"]).min() < 1e-4:
            continue
        assert close(grads["d" + k], numeric), k


@FEW
@given(st.data(), st.sampled_from(["tanh", "relu", "sigmoid"]))
def test_deep_gradients_equal_finite_differences(data_, hidden):
    dims = [data_.draw(SIZES) for _ in range(data_.draw(st.integers(2, 4)))] + [1]
    m = data_.draw(SIZES)
    p = nb04_deep.initialize_parameters_deep(dims, seed=data_.draw(st.integers(0, 99)), scale="xavier")
    p = {k: v + data_.draw(arrays(v.shape, st.floats(-0.5, 0.5))) for k, v in p.items()}
    X, Y = data_.draw(arrays((dims[0], m), MODERATE)), data_.draw(labels(m))
    AL, caches = nb04_deep.L_model_forward(X, p, hidden)
    if hidden == "relu" and min(np.abs(c[1]).min() for c in caches) < 1e-4:
        return  # a kink within eps: finite differences are not a derivative there
    grads = nb04_deep.L_model_backward(AL, Y, caches, hidden)
    for k in p:
        numeric = finite_difference(
            lambda: nb04_deep.compute_cost(nb04_deep.L_model_forward(X, p, hidden)[0], Y), p[k])
        assert close(grads["d" + k], numeric), k
    error, _ = nb04_gradcheck.check_deep_gradients(p, X, Y, grads, hidden)
    assert error < 1e-6


@FEW
@given(st.data(), st.sampled_from(sorted(activations.ACTIVATIONS)))
def test_activation_backward_equals_finite_differences(data_, name):
    shape = (data_.draw(SIZES), data_.draw(SIZES))
    Z = data_.draw(arrays(shape, st.floats(-3, 3).filter(lambda z: abs(z) > 1e-3)))
    dA = data_.draw(arrays(shape, MODERATE))
    g, _, backward = (getattr(activations, name), None, getattr(activations, name + "_backward"))
    numeric = (g(Z + 1e-6) - g(Z - 1e-6)) / 2e-6
    assert close(backward(dA, Z), dA * numeric)
    assert close(getattr(activations, name + "_derivative")(Z), numeric)


# ----- good input: the reference formula, nothing changed, no warning ------------------------

@SETTINGS
@given(arrays(st.tuples(SIZES, SIZES)))
def test_basics_equal_their_formulas_at_any_magnitude(x):
    before = x.copy()
    s = nb02_basics.sigmoid_derivative(x)
    assert np.all((s >= 0) & (s <= 0.25))
    y = nb02_basics.normalize_rows(x)
    for row, out in zip(x.tolist(), y):
        norm = CTX.sqrt(sum(decimal.Decimal(v) ** 2 for v in row))
        want = [float(CTX.divide(decimal.Decimal(v), norm)) if norm else 0.0 for v in row]
        assert np.allclose(out, want, rtol=1e-14, atol=1e-15)
    sm = nb02_basics.softmax(x)
    assert np.allclose(sm.sum(axis=1), 1) and np.all(sm >= 0)
    np.testing.assert_array_equal(x, before)


@SETTINGS
@given(st.data())
def test_L1_and_L2_are_exact_or_refuse(data_):
    shape = (data_.draw(SIZES),)
    yhat, y = data_.draw(arrays(shape)), data_.draw(arrays(shape))
    diffs = [Fraction(b) - Fraction(a) for a, b in zip(yhat.tolist(), y.tolist())]
    # float64 rounds an exact sum below max + half an ulp (2**970) to a finite number
    overflow = Fraction(np.finfo(np.float64).max) + Fraction(2) ** 970
    for fn, exact in ((nb02_basics.L1, sum(abs(d) for d in diffs)),
                      (nb02_basics.L2, sum(d * d for d in diffs))):
        if exact >= overflow:
            with pytest.raises(ValueError, match="beyond the range of float64"):
                fn(yhat, y)
        else:
            assert fn(yhat, y) == pytest.approx(float(exact), rel=1e-14, abs=1e-300)


def test_image2vector_returns_a_copy():
    image = np.arange(12.0).reshape(2, 2, 3)
    v = nb02_basics.image2vector(image)
    v[0] = 99
    assert image[0, 0, 0] == 0


@SETTINGS
@given(arrays(st.tuples(SIZES, SIZES), st.one_of(FINITE, MODERATE)))
def test_activations_are_in_range_at_any_magnitude(Z):
    before = Z.copy()
    for name in ("sigmoid", "tanh"):
        A = getattr(activations, name)(Z)
        assert np.all(np.abs(A) <= 1) and A.shape == Z.shape
    np.testing.assert_array_equal(activations.relu(Z), np.maximum(Z, 0))
    np.testing.assert_array_equal(activations.identity(Z), Z)
    assert activations.identity(Z) is not Z
    moderate = np.clip(Z, -30, 30)
    assert np.allclose(activations.sigmoid(moderate), 1 / (1 + np.exp(-moderate)))
    np.testing.assert_array_equal(Z, before)


# The table of public functions: each entry builds valid keyword arguments from random
# draws and says what kind each argument is, so the bad-input test knows how to break it.

def _problem(draw, n=None, m=None):
    n = n or draw(SIZES)
    m = m or draw(st.integers(2, 5))
    return draw(arrays((n, m), MODERATE)), draw(labels(m))


def _shallow_params(draw, n_x, n_h=None):
    return nb03_shallow.initialize_parameters(n_x, n_h or draw(SIZES), 1, seed=draw(st.integers(0, 9)))


def _deep_params(draw, n_x):
    dims = [n_x] + [draw(SIZES) for _ in range(draw(st.integers(1, 3)))] + [1]
    return nb04_deep.initialize_parameters_deep(dims, seed=draw(st.integers(0, 9)), scale="xavier"), dims


def b_logistic(draw):
    X, Y = _problem(draw)
    return dict(w=draw(arrays((X.shape[0], 1), MODERATE)), b=draw(MODERATE), X=X, Y=Y)


def b_shallow_backward(draw):
    X, Y = _problem(draw)
    p = _shallow_params(draw, X.shape[0])
    return dict(parameters=p, cache=nb03_shallow.forward_propagation(X, p)[1], X=X, Y=Y)


def b_deep_backward(draw):
    X, Y = _problem(draw)
    p, _ = _deep_params(draw, X.shape[0])
    AL, caches = nb04_deep.L_model_forward(X, p)
    return dict(AL=AL, Y=Y, caches=caches)


def b_linear(draw):
    A, _ = _problem(draw)
    W = draw(arrays((draw(SIZES), A.shape[0]), MODERATE))
    return dict(A=A, W=W, b=draw(arrays((W.shape[0], 1), MODERATE)))


def b_linear_cache(draw):
    a = b_linear(draw)
    return dict(dZ=draw(arrays((a["W"].shape[0], a["A"].shape[1]), MODERATE)),
                cache=(a["A"], a["W"], a["b"]))


def b_linear_activation_backward(draw):
    a = b_linear(draw)
    A, cache = nb04_deep.linear_activation_forward(a["A"], a["W"], a["b"], "relu")
    return dict(dA=draw(arrays(A.shape, MODERATE)), cache=cache, activation="relu")


def b_grads_update(module, draw):
    X, _ = _problem(draw)
    p = _shallow_params(draw, X.shape[0]) if module is nb03_shallow else _deep_params(draw, X.shape[0])[0]
    grads = {"d" + k: draw(arrays(v.shape, MODERATE)) for k, v in p.items()}
    key = "parameters" if module is nb03_shallow else "params"
    return {key: p, "grads": grads, "learning_rate": draw(st.floats(0.01, 2))}


def b_train(draw, deep_model=None):
    X, Y = _problem(draw)
    kw = dict(X=X, Y=Y, num_iterations=draw(st.integers(0, 3)), learning_rate=0.1,
              print_cost=False, seed=draw(st.integers(0, 5)))
    if deep_model == "two":
        kw.update(layers_dims=[X.shape[0], draw(SIZES), 1], hidden_activation="relu",
                  callback=lambda i, c: None)
    elif deep_model == "L":
        kw.update(layers_dims=[X.shape[0], draw(SIZES), draw(SIZES), 1], hidden_activation="tanh",
                  callback=lambda i, c: None)
    else:
        kw.update(n_h=draw(SIZES), activation="tanh", return_costs=draw(st.booleans()))
    return kw


def b_gradcheck(draw):
    X, Y = _problem(draw)
    p, _ = _deep_params(draw, X.shape[0])
    AL, caches = nb04_deep.L_model_forward(X, p)
    return dict(parameters=p, X=X, Y=Y, grads=nb04_deep.L_model_backward(AL, Y, caches),
                hidden_activation="relu", epsilon=1e-6)


def b_model(draw):
    X, Y = _problem(draw)
    Xt, Yt = _problem(draw, n=X.shape[0])
    return dict(X_train=X, Y_train=Y, X_test=Xt, Y_test=Yt, num_iterations=draw(st.integers(0, 3)),
                learning_rate=0.5, print_cost=False)


def b_points(draw):
    X, Y = _problem(draw, n=2)
    return dict(X=X, Y=Y)


A, LAB, PROB, REAL, POS, WHOLE, SEED, ACT, FLAG, FUNC, PARAMS, DIMS, ANY = (
    "array", "labels", "probs", "real", "positive", "whole", "seed", "activation", "flag",
    "callable", "params", "dims", "any_array")

TABLE = {
    # name: (function, builder(draw) -> kwargs, {argument: kind})
    "activations.sigmoid": (activations.sigmoid, lambda d: dict(Z=d(arrays((2, 3)))), {"Z": ANY}),
    "activations.tanh": (activations.tanh, lambda d: dict(Z=d(arrays((2, 3)))), {"Z": ANY}),
    "activations.relu": (activations.relu, lambda d: dict(Z=d(arrays((2, 3)))), {"Z": ANY}),
    "activations.leaky_relu": (activations.leaky_relu, lambda d: dict(Z=d(arrays((2, 3))), slope=0.01),
                               {"Z": ANY, "slope": REAL}),
    "activations.relu_backward": (activations.relu_backward,
                                  lambda d: dict(dA=d(arrays((2, 3))), Z=d(arrays((2, 3)))),
                                  {"dA": ANY, "Z": ANY}),
    "activations.tanh_backward": (activations.tanh_backward,
                                  lambda d: dict(dA=d(arrays((2, 3))), Z=d(arrays((2, 3)))),
                                  {"dA": ANY, "Z": ANY}),
    "activations.sigmoid_derivative": (activations.sigmoid_derivative,
                                       lambda d: dict(Z=d(arrays((3,)))), {"Z": ANY}),
    "nb02_basics.sigmoid_derivative": (nb02_basics.sigmoid_derivative, lambda d: dict(x=d(arrays((2, 3)))),
                                  {"x": ANY}),
    "nb02_basics.image2vector": (nb02_basics.image2vector, lambda d: dict(image=d(arrays((2, 2, 3)))), {}),
    "nb02_basics.normalize_rows": (nb02_basics.normalize_rows, lambda d: dict(x=d(arrays((2, 3)))), {"x": A}),
    "nb02_basics.softmax": (nb02_basics.softmax, lambda d: dict(x=d(arrays((2, 3)))), {"x": A}),
    "nb02_basics.L1": (nb02_basics.L1, lambda d: dict(yhat=d(arrays((4,), MODERATE)), y=d(arrays((4,), MODERATE))),
                  {"yhat": A, "y": A}),
    "nb02_basics.L2": (nb02_basics.L2, lambda d: dict(yhat=d(arrays((4,), MODERATE)), y=d(arrays((4,), MODERATE))),
                  {"yhat": A, "y": A}),
    "cost.cross_entropy": (cost.cross_entropy,
                           lambda d: (lambda X, Y: dict(A=1 / (1 + np.exp(-X[:1])), Y=Y))(*_problem(d)),
                           {"A": PROB, "Y": LAB}),
    "cost.cross_entropy_from_logits": (cost.cross_entropy_from_logits,
                                       lambda d: (lambda X, Y: dict(Z=X[:1], Y=Y))(*_problem(d)),
                                       {"Z": A, "Y": LAB}),
    "nb02_logistic.sigmoid": (nb02_logistic.sigmoid, lambda d: dict(z=d(arrays((2, 3)))), {"z": ANY}),
    "nb02_logistic.initialize_with_zeros": (nb02_logistic.initialize_with_zeros, lambda d: dict(dim=d(SIZES)),
                                       {"dim": WHOLE}),
    "nb02_logistic.propagate": (nb02_logistic.propagate, b_logistic, {"w": A, "b": REAL, "X": A, "Y": LAB}),
    "nb02_logistic.optimize": (nb02_logistic.optimize,
                          lambda d: dict(b_logistic(d), num_iterations=2, learning_rate=0.1),
                          {"w": A, "b": REAL, "X": A, "Y": LAB, "num_iterations": WHOLE,
                           "learning_rate": POS, "print_cost": FLAG}),
    "nb02_logistic.predict": (nb02_logistic.predict,
                         lambda d: {k: v for k, v in b_logistic(d).items() if k != "Y"},
                         {"w": A, "b": REAL, "X": A}),
    "nb02_logistic.accuracy": (nb02_logistic.accuracy,
                          lambda d: (lambda m: dict(Y_prediction=d(labels(m)), Y=d(labels(m))))(d(SIZES)),
                          {"Y_prediction": LAB, "Y": LAB}),
    "nb02_logistic.model": (nb02_logistic.model, b_model,
                       {"X_train": A, "Y_train": LAB, "X_test": A, "Y_test": LAB,
                        "num_iterations": WHOLE, "learning_rate": POS, "print_cost": FLAG}),
    "nb03_shallow.layer_sizes": (nb03_shallow.layer_sizes,
                            lambda d: (lambda X, Y: dict(X=X, Y=Y, n_h=3))(*_problem(d)),
                            {"X": A, "Y": A, "n_h": WHOLE}),
    "nb03_shallow.initialize_parameters": (nb03_shallow.initialize_parameters,
                                      lambda d: dict(n_x=d(SIZES), n_h=d(SIZES), n_y=1, seed=2),
                                      {"n_x": WHOLE, "n_h": WHOLE, "n_y": WHOLE, "seed": SEED}),
    "nb03_shallow.forward_propagation": (
        nb03_shallow.forward_propagation,
        lambda d: (lambda X, Y: dict(X=X, parameters=_shallow_params(d, X.shape[0]),
                                     activation="tanh"))(*_problem(d)),
        {"X": A, "parameters": PARAMS, "activation": ACT}),
    "nb03_shallow.compute_cost": (nb03_shallow.compute_cost,
                             lambda d: (lambda X, Y: dict(A2=1 / (1 + np.exp(-X[:1])), Y=Y))(*_problem(d)),
                             {"A2": PROB, "Y": LAB}),
    "nb03_shallow.backward_propagation": (nb03_shallow.backward_propagation, b_shallow_backward,
                                     {"parameters": PARAMS, "X": A, "Y": LAB}),
    "nb03_shallow.update_parameters": (nb03_shallow.update_parameters, lambda d: b_grads_update(nb03_shallow, d),
                                  {"parameters": PARAMS, "grads": PARAMS, "learning_rate": POS}),
    "nb03_shallow.nn_model": (nb03_shallow.nn_model, b_train,
                         {"X": A, "Y": LAB, "n_h": WHOLE, "num_iterations": WHOLE,
                          "learning_rate": POS, "print_cost": FLAG, "activation": ACT, "seed": SEED,
                          "return_costs": FLAG}),
    "nb03_shallow.predict": (nb03_shallow.predict,
                        lambda d: (lambda X, Y: dict(parameters=_shallow_params(d, X.shape[0]),
                                                     X=X))(*_problem(d)),
                        {"parameters": PARAMS, "X": A}),
    "nb04_deep.initialize_parameters_deep": (nb04_deep.initialize_parameters_deep,
                                        lambda d: dict(layer_dims=[d(SIZES), d(SIZES), 1], seed=3,
                                                       scale=0.01),
                                        {"layer_dims": DIMS, "seed": SEED, "scale": POS}),
    "nb04_deep.linear_forward": (nb04_deep.linear_forward, b_linear, {"A": A, "W": A, "b": A}),
    "nb04_deep.linear_activation_forward": (
        nb04_deep.linear_activation_forward,
        lambda d: (lambda a: dict(A_prev=a["A"], W=a["W"], b=a["b"], activation="relu"))(b_linear(d)),
        {"A_prev": A, "W": A, "b": A, "activation": ACT}),
    "nb04_deep.L_model_forward": (
        nb04_deep.L_model_forward,
        lambda d: (lambda X, Y: dict(X=X, parameters=_deep_params(d, X.shape[0])[0],
                                     hidden_activation="relu"))(*_problem(d)),
        {"X": A, "parameters": PARAMS, "hidden_activation": ACT}),
    "nb04_deep.compute_cost": (nb04_deep.compute_cost,
                          lambda d: (lambda X, Y: dict(AL=1 / (1 + np.exp(-X[:1])), Y=Y))(*_problem(d)),
                          {"AL": PROB, "Y": LAB}),
    "nb04_deep.linear_backward": (nb04_deep.linear_backward, b_linear_cache, {"dZ": A}),
    "nb04_deep.linear_activation_backward": (nb04_deep.linear_activation_backward, b_linear_activation_backward,
                                        {"dA": A, "activation": ACT}),
    "nb04_deep.L_model_backward": (nb04_deep.L_model_backward, b_deep_backward,
                              {"AL": PROB, "Y": LAB, "hidden_activation": ACT}),
    "nb04_deep.update_parameters": (nb04_deep.update_parameters, lambda d: b_grads_update(nb04_deep, d),
                               {"params": PARAMS, "grads": PARAMS, "learning_rate": POS}),
    "nb04_deep.two_layer_model": (nb04_deep.two_layer_model, lambda d: b_train(d, "two"),
                             {"X": A, "Y": LAB, "layers_dims": DIMS, "learning_rate": POS,
                              "num_iterations": WHOLE, "print_cost": FLAG, "hidden_activation": ACT,
                              "seed": SEED, "callback": FUNC}),
    "nb04_deep.L_layer_model": (nb04_deep.L_layer_model, lambda d: b_train(d, "L"),
                           {"X": A, "Y": LAB, "layers_dims": DIMS, "learning_rate": POS,
                            "num_iterations": WHOLE, "seed": SEED, "callback": FUNC,
                            "hidden_activation": ACT}),
    "nb04_deep.predict": (nb04_deep.predict,
                     lambda d: (lambda X, Y: dict(X=X, parameters=_deep_params(d, X.shape[0])[0]))(
                         *_problem(d)),
                     {"X": A, "parameters": PARAMS}),
    "nb04_gradcheck.numerical_gradient": (
        nb04_gradcheck.numerical_gradient,
        lambda d: dict(f=lambda p: float(np.sum(p["w"] ** 2)), arrays={"w": d(arrays((2, 2), MODERATE))},
                       epsilon=1e-6),
        {"f": FUNC, "arrays": PARAMS, "epsilon": POS}),
    "nb04_gradcheck.relative_error": (
        nb04_gradcheck.relative_error,
        lambda d: dict(a={"dW1": d(arrays((2, 3), MODERATE))}, b={"dW1": d(arrays((2, 3), MODERATE))}),
        {"a": PARAMS, "b": PARAMS}),
    "nb04_gradcheck.check_deep_gradients": (nb04_gradcheck.check_deep_gradients, b_gradcheck,
                                       {"parameters": PARAMS, "X": A, "Y": LAB, "grads": PARAMS,
                                        "hidden_activation": ACT, "epsilon": POS}),
    "data.load_planar_dataset": (data.load_planar_dataset,
                                 lambda d: dict(seed=d(st.integers(0, 9)), m=d(st.integers(2, 30)),
                                                petals=d(st.floats(0.5, 6))),
                                 {"seed": SEED, "m": WHOLE, "petals": POS}),
    "data.load_extra_datasets": (data.load_extra_datasets,
                                 lambda d: dict(seed=d(st.integers(0, 9)), m=d(st.integers(2, 30))),
                                 {"seed": SEED, "m": WHOLE}),
    "plots.plot_costs": (plots.plot_costs, lambda d: dict(costs=[0.7, 0.5, 0.4], every=100),
                         {"costs": ANY, "every": WHOLE}),
    "plots.decision_grid": (plots.decision_grid, lambda d: dict(X=_problem(d, n=2)[0], points=20),
                            {"X": A, "points": WHOLE, "margin": POS}),
    "plots.plot_points": (plots.plot_points, b_points, {"X": A, "Y": LAB}),
    "plots.plot_decision_boundary": (
        plots.plot_decision_boundary,
        lambda d: dict(b_points(d), predict=lambda g: (g[:1] > 0).astype(float), step=0.5),
        {"X": A, "Y": LAB, "predict": FUNC, "step": POS}),
    "plots.plot_network": (plots.plot_network, lambda d: dict(layer_sizes=[d(SIZES), d(SIZES), 1]),
                           {"layer_sizes": DIMS, "max_units": WHOLE}),
    "plots.plot_activations": (plots.plot_activations, lambda d: dict(z=d(arrays((5,), MODERATE))),
                               {"z": A}),
    "plots.plot_images": (plots.plot_images, lambda d: dict(images=d(arrays((2, 3, 3), st.floats(0, 1))),
                                                            ncols=2),
                          {"ncols": WHOLE}),
    "diagrams.computation_graph": (diagrams.computation_graph, lambda d: dict(a=1.0, b=2.0, c=3.0),
                                   {"a": REAL, "b": REAL, "c": REAL}),
    "diagrams.building_blocks": (diagrams.building_blocks,
                                 lambda d: dict(layer_dims=[d(SIZES), d(SIZES), 1]),
                                 {"layer_dims": DIMS}),
    "diagrams.two_layer_pass": (diagrams.two_layer_pass,
                                lambda d: dict(n_x=d(SIZES), n_h=d(SIZES), m=d(SIZES)),
                                {"n_x": WHOLE, "n_h": WHOLE, "m": WHOLE}),
}


def _valid(draw, key):
    fn, build, kinds = TABLE[key]
    return fn, build(draw), kinds


def _call(fn, kwargs):
    try:
        return fn(**kwargs)
    finally:
        plt.close("all")


def _equal(a, b):
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.dtype == b.dtype and np.array_equal(a, b)
    return a is b or a == b or callable(a)


@pytest.mark.parametrize("key", sorted(TABLE))
@FEW
@given(data_=st.data())
def test_good_input_is_left_unchanged_and_gives_finite_results(key, data_):
    fn, kwargs, _ = _valid(data_.draw, key)
    before = copy.deepcopy(kwargs)
    out = _call(fn, kwargs)
    for k in kwargs:
        assert _equal(kwargs[k], before[k]), f"{key} changed its argument {k}"
    for leaf in _leaves(out):
        if isinstance(leaf, np.ndarray) and leaf.dtype.kind == "f":
            assert np.isfinite(leaf).all(), f"{key} returned a non-finite value"
        elif isinstance(leaf, float):
            assert math.isfinite(leaf), f"{key} returned {leaf}"


def _leaves(x):
    if isinstance(x, dict):
        for v in x.values():
            yield from _leaves(v)
    elif isinstance(x, (list, tuple)):
        for v in x:
            yield from _leaves(v)
    else:
        yield x


# ----- bad input: every kind refused, naming the argument -----------------------------------

def _array_breakers(x, *, empty=True, finite=True):
    out = {"list": x.tolist(), "bool dtype": x.astype(bool), "complex dtype": x.astype(complex),
           "object dtype": x.astype(object), "string": "abc", "None": None, "number 3": 3.0,
           "rank+1": x[..., None]}
    if x.ndim == 2:
        out["rank-1"] = x.ravel()
    if finite:
        for label, value in (("NaN", np.nan), ("inf", np.inf), ("-inf", -np.inf)):
            bad = x.astype(np.float64).copy()
            bad.flat[bad.size // 2] = value
            out[label] = bad
    if empty:
        out["empty"] = x[..., :0]
    return out


BREAKERS = {
    A: lambda x: _array_breakers(x),
    ANY: lambda x: {k: v for k, v in _array_breakers(x, empty=False).items()
                    if k not in ("number 3", "rank+1", "rank-1") and not (
                        k == "list" and not isinstance(x, np.ndarray))}
    if isinstance(x, np.ndarray) else {"string": "abc", "None": None, "list of str": ["a"]},
    LAB: lambda x: {**_array_breakers(x), "value 2": np.where(np.arange(x.size).reshape(x.shape) == 0, 2, x),
                    "value 0.5": np.full(x.shape, 0.5), "one column short": x[:, 1:]},
    PROB: lambda x: {**_array_breakers(x), "value 1.5": np.full(x.shape, 1.5),
                     "value -0.1": np.full(x.shape, -0.1), "one column short": x[:, 1:]},
    REAL: lambda x: {"NaN": np.nan, "inf": np.inf, "string": "1", "None": None, "list": [1.0],
                     "complex": 1j, "bool": True, "array of 2": np.ones(2)},
    POS: lambda x: {"NaN": np.nan, "inf": np.inf, "string": "1", "None": None, "negative": -1.0,
                    "zero": 0.0, "bool": True, "list": [0.1]},
    WHOLE: lambda x: {"NaN": np.nan, "inf": np.inf, "negative": -1, "float": 2.5, "float 2.0": 2.0,
                      "string": "10", "None": None, "bool": True, "huge": 10 ** 30},
    SEED: lambda x: {"string": "abc", "negative": -1, "float": 1.5, "None": None, "bool": True,
                     "list": [1]},
    ACT: lambda x: {"unknown": "softmax", "None": None, "number": 3, "list": ["relu"],
                    "capitals": "RELU"},
    FLAG: lambda x: {"string": "yes", "None": None, "number 2": 2, "float": 0.5},
    FUNC: lambda x: {"number": 5, "string": "f", "list": [print]},
    DIMS: lambda x: {"NaN entry": [x[0], np.nan, 1], "zero entry": [x[0], 0, 1],
                     "float entry": [x[0], 2.5, 1], "string entry": [x[0], "3", 1], "empty": [],
                     "one size": [x[0]], "dict": {"a": 1}, "string": "4,3,1", "None": None,
                     "negative": [x[0], -3, 1], "huge": [x[0], 10 ** 9, 1]},
}


def _dict_breakers(d):
    k = next(iter(d))
    v = d[k]
    out = {"list": list(d.values()), "None": None, "empty": {}, f"missing {k}": {
        kk: vv for kk, vv in d.items() if kk != k}}
    if k.lower() != k:
        out[f"lower-case {k}"] = {(kk.lower() if kk == k else kk): vv for kk, vv in d.items()}
    if isinstance(v, np.ndarray):
        out.update({f"{k} {label}": {**d, k: bad} for label, bad in _array_breakers(v).items()
                    if label not in ("rank+1",) and not (label == "empty" and v.ndim < 1)})
    return out, k


BREAKERS[PARAMS] = None  # built from the dict itself, see below
LABEL_ARGS = {"Y", "Y_train", "Y_test", "Y_prediction"}  # 0/1 labels, where booleans are fine


def _breaks(kind, value):
    """{label: (bad value, the name the message must contain or None for the argument's)}."""
    if kind == PARAMS:
        table, key = _dict_breakers(value)
        return {label: (bad, key if label.startswith(key) or label.startswith("missing")
                        or label.startswith("lower") else None) for label, bad in table.items()}
    return {label: (bad, None) for label, bad in BREAKERS[kind](value).items()}


def _special_cases(fn, key, arg, label):
    """Breakages that are right for a particular function, so not a refusal."""
    default = inspect.signature(fn).parameters[arg].default
    if label == "None" and default is None:
        return True  # None means "the default" here
    if key == "nb04_gradcheck.numerical_gradient" and label.endswith("rank-1"):
        return True  # its arrays may have any shape
    if label == "bool dtype" and arg in LABEL_ARGS:
        return True  # booleans are labels (True = 1): `Y = scores > 0.5` is the usual way
    return key == "plots.plot_network" and label == "one size"  # a diagram of one layer is fine


@pytest.mark.parametrize("key", sorted(k for k in TABLE if TABLE[k][2]))
@settings(SETTINGS, max_examples=25)
@given(data_=st.data())
def test_bad_input_is_refused_naming_the_argument(key, data_):
    fn, kwargs, kinds = _valid(data_.draw, key)
    arg = data_.draw(st.sampled_from(sorted(a for a in kinds if a in kwargs or kinds[a] in (
        WHOLE, FLAG, POS, REAL, ACT, SEED, FUNC))), label="argument")
    value = kwargs.get(arg, {WHOLE: 1, FLAG: False, POS: 1.0, REAL: 1.0, ACT: "relu", SEED: 1,
                             FUNC: print}.get(kinds[arg]))
    breaks = _breaks(kinds[arg], value)
    label = data_.draw(st.sampled_from(sorted(breaks)), label="breakage")
    bad, must_name = breaks[label]
    if _special_cases(fn, key, arg, label):
        return
    if key == "plots.decision_grid" and arg == "margin" and label == "zero":
        return  # margin 0 is fine when the points spread
    with pytest.raises((TypeError, ValueError)) as err:
        _call(fn, {**kwargs, arg: bad})
    assert type(err.value).__module__ != "numpy", f"a bare numpy error: {err.value}"
    message = str(err.value)
    assert arg in message or (must_name and must_name in message), \
        f"{key}({arg}={label}): {message!r} does not name it"


# ----- specific silent-wrong cases from issue 18 --------------------------------------------

@FEW
@given(st.data())
def test_generators_return_exactly_m_points(data_):
    m = data_.draw(st.integers(2, 41))
    X, Y = data.load_planar_dataset(m=m, seed=data_.draw(st.integers(0, 5)))
    assert X.shape == (2, m) and Y.shape == (1, m) and set(np.unique(Y)) == {0, 1}
    for X, Y in data.load_extra_datasets(m=m).values():
        assert X.shape == (2, m) and Y.shape == (1, m)


def test_even_m_keeps_the_shipped_flower():
    X, Y = data.load_planar_dataset()
    assert X.shape == (2, 400) and (Y == 0).sum() == 200


@SETTINGS
@given(st.floats(255.5, 1e308) | st.floats(-1e308, -0.5) | st.just(np.nan))
def test_prepare_digit_image_refuses_values_outside_0_255(value):
    image = np.zeros((30, 30))
    image[10:20, 12:18] = value
    with pytest.raises(ValueError, match="source"):
        data.prepare_digit_image(image)


@SETTINGS
@given(st.integers(1, 4), st.integers(2, 4))
def test_relative_error_refuses_transposed_and_nonfinite(n, m):
    a = np.arange(n * m, dtype=float).reshape(n, m) + 1
    if n != m:
        with pytest.raises(ValueError, match="same shape"):
            nb04_gradcheck.relative_error(a, a.T)
        with pytest.raises(ValueError, match="same shape"):
            nb04_gradcheck.relative_error({"dW1": a}, {"dW1": a.T})
    for bad in (np.nan, np.inf):
        b = a.copy()
        b[0, 0] = bad
        with pytest.raises(ValueError, match="NaN or infinite"):
            nb04_gradcheck.relative_error(a, b)


@SETTINGS
@given(st.floats(0, 1).filter(lambda v: v not in (0, 1)) | st.integers(2, 9) | st.just(np.nan))
def test_accuracy_refuses_what_is_not_a_label(value):
    Y = np.array([[1, 0, 1]])
    bad = Y.astype(float)
    bad[0, 1] = value
    with pytest.raises(ValueError, match="Y_prediction"):
        nb02_logistic.accuracy(bad, Y)


def test_accuracy_refuses_mismatched_shapes_naming_both():
    with pytest.raises(ValueError, match="Y_prediction"):
        nb02_logistic.accuracy(np.array([[1, 0, 1]]).T, np.array([[1, 1, 1]]))
    with pytest.raises(ValueError, match=r"Y has 2 columns .* but Y_prediction has 3"):
        nb02_logistic.accuracy(np.array([[1, 0, 1]]), np.array([[1, 1]]))


def test_deep_caches_that_do_not_belong_together_are_refused(rng):
    X, Y = rng.standard_normal((4, 6)), (rng.random((1, 6)) > 0.5).astype(int)
    p = nb04_deep.initialize_parameters_deep([4, 3, 5, 1], seed=1)
    AL, caches = nb04_deep.L_model_forward(X, p)
    for bad, text in ((caches[:-1], "output layer has 1 unit"),
                      (caches + caches[-1:], "A_prev"), (caches[::-1], "caches")):
        with pytest.raises((TypeError, ValueError), match=text):
            nb04_deep.L_model_backward(AL, Y, bad)
    with pytest.raises(ValueError, match="hidden_activation='tanh'"):
        nb04_deep.L_model_backward(AL, Y, caches, hidden_activation="tanh")
    two_units = nb04_deep.initialize_parameters_deep([4, 3, 2], seed=1)
    with pytest.raises(ValueError, match=r"W2 has 2 rows but the output layer has 1 unit"):
        nb04_deep.L_model_forward(X, two_units)


def test_shallow_cache_with_impossible_values_is_refused(rng):
    X, Y = rng.standard_normal((3, 5)), (rng.random((1, 5)) > 0.5).astype(int)
    p = nb03_shallow.initialize_parameters(3, 4, 1)
    _, cache = nb03_shallow.forward_propagation(X, p)
    for key, value, text in (("A2", np.full((1, 5), 1.5), "probabilities"),
                             ("Z2", np.zeros((1, 4)), r'cache\["Z2"\] has 4 columns'),
                             ("A2", cache["A2"] * 0.5, r'is not sigmoid\(cache\["Z2"\]\)'),
                             ("A1", cache["A1"] + 0.1, r"tanh")):
        with pytest.raises(ValueError, match=text):
            nb03_shallow.backward_propagation(p, {**cache, key: value}, X, Y)
    with pytest.raises(ValueError, match=r"activation='relu'"):
        nb03_shallow.backward_propagation(p, cache, X, Y, activation="relu")


def test_gradient_check_works_from_the_logits_when_the_output_saturates():
    """AL = 0.9999998 on a correct ReLU network: log(1 - AL) would lose ~9 digits."""
    rng = np.random.default_rng(4)
    X, Y = rng.standard_normal((3, 5)), np.array([[1, 1, 0, 1, 1]])
    p = nb04_deep.initialize_parameters_deep([3, 4, 1], seed=2, scale="xavier")
    p["b1"] = rng.uniform(0.5, 1.0, (4, 1))
    p["b2"] = np.array([[15.0]])
    AL, caches = nb04_deep.L_model_forward(X, p)
    assert AL.max() > 0.9999997
    error, _ = nb04_gradcheck.check_deep_gradients(p, X, Y, nb04_deep.L_model_backward(AL, Y, caches))
    assert error < 1e-7


def test_training_costs_come_from_the_logits():
    """A confidently wrong start: the exact cost keeps growing past the 708 of clipped A."""
    X, Y = np.array([[1000.0, -1000.0]]), np.array([[0, 1]])
    _, _, costs = nb02_logistic.optimize(np.array([[2.0]]), 0.0, X, Y, num_iterations=1,
                                    learning_rate=1e-9)
    assert costs[0] == pytest.approx(2000.0)


@SETTINGS
@given(st.one_of(st.none(), st.booleans(), st.text(max_size=3), st.floats(), st.integers(),
                 st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=2),
                                                                     st.integers(), max_size=2)))
def test_validators_refuse_any_junk_with_a_typed_error(junk):
    for check in (lambda v: validation.check_array(v, "x", "(n, m)", (None, None)),
                  lambda v: validation.check_scalar(v, "x", integer=True, minimum=1),
                  lambda v: validation.check_scalar(v, "x", positive=True),
                  lambda v: validation.check_seed(v),
                  lambda v: validation.check_choice(v, "x", {"a", "b"}),
                  lambda v: validation.check_flag(v, "x"),
                  lambda v: validation.check_labels(v),
                  lambda v: validation.check_dict_keys(v, ["W1"], "x")):
        try:
            check(junk)
        except (TypeError, ValueError) as exc:
            assert "x" in str(exc) or "Y" in str(exc) or "seed" in str(exc)


@SETTINGS
@given(st.integers(1, 5), st.integers(1, 5))
def test_a_transposed_X_is_blamed_not_the_weights(n_x, m):
    if n_x == m:
        return
    X = np.ones((n_x, m))
    w, ps = np.zeros((n_x, 1)), nb03_shallow.initialize_parameters(n_x, 3, 1)
    pd = nb04_deep.initialize_parameters_deep(np.array([n_x, 3, 1]))  # an int array of sizes is fine
    for call in (lambda: nb02_logistic.propagate(w, 0.0, X.T, np.ones((1, n_x))),
                 lambda: nb02_logistic.predict(w, 0.0, X.T),
                 lambda: nb03_shallow.forward_propagation(X.T, ps),
                 lambda: nb03_shallow.predict(ps, X.T),
                 lambda: nb04_deep.L_model_forward(X.T, pd),
                 lambda: nb04_deep.predict(X.T, pd)):
        with pytest.raises(ValueError, match=r"^X has .* did you mean X\.T\?"):
            call()


def test_two_arguments_that_disagree_are_both_named():
    X, Y = np.ones((3, 5)), np.array([[0, 1, 0, 1]])
    with pytest.raises(ValueError, match=r"Y has 4 columns \(examples\) but X has 5 columns"):
        nb02_logistic.propagate(np.zeros((3, 1)), 0.0, X, Y)
    p = nb03_shallow.initialize_parameters(3, 4, 1)
    _, cache = nb03_shallow.forward_propagation(X, p)
    with pytest.raises(ValueError, match=r"Y has 4 columns \(examples\) but X has 5 columns"):
        nb03_shallow.backward_propagation(p, cache, X, Y)
    with pytest.raises(ValueError, match=r"layers_dims\[0\] is 4 but X has 3 rows"):
        nb04_deep.L_layer_model(X, np.ones((1, 5)), [4, 2, 1], num_iterations=1)
    with pytest.raises(ValueError, match=r"X_test has 2 rows \(features\) but X_train has 3 rows"):
        nb02_logistic.model(X, np.ones((1, 5)), np.ones((2, 5)), np.ones((1, 5)), num_iterations=1)
