"""Notebook 04's live deep playground: the L-layer network on the digits, trained while
you watch, with the train and test costs and what the first layer's units look for.

``DeepRun`` trains a few iterations at a time (tests drive it directly), ``DeepView``
draws a frame, ``deep_playground`` wires them to the controls and the ``Player``.
Notebook 04, section 9.
"""


import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from .. import alt_text, nb04_deep, plots
from ..checks import nb04_deep as deep_checks
from ..cost import cross_entropy, cross_entropy_from_logits
from ..validation import diverged
from .common import LAYOUT, WIDE, FrameImage, log_slider
from .frames import Blitter, figure_png, frame_area, new_figure, nice_limit
from .live import learner_toggle, training_hint, wire
from .share import Sharing

DEEP_LIMITS = {"hidden_layers": (1, 4), "units": (1, 50), "learning_rate": (1e-4, 3.0),
               "per_frame": (1, 50)}
WEIGHT_MAPS = 8        # first-layer units shown as 28 x 28 weight images
TEST_EVERY = 10        # the test cost is measured every this many iterations
FAST_FORWARD = 600     # the Train button's iterations (the notebook's own training length)
LEARNER_FUNCTIONS = ("L_model_forward", "L_model_backward", "update_parameters")


def train_deep(X_train, Y_train, X_test, Y_test, hidden_layers=3, units=10, activation="relu",
               learning_rate=0.3, num_iterations=600, on_progress=None):
    """Train ``helpers.nb04_deep.L_layer_model`` with ``hidden_layers`` layers of ``units`` units.

    ``on_progress(i, cost, costs_so_far)`` runs every 100 iterations and after the last.
    Returns ``(parameters, costs, train accuracy %, test accuracy %)``.
    """
    dims = [X_train.shape[0]] + [units] * hidden_layers + [1]
    seen = []

    def callback(i, cost):
        if i % nb04_deep.COST_EVERY == 0:
            seen.append(cost)
        if on_progress is not None:
            on_progress(i, cost, list(seen))

    params, costs = nb04_deep.L_layer_model(X_train, Y_train, dims, learning_rate, num_iterations,
                                       hidden_activation=activation, callback=callback)
    train_acc = 100 * float(np.mean(nb04_deep.predict(X_train, params, activation) == Y_train))
    test_acc = 100 * float(np.mean(nb04_deep.predict(X_test, params, activation) == Y_test))
    return params, costs, train_acc, test_acc


class DeepRun:
    """An L-layer network trained a few iterations at a time, from ``L_layer_model``'s start.

    X_train (n_x, m), Y_train (1, m), X_test (n_x, k), Y_test (1, k). ``functions``:
    the learner's L_model_forward, L_model_backward and update_parameters by name
    (ReLU only), or None for the reference. ``train_costs[i]`` is the cost before
    update i; ``test_costs`` holds (iteration, cost) every TEST_EVERY iterations.
    """

    def __init__(self, X_train, Y_train, X_test, Y_test, hidden_layers=3, units=10,
                 activation="relu", learning_rate=0.3, seed=1, functions=None):
        self.X, self.Y, self.X_test, self.Y_test = X_train, Y_train, X_test, Y_test
        self.dims = [X_train.shape[0]] + [units] * hidden_layers + [1]
        self.activation, self.learning_rate, self.functions = activation, learning_rate, functions
        self.params = nb04_deep.initialize_parameters_deep(self.dims, seed=seed, scale="xavier")
        self.L = len(self.dims) - 1
        self.iteration = 0
        self.train_costs, self.test_costs = [], []

    def _step(self):
        """One gradient-descent step; returns the cost before it. The reference step is
        ``nb04_deep.step``, as ``L_layer_model`` takes it (the cost from the logits ZL); the
        learner's cost comes from their AL, as the course computes it."""
        if self.functions:
            forward, backward, update = (self.functions[n] for n in LEARNER_FUNCTIONS)
            AL, caches = forward(self.X, self.params)
            self.params = update(self.params, backward(AL, self.Y, caches), self.learning_rate)
            return cross_entropy(AL, self.Y)
        self.params, caches, _ = nb04_deep.step(self.params, self.X, self.Y, self.learning_rate,
                                                self.activation)
        return cross_entropy_from_logits(caches[-1][1], self.Y)

    def advance(self, n):
        """Train ``n`` iterations. Returns "" or the sentence saying training diverged."""
        with np.errstate(over="ignore", invalid="ignore"):
            for _ in range(n):
                if self.iteration % TEST_EVERY == 0:
                    test = cross_entropy_from_logits(self.logits(self.X_test), self.Y_test)
                    self.test_costs.append((self.iteration, test))
                cost = self._step()
                self.train_costs.append(cost)
                if not np.isfinite(cost) or not np.isfinite(self.params[f"W{self.L}"]).all():
                    return str(diverged(self.learning_rate, self.iteration))
                self.iteration += 1
        return ""

    def logits(self, X):
        """ZL (1, m) for the columns of X."""
        return nb04_deep.model_forward(X, self.params, self.activation)[1][-1][1]

    def probabilities(self, X):
        """AL (1, m) for the columns of X."""
        return nb04_deep.model_forward(X, self.params, self.activation)[0]

    def accuracy(self, test=False):
        X, Y = (self.X_test, self.Y_test) if test else (self.X, self.Y)
        return 100 * float(np.mean((self.probabilities(X) > 0.5) == Y))

    def dead_fraction(self):
        """The largest share over the hidden layers of units at 0 on every training example."""
        if self.activation != "relu":
            return None
        A, worst = self.X, 0.0
        for l in range(1, self.L):
            A, _ = nb04_deep.layer_forward(A, self.params[f"W{l}"], self.params[f"b{l}"], "relu")
            worst = max(worst, float(np.mean(~(A > 0).any(axis=1))))
        return worst

    def hint(self):
        return training_hint(self.train_costs, self.dead_fraction(), self.accuracy())


class DeepView:
    """The cost curves and the first layer's weights as 28 x 28 images, redrawn in place."""

    def __init__(self, units, side=28):
        self.fig = fig = new_figure(10, 4.2)
        grid = fig.add_gridspec(2, 6, width_ratios=[3.2, 0.15, 1, 1, 1, 1], left=0.07, right=0.99,
                                top=0.88, bottom=0.12, wspace=0.12, hspace=0.3)
        self.ax = fig.add_subplot(grid[:, 0])
        self.train_line, = self.ax.plot([], [], color="k", lw=1.4, label="train")
        self.test_line, = self.ax.plot([], [], color="#E69F00", lw=1.4, ls="--", label="test")
        self.reference_line, = self.ax.plot([], [], color="0.6", lw=3, alpha=0.5, ls="--",
                                            label="reference (train)")
        self.ax.set_xlabel("iteration")
        self.ax.set_ylabel("cost J")
        self.ax.legend(handles=[self.train_line, self.test_line], loc="upper right", fontsize=10)
        self.side, self.limits = side, None
        self.shown = min(units, WEIGHT_MAPS)
        rows, cols = (self.shown + 3) // 4, min(self.shown, 4)
        ax = fig.add_subplot(grid[:, 2:])
        ax.set_axis_off()
        # one image of all the units' tiles (one draw per frame, not one per unit)
        self.tiles = np.full((rows * (side + 2) - 2, cols * (side + 2) - 2), np.nan)
        self.maps = ax.imshow(self.tiles, cmap="PuOr_r", vmin=-1, vmax=1, interpolation="nearest")
        ax.set_title(f"first-layer weights of units 1-{self.shown} (left to right) as 28×28 "
                     f"images\npurple negative, orange positive", fontsize=10)
        self.blitter = Blitter(fig)

    def frame(self, run, reference=None):
        """Draw one frame (``reference``: a DeepRun trained alongside, drawn faint)."""
        n = len(run.train_costs)
        ref = reference.train_costs if reference is not None else []
        self.reference_line.set_data(np.arange(len(ref)), ref)
        self.train_line.set_data(np.arange(n), run.train_costs)
        its, tests = zip(*run.test_costs) if run.test_costs else ((), ())
        self.test_line.set_data(its, tests)
        first = [c for c in run.train_costs[:20] + list(tests[:2]) if np.isfinite(c)]
        limits = (nice_limit(max(n, 1), steps=(1, 2, 5), minimum=100),
                  max(nice_limit(1.1 * max(first, default=0.7)), (self.limits or (0, 0))[1]))
        full = limits != self.limits
        if full:
            self.limits = limits
            self.ax.set_xlim(0, limits[0])
            self.ax.set_ylim(0, limits[1])
        if n:
            self.ax.set_title(f"iteration {run.iteration:,}: train cost {run.train_costs[-1]:.3f}, "
                              f"train {run.accuracy():.1f}%, test {run.accuracy(test=True):.1f}%",
                              fontsize=10)
        else:
            self.ax.set_title("iteration 0: not trained yet: press Play or Step", fontsize=10)
        W1, step = run.params["W1"], self.side + 2
        for i in range(self.shown):
            w = W1[i].reshape(self.side, self.side)
            r, c = (i // 4) * step, (i % 4) * step
            self.tiles[r:r + self.side, c:c + self.side] = w / max(np.abs(w).max(), 1e-12)
        self.maps.set_data(self.tiles)
        return self.blitter.frame([self.reference_line, self.train_line, self.test_line,
                                   self.ax.title, self.maps], full)


def deep_snapshot(X_train, Y_train, X_test, Y_test, iterations=300, **settings):
    """The playground's own picture after ``iterations`` (a PNG with its alt text) and its run."""
    run = DeepRun(X_train, Y_train, X_test, Y_test, **settings)
    run.advance(iterations)
    view = DeepView(run.dims[1])
    view.frame(run)
    return alt_text.Picture(figure_png(view.fig), plots.alt_text_of(view.fig)), run


def deep_playground(X_train, Y_train, X_test, Y_test, learner=None, per_frame=5, hidden_layers=3,
                    units=10, activation="relu", learning_rate=0.3, iterations=0,
                    data_names=("X_train", "Y_train", "X_test", "Y_test")):
    """Layers, units, activation and learning rate; Play / Pause / Step / Reset.

    X_train (n_x, m) with n_x = 784 for the weight images; ``learner`` as in the 03
    playground, with the L-layer functions. The learning rate applies to the running
    network; layers, units, activation and the toggle start again at iteration 0.
    ``iterations`` are trained before the first picture; the line under the playground
    (``box.share_line``) rebuilds the current state, naming the data ``data_names``.
    Returns the VBox; ``box.export()`` gives the trained parameters and the lines of the
    learner's ``L_layer_model`` that train the same network (``deep_export``).
    """
    lo, hi = DEEP_LIMITS["hidden_layers"]
    layers = widgets.IntSlider(value=hidden_layers, min=lo, max=hi, description="hidden layers",
                               style=WIDE, continuous_update=False, layout=LAYOUT)
    lo, hi = DEEP_LIMITS["units"]
    units = widgets.IntSlider(value=units, min=lo, max=hi, description="units per layer",
                              style=WIDE, continuous_update=False, layout=LAYOUT)
    act = widgets.Dropdown(options=["relu", "leaky_relu", "tanh", "sigmoid"], value=activation,
                           description="hidden activation", style=WIDE)
    rate = log_slider(learning_rate, *DEEP_LIMITS["learning_rate"], "learning rate α")
    lo, hi = DEEP_LIMITS["per_frame"]
    speed = widgets.IntSlider(value=per_frame, min=lo, max=hi, description="iterations per frame",
                              continuous_update=False, style=WIDE, layout=LAYOUT)
    mine, note = learner_toggle(learner, LEARNER_FUNCTIONS, deep_checks, " (they use ReLU)")
    image = FrameImage(format="jpeg", layout=widgets.Layout(width="800px"))

    def build():
        run = DeepRun(X_train, Y_train, X_test, Y_test, layers.value, units.value,
                      "relu" if mine.value else act.value, rate.value,
                      functions=learner if mine.value else None)
        reference = (DeepRun(X_train, Y_train, X_test, Y_test, layers.value, units.value, "relu",
                             rate.value) if mine.value else None)
        return run, reference, DeepView(units.value)

    def settings():
        return {"hidden_layers": layers.value, "units": units.value, "activation": act.value,
                "learning_rate": rate.value, "per_frame": speed.value,
                "iterations": state["run"].iteration, "data_names": tuple(data_names)}

    sharing = Sharing("deep_playground", data_names, settings)
    player, state, hint = wire(build, image, rate, speed, mine, act,
                               [(layers, "hidden layers"), (units, "units per layer"),
                                (act, "activation")], rate_name="α =",
                               fast_forward=FAST_FORWARD, summary=lambda run: (
                                   f"after {run.iteration:,} iterations: train accuracy "
                                   f"<b>{run.accuracy():.1f}%</b>, test accuracy "
                                   f"<b>{run.accuracy(test=True):.1f}%</b>"), sharing=sharing)
    if iterations:
        player.step(iterations)
    frame = frame_area(image)
    box = widgets.VBox([player.bar, widgets.HBox([layers, units, act]),
                        widgets.HBox([rate, speed]), widgets.HBox([mine, note]), player.status,
                        hint, frame, player.caption, sharing.line, sharing.note])
    box.player, box.state, box.image, box.hint, box.frame = player, state, image, hint, frame
    box.share_line, box.share_note = sharing.line, sharing.note
    box.export = lambda: deep_export(state["run"], data_names[:2], sharing.rate_changed_at)
    return box


def deep_export(run, data_names=("X_train", "Y_train"), rate_changed_at=None):
    """The trained parameters (copied arrays) and the lines of the learner's ``L_layer_model``
    (notebook 04, section 8: ReLU, seed 1) that train the same network from scratch:
    ``(parameters, code)``. When it cannot (another activation, a rate changed during the
    run), the code's first line says so."""
    parameters = {key: value.copy() for key, value in run.params.items()}
    X, Y = data_names
    code = (f"parameters, costs = L_layer_model({X}, {Y}, {run.dims!r}, "
            f"learning_rate={run.learning_rate!r}, num_iterations={run.iteration})")
    if run.activation != "relu" or rate_changed_at is not None:
        why = (f"this run used {run.activation}" if run.activation != "relu" else
               f"this run's rate changed at iteration {rate_changed_at:,}")
        code = f"# not the same network: your L_layer_model trains ReLU units, {why}\n" + code
    return parameters, code


def rate_and_overfitting(X_train, Y_train, X_test, Y_test, rates=(0.3, 0.03), iterations=600,
                         jump=0.05):
    """The playground's default run beside one at a smaller rate: train and test costs.

    Trains a ``DeepRun`` (3 x 10 ReLU) at each of ``rates`` for ``iterations``. Returns
    ``(figure, findings)``: one panel per rate (train cost solid, test cost dashed, the lowest
    test cost marked), and per rate a dict with the lowest test cost and its iteration, the
    last test cost, train and test accuracy and how often the train cost rose by more than
    ``jump`` from one iteration to the next (a rate too large makes it spike).
    """
    fig, axes = plt.subplots(1, len(rates), figsize=(10, 3.6), sharey=True, squeeze=False)
    findings = []
    for ax, rate in zip(axes[0], rates):
        run = DeepRun(X_train, Y_train, X_test, Y_test, learning_rate=rate)
        stop = run.advance(iterations)
        test_at, test = np.array(run.test_costs).T
        best = int(np.argmin(test))
        found = {"rate": rate, "best_test": float(test[best]), "best_at": int(test_at[best]),
                 "last_test": float(test[-1]), "train_accuracy": run.accuracy(),
                 "test_accuracy": run.accuracy(test=True), "stopped": stop,
                 "spikes": int(np.sum(np.diff(run.train_costs) > jump))}
        findings.append(found)
        ax.plot(run.train_costs, color="k", lw=1.2, label="train cost")
        ax.plot(test_at, test, color=plots.CLASS_COLORS[1], lw=1.8, ls="--", label="test cost")
        ax.axvline(found["best_at"], color="0.4", ls=":", lw=1.2,
                   label=f"lowest test cost ({found['best_test']:.2f})")
        ax.set_title(f"α = {rate:g}: {found['spikes']} spikes, test cost {found['best_test']:.2f} "
                     f"→ {found['last_test']:.2f}")
        ax.set_xlabel("iteration")
        ax.legend(loc="upper right")
    axes[0][0].set_ylabel("cost J")
    fig.tight_layout()
    return fig, findings
