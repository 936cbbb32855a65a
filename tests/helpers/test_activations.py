"""helpers.activations: the activations, their slopes and backward steps."""

import warnings

import numpy as np
import pytest

from helpers import activations as act
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
    g, dg = act.ACTIVATIONS[name].forward, act.ACTIVATIONS[name].derivative
    Z = rng.standard_normal((3, 5)) * 3
    Z[np.abs(Z) < 1e-3] = 0.5  # stay off ReLU's kink
    h = 1e-6
    np.testing.assert_allclose(dg(Z), (g(Z + h) - g(Z - h)) / (2 * h), rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("name", NAMES)
def test_backward_step_is_chain_rule(name, rng):
    g, backward = act.ACTIVATIONS[name].forward, act.ACTIVATIONS[name].backward
    Z = rng.standard_normal((4, 6))
    Z[np.abs(Z) < 1e-3] = 0.5
    dA = rng.standard_normal((4, 6))
    # J = sum(dA * g(Z)) has dJ/dZ = dA * g'(Z)
    num = numerical_gradient(lambda p: float(np.sum(dA * g(p["Z"]))), {"Z": Z})["dZ"]
    assert relative_error(backward(dA, Z), num) < 1e-7


def test_a_dead_relu_unit_gives_plain_zero_gradients(rng):
    from helpers import nb04_deep

    X = rng.standard_normal((3, 6))
    Y = (X[:1] > 0).astype(np.float64)
    params = nb04_deep.initialize_parameters_deep([3, 2, 1], seed=0, scale=1.0)
    params["b1"][0] = -100.0  # unit 1 is off for every example: its dZ is zero everywhere
    params["W2"][0, 0] = -1.0  # and its dA negative: a mask (dA * (Z > 0)) would make -0.0
    AL, caches = nb04_deep.L_model_forward(X, params)
    grads = nb04_deep.L_model_backward(AL, Y, caches)
    for name in ("dW1", "db1"):
        assert (grads[name][0] == 0).all()
        assert not np.signbit(grads[name][0]).any(), name  # printed as 0., not -0.


@pytest.mark.parametrize("name", NAMES)
def test_the_slope_from_the_output_is_the_derivative(name, rng):
    a = act.ACTIVATIONS[name]
    Z = rng.standard_normal((3, 4))
    np.testing.assert_allclose(a.slope(Z, a.forward(Z)), a.derivative(Z), rtol=1e-12)


def test_activations_do_not_modify_input(rng):
    Z = rng.standard_normal((3, 3))
    before = Z.copy()
    for g, dg, back, _ in act.ACTIVATIONS.values():
        g(Z), dg(Z), back(Z, Z)
    np.testing.assert_array_equal(Z, before)
