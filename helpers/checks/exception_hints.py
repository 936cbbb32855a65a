"""Hints from the learner's own exception: read its type and message, the line of the
learner's code that raised, and the shapes in the message, and say which product or
axis is wrong ("np.dot(A, W): the order is np.dot(W, A): W is (4, 3), A is (3, 5)").

A check may add its own rules (``rule(ctx) -> hint or None``); they run before the
general ones here.
"""

import inspect
import re

_SHAPE = r"\(([\d,\s]*)\)"


def _shapes(text):
    return [tuple(int(v) for v in s.replace(" ", "").split(",") if v) for s in re.findall(_SHAPE, text)]


def _fmt(shape):
    return "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")"


def call_args(line, func):
    """The two top-level arguments of the first ``func(a, b)`` in ``line``, as text."""
    found = []
    for match in re.finditer(re.escape(func) + r"\(", line):
        depth, start, parts = 1, match.end(), []
        i = start
        while i < len(line) and depth:
            c = line[i]
            if c in "([{":
                depth += 1
            elif c in ")]}":
                depth -= 1
            elif c == "," and depth == 1:
                parts.append(line[start:i].strip())
                start = i + 1
            i += 1
        parts.append(line[start:i - 1].strip())
        found.append(parts)
    return found


class Ctx:
    """What a rule can read: the exception, the learner's lines and source, the case."""

    def __init__(self, exc, frames, fn, case):
        self.exc, self.case = exc, case
        self.type = type(exc).__name__
        self.message = str(exc)
        self.lines = [f.line or "" for f in frames]
        self.line = self.lines[-1] if self.lines else ""
        try:
            self.source = inspect.getsource(fn)
        except (OSError, TypeError):
            self.source = ""
        self.shapes = _shapes(self.message)


def _dot_hint(ctx):
    if "not aligned" not in ctx.message or len(ctx.shapes) < 2:
        return None
    s1, s2 = ctx.shapes[:2]
    calls = [c for c in call_args(ctx.line, "np.dot") + call_args(ctx.line, "numpy.dot") if len(c) == 2]
    p, q = calls[0] if calls else ("the first factor", "the second factor")
    shapes = f"{p} is {_fmt(s1)}, {q} is {_fmt(s2)}"
    if len(s1) == 2 and len(s2) == 2:
        if s1 == s2:
            return (f"np.dot({p}, {q}) with both {_fmt(s1)}: np.dot needs the inner sizes to "
                    f"match. For an elementwise product write {p} * {q}; for a sum over the "
                    f"examples transpose the second factor: np.dot({p}, {q}.T).")
        if s2[1] == s1[0]:
            return f"np.dot({p}, {q}): the order is np.dot({q}, {p}): {shapes}."
        if s1[0] == s2[0]:
            return f"np.dot({p}, {q}) does not fit: transpose the first, np.dot({p}.T, {q}): {shapes}."
        if s1[1] == s2[1]:
            return f"np.dot({p}, {q}) does not fit: transpose the second, np.dot({p}, {q}.T): {shapes}."
    return (f"np.dot({p}, {q}): the inner sizes must match ({shapes}). Check which array goes "
            f"first and where .T belongs.")


def _matmul_hint(ctx):
    if not ctx.message.startswith("matmul:"):
        return None
    sizes = re.findall(r"size (\d+) is different from (\d+)", ctx.message)
    detail = f" (sizes {sizes[0][1]} and {sizes[0][0]})" if sizes else ""
    return (f"the inner sizes of a matrix product `@` do not match{detail}: check the order of "
            f"the two factors and where .T belongs.")


def _elementwise_operands(line):
    for func in ("np.multiply",):
        calls = [c for c in call_args(line, func) if len(c) == 2]
        if calls:
            return calls[0]
    m = re.search(r"([\w.\[\]\"']+(?:\.T)?)\s*\*(?!\*)\s*([\w.\[\]\"']+)", line)
    return (m.group(1), m.group(2)) if m else None


def _broadcast_hint(ctx):
    if "could not be broadcast" not in ctx.message or len(ctx.shapes) < 2:
        return None
    s1, s2 = ctx.shapes[:2]
    rank1 = [s for s in (s1, s2) if len(s) == 1]
    if rank1 and ("sum" in ctx.line or "norm" in ctx.line or "max" in ctx.line) and \
            "keepdims" not in ctx.line:
        n = rank1[0][0]
        return (f"a sum (or norm) over axis=1 without keepdims=True has shape ({n},), which "
                f"numpy lines up with the columns, not the rows: add keepdims=True so it is "
                f"({n}, 1). Shapes here: {_fmt(s1)} and {_fmt(s2)}.")
    if rank1:
        return (f"an array of shape {_fmt(rank1[0])} is rank-1: keep arrays 2-D, e.g. "
                f"keepdims=True in np.sum or .reshape(-1, 1). Shapes here: {_fmt(s1)} and {_fmt(s2)}.")
    operands = _elementwise_operands(ctx.line)
    if len(s1) == 2 and len(s2) == 2 and s1[1] == s2[0]:
        p, q = operands or ("the first factor", "the second factor")
        return (f"{p} * {q} (np.multiply) multiplies elementwise, and {_fmt(s1)} and {_fmt(s2)} "
                f"do not broadcast; they chain as a matrix product: np.dot({p}, {q}).")
    return (f"shapes {_fmt(s1)} and {_fmt(s2)} can't be combined elementwise: print the shape of "
            f"each operand in the line above.")


def _scalar_hint(ctx):
    if "only 0-dimensional arrays can be converted" not in ctx.message and \
            "only length-1 arrays" not in ctx.message:
        return None
    if "math." in ctx.line:
        return ("math.exp (and math.log) work on one number; use np.exp / np.log, which work "
                "on whole arrays.")
    if "float(" in ctx.line:
        return ("float(...) of an array fails in numpy 2 unless it is 0-dimensional: use "
                "np.squeeze(x) or x.item() for a (1, 1) array, and no float() for a whole array.")
    return "a numpy array was used where one number belongs (math.*, float(), int())."


def _unpack_hint(ctx):
    if not (ctx.type == "ValueError" and "values to unpack" in ctx.message):
        return None
    if re.search(r"=\s*(activations\.)?(sigmoid|relu)\(", ctx.line):
        return ("helpers.activations.sigmoid and relu return only A (the course's dnn_utils "
                "returned (A, Z)): write A = activations.sigmoid(Z) and keep Z as the "
                "activation cache.")
    if "expected 3, got 2" in ctx.message:
        return ("you passed the whole cache ((A_prev, W, b), Z) where the linear cache (A_prev, W, "
                "b) belongs: unpack it first, linear_cache, activation_cache = cache.")
    return (f"the number of names on the left doesn't match what the right side holds "
            f"({ctx.message}): check what that function returns, or how the cache is built.")


def _key_hint(ctx):
    if ctx.type != "KeyError":
        return None
    key = ctx.exc.args[0] if ctx.exc.args else ""
    m = re.fullmatch(r"d?[WbA](\d+)", str(key))
    if m and m.group(1) == "0" and not str(key).startswith("dA"):
        return (f"there is no {key!r}: layers are numbered from 1 (W1, b1, ...). With "
                f"range(L) use str(l + 1) in the keys, or loop over range(1, L + 1).")
    if m and str(key).startswith("dA"):
        return (f"there is no {key!r} yet: it is what this backward step computes. The step "
                f"of layer l + 1 takes the dA the layer above stored: grads[\"dA\" + str(l + 1)] "
                f"in a loop over l in reversed(range(L - 1)).")
    if m:
        return (f"there is no {key!r}: check the loop's range; with L layers the keys go "
                f"W1..WL (and dA0..dA(L-1)).")
    return f"the key {key!r} does not exist: use the keys the course names (e.g. \"W1\", \"dw\")."


def _other_hint(ctx):
    msg, t = ctx.message, ctx.type
    if t == "NameError":
        name = re.findall(r"'(\w+)'", msg)
        name = name[0] if name else "it"
        return (f"{name} is not defined where your function runs: run the cell that defines "
                f"{name} (or import it), or use the function's own arguments.")
    if t == "UnboundLocalError":
        name = re.findall(r"'(\w+)'", msg)
        what = f"{name[0]} is read before your function assigns it" if name else \
            "a variable is read before it is assigned"
        return (f"{what}: the line that computes it is missing, or it is set only inside an "
                f"if/elif branch that did not run: check the conditions (e.g. activation == "
                f"\"relu\" / \"sigmoid\", spelled exactly).")
    if t == "TypeError" and ("not supported between instances of 'tuple'" in msg or
                             (msg.startswith(("Z must be", "dA must be")) and "tuple" in msg)):
        return ("a whole cache (a tuple) was compared or computed with: the activation's backward "
                "step takes Z, the activation cache: linear_cache, activation_cache = cache, then "
                "relu_backward(dA, activation_cache).")
    if t == "AxisError" or "is out of bounds for array of dimension" in msg:
        return (f"{msg}: that array has fewer axes than the axis= you asked for; the course's "
                f"yhat and y (L1, L2) are rank-1, so sum them without axis=.")
    if t == "AssertionError":
        return ("one of your own assert lines failed: what it checks (a shape, a type) is not "
                "what your code computed; print that value just before the assert.")
    if t == "RecursionError":
        return "your function calls itself: did you give a variable or helper the function's own name?"
    if t == "IndexError" and "list index out of range" in msg:
        return ("a list index is one too far: with L layers caches holds caches[0] (layer 1) "
                "to caches[L-1] (layer L).")
    if t == "TypeError" and "cannot be interpreted as an integer" in msg:
        return ("a float was used as a count (range(...)): check the order of the arguments, "
                "e.g. optimize(w, b, X, Y, num_iterations, learning_rate, print_cost).")
    if t == "TypeError" and ("positional argument" in msg or "unexpected keyword" in msg):
        return (f"the check calls your function with the template's arguments ({msg}): keep "
                f"the parameter names and order of the template.")
    if t in ("UFuncTypeError", "UFuncOutputCastingError") or "same_kind" in msg:
        return ("an in-place operation (x /= ..., x -= ...) on an integer array: write "
                "x = x / ... instead, which makes a new float array.")
    if t == "AttributeError" and "has no attribute" in msg:
        return (f"{msg}: a value is not what you think it is; print its type (a cache is "
                f"(linear_cache, Z) = ((A_prev, W, b), Z); b in logistic regression is a float).")
    return None


GENERAL = (_dot_hint, _matmul_hint, _broadcast_hint, _scalar_hint, _unpack_hint, _key_hint,
           _other_hint)


def exception_hint(ctx, rules=()):
    """The first hint a rule gives for this exception, or None."""
    for rule in (*rules, *GENERAL):
        try:
            hint = rule(ctx)
        except Exception:  # noqa: BLE001 - a rule that doesn't apply
            hint = None
        if hint:
            return hint
    return None
