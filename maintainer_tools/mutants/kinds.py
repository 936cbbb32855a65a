"""The mutation kinds: mechanical edits of one place in a course-style solution.

Each kind is a function ``edit(node, ctx) -> [replacement, ...]`` called on every node of
the function's syntax tree (expressions and statements); a replacement is a new node put
where ``node`` was, or ``None`` to remove a statement. ``ctx`` (``generate.Context``) says
what the solution's names hold on the check's first case, so an edit is made only where it
reads as a learner's slip (``.T`` added to a matrix, not to ``m``).

``KINDS`` lists them in a fixed order with the half each belongs to. The split into
"development" (the diagnosis may be written and tuned against these) and "held-back" (kept
out of sight until the diagnosis is done: the honest figure) was fixed before any diagnosis
existed; complementary kinds sit in opposite halves (drop ``.T`` / add ``.T``, drop ``/ m`` /
add ``/ m``), and each graded function has mutants in both halves
(tests/maintainer_tools/test_mutants.py holds that). Do not move a kind between halves.
"""

import ast
import copy

DEVELOPMENT, HELD_BACK = "development", "held-back"
HALVES = (DEVELOPMENT, HELD_BACK)

ACTIVATIONS = ("sigmoid", "np.tanh", "relu")
BACKWARD = ("relu_backward", "sigmoid_backward")
# A notebook's data has other names than the arguments (the issue's `X_train` in propagate).
NOTEBOOK_NAMES = {"X": "X_train", "Y": "Y_train", "X_train": "train_set_x", "Y_train": "train_set_y",
                  "X_test": "test_set_x", "Y_test": "test_set_y", "x": "x_example", "y": "y_example",
                  "image": "image_example"}
DROPPABLE_CALLS = ("np.log", "np.exp", "np.abs", "np.squeeze", "np.tanh", "np.sqrt", "np.power",
                   "np.array", "np.sum", "float", "copy.deepcopy", "sigmoid", "relu")


class ReadsNotebook:
    """A replacement after which the function reads the notebook variable ``name``; that
    variable holds what ``value_of`` (a local or an argument of the solution) holds on
    another of the check's cases."""

    def __init__(self, node, name, value_of=None):
        self.node, self.name, self.value_of = node, name, value_of or name


def dotted(node):
    """'np.dot' for np.dot, 'sigmoid' for sigmoid, '' for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, (ast.Name, ast.Attribute)):
        inner = dotted(node.value)
        return f"{inner}.{node.attr}" if inner else ""
    return ""


def called(node, *names):
    return isinstance(node, ast.Call) and dotted(node.func) in names


def _expr(text):
    return ast.parse(text, mode="eval").body


def _one(n):
    return isinstance(n, ast.Constant) and n.value == 1 and not isinstance(n.value, bool)


def _same(a, b):
    return ast.unparse(a) == ast.unparse(b)


def _binop(left, op, right):
    return ast.BinOp(left=left, op=op, right=right)


def _call(name, *args, keywords=()):
    return ast.Call(func=_expr(name), args=list(args), keywords=list(keywords))


# --- products, transposes, axes ------------------------------------------------------------

def dot_to_elementwise(node, ctx):
    """np.dot(a, b) or a @ b written as a * b."""
    if called(node, "np.dot", "np.matmul") and len(node.args) == 2:
        return [_binop(node.args[0], ast.Mult(), node.args[1])]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
        return [_binop(node.left, ast.Mult(), node.right)]
    return []


def elementwise_to_dot(node, ctx):
    """a * b (or np.multiply(a, b)) of two arrays written as np.dot(a, b)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult) and \
            ctx.is_array(node.left) and ctx.is_array(node.right):
        return [_call("np.dot", node.left, node.right)]
    if called(node, "np.multiply") and len(node.args) == 2:
        return [_call("np.dot", *node.args)]
    return []


def transpose_drop(node, ctx):
    """x.T written as x."""
    if isinstance(node, ast.Attribute) and node.attr == "T":
        return [node.value]
    return []


def transpose_add(node, ctx):
    """A matrix operand of a product or a sum given a .T it should not have."""
    parent = ctx.parent(node)
    operand = (isinstance(parent, ast.BinOp) and
               isinstance(parent.op, (ast.Mult, ast.MatMult, ast.Add, ast.Sub, ast.Div))) or \
        (called(parent, "np.dot", "np.multiply", "np.divide") and node in parent.args)
    if operand and isinstance(node, (ast.Name, ast.Subscript)) and ctx.is_matrix(node):
        return [ast.Attribute(value=node, attr="T", ctx=ast.Load())]
    return []


def _keyword(call, name):
    return next((k for k in call.keywords if k.arg == name), None)


def _without(call, name):
    return ast.Call(func=call.func, args=call.args, keywords=[k for k in call.keywords if k.arg != name])


def axis_swap(node, ctx):
    """axis=0 written as axis=1, or the other way round."""
    axis = _keyword(node, "axis") if isinstance(node, ast.Call) else None
    if axis is not None and isinstance(axis.value, ast.Constant) and axis.value.value in (0, 1):
        swapped = ast.keyword(arg="axis", value=ast.Constant(1 - axis.value.value))
        return [ast.Call(func=node.func, args=node.args,
                         keywords=[swapped if k is axis else k for k in node.keywords])]
    return []


def axis_drop(node, ctx):
    """A sum (or norm) over one axis written without axis=: over everything."""
    if isinstance(node, ast.Call) and _keyword(node, "axis") is not None:
        return [_without(node, "axis")]
    return []


def keepdims_drop(node, ctx):
    """keepdims=True left out: a rank-1 result."""
    if isinstance(node, ast.Call) and _keyword(node, "keepdims") is not None:
        return [_without(node, "keepdims")]
    return []


# --- the mean over the examples --------------------------------------------------------------

def _is_m(n):
    return isinstance(n, ast.Name) and n.id == "m"


def _one_over_m(n):
    """1 / m -> +1, -1 / m (or (-1) / m) -> -1, else 0."""
    if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div) and _is_m(n.right):
        if _one(n.left):
            return 1
        if isinstance(n.left, ast.UnaryOp) and isinstance(n.left.op, ast.USub) and _one(n.left.operand):
            return -1
        if isinstance(n.left, ast.Constant) and n.left.value == -1:
            return -1
    return 0


def mean_drop(node, ctx):
    """The / m (or 1 / m *) of a mean left out: a sum instead."""
    if not isinstance(node, ast.BinOp):
        return []
    if isinstance(node.op, ast.Div) and _is_m(node.right) and not _one_over_m(node):
        return [node.left]
    if isinstance(node.op, ast.Mult):
        for factor, other in ((node.left, node.right), (node.right, node.left)):
            sign = _one_over_m(factor)
            if sign:
                return [other if sign > 0 else ast.UnaryOp(op=ast.USub(), operand=other)]
    return []


def mean_add(node, ctx):
    """A quantity that is not a mean divided by m all the same (dA_prev = np.dot(W.T, dZ) / m)."""
    if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and
            isinstance(node.targets[0], ast.Name)) or node.targets[0].id in ["m"] + ctx.params:
        return []
    if not ctx.m_before(node) or any(_is_m(n) for n in ast.walk(node.value)) or \
            not isinstance(node.value, (ast.BinOp, ast.Call)):  # computed, not unpacked
        return []
    if ctx.is_number_or_array(node.targets[0]):
        return [ast.Assign(targets=node.targets, value=_binop(node.value, ast.Div(), _expr("m")))]
    return []


# --- layer indices ------------------------------------------------------------------------------

def _plus_minus_one(n, names):
    return isinstance(n, ast.BinOp) and isinstance(n.op, (ast.Add, ast.Sub)) and \
        isinstance(n.left, ast.Name) and n.left.id in names and _one(n.right)


def _shifted(n):
    return [_binop(n, ast.Sub(), ast.Constant(1)), _binop(n, ast.Add(), ast.Constant(1))]


def index_shift(node, ctx):
    """An index l (or L, i) one off: l for l - 1, l + 1 for l, in a [...] or a str(...)."""
    names = ctx.index_names
    if not ctx.in_index(node):
        return []
    if _plus_minus_one(node, names):
        other = ast.Add() if isinstance(node.op, ast.Sub) else ast.Sub()
        return [node.left, _binop(node.left, other, ast.Constant(1))]
    if isinstance(node, ast.Name) and node.id in names and isinstance(node.ctx, ast.Load) and \
            not _plus_minus_one(ctx.parent(node), names):
        return _shifted(node)
    return []


def range_shift(node, ctx):
    """A loop bound one off: range(1, L) for range(1, L + 1), range(L + 1) for range(L)."""
    if not called(node, "range"):
        return []
    out = []
    for i, arg in enumerate(node.args):
        if isinstance(arg, ast.BinOp) and isinstance(arg.op, (ast.Add, ast.Sub)) and _one(arg.right):
            news = [arg.left]
        elif isinstance(arg, ast.Constant) and isinstance(arg.value, int):
            news = [ast.Constant(v) for v in (arg.value - 1, arg.value + 1) if v >= 0]
        else:
            news = _shifted(arg)
        out += [ast.Call(func=node.func, args=node.args[:i] + [new] + node.args[i + 1:],
                         keywords=node.keywords) for new in news]
    return out


# --- activations ----------------------------------------------------------------------------

def activation_swap(node, ctx):
    """sigmoid, tanh and relu mixed up (a call, or the "relu" / "sigmoid" asked for)."""
    if isinstance(node, ast.Call) and dotted(node.func) in ACTIVATIONS:
        own = dotted(node.func)
        return [ast.Call(func=_expr(other), args=node.args, keywords=node.keywords)
                for other in ACTIVATIONS if other != own and ctx.has(other)]
    if isinstance(node, ast.Constant) and node.value in ("relu", "sigmoid"):
        return [ast.Constant("sigmoid" if node.value == "relu" else "relu")]
    return []


def _square(n):
    """x for np.power(x, 2) or x ** 2."""
    if called(n, "np.power") and len(n.args) == 2 and getattr(n.args[1], "value", None) == 2:
        return n.args[0]
    if isinstance(n, ast.BinOp) and isinstance(n.op, ast.Pow) and getattr(n.right, "value", None) == 2:
        return n.left
    return None


def backward_swap(node, ctx):
    """The backward step of another activation: relu_backward for sigmoid_backward, the
    sigmoid's slope s * (1 - s) for tanh's 1 - a**2, and the other way round."""
    if isinstance(node, ast.Call) and dotted(node.func) in BACKWARD:
        other = BACKWARD[1 - BACKWARD.index(dotted(node.func))]
        return [ast.Call(func=_expr(other), args=node.args, keywords=node.keywords)] if ctx.has(other) else []
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub) and _one(node.left):
        x = _square(node.right)
        if x is not None:
            return [_binop(x, ast.Mult(), _binop(ast.Constant(1), ast.Sub(), x))]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult) and \
            isinstance(node.right, ast.BinOp) and isinstance(node.right.op, ast.Sub) and \
            _one(node.right.left) and _same(node.left, node.right.right):
        return [_binop(ast.Constant(1), ast.Sub(), _binop(node.left, ast.Pow(), ast.Constant(2)))]
    return []


def _az_partner(name):
    if name[:1] in "AZ":
        return {"A": "Z", "Z": "A"}[name[0]] + name[1:]
    if name[:2] in ("dA", "dZ"):
        return "d" + {"A": "Z", "Z": "A"}[name[1]] + name[2:]
    return None


def a_z_swap(node, ctx):
    """A where Z belongs or Z where A belongs (A1 for Z1, cache["Z1"] for cache["A1"])."""
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
        partner = _az_partner(node.id)
        return [ast.Name(id=partner, ctx=ast.Load())] if partner and ctx.bound(partner) else []
    key = ctx.key_of(node)
    if key is not None:
        partner = _az_partner(key)
        return [ast.Constant(partner)] if partner and ctx.has_key(node, partner) else []
    return []


def key_shift(node, ctx):
    """Another layer's key: parameters["W2"] for parameters["W1"]."""
    key = ctx.key_of(node)
    if key is None or not key[-1:].isdigit():
        return []
    stem, digits = key.rstrip("0123456789"), key[len(key.rstrip("0123456789")):]
    out = []
    for k in (int(digits) - 1, int(digits) + 1):
        if k >= 0 and ctx.has_key(node, f"{stem}{k}"):
            out.append(ast.Constant(f"{stem}{k}"))
    return out


# --- signs ----------------------------------------------------------------------------------

def sign_flip(node, ctx):
    """A sign slip: a leading minus lost, or a - b written b - a."""
    if ctx.in_index(node, ranges=True):  # index_shift and range_shift edit those
        return []
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return [node.operand]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub) and not _same(node.left, node.right):
        return [_binop(node.right, ast.Sub(), node.left)]
    return []


def _text(n):
    return (isinstance(n, ast.Constant) and isinstance(n.value, str)) or called(n, "str") or \
        isinstance(n, ast.JoinedStr)


def add_sub_swap(node, ctx):
    """+ written - or - written + (w + learning_rate * dw)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)) and \
            not (_text(node.left) or _text(node.right)) and not ctx.in_index(node, ranges=True):
        op = ast.Sub() if isinstance(node.op, ast.Add) else ast.Add()
        return [_binop(node.left, op, node.right)]
    return []


# --- names: notebook variables, constants ----------------------------------------------------

def notebook_local(node, ctx):
    """A local never assigned, so the notebook's variable of that name is read instead: the
    assignment is removed (or, in an unpacking, its name replaced by _)."""
    if not isinstance(node, ast.Assign) or len(node.targets) != 1:
        return []
    target = node.targets[0]
    if isinstance(target, ast.Name):
        return [ReadsNotebook(None, target.id)] if ctx.read_elsewhere(target.id, node) else []
    if isinstance(target, ast.Tuple):
        out = []
        for i, element in enumerate(target.elts):
            if isinstance(element, ast.Name) and ctx.read_elsewhere(element.id, node):
                elts = target.elts[:i] + [ast.Name(id="_", ctx=ast.Store())] + target.elts[i + 1:]
                new = ast.Assign(targets=[ast.Tuple(elts=elts, ctx=ast.Store())], value=node.value)
                out.append(ReadsNotebook(new, element.id))
        return out
    return []


def _replace_loads(stmt, name, new):
    """A copy of ``stmt``'s own expressions (not a nested block) with each load of ``name``
    replaced by the expression ``new``, or None if it reads no ``name``."""
    changed = [False]

    class Swap(ast.NodeTransformer):
        def visit_Name(self, n):
            if n.id == name and isinstance(n.ctx, ast.Load):
                changed[0] = True
                return new
            return n

    copied = copy.deepcopy(stmt)
    for field in ("body", "orelse", "handlers", "finalbody"):
        if hasattr(copied, field):
            setattr(copied, field, [])
    Swap().visit(copied)
    if not changed[0]:
        return None
    for field in ("body", "orelse", "handlers", "finalbody"):
        if hasattr(stmt, field):
            setattr(copied, field, getattr(stmt, field))
    return copied


def notebook_argument(node, ctx):
    """An argument read from the notebook's data instead (X_train for X), in one statement."""
    if not isinstance(node, ast.stmt):
        return []
    out = []
    for param in ctx.params:
        if param in NOTEBOOK_NAMES:
            global_name = NOTEBOOK_NAMES[param]
            new = _replace_loads(node, param, ast.Name(id=global_name, ctx=ast.Load()))
            if new is not None:
                out.append(ReadsNotebook(new, global_name, value_of=param))
    return out


def argument_to_constant(node, ctx):
    """An argument replaced, in one statement, by its value in the course's example."""
    if not isinstance(node, ast.stmt):
        return []
    out = []
    for param in ctx.params:
        constant = ctx.constant_for(param)
        if constant is not None:
            new = _replace_loads(node, param, constant)
            if new is not None:
                out.append(new)
    return out


# --- functions and statements ------------------------------------------------------------------

def reduction_swap(node, ctx):
    """np.sum written np.mean (or the other way round)."""
    if called(node, "np.sum", "np.mean"):
        other = "np.mean" if dotted(node.func) == "np.sum" else "np.sum"
        return [ast.Call(func=_expr(other), args=node.args, keywords=node.keywords)]
    return []


_COMPARE_SWAP = {ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Lt: ast.LtE, ast.LtE: ast.Lt}


def compare_swap(node, ctx):
    """> written >= (or < written <=)."""
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _COMPARE_SWAP:
        return [ast.Compare(left=node.left, ops=[_COMPARE_SWAP[type(node.ops[0])]()],
                            comparators=node.comparators)]
    return []


def statement_drop(node, ctx):
    """A line left out."""
    if isinstance(node, ast.stmt) and not isinstance(node, (ast.Return, ast.FunctionDef)):
        return [None]
    return []


def call_drop(node, ctx):
    """A function not applied: np.tanh(Z1) written Z1, np.log(A) written A, x.copy() written x."""
    if isinstance(node, ast.Call) and dotted(node.func) in DROPPABLE_CALLS and node.args and \
            ctx.has(dotted(node.func)):
        return [node.args[0]]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
            node.func.attr in ("copy", "reshape") and not dotted(node.func).startswith("np."):
        return [node.func.value]
    return []


def _swaps(items, constants=True):
    return [items[:i] + [items[i + 1], items[i]] + items[i + 2:]
            for i in range(len(items) - 1) if not _same(items[i], items[i + 1]) and
            (constants or not any(isinstance(x, ast.Constant) for x in items[i:i + 2]))]


def order_swap(node, ctx):
    """Two neighbours swapped: the arguments of a call (np.dot(X, w)), the items of a tuple
    (returned, unpacked or built), the values of a dict. A call's argument is not swapped
    with a constant (np.power(2, A1) is no one's slip)."""
    if isinstance(node, ast.Call) and dotted(node.func) not in ("range", "str") and \
            not any(isinstance(a, ast.Starred) for a in node.args):
        return [ast.Call(func=node.func, args=args, keywords=node.keywords)
                for args in _swaps(node.args, constants=False)]
    if isinstance(node, (ast.Tuple, ast.List)):
        return [type(node)(elts=elts, ctx=node.ctx) for elts in _swaps(node.elts)]
    if isinstance(node, ast.Dict) and None not in node.keys:
        return [ast.Dict(keys=node.keys, values=values) for values in _swaps(node.values)]
    return []


# (name, edit, half): the order is the order mutants are generated in (a mutant two kinds
# produce is kept under the first).
KINDS = (
    ("dot_to_elementwise", dot_to_elementwise, DEVELOPMENT),
    ("elementwise_to_dot", elementwise_to_dot, HELD_BACK),
    ("transpose_drop", transpose_drop, HELD_BACK),
    ("transpose_add", transpose_add, DEVELOPMENT),
    ("axis_swap", axis_swap, DEVELOPMENT),
    ("axis_drop", axis_drop, HELD_BACK),
    ("keepdims_drop", keepdims_drop, HELD_BACK),
    ("mean_drop", mean_drop, DEVELOPMENT),
    ("mean_add", mean_add, HELD_BACK),
    ("index_shift", index_shift, HELD_BACK),
    ("range_shift", range_shift, DEVELOPMENT),
    ("activation_swap", activation_swap, HELD_BACK),
    ("backward_swap", backward_swap, DEVELOPMENT),
    ("a_z_swap", a_z_swap, DEVELOPMENT),
    ("key_shift", key_shift, HELD_BACK),
    ("sign_flip", sign_flip, HELD_BACK),
    ("add_sub_swap", add_sub_swap, DEVELOPMENT),
    ("notebook_local", notebook_local, HELD_BACK),
    ("notebook_argument", notebook_argument, DEVELOPMENT),
    ("argument_to_constant", argument_to_constant, DEVELOPMENT),
    ("call_drop", call_drop, HELD_BACK),
    ("reduction_swap", reduction_swap, HELD_BACK),
    ("compare_swap", compare_swap, DEVELOPMENT),
    ("statement_drop", statement_drop, DEVELOPMENT),
    ("order_swap", order_swap, HELD_BACK),
)
HALF = {name: half for name, _, half in KINDS}
