"""Mutation kinds of the array arithmetic: products, transposes, axes, the mean over the
examples, layer indices and loop bounds, signs. Each is ``edit(node, ctx) -> [replacement]``
(see ``kinds``)."""

import ast

from .syntax import binop, call, called, expr, is_one, same


# --- products, transposes, axes ------------------------------------------------------------

def dot_to_elementwise(node, ctx):
    """np.dot(a, b) or a @ b written as a * b."""
    if called(node, "np.dot", "np.matmul") and len(node.args) == 2:
        return [binop(node.args[0], ast.Mult(), node.args[1])]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
        return [binop(node.left, ast.Mult(), node.right)]
    return []


def elementwise_to_dot(node, ctx):
    """a * b (or np.multiply(a, b)) of two arrays written as np.dot(a, b)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult) and \
            ctx.is_array(node.left) and ctx.is_array(node.right):
        return [call("np.dot", node.left, node.right)]
    if called(node, "np.multiply") and len(node.args) == 2:
        return [call("np.dot", *node.args)]
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


def _keyword(node, name):
    return next((k for k in node.keywords if k.arg == name), None)


def _without(node, name):
    return ast.Call(func=node.func, args=node.args, keywords=[k for k in node.keywords if k.arg != name])


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
        if is_one(n.left):
            return 1
        if isinstance(n.left, ast.UnaryOp) and isinstance(n.left.op, ast.USub) and is_one(n.left.operand):
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
        return [ast.Assign(targets=node.targets, value=binop(node.value, ast.Div(), expr("m")))]
    return []


# --- layer indices ------------------------------------------------------------------------------

def _plus_minus_one(n, names):
    return isinstance(n, ast.BinOp) and isinstance(n.op, (ast.Add, ast.Sub)) and \
        isinstance(n.left, ast.Name) and n.left.id in names and is_one(n.right)


def _shifted(n):
    return [binop(n, ast.Sub(), ast.Constant(1)), binop(n, ast.Add(), ast.Constant(1))]


def index_shift(node, ctx):
    """An index l (or L, i) one off: l for l - 1, l + 1 for l, in a [...] or a str(...)."""
    names = ctx.index_names
    if not ctx.in_index(node):
        return []
    if _plus_minus_one(node, names):
        other = ast.Add() if isinstance(node.op, ast.Sub) else ast.Sub()
        return [node.left, binop(node.left, other, ast.Constant(1))]
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
        if isinstance(arg, ast.BinOp) and isinstance(arg.op, (ast.Add, ast.Sub)) and is_one(arg.right):
            news = [arg.left]
        elif isinstance(arg, ast.Constant) and isinstance(arg.value, int):
            news = [ast.Constant(v) for v in (arg.value - 1, arg.value + 1) if v >= 0]
        else:
            news = _shifted(arg)
        out += [ast.Call(func=node.func, args=node.args[:i] + [new] + node.args[i + 1:],
                         keywords=node.keywords) for new in news]
    return out


# --- signs ----------------------------------------------------------------------------------

def sign_flip(node, ctx):
    """A sign slip: a leading minus lost, or a - b written b - a."""
    if ctx.in_index(node, ranges=True):  # index_shift and range_shift edit those
        return []
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return [node.operand]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub) and not same(node.left, node.right):
        return [binop(node.right, ast.Sub(), node.left)]
    return []


def _text(n):
    return (isinstance(n, ast.Constant) and isinstance(n.value, str)) or called(n, "str") or \
        isinstance(n, ast.JoinedStr)


def add_sub_swap(node, ctx):
    """+ written - or - written + (w + learning_rate * dw)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)) and \
            not (_text(node.left) or _text(node.right)) and not ctx.in_index(node, ranges=True):
        op = ast.Sub() if isinstance(node.op, ast.Add) else ast.Add()
        return [binop(node.left, op, node.right)]
    return []
