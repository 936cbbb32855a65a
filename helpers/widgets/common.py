"""Shared pieces of the notebooks' widgets: slider helpers, redraw, panel layout."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display

from ..validation import TrainingDiverged

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


def show(widget, text):
    """Display ``widget``; where no kernel runs it (GitHub, nbviewer) ``text`` shows instead.

    A stored widget output keeps only its plain-text part outside JupyterLab, which
    would read ``VBox(children=(...))``. ``text`` replaces it: say in one sentence
    what the widget does and that it runs in JupyterLab. Returns ``widget``.
    """
    bundle = widget._repr_mimebundle_()
    bundle["text/plain"] = text
    display(bundle, raw=True)
    return widget
