"""Plots for the notebooks. Each function takes ``ax=None`` (a new figure when None),
draws, and returns what it drew; none calls ``plt.show()``.

Figure defaults live here only: ``setup()`` applies them (the notebooks call it
once) and shows every figure with its alt text (``helpers.alt_text``). ``CLASS_COLORS``
and ``CMAP`` are colour-blind-safe (Okabe-Ito blue and orange; cividis), and the two
classes differ by marker too (``CLASS_MARKERS``: circles and triangles), so colour is
never the only difference. Figures are opaque white, readable on a dark theme. Diagrams of computations (graphs, building blocks) are in
``helpers.diagrams``, with the colours defined here.
"""

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap, to_hex
from matplotlib.markers import MarkerStyle

from . import alt_text

from .activations import ACTIVATIONS
from .validation import (check_array, check_callable, check_choice, check_labels,
                         check_scalar, check_size, describe)

CLASS_COLORS = ("#0072B2", "#E69F00")      # class 0 blue, class 1 orange (Okabe-Ito)
CLASS_MARKERS = ("o", "^")                  # class 0 circles, class 1 triangles
CLASS_NAMES = ("class 0 (blue circles)", "class 1 (orange triangles)")
LINE_COLORS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")
CMAP = "cividis"
REGION_CMAP = ListedColormap(["#9ecae1", "#fdd0a2"])  # light blue / light orange backgrounds
# boxes of the diagrams (helpers.diagrams): inputs grey, forward blue, backward orange
INPUT_FACE, FORWARD_FACE, BACKWARD_FACE = "#f0f0f0", "#cfe3f3", "#fdd0a2"
GRADIENT_COLOR = "#D55E00"  # derivatives and backward arrows (Okabe-Ito vermillion)
RC = {
    "figure.figsize": (6.0, 3.6),
    "figure.dpi": 80,
    # opaque: a transparent figure's black text vanishes on JupyterLab's dark theme
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "font.size": 10,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "legend.fontsize": 10,
    "axes.prop_cycle": mpl.cycler(color=LINE_COLORS),
    "image.cmap": CMAP,
}


CLASSES_BY_COLOR = {to_hex(c): name for c, name in zip(CLASS_COLORS, CLASS_NAMES)}


def setup():
    """Apply the notebooks' figure defaults (sizes, colours, grid, opaque white) and, in a
    notebook, show each figure with its alt text."""
    mpl.rcParams.update(RC)
    alt_text.show_alt_text(CLASSES_BY_COLOR)


def alt_text_of(fig):
    """The alt text of figure ``fig`` (what it draws, in words and numbers)."""
    return alt_text.describe_figure(fig, CLASSES_BY_COLOR)


def scatter_classes(ax, X, Y, s=12):
    """Scatter points X (2, m) on ``ax``: class 0 blue circles, class 1 orange triangles
    (colour and marker both tell the classes apart). Returns the one PathCollection."""
    labels = Y.ravel().astype(int)
    points = ax.scatter(X[0], X[1], c=np.array(CLASS_COLORS)[labels], s=s, edgecolors="k",
                        linewidths=0.3)
    shapes = [MarkerStyle(m) for m in CLASS_MARKERS]
    paths = [shape.get_path().transformed(shape.get_transform()) for shape in shapes]
    points.set_paths([paths[k] for k in labels])
    return points


def axes_or_new(ax, figsize=None, name="ax"):
    """``ax`` if it is a matplotlib Axes, a new figure's Axes if it is None; else a TypeError."""
    if ax is not None and not isinstance(ax, mpl.axes.Axes):
        raise TypeError(f"{name} must be a matplotlib Axes (or None for a new figure), got "
                        f"{describe(ax)}")
    if ax is None:
        _, ax = plt.subplots(figsize=figsize)
    return ax


def plot_costs(costs, every=100, ax=None, label=None, title=None):
    """Cost against iteration; ``costs[k]`` was recorded at iteration ``k * every``.

    costs : a list or 1-D array of finite numbers (may be empty); every : a whole
    number >= 1. Returns the Line2D.
    """
    if isinstance(costs, (list, tuple)):
        if not all(isinstance(c, (int, float, np.number)) and not isinstance(c, bool) for c in costs):
            raise TypeError(f"costs must be a list of numbers (the costs a model returned), got "
                            f"{describe(costs)}")
        costs = np.array(costs, dtype=np.float64)
    costs = check_array(costs, "costs", "(k,)", (None,), allow_empty=True)
    every = check_size(every, "every")
    ax = axes_or_new(ax)
    iterations = np.arange(len(costs)) * every
    (line,) = ax.plot(iterations, costs, label=label)
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost J")
    if title:
        ax.set_title(title)
    if label:
        ax.legend()
    return line


def decision_grid(X, step=None, margin=0.5, points=100):
    """A grid covering the points X (2, m): returns (xx, yy, grid (2, n_points)).

    step : the grid spacing (a positive number) or None for ``points`` steps across
    the wider side; margin : a number >= 0 added around the points.
    """
    X = check_array(X, "X", "(2, m)", (2, None))
    margin = check_scalar(margin, "margin", minimum=0)
    points = check_size(points, "points")
    if step is not None:
        step = check_scalar(step, "step", positive=True)
    if np.ptp(X, axis=1).max() == 0 and margin == 0:
        raise ValueError("X's points all coincide and margin is 0: there is no area to cover; "
                         "give a positive margin")
    x_min, x_max = X[0].min() - margin, X[0].max() + margin
    y_min, y_max = X[1].min() - margin, X[1].max() + margin
    if step is None:
        step = max(x_max - x_min, y_max - y_min) / points
    n = ((x_max - x_min) / step + 1) * ((y_max - y_min) / step + 1)
    if not np.isfinite(n) or n > 4_000_000:
        raise ValueError(f"step={step:g} would make a grid of about {n:.3g} points over X's range; "
                         f"use a larger step (or step=None)")
    xx, yy = np.meshgrid(np.arange(x_min, x_max, step), np.arange(y_min, y_max, step))
    return xx, yy, np.vstack([xx.ravel(), yy.ravel()])


def plot_decision_boundary(predict, X, Y, ax=None, title=None, step=None):
    """Shade where ``predict(points (2, n)) -> (1, n) labels`` says 0 or 1; scatter X (2, m) by Y.

    Returns ``(contour_set, scatter)``.
    """
    check_callable(predict, "predict", "predict(points of shape (2, n)) -> labels (1, n)")
    X, Y = _points(X, Y)
    ax = axes_or_new(ax, figsize=(4.5, 3.8))
    xx, yy, grid = decision_grid(X, step)
    Z = predict(grid)
    if not isinstance(Z, np.ndarray) or Z.size != xx.size or Z.dtype.kind not in "biuf":
        raise ValueError(f"predict must return a numeric array of {xx.size} labels (one per grid "
                         f"point, shape (1, {xx.size})), got {describe(Z)}")
    Z = Z.astype(float).reshape(xx.shape)
    if not np.isin(Z, (0.0, 1.0)).all():
        raise ValueError("predict must return labels 0 or 1 (not probabilities); compare with 0.5")
    regions = ax.contourf(xx, yy, Z, levels=[-0.5, 0.5, 1.5], cmap=REGION_CMAP, alpha=0.8)
    points = scatter_classes(ax, X, Y)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.grid(False)
    if title:
        ax.set_title(title)
    return regions, points


def _points(X, Y):
    """X (2, m) finite, Y (1, m) of 0/1 labels (int labels are fine)."""
    X = check_array(X, "X", "(2, m)", (2, None))
    return X, check_labels(Y, X.shape[1], "Y", against="X")


def plot_points(X, Y, ax=None, title=None):
    """Scatter 2-D points X (2, m) coloured by their labels Y (1, m). Returns the scatter."""
    X, Y = _points(X, Y)
    ax = axes_or_new(ax, figsize=(4.5, 3.8))
    points = scatter_classes(ax, X, Y)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if title:
        ax.set_title(title)
    return points


def plot_network(layer_sizes, ax=None, labels=None, title=None, max_units=10):
    """A network diagram: one column of circles per layer, every unit joined to the next layer.

    layer_sizes : [n0, n1, ..., nL] (the input layer first)
    labels      : optional list of lists of unit names, one list per layer
    Layers wider than ``max_units`` show their first and last units with a gap
    marked "...". Returns the list of circle patches.
    """
    if not isinstance(layer_sizes, (list, tuple)) or not layer_sizes:
        raise TypeError(f"layer_sizes must be a non-empty list of unit counts [n0, n1, ...], got "
                        f"{describe(layer_sizes)}")
    layer_sizes = [check_size(n, f"layer_sizes[{i}]") for i, n in enumerate(layer_sizes)]
    max_units = check_scalar(max_units, "max_units", integer=True, minimum=2, maximum=100)
    if labels is not None and not (isinstance(labels, (list, tuple))
                                   and all(isinstance(u, (list, tuple)) for u in labels)):
        raise TypeError(f"labels must be a list of lists of unit names, one per layer, got "
                        f"{describe(labels)}")
    ax = axes_or_new(ax, figsize=((2.4 if labels else 1.9) * len(layer_sizes) + 1, 3.4))
    ax.set_axis_off()
    ax.set_aspect("equal")
    shown = []
    for n in layer_sizes:
        if n <= max_units:
            shown.append(list(range(n)))
        else:
            half = max_units // 2
            shown.append(list(range(half)) + [None] + list(range(n - half + 1, n)))
    height = max(len(s) for s in shown)
    gap = 3.2 if labels else 3.0  # room for unit names and "layer l, n = ..." between columns
    positions = []
    for col, units in enumerate(shown):
        ys = np.linspace(0, height - 1, len(units)) if len(units) > 1 else [(height - 1) / 2]
        positions.append([(gap * col, height - 1 - y) for y in ys])
    for col in range(len(shown) - 1):
        for (x0, y0), u0 in zip(positions[col], shown[col]):
            for (x1, y1), u1 in zip(positions[col + 1], shown[col + 1]):
                if u0 is not None and u1 is not None:
                    ax.plot([x0, x1], [y0, y1], color="0.75", lw=0.6, zorder=1)
    circles = []
    names = ["input"] + [f"layer {l}" for l in range(1, len(layer_sizes))]
    for col, (units, pos) in enumerate(zip(shown, positions)):
        face = "#f0f0f0" if col == 0 else (CLASS_COLORS[1] if col == len(shown) - 1 else "#cfe3f3")
        for k, (u, (x, y)) in enumerate(zip(units, pos)):
            if u is None:
                ax.text(x, y, "⋮", ha="center", va="center", fontsize=14)
                continue
            c = plt.Circle((x, y), 0.32, facecolor=face, edgecolor="0.2", zorder=2)
            ax.add_patch(c)
            circles.append(c)
            if labels is not None and col < len(labels) and u < len(labels[col]):
                side = -0.45 if col == 0 else 0.45
                ax.text(x + side, y, labels[col][u], ha="right" if col == 0 else "left",
                        va="center", fontsize=10, zorder=3,
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5})
        # many layers: the short label n[l] over its size, so that neighbours never overlap
        label = (f"n[{col}]\n{layer_sizes[col]}" if len(shown) > 7 else
                 f"{names[col]}\nn = {layer_sizes[col]}")
        ax.text(gap * col, -1.0, label, ha="center", va="top", fontsize=10)
    ax.set_xlim(-2.5 if labels else -1.5, gap * (len(shown) - 1) + (2.5 if labels else 1.5))
    ax.set_ylim(-2.0, height)
    if title:
        ax.set_title(title)
    return circles


def plot_activations(z=None, names=("sigmoid", "tanh", "relu", "leaky_relu"), axes=None):
    """Each activation g(z) and its slope g'(z), side by side.

    z : a 1-D array of finite numbers (default 401 points from -5 to 5)
    names : activation names from ``ACTIVATIONS``; axes : two Axes or None.
    Returns the two axes ``(ax_g, ax_slope)``.
    """
    z = np.linspace(-5, 5, 401) if z is None else check_array(z, "z", "(k,)", (None,))
    if isinstance(names, str) or not isinstance(names, (list, tuple)) or not names:
        raise TypeError(f"names must be a non-empty list of activation names, got {describe(names)}")
    for i, name in enumerate(names):
        check_choice(name, f"names[{i}]", ACTIVATIONS)
    if axes is not None:
        if len(np.atleast_1d(axes)) != 2:
            raise ValueError(f"axes must be two matplotlib Axes (or None), got {describe(axes)}")
        for i, ax in enumerate(np.atleast_1d(axes)):
            axes_or_new(ax, name=f"axes[{i}]")
    if axes is None:
        _, axes = plt.subplots(1, 2, figsize=(9, 3.4))
    ax_g, ax_d = axes
    for name in names:
        g, dg = ACTIVATIONS[name].forward, ACTIVATIONS[name].derivative
        ax_g.plot(z, g(z), label=name)
        ax_d.plot(z, dg(z), label=name)
    ax_g.set_title("g(z)")
    ax_d.set_title("slope g'(z)")
    for ax in axes:
        ax.set_xlabel("z")
        ax.axhline(0, color="0.5", lw=0.6)
    ax_g.legend()
    return ax_g, ax_d


def plot_images(images, titles=None, ncols=8, axes=None, cmap="gray_r"):
    """A gallery of 2-D images (a (k, h, w) array, or a list of any sizes) with optional titles.

    ``cmap`` is one colormap or a list with one per image. The default, gray_r, shows
    the bright ink of the digit images as dark ink on white. Returns the array of axes.
    """
    if isinstance(images, np.ndarray):
        images = list(check_array(images, "images", "(k, height, width)", (None, None, None),
                                  as_float=False))
    if not isinstance(images, (list, tuple)) or not images:
        raise TypeError(f"images must be a (k, height, width) array or a non-empty list of 2-D "
                        f"arrays, got {describe(images)}")
    images = [check_array(im, f"images[{i}]", "(height, width)", (None, None), as_float=False)
              for i, im in enumerate(images)]
    ncols = check_size(ncols, "ncols")
    if titles is not None and (not isinstance(titles, (list, tuple)) or len(titles) != len(images)):
        raise ValueError(f"titles must be a list of {len(images)} titles (one per image), got "
                         f"{describe(titles)}")
    if not isinstance(cmap, str) and (not isinstance(cmap, (list, tuple)) or len(cmap) != len(images)):
        raise ValueError(f"cmap must be one colormap name or a list of {len(images)}, got "
                         f"{describe(cmap)}")
    k = len(images)
    nrows = max(1, int(np.ceil(k / ncols)))
    if axes is None:
        _, axes = plt.subplots(nrows, ncols, figsize=(1.3 * ncols, 1.5 * nrows), squeeze=False)
    axes = np.atleast_1d(axes).ravel()
    for i, ax in enumerate(axes):
        ax.set_axis_off()
        if i < k:
            ax.imshow(images[i], cmap=cmap if isinstance(cmap, str) else cmap[i], vmin=0,
                      vmax=max(float(np.max(images[i])), 1.0))
            if titles is not None:
                ax.set_title(titles[i], fontsize=10)
    return axes


def _grid(ax, x0, shape, label, stretched_rows=None, stretched_cols=None, values=None):
    """Draw a 2-D array of ``shape`` as cells from x0; stretched cells are hatched copies."""
    rows, cols = shape
    for i in range(rows):
        for j in range(cols):
            copy = (stretched_rows is not None and i >= stretched_rows) or \
                   (stretched_cols is not None and j >= stretched_cols)
            ax.add_patch(plt.Rectangle((x0 + j, -i - 1), 1, 1, facecolor="#fdd0a2" if copy else
                                       "#9ecae1", edgecolor="0.3", hatch="//" if copy else None))
            if values is not None:
                ax.text(x0 + j + 0.5, -i - 0.5, f"{values[i, j]:g}", ha="center", va="center",
                        fontsize=10)
    ax.text(x0 + cols / 2, 0.4, label, ha="center", va="bottom", fontsize=10)
    return x0 + cols


def plot_broadcast(shape_a, shape_b, ax=None):
    """Show how numpy stretches ``a`` and ``b`` of the given shapes to add them.

    Copies made by broadcasting are hatched orange. Returns the result's shape, or
    draws numpy's error message and returns None when the shapes do not broadcast.
    shape_a, shape_b : tuples of at most 2 whole numbers >= 1, at most 12 cells wide.
    """
    shape_a, shape_b = _small_shape(shape_a, "shape_a"), _small_shape(shape_b, "shape_b")
    ax = axes_or_new(ax, figsize=(9, 2.8))
    ax.set_axis_off()
    a = np.arange(int(np.prod(shape_a)), dtype=float).reshape(shape_a) + 1
    b = (np.arange(int(np.prod(shape_b)), dtype=float).reshape(shape_b) + 1) * 10
    try:
        result = a + b
    except ValueError as exc:
        ax.text(0.5, 0.5, f"a {shape_a} + b {shape_b}:\n{exc}", ha="center", va="center",
                fontsize=10, color="#D55E00", transform=ax.transAxes, wrap=True)
        return None
    out_shape = result.shape
    as2d = lambda s: (1, 1) if len(s) == 0 else ((1, s[0]) if len(s) == 1 else s)  # noqa: E731
    r_shape = as2d(out_shape)
    x = 0
    for arr, name in ((a, "a"), (b, "b")):
        s = as2d(arr.shape)
        full = np.broadcast_to(arr.reshape(s), r_shape)
        x = _grid(ax, x, r_shape, f"{name}: shape {arr.shape}\nstretched to {out_shape}",
                  stretched_rows=s[0] if s[0] < r_shape[0] else None,
                  stretched_cols=s[1] if s[1] < r_shape[1] else None, values=full)
        ax.text(x + 0.5, -r_shape[0] / 2, "+" if name == "a" else "=", ha="center", va="center",
                fontsize=14)
        x += 1
    _grid(ax, x, r_shape, f"a + b: shape {out_shape}", values=result.reshape(r_shape))
    ax.set_xlim(-0.5, x + r_shape[1] + 0.5)
    ax.set_ylim(-r_shape[0] - 0.5, 1.3)
    ax.set_aspect("equal")
    return out_shape


def _small_shape(shape, name):
    if not isinstance(shape, tuple):
        raise TypeError(f"{name} must be a tuple of sizes such as (3, 1), got {describe(shape)}")
    if len(shape) > 2:
        raise ValueError(f"{name} may have at most 2 dimensions to draw, got {shape}")
    return tuple(check_scalar(n, f"{name}[{i}]", integer=True, minimum=1, maximum=12)
                 for i, n in enumerate(shape))
