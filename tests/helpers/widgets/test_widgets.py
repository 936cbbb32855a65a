"""helpers.widgets: what the widgets and their figures draw, their limits, and their error handling."""

import matplotlib

matplotlib.use("Agg")

import ipywidgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import data, nb03_shallow, plots, widgets  # noqa: E402
from helpers.validation import TrainingDiverged  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(autouse=True)

def test_planar_figure_trains_and_reports_accuracy():
    X, Y = data.load_planar_dataset()
    fig, acc = widgets.planar_figure(X, Y, n_h=4, num_iterations=5000)
    expected = 100 * np.mean(nb03_shallow.predict(nb03_shallow.nn_model(X, Y, 4, num_iterations=5000), X) == Y)
    assert acc == pytest.approx(expected) and acc > 85
    assert "accuracy" in fig.axes[0].get_title()


def test_redraw_shows_bad_settings_as_a_message(capsys):
    out = ipywidgets.Output()

    def diverges():
        raise TrainingDiverged("training diverged at iteration 3 with learning_rate=100")

    assert widgets.redraw(out, diverges) is None
    assert "Cannot draw this setting: training diverged" in capsys.readouterr().out

    def bug():
        raise KeyError("a real bug")

    with pytest.raises(KeyError):  # outside a kernel the Output cannot show it: it propagates
        widgets.redraw(out, bug)


@pytest.mark.parametrize("alpha, verdict", [(0.05, "converges slowly"), (0.3, "converges"),
                                            (0.5, "one step"), (0.85, "overshoots, converges"),
                                            (1.0, "bounces forever"), (1.05, "diverges")])
def test_descent_1d_regimes(alpha, verdict):
    fig, ws = widgets.descent_1d_figure(alpha, steps=12, w0=-1.0)
    # the distance to the minimum at w = 2 is multiplied by (1 - 2 alpha) every step
    np.testing.assert_allclose(ws[-1] - 2, (-1.0 - 2) * (1 - 2 * alpha) ** 12, atol=1e-9)
    assert f"α = {alpha:g}: {verdict};" in fig.axes[0].get_title()


def test_descent_1d_clamps_extreme_values():
    _, ws = widgets.descent_1d_figure(1e6, steps=10 ** 6)
    assert len(ws) == 51 and np.isfinite(ws).all()


def test_broadcast_plot_and_shape_parsing():
    assert plots.plot_broadcast((3, 1), (1, 4)) == (3, 4)
    assert plots.plot_broadcast((3, 4), (3,)) is None  # numpy's error is drawn instead
    assert widgets.parse_shape("(4,)") == (4,) and widgets.parse_shape("()") == ()
    with pytest.raises(ValueError, match=r"looks like \(3, 4\)"):
        widgets.parse_shape("three by four")
    with pytest.raises(ValueError, match="at most 2 dimensions"):
        widgets.parse_shape("(2, 2, 2)")


def test_logistic_playground_retrains_once_per_change():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((5, 60))
    Y = (X[:1] > 0).astype(np.int64)
    box = widgets.logistic_playground(X, Y, X, Y, num_iterations=300)
    rate, iters, bar = box.children[0].children
    assert bar.value == bar.max == 3  # the bar reached the end; moving it did not retrain
    iters.value = 500
    assert bar.value == bar.max == 5
    fig, train_acc, _ = widgets.logistic_figure(X, Y, X, Y, 0.5, 300)
    assert train_acc > 90


def test_shape_rows_and_table():
    rows = widgets.shape_rows([2, 3, 5, 4, 2, 1], m=4)
    assert len(rows) == 5
    assert rows[0]["W"] == (3, 2) and rows[2]["b"] == (4, 1) and rows[4]["A"] == (1, 4)
    html = widgets.shape_table_html([2, 3, 1], 7)
    assert "X: (2, 7)" in html and "(3, 2)" in html and "parameters: 13" in html
    assert widgets.parse_layer_dims("[2, 3, 1]") == [2, 3, 1]
    for bad, message in [("2", "between 2 and"), ("2, x", "whole numbers"), ("2, 0, 1", "between 1 and")]:
        with pytest.raises(ValueError, match=message):
            widgets.parse_layer_dims(bad)


def test_shape_table_widget_updates_and_reports_bad_text():
    box = widgets.shape_table_widget()
    dims, m = box.children[0].children
    table = box.children[1]
    assert "(5, 3)" in table.value  # W3 of the course's example
    m.value = 10
    assert "(3, 10)" in table.value
    dims.value = "3, x"
    assert table.value == ""  # the message goes to the output area instead


def test_prepare_digit_image_and_upload_figure(tmp_path):
    steps, image = data.prepare_digit_image(data.DATA_DIR / "sample_digit.png")
    assert image.shape == (28, 28) and image.dtype == np.uint8
    assert image[0].max() == 0 and image[:, 0].max() == 0  # a black border, as in MNIST
    rows = np.flatnonzero(image.max(axis=1) > 0)
    assert rows.max() - rows.min() + 1 <= 20  # the ink is scaled to at most 20 pixels
    fig = widgets.image_prediction_figure(steps, 0.8)
    assert "odd" in fig._suptitle.get_text()
    with pytest.raises(ValueError, match="PNG or JPEG"):
        data.prepare_digit_image(b"not an image")
    with pytest.raises(ValueError, match="no visible ink"):
        data.prepare_digit_image(np.full((30, 30), 200))
    box = widgets.upload_widget(lambda x: 0.3, data.DATA_DIR / "sample_digit.png")
    assert box.children[0].accept.startswith("image/png")


def test_house_cost_by_hand_and_relu_never_negative():
    # w = 0, b = 0 predicts 0 for every house: cost is half the mean squared price
    assert widgets.house_cost(0.0, 0.0) == pytest.approx(np.mean(widgets.HOUSE_PRICES ** 2) / 2)
    fig, cost = widgets.house_figure(w=2.8, b=-90)
    relu_line = fig.axes[0].lines[1]
    assert relu_line.get_ydata().min() == 0.0
    assert cost == pytest.approx(widgets.house_cost(2.8, -90))
    box = widgets.house_widget()
    assert all(not c.continuous_update for c in box.children[0].children)


def test_neuron_outputs_jump_versus_glide():
    # the sigmoid neuron outputs sigma(w x + b) with x = 1, b = -1, as notebook 01 says
    assert widgets.neuron_outputs(0.99) == (0.0, pytest.approx(1 / (1 + np.exp(0.01))))
    assert widgets.neuron_outputs(1.01)[0] == 1.0
    glide = widgets.neuron_outputs(1.01)[1] - widgets.neuron_outputs(0.99)[1]
    assert glide == pytest.approx(0.005, abs=1e-4)  # sigma'(0) = 1/4 times the nudge 0.02
    assert "perceptron 0" in widgets.neuron_figure(0.5).axes[0].get_title()


def test_log_slider_exact_ends_readable_readouts_and_the_default():
    for value, lo, hi, step in [(0.3, 1e-4, 3.0, 0.1), (1.2, 1e-3, 10.0, 0.1), (0.5, 1e-4, 10.0, 0.25)]:
        s = widgets.log_slider(value, lo, hi, "rate", step=step)
        labels, values = zip(*s.options)
        assert values[0] == lo and values[-1] == hi and s.value == value
        assert list(values) == sorted(set(values))
        assert all(len(label) <= 6 for label in labels)  # 1e-4, 0.0018, 3.2: short readouts
        assert all(float(label) == v for label, v in s.options)  # the readout is the value used
        assert not s.continuous_update
    s = widgets.log_slider(0.5, 1e-4, 10.0, "rate", step=0.25)
    assert [label for label, _ in s.options][:2] == ["1e-4", "1.8e-4"] and ("3.2", 3.2) in s.options
    with pytest.raises(ValueError, match="low <= value <= high"):
        widgets.log_slider(20.0, 1e-4, 10.0, "rate")
