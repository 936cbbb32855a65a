"""Notebook 03's playground, one step with its numbers: every quantity of the step against
equations written out here and finite differences, the view under the playground, the unit
maps' pages and the shared line and export of the learner's own points."""

import numpy as np
import pytest

from helpers import data
from helpers.widgets import nb03_playground as ws
from helpers.widgets.nb03_step_view import one_step, step_html

FLOWER = data.load_planar_dataset()
DATASETS = {"flower": FLOWER}
SLOPES = {"tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2),
          "sigmoid": (lambda z: 1 / (1 + np.exp(-z)),
                      lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2),
          "relu": (lambda z: np.maximum(z, 0), lambda z: (z > 0).astype(float)),
          "leaky_relu": (lambda z: np.where(z > 0, z, 0.01 * z), lambda z: np.where(z > 0, 1, 0.01))}


def random_case(seed, n_h=5, m=12):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((2, m))
    Y = (rng.random((1, m)) > 0.5).astype(float)
    params = {"W1": rng.standard_normal((n_h, 2)), "b1": rng.standard_normal((n_h, 1)),
              "W2": rng.standard_normal((1, n_h)), "b2": rng.standard_normal((1, 1))}
    return params, X, Y


def point_loss(params, x, y, g):
    a2 = 1 / (1 + np.exp(-(params["W2"] @ g(params["W1"] @ x + params["b1"]) + params["b2"])))
    return float(-(y * np.log(a2) + (1 - y) * np.log(1 - a2))[0, 0])


@pytest.mark.parametrize("activation", sorted(SLOPES))
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_quantity_matches_the_equations_written_out(activation, seed):
    params, X, Y = random_case(seed)
    g, slope = SLOPES[activation]
    m, i, alpha = X.shape[1], seed + 3, 0.7
    q = one_step(params, X, Y, i, alpha, activation)
    x, y = X[:, [i]], Y[0, i]
    z1 = params["W1"] @ x + params["b1"]
    a1 = g(z1)
    z2 = float((params["W2"] @ a1 + params["b2"])[0, 0])
    a2 = 1 / (1 + np.exp(-z2))
    close = dict(rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(q["z1"], z1, **close)
    np.testing.assert_allclose(q["a1"], a1, **close)
    np.testing.assert_allclose([q["z2"], q["a2"]], [z2, a2], **close)
    np.testing.assert_allclose(q["loss"], -(y * np.log(a2) + (1 - y) * np.log(1 - a2)), **close)
    np.testing.assert_allclose(q["dz2"], a2 - y, **close)
    np.testing.assert_allclose(q["dz1"], params["W2"].T * (a2 - y) * slope(z1), **close)
    # the step's gradients are the averages of every point's own
    every = [one_step(params, X, Y, k, alpha, activation) for k in range(m)]
    dW1 = sum(e["dz1"] @ X[:, [k]].T for k, e in enumerate(every)) / m
    dW2 = sum(e["dz2"] * e["a1"].T for e in every) / m
    np.testing.assert_allclose(q["grads"]["dW1"], dW1, **close)
    np.testing.assert_allclose(q["grads"]["db1"], sum(e["dz1"] for e in every) / m, **close)
    np.testing.assert_allclose(q["grads"]["dW2"], dW2, **close)
    np.testing.assert_allclose(q["grads"]["db2"], [[np.mean([e["dz2"] for e in every])]], **close)
    np.testing.assert_allclose(q["cost"], np.mean([e["loss"] for e in every]), **close)
    for key in params:
        np.testing.assert_allclose(q["new"][key], params[key] - alpha * q["grads"]["d" + key],
                                   **close)


def test_the_point_s_dz1_is_the_slope_of_its_loss_by_finite_differences():
    params, X, Y = random_case(7)
    q = one_step(params, X, Y, 4, 1.2, "tanh")
    eps = 1e-6
    for j in range(params["b1"].shape[0]):
        up, down = ({**params, "b1": params["b1"] + s * eps * np.eye(5)[:, [j]]} for s in (1, -1))
        numeric = (point_loss(up, X[:, [4]], Y[0, 4], np.tanh)
                   - point_loss(down, X[:, [4]], Y[0, 4], np.tanh)) / (2 * eps)
        assert abs(numeric - q["dz1"][j, 0]) < 1e-7


def test_the_html_shows_every_unit_s_numbers():
    params, X, Y = random_case(3, n_h=7)
    q = one_step(params, X, Y, 2, 1.2, "relu")
    text = step_html(q, 2, iteration=40)
    assert "iteration 40 to 41" in text and "point i = 3</b> of m = 12" in text
    assert text.count("<tr>") == 1 + 7          # the header and one row per hidden unit
    for j in range(7):
        for value in (q["z1"][j, 0], q["a1"][j, 0], q["dz1"][j, 0], q["grads"]["db1"][j, 0]):
            assert f"{value:.4g}".replace("-", "&minus;") in text
    assert f"{q['loss']:.4g}" in text and "ReLU" in text


@pytest.fixture(scope="module")
def box():
    return ws.planar_playground(DATASETS, n_h=20)


def test_the_view_follows_the_steps_and_rings_its_point(box):
    steps, player = box.steps, box.player
    player.restart()
    assert steps.out.value == "" and box.state["view"].chosen is None
    steps.toggle.value = True
    assert "iteration 0 to 1" in steps.out.value and box.state["view"].chosen == 0
    steps.point.value = 5
    assert "point i = 5</b>" in steps.out.value and box.state["view"].chosen == 4
    player.step_button.click()
    run = box.state["run"]
    assert "iteration 1 to 2" in steps.out.value
    q = one_step(run.params, run.X, run.Y, 4, run.learning_rate, run.activation)
    assert f"{q['a2']:.4g}" in steps.out.value
    offsets = box.state["view"].ring.get_offsets()
    np.testing.assert_array_equal(offsets, run.X[:, [4]].T)
    steps.toggle.value = False
    assert steps.out.value == "" and box.state["view"].chosen is None


def test_every_unit_map_can_be_shown(box):
    box.player.restart()
    pages = box.maps_page
    assert [value for _, value in pages.options] == [0, 6, 12, 18]
    assert pages.options[-1][0] == "units 19\N{EN DASH}20"
    pages.value = 18
    view, run = box.state["view"], box.state["run"]
    assert [ax.get_title() for ax in view.map_axes[:2]] == ["unit 19", "unit 20"]
    A1 = run.hidden(view.grid)
    np.testing.assert_allclose(view.maps[1].get_array(), A1[19].reshape(view.xx.shape))
    for ax in view.map_axes:   # square, over the boundary's plane
        assert ax.get_box_aspect() == 1
        assert ax.get_xlim() == view.ax_b.get_xlim() and ax.get_ylim() == view.ax_b.get_ylim()


def test_own_points_are_in_the_shared_line_and_the_export():
    points = [(-2.0, -2.0, 0), (-1.0, -2.5, 0), (-2.0, -1.0, 0), (2.0, 2.0, 1), (1.0, 2.5, 1),
              (2.5, 1.0, 1), (0.25, -3.0, 0), (3.0, -0.5, 1)]
    box = ws.planar_playground(DATASETS, points=points, test_share=0.25)
    box.children[2].children[0].value = ws.OWN_DATA
    box.player.step10_button.click()
    rebuilt = eval(box.share_line.value, {"widgets": ws, "datasets": DATASETS})
    old, new = box.state["run"], rebuilt.state["run"]
    np.testing.assert_array_equal(new.X, old.X)
    for key in old.params:
        np.testing.assert_array_equal(new.params[key], old.params[key])

    def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False, seed=3):
        from helpers import nb03_shallow
        return nb03_shallow.nn_model(X, Y, n_h, num_iterations=num_iterations, seed=seed)

    parameters, code = box.export()
    space = {"nn_model": nn_model}
    exec(code, space)
    for key, value in parameters.items():
        np.testing.assert_allclose(space["parameters"][key], value, rtol=1e-10, atol=1e-12)


def test_too_few_points_say_so_and_keep_the_data_set():
    box = ws.planar_playground(DATASETS, points=[(1.0, 1.0, 0)])
    box.children[2].children[0].value = ws.OWN_DATA
    assert box.children[2].children[0].value == "flower"
    assert "Not yet" in box.pad.note.value and "2 points of each class" in box.pad.note.value
