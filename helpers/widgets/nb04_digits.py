"""Notebook 04, "Your own digit": upload a photo, or draw with the mouse, and see what the
trained network says, with the 28 x 28 input it really sees.

``open_upload`` checks an upload from its header before decoding a pixel (format,
size), so a huge or wrong file gets a sentence, not a traceback or gigabytes of
memory. ``DigitPad`` keeps the strokes drawn on an ``ipycanvas.Canvas`` as a PIL
image in Python, so what the network sees does not wait for the browser.
"""

import io
import time
import warnings

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from PIL import Image, ImageDraw, UnidentifiedImageError

from .. import plots
from ..data import prepare_digit_image
from .common import POINTER_ONLY, FrameImage, redraw

MAX_UPLOAD_BYTES = 30_000_000      # 30 MB: larger files are refused before reading
MAX_UPLOAD_PIXELS = 25_000_000     # 25 megapixels, e.g. a 6000 x 4000 phone photo
WORKING_SIZE = 1000                # images are shrunk to at most this many pixels a side first
PAD_SIZE, PEN_WIDTH = 280, 22      # the drawing canvas (10 x the 28 x 28 input) and its pen
PREDICT_EVERY = 0.1                # seconds between predictions while the pen moves


def open_upload(content):
    """Open uploaded bytes as a PIL image, checking format and size from the header first.

    Returns a greyscale PIL image at most WORKING_SIZE pixels a side. Raises
    ``ValueError`` saying what is wrong and what to do: not an image, not PNG or
    JPEG, more than MAX_UPLOAD_BYTES or MAX_UPLOAD_PIXELS.
    """
    content = bytes(content)
    if len(content) > MAX_UPLOAD_BYTES:
        raise ValueError(f"this file is {len(content) / 1e6:.0f} MB; upload at most "
                         f"{MAX_UPLOAD_BYTES / 1e6:.0f} MB (a PNG or JPEG of one digit)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(content))  # reads the header only: no pixel yet
    except UnidentifiedImageError:
        raise ValueError(f"this file is not an image (it starts with {content[:8]!r}); upload a "
                         f"PNG or JPEG photo or drawing of one digit") from None
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise ValueError(f"this image has more than {Image.MAX_IMAGE_PIXELS:,} pixels; upload "
                         f"one of at most {MAX_UPLOAD_PIXELS:,} pixels (scale it down or crop it "
                         f"to the digit)") from None
    if img.format not in ("PNG", "JPEG"):
        raise ValueError(f"this is a {img.format} image; upload a PNG or JPEG")
    width, height = img.size
    if width * height > MAX_UPLOAD_PIXELS:
        raise ValueError(f"this image is {width:,} × {height:,} = {width * height:,} pixels; "
                         f"upload one of at most {MAX_UPLOAD_PIXELS:,} pixels (scale it down or "
                         f"crop it to the digit)")
    if img.format == "JPEG":
        img.draft("L", (WORKING_SIZE, WORKING_SIZE))  # decode at 1/2, 1/4 or 1/8 scale
    try:
        img = img.convert("L")
    except OSError as exc:  # a truncated or corrupt file
        raise ValueError(f"this {img.format} file could not be decoded ({exc}); upload it "
                         f"again or save it anew") from None
    img.thumbnail((WORKING_SIZE, WORKING_SIZE))
    return img


def image_prediction_figure(steps, probability):
    """The conversion steps of ``data.prepare_digit_image`` and the model's answer."""
    cmaps = ["gray"] + ["gray_r"] * (len(steps) - 1)
    fig, axes = plt.subplots(1, len(steps), figsize=(2.0 * len(steps), 2.9))
    plots.plot_images([s for _, s in steps], titles=[t for t, _ in steps], ncols=len(steps),
                      axes=axes, cmap=cmaps)
    label = "odd" if probability > 0.5 else "even"
    fig.suptitle(f"The model says: {label} (P(odd) = {probability:.2f})")
    fig.subplots_adjust(top=0.68)
    return fig


def upload_widget(predict_proba, sample_path):
    """A file-upload button for a PNG or JPEG of one digit; shows the conversion and the answer.

    predict_proba : function from an input column (784, 1) to P(odd)
    sample_path   : the image used until something is uploaded
    """
    upload = widgets.FileUpload(accept="image/png,image/jpeg,.png,.jpg,.jpeg", multiple=False,
                                description="Upload a digit")
    out = widgets.Output()

    def draw():
        source = open_upload(upload.value[0]["content"]) if upload.value else sample_path
        steps, image = prepare_digit_image(source)
        x = image.reshape(-1, 1) / 255.0
        return image_prediction_figure(steps, float(predict_proba(x)))

    upload.observe(lambda change: redraw(out, draw), names="value")
    redraw(out, draw)
    box = widgets.VBox([upload, widgets.HTML(f"<i>a PNG or JPEG of at most "
                                             f"{MAX_UPLOAD_PIXELS / 1e6:.0f} megapixels</i>"), out])
    box.upload, box.out = upload, out
    return box


def _png(array, scale=5):
    """A uint8 2-D array as PNG bytes, each pixel a ``scale`` x ``scale`` block."""
    out = io.BytesIO()
    Image.fromarray(np.kron(array, np.ones((scale, scale), dtype=np.uint8))).save(out, "PNG")
    return out.getvalue()


class DigitPad:
    """Draw a digit with the mouse; P(odd) and the 28 x 28 input update as you draw.

    predict_proba : function from an input column (784, 1) in [0, 1] to P(odd)
    The strokes go both to the ipycanvas Canvas (what you see) and to ``self.ink``, a
    PIL greyscale image of the same size (what is converted and predicted).
    ``pen_down``, ``pen_move`` and ``pen_up`` are the canvas's mouse handlers.
    """

    def __init__(self, predict_proba):
        from ipycanvas import Canvas  # imported here: only this widget needs it

        self.predict_proba = predict_proba
        self.canvas = Canvas(width=PAD_SIZE, height=PAD_SIZE,
                             layout=widgets.Layout(width=f"{PAD_SIZE}px", height=f"{PAD_SIZE}px",
                                                   border="1px solid #888"))
        self.seen = FrameImage(format="png", layout=widgets.Layout(width="140px", height="140px"))
        self.answer = widgets.HTML()
        self.clear_button = widgets.Button(description="Clear", icon="eraser")
        self.clear_button.on_click(lambda _: self.clear())
        self.canvas.on_mouse_down(self.pen_down)
        self.canvas.add_class(POINTER_ONLY)   # the upload above is the keyboard's way in
        self.canvas.on_mouse_move(self.pen_move)
        self.canvas.on_mouse_up(self.pen_up)
        self.canvas.on_mouse_out(self.pen_up)
        self.last, self.drawn_at, self.predictions = None, 0.0, 0
        self.clear()
        self.widget = widgets.HBox([
            widgets.VBox([widgets.HTML("Draw one digit with the mouse:"), self.canvas,
                          self.clear_button]),
            widgets.VBox([widgets.HTML("what the network sees (28 × 28):"), self.seen,
                          self.answer])])
        self.widget.pad = self

    def clear(self):
        self.ink = Image.new("L", (PAD_SIZE, PAD_SIZE), 255)
        self.canvas.fill_style = "white"
        self.canvas.fill_rect(0, 0, PAD_SIZE, PAD_SIZE)
        self.canvas.stroke_style, self.canvas.fill_style = "black", "black"
        self.canvas.line_width, self.canvas.line_cap = PEN_WIDTH, "round"
        with self.seen.hold_sync():
            self.seen.value = _png(np.zeros((28, 28), dtype=np.uint8))
            self.seen.tooltip = "the 28 × 28 input the network sees: empty, nothing drawn yet"
        self.answer.value = "<i>draw a digit: P(odd) appears here</i>"

    def _dot(self, x, y):
        r = PEN_WIDTH / 2
        ImageDraw.Draw(self.ink).ellipse((x - r, y - r, x + r, y + r), fill=0)

    def pen_down(self, x, y):
        self.last = (x, y)
        self._dot(x, y)
        self.canvas.fill_circle(x, y, PEN_WIDTH / 2)

    def pen_move(self, x, y):
        if self.last is None:
            return
        ImageDraw.Draw(self.ink).line([self.last, (x, y)], fill=0, width=PEN_WIDTH)
        self._dot(x, y)
        self.canvas.stroke_line(*self.last, x, y)
        self.last = (x, y)
        if time.perf_counter() - self.drawn_at > PREDICT_EVERY:
            self.predict()

    def pen_up(self, x, y):
        if self.last is not None:
            self.last = None
            self.predict()

    def predict(self):
        """Convert the drawing as an upload is converted, show the 28 x 28 input and P(odd)."""
        self.drawn_at = time.perf_counter()
        try:
            _, image = prepare_digit_image(np.asarray(self.ink))
        except ValueError as exc:
            self.answer.value = f"<i>{exc}</i>"
            return None
        p = float(self.predict_proba(image.reshape(-1, 1) / 255.0))
        ink = float(np.mean(image > 0))
        with self.seen.hold_sync():   # one message: the picture is drawn once
            self.seen.value = _png(image)
            self.seen.tooltip = (f"the 28 × 28 input the network sees: your drawing, centred, "
                                 f"ink on {ink:.0%} of its pixels; P(odd) = {p:.2f}")
        self.answer.value = (f"P(odd) = <b>{p:.2f}</b>: the network says "
                             f"<b>{'odd' if p > 0.5 else 'even'}</b>")
        self.predictions += 1
        return p


def draw_widget(predict_proba):
    """The drawing pad (an HBox; ``box.pad`` is the ``DigitPad`` behind it)."""
    return DigitPad(predict_proba).widget
