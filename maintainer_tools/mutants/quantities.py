"""Which quantity a mutant changed, in the course's names, read from the solution's syntax.

``changed(stmt, old, new)`` gives the quantities of the statement an edit was made in:

- an assignment: its targets (``dZ1``; ``dA_prev, dW, db`` for an unpacking); a target
  ``grads["dW" + str(l)]`` is the family ``dW*`` (dW1, dW2, ..., dW[l]); an edit inside a
  dict literal (``{"dw": dw, "db": db}``) is the key(s) whose value changed;
- ``return``: the returned item(s) the edit touched (a name, or a dict key as above);
- the header of an ``if`` or a ``for`` (or the whole block left out): what its body assigns;
- ``x.append(...)``: ``x``.

``first_reader(func, stmt, names)`` gives the quantities of the first later statement that
reads one of ``names``: "the first quantity it changes downstream".
"""

import ast


def _key(slice_):
    if isinstance(slice_, ast.Constant) and isinstance(slice_.value, str):
        return slice_.value
    if isinstance(slice_, ast.BinOp) and isinstance(slice_.left, ast.Constant) and \
            isinstance(slice_.left.value, str):
        return slice_.left.value + "*"
    return None


def _root(node):
    while isinstance(node, (ast.Subscript, ast.Attribute)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def targets(target):
    """(quantities, bound names) of an assignment target."""
    if isinstance(target, ast.Name):
        return [target.id], [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        qs, names = [], []
        for element in target.elts:
            q, n = targets(element)
            qs, names = qs + q, names + n
        return qs, names
    if isinstance(target, ast.Starred):
        return targets(target.value)
    root = _root(target)
    key = _key(target.slice) if isinstance(target, ast.Subscript) else None
    return ([key] if key else [root] if root else []), ([root] if root else [])


def _inside(node, tree):
    return any(n is node for n in ast.walk(tree))


def _dict_keys(value, old, new):
    """Keys of a dict literal ``value`` whose entry ``old`` is in (or that ``new`` changed)."""
    if not isinstance(value, ast.Dict) or None in value.keys:
        return []
    if old is value and isinstance(new, ast.Dict):
        return [_key(k) for k, a, b in zip(value.keys, value.values, new.values)
                if ast.unparse(a) != ast.unparse(b)]
    return [_key(k) for k, v in zip(value.keys, value.values) if _inside(old, v)]


def _loaded(expr):
    return [n.id for n in ast.walk(expr) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)]


def _item(expr, old, new):
    keys = _dict_keys(expr, old, new)
    if keys:
        return keys
    return [expr.id] if isinstance(expr, ast.Name) else _loaded(expr)


def _returned(stmt, old, new):
    value = stmt.value
    if value is None:
        return []
    if isinstance(value, ast.Tuple):
        if old is value and isinstance(new, ast.Tuple):
            return [q for a, b in zip(value.elts, new.elts) if ast.unparse(a) != ast.unparse(b)
                    for q in _item(a, a, a)]
        for element in value.elts:
            if _inside(old, element):
                return _item(element, old, new)
    return _item(value, old, new)


def _header(stmt):
    """The expressions of a statement itself (a compound statement's header only)."""
    if isinstance(stmt, (ast.If, ast.While)):
        return [stmt.test]
    if isinstance(stmt, ast.For):
        return [stmt.target, stmt.iter]
    return [stmt]


def _block(stmt):
    return [s for field in ("body", "orelse") for s in getattr(stmt, field, [])]


def assigned(stmt):
    """(quantities, bound names) of everything a statement (and a block's body) assigns."""
    if isinstance(stmt, (ast.If, ast.For, ast.While)):
        qs, names = [], []
        for inner in _block(stmt):
            q, n = assigned(inner)
            qs, names = qs + q, names + n
        return qs, names
    if isinstance(stmt, ast.Assign):
        qs, names = [], []
        for t in stmt.targets:
            q, n = targets(t)
            qs, names = qs + q, names + n
        return qs, names
    if isinstance(stmt, (ast.AugAssign, ast.AnnAssign)):
        return targets(stmt.target)
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and \
            isinstance(stmt.value.func, ast.Attribute) and isinstance(stmt.value.func.value, ast.Name):
        name = stmt.value.func.value.id
        return [name], [name]
    if isinstance(stmt, ast.Return):
        return _returned(stmt, stmt, stmt), []
    return [], []


def changed(stmt, old, new):
    """The quantities an edit of ``old`` (in ``stmt``) into ``new`` changes, and the names it binds."""
    if isinstance(stmt, ast.Return):
        return _unique(_returned(stmt, old, new)), []
    if isinstance(stmt, ast.Assign) and old is not stmt:
        keys = [k for k in _dict_keys(stmt.value, old, new) if k]
        if keys:
            return _unique(keys), assigned(stmt)[1]
    qs, names = assigned(stmt)
    return _unique(qs), _unique(names)


def statements(func):
    """The function's statements in source order (a block's header before its body)."""
    out = []

    def walk(body):
        for s in body:
            out.append(s)
            walk(_block(s))
    walk(func.body)
    return out


def first_reader(func, stmt, names):
    """The quantities of the first statement after ``stmt`` that reads one of ``names``."""
    if not names:
        return []
    later = statements(func)
    later = later[[i for i, s in enumerate(later) if s is stmt][0] + 1:]
    for s in later:
        if any(n in names for part in _header(s) for n in _loaded(part)):
            return _unique(_stored_as(s, names) or assigned(s)[0])
    return []


def _stored_as(stmt, names):
    """The dict keys (or returned items) under which ``stmt`` stores one of ``names``:
    ``grads = {"dW2": dW2, ...}`` stores dW2 as "dW2", not as all of grads."""
    value = getattr(stmt, "value", None)
    items = value.elts if isinstance(stmt, ast.Return) and isinstance(value, ast.Tuple) else [value]
    out = []
    for item in items:
        if isinstance(item, ast.Dict) and None not in item.keys:
            out += [_key(k) for k, v in zip(item.keys, item.values)
                    if any(n in names for n in _loaded(v))]
        elif isinstance(stmt, ast.Return) and item is not None and any(n in names for n in _loaded(item)):
            out += _item(item, item, item)
    return out


def _unique(items):
    out = []
    for item in items:
        if item and item not in out and item != "_":
            out.append(item)
    return out
