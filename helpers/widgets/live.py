"""What the live playgrounds of notebooks 03 and 04 share.

- ``Player``: the Play / Pause / Step 1 / Step ×10 / Reset bar, an iteration counter
  and the asyncio task that, while playing, trains a few iterations per frame and
  redraws. The task runs on the kernel's own event loop and yields to it between
  frames, so button clicks and slider moves are handled while it plays.
- ``training_threads()``: the one place that decides BLAS threads for widget training.
- ``figure_png``, ``pixels_jpeg``: a figure (Agg, no pyplot) to bytes for an ``Image`` widget.
- ``training_hint``: the sentence shown when training stalls or every ReLU is dead.
"""

import asyncio
import html
import io
import time

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image
from threadpoolctl import threadpool_limits

MAX_FPS = 25          # frames per second at most while playing (the browser keeps up)
STALL_WINDOW = 300    # iterations over which a flat cost counts as stalled


def training_threads():
    """The BLAS thread policy for widget training (a context manager): one thread.

    Networks this small run faster and steadier on one thread, above all when
    the other core is busy. The single place to swap for a project-wide policy.
    """
    return threadpool_limits(1)


def new_figure(width, height, dpi=80):
    """A matplotlib Figure drawn by Agg, outside pyplot (safe to redraw from a task)."""
    fig = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(fig)
    return fig


def figure_png(fig):
    """Render ``fig`` and return PNG bytes (fast zlib level: frames, not archives)."""
    fig.canvas.draw()
    rgba = np.asarray(fig.canvas.buffer_rgba())
    out = io.BytesIO()
    Image.fromarray(rgba[..., :3]).save(out, format="PNG", compress_level=1)
    return out.getvalue()


def pixels_jpeg(rgb, quality=90):
    """RGB pixels (h, w, 3) uint8 to JPEG bytes: about 1 ms and half a PNG's size per frame."""
    out = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(rgb)).save(out, format="JPEG", quality=quality)
    return out.getvalue()


def training_hint(costs, dead_fraction=None, accuracy=None, window=STALL_WINDOW):
    """A sentence saying why training is not progressing, or "" when it is.

    costs : train costs, one per iteration so far
    dead_fraction : share of hidden ReLU units that output 0 on every training example
    accuracy : train accuracy in %; a flat cost at 100 % is done, not stalled
    """
    if dead_fraction is not None and dead_fraction >= 1.0:
        return ("Every hidden ReLU unit outputs 0 on every example (they are 'dead'): no "
                "gradient flows back, so nothing can change. Try a smaller learning rate, "
                "more units, or another activation (leaky_relu, tanh), then Reset.")
    if len(costs) <= window or (accuracy is not None and accuracy >= 99.5):
        return ""
    before, now = costs[-window - 1], costs[-1]
    if abs(before - now) < 1e-4 * max(abs(before), 1e-12) + 1e-6:
        note = ("the network predicts the same for every example (cost ≈ log 2 = 0.693)"
                if abs(now - np.log(2)) < 0.01 else f"the cost is stuck at {now:.4f}")
        dead = (f" {dead_fraction:.0%} of the hidden ReLU units are dead."
                if dead_fraction else "")
        return (f"Training has stalled: {note} over the last {window} iterations.{dead} Try "
                f"another learning rate, more hidden units or another activation, then Reset.")
    if now > 0.99 * costs[0]:
        return (f"The cost has barely moved in {len(costs):,} iterations ({costs[0]:.4f} → "
                f"{now:.4f}): steps this small get nowhere soon. Try a larger learning rate.")
    return ""


class Player:
    """Play / Pause / Step 1 / Step ×10 / Reset and an iteration counter.

    advance(n) -> str : train n iterations; return "" to go on, or a sentence that
                        stops playing (training diverged...) and is shown in ``status``
    render()          : redraw the picture
    reset()           : back to iteration 0
    iteration()       : the current iteration (for the counter)
    per_frame()       : iterations to train per frame while playing
    """

    def __init__(self, advance, render, reset, iteration, per_frame):
        self._advance, self._render, self._reset = advance, render, reset
        self._iteration, self._per_frame = iteration, per_frame
        self.play_button = widgets.Button(description="Play", icon="play", button_style="success",
                                          layout=widgets.Layout(width="90px"))
        self.step_button = widgets.Button(description="Step", tooltip="one iteration",
                                          layout=widgets.Layout(width="70px"))
        self.step10_button = widgets.Button(description="Step ×10", tooltip="ten iterations",
                                            layout=widgets.Layout(width="85px"))
        self.reset_button = widgets.Button(description="Reset", icon="undo",
                                           layout=widgets.Layout(width="85px"))
        self.counter = widgets.HTML()
        self.status = widgets.HTML()
        self.playing = False
        self.frames = 0          # frames drawn since the widget was built (for benchmarks)
        self.task = None
        self.play_button.on_click(lambda _: self.pause() if self.playing else self.play())
        self.step_button.on_click(lambda _: self.step(1))
        self.step10_button.on_click(lambda _: self.step(10))
        self.reset_button.on_click(lambda _: self.restart())
        self.bar = widgets.HBox([self.play_button, self.step_button, self.step10_button,
                                 self.reset_button, self.counter])

    def show_counter(self):
        self.counter.value = f"<b>iteration {self._iteration():,}</b>"

    def frame(self, n):
        """Train ``n`` iterations and redraw; returns the stop message ("" to go on)."""
        try:
            stop = self._advance(n) if n else ""
            self._render()
        except Exception as exc:  # noqa: BLE001 - e.g. the learner's own function raised
            stop = f"Stopped: {type(exc).__name__}: {exc}"
        self.show_counter()
        self.frames += 1
        if stop:
            self.status.value = html.escape(stop)
            self.pause()
        return stop

    def step(self, n):
        """What the Step buttons do: pause, then exactly ``n`` iterations."""
        self.pause()
        self.frame(n)

    def restart(self, message=""):
        """Back to iteration 0 (new random start); keeps playing if it was."""
        self._reset()
        self.status.value = message
        self.frame(0)

    def play(self):
        """Start the frame loop on the running event loop (the kernel's, in JupyterLab)."""
        if self.playing:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self.status.value = "Play needs a running kernel event loop (JupyterLab has one)."
            return
        self.playing = True
        self.play_button.description, self.play_button.icon = "Pause", "pause"
        self.play_button.button_style = "warning"
        self.task = loop.create_task(self._run())

    def pause(self):
        self.playing = False
        self.play_button.description, self.play_button.icon = "Play", "play"
        self.play_button.button_style = "success"

    async def _run(self):
        try:
            while self.playing:
                start = time.perf_counter()
                if self.frame(self._per_frame()):
                    break
                await asyncio.sleep(max(1.0 / MAX_FPS - (time.perf_counter() - start), 0.002))
        finally:
            self.pause()
