"""helpers.nb04_deep and helpers.nb04_gradcheck: finite differences, shapes, messages, purity, training."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import data, nb04_deep
from helpers.activations import ACTIVATIONS
from helpers.nb04_gradcheck import check_deep_gradients, numerical_gradient, relative_error
from helpers.validation import TrainingDiverged


def _problem(rng, dims=(4, 5, 3, 1), m=6):
    X = rng.standard_normal((dims[0], m))
    Y = (rng.random((1, m)) > 0.5).astype(float)
    p = nb04_deep.initialize_parameters_deep(list(dims), seed=rng, scale=1.0)
    for l in range(1, len(dims)):
        p[f"b{l}"] = rng.standard_normal(p[f"b{l}"].shape)
    return X, Y, p


def test_numerical_gradient_on_a_known_function(rng):
    x = rng.standard_normal((3, 2))
    g = numerical_gradient(lambda p: float(np.sum(p["x"] ** 3)), {"x": x})["dx"]
    np.testing.assert_allclose(g, 3 * x ** 2, rtol=1e-6)
    assert relative_error(g, g) == 0.0
    assert relative_error(np.array([1.0, 0]), np.array([0, 1.0])) == pytest.approx(np.sqrt(2) / 2)


def test_computation_graph_by_hand():
    # J = 3(a + bc) at a=5, b=3, c=2: u = 6, v = 11, J = 33; dJ/da = 3, dJ/db = 3c = 6, dJ/dc = 3b = 9
    f = lambda p: float(3 * (p["a"] + p["b"] * p["c"]).item())  # noqa: E731
    point = {"a": np.array([5.0]), "b": np.array([3.0]), "c": np.array([2.0])}
    assert f(point) == 33
    g = numerical_gradient(f, point, epsilon=1e-5)
    assert [round(g[k].item(), 6) for k in ("da", "db", "dc")] == [3.0, 6.0, 9.0]


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_L_model_backward_matches_finite_differences(activation, rng):
    X, Y, p = _problem(rng)
    AL, caches = nb04_deep.L_model_forward(X, p, activation)
    grads = nb04_deep.L_model_backward(AL, Y, caches, activation)
    error, _ = check_deep_gradients(p, X, Y, grads, activation)
    assert error < 1e-7


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_linear_activation_backward_matches_finite_differences(activation, rng):
    A_prev, W, b = rng.standard_normal((3, 5)), rng.standard_normal((2, 3)), rng.standard_normal((2, 1))
    dA = rng.standard_normal((2, 5))
    _, cache = nb04_deep.linear_activation_forward(A_prev, W, b, activation)
    dA_prev, dW, db = nb04_deep.linear_activation_backward(dA, cache, activation)

    def J(q):  # sum(dA * A) has gradient dA with respect to A
        return float(np.sum(dA * nb04_deep.linear_activation_forward(q["A_prev"], q["W"], q["b"], activation)[0]))

    num = numerical_gradient(J, {"A_prev": A_prev, "W": W, "b": b})
    m = A_prev.shape[1]  # dW and db carry the course's 1/m; dA_prev does not
    assert relative_error({"dA_prev": dA_prev, "dW": dW * m, "db": db * m}, num) < 1e-7


def test_linear_backward_matches_finite_differences(rng):
    A_prev, W, b = rng.standard_normal((4, 3)), rng.standard_normal((2, 4)), rng.standard_normal((2, 1))
    dZ = rng.standard_normal((2, 3))
    Z, cache = nb04_deep.linear_forward(A_prev, W, b)
    assert cache[0] is A_prev and cache[1] is W and cache[2] is b
    dA_prev, dW, db = nb04_deep.linear_backward(dZ, cache)
    # linear_backward uses the course's 1/m convention: dW is the gradient of sum(dZ*Z)/m
    m = A_prev.shape[1]
    num = numerical_gradient(lambda q: float(np.sum(dZ * nb04_deep.linear_forward(q["A"], q["W"], q["b"])[0])),
                             {"A": A_prev, "W": W, "b": b})
    np.testing.assert_allclose(dA_prev, num["dA"], rtol=1e-6)
    np.testing.assert_allclose(dW, num["dW"] / m, rtol=1e-6)
    np.testing.assert_allclose(db, num["db"] / m, rtol=1e-6)


def test_course_dimensions_example():
    dims = [2, 3, 5, 4, 2, 1]
    p = nb04_deep.initialize_parameters_deep(dims)
    for l in range(1, 6):
        assert p[f"W{l}"].shape == (dims[l], dims[l - 1]) and p[f"b{l}"].shape == (dims[l], 1)
    X = np.ones((2, 7))
    AL, caches = nb04_deep.L_model_forward(X, p)
    assert AL.shape == (1, 7) and len(caches) == 5
    grads = nb04_deep.L_model_backward(AL, np.ones((1, 7)), caches)
    assert sorted(grads) == sorted([f"d{c}{l}" for l in range(1, 6) for c in "Wb"]
                                   + [f"dA{l}" for l in range(0, 5)])
    assert grads["dA0"].shape == (2, 7)
    # training's backward pass (the equations, need_dA0=False) leaves dA0 out, and only it
    lean = nb04_deep.model_backward(AL, np.ones((1, 7)), caches, need_dA0=False)
    assert sorted(lean) == sorted(k for k in grads if k != "dA0")
    assert all(np.array_equal(lean[k], grads[k]) for k in lean)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(1, 6), min_size=1, max_size=4), st.integers(1, 8), st.integers(0, 2**32 - 1))
def test_shapes_for_any_layer_sizes(hidden, m, seed):
    dims = [3] + hidden + [1]
    X, Y, p = _problem(np.random.default_rng(seed), tuple(dims), m)
    AL, caches = nb04_deep.L_model_forward(X, p)
    grads = nb04_deep.L_model_backward(AL, Y, caches)
    for l in range(1, len(dims)):
        assert grads[f"dW{l}"].shape == p[f"W{l}"].shape
        assert grads[f"db{l}"].shape == p[f"b{l}"].shape
        assert grads[f"dA{l - 1}"].shape == (dims[l - 1], m)


def test_compute_cost_by_hand():
    assert nb04_deep.compute_cost(np.array([[0.8, 0.9, 0.4]]), np.array([[1, 1, 0]])) == pytest.approx(
        -(np.log(0.8) + np.log(0.9) + np.log(0.6)) / 3)
    assert nb04_deep.compute_cost(np.array([[0.8, 0.9, 0.4]]), np.array([[1, 1, 1]])) == pytest.approx(
        0.41493159961539694)


def test_saturated_output_gives_finite_gradients():
    X = np.array([[100.0, -100.0]])
    p = {"W1": np.array([[10.0]]), "b1": np.zeros((1, 1))}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        AL, caches = nb04_deep.L_model_forward(X, p)
        grads = nb04_deep.L_model_backward(AL, np.array([[0, 1]]), caches)
        cost = nb04_deep.compute_cost(AL, np.array([[0, 1]]))
    assert AL[0, 0] == 1.0 and np.isfinite(cost)
    assert all(np.isfinite(g).all() for g in grads.values())


@pytest.mark.parametrize("call, message", [
    (lambda X, p: nb04_deep.L_model_forward(X, {**p, "W2": np.ones((1, 4))}),
     r"W2 has 4 columns but W1 has 5 rows"),
    (lambda X, p: nb04_deep.L_model_forward(X[:2], p), r"W1 has 4 columns but X has 2 rows \(features\)"),
    (lambda X, p: nb04_deep.L_model_forward(X, {**p, "b2": np.ones(3)}), r"b2 must have shape .* got \(3,\) — a rank-1"),
    (lambda X, p: nb04_deep.linear_forward(X, p["W1"].T, p["b1"]), r"did you swap or transpose them"),
    (lambda X, p: nb04_deep.linear_activation_forward(X, p["W1"], p["b1"], "Relu"), r"activation must be one of"),
    (lambda X, p: nb04_deep.initialize_parameters_deep([4]), r"at least two sizes"),
    (lambda X, p: nb04_deep.initialize_parameters_deep([4, 0, 1]), r"layer_dims\[1\] must be at least 1"),
    (lambda X, p: nb04_deep.L_layer_model(X, np.ones((1, 6)), [5, 3, 1]), r"layers_dims\[0\] is 5 but X has 4 rows \(features\)"),
    (lambda X, p: nb04_deep.L_layer_model(X, np.ones((1, 6)), [4, 3, 2]), r"must end with 1"),
    (lambda X, p: nb04_deep.linear_backward(np.ones((5, 6)), (X, p["W1"])), r"tuple \(A_prev, W, b\)"),
    (lambda X, p: nb04_deep.update_parameters(p, {}, 0.1), r"grads is missing key"),
    (lambda X, p: nb04_deep.L_layer_model(X, np.ones((1, 6)), [4, 3, 1], learning_rate=0), r"learning_rate must be positive"),
])
def test_bad_input_messages(call, message, rng):
    X, _, p = _problem(rng)
    with pytest.raises((TypeError, ValueError), match=message):
        call(X, p)


def test_functions_do_not_modify_inputs(rng):
    X, Y, p = _problem(rng)
    saved = {k: v.copy() for k, v in p.items()}
    Xs = X.copy()
    AL, caches = nb04_deep.L_model_forward(X, p)
    grads = nb04_deep.L_model_backward(AL, Y, caches)
    nb04_deep.update_parameters(p, grads, 0.1)
    nb04_deep.predict(X, p)
    for k in p:
        np.testing.assert_array_equal(p[k], saved[k])
    np.testing.assert_array_equal(X, Xs)


def test_callback_and_divergence(rng):
    X, Y, _ = _problem(rng)
    seen = []
    nb04_deep.L_layer_model(X, Y, [4, 3, 1], num_iterations=250, callback=lambda i, c: seen.append(i))
    assert seen == [0, 100, 200, 249]
    with pytest.raises(TrainingDiverged, match=r"learning_rate=1e\+200"):
        nb04_deep.L_layer_model(X * 1e50, Y, [4, 8, 8, 1], num_iterations=100, learning_rate=1e200)


def _digits():
    tx, ty, vx, vy, _ = data.load_dataset()
    return tx.reshape(len(tx), -1).T / 255, ty, vx.reshape(len(vx), -1).T / 255, vy


@pytest.mark.slow
def test_two_and_four_layer_accuracy_on_the_digits():
    X, Y, Xt, Yt = _digits()
    p2, c2 = nb04_deep.two_layer_model(X, Y, [784, 7, 1], learning_rate=0.0075, num_iterations=3000)
    acc2 = 100 * np.mean(nb04_deep.predict(Xt, p2) == Yt)
    assert 84 <= acc2 <= 93, acc2  # measured: 86.9 % (88.7 % train)
    p4, c4 = nb04_deep.L_layer_model(X, Y, [784, 20, 7, 5, 1], learning_rate=0.0075, num_iterations=3000)
    acc4 = 100 * np.mean(nb04_deep.predict(Xt, p4) == Yt)
    assert 91 <= acc4 <= 98, acc4  # measured: 95.1 % (96.6 % train)
    assert acc4 > acc2 and len(c4) == 30 and c4[-1] < c4[0]
