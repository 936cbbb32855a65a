"""Notebook 03's playground on the learner's own points: adding (by click position or typed),
clearing, training on them, and the test share applied to them."""

import numpy as np
import pytest

from helpers import data
from helpers.widgets import nb03_playground as ws
from helpers.widgets.nb03_own_data import PAD_PIXELS, OwnPoints
from helpers.widgets.nb03_playground_run import split_data

DATASETS = {"flower": data.load_planar_dataset()}
POINTS = [(-2, -2, 0), (-1, -2, 0), (-2, -1, 0), (-1.5, -0.5, 0), (2, 2, 1), (1, 2, 1), (2, 1, 1),
          (0.5, 3, 1), (3, 0.5, 1), (1.5, 1.5, 1)]


def add_all(box, points):
    pad = box.pad
    for x1, x2, label in points:
        pad.label.value, pad.x1.value, pad.x2.value = label, x1, x2
        pad.add_point.click()


def test_a_click_lands_where_it_was_made():
    points = OwnPoints((-4.5, 4.5))
    assert points.to_plane(0, 0) == (-4.5, 4.5)                 # top left corner
    assert points.to_plane(PAD_PIXELS, PAD_PIXELS) == (4.5, -4.5)    # bottom right
    assert points.to_plane(PAD_PIXELS / 2, PAD_PIXELS / 2) == (0, 0)
    for x1, x2 in ((1.25, -3.5), (-4.0, 2.0)):
        assert np.allclose(points.to_plane(*points.to_pixels(x1, x2)), (x1, x2))


def test_points_come_out_in_the_course_layout_and_bad_ones_are_refused():
    points = OwnPoints()
    for x1, x2, label in POINTS[:3]:
        points.add(x1, x2, label)
    X, Y = points.arrays()
    assert X.shape == (2, 3) and Y.shape == (1, 3)
    assert X[:, 1].tolist() == [-1, -2] and Y.tolist() == [[0, 0, 0]]
    with pytest.raises(ValueError, match="label must be 0 or 1"):
        points.add(0, 0, 2)
    with pytest.raises(ValueError, match="outside the plane"):
        points.add(9, 0, 1)
    assert "at least 2 points of each class" in points.ready()
    points.clear()
    assert points.arrays()[0].shape == (2, 0)


def test_the_playground_trains_on_my_points_with_the_test_share():
    box = ws.planar_playground(DATASETS)
    data_set, _, share = box.children[2].children
    data_set.value = ws.OWN_DATA          # too few points: refused, the note says why
    assert data_set.value == "flower"
    assert "at least 2 points of each class" in box.pad.note.value
    add_all(box, POINTS)
    assert "10 of" not in box.pad.note.value and "4 of class 0, 6 of class 1" in box.pad.note.value
    data_set.value = ws.OWN_DATA
    run = box.state["run"]
    X, Y = np.array(POINTS)[:, :2].T, np.array(POINTS)[:, 2:].T
    expected = split_data(X, Y, 0.0, 0.3)
    for got, want in zip((run.X, run.Y, run.X_test, run.Y_test), expected):
        assert np.array_equal(got, want)
    assert run.X_test.shape == (2, 3) and run.X.shape == (2, 7)
    share.value = 0.5
    assert box.state["run"].X_test.shape == (2, 5)
    box.player.step(300)
    run = box.state["run"]
    assert run.iteration == 300 and run.accuracy() == 100.0   # separable by a line
    add_all(box, [(0.0, 0.0, 0)])                              # a new point: a new start on 11
    assert box.state["run"].iteration == 0
    assert box.state["run"].X.shape[1] + box.state["run"].X_test.shape[1] == 11
    box.pad.clear_points.click()                               # cleared: back to the flower
    assert data_set.value == "flower" and box.state["run"].X.shape[1] == 200  # half of 400
    assert "training on flower again" in box.player.status.value
