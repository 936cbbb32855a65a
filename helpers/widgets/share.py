"""Settings you can share: the one-line call that rebuilds a playground, and its export.

``call_line`` writes the call (shown under each playground, in a text box easy to copy)
that rebuilds it at the current settings and iteration: every random draw of a
playground is seeded, so the same call trains the same network. ``Sharing`` keeps
that line up to date and says when it would not rebuild the same state (the learning
rate changed during the run). The export (``planar_playground(...).export()``,
``deep_playground(...).export()``) gives the trained parameters and the lines of the
learner's own training function that train the same network from scratch.
"""

import ipywidgets as widgets


def call_line(function, positional, settings):
    """``widgets.<function>(<positional>, key=value, ...)`` as one line of Python."""
    args = list(positional) + [f"{key}={value!r}" for key, value in settings.items()]
    return f"widgets.{function}({', '.join(args)})"


class Sharing:
    """The text box under a playground holding the call that rebuilds it.

    settings() -> {argument: value} of the playground function at the current controls,
    the current iteration included as ``iterations``.
    """

    def __init__(self, function, positional, settings):
        self.function, self.positional, self._settings = function, positional, settings
        self.rate_changed_at = None   # iteration at which the rate changed during the run
        self.line = widgets.Text(description="rebuild this state", disabled=False,
                                 style={"description_width": "130px"},
                                 layout=widgets.Layout(width="880px"))
        self.note = widgets.HTML()

    def rate_changed(self, iteration):
        if iteration > 0 and self.rate_changed_at is None:
            self.rate_changed_at = iteration

    def restarted(self):
        self.rate_changed_at = None

    def update(self):
        """Write the call for the current state (and why it would differ, if it would)."""
        self.line.value = call_line(self.function, self.positional, self._settings())
        if self.rate_changed_at is None:
            self.note.value = ("<small>Copy this line into a cell to rebuild the playground at "
                               "these settings and this iteration (every random draw is "
                               "seeded).</small>")
        else:
            self.note.value = (f"<small>The learning rate changed at iteration "
                               f"{self.rate_changed_at:,}: this line trains every iteration at "
                               f"the current rate, so it rebuilds a different network. Reset to "
                               f"share one run at one rate.</small>")
