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

from . import plots, shallow
from .validation import TrainingDiverged

WIDE = {"description_width": "initial"}
LAYOUT = widgets.Layout(width="320px")


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


def _panel(controls, out, draw):
    """Wire every control to redraw ``out``, draw once, and return the VBox."""
    for c in controls:
        c.observe(lambda change: redraw(out, draw), names="value")
    redraw(out, draw)
    box = widgets.VBox([widgets.HBox(controls[:3]), widgets.HBox(controls[3:]), out])
    box.redraw = lambda: redraw(out, draw)
    return box


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
        accuracy = 100 * float(np.mean(shallow.predict(params, X, activation) == Y))
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
    lo, hi = PLANAR_LIMITS["learning_rate"]
    rate = widgets.FloatLogSlider(value=learning_rate, base=10, min=np.log10(lo), max=np.log10(hi),
                                  step=0.1, description="learning rate", readout_format=".3g",
                                  continuous_update=False, style=WIDE, layout=LAYOUT)
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
