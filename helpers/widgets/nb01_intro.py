"""Widgets of notebook 01 (introduction): a house-price neuron, perceptron versus sigmoid."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from .. import plots
from ..activations import sigmoid
from .common import LAYOUT, WIDE, panel

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
        _, ax = plt.subplots(figsize=(6.5, 5.2), layout="constrained")
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
    # below the axes, so no setting of w and b can hide the lines behind it
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=1, fontsize=10)
    return ax.figure, cost


def house_widget(w=2.8, b=-90.0):
    """Sliders for the neuron's weight and bias; the fit and its cost redraw."""
    weight = widgets.FloatSlider(value=w, min=0.0, max=5.0, step=0.05, description="weight w",
                                 continuous_update=False, style=WIDE, layout=LAYOUT)
    bias = widgets.FloatSlider(value=b, min=-300.0, max=100.0, step=5.0, description="bias b",
                               continuous_update=False, style=WIDE, layout=LAYOUT)
    out = widgets.Output()
    return panel([weight, bias], out, lambda: house_figure(weight.value, bias.value)[0])


def neuron_outputs(w, x=1.0, b=-1.0):
    """(perceptron output, sigmoid neuron output) for one input x, weight w and bias b.

    The perceptron outputs 1 if w x + b > 0, else 0; the sigmoid neuron outputs
    sigma(w x + b), which moves smoothly through 0.5 where the perceptron jumps.
    """
    z = w * x + b
    return float(z > 0), float(sigmoid(z))


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
           title=f"w = {w:.2f}: perceptron {p:.0f}, sigmoid σ(w·1 − 1) = {s:.4f}")
    ax.legend(loc="upper left")
    return ax.figure


def neuron_widget(w=0.99):
    """A fine slider for the weight around the perceptron's jump at w = 1."""
    weight = widgets.FloatSlider(value=w, min=0.0, max=2.0, step=0.01, readout_format=".2f",
                                 description="weight w", continuous_update=False, style=WIDE,
                                 layout=LAYOUT)
    out = widgets.Output()
    return panel([weight], out, lambda: neuron_figure(weight.value))
