"""Widgets of notebook 04 (deep network): the shape table, the deep playground, your own image."""

import ipywidgets as widgets
import matplotlib.pyplot as plt

from .. import deep, logistic, plots
from ..data import prepare_digit_image
from .common import LAYOUT, WIDE, log_slider, redraw

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
            _, costs, train_acc, test_acc = train_deep(  # BLAS threads: see helpers.threads
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
