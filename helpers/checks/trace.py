"""Tracing one call of a function: the values its locals take, in order, under their names.

``record(code, action)`` runs ``action()`` with ``sys.settrace`` on, following only the
first frame that runs ``code`` (the function itself, not what it calls), and returns a
``Trace``: every value a local (or an entry of a local dict, ``grads["dW1"]`` as ``dW1``)
took, in the order it took it, with the line that assigned it. A value is recorded when it
differs from the last one recorded under that name, so ``cache["Z1"] = Z1`` adds nothing and
each pass of a loop adds one (a local and a dict entry of the same name are followed apart). Arrays and numbers only; values are copies.

Values are recorded for the first ``MAX_LINES`` line events only (a long training loop),
so a trace is cheap (``Trace.cut`` says it stopped); how often each line ran
(``Trace.runs``) is counted for the whole call, up to ``MAX_COUNTED`` lines.
"""

import numbers
import sys

import numpy as np

MAX_LINES = 800        # line events with values recorded
MAX_COUNTED = 200_000  # line events counted (``Trace.hits``), then tracing stops


class Event:
    """One value a name took: ``name`` (the local, or the dict key), ``value`` (a copy),
    ``line`` (the line number that assigned it; the ``def`` line for an argument),
    ``argument`` (the value the function received), ``parent`` (the dict it is in)."""

    def __init__(self, name, value, line, argument=False, parent=None):
        self.name, self.value, self.line, self.argument = name, value, line, argument
        self.parent = parent   # the local dict it is an entry of, or None

    def __repr__(self):
        return f"<Event {self.name} line {self.line}>"


def copy_of(value):
    """A plain copy of an array or a number, or None for anything else."""
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biuf" or value.size > 200_000:
            return None
        return np.array(value, dtype=np.float64, subok=False)
    if isinstance(value, numbers.Real):
        try:
            return float(value)
        except (TypeError, ValueError, OverflowError):
            return None
    return None


def same(a, b, rtol=1e-6, atol=1e-9):
    """Equal values (the checks' tolerance): same shape, or one number against a (1, 1) array."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        if a.size != 1 or b.size != 1:
            return False
        a, b = a.reshape(()), b.reshape(())
    with np.errstate(all="ignore"):
        return bool(np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=True))


def items(name, value):
    """The (name, copy, parent) triples a local stands for: itself, or a dict's entries by key."""
    if isinstance(value, dict):
        out = []
        for key in list(dict.keys(value))[:64]:
            if isinstance(key, str):
                v = copy_of(dict.__getitem__(value, key))
                if v is not None:
                    out.append((key, v, name))
        return out
    v = copy_of(value)
    return [] if v is None else [(name, v, None)]


class Trace:
    """What one traced call did: ``events`` in order, ``error`` (what it raised, or None),
    ``cut`` (recording stopped before the end), ``filename`` of its code."""

    def __init__(self, code):
        self.code, self.events, self.error, self.cut = code, [], None, False
        self.filename = code.co_filename
        self._last = {}      # (name, parent) -> (the object, (shape, bytes)) last recorded
        self._frame = None
        self._lines = 0
        self._previous_line = code.co_firstlineno
        self.hits = {}           # (line before, line) -> times the call went from one to the other
        self._last_line = None
        self.counted = True      # hits cover the whole call

    def runs(self, first, last):
        """How many times the statement on lines ``first`` to ``last`` began: line events at
        its first line that did not come from inside it (Python 3.11 returns to the first
        line of a statement spread over several lines to store its value)."""
        return sum(n for (before, line), n in self.hits.items()
                   if line == first and not (before is not None and first < before <= last))

    def values(self, name):
        return [e.value for e in self.events if e.name == name]

    def names(self):
        return list(dict.fromkeys(e.name for e in self.events))

    def _snapshot(self, frame, line, argument=False):
        for local, value in list(frame.f_locals.items()):
            if isinstance(value, dict):
                entries = [(k, dict.__getitem__(value, k), local)
                           for k in list(dict.keys(value))[:64] if isinstance(k, str)]
            else:
                entries = [(local, value, None)]
            for name, obj, parent in entries:
                last = self._last.get((name, parent))
                if last is not None and last[0] is obj and not isinstance(obj, np.ndarray):
                    continue          # the same number as before
                copy = copy_of(obj)
                if copy is None:
                    continue
                key = (np.shape(copy), copy.tobytes() if isinstance(copy, np.ndarray) else copy)
                if last is not None and last[1] == key:
                    self._last[(name, parent)] = (obj, key)
                    continue
                self._last[(name, parent)] = (obj, key)
                self.events.append(Event(name, copy, line, argument, parent))

    def local(self, frame, event, arg):
        if frame is not self._frame:
            return None
        if event == "line":
            self._lines += 1
            line = frame.f_lineno
            step = (self._last_line, line)
            self.hits[step] = self.hits.get(step, 0) + 1
            self._last_line = line
            if self._lines > MAX_LINES:
                self.cut = True
                if self._lines > MAX_COUNTED:
                    self.counted = False
                    return None
                return self.local
            if self._lines == 1:
                self._snapshot(frame, self.code.co_firstlineno, argument=True)
            else:
                self._snapshot(frame, self._previous_line)
            self._previous_line = line
        elif event == "return" and not self.cut:
            self._snapshot(frame, self._previous_line)
        elif event == "exception":
            if not self.cut:
                self._snapshot(frame, self._previous_line)
            self.error = arg[1]
        return self.local

    def tracer(self, frame, event, arg):
        if self._frame is None and frame.f_code is self.code:
            self._frame = frame
            return self.local
        return None


def record(code, action):
    """``(trace, what action() returned)``: ``action`` runs with the frame of ``code``
    traced (see the module docstring). The previous trace function is restored."""
    trace = Trace(code)
    previous = sys.gettrace()
    sys.settrace(trace.tracer)
    try:
        outcome = action()
    finally:
        sys.settrace(previous)
    trace._frame = None
    return trace, outcome
