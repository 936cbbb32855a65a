"""Widgets of notebook 02 (logistic regression): 1-D gradient descent, broadcasting, the logistic playground."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from .. import nb02_logistic, plots
from .common import LAYOUT, WIDE, panel, log_slider

def descent_1d_figure(learning_rate=0.1, steps=12, w0=-1.0, ax=None):
    """Gradient descent on J(w) = (w - 2)^2 + 1 from ``w0``, drawn on the curve.

    Each step is w := w - alpha * 2 (w - 2), so the distance to the minimum is
    multiplied by (1 - 2 alpha): below 0.5 it shrinks slowly, at 0.5 it vanishes in
    one step, between 0.5 and 1 it overshoots and oscillates inward, above 1 it
    grows (divergence); at exactly 1 it bounces between two points forever.
    Returns ``(figure, list of w)``.
    """
    learning_rate = float(np.clip(learning_rate, 1e-3, 1.5))
    steps = int(np.clip(steps, 1, 50))
    ws = [w0]
    for _ in range(steps):
        ws.append(ws[-1] - learning_rate * 2 * (ws[-1] - 2))
    ws_arr = np.array(ws)
    J = (ws_arr - 2) ** 2 + 1
    span = max(4.0, float(np.abs(ws_arr - 2).max()) * 1.1)
    w = np.linspace(2 - span, 2 + span, 300)
    if ax is None:
        _, ax = plt.subplots(figsize=(6.5, 3.6))
    ax.plot(w, (w - 2) ** 2 + 1, color="0.4", label="J(w) = (w - 2)² + 1")
    ax.plot(ws_arr, J, "o-", color=plots.CLASS_COLORS[1], ms=4, lw=1, label="steps")
    ax.plot(ws_arr[0], J[0], "s", color=plots.CLASS_COLORS[0], label="start")
    factor = 1 - 2 * learning_rate
    verdict = ("diverges" if abs(factor) > 1 else "bounces forever" if abs(factor) == 1 else
               "one step" if abs(factor) < 1e-9 else "overshoots, converges" if factor < 0 else
               "converges" + (" slowly" if factor > 0.7 else ""))
    ax.set_title(f"α = {learning_rate:g}: {verdict}; after {steps} steps w = {ws_arr[-1]:.3g}")
    ax.set_xlabel("w")
    ax.set_ylabel("J(w)")
    ax.legend(loc="upper center")
    return ax.figure, ws


def descent_1d_widget(learning_rate=0.3, steps=12):
    """A slider for alpha (0.01 to 1.2) and one for the number of steps."""
    rate = widgets.FloatSlider(value=learning_rate, min=0.01, max=1.2, step=0.01,
                               description="learning rate α", continuous_update=False, style=WIDE,
                               layout=LAYOUT)
    n = widgets.IntSlider(value=steps, min=1, max=30, description="steps", continuous_update=False,
                          style=WIDE, layout=LAYOUT)
    out = widgets.Output()
    return panel([rate, n], out, lambda: descent_1d_figure(rate.value, n.value)[0])


BROADCAST_SHAPES = ["(3, 4)", "(1, 4)", "(3, 1)", "(1, 1)", "(4,)", "(3,)", "(2, 4)", "()"]


def parse_shape(text):
    """'(3, 4)' -> (3, 4); '(4,)' -> (4,); '()' -> (). Raises ValueError with the expected form."""
    cleaned = text.strip().strip("()").replace(" ", "")
    try:
        shape = tuple(int(p) for p in cleaned.split(",") if p)
    except ValueError:
        raise ValueError(f"a shape looks like (3, 4), (4,) or (); got {text!r}") from None
    if len(shape) > 2 or any(n < 1 or n > 8 for n in shape):
        raise ValueError(f"use at most 2 dimensions of size 1 to 8 here; got {text!r}")
    return shape


def broadcast_widget(a="(3, 4)", b="(1, 4)"):
    """Two dropdowns of shapes (you may also type one); draws how numpy broadcasts a + b."""
    pick_a = widgets.Combobox(value=a, options=BROADCAST_SHAPES, description="shape of a",
                              ensure_option=False, continuous_update=False, style=WIDE)
    pick_b = widgets.Combobox(value=b, options=BROADCAST_SHAPES, description="shape of b",
                              ensure_option=False, continuous_update=False, style=WIDE)
    out = widgets.Output()

    def draw():
        fig, ax = plt.subplots(figsize=(9, 2.8))
        plots.plot_broadcast(parse_shape(pick_a.value), parse_shape(pick_b.value), ax=ax)
        return fig

    return panel([pick_a, pick_b], out, draw)


LOGISTIC_LIMITS = {"learning_rate": (1e-4, 10.0), "num_iterations": (100, 3000)}


def logistic_figure(X_train, Y_train, X_test, Y_test, learning_rate=0.5, num_iterations=1000,
                    progress=None):
    """Train ``helpers.nb02_logistic`` from zeros; draw the cost curve titled with both accuracies.

    Trains in chunks of 100 iterations so ``progress`` (an ipywidgets progress bar)
    can advance; the costs are the same as one long ``optimize`` call.
    Returns ``(figure, train accuracy %, test accuracy %)``.
    """
    w, b = nb02_logistic.initialize_with_zeros(X_train.shape[0])
    costs = []
    chunks = int(np.ceil(num_iterations / nb02_logistic.COST_EVERY))
    if progress is not None:
        progress.max, progress.value = chunks, 0
    for k in range(chunks):
        n = min(nb02_logistic.COST_EVERY, num_iterations - k * nb02_logistic.COST_EVERY)
        params, _, chunk_costs = nb02_logistic.optimize(w, b, X_train, Y_train, n, learning_rate)
        w, b = params["w"], params["b"]
        costs += chunk_costs
        if progress is not None:
            progress.value = k + 1
    train_acc = nb02_logistic.accuracy(nb02_logistic.predict(w, b, X_train), Y_train)
    test_acc = nb02_logistic.accuracy(nb02_logistic.predict(w, b, X_test), Y_test)
    fig, ax = plt.subplots(figsize=(6.5, 3.6))
    plots.plot_costs(costs, ax=ax, title=f"α = {learning_rate:.3g}, {num_iterations} iterations: "
                                         f"train {train_acc:.1f}%, test {test_acc:.1f}%")
    return fig, train_acc, test_acc


def logistic_playground(X_train, Y_train, X_test, Y_test, learning_rate=0.5, num_iterations=1000):
    """A log slider for alpha and a slider for iterations; retrains the reference model."""
    rate = log_slider(learning_rate, *LOGISTIC_LIMITS["learning_rate"], "learning rate α", step=0.25)
    lo, hi = LOGISTIC_LIMITS["num_iterations"]
    iters = widgets.IntSlider(value=num_iterations, min=lo, max=hi, step=100,
                              description="iterations", continuous_update=False, style=WIDE,
                              layout=LAYOUT)
    bar = widgets.IntProgress(value=0, min=0, max=1, description="training")
    out = widgets.Output()

    def draw():
        fig, _, _ = logistic_figure(X_train, Y_train, X_test, Y_test, rate.value, iters.value, bar)
        return fig

    return panel([rate, iters], out, draw, status=[bar])
