"""Notebook 03's playground, one step with its numbers: for one training point, its
``z`` and ``a`` at every unit, its loss, and the gradients and update of the step the
playground takes next, in the course's notation with the values filled in.

``one_step(params, X, Y, i, learning_rate, activation)`` computes the quantities with
the reference's own step (``nb03_shallow.step``; the point's ``dz`` are the gradients
of its loss alone: ``db`` of a batch of one). ``step_html`` writes them as equations and
a table, one row per hidden unit; ``step_view`` is the widget under the playground.
"""

import html

import ipywidgets as widgets
import numpy as np

from .. import nb03_shallow
from ..cost import cross_entropy

ACTIVATION_SYMBOLS = {"tanh": "tanh", "relu": "ReLU", "leaky_relu": "leaky ReLU",
                      "sigmoid": "&sigma;"}


def one_step(params, X, Y, i, learning_rate, activation="tanh"):
    """The quantities of the next gradient-descent step, seen from training point ``i``.

    params {"W1": (n_h, 2), "b1": (n_h, 1), "W2": (1, n_h), "b2": (1, 1)}; X (2, m), Y (1, m);
    i a column of X (0-based). Returns a dict: the point ``x`` (2, 1) and ``y``; its
    ``z1``, ``a1`` (n_h, 1), ``z2``, ``a2``, ``loss`` and ``dz2`` (numbers), ``dz1``
    (n_h, 1); the step's ``cost`` J, ``grads`` (averages over the m points) and ``new``
    parameters; ``m``, ``learning_rate``, ``activation``.
    """
    new, cache, grads = nb03_shallow.step(params, X, Y, learning_rate, activation)
    x, y = X[:, i:i + 1], Y[:, i:i + 1]
    point = {key: value[:, i:i + 1] for key, value in cache.items()}
    alone = nb03_shallow.backward(params, point, x, y, activation)   # a batch of one: db = dz
    return {"x": x, "y": float(y[0, 0]), "z1": point["Z1"], "a1": point["A1"],
            "z2": float(point["Z2"][0, 0]), "a2": float(point["A2"][0, 0]),
            "loss": cross_entropy(point["A2"], y), "dz2": float(alone["db2"][0, 0]),
            "dz1": alone["db1"], "cost": cross_entropy(cache["A2"], Y), "grads": grads,
            "new": new, "m": X.shape[1], "learning_rate": learning_rate,
            "activation": activation, "params": params}


def _n(value):
    """A number as the view prints it: four significant digits, a true minus sign."""
    return f"{value:.4g}".replace("-", "&minus;")


def _sup(name, layer, point=True):
    return f"{name}<sup>[{layer}]{'(i)' if point else ''}</sup>"


def step_html(q, i, iteration):
    """The HTML of ``one_step``'s quantities ``q`` for point ``i`` (0-based) at ``iteration``."""
    g = ACTIVATION_SYMBOLS.get(q["activation"], html.escape(q["activation"]))
    x, p, grads, new, m, alpha = q["x"], q["params"], q["grads"], q["new"], q["m"], \
        q["learning_rate"]
    z1, a1, z2, a2, dz2 = _sup("z", 1), _sup("a", 1), _sup("z", 2), _sup("a", 2), _sup("dz", 2)
    dz1 = _sup("dz", 1)
    predicted = int(q["a2"] > 0.5)
    head = (f"<b>The step from iteration {iteration:,} to {iteration + 1:,}, seen from training "
            f"point i = {i + 1}</b> of m = {m}: x<sup>(i)</sup> = ({_n(x[0, 0])}, {_n(x[1, 0])}), "
            f"y<sup>(i)</sup> = {int(q['y'])}.")
    forward = (f"<b>Forward.</b> {z1} = W<sup>[1]</sup> x<sup>(i)</sup> + b<sup>[1]</sup> and "
               f"{a1} = {g}({z1}): one row per hidden unit below. "
               f"{z2} = W<sup>[2]</sup> {a1} + b<sup>[2]</sup> = {_n(q['z2'])}; "
               f"{a2} = &sigma;({z2}) = {_n(q['a2'])}, so the network says class {predicted} "
               f"({'right' if predicted == q['y'] else 'wrong'}). "
               f"Loss L = &minus;(y log {a2} + (1 &minus; y) log(1 &minus; {a2})) = "
               f"{_n(q['loss'])}; the cost J over all m points is {_n(q['cost'])}.")
    backward = (f"<b>Backward.</b> {dz2} = {a2} &minus; y<sup>(i)</sup> = {_n(q['dz2'])}; "
                f"{dz1} = W<sup>[2]T</sup> {dz2} * {g}&prime;({z1}) (table). The step uses "
                f"the averages over the m points: dW<sup>[2]</sup> = (1/m) dZ<sup>[2]</sup> "
                f"A<sup>[1]T</sup>, db<sup>[2]</sup> = (1/m) &Sigma; dZ<sup>[2]</sup> = "
                f"{_n(grads['db2'][0, 0])}, dW<sup>[1]</sup> = (1/m) dZ<sup>[1]</sup> "
                f"X<sup>T</sup>, db<sup>[1]</sup> = (1/m) &Sigma; dZ<sup>[1]</sup>.")
    update = (f"<b>Update</b> (&alpha; = {alpha:g}): W := W &minus; &alpha; dW and "
              f"b := b &minus; &alpha; db for every parameter; b<sup>[2]</sup> goes from "
              f"{_n(p['b2'][0, 0])} to {_n(new['b2'][0, 0])}.")
    columns = ["unit j", "W<sup>[1]</sup><sub>j1</sub>, W<sup>[1]</sup><sub>j2</sub>",
               "b<sup>[1]</sup><sub>j</sub>", f"{z1}<sub>j</sub>", f"{a1}<sub>j</sub>",
               f"{dz1}<sub>j</sub>", "dW<sup>[1]</sup><sub>j1</sub>, dW<sup>[1]</sup><sub>j2</sub>",
               "db<sup>[1]</sup><sub>j</sub>", "W<sup>[2]</sup><sub>j</sub>",
               "dW<sup>[2]</sup><sub>j</sub>", "new W<sup>[2]</sup><sub>j</sub>"]
    rows = []
    for j in range(p["W1"].shape[0]):
        cells = [str(j + 1), f"{_n(p['W1'][j, 0])}, {_n(p['W1'][j, 1])}", _n(p["b1"][j, 0]),
                 _n(q["z1"][j, 0]), _n(q["a1"][j, 0]), _n(q["dz1"][j, 0]),
                 f"{_n(grads['dW1'][j, 0])}, {_n(grads['dW1'][j, 1])}", _n(grads["db1"][j, 0]),
                 _n(p["W2"][0, j]), _n(grads["dW2"][0, j]), _n(new["W2"][0, j])]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    table = ("<table><caption>The hidden units at this step</caption><thead><tr>"
             + "".join(f'<th scope="col">{c}</th>' for c in columns) + "</tr></thead><tbody>"
             + "".join(rows) + "</tbody></table>")
    return "".join(f"<p>{part}</p>" for part in (head, forward, backward, update)) + \
        f'<div style="max-height: 320px; overflow: auto">{table}</div>'


def step_view(get_run, on_point=None):
    """The "show one step's equations" view: a toggle, the point's number and the HTML.

    get_run() -> the playground's current ``PlanarRun``; ``on_point(i or None)`` is told
    which training point is shown (the playground rings it), None when the view is closed.
    Returns the VBox; ``box.update()`` redraws it (the playground calls it every frame).
    """
    toggle = widgets.ToggleButton(value=False, description="show one step's equations",
                                  tooltip="the numbers of the next step for one training point",
                                  icon="calculator", layout=widgets.Layout(width="260px"))
    point = widgets.BoundedIntText(value=1, min=1, max=1, description="training point i",
                                   style={"description_width": "initial"},
                                   layout=widgets.Layout(width="200px", display="none"))
    out = widgets.HTML()

    def update():
        if not toggle.value:
            out.value = ""
            return
        run = get_run()
        m = run.X.shape[1]
        point.max = m
        i = min(point.value, m) - 1
        q = one_step(run.params, run.X, run.Y, i, run.learning_rate, run.activation)
        out.value = step_html(q, i, run.iteration)
        if on_point is not None:
            on_point(i)

    def on_toggle(change):
        point.layout.display = "" if change["new"] else "none"
        if not change["new"] and on_point is not None:
            on_point(None)
        update()

    toggle.observe(on_toggle, "value")
    point.observe(lambda change: update(), "value")
    box = widgets.VBox([widgets.HBox([toggle, point]), out])
    box.update, box.toggle, box.point, box.out = update, toggle, point, out
    return box
