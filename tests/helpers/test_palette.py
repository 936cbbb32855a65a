"""Colour is never the only difference, and the palette survives colour-vision deficiencies.

The simulation is Machado, Oliveira and Fernandes (2009), severity 1.0, applied in linear
RGB; the difference is CIE76 Delta E in CIELAB (about 2.3 is just noticeable; we ask for 20,
a difference seen at a glance on small markers)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_rgb

from helpers import plots

MACHADO = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868],
                            [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968],
                              [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "normal vision": np.eye(3),
}
AT_A_GLANCE = 20.0


def linear_rgb(rgb):
    rgb = np.asarray(rgb, dtype=float)
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def cielab(linear):
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722],
                    [0.0193, 0.1192, 0.9505]]) @ np.clip(linear, 0, 1)
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def seen(color, vision):
    return cielab(MACHADO[vision] @ linear_rgb(to_rgb(color)))


def delta_e(a, b, vision):
    return float(np.linalg.norm(seen(a, vision) - seen(b, vision)))


@pytest.mark.parametrize("vision", list(MACHADO))
def test_the_two_classes_stay_apart(vision):
    assert delta_e(*plots.CLASS_COLORS, vision) > AT_A_GLANCE
    region_0, region_1 = plots.REGION_CMAP.colors
    assert delta_e(region_0, region_1, vision) > AT_A_GLANCE / 2  # pale backgrounds


def test_the_simulation_can_fail():
    """Red and green, the classic pair, merge under deuteranopia: the test would catch them."""
    assert delta_e("#d62728", "#2ca02c", "normal vision") > AT_A_GLANCE
    assert delta_e("#d62728", "#2ca02c", "deuteranopia") < AT_A_GLANCE


def test_the_classes_differ_by_marker_too():
    X = np.array([[0.0, 1.0, 2.0], [0.0, 1.0, 0.0]])
    fig, ax = plt.subplots()
    points = plots.plot_points(X, np.array([[0, 1, 0]]), ax=ax)
    paths = points.get_paths()
    assert len(paths) == 3 and len(set(plots.CLASS_MARKERS)) == 2
    assert np.array_equal(paths[0].vertices, paths[2].vertices)
    assert not np.array_equal(paths[0].vertices, paths[1].vertices)
    plt.close(fig)


def test_fonts_of_at_least_10_points_and_an_opaque_background():
    with matplotlib.rc_context():
        plots.setup()
        rc = matplotlib.rcParams
        fig, ax = plt.subplots()
        ax.set_title("t")
        ax.set_xlabel("x")
        ax.plot([0, 1], label="l")
        legend = ax.legend()
        sizes = [ax.title.get_fontsize(), ax.xaxis.label.get_fontsize(),
                 *(t.get_fontsize() for t in ax.get_xticklabels()),
                 *(t.get_fontsize() for t in legend.get_texts())]
        assert min(sizes) >= 10
        assert to_rgb(rc["figure.facecolor"]) == (1, 1, 1)
        assert fig.get_facecolor()[3] == 1.0
        plt.close(fig)
