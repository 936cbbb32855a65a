"""What the learner sees: one failure block, or one pass line.

``CheckFailed`` is the ``AssertionError`` every failing check raises (nbgrader counts a
cell that raises as failed). Its text is one block: which case, the inputs, what was
expected, what came, where they differ, the hint, and (when the learner's own code
raised) the learner's own traceback lines, never a frame from inside ``helpers``.

In IPython/JupyterLab the exception's ``_render_traceback_`` replaces the usual
traceback, so the cell shows only that block (in JupyterLab's red error panel); in
plain Python ``str(exc)`` is the same block as plain text. A pass is one green line
in a notebook (``_repr_html_``) and one plain line elsewhere.
"""

import contextlib
import html
import os
import sys
import traceback

import numpy as np

HELPERS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_NUMPY_DIR = os.path.dirname(os.path.abspath(np.__file__))
_QUIET = [0]  # > 0 while a check runs silently (``quietly``)

RED, GREEN, BOLD, DIM, RESET = "\x1b[31m", "\x1b[32m", "\x1b[1m", "\x1b[2m", "\x1b[0m"


class CheckFailed(AssertionError):
    """A check's verdict: the learner's function gave a wrong result (or raised).

    ``fields`` is a list of ``(label, text)`` rows (case, inputs, expected, got,
    where, hint, note); ``code_lines`` the learner's own traceback lines, if any;
    ``levels`` {2: text, 3: text} the higher rungs of the hint ladder (shown on request).
    """

    def __init__(self, name, headline, fields=(), code_lines=(), levels=None):
        self.name, self.headline = name, headline
        self.fields = [(k, v) for k, v in fields if v]
        self.code_lines = list(code_lines)
        self.levels = dict(levels or {})
        super().__init__(self.text())

    def up_to(self, level):
        """This failure with the rungs of the hint ladder up to ``level`` as rows."""
        extra = [(LEVEL_LABELS[k], self.levels[k]) for k in sorted(self.levels) if k <= level]
        if not extra:
            return self
        fields = [f for f in self.fields if f[0] != "more help"] + extra
        if level < max(self.levels):
            fields.append(("more help", f"hint={level + 1} shows more."))
        return CheckFailed(self.name, self.headline, fields, self.code_lines, self.levels)

    def _rows(self, label_style=("", "")):
        on, off = label_style
        rows = []
        for label, text in self.fields:
            lines = str(text).split("\n")
            rows.append(f"  {on}{label + ':':<9}{off} {lines[0]}")
            rows.extend(f"  {'':<10}{line}" for line in lines[1:])
        if self.code_lines:
            rows.append(f"  {on}{'your code raised (most recent call last):'}{off}")
            rows.extend(f"    {line}" for line in self.code_lines)
        return rows

    def text(self):
        """The whole block as plain text."""
        return "\n".join([f"{self.name}: {self.headline}"] + self._rows())

    def __str__(self):
        return self.text()

    def _render_traceback_(self):
        """IPython shows these lines instead of a traceback (see IPython's
        "Custom exception tracebacks"): the block, coloured, and nothing else."""
        return [f"{BOLD}{RED}✗ {self.name}: {self.headline}{RESET}"] + self._rows((BOLD, RESET))


LEVEL_LABELS = {2: "formula", 3: "your line"}
_LAST = []   # the last failure of a check, for ``next_hint``


def remember(failure):
    """Keep ``failure`` (the last one) for ``next_hint``."""
    _LAST[:] = [failure, 1]


def next_hint():
    """The next rung of the hint ladder of the last failure, as text."""
    if not _LAST:
        return "no check has failed yet in this kernel: run a check first."
    failure, shown = _LAST
    rungs = sorted(k for k in failure.levels if k > shown)
    if not rungs:
        return (f"{failure.name}: that is all the help a check gives (the worked solutions "
                f"stay with your teacher).") if failure.levels else \
            f"{failure.name}: this failure has no more help than its hint."
    level = rungs[0]
    _LAST[1] = level
    return f"{failure.name}, {LEVEL_LABELS[level]}:\n{failure.levels[level]}"


class Passed:
    """The one-line verdict of a passing check (plus a note, e.g. on a changed input)."""

    def __init__(self, text, notes=()):
        self.text, self.notes = text, list(notes)

    def __repr__(self):
        return "\n".join([self.text] + [f"note: {n}" for n in self.notes])

    def _repr_html_(self):
        notes = "".join(f'<div style="color:#8a6d00">note: {html.escape(n)}</div>'
                        for n in self.notes)
        return (f'<div style="color:#1a7f37;font-weight:bold">✓ {html.escape(self.text)}</div>'
                + notes)


def _in_notebook():
    shell = sys.modules.get("IPython") and sys.modules["IPython"].get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


@contextlib.contextmanager
def quietly():
    """Within the block, checks show no pass line (helpers.checks.passes)."""
    _QUIET[0] += 1
    try:
        yield
    finally:
        _QUIET[0] -= 1


def is_quiet():
    """True while ``helpers.checks.passes`` runs a check silently."""
    return _QUIET[0] > 0


def show(item):
    """Display ``item`` in a notebook kernel (its ``_repr_html_``), print its repr elsewhere."""
    if _in_notebook():
        from IPython.display import display
        display(item)
    else:
        print(repr(item))


def show_pass(text, notes=()):
    """Print (plain Python) or display (a notebook kernel) the pass line, unless quiet."""
    if not is_quiet():
        show(Passed(text, notes))


def learner_frames(exc):
    """The traceback entries of ``exc`` outside helpers and numpy: the learner's own code."""
    frames = traceback.extract_tb(exc.__traceback__)
    return [f for f in frames
            if not os.path.abspath(f.filename).startswith((HELPERS_DIR + os.sep, _NUMPY_DIR + os.sep))]


def code_lines(exc, frames):
    """Traceback-style lines for the learner's frames, ending with the exception itself."""
    lines = []
    for f in frames:
        where = f.filename
        if "ipykernel_" in where or where.startswith("<ipython-input"):
            where = "your notebook cell"
        lines.append(f'File "{where}", line {f.lineno}, in {f.name}')
        if f.line:
            lines.append(f"    {f.line.strip()}")
    lines.append(f"{type(exc).__name__}: {exc}")
    return lines
