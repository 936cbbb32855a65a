"""Mutants of the course-style solutions: every edit of every kind at every place it fits.

``mutants_of(key)`` parses the canonical solution of a graded function (``helpers/checks/course/``),
applies each kind of ``kinds.KINDS`` at each node where it fits, and returns one ``Mutant``
per distinct resulting function (a text two kinds produce is kept under the first; a text
equal to the solution is dropped). Statements that only seed numpy's generator or print are
never edited: the checks accept any seed and ignore printed output by design.

``loaded(mutant)`` gives the mutant as a function defined the way a notebook cell defines it:
module ``__main__``, its source registered for ``inspect.getsource`` under a kernel-style
file name, the notebook's other functions (correct) and its variables beside it.
"""

import ast
import contextlib
import copy
import functools
import inspect
import linecache
import numbers

import numpy as np

from . import kinds, quantities
from .cases import baseline
from .edits_names import ReadsNotebook
from helpers.checks.course import MODULES, module_of
from .syntax import called, dotted

DATA = (np.ndarray, numbers.Number, dict, list, tuple)


class Mutant:
    """One mutated solution.

    key        : the CHECKS key ("nb03_shallow.backward_propagation")
    kind, half : the kind of edit and its half ("development" or "held-back")
    ident      : "<key>:<kind>:<n>", n counting that kind's mutants of that function from 1
    target     : the statement changed: its assigned names ("dZ1"), "return", "if", "for", ...
    change     : the edit, "np.dot(W2.T, dZ2) -> W2.T * dZ2"
    line       : the changed statement as the mutant has it (a block's header only)
    source     : the whole mutant function
    quantities : the course names of what it changes (quantities.changed)
    downstream : the quantities of the first statement that reads them (quantities.first_reader)
    notebook   : {name: value} the notebook defines (the variable a notebook_* mutant reads)
    """

    def __init__(self, key, kind, number, target, change, line, source, quantities_, downstream,
                 notebook):
        self.key, self.kind, self.half = key, kind, kinds.HALF[kind]
        self.ident = f"{key}:{kind}:{number}"
        self.target, self.change, self.line, self.source = target, change, line, source
        self.quantities, self.downstream, self.notebook = quantities_, downstream, notebook

    @property
    def function(self):
        return self.key.split(".", 1)[1]

    def __repr__(self):
        return f"<Mutant {self.ident} {self.target}: {self.change}>"


def preorder(tree):
    """Every node below ``tree`` in source order (a node before its children)."""
    out = []

    def visit(node):
        out.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)
    visit(tree)
    return out


class Context:
    """What the kinds may ask about the solution: its names, their values on the check's
    first case, the tree around a node, the notebook's namespace."""

    def __init__(self, func, base, namespace):
        self.func, self.namespace = func, namespace
        self.params = [a.arg for a in func.args.args]
        self.values = {**base.arguments[0], **base.locals[0]}
        self.base = base
        self.parents = {}
        for node in preorder(func):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node
        stores = [n for n in ast.walk(func) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)]
        self.bound_names = set(self.params) | {n.id for n in stores}
        loops = [n.target.id for n in ast.walk(func) if isinstance(n, ast.For)
                 and isinstance(n.target, ast.Name)]
        self.index_names = set(loops) | ({"L"} & self.bound_names)

    # --- the tree
    def parent(self, node):
        return self.parents.get(node)

    def statement(self, node):
        while not isinstance(node, ast.stmt):
            node = self.parents[node]
        return node

    def in_index(self, node, ranges=False):
        """Inside a [...] or a str(...) (a layer index or key); inside a range(...) only if
        ``ranges``."""
        child, parent = node, self.parent(node)
        while parent is not None and not isinstance(child, ast.stmt):
            if called(parent, "range"):
                return ranges
            if (isinstance(parent, ast.Subscript) and child is parent.slice) or called(parent, "str"):
                return True
            child, parent = parent, self.parent(parent)
        return False

    def m_before(self, stmt):
        return any(isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "m"
                                                     for t in n.targets) and n.lineno < stmt.lineno
                   for n in ast.walk(self.func))

    def bound(self, name):
        return name in self.bound_names

    def read_elsewhere(self, name, stmt):
        inside = set(map(id, ast.walk(stmt)))
        return any(isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)
                   and id(n) not in inside for n in ast.walk(self.func))

    def has(self, dotted):
        head = dotted.split(".", 1)[0]
        return head in ("np", "float") or head in self.namespace

    # --- values on the first case
    def value(self, node):
        """What ``node`` held on the check's first case, if it is a name or a constant key of one."""
        if isinstance(node, ast.Name):
            return self.values.get(node.id)
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            container = self.value(node.value)
            try:
                return container[node.slice.value]
            except (KeyError, IndexError, TypeError):
                return None
        return None

    def is_array(self, node):
        """Could ``node`` be an array (not a plain number)? Unknown counts as yes."""
        if isinstance(node, ast.Constant):
            return False
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute) and \
                node.value.attr == "shape":
            return False
        if isinstance(node, (ast.Name, ast.Subscript)):
            v = self.value(node)
            return v is None or isinstance(v, np.ndarray) and v.ndim > 0
        if isinstance(node, ast.Attribute) and node.attr == "T":
            return self.is_array(node.value)
        if isinstance(node, ast.BinOp):
            return self.is_array(node.left) or self.is_array(node.right)
        if isinstance(node, ast.UnaryOp):
            return self.is_array(node.operand)
        if isinstance(node, ast.Call) and dotted(node.func) in ("np.sum", "np.mean"):
            return any(k.arg == "axis" for k in node.keywords)
        if isinstance(node, ast.Call) and dotted(node.func) in ("float", "np.squeeze", "len"):
            return False
        return True

    def is_matrix(self, node):
        v = self.value(node)
        return isinstance(v, np.ndarray) and v.ndim == 2 and v.shape != (1, 1)

    def is_number_or_array(self, node):
        v = self.value(node)
        return isinstance(v, (np.ndarray, float, np.floating))

    def key_of(self, node):
        parent = self.parent(node)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                isinstance(parent, ast.Subscript) and parent.slice is node and \
                isinstance(parent.ctx, ast.Load):
            return node.value
        return None

    def has_key(self, node, key):
        container = self.value(self.parent(node).value)
        return isinstance(container, dict) and key in container

    def constant_for(self, param):
        """The argument's value on the course's example (the check's first case) as a literal."""
        v = self.base.arguments[0].get(param)
        if isinstance(v, (bool, np.bool_)):
            return None
        if isinstance(v, (numbers.Real, str)):
            return ast.Constant(v.item() if isinstance(v, np.generic) else v)
        if isinstance(v, (list, tuple)) and v and all(isinstance(x, numbers.Real) for x in v):
            return ast.List(elts=[ast.Constant(x) for x in v], ctx=ast.Load())
        return None

    def other_value(self, name):
        """What ``name`` holds on the first other case where it differs from the first case
        (as a notebook variable left by running the function on the notebook's own example)."""
        def held(i):
            return {**self.base.arguments[i], **self.base.locals[i]}.get(name)
        first = held(0)
        for i in range(1, len(self.base.calls)):
            v = held(i)
            if v is not None and not _equal(v, first):
                return v
        return None


def _equal(a, b):
    try:
        if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
            return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and \
                a.shape == b.shape and np.array_equal(a, b)
        if isinstance(a, dict) and isinstance(b, dict):
            return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
        if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
            return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b))
        return type(a) is type(b) and a == b
    except Exception:  # noqa: BLE001 - values that do not compare are different
        return False


def _quiet(stmt):
    """A statement that only seeds numpy's generator or prints."""
    if isinstance(stmt, ast.Expr) and called(stmt.value, "print", "np.random.seed"):
        return True
    return isinstance(stmt, ast.If) and not stmt.orelse and all(_quiet(s) for s in stmt.body)


def _skipped(func):
    """Nodes no kind edits: the signature, and every node of a quiet statement."""
    out = set(map(id, ast.walk(func.args)))
    for stmt in quantities.statements(func):
        if _quiet(stmt):
            out |= set(map(id, ast.walk(stmt)))
    return out


def _put(tree_copy, index, replacement):
    """Replace the node at ``index`` (in preorder) of ``tree_copy`` by ``replacement``."""
    nodes = preorder(tree_copy)
    old = nodes[index]
    for parent in nodes:
        for field, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, field, replacement)
                return
            if isinstance(value, list) and any(v is old for v in value):
                i = next(i for i, v in enumerate(value) if v is old)
                if replacement is None:
                    del value[i]
                    if not value and field in ("body", "orelse"):
                        value.append(ast.Pass())
                else:
                    value[i] = replacement
                return
    raise LookupError("node not found")


def _first_line(node):
    return ast.unparse(node).split("\n", 1)[0]


def _short(text, width=90):
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 3] + "..."


def _target(stmt):
    if isinstance(stmt, ast.Assign):  # "dA_prev, dW, db", not "(dA_prev, dW, db)"
        return " = ".join(ast.unparse(t)[1:-1] if isinstance(t, ast.Tuple) else ast.unparse(t)
                          for t in stmt.targets)
    if isinstance(stmt, (ast.AugAssign, ast.AnnAssign)):
        return ast.unparse(stmt.target)
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        return ast.unparse(stmt.value.func)
    return type(stmt).__name__.lower()


def function_tree(key):
    """The solution's ``def`` as a syntax tree (parsed from its module's source)."""
    name = key.split(".", 1)[1]
    tree = ast.parse(inspect.getsource(module_of(key)))
    return next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name)


@functools.lru_cache(maxsize=None)
def mutants_of(key):
    """Every distinct mutant of the solution of ``key`` (a tuple, in a fixed order)."""
    func = function_tree(key)
    base = baseline(key)
    ctx = Context(func, base, vars(module_of(key)))
    nodes = preorder(func)
    skipped = _skipped(func)
    seen = {(ast.unparse(func) + "\n", ())}
    out = []
    for kind, edit, _ in kinds.KINDS:
        number = 0
        for index, node in enumerate(nodes):
            if id(node) in skipped or node is func:
                continue
            for replacement in edit(node, ctx):
                mutant = _make(key, kind, number + 1, func, ctx, index, node, replacement)
                if mutant is None or (mutant.source, tuple(mutant.notebook)) in seen:
                    continue
                seen.add((mutant.source, tuple(mutant.notebook)))
                number += 1
                out.append(mutant)
    return tuple(out)


def _make(key, kind, number, func, ctx, index, node, replacement):
    notebook = {}
    if isinstance(replacement, ReadsNotebook):
        value = ctx.other_value(replacement.value_of)
        if not isinstance(value, DATA) or isinstance(value, bool):
            return None
        notebook[replacement.name] = value
        reads, replacement = replacement, replacement.node
    else:
        reads = None
    if replacement is not None:
        replacement = ast.fix_missing_locations(ast.copy_location(copy.deepcopy(replacement), node))
    tree = copy.deepcopy(func)
    _put(tree, index, copy.deepcopy(replacement))
    ast.fix_missing_locations(tree)
    source = ast.unparse(tree) + "\n"
    stmt = ctx.statement(node)
    if replacement is None:
        change, line = f"removed: {_first_line(stmt)}", f"(removed) {_first_line(stmt)}"
    else:
        shown = _first_line if isinstance(node, ast.stmt) else ast.unparse
        change = f"{_short(shown(node))} -> {_short(shown(replacement))}"
        if isinstance(replacement, ast.stmt):
            new_stmt = replacement
        else:  # the statement comes before the edited node in preorder, so its index holds
            new_stmt = preorder(tree)[preorder(func).index(stmt)]
        line = _first_line(new_stmt)
    if reads is not None and kind == "notebook_local":
        own, names = [reads.value_of], [reads.value_of]
        change = f"{reads.value_of} not assigned ({change}); the notebook's {reads.value_of} is read"
    else:
        own, names = quantities.changed(stmt, node, replacement)
    if reads is not None and kind == "notebook_argument":
        change = f"{reads.value_of} read as the notebook's {reads.name}: {change}"
    downstream = [q for q in quantities.first_reader(func, stmt, names) if q not in own + names]
    return Mutant(key, kind, number, _target(stmt), change, _short(line, 120), source, tuple(own),
                  tuple(downstream), notebook)


def notebook_file(name):
    """A kernel-style file name (shown as "your notebook cell" in a failure block)."""
    return f"/tmp/ipykernel_mutants/{name.replace(':', '_').replace('.', '_')}.py"


@functools.lru_cache(maxsize=None)
def _notebook_cells(prefix):
    """The solutions module of one notebook as the text of its cells, compiled."""
    source = inspect.getsource(MODULES[prefix])
    return source, compile(source, notebook_file(prefix), "exec")


@contextlib.contextmanager
def loaded(mutant):
    """The mutant as a function of a notebook (see the module docstring), for a ``with`` block:
    the notebook's cells run in a fresh ``__main__`` namespace, its variables are set, then
    the mutant's cell defines the function (replacing the correct one)."""
    prefix = mutant.key.split(".", 1)[0]
    cells, code = _notebook_cells(prefix)
    files = {notebook_file(prefix): cells, notebook_file(mutant.ident): mutant.source}
    for name, text in files.items():
        linecache.cache[name] = (len(text), None, text.splitlines(True), name)
    try:
        namespace = {"__name__": "__main__"}
        exec(code, namespace)  # noqa: S102 - the project's own solutions
        namespace.update(copy.deepcopy(mutant.notebook))
        exec(compile(mutant.source, notebook_file(mutant.ident), "exec"), namespace)  # noqa: S102
        yield namespace[mutant.function]
    finally:
        for name in files:
            linecache.cache.pop(name, None)
