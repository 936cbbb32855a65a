"""Lines of code a hint may quote: the course's line for one quantity (level 2 of the hint
ladder, on request), the learner's own line (level 3), the shapes of the names in a line,
and, in words, how the learner's line differs from the course's (one edit apart: another
operator, a ``.T`` more or less, another axis, another function).

Quoting the course's line is the formula the course's notebook states in its text, in
numpy; it is shown only when the learner asks for more help (``hint=2`` or ``hint()``).
"""

import ast
import inspect
import linecache
import textwrap

import numpy as np

OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.MatMult: "@",
             ast.Pow: "**", ast.USub: "-", ast.Gt: ">", ast.GtE: ">=", ast.Lt: "<", ast.LtE: "<="}


def _key(node):
    """The course's name a target stands for: a name, a dict key, a key family ("dW*")."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Subscript):
        s = node.slice
        if isinstance(s, ast.Constant) and isinstance(s.value, str):
            return s.value
        if isinstance(s, ast.BinOp) and isinstance(s.left, ast.Constant) and isinstance(s.left.value, str):
            return s.left.value + "*"
        return _key(node.value)          # Y_prediction[0, i] = 1 stores into Y_prediction
    return None


def targets(stmt):
    """The names (and dict keys) an assignment stores (``costs`` for ``costs.append(...)``)."""
    if isinstance(stmt, ast.Assign):
        nodes = stmt.targets
    elif isinstance(stmt, (ast.AugAssign, ast.AnnAssign)):
        nodes = [stmt.target]
    elif isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and \
            isinstance(stmt.value.func, ast.Attribute) and stmt.value.func.attr == "append" and \
            isinstance(stmt.value.func.value, ast.Name):
        return [stmt.value.func.value.id]
    else:
        return []
    out = []
    for node in nodes:
        for n in (node.elts if isinstance(node, (ast.Tuple, ast.List)) else [node]):
            k = _key(n)
            if k:
                out.append(k)
    return out


def _stores(stmt, name):
    for k in targets(stmt):
        if k == name or (k.endswith("*") and name.startswith(k[:-1]) and name[len(k) - 1:].isdigit()):
            return True
    return False


def function_tree(fn):
    try:
        source = textwrap.dedent(inspect.getsource(fn))
        return source, ast.parse(source)
    except (OSError, TypeError, SyntaxError, IndentationError):
        return "", None


def course_statement(fn, name):
    """The first statement of ``fn`` that assigns ``name`` (as source text), or None."""
    source, tree = function_tree(fn)
    if tree is None:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt) and _stores(node, name):
            return ast.get_source_segment(source, node)
    return None


def learner_line(filename, lineno):
    """The learner's source line ``lineno`` (stripped), or None."""
    if not lineno:
        return None
    text = linecache.getline(filename, lineno).strip()
    return text or None


def loaded_names(text):
    """The names a line of code reads, in order."""
    try:
        tree = ast.parse(text.strip().rstrip(":") if not text.strip().startswith(("if", "for", "elif"))
                         else text.strip() + " pass")
    except SyntaxError:
        return []
    found = sorted((n.lineno, n.col_offset, n.id) for n in ast.walk(tree)
                   if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load))
    return list(dict.fromkeys(name for _, _, name in found))


def renamed(text, names):
    """``text`` (one statement) with its names replaced as ``names`` says, or None."""
    try:
        tree = ast.parse(text.strip())
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in names:
            node.id = names[node.id]
    return ast.unparse(tree)


def shape_text(value):
    if isinstance(value, np.ndarray):
        return str(value.shape)
    return "a number"


def with_shapes(text, values):
    """'W2 (1, 4), dZ2 (1, 3)': the shapes of the names ``text`` reads that ``values`` holds."""
    parts = [f"{n} {shape_text(values[n])}" for n in loaded_names(text) if n in values]
    return ", ".join(parts)


# --- one edit apart -----------------------------------------------------------------------------

def _parse_value(text):
    try:
        stmt = ast.parse(text.strip()).body[0]
    except (SyntaxError, IndexError):
        return None
    return getattr(stmt, "value", None)


def _where_differ(a, b):
    """The first pair of nodes where two trees differ, or None if they are the same."""
    if type(a) is not type(b):
        return a, b
    if isinstance(a, ast.AST):
        for field in a._fields:
            if field in ("ctx", "type_comment"):
                continue
            found = _where_differ(getattr(a, field, None), getattr(b, field, None))
            if found:
                return found
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return a, b
        for x, y in zip(a, b):
            found = _where_differ(x, y)
            if found:
                return found
        return None
    return None if a == b else (a, b)


def _op(node):
    return OPERATORS.get(type(node))


def difference(mine, course):
    """In words, where the learner's expression differs from the course's when the two have
    the same form but for one part, or None. Names count as they are written, so a learner
    with other names gets None."""
    a, b = _parse_value(mine), _parse_value(course)
    if a is None or b is None:
        return None
    found = _where_differ(a, b)
    if not found:
        return None
    x, y = found
    if isinstance(x, ast.AST) and isinstance(y, ast.AST) and _op(x) and _op(y):
        return f"`{_op(x)}` where the course has `{_op(y)}`"
    if isinstance(x, list) or isinstance(y, list):
        return None
    if isinstance(x, ast.AST) and isinstance(y, ast.AST):
        ux, uy = ast.unparse(x), ast.unparse(y)
        if ux + ".T" == uy:
            return f"`{ux}` where the course has its transpose `{uy}`"
        if uy + ".T" == ux:
            return f"`{ux}` (transposed) where the course has `{uy}`"
        if len(ux) <= 40 and len(uy) <= 40:
            return f"`{ux}` where the course has `{uy}`"
        return None
    if isinstance(x, (int, float, str)) and isinstance(y, (int, float, str)):
        return f"`{x!r}` where the course has `{y!r}`"
    return None


def targets_of_line(text):
    """The names (and dict keys) a one-line assignment stores, or []."""
    try:
        tree = ast.parse(text.strip())
    except SyntaxError:
        return []
    return targets(tree.body[0]) if tree.body else []


def assignments(fn):
    """[(name, [(first line, last line) of each statement assigning it])] of ``fn``, in
    source order (each name once), as absolute line numbers."""
    source, tree = function_tree(fn)
    code = getattr(fn, "__code__", None)
    if tree is None or code is None:
        return []
    offset = code.co_firstlineno - 1
    out = {}
    for node in sorted((n for n in ast.walk(tree) if isinstance(n, ast.stmt)), key=lambda n: n.lineno):
        for name in targets(node):
            out.setdefault(name, []).append((node.lineno + offset,
                                             (node.end_lineno or node.lineno) + offset))
    return list(out.items())


def block_targets(fn, lineno):
    """What the innermost loop or ``if`` around line ``lineno`` of ``fn`` assigns, or []."""
    source, tree = function_tree(fn)
    code = getattr(fn, "__code__", None)
    if tree is None or code is None:
        return []
    line = lineno - code.co_firstlineno + 1
    blocks = [n for n in ast.walk(tree) if isinstance(n, (ast.For, ast.While, ast.If))
              and n.lineno <= line <= (n.end_lineno or n.lineno)]
    if not blocks:
        return []
    inner = max(blocks, key=lambda n: n.lineno)
    out = []
    for node in ast.walk(inner):
        if isinstance(node, ast.stmt):
            out += [t for t in targets(node) if t not in out]
    return out


def loop_over(fn, name):
    """What the body of the ``for`` loop over ``name`` in ``fn`` assigns, or None if ``name``
    is no loop's variable."""
    source, tree = function_tree(fn)
    if tree is None:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.For) and isinstance(node.target, ast.Name) and node.target.id == name:
            out = []
            for inner in ast.walk(node):
                if isinstance(inner, ast.stmt) and inner is not node:
                    out += [t for t in targets(inner) if t not in out]
            return out
    return None


def loop_names(fn):
    """The names ``fn``'s ``for`` loops run over (their values depend on how a loop is
    written, ``range(L)`` or ``range(1, L + 1)``, so they are compared by count only)."""
    source, tree = function_tree(fn)
    if tree is None:
        return set()
    return {n.target.id for n in ast.walk(tree) if isinstance(n, ast.For) and isinstance(n.target, ast.Name)}


def family(name):
    """'W{l}' for the family 'W*' of grads["W" + str(l)], else the name."""
    return name[:-1] + "{l}" if name.endswith("*") else name
