"""Grading that can't be talked round: numpy and the reference code are the ones that
were imported, and the learner's function does not call the reference it replaces.

``snapshot()`` records, when ``helpers.checks`` is imported, every function of numpy
and of the reference modules; ``replaced()`` names the first one that a notebook has
since reassigned (``np.allclose = lambda *a, **k: True``, ``helpers.nb02_logistic.propagate
= my_propagate``). The comparisons themselves use functions captured at import.

``codes_of(functions)`` gives the code objects the profiler in ``calling`` watches for:
a learner's ``propagate`` that runs ``helpers.nb02_logistic.propagate`` (imported, copied
or called through another name) is caught because the same code object runs.
"""

import builtins
import importlib
import types

import numpy as np

WATCHED = ("numpy", "numpy.linalg", "helpers.activations", "helpers.nb02_basics", "helpers.cost",
           "helpers.nb02_logistic", "helpers.nb03_shallow", "helpers.nb04_deep", "helpers.validation",
           "helpers.checks.core", "helpers.checks.compare", "helpers.checks.calling",
           "helpers.checks.feedback", "helpers.checks.integrity", "helpers.checks.randomness",
           "helpers.checks.exception_hints")
BUILTINS = ("abs", "float", "int", "isinstance", "len", "max", "min", "repr", "round", "str",
            "sum", "type", "getattr", "hasattr", "callable", "print")

_SNAPSHOT = {}

# Captured at import: the comparisons never look these up again.
allclose, isclose, array_equal, isfinite = np.allclose, np.isclose, np.array_equal, np.isfinite


def _callables(module):
    return {k: v for k, v in vars(module).items()
            if callable(v) and not k.startswith("__") and not isinstance(v, types.ModuleType)}


def snapshot():
    """Record the functions of the watched modules (call once the checks are imported)."""
    for name in WATCHED:
        try:
            module = importlib.import_module(name)
        except ImportError:  # a module of this package not written yet
            continue
        _SNAPSHOT[name] = _callables(module)
    _SNAPSHOT["builtins"] = {k: getattr(builtins, k) for k in BUILTINS}


def replaced():
    """'np.allclose' (say) if a recorded function has been reassigned since import, else None."""
    for name, recorded in _SNAPSHOT.items():
        module = builtins if name == "builtins" else importlib.import_module(name)
        for attr, fn in recorded.items():
            if getattr(module, attr, fn) is not fn:
                shown = "np" if name == "numpy" else name
                return f"{shown}.{attr}"
    return None


def codes_of(functions):
    """The code objects of ``functions`` (plain Python functions only)."""
    return frozenset(f.__code__ for f in functions if hasattr(f, "__code__"))
