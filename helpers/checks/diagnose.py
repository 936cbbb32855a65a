"""The first wrong quantity: the learner's function and the course's way of writing it,
traced on the same case, compared quantity by quantity in the course's order.

``first_wrong(course_trace, learner_trace)`` walks the course's quantities in the order the
course computes them (``trace.Event``s: ``m``, ``dZ2``, ``dW2``, ... and each pass of a
loop). A quantity the learner's function holds under the course's name is right if one of
its values equals the course's value, wrong otherwise; a quantity under another name is
right if some local of the learner's holds its value, and unknown (passed over, never
called wrong) if none does. The first wrong one is a ``Finding``: confirmed on this case by
construction, since the learner's own variable holds a value the course's never takes.

``identify(finding, ...)`` then says what the wrong value is when it equals something
else computable on the case (``candidates``): the same quantity m times too large,
transposed, of the other sign; another quantity (``A1 holds Z1``); an argument; a
notebook variable; an activation of another quantity. Nothing is said when nothing matches.
"""

import numpy as np

from . import trace as tracing

ACTIVATION_NAMES = {"sigmoid": lambda z: 1 / (1 + np.exp(-z)), "np.tanh": np.tanh,
                    "relu": lambda z: np.maximum(z, 0)}

MAX_RIGHT = 8   # quantities named as right before the first wrong one


class Finding:
    """The first wrong quantity: ``name``, its ``expected`` (course) and ``got`` (learner)
    values, the traced ``right`` names before it, the learner's ``line`` and the course's
    event, ``count`` (how many values the course's quantity takes) and ``fewer`` (the
    learner's function computed it fewer times: a loop one pass short)."""

    def __init__(self, name, expected, got, right, line, course_event, count, got_count,
                 parent=None):
        self.name, self.expected, self.got, self.right = name, expected, got, right
        self.line, self.course_event = line, course_event
        self.count, self.got_count = count, got_count
        self.parent = parent or (course_event.parent if course_event is not None else None)

    @property
    def shown(self):
        """The quantity as the learner's code holds it: dZ1, or grads["dW1"] for a dict entry."""
        return f'{self.parent}["{self.name}"]' if self.parent else self.name

    @property
    def fewer(self):
        return self.got is None


MAX_EVENTS = 600   # course quantities compared at most (a training loop's first passes)


def _key(value):
    return np.shape(value), np.asarray(value, dtype=float).tobytes()


def _bucket(value):
    """Values compared with each other: one shape, or any single number (() and (1, 1))."""
    return "one number" if np.size(value) == 1 else np.shape(value)


class _Pool:
    """Values to look a value up in: exact bytes first (the usual case: the same code gave
    the same floats), then the checks' tolerance over at most ``LIMIT`` of the same shape."""
    LIMIT = 64

    def __init__(self, values):
        self.exact = {_key(v) for v in values}
        self.shaped = {}
        for v in values:
            self.shaped.setdefault(_bucket(v), []).append(v)

    def holds(self, value, near=0):
        """``value`` is in the pool; ``near``: where to look first (the k-th value of a loop)."""
        if _key(value) in self.exact:
            return True
        shaped = self.shaped.get(_bucket(value), [])
        start = max(0, min(near, len(shaped)) - 8)
        return any(tracing.same(value, v) for v in shaped[start:start + self.LIMIT])


def first_wrong(course, learner, loops=(), both=()):
    """The ``Finding`` of the first quantity the learner's function gets wrong, or None: the
    first in the course's order (``course_first``), unless the learner's function gave a course
    quantity a value the course's never takes earlier in its own run (``learner_first``).
    ``loops``: loop variables of either function (compared by their number of passes only,
    ``loop_passes``, where both functions loop over that name: ``both``)."""
    a = course_first(course, learner, loops)
    b = learner_first(course, learner, loops)
    if b is None:
        return a or loop_passes(course, learner, both)
    index = {id(e.value): i for i, e in enumerate(learner.events)}
    if a is None:
        a_at = len(learner.events)
    elif a.got is not None:
        a_at = index.get(id(a.got), len(learner.events))
    else:   # a value the learner's never takes: where the course takes it (the runs run alike)
        a_at = next((i for i, e in enumerate(course.events) if e is a.course_event),
                    len(learner.events))
    if a is None or b[0] < a_at:
        return b[1]
    return a


def loop_passes(course, learner, loops):
    """A ``Finding`` for the first loop variable (in ``loops``) that takes another number of
    values in the learner's run than in the course's: a loop with more or fewer passes."""
    if course.cut or learner.cut or learner.error is not None:
        return None
    for name in loops:
        theirs, yours = course.values(name), learner.values(name)
        if theirs and len(theirs) != len(yours):
            event = next(e for e in course.events if e.name == name)
            return Finding(name, theirs[-1], yours[-1] if yours else None, [], None, event,
                           len(theirs), len(yours))
    return None


def course_first(course, learner, loops=()):
    """The first course quantity, in the course's order, the learner's function gets wrong."""
    right = []
    complete = not (course.cut or learner.cut)
    mine_of, seen, counts = {}, {}, {}
    for e in learner.events:
        mine_of.setdefault(e.name, []).append(e)
    for e in course.events:
        kind = (e.name, e.parent is None)
        counts[kind] = counts.get(kind, 0) + 1
    everything = _Pool([e.value for e in learner.events])
    given = _Pool([e.value for e in course.events if e.argument])
    kind_of = {}
    for e in learner.events:
        kind_of.setdefault((e.name, e.parent is None), []).append(e)
    pools = {}
    for i, event in enumerate(course.events[:MAX_EVENTS]):
        # the learner's run was recorded well past the point the course computes this
        seen_past = complete or len(learner.events) > i + 10
        kind = (event.name, event.parent is None)
        k = seen.get(kind, 0)
        seen[kind] = k + 1
        if event.argument or event.name in loops:
            continue
        mine = kind_of.get((event.name, event.parent is None)) or mine_of.get(event.name)
        if not mine:
            if everything.holds(event.value):
                _add(right, event.name)
            continue
        if id(mine) not in pools:
            pools[id(mine)] = _Pool([e.value for e in mine])
        if pools[id(mine)].holds(event.value, k):
            if not given.holds(event.value):   # a copy of an argument is not worth naming
                _add(right, event.name)
            continue
        count = counts[kind]
        if all(e.argument for e in mine):   # the learner's never changes: the argument's value
            if everything.holds(event.value):
                _add(right, event.name)     # computed, under another name
                continue
            if not complete or learner.error is not None:
                return None
            got = mine[-1]
            return Finding(event.name, event.value, got.value, right, None, event, count, 0)
        if k >= len(mine):
            if not seen_past or learner.error is not None:
                continue            # not known: the learner's record stops before this point
            return Finding(event.name, event.value, None, right, None, event, count, len(mine))
        got = mine[k] if len(mine) == count else mine[-1]
        return Finding(event.name, event.value, got.value, right, got.line, event, count, len(mine))
    return None


def learner_first(course, learner, loops=()):
    """The first value the learner's function gives a course quantity that the course's never
    takes, when none of the learner's later values of it is the course's either (so a value
    built in two steps, ``cost = np.sum(...)`` then ``cost = -cost / m``, is not called
    wrong): ``(index in the learner's events, Finding)`` or None."""
    theirs = {}
    for e in course.events:
        theirs.setdefault(e.name, []).append(e)
    pools = {name: _Pool([e.value for e in events]) for name, events in theirs.items()}
    events = learner.events[:MAX_EVENTS]
    for i, e in enumerate(events):
        if e.argument or e.name in loops or e.name not in pools or pools[e.name].holds(e.value):
            continue
        later = [x for x in events[i + 1:] if x.name == e.name]
        if any(pools[e.name].holds(x.value) for x in later):
            continue
        ref = theirs[e.name]
        j = sum(1 for x in events[:i] if x.name == e.name)
        course_event = ref[min(j, len(ref) - 1)]
        return i, Finding(e.name, course_event.value, e.value, [], e.line, course_event,
                          len(ref), len(later) + 1, e.parent)
    return None


def _add(names, name):
    if name not in names:
        names.append(name)


def right_text(finding):
    """'Z1, A1 and Z2 are right' (the last few computed before the wrong one), or ''."""
    names = finding.right[-MAX_RIGHT:]
    if not names:
        return ""
    more = "..., " if len(finding.right) > MAX_RIGHT else ""
    if len(names) == 1:
        return f"{more}{names[0]} is right"
    return f"{more}{', '.join(names[:-1])} and {names[-1]} are right"


# --- what a wrong value is ----------------------------------------------------------------------

def _informative(value):
    """An array worth matching against: several values, not all the same."""
    v = np.asarray(value, dtype=float)
    return v.size >= 2 and np.all(np.isfinite(v)) and np.ptp(v) > 1e-9


def _match(got, value):
    return got is not None and value is not None and np.shape(got) == np.shape(value) and \
        tracing.same(got, value, rtol=1e-5, atol=1e-10)


MAX_CANDIDATES = 300   # course events a wrong value is compared with (the first ones)


def candidates(course, notebook):
    """(description, value) of what is computable on the case: the course's quantities
    (each value once, under its first name), the arguments, the notebook's variables."""
    out, seen = [], set()
    for e in course.events[:MAX_CANDIDATES]:
        if not _informative(e.value):
            continue
        key = (np.shape(e.value), np.round(np.asarray(e.value), 8).tobytes())
        if key in seen:
            continue
        seen.add(key)
        what = e.name if not e.argument else f"the argument {e.name}" if e.parent is None else \
            f'the argument {e.parent}["{e.name}"]'
        out.append((what, e.value))
    for name, value in notebook.items():
        for key, v, _ in tracing.items(name, value):
            if _informative(v):
                label = f"the notebook's variable {name}" + (f'["{key}"]' if key != name else "")
                out.append((label, v))
    return out


def identify(finding, course, notebook, m=None):
    """A sentence saying what the learner's wrong value of ``finding`` equals, or None."""
    got, expected, name = finding.got, finding.expected, finding.name
    if got is None:
        return None
    g = np.asarray(got, dtype=float)
    e = np.asarray(expected, dtype=float)
    if _informative(e):
        if m and m > 1 and _match(g, e * m):
            return f"your {name} is m = {m} times the course's: the division by m is missing."
        if m and m > 1 and _match(g, e / m):
            return f"your {name} is the course's divided by m = {m} once too often."
        if _match(g, -e):
            return f"your {name} has the opposite sign of the course's."
        if g.ndim == 2 and _match(g, e.T):
            return f"your {name} is the course's {name} transposed: check the order in np.dot and the .T."
    if not _informative(g):
        return None
    pool = candidates(course, notebook)
    for what, value in pool:
        if what == name:
            continue
        if _match(g, value):
            return f"your {name} holds the value of {what}."
        if g.ndim == 2 and np.ndim(value) == 2 and _match(g, np.transpose(value)):
            return f"your {name} holds {what}, transposed."
    for what, value in pool:
        if what.startswith(("the argument", "the notebook")) or what == name or \
                np.shape(value) != g.shape:
            continue
        for act, fn in ACTIVATION_NAMES.items():
            with np.errstate(all="ignore"):
                if _match(g, fn(np.asarray(value))):
                    return f"your {name} equals {act}({what}) on this case."
    return None
