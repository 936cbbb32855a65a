"""Widget redraw times, measured INSIDE a Jupyter kernel (``benchmarks/run.py`` starts one), so
that every redraw renders its figure to PNG exactly as in JupyterLab.

Each widget is built as its notebook builds it; one redraw = one change of its first
control (a slider one step along and back, the next option of a dropdown), one press of
Step for the live 03 playground (one iteration and its frame), or one press of Train 600
for the deep playground, from the change to the callback's return. Rounds
alternate idle / busy core. Prints one JSON line: {widget: {condition: [seconds...]}}
plus, for Train, the time to the first progress update.
"""

import json
import sys
import time
from pathlib import Path

import ipywidgets

sys.path.insert(0, str(Path(__file__).resolve().parent))

from busy import CONDITIONS  # noqa: E402

from helpers import data, widgets  # noqa: E402

SLIDERS = (ipywidgets.IntSlider, ipywidgets.FloatSlider, ipywidgets.FloatLogSlider)
CHOICES = (ipywidgets.Dropdown, ipywidgets.Combobox, ipywidgets.SelectionSlider)


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def first(box, kinds):
    return next((w for w in walk(box) if isinstance(w, kinds)), None)


def mover(box):
    """A function that makes the widget redraw once (each call a real change)."""
    buttons = [w for w in walk(box) if isinstance(w, ipywidgets.Button)]
    for prefix in ("Train", "Step"):  # a live playground: fast-forward, or one frame
        button = next((b for b in buttons if b.description.startswith(prefix)), None)
        if button is not None:
            return button.click
    control = first(box, SLIDERS) or first(box, CHOICES) or first(box, ipywidgets.BoundedIntText)
    if isinstance(control, CHOICES):
        values = [o[0] if isinstance(o, tuple) else o for o in control.options]
        i = values.index(control.value) if control.value in values else -1
        values = [values[i], values[(i + 1) % len(values)]]
    elif isinstance(control, ipywidgets.FloatLogSlider):
        values = [control.value, control.value * control.base ** control.step]
    else:
        step = getattr(control, "step", 1)
        up = control.value + step <= control.max
        values = [control.value, control.value + step if up else control.value - step]
    state = {"k": 0}

    def move():
        state["k"] += 1
        control.value = values[state["k"] % 2]

    return move


def builders():
    train_x, train_y, test_x, test_y, _ = data.load_dataset()
    X_train = train_x.reshape(len(train_x), -1).T / 255.0
    X_test = test_x.reshape(len(test_x), -1).T / 255.0
    X_sub, Y_sub = X_train[:, :1000], train_y[:, :1000]
    X, Y = data.load_planar_dataset()
    datasets = {"flower": (X, Y), **data.load_extra_datasets()}
    return {
        "house-price neuron (01)": widgets.house_widget,
        "perceptron against sigmoid (01)": widgets.neuron_widget,
        "1-D gradient descent (02)": widgets.descent_1d_widget,
        "broadcasting (02)": widgets.broadcast_widget,
        "logistic playground (02): retrain 1,000 iterations + plot": lambda: widgets.logistic_playground(
            X_sub, Y_sub, X_test, test_y),
        "planar playground (03): Step, one iteration + its frame": lambda: widgets.planar_playground(
            datasets),
        "shape table (04)": widgets.shape_table_widget,
        "deep playground (04): Train, 600 iterations of 3 × 10 ReLU": lambda: widgets.deep_playground(
            X_sub, Y_sub, X_test, test_y),
    }


def first_progress(box, move):
    """Seconds from the press until any progress bar in ``box`` first shows progress (> 0)."""
    bars = [w for w in walk(box) if isinstance(w, ipywidgets.IntProgress)]
    seen = []

    def handler(change):
        if change["new"] > 0 and not seen:
            seen.append(time.perf_counter())

    for bar in bars:
        bar.observe(handler, names="value")
    start = time.perf_counter()
    move()
    for bar in bars:
        bar.unobserve(handler, names="value")
    return seen[0] - start if seen else None


def main(rounds=3):
    built = {name: build() for name, build in builders().items()}
    moves = {name: mover(box) for name, box in built.items()}
    result = {name: {c: [] for c in CONDITIONS} for name in built}
    progress = {c: [] for c in CONDITIONS}
    for _ in range(rounds):
        for condition, context in CONDITIONS.items():
            with context():
                for name, move in moves.items():
                    start = time.perf_counter()
                    if first(built[name], ipywidgets.IntProgress) is not None:
                        progress[condition].append(first_progress(built[name], move))
                    else:
                        move()
                    result[name][condition].append(time.perf_counter() - start)
    print(json.dumps({"times": result, "progress": progress}))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
