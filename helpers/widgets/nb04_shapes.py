"""Widgets of notebook 04 (deep network): the shape table. The live deep playground is in
``nb04_playground``, the upload and draw-your-own-digit widgets in ``nb04_digits``."""

import ipywidgets as widgets
import matplotlib.pyplot as plt

from .. import diagrams, plots
from .common import WIDE, redraw

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


# every cell padded and ruled, so neighbouring shapes never run together
_CELL = "style='padding:2px 12px; border:1px solid #ccc; text-align:right'"


def shape_table_html(layer_dims, m):
    """An HTML table of ``shape_rows``, with A[0] = X on top."""
    keys = ["W", "b", "Z", "A", "dW", "db", "dZ", "dA"]
    head = "".join(f"<th {_CELL}>{k}<sup>[l]</sup></th>" for k in keys)
    empty = f"<td {_CELL}></td>"
    body = f"<tr><td {_CELL}>0 (input)</td>{empty * 3}<td {_CELL}>X: {(layer_dims[0], m)}</td>" \
           f"{empty * 4}</tr>"
    for r in shape_rows(layer_dims, m):
        body += f"<tr><td {_CELL}>{r['l']}</td>" + "".join(f"<td {_CELL}>{r[k]}</td>"
                                                        for k in keys) + "</tr>"
    return (f"<table style='font-family:monospace; border-collapse:collapse'>"
            f"<tr><th {_CELL}>l</th>{head}</tr>{body}</table>"
            f"<p>L = {len(layer_dims) - 1} layers; parameters: "
            f"{sum(a * b + a for a, b in zip(layer_dims[1:], layer_dims[:-1])):,}</p>")


def shape_table_figure(layer_dims, m):
    """The network drawn from ``layer_dims`` (top) and its forward/backward building blocks
    with every shape (bottom, ``diagrams.building_blocks``). Returns the figure."""
    fig, (ax_net, ax_blocks) = plt.subplots(2, 1, figsize=(13, 7.8), height_ratios=[1, 1.1])
    plots.plot_network(layer_dims, ax=ax_net)
    diagrams.building_blocks(layer_dims, m=m, ax=ax_blocks)
    return fig


def shape_table_widget(layer_dims="2, 3, 5, 4, 2, 1", m=4):
    """Type layer sizes and m; see every shape, the network and its building blocks."""
    dims = widgets.Text(value=layer_dims, description="layer sizes n[0], ..., n[L]", style=WIDE,
                        continuous_update=False, layout=widgets.Layout(width="420px"))
    m_box = widgets.BoundedIntText(value=m, min=1, max=100000, description="m (examples)",
                                   style=WIDE, layout=widgets.Layout(width="200px"))
    table = widgets.HTML()
    out = widgets.Output()

    def draw():
        sizes = parse_layer_dims(dims.value)
        table.value = shape_table_html(sizes, m_box.value)
        return shape_table_figure(sizes, m_box.value)

    def draw_or_clear():
        try:
            return draw()
        except ValueError:
            table.value = ""
            raise

    for c in (dims, m_box):
        c.observe(lambda change: redraw(out, draw_or_clear), names="value")
    redraw(out, draw_or_clear)
    return widgets.VBox([widgets.HBox([dims, m_box]), table, out])
