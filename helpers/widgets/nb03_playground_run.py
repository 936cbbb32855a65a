"""Notebook 03's live planar playground: watch the one-hidden-layer network learn.

``PlanarRun`` trains (no widgets: tests drive it directly), ``PlanarView`` draws one
frame (decision boundary with train and test points, the network with each weight
as a line, train and test cost curves, one square map per hidden unit over the
boundary's plane, six at a time), and
``planar_playground`` wires them to the controls and the ``Player`` of ``live``.
Notebook 03, section 8 ("The playground").
"""

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import LinearSegmentedColormap

from .. import nb03_shallow
from ..cost import cross_entropy, cross_entropy_from_logits
from ..plots import CLASS_COLORS, CLASS_MARKERS, decision_grid
from ..validation import diverged
from .frames import Blitter, new_figure, nice_limit
from .live import training_hint

PROBABILITY_CMAP = LinearSegmentedColormap.from_list(   # light, so the points stay visible
    "class_probability", ["#8fbfe0", "#ffffff", "#f6c27a"])
UNIT_CMAP = "PuOr_r"   # a hidden unit's activation: purple negative, orange positive
WEIGHT_COLORS = ("#5e3c99", "#e66101")   # negative, positive weights
MAPS_PER_PAGE = 6      # hidden-unit maps drawn at once (``PlanarView.set_page`` for the others)
GRID_POINTS = 60       # the boundary's grid is about GRID_POINTS x GRID_POINTS
REFERENCE_FUNCTIONS = ("forward_propagation", "backward_propagation", "update_parameters")


def split_data(X, Y, noise=0.0, test_share=0.3, seed=0):
    """Jitter and split a 2-D data set, reproducibly.

    X (2, m), Y (1, m). ``noise`` adds Gaussian jitter of ``noise`` times each
    feature's standard deviation; ``test_share`` of the points (shuffled by
    ``seed``) become the test set. Returns ``(X_train, Y_train, X_test, Y_test)``,
    the test arrays with 0 columns when ``test_share`` is 0.
    """
    rng = np.random.default_rng(seed)
    X = X + noise * X.std(axis=1, keepdims=True) * rng.standard_normal(X.shape)
    order = rng.permutation(X.shape[1])
    n_test = int(round(test_share * X.shape[1]))
    test, train = np.sort(order[:n_test]), np.sort(order[n_test:])
    return X[:, train], Y[:, train], X[:, test], Y[:, test]


def _reference_step(activation):
    """One gradient-descent step, ``nb03_shallow.step`` as ``nn_model`` takes it (the cost
    from the logits Z2). (params, X, Y, lr) -> (new params, the cost before the step)."""
    def step(p, X, Y, learning_rate):
        new, cache, _ = nb03_shallow.step(p, X, Y, learning_rate, activation)
        return new, cross_entropy_from_logits(cache["Z2"], Y)
    return step


def _learner_step(functions):
    """The same step with the learner's forward, backward and update functions (the cost
    from their A2, as the course computes it)."""
    forward, backward, update = (functions[name] for name in REFERENCE_FUNCTIONS)

    def step(p, X, Y, learning_rate):
        A2, cache = forward(X, p)
        return update(p, backward(p, cache, X, Y), learning_rate), cross_entropy(A2, Y)
    return step


class PlanarRun:
    """A one-hidden-layer network trained a few iterations at a time.

    X_train (2, m), Y_train (1, m), X_test (2, k), Y_test (1, k) with k >= 0.
    ``functions``: the learner's three functions by name (then tanh only), or None
    for the reference. Costs are recorded every iteration: ``train_costs[i]`` and
    ``test_costs[i]`` are the costs before update i.
    """

    def __init__(self, X_train, Y_train, X_test, Y_test, n_h=4, activation="tanh",
                 learning_rate=1.2, seed=3, functions=None):
        self.X, self.Y, self.X_test, self.Y_test = X_train, Y_train, X_test, Y_test
        self.n_h, self.activation, self.learning_rate = n_h, activation, learning_rate
        self.params = nb03_shallow.initialize_parameters(X_train.shape[0], n_h, 1, seed)
        self.iteration = 0
        self.train_costs, self.test_costs = [], []
        self._step = _learner_step(functions) if functions else _reference_step(activation)

    def advance(self, n):
        """Train ``n`` iterations. Returns "" or the sentence saying training diverged."""
        with np.errstate(over="ignore", invalid="ignore"):
            for _ in range(n):
                test = (cross_entropy_from_logits(self.logits(self.X_test), self.Y_test)
                        if self.Y_test.shape[1] else np.nan)
                self.params, cost = self._step(self.params, self.X, self.Y, self.learning_rate)
                self.train_costs.append(cost)
                self.test_costs.append(test)
                if not np.isfinite(cost) or not np.isfinite(self.params["W2"]).all():
                    return str(diverged(self.learning_rate, self.iteration))
                self.iteration += 1
        return ""

    def forward(self, X):
        """The reference forward pass at the current parameters: (A2, cache) for X (2, m)."""
        return nb03_shallow.forward(X, self.params, self.activation)

    def hidden(self, X):
        """The hidden layer's activations A1 (n_h, m) for the points X (2, m)."""
        return self.forward(X)[1]["A1"]

    def logits(self, X):
        """The output layer's Z2 (1, m) for the points X (2, m)."""
        return self.forward(X)[1]["Z2"]

    def probabilities(self, X):
        """The network's output A2 (1, m): P(class 1) for the points X (2, m)."""
        return self.forward(X)[0]

    def accuracy(self, test=False):
        """Accuracy in % on the train (or test) points; None with no test points."""
        X, Y = (self.X_test, self.Y_test) if test else (self.X, self.Y)
        if Y.shape[1] == 0:
            return None
        return 100 * float(np.mean((self.probabilities(X) > 0.5) == Y))

    def hint(self):
        """Why training is not progressing (dead ReLUs, a flat cost), or ""."""
        dead = None
        if self.activation == "relu":
            dead = float(np.mean(~(self.hidden(self.X) > 0).any(axis=1)))
        return training_hint(self.train_costs, dead, self.accuracy())


class PlanarView:
    """One figure, redrawn in place every frame: boundary, network, costs, hidden-unit maps.

    ``draw(run, reference=None)`` updates every artist from ``run`` (and the faint
    overlay of ``reference``, a PlanarRun trained alongside) and returns the figure.
    ``set_page(first)`` shows the maps of units first+1 ... first+6; ``chosen`` is the
    training point ringed on the boundary (the step view's point), or None.
    """

    def __init__(self, X_all, n_h, name):
        self.fig = fig = new_figure(11, 6.2)
        grid = fig.add_gridspec(2, 3, width_ratios=[1.15, 1, 1], height_ratios=[1.6, 1],
                                left=0.05, right=0.98, top=0.93, bottom=0.04, wspace=0.28,
                                hspace=0.3)
        self.ax_b, self.ax_n, self.ax_c = (fig.add_subplot(grid[0, k]) for k in range(3))
        self.name, self.n_h = name, n_h
        self.xx, self.yy, self.grid = decision_grid(X_all, points=GRID_POINTS)
        extent = (self.xx.min(), self.xx.max(), self.yy.min(), self.yy.max())
        self.boundary = self.ax_b.imshow(np.full(self.xx.shape, 0.5), origin="lower", extent=extent,
                                         cmap=PROBABILITY_CMAP, vmin=0, vmax=1, aspect="auto",
                                         interpolation="bilinear")
        self.ax_b.grid(False)
        self.ax_b.set_box_aspect(1)   # square, like each unit's map below
        self.chosen = None
        self.ring = self.ax_b.scatter([], [], s=170, facecolors="none", edgecolors="k",
                                      linewidths=2.2, zorder=5)
        self.reference_contour = None
        self.points, self.limits, self.stale = [], None, True
        self.blitter = Blitter(fig)
        self._network_axes(n_h)
        self.train_line, = self.ax_c.plot([], [], color="k", lw=1.4, label="train")
        self.test_line, = self.ax_c.plot([], [], color=CLASS_COLORS[1], lw=1.6, ls="--",
                                         label="test")
        self.reference_line, = self.ax_c.plot([], [], color="0.6", lw=3, alpha=0.5, ls=":",
                                              label="reference (train)")
        self.ax_c.set_xlabel("iteration")
        self.ax_c.set_ylabel("cost J")
        self.maps, self.map_axes, self.first = [], [], 0
        sub = grid[1, :].subgridspec(1, MAPS_PER_PAGE, wspace=0.25)
        for k in range(min(n_h, MAPS_PER_PAGE)):
            ax = fig.add_subplot(sub[0, k])
            ax.set_box_aspect(1)
            ax.grid(False)
            ax.locator_params(nbins=3)
            ax.tick_params(labelsize=10, pad=1, length=2)
            self.map_axes.append(ax)
            self.maps.append(ax.imshow(np.zeros(self.xx.shape), origin="lower", extent=extent,
                                       cmap=UNIT_CMAP, aspect="auto"))
        self.maps_text = fig.text(0.05, 0.37, "", fontsize=10)
        self.set_page(0)

    def set_page(self, first):
        """Show the maps of hidden units first+1 ... first+MAPS_PER_PAGE (first: 0-based)."""
        self.first = int(min(max(first, 0), self.n_h - 1))
        for k, ax in enumerate(self.map_axes):   # the last page may show fewer
            ax.set_visible(self.first + k < self.n_h)
            self.maps[k].set_visible(self.first + k < self.n_h)
            ax.set_title(f"unit {self.first + k + 1}", fontsize=10, pad=2)
        last = min(self.first + len(self.maps), self.n_h)
        which = (f"units {self.first + 1}\N{EN DASH}{last} of {self.n_h}" if self.n_h > len(self.maps)
                 else f"all {self.n_h} units")
        self.maps_text.set_text(f"what each hidden unit computes over the plane ({which}): its "
                                f"activation a, purple negative, orange positive")
        self.stale = True   # the next frame redraws the background (titles changed)

    def _network_axes(self, n_h):
        ax = self.ax_n
        ax.set_axis_off()
        ax.set_xlim(-0.3, 2.3)
        ax.set_ylim(-0.62, 1.08)  # room below for the points' legend
        ys = np.linspace(1, 0, n_h + 2)[1:-1]  # unit 1 on top
        self.pos = {"in": [(0, 0.65), (0, 0.35)], "hidden": [(1, y) for y in ys], "out": [(2, 0.5)]}
        segs = [(a, h) for a in self.pos["in"] for h in self.pos["hidden"]]  # order of W1.T.ravel()
        segs += [(h, self.pos["out"][0]) for h in self.pos["hidden"]]
        self.weights = LineCollection(segs, zorder=1)
        ax.add_collection(self.weights)
        size = max(20, 160 / max(1, n_h / 4))
        self.nodes = []  # drawn after the weights, every frame
        for key, names in (("in", ["$x_1$", "$x_2$"]), ("out", ["$\\hat y$"])):
            xs, ys_ = zip(*self.pos[key])
            self.nodes.append(ax.scatter(xs, ys_, s=220, color="#f0f0f0", edgecolors="0.2"))
            for (x, y), label in zip(self.pos[key], names):
                self.nodes.append(ax.text(x, y, label, ha="center", va="center", fontsize=10))
        xs, ys_ = zip(*self.pos["hidden"])
        self.nodes.append(ax.scatter(xs, ys_, s=size, color="#cfe3f3", edgecolors="0.2"))
        ax.set_title("the network: line width = |weight|,\ncolour = sign (purple \N{MINUS SIGN}, "
                     "orange +)", fontsize=10)

    def dynamic(self):
        """The artists that change every frame, in drawing order (the rest is cached)."""
        return [self.boundary, *self.points, self.reference_contour, self.ring, self.ax_b.title,
                self.weights, *self.nodes, self.train_line, self.test_line, self.reference_line,
                self.ax_c.title,
                *self.maps]

    def draw(self, run, reference=None):
        """Update every artist from ``run``; returns True when the background must be redrawn
        (the cost axes' limits changed), False when blitting the dynamic artists is enough."""
        P = run.probabilities(self.grid).reshape(self.xx.shape)
        self.boundary.set_data(P)
        self._draw_points(run)
        chosen = np.empty((0, 2)) if self.chosen is None else run.X[:, [self.chosen]].T
        self.ring.set_offsets(chosen)
        if self.reference_contour is not None:
            self.reference_contour.remove()
            self.reference_contour = None
        if reference is not None:
            R = reference.probabilities(self.grid).reshape(self.xx.shape)
            if R.min() < 0.5 < R.max():
                self.reference_contour = self.ax_b.contour(self.xx, self.yy, R, levels=[0.5],
                                                           colors="0.25", linewidths=1.2,
                                                           linestyles="--", alpha=0.6)
        train_acc, test_acc = run.accuracy(), run.accuracy(test=True)
        test_text = f", test {test_acc:.1f}%" if test_acc is not None else ", no test points"
        start = "untrained (random start): " if run.iteration == 0 else ""
        self.ax_b.set_title(f"{self.name}: {run.n_h} {run.activation} units\n"
                            f"{start}train {train_acc:.1f}%{test_text}", fontsize=10)
        w = np.concatenate([run.params["W1"].T.ravel(), run.params["W2"].ravel()])
        scale = max(np.abs(w).max(), 1e-12)
        self.weights.set_linewidths(0.3 + 4.5 * np.abs(w) / scale)
        self.weights.set_colors([WEIGHT_COLORS[int(v > 0)] for v in w])
        A1 = run.hidden(self.grid)
        bounded = run.activation in ("tanh", "sigmoid")  # outputs within [-1, 1]
        for k, image in enumerate(self.maps[:self.n_h - self.first]):
            a = A1[self.first + k]
            image.set_data(a.reshape(self.xx.shape))
            top = 1.0 if bounded else max(np.abs(a).max(), 1e-9)
            image.set_clim(-top, top)  # 0 is white, whatever the activation
        changed = self._draw_costs(run, reference)
        stale, self.stale = self.stale, False
        return changed or stale

    def _draw_points(self, run):
        if getattr(self, "_points_of", None) is run.X:
            return
        self._points_of = run.X
        for artist in self.points:
            artist.remove()
        self.points = []
        # the class by colour and marker (circle, triangle), train or test by fill
        for X, Y, split in ((run.X, run.Y, "train"), (run.X_test, run.Y_test, "test")):
            for label in (0, 1):
                here = Y.ravel() == label
                if not here.any():
                    continue
                color = CLASS_COLORS[label]
                face, edge = (color, "k") if split == "train" else ("white", color)
                self.points.append(self.ax_b.scatter(
                    X[0, here], X[1, here], marker=CLASS_MARKERS[label], s=18 if label == 0 else 24,
                    facecolors=face, edgecolors=edge, linewidths=0.4 if split == "train" else 1.2,
                    label=f"{split}, class {label} ({int(here.sum())})"))
        # beside the plot, not on it: the legend then belongs to the cached background
        self.ax_n.legend(handles=self.points, loc="lower center", fontsize=10, ncols=2,
                         markerscale=1.5, title="points of the left plot", title_fontsize=10)
        self.stale = True   # a new legend: the background is drawn again

    def _draw_costs(self, run, reference):
        n = len(run.train_costs)
        its = np.arange(n)
        self.train_line.set_data(its, run.train_costs)
        self.test_line.set_data(its, run.test_costs)
        ref = reference.train_costs if reference is not None else []
        self.reference_line.set_data(np.arange(len(ref)), ref)
        ax = self.ax_c
        finite = [c for c in run.train_costs[:50] + run.test_costs[-1:] + list(ref[:50])
                  if np.isfinite(c)]
        top = max(finite, default=0.7)
        if self.limits is not None and top <= self.limits[1]:
            top = self.limits[1]
        else:
            top = nice_limit(1.1 * top)
        limits = (nice_limit(max(n, len(ref), 1), steps=(1, 2, 5), minimum=100), top)
        if n == 0:
            ax.set_title("iteration 0: press Play or Step", fontsize=10)
        else:
            test = run.test_costs[-1]
            ax.set_title(f"iteration {run.iteration:,}: train cost {run.train_costs[-1]:.3f}"
                         + (f", test {test:.3f}" if np.isfinite(test) else ""), fontsize=10)
        handles = [self.train_line] + ([self.test_line] if run.Y_test.shape[1] else []) \
            + ([self.reference_line] if reference is not None else [])
        changed = limits != self.limits or len(handles) != len(getattr(self, "_handles", ()))
        if changed:
            self.limits, self._handles = limits, handles
            ax.set_xlim(0, limits[0])
            ax.set_ylim(0, limits[1])
            ax.legend(handles=handles, loc="upper right", fontsize=10)
        return changed

    def frame(self, run, reference=None):
        """Draw one frame; returns the figure's RGB pixels (h, w, 3) uint8."""
        full = self.draw(run, reference)
        return self.blitter.frame(self.dynamic(), full)
