"""Interactive widgets for the notebooks. Builders return the widget; the notebook
displays it. Everything that trains waits for the slider to be released
(``continuous_update=False``); slider ranges are clamped so no setting freezes
the kernel; errors show in the widget's output area: a short message for bad
settings (a diverging learning rate), the full traceback for anything else.

Each widget also has a plain function that computes and draws one setting
(``planar_figure`` ...), so the notebook can show the default picture as a normal
output (visible on GitHub, where widgets do not run) and tests can call it.
"""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display
from threadpoolctl import threadpool_limits

from . import deep, logistic, plots, shallow
from .activations import sigmoid
from .data import prepare_digit_image
from .validation import TrainingDiverged

WIDE = {"description_width": "initial"}
LAYOUT = widgets.Layout(width="320px")


def log_slider(value, low, high, description, step=0.1):
    """A FloatLogSlider from about ``low`` to ``high`` whose grid of 10**(k * step) values
    contains ``value`` exactly, so the default shows as typed (not snapped to a neighbour)."""
    start = np.log10(value)
    below = np.ceil((start - np.log10(low)) / step - 1e-9)
    above = np.ceil((np.log10(high) - start) / step - 1e-9)
    return widgets.FloatLogSlider(value=value, base=10, min=start - below * step,
                                  max=start + above * step, step=step, description=description,
                                  readout_format=".3g", continuous_update=False, style=WIDE,
                                  layout=LAYOUT)


def redraw(out, draw):
    """Run ``draw() -> figure`` and show the figure in the Output ``out``.

    Bad settings (``ValueError``, ``TrainingDiverged``) print their message in the
    output; any other error shows its traceback there (the ``with out`` block).
    """
    with out:
        out.clear_output(wait=True)
        try:
            fig = draw()
        except (ValueError, TrainingDiverged) as exc:
            print(f"Cannot draw this setting: {exc}")
            return None
        display(fig)
        plt.close(fig)
        return fig


def _panel(controls, out, draw, status=()):
    """Wire every control to redraw ``out``, draw once, and return the VBox.

    ``status`` widgets (progress bars) are shown beside the controls but not
    observed: the redraw itself moves them.
    """
    for c in controls:
        c.observe(lambda change: redraw(out, draw), names="value")
    redraw(out, draw)
    shown = list(controls) + list(status)
    return widgets.VBox([widgets.HBox(shown[:3]), widgets.HBox(shown[3:]), out])


# --- notebook 03: the planar playground ------------------------------------------------------

PLANAR_LIMITS = {"n_h": (1, 50), "num_iterations": (0, 10000), "learning_rate": (1e-3, 10.0)}


def planar_figure(X, Y, n_h=4, learning_rate=1.2, num_iterations=5000, activation="tanh",
                  name="flower"):
    """Train the one-hidden-layer network on X (2, m), Y (1, m); draw its boundary and costs.

    Returns ``(figure, accuracy in %)``. One BLAS thread: faster for a network this small.
    """
    with threadpool_limits(1):
        params, costs = shallow.nn_model(X, Y, n_h, num_iterations=num_iterations,
                                         learning_rate=learning_rate, activation=activation,
                                         return_costs=True)
        accuracy = logistic.accuracy(shallow.predict(params, X, activation), Y)
    fig, (ax_b, ax_c) = plt.subplots(1, 2, figsize=(9.5, 3.8))
    plots.plot_decision_boundary(lambda G: shallow.predict(params, G, activation), X, Y, ax=ax_b,
                                 title=f"{name}: {n_h} {activation} units, accuracy {accuracy:.1f}%")
    plots.plot_costs(costs, ax=ax_c, title=f"learning rate {learning_rate:g}, "
                                           f"{num_iterations} iterations")
    fig.tight_layout()
    return fig, accuracy


def planar_playground(datasets, dataset="flower", n_h=4, learning_rate=1.2, num_iterations=5000,
                      activation="tanh"):
    """Sliders for hidden units, learning rate and iterations; dropdowns for activation and data.

    datasets : dict name -> (X (2, m), Y (1, m)), e.g. the flower plus load_extra_datasets()
    Every change retrains (about 0.5 s at the defaults) and redraws the decision
    boundary and the cost curve. Uses the reference ``helpers.shallow``.
    """
    lo, hi = PLANAR_LIMITS["n_h"]
    units = widgets.IntSlider(value=n_h, min=lo, max=hi, description="hidden units",
                              continuous_update=False, style=WIDE, layout=LAYOUT)
    rate = log_slider(learning_rate, *PLANAR_LIMITS["learning_rate"], "learning rate")
    lo, hi = PLANAR_LIMITS["num_iterations"]
    iters = widgets.IntSlider(value=num_iterations, min=lo, max=hi, step=500,
                              description="iterations", continuous_update=False, style=WIDE,
                              layout=LAYOUT)
    act = widgets.Dropdown(options=["tanh", "relu", "leaky_relu", "sigmoid"], value=activation,
                           description="hidden activation", style=WIDE)
    data = widgets.Dropdown(options=list(datasets), value=dataset, description="data set",
                            style=WIDE)
    out = widgets.Output()

    def draw():
        X, Y = datasets[data.value]
        fig, _ = planar_figure(X, Y, units.value, rate.value, iters.value, act.value, data.value)
        return fig

    return _panel([units, rate, iters, act, data], out, draw)


# --- notebook 02: gradient descent in 1-D, broadcasting, logistic regression ------------------

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
    return _panel([rate, n], out, lambda: descent_1d_figure(rate.value, n.value)[0])


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

    return _panel([pick_a, pick_b], out, draw)


LOGISTIC_LIMITS = {"learning_rate": (1e-4, 10.0), "num_iterations": (100, 3000)}


def logistic_figure(X_train, Y_train, X_test, Y_test, learning_rate=0.5, num_iterations=1000,
                    progress=None):
    """Train ``helpers.logistic`` from zeros; draw the cost curve titled with both accuracies.

    Trains in chunks of 100 iterations so ``progress`` (an ipywidgets progress bar)
    can advance; the costs are the same as one long ``optimize`` call.
    Returns ``(figure, train accuracy %, test accuracy %)``.
    """
    w, b = logistic.initialize_with_zeros(X_train.shape[0])
    costs = []
    chunks = int(np.ceil(num_iterations / logistic.COST_EVERY))
    if progress is not None:
        progress.max, progress.value = chunks, 0
    for k in range(chunks):
        n = min(logistic.COST_EVERY, num_iterations - k * logistic.COST_EVERY)
        params, _, chunk_costs = logistic.optimize(w, b, X_train, Y_train, n, learning_rate)
        w, b = params["w"], params["b"]
        costs += chunk_costs
        if progress is not None:
            progress.value = k + 1
    train_acc = logistic.accuracy(logistic.predict(w, b, X_train), Y_train)
    test_acc = logistic.accuracy(logistic.predict(w, b, X_test), Y_test)
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

    return _panel([rate, iters], out, draw, status=[bar])


# --- notebook 04: shapes, the deep playground, your own image ---------------------------------

def shape_rows(layer_dims, m):
    """The shape of every quantity of each layer l = 1..L, for ``layer_dims`` [n0, ..., nL].

    Returns a list of dicts with keys "l", "W", "b", "Z", "A", "dW", "db", "dZ", "dA".
    """
    rows = []
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        rows.append({"l": l, "W": (n, n_prev), "b": (n, 1), "Z": (n, m), "A": (n, m),
                     "dW": (n, n_prev), "db": (n, 1), "dZ": (n, m), "dA": (n, m)})
    return rows


def parse_layer_dims(text, max_layers=10, max_units=1000):
    """'2, 3, 5, 4, 2, 1' -> [2, 3, 5, 4, 2, 1]; raises ValueError saying what is expected."""
    try:
        dims = [int(p) for p in text.replace("[", "").replace("]", "").split(",") if p.strip()]
    except ValueError:
        raise ValueError(f"type the layer sizes as whole numbers separated by commas, like "
                         f"2, 3, 5, 4, 2, 1; got {text!r}") from None
    if len(dims) < 2 or len(dims) > max_layers + 1:
        raise ValueError(f"give between 2 and {max_layers + 1} sizes (the input first, the output "
                         f"last); got {len(dims)}")
    if any(n < 1 or n > max_units for n in dims):
        raise ValueError(f"every size must be between 1 and {max_units}; got {dims}")
    return dims


def shape_table_html(layer_dims, m):
    """An HTML table of ``shape_rows``, with A[0] = X on top."""
    keys = ["W", "b", "Z", "A", "dW", "db", "dZ", "dA"]
    head = "".join(f"<th>{k}<sup>[l]</sup></th>" for k in keys)
    body = f"<tr><td>0 (input)</td>{'<td></td>' * 3}<td>X: {(layer_dims[0], m)}</td>" \
           f"{'<td></td>' * 4}</tr>"
    for r in shape_rows(layer_dims, m):
        body += f"<tr><td>{r['l']}</td>" + "".join(f"<td>{r[k]}</td>" for k in keys) + "</tr>"
    return (f"<table style='font-family:monospace'><tr><th>l</th>{head}</tr>{body}</table>"
            f"<p>L = {len(layer_dims) - 1} layers; parameters: "
            f"{sum(a * b + a for a, b in zip(layer_dims[1:], layer_dims[:-1])):,}</p>")


def shape_table_widget(layer_dims="2, 3, 5, 4, 2, 1", m=4):
    """Type layer sizes and m; see every shape and the network diagram."""
    dims = widgets.Text(value=layer_dims, description="layer sizes n[0], ..., n[L]", style=WIDE,
                        continuous_update=False, layout=widgets.Layout(width="420px"))
    m_box = widgets.BoundedIntText(value=m, min=1, max=100000, description="m (examples)",
                                   style=WIDE, layout=widgets.Layout(width="200px"))
    table = widgets.HTML()
    out = widgets.Output()

    def draw():
        sizes = parse_layer_dims(dims.value)
        table.value = shape_table_html(sizes, m_box.value)
        fig, ax = plt.subplots(figsize=(min(1.6 * len(sizes) + 1, 12), 3.2))
        plots.plot_network(sizes, ax=ax)
        return fig

    def draw_or_clear():
        try:
            return draw()
        except ValueError:
            table.value = ""
            raise

    for c in (dims, m_box):
        c.observe(lambda change: redraw(out, draw_or_clear), names="value")
    redraw(out, draw_or_clear)
    return widgets.VBox([widgets.HBox([dims, m_box]), widgets.HBox([table, out])])


DEEP_LIMITS = {"hidden_layers": (1, 4), "units": (1, 50), "learning_rate": (1e-4, 3.0),
               "num_iterations": (100, 2000)}


def train_deep(X_train, Y_train, X_test, Y_test, hidden_layers=3, units=10, activation="relu",
               learning_rate=0.3, num_iterations=600, on_progress=None):
    """Train ``helpers.deep.L_layer_model`` with ``hidden_layers`` layers of ``units`` units.

    ``on_progress(i, cost, costs_so_far)`` runs every 100 iterations and after the last.
    Returns ``(parameters, costs, train accuracy %, test accuracy %)``.
    """
    dims = [X_train.shape[0]] + [units] * hidden_layers + [1]
    seen = []

    def callback(i, cost):
        if i % deep.COST_EVERY == 0:
            seen.append(cost)
        if on_progress is not None:
            on_progress(i, cost, list(seen))

    params, costs = deep.L_layer_model(X_train, Y_train, dims, learning_rate, num_iterations,
                                       hidden_activation=activation, callback=callback)
    train_acc = logistic.accuracy(deep.predict(X_train, params, activation), Y_train)
    test_acc = logistic.accuracy(deep.predict(X_test, params, activation), Y_test)
    return params, costs, train_acc, test_acc


def deep_playground(X_train, Y_train, X_test, Y_test):
    """Layers, units, activation, learning rate and iterations; a Train button; a progress
    bar and a cost curve that grows while the reference ``helpers.deep`` model trains."""
    lo, hi = DEEP_LIMITS["hidden_layers"]
    layers = widgets.IntSlider(value=3, min=lo, max=hi, description="hidden layers", style=WIDE,
                               layout=LAYOUT)
    lo, hi = DEEP_LIMITS["units"]
    units = widgets.IntSlider(value=10, min=lo, max=hi, description="units per layer", style=WIDE,
                              layout=LAYOUT)
    act = widgets.Dropdown(options=["relu", "leaky_relu", "tanh", "sigmoid"], value="relu",
                           description="hidden activation", style=WIDE)
    rate = log_slider(0.3, *DEEP_LIMITS["learning_rate"], "learning rate α")
    lo, hi = DEEP_LIMITS["num_iterations"]
    iters = widgets.IntSlider(value=600, min=lo, max=hi, step=100, description="iterations",
                              style=WIDE, layout=LAYOUT)
    button = widgets.Button(description="Train", button_style="primary", icon="play")
    bar = widgets.IntProgress(value=0, min=0, max=1, description="training")
    status = widgets.HTML()
    out = widgets.Output()

    def cost_figure(costs, title):
        fig, ax = plt.subplots(figsize=(6.5, 3.4))
        plots.plot_costs(costs, ax=ax, title=title)
        ax.set_xlim(0, iters.value)
        return fig

    def on_progress(i, cost, costs):
        bar.value = i + 1
        if i % 200 == 0 or i == iters.value - 1:  # redraw the growing curve now and then
            redraw(out, lambda: cost_figure(costs, f"iteration {i}: cost {cost:.4f}"))

    def train(_=None):
        button.disabled = True
        bar.max, bar.value = iters.value, 0
        status.value = "training..."
        summary = {}

        def run():
            with threadpool_limits(1):
                _, costs, train_acc, test_acc = train_deep(
                    X_train, Y_train, X_test, Y_test, layers.value, units.value, act.value,
                    rate.value, iters.value, on_progress)
            summary.update(train=train_acc, test=test_acc)
            out.clear_output(wait=True)  # the final curve replaces the live one
            return cost_figure(costs, f"{layers.value} × {units.value} {act.value} units, "
                                      f"α = {rate.value:.3g}: train {train_acc:.1f}%, "
                                      f"test {test_acc:.1f}%")

        try:
            redraw(out, run)
        finally:
            button.disabled = False
        status.value = (f"train accuracy <b>{summary['train']:.1f}%</b>, test accuracy "
                        f"<b>{summary['test']:.1f}%</b>" if summary else "stopped: see below")

    button.on_click(train)
    return widgets.VBox([widgets.HBox([layers, units, act]), widgets.HBox([rate, iters]),
                         widgets.HBox([button, bar, status]), out])


def image_prediction_figure(steps, probability):
    """The conversion steps of ``data.prepare_digit_image`` and the model's answer."""
    cmaps = ["gray"] + ["gray_r"] * (len(steps) - 1)
    fig, axes = plt.subplots(1, len(steps), figsize=(2.0 * len(steps), 2.9))
    plots.plot_images([s for _, s in steps], titles=[t for t, _ in steps], ncols=len(steps),
                      axes=axes, cmap=cmaps)
    label = "odd" if probability > 0.5 else "even"
    fig.suptitle(f"The model says: {label} (P(odd) = {probability:.2f})")
    fig.subplots_adjust(top=0.68)
    return fig


def upload_widget(predict_proba, sample_path):
    """A file-upload button for a PNG or JPEG of one digit; shows the conversion and the answer.

    predict_proba : function from an input column (784, 1) to P(odd)
    sample_path   : the image used until something is uploaded
    """
    upload = widgets.FileUpload(accept="image/png,image/jpeg,.png,.jpg,.jpeg", multiple=False,
                                description="Upload a digit")
    out = widgets.Output()

    def draw():
        source = bytes(upload.value[0]["content"]) if upload.value else sample_path
        steps, image = prepare_digit_image(source)
        x = image.reshape(-1, 1) / 255.0
        return image_prediction_figure(steps, float(predict_proba(x)))

    upload.observe(lambda change: redraw(out, draw), names="value")
    redraw(out, draw)
    return widgets.VBox([upload, out])


# --- notebook 01: one neuron for house prices, perceptron versus sigmoid ----------------------

# Six made-up houses (illustrative, not real data): size in m², price in thousands.
HOUSE_SIZES = np.array([45.0, 60.0, 85.0, 110.0, 140.0, 175.0])
HOUSE_PRICES = np.array([40.0, 95.0, 160.0, 235.0, 310.0, 420.0])


def house_cost(w, b, sizes=HOUSE_SIZES, prices=HOUSE_PRICES):
    """Half the mean squared error of the ReLU neuron price = max(0, w * size + b)."""
    predicted = np.maximum(0.0, w * sizes + b)
    return float(np.mean((predicted - prices) ** 2) / 2)


def house_figure(w=2.8, b=-90.0, ax=None):
    """The six houses, the least-squares straight line, and the ReLU neuron max(0, w x + b).

    Returns ``(figure, cost of the ReLU neuron)``.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(6.5, 3.8))
    slope, intercept = np.polyfit(HOUSE_SIZES, HOUSE_PRICES, 1)
    x = np.linspace(0, 200, 401)
    ax.plot(x, slope * x + intercept, "--", color="0.55",
            label=f"straight line: {slope:.2f}·size {intercept:+.0f} (negative for small houses)")
    ax.plot(x, np.maximum(0.0, w * x + b), color=plots.CLASS_COLORS[1], lw=2,
            label=f"ReLU neuron: max(0, {w:.2f}·size {b:+.0f})")
    ax.scatter(HOUSE_SIZES, HOUSE_PRICES, color=plots.CLASS_COLORS[0], zorder=3, label="houses")
    ax.axhline(0, color="0.3", lw=0.8)
    cost = house_cost(w, b)
    ax.set(xlabel="size (m²)", ylabel="price (thousands)", ylim=(-120, 480),
           title=f"One neuron: cost J = {cost:,.0f}")
    ax.legend(loc="upper left", fontsize=8)
    return ax.figure, cost


def house_widget(w=2.8, b=-90.0):
    """Sliders for the neuron's weight and bias; the fit and its cost redraw."""
    weight = widgets.FloatSlider(value=w, min=0.0, max=5.0, step=0.05, description="weight w",
                                 continuous_update=False, style=WIDE, layout=LAYOUT)
    bias = widgets.FloatSlider(value=b, min=-300.0, max=100.0, step=5.0, description="bias b",
                               continuous_update=False, style=WIDE, layout=LAYOUT)
    out = widgets.Output()
    return _panel([weight, bias], out, lambda: house_figure(weight.value, bias.value)[0])


def neuron_outputs(w, x=1.0, b=-1.0, sharpness=5.0):
    """(perceptron output, sigmoid output) for one input x, weight w and bias b.

    The perceptron outputs 1 if w x + b > 0, else 0; the sigmoid neuron
    sigma(sharpness * (w x + b)), which moves smoothly through 0.5 where the
    perceptron jumps.
    """
    z = w * x + b
    return float(z > 0), float(sigmoid(sharpness * z))


def neuron_figure(w=0.9, ax=None):
    """Both neurons' output as the weight moves, with the current weight marked."""
    if ax is None:
        _, ax = plt.subplots(figsize=(6.5, 3.4))
    ws = np.linspace(0, 2, 801)
    hard, soft = np.vectorize(neuron_outputs)(ws)
    ax.plot(ws, hard, color=plots.CLASS_COLORS[0], label="perceptron: step")
    ax.plot(ws, soft, color=plots.CLASS_COLORS[1], label="sigmoid neuron: smooth")
    p, s = neuron_outputs(w)
    ax.plot([w, w], [p, s], "o", color="k", ms=5)
    ax.axvline(w, color="0.6", lw=0.8)
    ax.set(xlabel="weight w (input x = 1, bias b = -1)", ylabel="output", ylim=(-0.1, 1.1),
           title=f"w = {w:.3f}: perceptron {p:.0f}, sigmoid {s:.3f}")
    ax.legend(loc="upper left")
    return ax.figure


def neuron_widget(w=0.99):
    """A fine slider for the weight around the perceptron's jump at w = 1."""
    weight = widgets.FloatSlider(value=w, min=0.0, max=2.0, step=0.01, readout_format=".2f",
                                 description="weight w", continuous_update=False, style=WIDE,
                                 layout=LAYOUT)
    out = widgets.Output()
    return _panel([weight], out, lambda: neuron_figure(weight.value))
