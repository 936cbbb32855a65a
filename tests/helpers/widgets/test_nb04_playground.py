"""Notebook 04's live deep playground, the upload checks and the draw-your-own-digit pad."""

import datetime
import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from helpers import data, nb04_deep
from helpers.widgets import nb04_digits, nb04_playground
from helpers.widgets.frames import figure_png
from tests.helpers.checks import test_course_style as course
from tests.helpers.widgets.test_nb03_playground import cost_gap

rng = np.random.default_rng(5)
X_SMALL = rng.random((784, 120))
Y_SMALL = (X_SMALL[:392].mean(axis=0, keepdims=True) > X_SMALL[392:].mean(axis=0, keepdims=True)
           ).astype(np.int64)


@pytest.fixture(scope="module")
def box():
    return nb04_playground.deep_playground(X_SMALL[:, :80], Y_SMALL[:, :80], X_SMALL[:, 80:],
                                     Y_SMALL[:, 80:])


def controls(box):
    layers, units, act = box.children[1].children
    rate, speed = box.children[2].children
    mine, note = box.children[3].children
    return dict(layers=layers, units=units, act=act, rate=rate, speed=speed, mine=mine, note=note)


def test_run_follows_L_layer_model_exactly():
    run = nb04_playground.DeepRun(X_SMALL, Y_SMALL, X_SMALL, Y_SMALL, hidden_layers=2, units=5,
                            learning_rate=0.3)
    assert run.advance(120) == ""
    params, costs = nb04_deep.L_layer_model(X_SMALL, Y_SMALL, [784, 5, 5, 1], 0.3, 120)
    for k in params:
        np.testing.assert_allclose(run.params[k], params[k], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(run.train_costs[::100], costs, rtol=1e-10)
    assert [i for i, _ in run.test_costs] == list(range(0, 120, nb04_playground.TEST_EVERY))


def test_step_reset_and_structure_changes(box):
    c, p = controls(box), box.player
    p.restart()
    p.step_button.click()
    assert box.state["run"].iteration == 1 and "iteration 1<" in p.counter.value
    p.step10_button.click()
    assert box.state["run"].iteration == 11
    c["rate"].value = 0.1  # continues
    assert box.state["run"].iteration == 11 and box.state["run"].learning_rate == 0.1
    assert "continues from the current weights" in p.status.value
    for name, value in (("layers", 1), ("units", 50), ("act", "tanh"), ("layers", 4),
                        ("units", 1)):
        c[name].value = value
        assert box.state["run"].iteration == 0 and "iteration 0" in p.status.value
        p.step10_button.click()
        assert box.state["run"].iteration == 10 and box.image.value[:2] == b"\xff\xd8"
        assert "Stopped" not in p.status.value
    p.reset_button.click()
    assert box.state["run"].iteration == 0


def test_dead_relus_at_a_large_learning_rate_are_named():
    """Issue 19: alpha = 3 ended at 50.2% with a flat cost and no word."""
    train_x, train_y, test_x, test_y, _ = data.load_dataset()
    X = train_x.reshape(len(train_x), -1).T[:, :1000] / 255.0
    run = nb04_playground.DeepRun(X, train_y[:, :1000], X[:, :10], train_y[:, :10], learning_rate=3.0)
    run.advance(60)
    assert run.dead_fraction() == 1.0 and "dead" in run.hint()


def test_learner_toggle_for_the_L_layer_functions():
    learner = {"L_model_forward": course.L_model_forward,   # correct, written the course's way
               "L_model_backward": course.L_model_backward,
               "update_parameters": course.update_parameters_deep}
    box = nb04_playground.deep_playground(X_SMALL, Y_SMALL, X_SMALL, Y_SMALL, learner=learner)
    c = controls(box)
    assert not c["mine"].disabled
    c["mine"].value = True
    box.player.step10_button.click()
    assert box.state["run"].iteration == box.state["reference"].iteration == 10
    assert cost_gap(box.hint.value) < 1e-12  # the same algorithm: only rounding differs
    broken = dict(learner, L_model_backward=lambda AL, Y, c: {})
    c = controls(nb04_playground.deep_playground(X_SMALL, Y_SMALL, X_SMALL, Y_SMALL, learner=broken))
    assert c["mine"].disabled and "check_L_model_backward still fails" in c["note"].value


def test_snapshot():
    image, run = nb04_playground.deep_snapshot(X_SMALL, Y_SMALL, X_SMALL, Y_SMALL, iterations=20)
    assert image.png[:4] == b"\x89PNG" and "Figure" in image.alt and run.iteration == 20


def png_header(width, height):
    """The first bytes of a PNG claiming ``width`` x ``height``: enough for PIL's lazy open."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))


@pytest.mark.parametrize("content, message", [
    (b"hello, not an image", "not an image"),
    (png_header(9000, 9000), "9,000 × 9,000 = 81,000,000 pixels"),
    (png_header(14000, 14000), "more than 89,478,485 pixels"),   # PIL's own bomb limit
    (png_header(100, 100), "could not be decoded"),              # header only, no pixels
])
def test_upload_is_refused_before_decoding_with_a_sentence(content, message):
    with pytest.raises(ValueError, match=message):
        nb04_digits.open_upload(content)


def test_upload_of_other_formats_and_of_a_real_digit():
    out = io.BytesIO()
    Image.new("L", (10, 10)).save(out, "GIF")
    with pytest.raises(ValueError, match="GIF image; upload a PNG or JPEG"):
        nb04_digits.open_upload(out.getvalue())
    big = np.full((3000, 2000), 230, dtype=np.uint8)
    big[1000:2000, 900:1100] = 10  # a thick dark stroke: a "1"
    out = io.BytesIO()
    Image.fromarray(big).save(out, "JPEG")
    img = nb04_digits.open_upload(out.getvalue())
    assert max(img.size) <= nb04_digits.WORKING_SIZE
    _, image = data.prepare_digit_image(img)
    assert image.shape == (28, 28) and image.max() == 255


def test_upload_widget_shows_the_sentence(capsys):
    box = nb04_digits.upload_widget(lambda x: 0.3, data.DATA_DIR / "sample_digit.png")
    box.upload.value = ({"name": "big.png", "type": "image/png", "size": 60,
                         "content": memoryview(png_header(9000, 9000)),
                         "last_modified": datetime.datetime(2026, 1, 1)},)
    assert "Cannot draw this setting: this image is 9,000 × 9,000" in capsys.readouterr().out


def test_drawing_pad_predicts_what_was_drawn():
    seen = []

    def predict(x):
        seen.append(x)
        return float(x.mean() > 0.05)

    box = nb04_digits.draw_widget(predict)
    pad = box.pad
    assert "draw a digit" in pad.answer.value
    pad.pen_up(0, 0)  # a click released outside without drawing changes nothing
    assert not seen
    pad.pen_down(140, 60)
    for y in range(60, 230, 10):
        pad.pen_move(140, y)
    pad.pen_up(140, 230)
    assert seen and seen[-1].shape == (784, 1) and 0 <= seen[-1].min() and seen[-1].max() <= 1
    image = seen[-1].reshape(28, 28)
    cols = np.flatnonzero(image.max(axis=0) > 0.25)
    assert cols.max() - cols.min() < 10 and image[:, 14].max() == 1.0  # a centred vertical bar
    assert "P(odd) = <b>" in pad.answer.value and pad.seen.value[:4] == b"\x89PNG"
    pad.clear_button.click()
    assert "draw a digit" in pad.answer.value and np.asarray(pad.ink).min() == 255
    pad.pen_down(10, 10)  # a single dot: ink, but is it a digit? the pad still answers
    pad.pen_up(10, 10)
    assert "P(odd)" in pad.answer.value or "ink" in pad.answer.value


@pytest.mark.parametrize("end", ["min", "max"])
def test_learning_rate_and_speed_ends(box, end):
    c, p = controls(box), box.player
    c["layers"].value, c["units"].value, c["act"].value = 3, 10, "relu"
    c["rate"].value = c["rate"].options[0 if end == "min" else -1][1]
    c["speed"].value = getattr(c["speed"], end)
    p.restart()
    for _ in range(31):
        p.step10_button.click()
    run = box.state["run"]
    assert "Stopped" not in p.status.value and box.image.value[:2] == b"\xff\xd8"
    if end == "min":  # alpha = 1e-4: the hint says the cost has barely moved
        assert run.iteration == 310 and "barely moved" in box.hint.value
    else:  # alpha = 3 trains, stalls with a hint, or diverges with a message
        assert run.iteration == 310 or "diverged" in p.status.value
    c["rate"].value = 0.3


def test_train_button_fast_forwards_with_a_progress_bar(box):
    p = box.player
    p.restart()
    frames = p.frames
    p.fast_button.click()
    assert box.state["run"].iteration == nb04_playground.FAST_FORWARD
    assert p.progress.value == p.progress.max == nb04_playground.FAST_FORWARD
    assert p.frames == frames + 1  # drawn once, at the end
    assert "train accuracy" in p.status.value and "test accuracy" in p.status.value
    frame = box.frame  # the picture sits in an output area, as the browser tests expect
    assert frame.outputs[0]["data"]["application/vnd.jupyter.widget-view+json"]["model_id"] \
        == box.image.model_id


def test_slider_limits_are_the_documented_ones(box):
    c = controls(box)
    for name, key in (("layers", "hidden_layers"), ("units", "units"), ("speed", "per_frame")):
        assert (c[name].min, c[name].max) == nb04_playground.DEEP_LIMITS[key]
        assert not c[name].continuous_update
    ends = c["rate"].options[0][1], c["rate"].options[-1][1]  # a SelectionSlider: exact ends
    assert ends == nb04_playground.DEEP_LIMITS["learning_rate"]


def test_reset_and_a_change_of_layers_empty_the_training_bar(box):
    c, p = controls(box), box.player
    for restart in (p.reset_button.click,
                    lambda: setattr(c["layers"], "value", 2 if c["layers"].value != 2 else 3)):
        p.restart()
        p.fast_button.click()
        assert p.progress.value == nb04_playground.FAST_FORWARD
        restart()
        assert box.state["run"].iteration == 0 and p.progress.value == 0


def test_the_line_under_the_playground_rebuilds_the_same_state():
    names = ("X_a", "Y_a", "X_b", "Y_b")
    space = {"X_a": X_SMALL[:, :80], "Y_a": Y_SMALL[:, :80], "X_b": X_SMALL[:, 80:],
             "Y_b": Y_SMALL[:, 80:], "widgets": nb04_playground}
    box = nb04_playground.deep_playground(*(space[n] for n in names), data_names=names)
    c = controls(box)
    with box.hold_sync():
        c["layers"].value, c["units"].value, c["act"].value = 2, 6, "tanh"
    box.player.step10_button.click()
    box.player.step_button.click()
    line = box.share_line.value
    assert line.startswith("widgets.deep_playground(X_a, Y_a, X_b, Y_b, ") and "iterations=11" in line
    rebuilt = eval(line, space)
    old, new = box.state["run"], rebuilt.state["run"]
    assert new.dims == old.dims == [784, 6, 6, 1] and new.activation == "tanh"
    for key in old.params:
        np.testing.assert_array_equal(new.params[key], old.params[key])
    assert new.train_costs == old.train_costs


def test_the_exported_code_trains_the_same_parameters(box):
    box.player.restart()
    for _ in range(2):
        box.player.step10_button.click()
    parameters, code = box.export()
    assert not code.startswith("#") and "num_iterations=20" in code

    def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,
                      print_cost=False):   # the learner's signature
        return nb04_deep.L_layer_model(X, Y, layers_dims, learning_rate, num_iterations)

    space = {"L_layer_model": L_layer_model, "X_train": X_SMALL[:, :80], "Y_train": Y_SMALL[:, :80]}
    exec(code, space)
    for key, value in parameters.items():
        np.testing.assert_allclose(space["parameters"][key], value, rtol=1e-10, atol=1e-12)
    controls(box)["rate"].value = 0.1
    assert box.export()[1].startswith("# not the same network") and "changed at iteration 20" in \
        box.export()[1]
    box.player.restart()


def test_the_rate_lesson_reports_what_its_runs_did():
    fig, findings = nb04_playground.rate_and_overfitting(X_SMALL[:, :80], Y_SMALL[:, :80],
                                                         X_SMALL[:, 80:], Y_SMALL[:, 80:],
                                                         rates=(1.0, 0.01), iterations=120)
    assert [f["rate"] for f in findings] == [1.0, 0.01] and len(fig.axes) == 2
    for f, ax in zip(findings, fig.axes):
        run = nb04_playground.DeepRun(X_SMALL[:, :80], Y_SMALL[:, :80], X_SMALL[:, 80:],
                                      Y_SMALL[:, 80:], learning_rate=f["rate"])
        run.advance(120)
        tests = [c for _, c in run.test_costs]
        assert f["best_test"] == min(tests) and f["last_test"] == tests[-1]
        assert f["best_at"] == run.test_costs[tests.index(min(tests))][0]
        assert f["spikes"] == sum(b - a > 0.05 for a, b in zip(run.train_costs, run.train_costs[1:]))
        train, test, best = ax.get_lines()
        assert list(train.get_ydata()) == run.train_costs and best.get_xdata()[0] == f["best_at"]
        assert test.get_linestyle() == "--"   # told apart by style, not colour alone
    import matplotlib.pyplot as plt
    plt.close(fig)


def test_the_stored_snapshot_shows_what_the_live_frame_shows():
    """The live frame blits its moving artists (cost lines, title, weight maps); the PNG
    the notebook stores must hold them too, not only the still background."""
    run = nb04_playground.DeepRun(X_SMALL, Y_SMALL, X_SMALL, Y_SMALL)
    run.advance(20)
    view = nb04_playground.DeepView(run.dims[1])
    live = view.frame(run)
    still = np.asarray(Image.open(io.BytesIO(figure_png(view.fig))))[..., :3]
    background = np.asarray(Image.open(io.BytesIO(figure_png(nb04_playground.DeepView(
        run.dims[1]).fig))))[..., :3]
    assert still.shape == live.shape
    assert np.mean(np.any(still != live, axis=-1)) < 0.001
    assert np.mean(np.any(still != background, axis=-1)) > 0.02   # the maps and lines drawn
