"""Notebook variables a learner's function reads, and the operands of a line that raised.

``global_names(fn)`` lists the notebook data (arrays, dicts, lists, numbers) a function
defined in a notebook reads as globals; ``notebook_data(fn)`` gives their values. A check
reports them inside its own block, in plain words (``reads_note``), never as a Python
warning above it: a function that passes that way works on the notebook's data only.

``cause(exc, fn, case)`` reads the learner's frame where the exception was raised: each
name in the failing line is an argument, a local or a notebook variable (with its shape);
a notebook variable read there is the cause to report (``X_train`` where the argument ``X``
belongs, a ``Z1`` the function never computed), never something to transpose or define.
"""

import dis
import numbers
import types

import numpy as np

from .lines import loaded_names, shape_text


def global_names(fn):
    """Names of notebook data (arrays, dicts, lists, numbers) that ``fn`` reads as globals.

    Only functions defined in a notebook (module ``__main__``) are inspected, and
    UPPER_CASE names count as constants, not data.
    """
    code = getattr(fn, "__code__", None)
    if code is None or getattr(fn, "__module__", None) != "__main__":
        return []
    found, stack = [], [code]
    while stack:
        co = stack.pop()
        for ins in dis.get_instructions(co):
            if ins.opname == "LOAD_GLOBAL" and ins.argval not in found:
                found.append(ins.argval)
        stack.extend(c for c in co.co_consts if isinstance(c, types.CodeType))
    g = getattr(fn, "__globals__", {})
    data_types = (np.ndarray, dict, list, tuple, numbers.Number)
    return [n for n in found if n in g and isinstance(g[n], data_types)
            and not isinstance(g[n], bool) and not n.isupper()]


def notebook_data(fn):
    """{name: value} of the notebook variables ``fn`` reads."""
    g = getattr(fn, "__globals__", {})
    return {n: g[n] for n in global_names(fn)}


def _described(value):
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if isinstance(value, dict):
        return f"a dict with keys {sorted(map(str, value))[:6]}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)}"
    return f"the number {value!r}"


def instead(name, params, case_values):
    """What the function should use instead of the notebook's ``name``: an argument whose name
    begins it (``X`` for ``X_train``), an entry of a dict argument with that key
    (``cache["Z1"]``), or None."""
    for p in params:
        if name != p and (name.startswith(p + "_") or name.lower() == p.lower()):
            return f"its argument {p}"
    for p, value in case_values.items():
        if isinstance(value, dict) and name in value:
            return f'{p}["{name}"], from its argument {p}'
    return None


def reads_note(fn, params, case_values):
    """One sentence per notebook variable ``fn`` reads, or []."""
    out = []
    for name, value in notebook_data(fn).items():
        use = instead(name, params, case_values)
        out.append(f"{fn.__name__} reads the notebook's variable {name} ({_described(value)}) "
                   f"instead of computing it or taking it as an argument: that works only on "
                   f"the notebook's own data." + (f" Use {use}." if use else ""))
    return out


def _learner_frame(exc, code):
    tb, frame = exc.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code is code:
            frame = tb.tb_frame
        tb = tb.tb_next
    return frame


def operands(exc, fn, line):
    """[(name, where, value)] for the names the failing ``line`` reads: where is "argument",
    "local" or "notebook"."""
    code = getattr(fn, "__code__", None)
    frame = _learner_frame(exc, code) if code is not None else None
    if frame is None or not line:
        return []
    params = code.co_varnames[:code.co_argcount + code.co_kwonlyargcount]
    local = frame.f_locals
    glob = getattr(fn, "__globals__", {})
    out = []
    for name in loaded_names(line):
        if name in local:
            out.append((name, "argument" if name in params else "local", local[name]))
        elif name in glob and not callable(glob[name]) and not isinstance(glob[name], types.ModuleType):
            out.append((name, "notebook", glob[name]))
    return out


def cause(exc, fn, line, params, case_values):
    """(hint, operands row) for an exception in ``line`` of ``fn``: the hint only when the line
    reads a notebook variable (the cause), the row whenever the operands are known."""
    found = operands(exc, fn, line)
    if not found:
        return None, None
    words = {"argument": "your argument", "local": "your local", "notebook": "the notebook's variable"}
    row = "; ".join(f"{n}: {words[w]}, {shape_text(v) if isinstance(v, (np.ndarray, numbers.Number)) else type(v).__name__}"
                    for n, w, v in found)
    notebook = [(n, v) for n, w, v in found if w == "notebook"]
    if not notebook:
        return None, row
    name, value = notebook[0]
    use = instead(name, params, case_values)
    hint = (f"{name} in this line is the notebook's variable {name} ({_described(value)}), not a "
            f"value your function computed or was given: "
            + (f"use {use}." if use else f"compute {name} inside {fn.__name__} from its arguments "
                                         f"({', '.join(params)})."))
    return hint, row
