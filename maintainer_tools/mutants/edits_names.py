"""Mutation kinds of names and calls: activations and their backward steps, A for Z, another
layer's key, notebook variables, constants, functions not applied, lines left out, neighbours
swapped. Each is ``edit(node, ctx) -> [replacement]`` (see ``kinds``)."""

import ast
import copy

from .syntax import binop, called, dotted, expr, is_one, same

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


# --- activations ----------------------------------------------------------------------------

def activation_swap(node, ctx):
    """sigmoid, tanh and relu mixed up (a call, or the "relu" / "sigmoid" asked for)."""
    if isinstance(node, ast.Call) and dotted(node.func) in ACTIVATIONS:
        own = dotted(node.func)
        return [ast.Call(func=expr(other), args=node.args, keywords=node.keywords)
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
        return [ast.Call(func=expr(other), args=node.args, keywords=node.keywords)] if ctx.has(other) else []
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub) and is_one(node.left):
        x = _square(node.right)
        if x is not None:
            return [binop(x, ast.Mult(), binop(ast.Constant(1), ast.Sub(), x))]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult) and \
            isinstance(node.right, ast.BinOp) and isinstance(node.right.op, ast.Sub) and \
            is_one(node.right.left) and same(node.left, node.right.right):
        return [binop(ast.Constant(1), ast.Sub(), binop(node.left, ast.Pow(), ast.Constant(2)))]
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
                return copy.deepcopy(new)
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


def _each_argument(stmt, ctx, new_for):
    """(argument, ``stmt`` with that argument's loads replaced by ``new_for(argument)``) for each
    argument ``stmt`` reads and ``new_for`` gives an expression for."""
    if not isinstance(stmt, ast.stmt):
        return []
    out = []
    for param in ctx.params:
        new = new_for(param)
        edited = _replace_loads(stmt, param, new) if new is not None else None
        if edited is not None:
            out.append((param, edited))
    return out


def notebook_argument(node, ctx):
    """An argument read from the notebook's data instead (X_train for X), in one statement."""
    def global_for(param):
        return ast.Name(id=NOTEBOOK_NAMES[param], ctx=ast.Load()) if param in NOTEBOOK_NAMES else None
    return [ReadsNotebook(edited, NOTEBOOK_NAMES[param], value_of=param)
            for param, edited in _each_argument(node, ctx, global_for)]


def argument_to_constant(node, ctx):
    """An argument replaced, in one statement, by its value in the course's example."""
    return [edited for _, edited in _each_argument(node, ctx, ctx.constant_for)]


# --- functions and statements ------------------------------------------------------------------

def reduction_swap(node, ctx):
    """np.sum written np.mean (or the other way round)."""
    if called(node, "np.sum", "np.mean"):
        other = "np.mean" if dotted(node.func) == "np.sum" else "np.sum"
        return [ast.Call(func=expr(other), args=node.args, keywords=node.keywords)]
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
            for i in range(len(items) - 1) if not same(items[i], items[i + 1]) and
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
