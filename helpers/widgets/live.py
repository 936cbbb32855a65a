"""What the live playgrounds of notebooks 03 and 04 share.

- ``Player``: the Play / Pause / Step 1 / Step ×10 / Reset bar, an iteration counter
  and the asyncio task that, while playing, trains a few iterations per frame and
  redraws. The task runs on the kernel's own event loop and yields to it between
  frames, so button clicks and slider moves are handled while it plays.
- (``frames`` draws the pictures: ``Blitter``, ``figure_png``, ``pixels_jpeg``...)
- ``finding``: what the frame shows, in words (``Player.caption``, under the picture).
- ``training_hint``: the sentence shown when training stalls or every ReLU is dead.
- ``learner_status``, ``learner_toggle``, ``wire``: the learner's toggle, and the controls
  wired to a Player.
"""

import asyncio
import html
import time

import ipywidgets as widgets
import numpy as np

from ..checks import passes
from .common import LIVE, SCREEN_READER_ONLY
from .frames import pixels_jpeg

MAX_FPS = 25          # frames per second at most while playing (the browser keeps up)
STALL_WINDOW = 300    # iterations over which a flat cost counts as stalled


def finding(run):
    """One line saying what the current frame shows, e.g. "iteration 400, cost 0.31, train
    accuracy 91%, test accuracy 88%" (the frame image's text for screen readers)."""
    if not run.train_costs:
        return f"iteration 0, not trained yet, train accuracy {run.accuracy():.0f}%"
    test = run.accuracy(test=True)
    return (f"iteration {run.iteration:,}, cost {run.train_costs[-1]:.2f}, train accuracy "
            f"{run.accuracy():.0f}%" + (f", test accuracy {test:.0f}%" if test is not None
                                        else ""))


def learner_status(functions, names, checks, ready_note=""):
    """``(ready, sentence)``: whether the learner's functions pass their checks.

    functions : {name: the learner's function} or None; names : the names needed,
    in the notebook's order; checks : the module holding ``check_<name>``. The
    sentence names the first function still failing and its check's first line.
    """
    if not functions:
        return False, "pass your functions to the playground to train with them"
    for name in names:
        if name not in functions:
            return False, f"{name} was not given to the playground"
        ok, message = passes(getattr(checks, f"check_{name}"), functions[name])
        if not ok:
            first = message.strip().splitlines()[0] if message.strip() else "it failed"
            return False, (f"check_{name} still fails ({first[:160]}); fix it and run this "
                           f"cell again")
    return True, f"your {len(names)} functions pass their checks{ready_note}"


def learner_toggle(functions, names, checks, ready_note=""):
    """The "use my functions" toggle and the sentence beside it: ``(toggle, note)``.

    The toggle is disabled, saying why, until every function passes its check.
    """
    ready, why = learner_status(functions, names, checks, ready_note)
    toggle = widgets.ToggleButton(value=False, description="use my functions", icon="user",
                                  disabled=not ready, tooltip=why,
                                  layout=widgets.Layout(width="240px"))
    return toggle, widgets.HTML(f"<i>{html.escape(why)}</i>")


def training_hint(costs, dead_fraction=None, accuracy=None, window=STALL_WINDOW):
    """A sentence saying why training is not progressing, or "" when it is.

    costs : train costs, one per iteration so far
    dead_fraction : the largest share, over the hidden layers, of ReLU units that output 0
                    on every training example (1.0: a whole layer is dead)
    accuracy : train accuracy in %; a flat cost at 100 % is done, not stalled
    """
    if dead_fraction is not None and dead_fraction >= 1.0:
        return ("Every ReLU unit of a hidden layer outputs 0 on every example (they are "
                "'dead'): no gradient flows back through them, so nothing can change. Try a "
                "smaller learning rate, more units, or another activation (leaky_relu, tanh), "
                "then Reset.")
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
    fast_forward      : if given, a "Train N" button and progress bar: N iterations at once
    summary()         : the HTML sentence shown after them (train and test accuracy)
    """

    def __init__(self, advance, render, reset, iteration, per_frame, fast_forward=None,
                 summary=None):
        self._advance, self._render, self._reset = advance, render, reset
        self._summary = summary
        self._iteration, self._per_frame = iteration, per_frame
        self.play_button = widgets.Button(description="Play", icon="play", button_style="success",
                                          tooltip="paused: press to play",
                                          layout=widgets.Layout(width="90px"))
        self.step_button = widgets.Button(description="Step", tooltip="one iteration",
                                          layout=widgets.Layout(width="70px"))
        self.step10_button = widgets.Button(description="Step ×10", tooltip="ten iterations",
                                            layout=widgets.Layout(width="85px"))
        self.reset_button = widgets.Button(description="Reset", icon="undo",
                                           layout=widgets.Layout(width="85px"))
        self.counter = widgets.HTML()
        self.status = widgets.HTML()    # why training stopped, the summary: announced
        self.status.add_class(LIVE)
        self.announce = widgets.HTML()  # "Playing.", "Paused at iteration 120.": announced
        self.announce.add_class(LIVE)
        self.announce.add_class(SCREEN_READER_ONLY)
        self.caption = widgets.HTML()   # the frame's finding in words, shown under the picture
        self.playing = False
        self.frames = 0          # frames drawn since the widget was built (for benchmarks)
        self.task, self._generation = None, 0
        self.play_button.on_click(lambda _: self.pause() if self.playing else self.play())
        self.step_button.on_click(lambda _: self.step(1))
        self.step10_button.on_click(lambda _: self.step(10))
        self.reset_button.on_click(lambda _: self.restart())
        shown = [self.play_button, self.step_button, self.step10_button, self.reset_button]
        self.fast_forward = fast_forward
        if fast_forward:
            self.fast_button = widgets.Button(description=f"Train {fast_forward}",
                                              tooltip=f"{fast_forward} iterations at once, "
                                                      f"drawn at the end", icon="forward",
                                              layout=widgets.Layout(width="110px"))
            self.progress = widgets.IntProgress(value=0, min=0, max=fast_forward,
                                                description="training",
                                                layout=widgets.Layout(width="230px"))
            self.fast_button.on_click(lambda _: self.train_at_once())
            shown += [self.fast_button, self.progress]
        self.bar = widgets.HBox(shown + [self.counter, self.announce])

    def show_counter(self):
        state = "playing" if self.playing else "paused"
        self.counter.value = f"<b>iteration {self._iteration():,}</b> ({state})"

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
        self.announce.value = f"Stepped to iteration {self._iteration():,}."

    def train_at_once(self, chunk=50):
        """What the Train button does: pause, train ``fast_forward`` iterations with a
        progress bar, draw once at the end and say where training got to."""
        self.pause()
        self.progress.value, done, stop = 0, 0, ""
        while done < self.fast_forward and not stop:
            n = min(chunk, self.fast_forward - done)
            try:
                stop = self._advance(n)
            except Exception as exc:  # noqa: BLE001 - e.g. the learner's own function raised
                stop = f"Stopped: {type(exc).__name__}: {exc}"
            done += n
            self.progress.value = done
        self.frame(0)
        self.announce.value = f"Trained to iteration {self._iteration():,}."
        if stop:
            self.status.value = html.escape(stop)
        elif self._summary is not None:
            self.status.value = self._summary()

    def restart(self, message=""):
        """Back to iteration 0 (new random start); keeps playing if it was."""
        self._reset()
        self.status.value = message
        if self.fast_forward:
            self.progress.value = 0   # the Train bar is empty again at iteration 0
        self.frame(0)
        self.announce.value = "Reset to iteration 0."

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
        self.play_button.tooltip = "playing: press to pause"
        self.announce.value = "Playing."
        self.show_counter()
        self._generation += 1  # a loop still asleep from an earlier Play ends when it wakes
        self.task = loop.create_task(self._run(self._generation))

    def pause(self):
        was = self.playing
        self.playing = False
        self.play_button.description, self.play_button.icon = "Play", "play"
        self.play_button.button_style = "success"
        self.play_button.tooltip = "paused: press to play"
        if was:
            self.show_counter()
            self.announce.value = f"Paused at iteration {self._iteration():,}."

    async def _run(self, generation):
        try:
            while self.playing and generation == self._generation:
                start = time.perf_counter()
                if self.frame(self._per_frame()):
                    break
                await asyncio.sleep(max(1.0 / MAX_FPS - (time.perf_counter() - start), 0.002))
        finally:
            if generation == self._generation:
                self.pause()


def wire(build, image, rate, speed, mine, act, resets, rate_name="learning rate",
         fast_forward=None, summary=None, sharing=None, followers=()):
    """Connect a live playground's controls to a new ``Player``; returns (player, state, hint).

    build() -> (run, reference, view): a fresh start from the controls' values;
              ``reference`` is the reference run trained beside the learner's (or None)
    image   : the Image widget that shows each frame; hint : an HTML for ``run.hint()``
    rate    : the learning-rate slider (applies to the running network); speed : the
              iterations-per-frame slider; resets : [(control, name)] that start again
    mine    : the "use my functions" toggle; act : the activation dropdown it locks
    fast_forward, summary : as in ``Player``; summary(run) -> an HTML sentence.
    sharing : a ``share.Sharing`` whose line follows every frame (or None).
    followers : a list of callables run after every frame (views that show the run too); the
              caller may append to it later.
    ``state`` holds "run", "reference" and "view".
    """
    state, hint = {}, widgets.HTML()

    def start():
        state["run"], state["reference"], state["view"] = build()
        if sharing is not None:
            sharing.restarted()

    def runs():
        return [r for r in (state["run"], state["reference"]) if r is not None]

    def advance(n):
        stops = [r.advance(n) for r in runs()]
        return stops[0]

    def render():
        run, ref = state["run"], state["reference"]
        # what the picture shows, in words: under it and as its title (the page's script makes
        # it the img's alt too: an Image widget sets no alt of its own); picture and title in
        # one message, so the page redraws the picture once
        found = finding(run)
        with image.hold_sync():
            image.value = pixels_jpeg(state["view"].frame(run, ref))
            image.tooltip = f"The playground's picture: {found}"
        player.caption.value = f"<small>The picture now: {html.escape(found)}.</small>"
        text = run.hint()
        if ref is not None and run.train_costs:
            gap = max(abs(a - b) for a, b in zip(run.train_costs, ref.train_costs))
            text = (f"your functions against the reference (its boundary dashed, its cost "
                    f"dotted): largest cost difference so far {gap:.1e}. " + text)
        hint.value = html.escape(text)
        if sharing is not None:
            sharing.update()
        for follow in followers:
            follow()

    player = Player(advance, render, start, lambda: state["run"].iteration, lambda: speed.value,
                    fast_forward, summary and (lambda: summary(state["run"])))

    def on_rate(change):
        for run in runs():
            run.learning_rate = change["new"]
        if sharing is not None:
            sharing.rate_changed(state["run"].iteration)
            sharing.update()
        when = ":" if player.playing else ": applies at the next step (press Play or Step);"
        player.status.value = (f"{rate_name} {change['new']:.3g}{when} training continues from "
                               f"the current weights (the step size changes, the network does "
                               f"not)")

    def starts_again(what):
        def handler(change):
            if change["owner"] is mine:
                act.disabled = change["new"]
            player.restart(f"{what} changed: a new network starts at iteration 0 from fresh "
                           f"random weights" + (", training with your functions" if mine.value
                                                else ""))
        return handler

    def on_speed(change):
        if not player.playing:
            player.status.value = (f"{change['new']} iterations per frame: applies at the next "
                                   f"step (press Play or Step)")

    speed.observe(on_speed, names="value")
    rate.observe(on_rate, names="value")
    for control, what in list(resets) + [(mine, "whose functions")]:
        control.observe(starts_again(what), names="value")
    player.restart()
    return player, state, hint
