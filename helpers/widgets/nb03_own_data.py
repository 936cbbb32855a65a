"""Notebook 03's playground, your own data: click on a square plane to add points of
either class, or type a point's coordinates; the playground's data set "my points"
then trains on them (with the test share applied to them too).

``OwnPoints`` holds the points (no widgets); ``own_data_pad`` is the clickable plane
(an ``ipycanvas`` Canvas) with its class toggle, the keyboard's way to add a point, and
Clear. Class 0 is a blue circle, class 1 an orange triangle (as in every plot): colour is never the only
difference.
"""

import ipywidgets as widgets
import numpy as np
from ipycanvas import Canvas

from ..plots import CLASS_COLORS
from .common import POINTER_ONLY, WIDE

PAD_PIXELS = 300   # the plane's side on the page, in pixels
MIN_PER_CLASS = 2  # points of each class needed before training on them
CLASS_NAMES = ("class 0 (blue circle)", "class 1 (orange triangle)")


class OwnPoints:
    """The learner's own points on a square plane ``limits`` = (low, high) on both axes."""

    def __init__(self, limits=(-4.5, 4.5)):
        self.limits = (float(limits[0]), float(limits[1]))
        self.x1, self.x2, self.y = [], [], []

    def add(self, x1, x2, label):
        """Add the point (x1, x2) of class ``label`` (0 or 1)."""
        if label not in (0, 1):
            raise ValueError(f"label must be 0 or 1 (the class of the point); got {label!r}")
        low, high = self.limits
        if not (low <= x1 <= high and low <= x2 <= high):
            raise ValueError(f"the point ({x1:g}, {x2:g}) is outside the plane: both "
                             f"coordinates must lie within [{low:g}, {high:g}]")
        self.x1.append(float(x1))
        self.x2.append(float(x2))
        self.y.append(int(label))

    def clear(self):
        self.x1, self.x2, self.y = [], [], []

    def arrays(self):
        """The points in the course's layout: X (2, m), Y (1, m)."""
        return (np.array([self.x1, self.x2], dtype=float).reshape(2, -1),
                np.array([self.y], dtype=float).reshape(1, -1))

    def counts(self):
        return self.y.count(0), self.y.count(1)

    def ready(self):
        """"" when there are enough points to train on, else the sentence saying what is missing."""
        n0, n1 = self.counts()
        if min(n0, n1) >= MIN_PER_CLASS:
            return ""
        return (f"add at least {MIN_PER_CLASS} points of each class to train on your own data "
                f"(now {n0} of class 0 and {n1} of class 1)")

    def plane(self):
        """Points at the plane's corners, (2, 2): the area the playground's maps cover."""
        low, high = self.limits
        return np.array([[low, high], [low, high]])

    def to_plane(self, px, py, size=PAD_PIXELS):
        """The plane's coordinates (x1, x2) of the pixel (px, py) of the pad (y pointing down)."""
        low, high = self.limits
        return low + (high - low) * px / size, high - (high - low) * py / size

    def to_pixels(self, x1, x2, size=PAD_PIXELS):
        low, high = self.limits
        return (x1 - low) / (high - low) * size, (high - x2) / (high - low) * size


def _draw(canvas, points):
    size = PAD_PIXELS
    canvas.clear()
    canvas.fill_style = "#ffffff"
    canvas.fill_rect(0, 0, size, size)
    canvas.stroke_style = "#bbbbbb"
    low, high = points.limits
    for tick in range(int(np.ceil(low)), int(np.floor(high)) + 1):   # a line at every integer
        x, y = points.to_pixels(tick, tick)
        canvas.line_width = 1.5 if tick == 0 else 0.5
        canvas.stroke_line(x, 0, x, size)
        canvas.stroke_line(0, y, size, y)
    canvas.stroke_style = "#333333"
    canvas.line_width = 1
    canvas.stroke_rect(0, 0, size, size)
    for x1, x2, label in zip(points.x1, points.x2, points.y):
        x, y = points.to_pixels(x1, x2)
        canvas.fill_style = CLASS_COLORS[label]
        if label == 0:
            canvas.fill_circle(x, y, 5)
            canvas.stroke_circle(x, y, 5)
        else:
            corners = [(x, y - 6), (x - 6, y + 5), (x + 6, y + 5)]
            canvas.fill_polygon(corners)
            canvas.stroke_polygon(corners)


def own_data_pad(points, on_change):
    """The plane to click on, with its controls; ``on_change()`` runs after every change.

    Returns the VBox; ``box.add_point`` is the keyboard's Add button, ``box.label`` the class
    toggle, ``box.x1`` / ``box.x2`` the typed coordinates.
    """
    low, high = points.limits
    canvas = Canvas(width=PAD_PIXELS, height=PAD_PIXELS,
                    layout=widgets.Layout(width=f"{PAD_PIXELS}px", height=f"{PAD_PIXELS}px"))
    label = widgets.ToggleButtons(options=[(name, k) for k, name in enumerate(CLASS_NAMES)],
                                  value=0, description="class to add", style=WIDE,
                                  tooltips=["a click adds a point of class 0",
                                            "a click adds a point of class 1"])
    x1 = widgets.BoundedFloatText(value=0.0, min=low, max=high, step=0.1, description="x1",
                                  layout=widgets.Layout(width="140px"))
    x2 = widgets.BoundedFloatText(value=0.0, min=low, max=high, step=0.1, description="x2",
                                  layout=widgets.Layout(width="140px"))
    add = widgets.Button(description="add point (x1, x2)", tooltip="add the typed point "
                         "of the chosen class (the keyboard's way to click on the plane)")
    clear = widgets.Button(description="clear my points", tooltip="remove all your points")
    note = widgets.HTML()

    def changed():
        _draw(canvas, points)
        n0, n1 = points.counts()
        missing = points.ready()
        note.value = (f"your points: {n0} of class 0, {n1} of class 1. "
                      + (missing or "Choose the data set \"my points\" above to train on them."))
        on_change()

    def on_click(px, py):
        points.add(*points.to_plane(px, py), label.value)
        changed()

    def on_add(_):
        points.add(x1.value, x2.value, label.value)
        changed()

    def on_clear(_):
        points.clear()
        changed()

    canvas.on_mouse_down(on_click)
    canvas.add_class(POINTER_ONLY)   # the typed point and its Add button are the keyboard's way
    add.on_click(on_add)
    clear.on_click(on_clear)
    _draw(canvas, points)
    n0, n1 = points.counts()
    note.value = f"your points: {n0} of class 0, {n1} of class 1. " + points.ready()
    title = widgets.HTML(f"<b>Your own data</b>: click on the plane (x1 across, x2 up, both "
                         f"from {low:g} to {high:g}) to add a point of the chosen class, or "
                         f"type its coordinates and press the Add button.")
    box = widgets.VBox([title, label, widgets.HBox([canvas, widgets.VBox([x1, x2, add, clear])]),
                        note])
    box.add_point, box.clear_points, box.label, box.x1, box.x2, box.note = \
        add, clear, label, x1, x2, note
    return box
