"""Widgets of notebook 03 (one hidden layer): the planar playground."""

import ipywidgets as widgets
import matplotlib.pyplot as plt

from .. import logistic, plots, shallow
from .common import LAYOUT, WIDE, _panel, log_slider

PLANAR_LIMITS = {"n_h": (1, 50), "num_iterations": (0, 10000), "learning_rate": (1e-3, 10.0)}


def planar_figure(X, Y, n_h=4, learning_rate=1.2, num_iterations=5000, activation="tanh",
                  name="flower"):
    """Train the one-hidden-layer network on X (2, m), Y (1, m); draw its boundary and costs.

    Returns ``(figure, accuracy in %)``. BLAS threads: nn_model decides (helpers.threads).
    """
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
