"""Grading that can't be talked round: numpy and the reference code are the ones that
were imported, and the learner's function does not run a reference solution.

``snapshot()`` records, when ``helpers.checks`` is imported, every function of numpy
and of the reference modules; ``replaced()`` names the first one that a notebook has
since reassigned (``np.allclose = lambda *a, **k: True``, ``helpers.nb02_logistic.propagate
= my_propagate``). The comparisons themselves use functions captured at import.

The references, one rule for every check: every function of every notebook's reference
module (the graded ones, ``helpers.nb02_logistic.propagate``, ``helpers.nb04_deep.L_model_forward``...,
and the equations they are built from, ``forward``, ``step``, ``model_backward``...), for
every check, so a learner's ``propagate`` can't be assembled from notebook 04's
references either. The building blocks the notebooks hand out
(``helpers.activations``, ``helpers.cost``) are not references, except where a check names
one (``check_sigmoid`` forbids ``helpers.activations.sigmoid``).

Code is compared by content, not identity (``code_key``): a copy of a reference's code
object with another line number or name, or its source compiled again, is the reference.
``reference_keys(extra)`` maps the content of every reference (and of the functions it
defines inside itself) to its name; ``helpers.checks.watch`` looks each code object the
learner's call runs up there.
"""

import builtins
import dis
import functools
import importlib
import inspect
import types

import numpy as np

WATCHED = ("numpy", "numpy.linalg", "helpers.activations", "helpers.nb02_basics", "helpers.cost",
           "helpers.nb02_logistic", "helpers.nb03_shallow", "helpers.nb04_deep", "helpers.validation",
           "helpers.checks.core", "helpers.checks.compare", "helpers.checks.calling",
           "helpers.checks.feedback", "helpers.checks.integrity", "helpers.checks.randomness",
           "helpers.checks.exception_hints", "helpers.checks.watch", "helpers.checks.deadline",
           "helpers.checks.trace", "helpers.checks.diagnose", "helpers.checks.explain",
           "helpers.checks.lines", "helpers.checks.notebook", "helpers.checks.arguments")
BUILTINS = ("abs", "float", "int", "isinstance", "len", "max", "min", "repr", "round", "str",
            "sum", "type", "getattr", "hasattr", "callable", "print")

_SNAPSHOT = {}

# Captured at import: the comparisons never look these up again.
allclose, isclose, array_equal, isfinite = np.allclose, np.isclose, np.array_equal, np.isfinite


def _callables(module):
    return {k: v for k, v in vars(module).items()
            if callable(v) and not k.startswith("__") and not isinstance(v, types.ModuleType)}


def snapshot():
    """Record the functions of the watched modules and the references (call once the
    checks are imported)."""
    for name in WATCHED:
        try:
            module = importlib.import_module(name)
        except ImportError:  # a module of this package not written yet
            continue
        _SNAPSHOT[name] = _callables(module)
    _SNAPSHOT["builtins"] = {k: getattr(builtins, k) for k in BUILTINS}
    _REFERENCES.clear()
    _REFERENCES.update(_module_references())


def replaced():
    """'np.allclose' (say) if a recorded function has been reassigned since import, else None."""
    for name, recorded in _SNAPSHOT.items():
        module = builtins if name == "builtins" else importlib.import_module(name)
        for attr, fn in recorded.items():
            if getattr(module, attr, fn) is not fn:
                shown = "np" if name == "numpy" else name
                return f"{shown}.{attr}"
    return None


# The notebooks' reference modules (helpers.<name>), and notebook 04's numerical gradients
# (which would otherwise stand in for a learner's backward pass).
REFERENCE_MODULES = ("nb02_basics", "nb02_logistic", "nb03_shallow", "nb04_deep", "nb04_gradcheck")
_REFERENCES = {}   # code_key -> "helpers.nb02_logistic.propagate", filled by snapshot()


_PLUMBING = {"CACHE", "NOP", "RESUME", "EXTENDED_ARG", "PUSH_NULL", "PRECALL"}
_SAME_AS = {"LOAD_METHOD": "LOAD_ATTR"}   # 3.11 picks one by how the name was imported
_JUMPS = set(dis.hasjrel) | set(dis.hasjabs)


def _const_key(value):
    if isinstance(value, types.CodeType):
        return ("code", code_key(value))
    if isinstance(value, (tuple, frozenset)):
        items = tuple(_const_key(v) for v in value)
        return (type(value).__name__, items if isinstance(value, tuple) else frozenset(items))
    return (type(value).__name__, repr(value))


def _instructions(code):
    """The instructions without the compiler's plumbing, jumps by instruction count."""
    kept = [i for i in dis.get_instructions(code) if i.opname not in _PLUMBING]
    index = {i.offset: n for n, i in enumerate(kept)}
    out = []
    for i in kept:
        if i.opcode in _JUMPS:
            arg = ("to", index.get(i.argval, min((n for o, n in index.items() if o >= i.argval),
                                                 default=len(kept))))
        elif isinstance(i.argval, (types.CodeType, tuple, frozenset)) or i.opname == "LOAD_CONST":
            arg = _const_key(i.argval)
        else:
            arg = i.argval if isinstance(i.argval, (str, int, type(None))) else repr(i.argval)
        out.append((_SAME_AS.get(i.opname, i.opname), arg))
    return tuple(out)


@functools.lru_cache(maxsize=8192)
def code_key(code):
    """What a code object does, without where it is: its instructions (less the compiler's
    plumbing, which differs with the context it was compiled in), constants (nested code
    by content too), docstring, names and signature; not its name, file or line numbers."""
    doc = code.co_consts[0] if code.co_consts and isinstance(code.co_consts[0], str) else None
    return (_instructions(code), doc, code.co_names, code.co_varnames, code.co_freevars,
            code.co_cellvars, code.co_argcount, code.co_posonlyargcount, code.co_kwonlyargcount)


def _code_of(fn):
    fn = inspect.unwrap(fn) if callable(fn) else fn
    return getattr(fn, "__code__", None)


# Code objects too small to be anyone's own: a learner's one-line comprehension may be the
# reference's to the byte. A reference reached through its function is caught there.
ANONYMOUS = ("<dictcomp>", "<listcomp>", "<setcomp>", "<genexpr>", "<lambda>")


def _add(keys, code, name, filename):
    """``code`` and the functions defined inside it, if they come from ``filename``."""
    if code is None or code.co_filename != filename or code.co_name in ANONYMOUS:
        return
    keys.setdefault(code_key(code), name)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            _add(keys, const, f"{name}.<locals>.{const.co_name}", filename)


def _module_references():
    """Every function a reference module defines: the graded ones, the equations they are
    built from (``forward``, ``step``, ``model_backward``...) and their private helpers."""
    keys = {}
    for short in REFERENCE_MODULES:
        module = importlib.import_module(f"helpers.{short}")
        for name, fn in vars(module).items():
            if isinstance(fn, types.FunctionType) and not name.startswith("__"):
                _add(keys, _code_of(fn), f"{module.__name__}.{name}", module.__file__)
    return keys


def _reached(fn, seen):
    """``fn`` and the functions of its own module that its code names, transitively
    (``seen``: {code: name})."""
    fn = inspect.unwrap(fn)
    code = getattr(fn, "__code__", None)
    if code is None or code in seen:
        return seen
    seen[code] = f"{fn.__module__}.{fn.__qualname__}"
    names, stack = set(), [code]
    while stack:
        co = stack.pop()
        names.update(co.co_names)
        stack.extend(c for c in co.co_consts if isinstance(c, types.CodeType))
    for name in names:
        other = fn.__globals__.get(name)
        if isinstance(other, types.FunctionType) and other.__code__.co_filename == code.co_filename:
            _reached(other, seen)
    return seen


def _own_parts(fn):
    """What only building block ``fn`` is made of: its code and the functions of its module
    it alone reaches (``_sigmoid_derivative`` for ``sigmoid_derivative``; not the input
    checks every building block there shares)."""
    module = inspect.getmodule(fn)
    shared = {}
    for name, other in vars(module).items():
        if isinstance(other, types.FunctionType) and not name.startswith("_") and other is not fn:
            _reached(other, shared)
    return {code: name for code, name in _reached(fn, {}).items() if code not in shared}


def reference_keys(extra=()):
    """{code_key: name} of every reference, plus what only the building blocks ``extra``
    are made of (one check's own: ``helpers.activations.sigmoid`` for ``check_sigmoid``)."""
    keys = dict(_REFERENCES)
    for fn in extra:
        for code, name in _own_parts(fn).items():
            _add(keys, code, name, code.co_filename)
    return keys
