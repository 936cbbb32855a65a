"""How a playground's picture is drawn and shown, frame after frame.

- ``new_figure``: a matplotlib Figure drawn by Agg, outside pyplot.
- ``Blitter``, ``nice_limit``: redraw only what changed in a frame.
- ``figure_png``, ``pixels_jpeg``: a figure, or a frame's pixels, to bytes (the stored
  snapshot; the ``Image`` widget, ``common.FrameImage``, titled with what it shows).
- ``frame_area``: the Output where the frames show.
"""

import io

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image


def new_figure(width, height, dpi=80):
    """A matplotlib Figure drawn by Agg, outside pyplot (safe to redraw from a task)."""
    fig = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(fig)
    return fig


def figure_png(fig):
    """Render ``fig`` and return PNG bytes (the static snapshots the notebooks store).

    Everything is drawn, the artists a ``Blitter`` animates too (a plain draw leaves those out).
    """
    animated = [a for a in fig.findobj() if a.get_animated()]
    for artist in animated:
        artist.set_animated(False)
    try:
        fig.canvas.draw()
    finally:
        for artist in animated:
            artist.set_animated(True)
    rgba = np.asarray(fig.canvas.buffer_rgba())
    out = io.BytesIO()
    Image.fromarray(rgba[..., :3]).save(out, format="PNG", optimize=True)
    return out.getvalue()


class Blitter:
    """Redraw only a figure's changing artists over a cached picture of the rest.

    ``frame(artists, full)`` returns the figure's RGB pixels (h, w, 3) uint8. With
    ``full`` (axes limits or legends changed) or on the first call everything is
    drawn and the background (all but ``artists``) is cached again.
    """

    def __init__(self, fig):
        self.fig, self.background = fig, None

    def frame(self, artists, full=False):
        canvas = self.fig.canvas
        artists = [a for a in artists if a is not None]
        for artist in artists:
            artist.set_animated(True)
        if full or self.background is None:
            canvas.draw()
            self.background = canvas.copy_from_bbox(self.fig.bbox)
        else:
            canvas.restore_region(self.background)
        for artist in artists:
            self.fig.draw_artist(artist)
        return np.asarray(canvas.buffer_rgba())[..., :3]


def nice_limit(value, steps=(1, 1.5, 2, 3, 5, 7), minimum=0.1):
    """The smallest of ``steps`` times a power of ten that is >= ``value`` (axis limits
    that change seldom, so the cached background stays valid)."""
    value = max(value, minimum)
    power = 10.0 ** np.floor(np.log10(value))
    for s in tuple(steps) + (10,):
        if s * power >= value * (1 - 1e-12):
            return s * power
    return 10 * power


def frame_area(image):
    """An Output holding the frames' Image widget: where every playground shows its picture
    (the browser tests find a widget's plot as an ``img`` inside an output area)."""
    out = widgets.Output()
    out.outputs = ({"output_type": "display_data", "metadata": {},
                    "data": {"text/plain": "the playground's picture",
                             "application/vnd.jupyter.widget-view+json": {
                                 "version_major": 2, "version_minor": 0,
                                 "model_id": image.model_id}}},)
    return out


def pixels_jpeg(rgb, quality=90):
    """RGB pixels (h, w, 3) uint8 to JPEG bytes: about 1 ms and half a PNG's size per frame."""
    out = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(rgb)).save(out, format="JPEG", quality=quality)
    return out.getvalue()
