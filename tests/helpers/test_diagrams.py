"""helpers.diagrams draws what its inputs say: the labels, values and shapes on the boxes
are the ones computed independently here (by hand, by nudging, from the course's shape rules)."""

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import diagrams, nb03_shallow  # noqa: E402
from helpers.widgets import shape_rows  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def texts(ax):
    return [t.get_text() for t in ax.texts]


def test_computation_graph_values_and_derivatives_by_hand():
    ax = plt.gca()
    nodes = diagrams.computation_graph(a=5, b=3, c=2, ax=ax)
    # J = 3(a + bc): u = 6, v = 11, J = 33; dJ/da = 3, dJ/db = 3c = 6, dJ/dc = 3b = 9
    assert nodes == {"a": (5, 3), "b": (3, 6), "c": (2, 9), "u": (6, 3), "v": (11, 3), "J": (33, 1)}
    shown = texts(ax)
    for label in ("= 33", "dJ/db = 6", "dJ/dc = 9", "u = bc", "v = a + u", "J = 3v"):
        assert label in shown


def _nudged_loss_gradient(x, w, b, y, eps=1e-6):
    def loss(w, b):
        a = 1 / (1 + np.exp(-(w @ x + b)))
        return -(y * np.log(a) + (1 - y) * np.log(1 - a))

    dw = [(loss(w + eps * e, b) - loss(w - eps * e, b)) / (2 * eps) for e in np.eye(len(w))]
    db = (loss(w, b + eps) - loss(w, b - eps)) / (2 * eps)
    return np.array(dw), db, loss(w, b)


@pytest.mark.parametrize("x, w, b, y", [([1.5, -0.5], [0.3, -0.2], 0.1, 1),
                                        ([2.0], [-1.0], 0.5, 0),
                                        ([0.1, 0.2, -0.3, 4.0], [1.0, -2.0, 0.5, 0.1], -0.2, 1)])
def test_logistic_graph_matches_forward_values_and_nudged_derivatives(x, w, b, y):
    ax = plt.gca()
    nodes = diagrams.logistic_graph(x, w, b, y, ax=ax)
    x, w = np.array(x), np.array(w)
    dw, db, loss = _nudged_loss_gradient(x, w, b, y)
    z = w @ x + b
    assert nodes["z"][0] == pytest.approx(z) and nodes["L"][0] == pytest.approx(loss)
    assert nodes["a"][0] == pytest.approx(1 / (1 + np.exp(-z)))
    for i in range(len(x)):
        assert nodes[f"w{i + 1}"] == (pytest.approx(w[i]), pytest.approx(dw[i], abs=1e-6))
        assert nodes[f"x{i + 1}"] == (pytest.approx(x[i]), None)
    assert nodes["b"][1] == pytest.approx(db, abs=1e-6)
    assert nodes["z"][1] == pytest.approx(nodes["a"][0] - y)  # dz = a - y
    shown = texts(ax)
    # what is written on the drawing is the computed value, to 4 significant digits
    for name, (value, grad) in nodes.items():
        assert f"= {value:.4g}" in shown
        if grad is not None:
            assert f"d{name} = {grad:.4g}" in shown
    assert f"L(a, y), y = {y}" in shown


def test_logistic_graph_rejects_mismatched_inputs():
    with pytest.raises(ValueError, match="same number of features"):
        diagrams.logistic_graph([1, 2], [1], 0, 1)
    with pytest.raises(ValueError, match="0 or 1"):
        diagrams.logistic_graph([1], [1], 0, 0.5)


@pytest.mark.parametrize("n_x, n_h, m", [(2, 4, 400), (5, 3, 7)])
def test_two_layer_pass_shows_the_shapes_the_network_computes(n_x, n_h, m):
    ax = plt.gca()
    shapes = diagrams.two_layer_pass(n_x, n_h, m, ax=ax)
    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((n_x, m)), (rng.random((1, m)) > 0.5).astype(float)
    params = nb03_shallow.initialize_parameters(n_x, n_h, 1)
    _, cache = nb03_shallow.forward_propagation(X, params)
    grads = nb03_shallow.backward_propagation(params, cache, X, Y)
    actual = {"X": X.shape, **{k: v.shape for k, v in params.items()},
              **{k: v.shape for k, v in cache.items()}, **{k: v.shape for k, v in grads.items()}}
    for name, shape in actual.items():
        assert shapes[name] == shape, name
    drawn = " ".join(texts(ax))
    for name in ("Z1 = W1 X + b1", "A1 = tanh(Z1)", "dZ2 = A2 − Y", "dW1 = dZ1 Xᵀ / m"):
        assert name in drawn
    for name, shape in actual.items():
        assert str(shape) in drawn, name
    assert f"n_h = {n_h}" in ax.get_title()


def test_building_blocks_draws_every_layer_of_layer_dims_with_its_shapes():
    ax = plt.gca()
    dims = [784, 20, 7, 5, 1]
    drawn = diagrams.building_blocks(dims, m=1000, ax=ax)
    rows = shape_rows(dims, 1000)
    assert [d["l"] for d in drawn] == [1, 2, 3, 4]
    for d, r in zip(drawn, rows):
        assert d["W"] == str(r["W"]) and d["dW"] == str(r["dW"]) and d["b"] == str(r["b"])
        assert d["A"] == str(r["A"])
    shown = " ".join(texts(ax))
    assert "forward 4: sigmoid" in shown and "forward 1: relu" in shown
    assert shown.count("cache ") == 4 and "dW[1] (20, 784)" in shown
    assert "[784, 20, 7, 5, 1]" in ax.get_title()


def test_building_blocks_elides_the_middle_of_deep_networks():
    ax = plt.gca()
    drawn = diagrams.building_blocks([3] * 9 + [1], ax=ax)
    assert [d["l"] for d in drawn] == [1, 2, 8, 9]
    assert "· · ·" in texts(ax) and drawn[0]["A"] == "(3, m)"
    with pytest.raises(ValueError, match="at least 2 sizes"):
        diagrams.building_blocks([4])


def test_diagram_text_never_shows_unrounded_floats():
    ax = plt.gca()
    diagrams.logistic_graph([1.5, -0.5], [0.3, -0.2], 0.1, 1, ax=ax)
    assert not any(re.search(r"\d\.\d{5,}", t) for t in texts(ax))
