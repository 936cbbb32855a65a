"""Text alternatives for the notebooks' figures, read off what each figure draws.

JupyterLab's image renderer has no alt text (it draws an ``<img>`` from ``image/png`` with
only a size), so ``plots.setup()`` adds an HTML form of every figure the notebook shows:
the same PNG in an ``<img alt="...">``, which JupyterLab, nbconvert and GitHub prefer to the
bare PNG; the PNG output's metadata carries the same text (``{"image/png": {"alt": ...}}``).
The text is computed from the figure's artists (titles, axis labels, each line's first and
last values, how many points of each class, the images' value ranges), so it always says
what the picture shows and never disagrees with it.
"""

import base64
import html

import numpy as np
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

MAX_LINES = 6      # lines described per panel; the rest are counted
MAX_TEXT = 160     # characters of a panel's own text labels (diagrams)


def _number(x):
    return f"{x:.4g}"


def _plain(label):
    """A label as text: matplotlib's ``$x_1$`` maths read as ``x_1``."""
    return label.replace("$", "").replace("\\", "")


def _line(line):
    x, y = (np.asarray(v, dtype=float).ravel() for v in line.get_data())
    ok = np.isfinite(x) & np.isfinite(y)
    if ok.sum() < 2 or np.ptp(y[ok]) == 0 and np.ptp(x[ok]) == 0:
        return None
    x, y = x[ok], y[ok]
    if np.ptp(x) == 0:  # a vertical line
        return f"a vertical line at {_number(x[0])}"
    label = line.get_label()
    name = f"'{label}'" if label and not label.startswith("_") else "a line"
    if np.ptp(y) == 0:
        return f"{name} flat at {_number(y[0])}"
    trend = "rises" if y[-1] > y[0] else "falls" if y[-1] < y[0] else "returns"
    text = (f"{name} {trend} from {_number(y[0])} at {_number(x[0])} to {_number(y[-1])} "
            f"at {_number(x[-1])}")
    if y.min() < min(y[0], y[-1]) or y.max() > max(y[0], y[-1]):
        text += f" (between {_number(y.min())} and {_number(y.max())})"
    return text


def _points(collection, class_names):
    n = len(collection.get_offsets())
    if n == 0:
        return None
    faces = collection.get_facecolors()
    if len(faces) == n and n > 1:
        counts = {}
        for face in faces:
            key = to_hex(face)
            counts[key] = counts.get(key, 0) + 1
        if 1 < len(counts) <= len(class_names):
            parts = [f"{count} {class_names.get(color, 'other')}"
                     for color, count in sorted(counts.items(), key=lambda kv: kv[0] not in class_names)]
            parts.sort(key=lambda p: p.split(" ", 1)[1])
            return f"{n} points: " + ", ".join(parts)
    return f"{n} points"


def describe_axes(ax, class_names):
    """One sentence on what panel ``ax`` draws (an empty string for an empty panel)."""
    parts = []
    lines = [d for d in (_line(line) for line in ax.get_lines()) if d]
    parts += lines[:MAX_LINES]
    if len(lines) > MAX_LINES:
        parts.append(f"{len(lines) - MAX_LINES} more lines")
    for collection in ax.collections:
        if isinstance(collection, PathCollection):
            described = _points(collection, class_names)
            if described:
                parts.append(described)
    if any(type(c).__name__ in ("QuadContourSet", "ContourSet") for c in ax.collections):
        parts.append("the background shaded by the predicted class")
    for image in ax.get_images():
        values = np.asarray(image.get_array(), dtype=float)
        parts.append(f"an image of {values.shape[0]} by {values.shape[1]} values from "
                     f"{_number(np.nanmin(values))} to {_number(np.nanmax(values))}")
    bars = [p for p in ax.patches if type(p).__name__ == "Rectangle"]
    if len(bars) > 1:
        heights = [b.get_height() for b in bars]
        parts.append(f"{len(bars)} bars from {_number(min(heights))} to {_number(max(heights))}")
    texts = " ".join(t.get_text().replace("\n", " ") for t in ax.texts if t.get_text().strip())
    if texts:
        parts.append("labels: " + (texts if len(texts) <= MAX_TEXT else texts[:MAX_TEXT] + "..."))
    if not parts:
        return ""
    title = _plain(ax.get_title())
    axes_names = [f"{which}: {_plain(label)}" for which, label in
                  (("x", ax.get_xlabel()), ("y", ax.get_ylabel())) if label]
    head = f"'{title}'" if title else "a panel"
    if axes_names:
        head += f" ({', '.join(axes_names)})"
    return f"{head}: " + "; ".join(parts)


def describe_figure(fig, class_names=None):
    """The alt text of figure ``fig``: its title and one sentence per non-empty panel.

    class_names : {hex colour: name} for the points' colours (``plots`` passes its classes).
    """
    class_names = class_names or {}
    panels = [d for d in (describe_axes(ax, class_names) for ax in fig.get_axes()) if d]
    title = fig.get_suptitle()
    head = f"Figure '{title}'" if title else "Figure"
    if not panels:
        return head + " (no data drawn)."
    count = f"{len(panels)} panels" if len(panels) > 1 else "1 panel"
    return f"{head}, {count}. " + " ".join(f"{i}. {p}." for i, p in enumerate(panels, 1))


def img_tag(png_base64, alt):
    """An HTML ``<img>`` of a base64 PNG with alt text ``alt``."""
    return f'<img alt="{html.escape(alt, quote=True)}" src="data:image/png;base64,{png_base64}">'


def png_and_alt(fig, class_names=None):
    """``fig`` as the notebook's PNG (base64) and its output metadata, the alt text:
    ``(png, {"alt": text})``, the form IPython's formatters take."""
    from IPython.core.pylabtools import print_figure

    png = print_figure(fig, "png", bbox_inches="tight", base64=True)
    return png, {"alt": describe_figure(fig, class_names)}


def figure_html(fig, class_names=None):
    """``fig`` as an HTML ``<img>`` holding the same PNG the notebook shows, with its alt text."""
    png, metadata = png_and_alt(fig, class_names)
    return img_tag(png, metadata["alt"])


class Picture:
    """A PNG (bytes) to display with its alt text: the notebook stores the PNG, an HTML
    ``<img alt>`` of it, and the text alone (what a reader without images sees)."""

    def __init__(self, png, alt):
        self.png, self.alt = png, alt

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = base64.b64encode(self.png).decode("ascii")
        return ({"image/png": data, "text/html": img_tag(data, self.alt), "text/plain": self.alt},
                {"image/png": {"alt": self.alt}})


def show_alt_text(class_names=None):
    """In an IPython kernel, show every matplotlib figure with its alt text (see above)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    shell.display_formatter.formatters["text/html"].for_type(
        Figure, lambda fig: figure_html(fig, class_names))
    shell.display_formatter.formatters["image/png"].for_type(
        Figure, lambda fig: png_and_alt(fig, class_names))
