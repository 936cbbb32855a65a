"""helpers.nb02_logistic: published example values, finite differences, bad input, purity, training."""

import warnings

import numpy as np
import pytest

from helpers import data, nb02_logistic
from helpers.nb04_gradcheck import numerical_gradient, relative_error
from helpers.validation import TrainingDiverged

# The small example the course publishes for propagate/optimize/predict.
W = np.array([[1.0], [2.0]])
B = 2.0
X = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]])
Y = np.array([[1, 0, 1]])


def test_published_values():
    grads, cost = nb02_logistic.propagate(W, B, X, Y)
    np.testing.assert_allclose(grads["dw"], [[0.99845601], [2.39507239]], rtol=1e-7)
    assert grads["db"] == pytest.approx(0.00145557813678, rel=1e-9)
    assert cost == pytest.approx(5.801545319394553, rel=1e-12)
    params, grads, costs = nb02_logistic.optimize(W, B, X, Y, num_iterations=100, learning_rate=0.009)
    np.testing.assert_allclose(params["w"], [[0.19033591], [0.12259159]], rtol=1e-7)
    assert params["b"] == pytest.approx(1.92535983008, rel=1e-9)
    np.testing.assert_allclose(grads["dw"], [[0.67752042], [1.41625495]], rtol=1e-7)
    assert grads["db"] == pytest.approx(0.219194504541, rel=1e-9)
    assert len(costs) == 1
    w = np.array([[0.1124579], [0.23106775]])
    Xp = np.array([[1.0, -1.1, -3.2], [1.2, 2.0, 0.1]])
    np.testing.assert_array_equal(nb02_logistic.predict(w, -0.3, Xp), [[1.0, 1.0, 0.0]])


def test_sigmoid_values():
    np.testing.assert_allclose(nb02_logistic.sigmoid(np.array([0, 2])), [0.5, 0.88079708], rtol=1e-7)
    assert nb02_logistic.sigmoid(0) == 0.5 and isinstance(nb02_logistic.sigmoid(0), float)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert nb02_logistic.sigmoid(np.array([1000.0, -1000.0])).tolist() == [1.0, 0.0]


def test_initialize_with_zeros():
    w, b = nb02_logistic.initialize_with_zeros(3)
    assert w.shape == (3, 1) and w.dtype == np.float64 and not w.any()
    assert b == 0.0 and isinstance(b, float)


def test_propagate_gradient_matches_finite_differences(rng):
    X = rng.standard_normal((5, 11))
    Y = (rng.random((1, 11)) > 0.5).astype(float)
    w, b = rng.standard_normal((5, 1)), 0.3
    grads, _ = nb02_logistic.propagate(w, b, X, Y)
    num = numerical_gradient(lambda p: nb02_logistic.propagate(p["w"], p["b"].item(), X, Y)[1],
                             {"w": w, "b": np.array([[b]])})
    assert relative_error({"dw": grads["dw"], "db": np.array([[grads["db"]]])}, num) < 1e-7


def test_cost_by_hand():
    # one example, z = 0: A = 0.5, loss = log 2 whatever the label
    _, cost = nb02_logistic.propagate(np.zeros((1, 1)), 0.0, np.zeros((1, 2)), np.array([[0, 1]]))
    assert cost == pytest.approx(np.log(2))


def test_cost_stays_finite_for_confident_predictions():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _, cost = nb02_logistic.propagate(np.array([[1000.0]]), 0.0, np.array([[1.0, -1.0]]),
                                     np.array([[0, 1]]))
    assert np.isfinite(cost) and cost == pytest.approx(1000.0)


@pytest.mark.parametrize("call, message", [
    (lambda: nb02_logistic.propagate(np.array([1.0, 2.0]), B, X, Y),
     r"w must have shape \(n_x, 1\), got \(2,\) — a rank-1 array; use w.reshape\(-1, 1\)"),
    (lambda: nb02_logistic.propagate(W, B, X.T, Y), r"X has 3 rows \(features\) but w has 2 rows: .* did you mean X.T\?"),
    (lambda: nb02_logistic.propagate(W, B, X, Y.ravel()), r"Y must have shape \(1, m\) = \(1, 3\), got \(3,\)"),
    (lambda: nb02_logistic.propagate(W, B, X, np.array([[1, 0]])), r"Y must have shape \(1, m\) = \(1, 3\), got \(1, 2\)"),
    (lambda: nb02_logistic.propagate(W, B, X, np.array([[1, 2, 0]])), r"labels 0 or 1"),
    (lambda: nb02_logistic.propagate(W, "2", X, Y), r"b must be a real number, got the string '2'"),
    (lambda: nb02_logistic.propagate(W, B, np.where(X > 3, np.nan, X), Y), r"X contains 1 NaN"),
    (lambda: nb02_logistic.propagate(W.tolist(), B, X, Y), r"got a Python list of length 2; wrap it with np.array"),
    (lambda: nb02_logistic.optimize(W, B, X, Y, learning_rate=-1), r"learning_rate must be positive"),
    (lambda: nb02_logistic.optimize(W, B, X, Y, num_iterations=2.5), r"whole number"),
    (lambda: nb02_logistic.initialize_with_zeros(0), r"dim must be at least 1"),
    (lambda: nb02_logistic.model(X, Y, X[:1], Y, num_iterations=1), r"X_test must have shape"),
])
def test_bad_input_messages(call, message):
    with pytest.raises((TypeError, ValueError), match=message):
        call()


def test_functions_do_not_modify_inputs():
    w, x, y = W.copy(), X.copy(), Y.copy()
    nb02_logistic.propagate(w, B, x, y)
    nb02_logistic.optimize(w, B, x, y, num_iterations=10)
    nb02_logistic.predict(w, B, x)
    nb02_logistic.model(x, y, x, y, num_iterations=10)
    np.testing.assert_array_equal(w, W)
    np.testing.assert_array_equal(x, X)
    np.testing.assert_array_equal(y, Y)


def test_optimize_records_every_100_and_prints(capsys):
    _, _, costs = nb02_logistic.optimize(W, B, X, Y, num_iterations=250, print_cost=True)
    assert len(costs) == 3 and costs[0] > costs[-1]
    assert capsys.readouterr().out.splitlines()[0] == "Cost after iteration 0: 5.801545"


def test_divergence_names_the_learning_rate():
    with pytest.raises(TrainingDiverged, match=r"learning_rate=1e\+308"):
        nb02_logistic.optimize(W, B, X * 1e10, Y, num_iterations=50, learning_rate=1e308)


@pytest.mark.slow
def test_training_on_the_shipped_digits():
    tx, ty, vx, vy, _ = data.load_dataset()
    Xtr = tx.reshape(len(tx), -1).T / 255
    Xte = vx.reshape(len(vx), -1).T / 255
    d = nb02_logistic.model(Xtr, ty, Xte, vy, num_iterations=2000, learning_rate=0.5)
    test_acc = nb02_logistic.accuracy(d["Y_prediction_test"], vy)
    assert 85 <= test_acc <= 92  # measured: 88.5 %
    assert d["costs"][0] == pytest.approx(np.log(2)) and d["costs"][-1] < 0.3
    assert set(d) == {"costs", "Y_prediction_test", "Y_prediction_train", "w", "b",
                      "learning_rate", "num_iterations"}
