"""Every control of the widgets of notebooks 01, 02 and the 04 shape table, set to each of
its ends, shows something sensible: a figure with finite data and a title that states
the setting, or a message saying why the setting cannot be drawn.

(The playgrounds of 03 and 04 and the 04 upload are tested in tests/test_playground*.py.)
"""

import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import widgets  # noqa: E402
from helpers.widgets import common  # noqa: E402


@pytest.fixture
def shown(monkeypatch):
    """The figures the widgets display, in order (outside a kernel nothing is drawn)."""
    figures = []
    monkeypatch.setattr(common, "display", figures.append)
    yield figures
    plt.close("all")


def ends(control):
    """The two extreme values of a slider (a SelectionSlider's first and last option)."""
    if hasattr(control, "options") and not hasattr(control, "min"):
        return [control.options[0][1], control.options[-1][1]]
    return [control.min, control.max]


def finite_lines(fig):
    return all(np.isfinite(np.asarray(line.get_ydata(), dtype=float)).all()
               for ax in fig.axes for line in ax.lines)


def overlaps(a, b):
    return not (a.x1 <= b.x0 or b.x1 <= a.x0 or a.y1 <= b.y0 or b.y1 <= a.y0)


def test_house_widget_every_end_and_the_legend_never_covers_the_plot(shown):
    box = widgets.house_widget()
    w, b = box.children[0].children
    for w_value, b_value in itertools.product(ends(w), ends(b)):
        w.value, b.value = w_value, b_value
        fig = shown[-1]
        ax = fig.axes[0]
        assert ax.get_title().startswith("One neuron: cost J = ") and finite_lines(fig)
        assert f"ReLU neuron: max(0, {w_value:.2f}·size {b_value:+.0f})" in [
            t.get_text() for t in ax.get_legend().get_texts()]
        fig.canvas.draw()
        legend_box = ax.get_legend().get_window_extent()
        assert not overlaps(legend_box, ax.get_window_extent()), "the legend sits on the plot"


def test_neuron_widget_ends(shown):
    box = widgets.neuron_widget()
    (w,) = box.children[0].children
    for value, perceptron in zip(ends(w), ("perceptron 0", "perceptron 1")):
        w.value = value
        title = shown[-1].axes[0].get_title()
        assert f"w = {value:.2f}" in title and perceptron in title


def test_descent_widget_ends_say_what_happens(shown):
    box = widgets.descent_1d_widget()
    rate, steps = box.children[0].children
    verdicts = {}
    for r, n in itertools.product(ends(rate), ends(steps)):
        rate.value, steps.value = r, n
        fig = shown[-1]
        assert finite_lines(fig) and f"after {n} steps" in fig.axes[0].get_title()
        verdicts[r] = fig.axes[0].get_title()
    assert "converges slowly" in verdicts[rate.min] and "diverges" in verdicts[rate.max]


def test_broadcast_widget_every_listed_shape_and_bad_text(shown, capsys):
    box = widgets.broadcast_widget()
    a, b = box.children[0].children
    for sa, sb in itertools.product(widgets.BROADCAST_SHAPES, repeat=2):
        a.value, b.value = sa, sb
        ax = shown[-1].axes[0]
        drawn = " ".join(t.get_text() for t in ax.texts)
        assert "a + b: shape" in drawn or "could not be broadcast" in drawn, (sa, sb)
    a.value = "three by four"
    assert "Cannot draw this setting: a shape looks like" in capsys.readouterr().out


def test_logistic_playground_at_every_end(shown, capsys):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((5, 60))
    Y = (X[:1] + 0.5 * rng.standard_normal((1, 60)) > 0).astype(np.int64)
    box = widgets.logistic_playground(X, Y, X, Y)
    rate, iters, bar = box.children[0].children
    assert ends(rate) == list(widgets.LOGISTIC_LIMITS["learning_rate"])
    assert ends(iters) == list(widgets.LOGISTIC_LIMITS["num_iterations"])
    for r, n in itertools.product(ends(rate), ends(iters)):
        rate.value, iters.value = r, n
        out = capsys.readouterr().out
        if "Cannot draw this setting" in out:  # a setting that cannot train says why
            assert "learning_rate" in out or "diverged" in out
            continue
        title = shown[-1].axes[0].get_title()
        assert title.startswith(f"α = {r:.3g}, {n} iterations: train ") and finite_lines(shown[-1])
        assert bar.value == bar.max


def test_shape_table_widget_at_its_limits(shown, capsys):
    box = widgets.shape_table_widget()
    (dims, m), table = box.children[0].children, box.children[1]
    for text in ("784, 1", "1000, " * 10 + "1", "784, 20, 7, 5, 1"):
        for m_value in (m.min, m.max):
            dims.value, m.value = text, m_value
            sizes = widgets.parse_layer_dims(text)
            assert f"X: ({sizes[0]}, {m_value})" in table.value
            assert f"L = {len(sizes) - 1} layers" in table.value
            fig = shown[-1]
            assert str(sizes) in fig.axes[1].get_title()  # the building blocks of these sizes
    assert "Cannot draw" not in capsys.readouterr().out
    dims.value = "2, 1001"
    assert "between 1 and 1000" in capsys.readouterr().out and table.value == ""


def test_shape_table_cells_are_padded():
    html = widgets.shape_table_html([784, 20, 7, 5, 1], 1000)
    assert html.count("padding") == html.count("<td") + html.count("<th")


def test_network_drawing_labels_never_overlap():
    for dims in ([784, 20, 7, 5, 1], [2, 3, 5, 4, 2, 1], [1000] * 10 + [1]):
        fig = widgets.shape_table_figure(dims, 4)
        fig.canvas.draw()
        ax = fig.axes[0]
        boxes = [t.get_window_extent() for t in ax.texts
                 if "n = " in t.get_text() or t.get_text().startswith("n[")]
        assert len(boxes) == len(dims)
        assert not any(overlaps(p, q) for p, q in itertools.combinations(boxes, 2)), dims
        plt.close(fig)
