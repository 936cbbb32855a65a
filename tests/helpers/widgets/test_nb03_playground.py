"""Notebook 03's live planar playground: the training run against the reference model,
every control (and each at both ends), Play / Pause / Step / Reset, and the learner's toggle."""

import asyncio
import io
import re

import numpy as np
import pytest
from PIL import Image

from helpers import data, nb03_shallow
from helpers.widgets import frames, live
from helpers.widgets import nb03_playground as ws
from helpers.widgets.nb03_playground_run import PlanarRun, PlanarView, split_data
from tests.helpers.checks import test_course_style as course

FLOWER = data.load_planar_dataset()
DATASETS = {"flower": FLOWER, **data.load_extra_datasets()}


@pytest.fixture(scope="module")
def box():
    return ws.planar_playground(DATASETS)


@pytest.fixture
def fresh(box):
    """The module's playground back at its defaults and iteration 0."""
    units, rate, act = box.children[1].children
    data_set, noise, share = box.children[2].children
    speed, mine, _ = box.children[3].children
    with box.hold_sync():
        for control, value in ((units, 4), (act, "tanh"), (data_set, "flower"), (noise, 0.0),
                               (share, 0.3), (speed, 10), (mine, False)):
            control.value = value
        rate.value = 1.2
    box.player.restart()
    return box


def controls(box):
    units, rate, act = box.children[1].children
    data_set, noise, share = box.children[2].children
    speed, mine, note = box.children[3].children
    return dict(units=units, rate=rate, act=act, data=data_set, noise=noise, share=share,
                speed=speed, mine=mine, note=note)


def test_split_is_seeded_and_keeps_every_point():
    X, Y = FLOWER
    a = split_data(X, Y, noise=0.3, test_share=0.25, seed=0)
    b = split_data(X, Y, noise=0.3, test_share=0.25, seed=0)
    assert all(np.array_equal(u, v) for u, v in zip(a, b))
    assert a[0].shape == (2, 300) and a[2].shape == (2, 100)
    assert sorted(np.concatenate([a[1][0], a[3][0]])) == sorted(Y[0])
    X_train, _, X_test, Y_test = split_data(X, Y, noise=0.0, test_share=0.0)
    assert X_test.shape == (2, 0) and Y_test.shape == (1, 0)
    assert sorted(map(tuple, X_train.T)) == sorted(map(tuple, X.T))  # no noise: the same points


def test_run_follows_the_reference_model_exactly():
    X, Y = FLOWER
    run = PlanarRun(X, Y, X[:, :0], Y[:, :0], n_h=4, learning_rate=1.2)
    assert run.advance(300) == ""
    params, costs = nb03_shallow.nn_model(X, Y, 4, num_iterations=300, learning_rate=1.2,
                                     return_costs=True)
    for k in nb03_shallow.KEYS:
        np.testing.assert_allclose(run.params[k], params[k], rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(run.train_costs[::100], costs, rtol=1e-10)
    assert run.iteration == 300 and len(run.train_costs) == 300
    assert run.accuracy(test=True) is None


def test_run_costs_stay_exact_where_A2_rounds_to_0_or_1():
    """The costs come from the logits Z2, as nn_model's: exact where sigmoid(Z2) rounds to 1."""
    X, Y = FLOWER
    run = PlanarRun(X[:, :300], Y[:, :300], X[:, 300:], Y[:, 300:], n_h=4)
    run.params["b2"][:] = 60.0  # sigmoid(Z2) is exactly 1.0 on every point

    def oracle(X, Y):  # log(1 + e^Z) - Y Z by logaddexp (which rounds a loss of 1e-26 to 0)
        p = run.params
        Z2 = p["W2"] @ np.tanh(p["W1"] @ X + p["b1"]) + p["b2"]
        return float(np.mean(np.logaddexp(0, Z2) - Y * Z2))

    train, test = oracle(X[:, :300], Y[:, :300]), oracle(X[:, 300:], Y[:, 300:])
    assert run.advance(1) == ""
    assert train > 25  # going through A2 = 1.0 would clip the loss to 36.7 per example: ~18
    np.testing.assert_allclose([run.train_costs[0], run.test_costs[0]], [train, test],
                               rtol=1e-12, atol=1e-20)


def test_step_reset_and_counter(fresh):
    p, state = fresh.player, fresh.state
    p.step_button.click()
    assert state["run"].iteration == 1 and "iteration 1<" in p.counter.value
    p.step10_button.click()
    assert state["run"].iteration == 11 and len(state["run"].train_costs) == 11
    before = fresh.image.value
    p.step_button.click()
    assert fresh.image.value != before  # the picture follows the weights
    p.reset_button.click()
    assert state["run"].iteration == 0 and state["run"].train_costs == []
    assert "iteration 0<" in p.counter.value
    assert "iteration 0: press Play" in state["view"].ax_c.get_title()  # an empty plot says why
    assert "untrained (random start)" in state["view"].ax_b.get_title()  # and so does accuracy


def test_play_redraws_many_frames_and_pause_stops(fresh):
    p = fresh.player
    images = set()

    async def watch():
        p.play_button.click()
        assert p.playing and p.play_button.description == "Pause"
        for _ in range(30):
            await asyncio.sleep(0.05)
            images.add(fresh.image.value)
        p.play_button.click()
        await asyncio.sleep(0.2)
        stopped_at = fresh.state["run"].iteration
        await asyncio.sleep(0.3)
        return stopped_at

    stopped_at = asyncio.run(watch())
    assert len(images) >= 5, "the boundary image should change while playing"
    assert stopped_at >= 50 and fresh.state["run"].iteration == stopped_at
    assert not p.playing and p.play_button.description == "Play"


def test_play_without_an_event_loop_says_so(fresh):
    fresh.player.play()
    assert not fresh.player.playing and "event loop" in fresh.player.status.value


def test_learning_rate_continues_and_hidden_units_start_again(fresh):
    c, p = controls(fresh), fresh.player
    p.step10_button.click()
    run = fresh.state["run"]
    c["rate"].value = 0.5
    assert fresh.state["run"] is run and run.iteration == 10 and run.learning_rate == 0.5
    assert "continues from the current weights" in p.status.value
    c["units"].value = 6
    assert fresh.state["run"].iteration == 0 and fresh.state["run"].n_h == 6
    assert "hidden units changed" in p.status.value and "iteration 0" in p.status.value
    c["speed"].value = 30
    assert fresh.state["run"].iteration == 0  # speed changes nothing but the frame size


@pytest.mark.parametrize("name, ends", [("units", (1, 50)), ("noise", (0.0, 1.0)),
                                         ("share", (0.0, 0.8)), ("speed", (1, 200)),
                                         ("data", list(DATASETS)), ("act", ws.ACTIVATION_NAMES)])
def test_every_control_at_its_ends_draws(fresh, name, ends):
    c, p = controls(fresh), fresh.player
    for value in ends:
        c[name].value = value
        start = fresh.state["run"].iteration  # 0 unless the control keeps the run (speed)
        p.step10_button.click()
        run = fresh.state["run"]
        assert run.iteration == start + 10 and fresh.image.value[:2] == b"\xff\xd8"  # a JPEG frame
        assert "Stopped" not in p.status.value
        title = fresh.state["view"].ax_b.get_title()
        assert "train" in title
        if name == "share" and value == 0.0:
            assert "no test points" in title


@pytest.mark.parametrize("rate", ["min", "max"])
def test_learning_rate_ends(fresh, rate):
    c, p = controls(fresh), fresh.player
    options = c["rate"].options
    c["rate"].value = options[0][1] if rate == "min" else options[-1][1]
    for _ in range(31):
        p.step10_button.click()
    run = fresh.state["run"]
    if rate == "min":  # 1e-3 barely moves the cost in 310 iterations: the hint says why
        assert run.iteration == 310 and "barely moved" in fresh.hint.value
    else:  # 10 trains or diverges; either way something sensible shows
        assert run.iteration == 310 or "diverged" in p.status.value


def test_dead_relu_units_are_named():
    X, Y = FLOWER
    run = PlanarRun(X, Y, X[:, :0], Y[:, :0], n_h=3, activation="relu")
    run.params["b1"][:] = -100.0  # every unit below zero everywhere
    run.advance(5)
    assert "dead" in run.hint() and "Reset" in run.hint()


def test_training_hint_stall_and_progress():
    assert live.training_hint([0.7 - 0.001 * i for i in range(400)]) == ""
    flat = live.training_hint([np.log(2)] * 400)
    assert "stalled" in flat and "same for every example" in flat
    assert live.training_hint([0.01] * 400, accuracy=100.0) == ""
    slow = live.training_hint([0.6931 - 1e-6 * i for i in range(400)])
    assert "barely moved" in slow and "larger learning rate" in slow


def _learner(backward=None):
    """Correct course-style functions (the checks refuse ones that call the reference)."""
    return {"forward_propagation": course.forward_propagation,
            "backward_propagation": backward or course.backward_propagation,
            "update_parameters": course.update_parameters}


def cost_gap(hint):
    """The largest cost difference the hint quotes between the learner's run and the reference."""
    return float(re.search(r"largest cost difference so far (\S+?)\. ", hint + " ").group(1))


def test_toggle_names_the_failing_check():
    def no_mean(p, c, X, Y):  # forgets the 1/m
        g = course.backward_propagation(p, c, X, Y)
        return {k: v * X.shape[1] for k, v in g.items()}

    c = controls(ws.planar_playground(DATASETS, learner=_learner(no_mean)))
    assert c["mine"].disabled and "check_backward_propagation still fails" in c["note"].value
    c = controls(ws.planar_playground(DATASETS))
    assert c["mine"].disabled and "pass your functions" in c["note"].value


def test_toggle_trains_with_the_learner_functions_beside_the_reference():
    calls = []
    learner = _learner()
    forward = learner["forward_propagation"]
    learner["forward_propagation"] = lambda X, p: calls.append(1) or forward(X, p)
    box = ws.planar_playground(DATASETS, learner=learner, activation="relu")
    c = controls(box)
    assert not c["mine"].disabled
    c["mine"].value = True
    assert c["act"].disabled and box.state["run"].activation == "tanh"
    calls.clear()
    box.player.step10_button.click()
    assert len(calls) == 10 and box.state["reference"].iteration == 10
    assert cost_gap(box.hint.value) < 1e-12  # the same algorithm: only rounding differs
    assert box.state["view"].reference_contour is not None  # the faint overlay is drawn
    c["mine"].value = False
    assert box.state["reference"] is None and not c["act"].disabled


def test_learner_error_stops_with_its_message():
    learner = _learner()
    box = ws.planar_playground(DATASETS, learner=learner)
    controls(box)["mine"].value = True
    learner["update_parameters"] = None  # replaced after the checks passed: not callable
    box.state["run"]._step = lambda *a: (_ for _ in ()).throw(ValueError("bad <shape>"))
    box.player.step_button.click()
    assert "Stopped: ValueError: bad &lt;shape&gt;" in box.player.status.value


def test_snapshot_and_static_figure():
    X, Y = FLOWER
    image, run = ws.planar_snapshot(X, Y, iterations=200)
    assert image.png[:4] == b"\x89PNG" and "Figure" in image.alt and run.iteration == 200
    fig, acc = ws.planar_figure(X, Y, n_h=4, num_iterations=0)
    assert "untrained" in fig.axes[0].get_title() and "nothing trained" in fig.axes[1].get_title()


def test_view_redraws_the_background_only_when_the_cost_axes_change():
    X, Y = FLOWER
    run = PlanarRun(*split_data(X, Y))
    view = PlanarView(X, 4, "flower")
    view.frame(run)
    run.advance(10)
    assert view.draw(run) is False  # same axes: blitting is enough
    run.advance(200)
    assert view.draw(run) is True and view.ax_c.get_xlim()[1] >= 210


def test_hidden_maps_show_zero_as_white_for_every_activation(fresh):
    c = controls(fresh)
    for activation in ws.ACTIVATION_NAMES:
        c["act"].value = activation
        fresh.player.step10_button.click()
        for image in fresh.state["view"].maps:
            lo, hi = image.get_clim()
            assert lo == -hi > -np.inf and hi > 0


def test_player_stops_and_says_why_when_training_diverges():
    runs = {"n": 0}

    def advance(n):
        runs["n"] += n
        return "training diverged at iteration 3" if runs["n"] >= 30 else ""

    player = live.Player(advance, lambda: None, lambda: runs.update(n=0), lambda: runs["n"],
                         lambda: 10)

    async def play():
        player.play()
        for _ in range(100):
            await asyncio.sleep(0.01)
            if not player.playing:
                break

    asyncio.run(play())
    assert not player.playing and runs["n"] == 30 and "diverged" in player.status.value


def test_slider_limits_are_the_documented_ones(box):
    c = controls(box)
    for name, key in (("units", "n_h"), ("noise", "noise"), ("share", "test_share"),
                      ("speed", "per_frame")):
        assert (c[name].min, c[name].max) == ws.PLANAR_LIMITS[key]
        assert not c[name].continuous_update
    assert (c["rate"].options[0][1], c["rate"].options[-1][1]) == ws.PLANAR_LIMITS["learning_rate"]
    assert set(c["data"].options) == set(DATASETS) | {ws.OWN_DATA}  # and the learner's own points | {ws.OWN_DATA}


def test_pause_then_play_at_once_runs_one_loop_not_two(fresh):
    p = fresh.player

    async def toggle_fast():
        p.play()
        await asyncio.sleep(0.2)
        first = p.task
        p.pause()
        p.play()  # before the first loop has woken up from its sleep
        await asyncio.sleep(0.3)
        first_ended_while_playing = first.done() and p.playing and not p.task.done()
        p.pause()
        await asyncio.sleep(0.1)
        return first_ended_while_playing

    assert asyncio.run(toggle_fast()), "the earlier loop should end when a new Play starts"
    assert p.task.done() and not p.playing


def test_a_setting_changed_while_paused_says_it_applies_at_the_next_step(fresh):
    c, p = controls(fresh), fresh.player
    p.step_button.click()
    c["rate"].value = 0.5
    assert "applies at the next step" in p.status.value and "0.5" in p.status.value
    c["speed"].value = 30
    assert "30 iterations per frame: applies at the next step" in p.status.value
    p.step_button.click()   # and it does: the next step uses the new rate
    assert fresh.state["run"].learning_rate == 0.5 and fresh.state["run"].iteration == 2


def test_the_picture_and_play_say_what_they_show(fresh):
    p, run = fresh.player, fresh.state["run"]
    assert "The picture now: iteration 0, not trained yet" in p.caption.value
    assert "(paused)" in p.counter.value and p.play_button.tooltip == "paused: press to play"
    p.step10_button.click()
    train, test = run.accuracy(), run.accuracy(test=True)
    assert (f"iteration 10, cost {run.train_costs[-1]:.2f}, train accuracy {train:.0f}%, test "
            f"accuracy {test:.0f}%." in p.caption.value)

    async def press_play():
        p.play_button.click()
        playing = (p.playing, p.play_button.tooltip, p.counter.value)
        p.play_button.click()
        return playing

    playing, tooltip, counter = asyncio.run(press_play())
    assert playing and tooltip == "playing: press to pause" and "(playing)" in counter
    assert "(paused)" in p.counter.value


def test_the_line_under_the_playground_rebuilds_the_same_state(fresh):
    c, p = controls(fresh), fresh.player
    with fresh.hold_sync():
        c["units"].value, c["noise"].value, c["share"].value = 5, 0.1, 0.2
    p.step10_button.click()
    p.step10_button.click()
    p.step_button.click()
    line = fresh.share_line.value
    assert line.startswith("widgets.planar_playground(datasets, ") and "iterations=21" in line
    rebuilt = eval(line, {"widgets": ws, "datasets": DATASETS})   # the line, as a learner runs it
    old, new = fresh.state["run"], rebuilt.state["run"]
    assert new.iteration == 21 and new.n_h == 5
    np.testing.assert_array_equal(new.X, old.X)
    for key in old.params:
        np.testing.assert_array_equal(new.params[key], old.params[key])
    assert new.train_costs == old.train_costs


def test_a_rate_changed_during_the_run_is_named_under_the_line(fresh):
    c, p = controls(fresh), fresh.player
    p.step10_button.click()
    c["rate"].value = 0.5
    assert "changed at iteration 10" in fresh.share_note.value
    p.reset_button.click()
    assert "Copy this line" in fresh.share_note.value


def test_the_exported_code_trains_the_same_parameters(fresh):
    c, p = controls(fresh), fresh.player
    c["share"].value = 0.2
    for _ in range(3):
        p.step10_button.click()
    parameters, code = fresh.export()
    assert set(parameters) == {"W1", "b1", "W2", "b2"} and not code.startswith("#")
    parameters["W1"][0, 0] += 1.0   # a copy: changing it leaves the playground alone
    assert fresh.state["run"].params["W1"][0, 0] != parameters["W1"][0, 0]

    def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False, seed=3):  # the learner's
        return nb03_shallow.nn_model(X, Y, n_h, num_iterations=num_iterations, seed=seed)

    space = {"nn_model": nn_model, "datasets": DATASETS}
    exec(code, space)
    for key, value in fresh.state["run"].params.items():
        np.testing.assert_allclose(space["parameters"][key], value, rtol=1e-10, atol=1e-12)
    c["act"].value = "relu"
    p.step_button.click()
    assert fresh.export()[1].startswith("# not the same network")


def test_the_stored_snapshot_shows_what_the_live_frame_shows():
    X, Y = FLOWER
    run = PlanarRun(*split_data(X, Y))
    run.advance(50)
    view = PlanarView(X, 4, "flower")
    shown = view.frame(run)
    still = np.asarray(Image.open(io.BytesIO(frames.figure_png(view.fig))))[..., :3]
    assert still.shape == shown.shape
    assert np.mean(np.any(still != shown, axis=-1)) < 0.001
