"""Text size in the figures the notebooks show: every text at least 10 pt, at a width the
notebook shows without shrinking it (13 inches at the figures' 80 dpi, 1,040 pixels), and no
two texts drawn over each other (tick labels aside: matplotlib spaces those itself)."""

import matplotlib
import numpy as np
import pytest
from matplotlib.axis import Tick
from matplotlib.text import Text

from helpers import diagrams, plots
from helpers.widgets import nb01_intro, nb02_logistic, nb04_shapes

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

MIN_POINTS = 10
MAX_PIXELS = 1040
HOUSE_LABELS = [["size", "bedrooms", "postcode", "wealth"],
                ["family size?", "walkability?", "school quality?"], ["price"]]
IMAGES = np.random.default_rng(0).integers(0, 256, (8, 28, 28))


def broadcast_figure():
    fig, axes = plt.subplots(3, 1, figsize=(9, 7.5))
    for ax, (sa, sb) in zip(axes, [((3, 4), (1, 4)), ((3, 1), (1, 4)), ((3, 4), (3,))]):
        plots.plot_broadcast(sa, sb, ax=ax)
    fig.tight_layout()


# The figures as the notebooks draw them (the same calls, with data of the same shapes).
FIGURES = {
    "costs": lambda: plots.plot_costs(list(np.linspace(0.7, 0.1, 20)), title="cost J"),
    "network with labels": lambda: plots.plot_network([4, 3, 1], labels=HOUSE_LABELS,
                                                      title="A small network for house prices"),
    "deep network": lambda: plots.plot_network([784, 20, 7, 5, 1], title="L = 4"),
    "eight digits": lambda: plots.plot_images(IMAGES, titles=[f"{d} → y = {d % 2}"
                                                              for d in range(8)], ncols=8),
    "mistakes": lambda: plots.plot_images(IMAGES[:5], ncols=5, titles=[
        f"digit {d}\nP(odd) = 0.97" for d in range(5)]),
    "broadcasting": broadcast_figure,
    "activations": plots.plot_activations,
    "computation graph": diagrams.computation_graph,
    "logistic graph": lambda: diagrams.logistic_graph(np.array([[1.0], [2.0]]),
                                                      np.array([[0.5], [-0.3]]), 0.1, 1),
    "two-layer pass": lambda: diagrams.two_layer_pass(2, 4, 400),
    "building blocks": lambda: diagrams.building_blocks([784, 20, 7, 5, 1]),
    "building blocks, deep": lambda: diagrams.building_blocks([784, 20, 7, 5, 4, 3, 1]),
    "house prices": nb01_intro.house_figure,
    "one neuron": nb01_intro.neuron_figure,
    "descent in 1-D": nb02_logistic.descent_1d_figure,
    "shape table": lambda: nb04_shapes.shape_table_figure([5, 4, 3, 1], 10),
    "shape table, 5 layers": lambda: nb04_shapes.shape_table_figure([2, 3, 5, 4, 2, 1], 4),
    "shape table, 10 layers": lambda: nb04_shapes.shape_table_figure([1000] * 10 + [1], 4),
}


def drawn_texts(fig):
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ticks = {id(t) for tick in fig.findobj(Tick) for t in (tick.label1, tick.label2)}
    return [(t, t.get_window_extent(renderer)) for t in fig.findobj(Text)
            if t.get_visible() and t.get_text().strip()], ticks


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figure_text_is_10_pt_or_more_and_never_overlaps(name):
    plots.setup()
    plt.close("all")
    FIGURES[name]()
    fig = plt.gcf()
    try:
        texts, ticks = drawn_texts(fig)
        small = [(t.get_text()[:30], t.get_fontsize()) for t, _ in texts
                 if t.get_fontsize() < MIN_POINTS]
        assert not small, f"{name}: text under {MIN_POINTS} pt: {small}"
        width = fig.get_size_inches()[0] * fig.dpi
        assert width <= MAX_PIXELS, f"{name}: {width:.0f} pixels wide, shown shrunk"
        own = [(t, box) for t, box in texts if id(t) not in ticks and box.width > 0]
        for k, (a, box_a) in enumerate(own):
            for b, box_b in own[k + 1:]:
                assert not box_a.overlaps(box_b), \
                    f"{name}: {a.get_text()[:30]!r} is drawn over {b.get_text()[:30]!r}"
    finally:
        plt.close(fig)
