"""Widgets of notebook 03 (one hidden layer): the live planar playground.

``planar_playground`` trains while you watch (Play / Pause / Step / Reset); the
training and drawing live in ``nb03_playground_run``. ``planar_snapshot`` is the same
picture after a fixed number of iterations, as a static image for the notebook
(GitHub shows it where no kernel runs); ``planar_figure`` trains to the end and
draws the boundary and the cost curve with the project's plots.
"""

import html

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from .. import alt_text, nb02_logistic, nb03_shallow, plots
from ..checks import nb03_shallow as shallow_checks
from .common import LAYOUT, WIDE, FrameImage, log_slider
from .frames import figure_png, frame_area
from .live import learner_toggle, wire
from .share import Sharing
from .nb03_own_data import OwnPoints, own_data_pad
from .nb03_playground_run import (MAPS_PER_PAGE, REFERENCE_FUNCTIONS, PlanarRun, PlanarView,
                                  split_data)
from .nb03_step_view import step_view

PLANAR_LIMITS = {"n_h": (1, 50), "learning_rate": (1e-3, 10.0), "noise": (0.0, 1.0),
                 "test_share": (0.0, 0.8), "per_frame": (1, 200)}
ACTIVATION_NAMES = ["tanh", "relu", "leaky_relu", "sigmoid"]
OWN_DATA = "my points"   # the data set of the points the learner adds on the plane


def planar_figure(X, Y, n_h=4, learning_rate=1.2, num_iterations=5000, activation="tanh",
                  name="flower"):
    """Train the one-hidden-layer network on X (2, m), Y (1, m); draw its boundary and costs.

    Returns ``(figure, accuracy in %)``.
    """
    params, costs = nb03_shallow.nn_model(X, Y, n_h, num_iterations=num_iterations,
                                     learning_rate=learning_rate, activation=activation,
                                     return_costs=True)
    accuracy = nb02_logistic.accuracy(nb03_shallow.predict(params, X, activation), Y)
    fig, (ax_b, ax_c) = plt.subplots(1, 2, figsize=(9.5, 3.8))
    state = "untrained (0 iterations)" if num_iterations == 0 else f"accuracy {accuracy:.1f}%"
    plots.plot_decision_boundary(lambda G: nb03_shallow.predict(params, G, activation), X, Y, ax=ax_b,
                                 title=f"{name}: {n_h} {activation} units, {state}")
    plots.plot_costs(costs, ax=ax_c, title=f"learning rate {learning_rate:g}, "
                                           f"{num_iterations} iterations" if num_iterations else
                                           "0 iterations: nothing trained, no cost to plot")
    fig.tight_layout()
    return fig, accuracy


def planar_snapshot(X, Y, iterations=1500, n_h=4, learning_rate=1.2, activation="tanh",
                    name="flower", noise=0.0, test_share=0.3):
    """The playground's own picture after ``iterations`` (a PNG with its alt text) and its run."""
    run = PlanarRun(*split_data(X, Y, noise, test_share), n_h=n_h, activation=activation,
                    learning_rate=learning_rate)
    run.advance(iterations)
    view = PlanarView(X, n_h, name)
    view.draw(run)
    return alt_text.Picture(figure_png(view.fig), plots.alt_text_of(view.fig)), run


def planar_playground(datasets, dataset="flower", n_h=4, learning_rate=1.2, activation="tanh",
                      noise=0.0, test_share=0.3, per_frame=10, iterations=0, learner=None,
                      data_name="datasets", points=()):
    """The live playground: Play trains a few iterations per frame and redraws.

    datasets : dict name -> (X (2, m), Y (1, m)), e.g. the flower plus load_extra_datasets()
    learner  : the learner's {"forward_propagation", "backward_propagation",
               "update_parameters"} (or None); once they pass their checks a toggle
               trains with them, with the reference run as a faint overlay.
    Learning rate and speed apply to the running network; hidden units, activation,
    data, noise, test share and the toggle start again at iteration 0. ``iterations``:
    trained before the first picture (the line under the playground passes the current
    ones, to rebuild the same state; ``data_name`` is the name of ``datasets`` in it).
    ``points``: (x1, x2, class) the data set "my points" starts with (the pad adds more).
    Under the picture: the unit maps' page, the step view (``nb03_step_view``), the pad of
    your own points and the line that rebuilds this state (``box.share_line``).
    Returns the VBox; ``box.export()`` gives the trained parameters and the lines of the
    learner's ``nn_model`` that train the same network (see ``planar_export``).
    """
    lo, hi = PLANAR_LIMITS["n_h"]
    units = widgets.IntSlider(value=n_h, min=lo, max=hi, description="hidden units",
                              continuous_update=False, style=WIDE, layout=LAYOUT)
    rate = log_slider(learning_rate, *PLANAR_LIMITS["learning_rate"], "learning rate")
    act = widgets.Dropdown(options=ACTIVATION_NAMES, value=activation,
                           description="hidden activation", style=WIDE)
    if OWN_DATA in datasets:
        raise ValueError(f"datasets must not have a data set named {OWN_DATA!r}: that name is "
                         f"the playground's own points; rename it")
    own = OwnPoints()
    for point in points:
        if not (isinstance(point, (list, tuple)) and len(point) == 3):
            raise TypeError(f"points must be (x1, x2, class) triples, got {point!r}")
        own.add(*point)
    data = widgets.Dropdown(options=[*datasets, OWN_DATA], value=dataset, description="data set",
                            style=WIDE)
    lo, hi = PLANAR_LIMITS["noise"]
    noise = widgets.FloatSlider(value=noise, min=lo, max=hi, step=0.05, description="noise",
                                continuous_update=False, style=WIDE, layout=LAYOUT)
    lo, hi = PLANAR_LIMITS["test_share"]
    share = widgets.FloatSlider(value=test_share, min=lo, max=hi, step=0.1, description="test share",
                                readout_format=".0%", continuous_update=False, style=WIDE,
                                layout=LAYOUT)
    lo, hi = PLANAR_LIMITS["per_frame"]
    speed = widgets.IntSlider(value=per_frame, min=lo, max=hi, description="iterations per frame",
                              continuous_update=False, style=WIDE, layout=LAYOUT)
    mine, mine_note = learner_toggle(learner, REFERENCE_FUNCTIONS, shallow_checks,
                                     " (they use tanh)")
    image = FrameImage(format="jpeg", layout=widgets.Layout(width="880px"))

    def on_data(change):   # registered before wire's restart, so it runs first
        if change["new"] == OWN_DATA and own.ready():
            pad.note.value = f"<b>Not yet:</b> {html.escape(own.ready())}."
            data.value = change["old"]

    data.observe(on_data, "value")

    def build():
        if data.value == OWN_DATA:
            X, Y = own.arrays()
            X_all = np.hstack([X, own.plane()])   # the maps cover the whole plane of the pad
        else:
            X, Y = datasets[data.value]
            X_all = X
        split = split_data(X, Y, noise.value, share.value)
        run = PlanarRun(*split, n_h=units.value, activation="tanh" if mine.value else act.value,
                        learning_rate=rate.value, functions=learner if mine.value else None)
        reference = (PlanarRun(*split, n_h=units.value, activation="tanh",
                               learning_rate=rate.value) if mine.value else None)
        view = PlanarView(X_all, units.value, data.value)
        pages = range(0, units.value, MAPS_PER_PAGE)
        paging["quiet"] = True   # new options, no redraw yet: the restart draws
        maps_page.options = [(f"units {k + 1}\N{EN DASH}{min(k + MAPS_PER_PAGE, units.value)}", k)
                             for k in pages]
        maps_page.value = 0
        maps_page.disabled = len(pages) == 1
        paging["quiet"] = False
        return run, reference, view

    def settings():
        chosen = {"dataset": data.value, "n_h": units.value, "learning_rate": rate.value,
                  "activation": act.value, "noise": noise.value, "test_share": share.value,
                  "per_frame": speed.value, "iterations": state["run"].iteration}
        if data.value == OWN_DATA:
            chosen["points"] = list(zip(own.x1, own.x2, own.y))
        return chosen

    maps_page = widgets.Dropdown(description="unit maps shown", style=WIDE,
                                 layout=widgets.Layout(width="260px"))
    paging = {"quiet": False}

    sharing = Sharing("planar_playground", [data_name], settings)
    followers = []
    player, state, hint = wire(build, image, rate, speed, mine, act,
                               [(units, "hidden units"), (act, "activation"), (data, "data set"),
                                (noise, "noise"), (share, "test share")], sharing=sharing,
                               followers=followers)

    def on_page(change):
        if not paging["quiet"] and change["new"] is not None:
            state["view"].set_page(change["new"])
            player.frame(0)

    maps_page.observe(on_page, "value")

    def ring(i):   # the step view's point, ringed on the boundary
        if state["view"].chosen != i:
            state["view"].chosen = i
            player.frame(0)

    steps = step_view(lambda: state["run"], ring)
    followers.append(steps.update)
    if iterations:
        player.step(iterations)
    def on_points():
        if data.value != OWN_DATA:
            return
        if own.ready():   # too few points left (cleared): back to the first data set
            data.value = next(iter(datasets))
            player.status.value = html.escape(f"{own.ready()}; training on {data.value} again")
        else:
            player.restart("your points changed: a new network starts at iteration 0 on them")

    pad = own_data_pad(own, on_points)
    box = widgets.VBox([player.bar, widgets.HBox([units, rate, act]),
                        widgets.HBox([data, noise, share]), widgets.HBox([speed, mine, mine_note]),
                        player.status, hint, frame_area(image), player.caption, maps_page, steps,
                        pad, sharing.line, sharing.note])
    box.player, box.state, box.image, box.hint, box.pad = player, state, image, hint, pad
    box.steps, box.maps_page, box.share_line, box.share_note = steps, maps_page, sharing.line, \
        sharing.note
    box.export = lambda: planar_export(state["run"], settings(), data_name,
                                       sharing.rate_changed_at)
    return box


def planar_export(run, settings, data_name="datasets", rate_changed_at=None):
    """The trained parameters (a dict of copied arrays) and the lines of the learner's
    ``nn_model`` (notebook 03, 7.7: tanh, learning rate 1.2, seed 3) that train the same
    network from scratch: ``(parameters, code)``. When ``nn_model`` cannot train this run
    (another activation or rate), the code's first line says so."""
    parameters = {key: value.copy() for key, value in run.params.items()}
    if "points" in settings:   # the learner's own points, written out
        x1, x2, y = zip(*settings["points"])
        data = [f"X, Y = np.array([{list(x1)!r}, {list(x2)!r}]), np.array([{list(y)!r}], dtype=float)"]
        source = "X, Y"
    else:
        data, source = [], f"*{data_name}[{settings['dataset']!r}]"
    lines = ["import numpy as np", "from helpers.widgets.nb03_playground_run import split_data",
             *data,
             f"X_train, Y_train, X_test, Y_test = split_data({source}, noise={settings['noise']!r}, "
             f"test_share={settings['test_share']!r})",
             f"parameters = nn_model(X_train, Y_train, {run.n_h}, "
             f"num_iterations={run.iteration}, seed=3)"]
    if run.activation != "tanh" or run.learning_rate != 1.2 or rate_changed_at is not None:
        lines.insert(0, f"# not the same network: your nn_model trains tanh units at learning "
                        f"rate 1.2, this run used {run.activation} at {run.learning_rate:g}"
                        + (f" (changed at iteration {rate_changed_at})"
                           if rate_changed_at is not None else ""))
    return parameters, "\n".join(lines)
