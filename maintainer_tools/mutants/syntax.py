"""Small helpers for reading and building Python syntax trees (the mutation kinds use them)."""

import ast


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


def expr(text):
    """The expression node of ``text`` ("np.tanh")."""
    return ast.parse(text, mode="eval").body


def is_one(n):
    return isinstance(n, ast.Constant) and n.value == 1 and not isinstance(n.value, bool)


def same(a, b):
    return ast.unparse(a) == ast.unparse(b)


def binop(left, op, right):
    return ast.BinOp(left=left, op=op, right=right)


def call(name, *args, keywords=()):
    return ast.Call(func=expr(name), args=list(args), keywords=list(keywords))
