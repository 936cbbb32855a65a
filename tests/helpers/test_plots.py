"""helpers.plots: what the figures draw."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import plots  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_plot_costs_draws_every_100():
    line = plots.plot_costs([3.0, 2.0, 1.0], title="t")
    np.testing.assert_array_equal(line.get_xdata(), [0, 100, 200])
    np.testing.assert_array_equal(line.get_ydata(), [3.0, 2.0, 1.0])
    assert line.axes.get_title() == "t" and line.axes.get_ylabel() == "cost J"


def test_plot_network_counts_units():
    circles = plots.plot_network([3, 4, 1])
    assert len(circles) == 8
    # wide layers are elided: 784 inputs show max_units - 1 circles and a gap
    circles = plots.plot_network([784, 20, 7, 1], max_units=10)
    assert len(circles) == 9 + 9 + 7 + 1


def test_decision_boundary_matches_the_classifier():
    X = np.array([[-1.0, 1.0, -2.0, 2.0], [0.0, 0.0, 1.0, 1.0]])
    Y = np.array([[0, 1, 0, 1]])
    regions, points = plots.plot_decision_boundary(lambda G: (G[0:1] > 0).astype(float), X, Y)
    assert points.get_offsets().shape == (4, 2)
    xx, yy, grid = plots.decision_grid(X)
    assert grid.shape == (2, xx.size)
    assert xx.min() < X[0].min() and xx.max() > X[0].max() - 0.1


def test_plot_images_and_activations():
    axes = plots.plot_images(np.zeros((5, 4, 4)), titles=list("abcde"), ncols=3)
    assert len(axes) == 6 and axes[0].get_title() == "a"
    ax_g, ax_d = plots.plot_activations()
    assert len(ax_g.lines) == 4 + 1 and len(ax_d.lines) == 4 + 1  # + the zero line
