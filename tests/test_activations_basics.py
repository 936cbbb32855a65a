"""Activations, their slopes and backward steps; notebook 02's numpy warm-up."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import activations as act
from helpers import nb02_basics
from helpers.nb04_gradcheck import numerical_gradient, relative_error

NAMES = sorted(act.ACTIVATIONS)


def test_sigmoid_extremes_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = act.sigmoid(np.array([-1000.0, -40.0, 0.0, 40.0, 1000.0]))
    assert s[0] == 0.0 and s[-1] == 1.0 and s[2] == 0.5
    assert 0 < s[1] < 1e-17 and 1 - s[3] < 1e-16


def test_values_worked_by_hand():
    z = np.array([[-2.0, 0.0, 3.0]])
    np.testing.assert_allclose(act.sigmoid(z), [[1 / (1 + np.e ** 2), 0.5, 1 / (1 + np.e ** -3)]])
    np.testing.assert_array_equal(act.relu(z), [[0.0, 0.0, 3.0]])
    np.testing.assert_allclose(act.leaky_relu(z), [[-0.02, 0.0, 3.0]])
    np.testing.assert_array_equal(act.relu_derivative(z), [[0.0, 0.0, 1.0]])
    np.testing.assert_allclose(act.sigmoid_derivative(np.zeros(1)), [0.25])
    np.testing.assert_allclose(act.tanh_derivative(np.zeros(1)), [1.0])


@pytest.mark.parametrize("name", NAMES)
def test_derivative_matches_finite_differences(name, rng):
    g, dg, _ = act.ACTIVATIONS[name]
    Z = rng.standard_normal((3, 5)) * 3
    Z[np.abs(Z) < 1e-3] = 0.5  # stay off ReLU's kink
    h = 1e-6
    np.testing.assert_allclose(dg(Z), (g(Z + h) - g(Z - h)) / (2 * h), rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("name", NAMES)
def test_backward_step_is_chain_rule(name, rng):
    g, _, backward = act.ACTIVATIONS[name]
    Z = rng.standard_normal((4, 6))
    Z[np.abs(Z) < 1e-3] = 0.5
    dA = rng.standard_normal((4, 6))
    # J = sum(dA * g(Z)) has dJ/dZ = dA * g'(Z)
    num = numerical_gradient(lambda p: float(np.sum(dA * g(p["Z"]))), {"Z": Z})["dZ"]
    assert relative_error(backward(dA, Z), num) < 1e-7


def test_the_backward_passes_relu_mask_equals_relu_backward(rng):
    Z = rng.standard_normal((5, 40))
    Z[:, :8] = 0.0  # the tie: the slope at exactly 0 is 0 in both
    dA = rng.standard_normal((5, 40))
    fast, public = act._relu_mask(dA, Z), act.relu_backward(dA, Z)
    np.testing.assert_array_equal(fast, public)  # equal values (-0.0 == 0.0)
    assert not (np.signbit(public) & (public == 0)).any()  # the public one prints no -0.


def test_a_dead_relu_unit_gives_plain_zero_gradients(rng):
    from helpers import nb04_deep

    X = rng.standard_normal((3, 6))
    Y = (X[:1] > 0).astype(np.float64)
    params = nb04_deep.initialize_parameters_deep([3, 2, 1], seed=0, scale=1.0)
    params["b1"][0] = -100.0  # unit 1 is off for every example: its dZ is zero everywhere
    params["W2"][0, 0] = -1.0  # and its dA negative, so the mask makes -0.0 inside
    AL, caches = nb04_deep.L_model_forward(X, params)
    grads = nb04_deep.L_model_backward(AL, Y, caches)
    for name in ("dW1", "db1"):
        assert (grads[name][0] == 0).all()
        assert not np.signbit(grads[name][0]).any(), name  # printed as 0., not -0.


@pytest.mark.parametrize("name", NAMES)
def test_slope_from_output_agrees(name, rng):
    g, dg, _ = act.ACTIVATIONS[name]
    Z = rng.standard_normal((3, 4))
    np.testing.assert_allclose(act.slope_from_output(name, Z, g(Z)), dg(Z), rtol=1e-12)


def test_activations_do_not_modify_input(rng):
    Z = rng.standard_normal((3, 3))
    before = Z.copy()
    for g, dg, back in act.ACTIVATIONS.values():
        g(Z), dg(Z), back(Z, Z)
    np.testing.assert_array_equal(Z, before)


# --- notebook 02's numpy warm-up, against values worked by hand ---------------------------

def test_basics_by_hand():
    np.testing.assert_allclose(nb02_basics.sigmoid_derivative(np.array([1.0, 2.0, 3.0])),
                               [0.19661193, 0.10499359, 0.04517666], rtol=1e-7)
    x = np.array([[0.0, 3.0, 4.0], [1.0, 6.0, 4.0]])
    norm2 = np.sqrt(1 + 36 + 16)
    np.testing.assert_allclose(nb02_basics.normalize_rows(x),
                               [[0, 0.6, 0.8], [1 / norm2, 6 / norm2, 4 / norm2]])
    yhat = np.array([0.9, 0.2, 0.1, 0.4, 0.9])
    y = np.array([1, 0, 0, 1, 1])
    assert nb02_basics.L1(yhat, y) == pytest.approx(0.1 + 0.2 + 0.1 + 0.6 + 0.1)
    assert nb02_basics.L2(yhat, y) == pytest.approx(0.01 + 0.04 + 0.01 + 0.36 + 0.01)


def test_image2vector_keeps_c_order():
    image = np.arange(3 * 2 * 2, dtype=float).reshape(3, 2, 2)
    v = nb02_basics.image2vector(image)
    assert v.shape == (12, 1)
    np.testing.assert_array_equal(v[:, 0], np.arange(12))


def test_softmax_rows_sum_to_one_and_survive_large_values():
    x = np.array([[9.0, 2.0, 5.0, 0.0, 0.0], [7.0, 5.0, 0.0, 0.0, 0.0], [1000.0, 1000.0, 0, 0, 0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = nb02_basics.softmax(x)
    np.testing.assert_allclose(s.sum(axis=1), 1.0)
    e = np.exp([9.0, 2.0, 5.0, 0.0, 0.0])
    np.testing.assert_allclose(s[0], e / e.sum())
    np.testing.assert_allclose(s[2, :2], [0.5, 0.5])


def test_normalize_rows_zero_row_stays_zero():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = nb02_basics.normalize_rows(np.array([[0.0, 0.0], [3.0, 4.0]]))
    np.testing.assert_allclose(out, [[0, 0], [0.6, 0.8]])


@pytest.mark.parametrize("call, message", [
    (lambda: nb02_basics.normalize_rows(np.array([3.0, 4.0])), r"x must have shape \(n, d\), got \(2,\)"),
    (lambda: nb02_basics.softmax([[1, 2]]), r"got a Python list"),
    (lambda: nb02_basics.L1(np.zeros(3), np.zeros(4)), r"same shape, but yhat has shape \(3,\) and y has shape \(4,\)"),
    (lambda: nb02_basics.image2vector(np.zeros((2, 2))), r"\(length, height, depth\)"),
    (lambda: nb02_basics.sigmoid_derivative(np.array([np.nan])), r"NaN"),
])
def test_basics_bad_input(call, message):
    with pytest.raises((TypeError, ValueError), match=message):
        call()


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 6), st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_softmax_and_normalize_properties(n, d, seed):
    x = np.random.default_rng(seed).standard_normal((n, d)) * 10
    s = nb02_basics.softmax(x)
    assert s.shape == (n, d) and np.all(s > 0)
    np.testing.assert_allclose(s.sum(axis=1), 1.0)
    # softmax ignores a constant added to a row
    np.testing.assert_allclose(nb02_basics.softmax(x + 7.0), s, rtol=1e-10)
    np.testing.assert_allclose(np.linalg.norm(nb02_basics.normalize_rows(x), axis=1), 1.0)
