"""Diagrams of computations: boxes for the quantities, arrows for what flows where.

- ``computation_graph``: J = 3(a + bc) with forward values and backward derivatives
  (notebook 02, section 6);
- ``logistic_graph``: logistic regression for one example, x, w, b -> z -> a -> L,
  with forward values and backward derivatives (notebook 02, section 7);
- ``two_layer_pass``: the two-layer network's forward and backward pass with the
  shape of every quantity (notebook 03, section 5);
- ``building_blocks``: a deep network's forward steps, the caches they store and the
  backward steps that read them, drawn from ``layer_dims`` (notebook 04, section 5,
  and the shape-table widget).

Each function takes ``ax=None`` and returns what it wrote on the boxes (values,
derivatives or shapes), so tests can compare the drawing with the computation.
Colours come from ``helpers.plots``.
"""

import matplotlib.pyplot as plt
import numpy as np

from .activations import sigmoid
from .plots import BACKWARD_FACE, FORWARD_FACE, GRADIENT_COLOR, INPUT_FACE, axes_or_new
from .validation import check_scalar, check_size, describe


def _box(ax, x, y, text, face=FORWARD_FACE, width=1.6, height=0.7, fontsize=10):
    ax.add_patch(plt.Rectangle((x - width / 2, y - height / 2), width, height, facecolor=face,
                               edgecolor="0.2", zorder=2))
    return ax.text(x, y, text, ha="center", va="center", fontsize=fontsize, zorder=3)


def _arrow(ax, start, end, color="0.35", dashed=False):
    ax.annotate("", xy=end, xytext=start, zorder=1,
                arrowprops={"arrowstyle": "->", "color": color, "ls": "--" if dashed else "-",
                            "shrinkA": 0, "shrinkB": 0})


def _finish(ax, xlim, ylim, title):
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_axis_off()
    ax.set_title(title)


def computation_graph(a=5.0, b=3.0, c=2.0, ax=None):
    """The graph of J = 3(a + bc): u = bc, v = a + u, J = 3v, with forward values (black)
    and the derivatives dJ/d(node) of the backward pass (orange).

    Returns a dict node name -> (value, dJ/dnode).
    """
    a, b, c = (check_scalar(v, n, minimum=-1e100, maximum=1e100)
               for n, v in (("a", a), ("b", b), ("c", c)))
    ax = axes_or_new(ax, figsize=(10, 3.8))
    u = b * c
    v = a + u
    J = 3 * v
    nodes = {  # name: (x, y, value, dJ/dnode, label)
        "a": (0, 2, a, 3.0, "a"), "b": (0, 1, b, 3.0 * c, "b"), "c": (0, 0, c, 3.0 * b, "c"),
        "u": (2, 0.5, u, 3.0, "u = bc"), "v": (4, 1.25, v, 3.0, "v = a + u"),
        "J": (6, 1.25, J, 1.0, "J = 3v"),
    }
    for s, t in [("a", "v"), ("b", "u"), ("c", "u"), ("u", "v"), ("v", "J")]:
        (x0, y0), (x1, y1) = nodes[s][:2], nodes[t][:2]
        _arrow(ax, (x0 + 0.45, y0), (x1 - 0.45, y1))
    for name, (x, y, value, grad, label) in nodes.items():
        _box(ax, x, y, label, width=0.9, height=0.44, fontsize=10)
        ax.text(x, y - 0.36, f"= {value:g}", ha="center", va="center", fontsize=10)
        ax.text(x, y + 0.36, f"dJ/d{name} = {grad:g}", ha="center", va="center", fontsize=10,
                color=GRADIENT_COLOR)
    _finish(ax, (-0.8, 6.8), (-0.7, 2.7),
            "forward pass: values (black); backward pass: derivatives (orange)")
    return {name: (n[2], n[3]) for name, n in nodes.items()}


def logistic_graph(x, w, b, y, ax=None):
    """Logistic regression on one example as a graph: x, w, b -> z = w·x + b -> a = σ(z)
    -> L(a, y), with each node's forward value (black) and its derivative dL/d(node)
    from the backward pass (orange): da = -y/a + (1-y)/(1-a), dz = a - y,
    dw_i = x_i dz, db = dz.

    x, w : 1 to 4 features each (the same number)   b : a number   y : 0 or 1
    Returns a dict node name -> (value, dL/dnode); the inputs x_i have no derivative
    (None): gradient descent does not change the data.
    """
    x = np.atleast_1d(np.asarray(x, dtype=float)).ravel()
    w = np.atleast_1d(np.asarray(w, dtype=float)).ravel()
    if not 1 <= x.size <= 4 or w.size != x.size:
        raise ValueError(f"x and w need the same number of features, 1 to 4; got {x.size} and "
                         f"{w.size}")
    if y not in (0, 1):
        raise ValueError(f"y is a label, 0 or 1; got {y!r}")
    b = float(b)
    z = float(w @ x + b)
    a = float(sigmoid(z))
    loss = float(-(y * np.log(a) + (1 - y) * np.log(1 - a)))
    da = -y / a + (1 - y) / (1 - a)
    dz = a - y
    n = x.size
    ax = axes_or_new(ax, figsize=(11, 1.2 + 1.1 * (2 * n + 1)))
    rows = 2 * n + 1
    nodes = {}
    for i in range(n):
        nodes[f"x{i + 1}"] = (0, rows - 1 - 2 * i, x[i], None, f"x{i + 1}", INPUT_FACE)
        nodes[f"w{i + 1}"] = (0, rows - 2 - 2 * i, w[i], x[i] * dz, f"w{i + 1}", FORWARD_FACE)
    nodes["b"] = (0, 0, b, dz, "b", FORWARD_FACE)
    middle = (rows - 1) / 2
    terms = " + ".join(f"w{i + 1}x{i + 1}" for i in range(n))
    nodes["z"] = (3, middle, z, dz, f"z = {terms} + b", FORWARD_FACE)
    nodes["a"] = (6, middle, a, da, "a = σ(z)", FORWARD_FACE)
    nodes["L"] = (8.5, middle, loss, 1.0, f"L(a, y), y = {y}", FORWARD_FACE)
    for name in [k for k in nodes if k[0] in "xwb"]:
        _arrow(ax, (0.5, nodes[name][1]), (3 - 1.1, middle))
    _arrow(ax, (3 + 1.1, middle), (6 - 0.8, middle))
    _arrow(ax, (6 + 0.8, middle), (8.5 - 0.9, middle))
    for name, (px, py, value, grad, label, face) in nodes.items():
        width = 2.2 if name == "z" else 1.8 if name == "L" else 1.6 if name == "a" else 0.9
        _box(ax, px, py, label, face=face, width=width, height=0.42)
        ax.text(px, py - 0.38, f"= {value:.4g}", ha="center", va="center", fontsize=10)
        if grad is not None:
            ax.text(px, py + 0.38, f"d{name} = {grad:.4g}", ha="center", va="center", fontsize=10,
                    color=GRADIENT_COLOR)
    _finish(ax, (-0.8, 9.6), (-0.7, rows - 0.3),
            "one example: values (black) left to right, derivatives dL/d(node) (orange) right to left")
    return {name: (float(v), None if g is None else float(g))
            for name, (_, _, v, g, _, _) in nodes.items()}


def two_layer_pass(n_x, n_h, m, n_y=1, ax=None):
    """The two-layer network's forward pass (top row, left to right) and backward pass
    (bottom rows, right to left), each quantity with its shape; dashed arrows show
    the cached forward values the backward pass reads.

    n_x, n_h, n_y : units of the input, hidden and output layers   m : examples
    Returns a dict quantity name -> shape, as drawn.
    """
    n_x, n_h, n_y, m = (check_size(v, name) for name, v in
                        (("n_x", n_x), ("n_h", n_h), ("n_y", n_y), ("m", m)))
    shapes = {"X": (n_x, m), "W1": (n_h, n_x), "b1": (n_h, 1), "Z1": (n_h, m), "A1": (n_h, m),
              "W2": (n_y, n_h), "b2": (n_y, 1), "Z2": (n_y, m), "A2": (n_y, m),
              "dZ2": (n_y, m), "dW2": (n_y, n_h), "db2": (n_y, 1),
              "dZ1": (n_h, m), "dW1": (n_h, n_x), "db1": (n_h, 1)}
    ax = axes_or_new(ax, figsize=(13, 5.4))
    s = {k: str(v) for k, v in shapes.items()}
    top, bottom, low = 2.6, 0.6, -0.7
    _box(ax, 0, top, f"X = A[0]\n{s['X']}", face=INPUT_FACE, width=1.5)
    _box(ax, 1.9, top + 1.1, f"W1 {s['W1']}\nb1 {s['b1']}", width=1.7)
    _box(ax, 3.4, top, f"Z1 = W1 X + b1\n{s['Z1']}", width=2.0)
    _box(ax, 5.7, top, f"A1 = tanh(Z1)\n{s['A1']}", width=1.9)
    _box(ax, 7.3, top + 1.1, f"W2 {s['W2']}\nb2 {s['b2']}", width=1.7)
    _box(ax, 8.9, top, f"Z2 = W2 A1 + b2\n{s['Z2']}", width=2.1)
    _box(ax, 11.2, top, f"A2 = σ(Z2)\n{s['A2']}", width=1.7)
    for x0, x1 in ((0.75, 2.4), (4.4, 4.75), (6.65, 7.85), (9.95, 10.35)):
        _arrow(ax, (x0, top), (x1, top))
    _arrow(ax, (1.9, top + 0.75), (2.9, top + 0.36))
    _arrow(ax, (7.3, top + 0.75), (8.3, top + 0.36))
    ax.text(12.3, top, "→ cost J", va="center", fontsize=10)
    _box(ax, 11.2, bottom, f"dZ2 = A2 − Y\n{s['dZ2']}", face=BACKWARD_FACE, width=1.9)
    _box(ax, 8.9, low, f"dW2 = dZ2 A1ᵀ / m  {s['dW2']}\ndb2 = Σ dZ2 / m  {s['db2']}",
         face=BACKWARD_FACE, width=3.0)
    _box(ax, 5.7, bottom, f"dZ1 = W2ᵀ dZ2 ∗ (1 − A1²)\n{s['dZ1']}", face=BACKWARD_FACE, width=3.0)
    _box(ax, 2.9, low, f"dW1 = dZ1 Xᵀ / m  {s['dW1']}\ndb1 = Σ dZ1 / m  {s['db1']}",
         face=BACKWARD_FACE, width=3.0)
    _arrow(ax, (10.25, bottom), (7.2, bottom), color=GRADIENT_COLOR)
    _arrow(ax, (11.2, bottom - 0.36), (10.4, low + 0.36), color=GRADIENT_COLOR)
    _arrow(ax, (5.7, bottom - 0.36), (4.4, low + 0.36), color=GRADIENT_COLOR)
    for x in (5.7, 11.2):  # the cached activations the backward pass reads
        _arrow(ax, (x, top - 0.36), (x, bottom + 0.36), dashed=True)
    ax.text(5.8, (top + bottom) / 2, "cache: A1", fontsize=10, color="0.3", va="center")
    ax.text(11.3, (top + bottom) / 2, "cache: A2", fontsize=10, color="0.3", va="center")
    _finish(ax, (-0.9, 13.2), (-1.3, top + 1.6),
            f"Forward (top) and backward (bottom) pass, n_x = {n_x}, n_h = {n_h}, m = {m}")
    return shapes


def _shown_layers(L, most=5):
    """Layer numbers to draw: all of 1..L, or the first and last two with None for a gap."""
    if L <= most:
        return list(range(1, L + 1))
    return [1, 2, None, L - 1, L]


def building_blocks(layer_dims, m="m", ax=None, hidden_activation="relu"):
    """A deep network's building blocks for ``layer_dims`` [n0, ..., nL]: forward step l
    (top row) turns A[l-1] into A[l] and stores cache l ((A[l-1], W[l], b[l]), Z[l]);
    backward step l (bottom row) reads that cache and turns dA[l] into dA[l-1],
    dW[l] and db[l]. Every quantity carries its shape; ``m`` is the number of
    examples (a number, or the letter m). Networks deeper than 5 layers show the
    first two and last two layers with a gap between.

    Returns a list with one dict per drawn layer: "l", and the shapes "A_prev", "A",
    "W", "b", "dW", "db" as written on the boxes.
    """
    if not isinstance(layer_dims, (list, tuple)) or len(layer_dims) < 2:
        raise ValueError(f"layer_dims needs a list of at least 2 sizes (input first), got "
                         f"{describe(layer_dims)}")
    dims = [check_size(n, f"layer_dims[{i}]") for i, n in enumerate(layer_dims)]
    L = len(dims) - 1
    shown = _shown_layers(L)
    step = 3.4
    ax = axes_or_new(ax, figsize=(min(2.4 * len(shown) + 2.2, 13), 4.8))
    drawn = []
    for k, l in enumerate(shown):
        x = step * k + 1.6
        if l is None:
            for y in (2.2, -0.2):
                ax.text(x, y, "· · ·", ha="center", va="center", fontsize=14)
        else:
            n, n_prev = dims[l], dims[l - 1]
            g = "sigmoid" if l == L else hidden_activation
            shape = {"l": l, "A_prev": f"({n_prev}, {m})", "A": f"({n}, {m})",
                     "W": f"({n}, {n_prev})", "b": f"({n}, 1)", "dW": f"({n}, {n_prev})",
                     "db": f"({n}, 1)"}
            drawn.append(shape)
            _box(ax, x, 2.2, f"forward {l}: {g}\nA[{l - 1}] {shape['A_prev']}\n"
                             f"→ A[{l}] {shape['A']}", width=2.9, height=0.95, fontsize=10)
            _box(ax, x, -0.2, f"backward {l}\ndA[{l}] {shape['A']}\n→ dA[{l - 1}]\n"
                              f"dW[{l}] {shape['dW']}\ndb[{l}] {shape['db']}",
                 face=BACKWARD_FACE, width=2.9, height=1.5, fontsize=10)
            _arrow(ax, (x, 1.72), (x, 0.55), dashed=True)
            ax.text(x + 0.08, 1.1, f"cache {l}: A[{l - 1}],\nW[{l}] {shape['W']},\nb[{l}], Z[{l}]",
                    fontsize=10, va="center", color="0.3")
        if k < len(shown) - 1:
            _arrow(ax, (x + 1.45, 2.2), (x + step - 1.45, 2.2))
            _arrow(ax, (x + step - 1.5, -0.2), (x + 1.5, -0.2), color=GRADIENT_COLOR)
    x_end = step * (len(shown) - 1) + 1.6
    ax.text(x_end + 1.55, 2.2, f"A[{L}] = ŷ\n→ cost J", va="center", fontsize=10)
    ax.text(x_end + 1.6, -0.2, f"← dA[{L}]", va="center", fontsize=10, color=GRADIENT_COLOR)
    ax.text(0.1, 2.2, "X →", va="center", ha="right", fontsize=10)
    _finish(ax, (-0.5, x_end + 2.8), (-1.05, 2.9),
            f"n = {dims}: each forward step caches what its backward step needs")
    return drawn
