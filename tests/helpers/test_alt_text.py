"""Alt text is read off what a figure draws: cases worked by hand."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_hex

from helpers import alt_text, plots

CLASSES = {to_hex(c): name for c, name in zip(plots.CLASS_COLORS, plots.CLASS_NAMES)}


def test_a_cost_curve_says_where_it_starts_and_ends():
    fig, ax = plt.subplots()
    plots.plot_costs([0.693, 0.41, 0.75, 0.118], every=500, ax=ax, title="Training cost")
    text = alt_text.describe_figure(fig)
    assert text == ("Figure, 1 panel. 1. 'Training cost' (x: iteration, y: cost J): a line falls "
                    "from 0.693 at 0 to 0.118 at 1500 (between 0.118 and 0.75).")
    plt.close(fig)


def test_points_are_counted_per_class_with_their_marker():
    X = np.array([[0.0, 1.0, 2.0, 3.0, 4.0], [0.0, 1.0, 0.0, 1.0, 0.0]])
    Y = np.array([[0, 1, 1, 1, 0]])
    fig, ax = plt.subplots()
    plots.plot_decision_boundary(lambda G: (G[0:1] > 2).astype(float), X, Y, ax=ax, title="b")
    text = alt_text.describe_figure(fig, CLASSES)
    assert "5 points: 2 class 0 (blue circles), 3 class 1 (orange triangles)" in text
    assert "background shaded by the predicted class" in text and "(x: x_1, y: x_2)" in text
    plt.close(fig)


def test_images_lines_and_an_empty_figure():
    fig, (a, b, c) = plt.subplots(1, 3)
    a.imshow(np.array([[0.0, 2.0], [1.0, 3.0]]))
    b.plot([0, 1, 2], [1.0, 4.0, 9.0], label="cost at 0.5")
    c.axis("off")
    fig.suptitle("Three panels")
    text = alt_text.describe_figure(fig)
    assert text.startswith("Figure 'Three panels', 2 panels. ")
    assert "an image of 2 by 2 values from 0 to 3" in text
    assert "'cost at 0.5' rises from 1 at 0 to 9 at 2" in text
    assert alt_text.describe_figure(plt.figure()) == "Figure (no data drawn)."
    plt.close("all")


def test_the_html_holds_the_png_and_escapes_the_text():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1], label='a "quoted" <line>')
    page = alt_text.figure_html(fig)
    assert page.startswith('<img alt="Figure, 1 panel. 1. a panel: &#x27;a &quot;quoted&quot; &lt;line&gt;&#x27;')
    assert 'src="data:image/png;base64,iVBOR' in page
    plt.close(fig)
