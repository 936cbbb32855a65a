"""helpers.nb03_shallow: finite differences for every activation, bad input, purity, training."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import data, nb02_logistic, nb03_shallow
from helpers.activations import ACTIVATIONS
from helpers.nb04_gradcheck import numerical_gradient, relative_error
from helpers.validation import TrainingDiverged


def _problem(rng, n_x=3, n_h=4, m=7):
    X = rng.standard_normal((n_x, m))
    Y = (rng.random((1, m)) > 0.5).astype(float)
    p = {"W1": rng.standard_normal((n_h, n_x)), "b1": rng.standard_normal((n_h, 1)),
         "W2": rng.standard_normal((1, n_h)), "b2": rng.standard_normal((1, 1))}
    return X, Y, p


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_backward_matches_finite_differences(activation, rng):
    X, Y, p = _problem(rng)
    A2, cache = nb03_shallow.forward_propagation(X, p, activation)
    grads = nb03_shallow.backward_propagation(p, cache, X, Y, activation)

    def cost(q):
        return nb03_shallow.compute_cost(nb03_shallow.forward_propagation(X, q, activation)[0], Y)

    assert relative_error(grads, numerical_gradient(cost, p)) < 1e-7


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 5), st.integers(1, 6), st.integers(1, 9), st.integers(0, 2**32 - 1))
def test_shapes_for_any_sizes(n_x, n_h, m, seed):
    X, Y, p = _problem(np.random.default_rng(seed), n_x, n_h, m)
    A2, cache = nb03_shallow.forward_propagation(X, p)
    assert A2.shape == (1, m)
    assert cache["Z1"].shape == cache["A1"].shape == (n_h, m)
    grads = nb03_shallow.backward_propagation(p, cache, X, Y)
    for k in nb03_shallow.KEYS:
        assert grads["d" + k].shape == p[k].shape


def test_layer_sizes_and_initialization():
    X, Y = np.zeros((5, 3)), np.zeros((2, 3))
    assert nb03_shallow.layer_sizes(X, Y) == (5, 4, 2)
    p = nb03_shallow.initialize_parameters(2, 4, 1)
    assert p["W1"].shape == (4, 2) and p["b1"].shape == (4, 1)
    assert p["W2"].shape == (1, 4) and p["b2"].shape == (1, 1)
    assert not p["b1"].any() and 0 < np.abs(p["W1"]).max() < 0.05
    np.testing.assert_array_equal(p["W1"], nb03_shallow.initialize_parameters(2, 4, 1)["W1"])
    assert not np.array_equal(p["W1"], nb03_shallow.initialize_parameters(2, 4, 1, seed=5)["W1"])
    # the same draws in the same order from an explicit Generator
    g = np.random.default_rng(2)
    np.testing.assert_array_equal(p["W1"], g.standard_normal((4, 2)) * 0.01)


def test_cost_by_hand():
    A2 = np.array([[0.5, 0.9, 0.2]])
    Y = np.array([[1, 1, 0]])
    expected = -(np.log(0.5) + np.log(0.9) + np.log(0.8)) / 3
    assert nb03_shallow.compute_cost(A2, Y) == pytest.approx(expected)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isfinite(nb03_shallow.compute_cost(np.array([[1.0, 0.0]]), np.array([[0, 1]])))


def test_update_parameters_returns_new_dict(rng):
    _, _, p = _problem(rng)
    grads = {"d" + k: np.ones_like(v) for k, v in p.items()}
    before = {k: v.copy() for k, v in p.items()}
    new = nb03_shallow.update_parameters(p, grads, learning_rate=0.5)
    for k in p:
        np.testing.assert_array_equal(p[k], before[k])
        np.testing.assert_allclose(new[k], before[k] - 0.5)


@pytest.mark.parametrize("mutate, message", [
    (lambda p: p.update(W1=p["W1"].T), r"W1 must have shape \(n_h, n_x\) = \(n_h, 3\), got \(3, 4\)"),
    (lambda p: p.update(b1=p["b1"].ravel()), r"b1 must have shape \(n_h, 1\) = \(4, 1\), got \(4,\) — a rank-1"),
    (lambda p: p.update(W2=np.ones((1, 3))), r"W2 has 3 columns but W1 has 4 rows: W2 must have shape \(n_y, n_h\) = \(1, 4\), got \(1, 3\)"),
    (lambda p: p.pop("b2"), r"parameters is missing key\(s\) \['b2'\]"),
])
def test_bad_parameters_are_named(mutate, message, rng):
    X, _, p = _problem(rng)
    mutate(p)
    with pytest.raises(ValueError, match=message):
        nb03_shallow.forward_propagation(X, p)


def test_other_bad_input(rng):
    X, Y, p = _problem(rng)
    with pytest.raises(ValueError, match="activation must be one of"):
        nb03_shallow.forward_propagation(X, p, "softplus")
    with pytest.raises(ValueError, match=r"A2 must hold probabilities"):
        nb03_shallow.compute_cost(np.array([[1.5]]), np.array([[1]]))
    with pytest.raises(ValueError, match=r"n_h must be at least 1"):
        nb03_shallow.nn_model(X, Y, 0)


def test_functions_do_not_modify_inputs(rng):
    X, Y, p = _problem(rng)
    saved = [X.copy(), Y.copy()] + [v.copy() for v in p.values()]
    A2, cache = nb03_shallow.forward_propagation(X, p)
    cache_saved = {k: v.copy() for k, v in cache.items()}
    nb03_shallow.backward_propagation(p, cache, X, Y)
    nb03_shallow.predict(p, X)
    nb03_shallow.nn_model(X, Y, 3, num_iterations=5)
    for a, b in zip(saved, [X, Y] + list(p.values())):
        np.testing.assert_array_equal(a, b)
    for k in cache:
        np.testing.assert_array_equal(cache[k], cache_saved[k])


def test_divergence_is_reported(rng):
    X, Y, _ = _problem(rng)
    with pytest.raises(TrainingDiverged, match="learning_rate=1e\\+300"):
        nb03_shallow.nn_model(X * 1e5, Y, 4, num_iterations=200, learning_rate=1e300, activation="relu")


def test_planar_accuracy():
    X, Y = data.load_planar_dataset()
    params, costs = nb03_shallow.nn_model(X, Y, 4, num_iterations=10000, return_costs=True)
    acc = 100 * np.mean(nb03_shallow.predict(params, X) == Y)
    assert 87 <= acc <= 96  # measured: 94 %
    assert costs[0] == pytest.approx(np.log(2), abs=1e-3) and costs[-1] < 0.25
    d = nb02_logistic.model(X, Y, X, Y, num_iterations=2000, learning_rate=0.5)
    assert 40 <= nb02_logistic.accuracy(d["Y_prediction_train"], Y) <= 60  # measured: 51 %
