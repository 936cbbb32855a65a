"""Shared pieces of the notebooks' widgets: slider helpers, redraw, panel layout."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display

from ..validation import TrainingDiverged

WIDE = {"description_width": "initial"}
LAYOUT = widgets.Layout(width="320px")


def readable(x):
    """A short label for a positive number: 1e-4, 2.5e-4, 0.001, 0.01, 0.3, 3.2, 10."""
    if x < 1e-3:
        mantissa, exponent = f"{x:.1e}".split("e")
        return f"{mantissa.rstrip('0').rstrip('.')}e{int(exponent)}"
    return f"{x:g}"


def log_values(value, low, high, step=0.1):
    """Values from exactly ``low`` to exactly ``high``, about ``step`` apart in log10
    (0.1: ten per decade), rounded to two significant digits so each reads as it is
    used; ``value`` is one of them. Returns a sorted list of floats."""
    if not 0 < low <= value <= high:
        raise ValueError(f"log_values needs 0 < low <= value <= high; got low={low}, "
                         f"value={value}, high={high}")
    count = int(np.floor((np.log10(high) - np.log10(low)) / step + 1e-9))
    grid = {float(f"{x:.2g}") for x in 10 ** (np.log10(low) + step * np.arange(1, count + 1))}
    return sorted({x for x in grid if low < x < high} | {float(low), float(value), float(high)})


def log_slider(value, low, high, description, step=0.1):
    """A slider over ``log_values(value, low, high, step)``: its ends are exactly ``low``
    and ``high``, it starts at ``value``, and its readout is ``readable`` (1e-4, 0.01,
    3.2). ``.value`` is the float chosen; the labels and values are in ``.options``."""
    options = [(readable(x), x) for x in log_values(value, low, high, step)]
    return widgets.SelectionSlider(options=options, value=float(value), description=description,
                                   continuous_update=False, style=WIDE, layout=LAYOUT)


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


def panel(controls, out, draw, status=()):
    """Wire every control to redraw ``out``, draw once, and return the VBox.

    ``status`` widgets (progress bars) are shown beside the controls but not
    observed: the redraw itself moves them.
    """
    for c in controls:
        c.observe(lambda change: redraw(out, draw), names="value")
    redraw(out, draw)
    shown = list(controls) + list(status)
    return widgets.VBox([widgets.HBox(shown[:3]), widgets.HBox(shown[3:]), out])


def show(widget, text):
    """Display ``widget``; where no kernel runs it (GitHub, nbviewer) ``text`` shows instead.

    A stored widget output keeps only its plain-text part outside JupyterLab, which
    would read ``VBox(children=(...))``. ``text`` replaces it: say in one sentence
    what the widget does and that it runs in JupyterLab. Returns None, so that
    ``show(...)`` as a cell's last line does not display the widget a second time.
    """
    bundle = widget._repr_mimebundle_()
    bundle["text/plain"] = text
    display(bundle, raw=True)
