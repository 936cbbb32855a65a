"""maintainer_tools.mutants: the edits are the ones claimed, one statement each, the halves are
fixed and balanced, notebook variables look like a notebook's, equivalent mutants are found."""

import ast
import difflib
import dis

import numpy as np
import pytest

from helpers.checks import CHECKS, passes
from helpers.checks.core import global_names
from maintainer_tools.mutants import kinds
from maintainer_tools.mutants.cases import Run, baseline, same_result
from maintainer_tools.mutants.generate import Mutant, function_tree, loaded, mutants_of

ALL = [m for key in CHECKS for m in mutants_of(key)]

# Hand-checked: (key, kind, target, change, line as the mutant has it, quantities, downstream).
EXAMPLES = [
    ("nb03_shallow.backward_propagation", "dot_to_elementwise", "dZ1", "np.dot(W2.T, dZ2) -> W2.T * dZ2",
     "dZ1 = W2.T * dZ2 * (1 - np.power(A1, 2))", ("dZ1",), ("dW1",)),
    ("nb02_basics.L2", "dot_to_elementwise", "loss", "np.dot(y - yhat, y - yhat) -> (y - yhat) * (y - yhat)",
     "loss = (y - yhat) * (y - yhat)", ("loss",), ()),
    ("nb03_shallow.compute_cost", "elementwise_to_dot", "logprobs",
     "np.multiply(np.log(A2), Y) -> np.dot(np.log(A2), Y)",
     "logprobs = np.dot(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)", ("logprobs",), ("cost",)),
    ("nb03_shallow.backward_propagation", "transpose_drop", "dW2", "A1.T -> A1",
     "dW2 = 1 / m * np.dot(dZ2, A1)", ("dW2",), ()),
    ("nb02_logistic.predict", "transpose_drop", "A", "w.T -> w", "A = sigmoid(np.dot(w, X) + b)",
     ("A",), ("Y_prediction",)),
    ("nb03_shallow.forward_propagation", "transpose_add", "Z1", "X -> X.T", "Z1 = np.dot(W1, X.T) + b1",
     ("Z1",), ("A1",)),
    ("nb03_shallow.backward_propagation", "axis_swap", "db2",
     "np.sum(dZ2, axis=1, keepdims=True) -> np.sum(dZ2, axis=0, keepdims=True)",
     "db2 = 1 / m * np.sum(dZ2, axis=0, keepdims=True)", ("db2",), ()),
    ("nb02_basics.normalize_rows", "axis_drop", "x_norm",
     "np.linalg.norm(x, ord=2, axis=1, keepdims=True) -> np.linalg.norm(x, ord=2, keepdims=True)",
     "x_norm = np.linalg.norm(x, ord=2, keepdims=True)", ("x_norm",), ("x",)),
    ("nb03_shallow.backward_propagation", "keepdims_drop", "db2",
     "np.sum(dZ2, axis=1, keepdims=True) -> np.sum(dZ2, axis=1)", "db2 = 1 / m * np.sum(dZ2, axis=1)",
     ("db2",), ()),
    ("nb03_shallow.backward_propagation", "mean_drop", "dW1", "1 / m * np.dot(dZ1, X.T) -> np.dot(dZ1, X.T)",
     "dW1 = np.dot(dZ1, X.T)", ("dW1",), ()),
    ("nb02_logistic.propagate", "mean_drop", "cost",
     "-1 / m * (np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) -> "
     "-(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T))",
     "cost = -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T))", ("cost",), ()),
    ("nb04_deep.linear_backward", "mean_add", "dA_prev",
     "dA_prev = np.dot(W.T, dZ) -> dA_prev = np.dot(W.T, dZ) / m",
     "dA_prev = np.dot(W.T, dZ) / m", ("dA_prev",), ()),
    ("nb04_deep.L_model_backward", "index_shift", "grads['dW' + str(L)]", "L -> L - 1",
     "grads['dW' + str(L - 1)] = dW_temp", ("dW*",), ("db*",)),
    ("nb04_deep.L_model_backward", "index_shift", "dA_prev_temp, dW_temp, db_temp", "l + 1 -> l",
     "dA_prev_temp, dW_temp, db_temp = "
     "linear_activation_backward(grads['dA' + str(l)], current_cache, 'relu')",
     ("dA_prev_temp", "dW_temp", "db_temp"), ("dA*",)),
    ("nb04_deep.L_model_forward", "range_shift", "for", "range(1, L) -> range(2, L)", "for l in range(2, L):",
     ("A_prev", "A", "cache", "caches"), ()),
    ("nb02_logistic.optimize", "range_shift", "for", "range(num_iterations) -> range(num_iterations - 1)",
     "for i in range(num_iterations - 1):", ("grads", "cost", "dw", "db", "w", "b", "costs"), ()),
    ("nb03_shallow.forward_propagation", "activation_swap", "A1", "np.tanh(Z1) -> sigmoid(Z1)",
     "A1 = sigmoid(Z1)", ("A1",), ("Z2",)),
    ("nb04_deep.linear_activation_forward", "activation_swap", "if", "'sigmoid' -> 'relu'",
     "if activation == 'relu':", ("Z", "linear_cache", "A"), ()),
    ("nb02_basics.sigmoid_derivative", "backward_swap", "ds", "s * (1 - s) -> 1 - s ** 2", "ds = 1 - s ** 2",
     ("ds",), ()),
    ("nb03_shallow.backward_propagation", "backward_swap", "dZ1", "1 - np.power(A1, 2) -> A1 * (1 - A1)",
     "dZ1 = np.dot(W2.T, dZ2) * (A1 * (1 - A1))", ("dZ1",), ("dW1",)),
    ("nb04_deep.linear_activation_backward", "backward_swap", "dZ",
     "relu_backward(dA, activation_cache) -> sigmoid_backward(dA, activation_cache)",
     "dZ = sigmoid_backward(dA, activation_cache)", ("dZ",), ("dA_prev", "dW", "db")),
    ("nb03_shallow.backward_propagation", "a_z_swap", "A1", "'A1' -> 'Z1'", "A1 = cache['Z1']",
     ("A1",), ("dW2",)),
    ("nb03_shallow.forward_propagation", "a_z_swap", "Z2", "A1 -> Z1", "Z2 = np.dot(W2, Z1) + b2",
     ("Z2",), ("A2",)),
    ("nb03_shallow.update_parameters", "key_shift", "W2", "'W2' -> 'W1'",
     "W2 = copy.deepcopy(parameters['W1'])",
     ("W2",), ()),
    ("nb03_shallow.compute_cost", "sign_flip", "cost", "-np.sum(logprobs) -> np.sum(logprobs)",
     "cost = np.sum(logprobs) / m", ("cost",), ()),
    ("nb03_shallow.backward_propagation", "sign_flip", "dZ2", "A2 - Y -> Y - A2", "dZ2 = Y - A2", ("dZ2",), ("dW2",)),
    ("nb02_logistic.optimize", "add_sub_swap", "w", "w - learning_rate * dw -> w + learning_rate * dw",
     "w = w + learning_rate * dw", ("w",), ()),
    ("nb03_shallow.backward_propagation", "notebook_local", "A1",
     "A1 not assigned (removed: A1 = cache['A1']); the notebook's A1 is read", "(removed) A1 = cache['A1']",
     ("A1",), ("dW2",)),
    ("nb02_logistic.propagate", "notebook_argument", "A",
     "X read as the notebook's X_train: A = sigmoid(np.dot(w.T, X) + b) -> A = sigmoid(np.dot(w.T, X_train) + b)",
     "A = sigmoid(np.dot(w.T, X_train) + b)", ("A",), ("cost",)),
    ("nb02_logistic.initialize_with_zeros", "argument_to_constant", "w", "w = np.zeros((dim, 1)) -> w = np.zeros((2, 1))",
     "w = np.zeros((2, 1))", ("w",), ()),
    ("nb03_shallow.forward_propagation", "call_drop", "A1", "np.tanh(Z1) -> Z1", "A1 = Z1", ("A1",), ("Z2",)),
    ("nb04_deep.update_parameters", "call_drop", "parameters", "params.copy() -> params", "parameters = params",
     ("parameters",), ("L",)),
    ("nb02_basics.L1", "reduction_swap", "loss", "np.sum(np.abs(y - yhat)) -> np.mean(np.abs(y - yhat))",
     "loss = np.mean(np.abs(y - yhat))", ("loss",), ()),
    ("nb02_logistic.predict", "compare_swap", "if", "A[0, i] > 0.5 -> A[0, i] >= 0.5", "if A[0, i] >= 0.5:",
     ("Y_prediction",), ()),
    ("nb03_shallow.update_parameters", "statement_drop", "W1", "removed: W1 = W1 - learning_rate * dW1",
     "(removed) W1 = W1 - learning_rate * dW1", ("W1",), ()),
    ("nb02_logistic.initialize_with_zeros", "order_swap", "w", "(dim, 1) -> (1, dim)", "w = np.zeros((1, dim))",
     ("w",), ()),
    ("nb03_shallow.backward_propagation", "order_swap", "grads",
     "{'dW1': dW1, 'db1': db1, 'dW2': dW2, 'db2': db2} -> {'dW1': db1, 'db1': dW1, 'dW2': dW2, 'db2': db2}",
     "grads = {'dW1': db1, 'db1': dW1, 'dW2': dW2, 'db2': db2}", ("dW1", "db1"), ()),
]


@pytest.mark.parametrize("key, kind, target, change, line, own, downstream", EXAMPLES,
                         ids=[f"{e[1]}-{e[0].split('.')[1]}-{e[2]}" for e in EXAMPLES])
def test_an_edit_of_each_kind_is_the_one_claimed(key, kind, target, change, line, own, downstream):
    found = [m for m in mutants_of(key) if m.kind == kind and m.change == change and m.line == line]
    assert len(found) == 1, [(m.change, m.line) for m in mutants_of(key) if m.kind == kind]
    m = found[0]
    assert (m.target, m.quantities, m.downstream) == (target, own, downstream)
    assert m.half == kinds.HALF[kind] and m.ident.startswith(f"{key}:{kind}:")
    if not line.startswith("(removed)"):
        assert any(text.strip() == line for text in m.source.splitlines())


def test_every_kind_has_an_example_and_mutants():
    assert {e[1] for e in EXAMPLES} == {k for k, _, _ in kinds.KINDS}
    assert {m.kind for m in ALL} == {k for k, _, _ in kinds.KINDS}


def _lines(key):
    return (ast.unparse(function_tree(key)) + "\n").splitlines()


@pytest.mark.parametrize("key", list(CHECKS))
def test_each_mutant_changes_one_place_and_is_distinct(key):
    original = _lines(key)
    seen = set()
    for m in mutants_of(key):
        ast.parse(m.source)
        regions = [op for op in difflib.SequenceMatcher(None, original, m.source.splitlines()).get_opcodes()
                   if op[0] != "equal"]
        assert len(regions) == 1, (m, regions)
        tag, _, _, j1, j2 = regions[0]
        if m.line.startswith("(removed)"):  # an emptied block keeps a `pass` (an elif, an `else:`)
            assert all(text.strip() in ("pass", "else:") for text in m.source.splitlines()[j1:j2]), m
        else:
            assert tag == "replace" and regions[0][2] - regions[0][1] == 1 == j2 - j1, m
        assert (m.source, tuple(m.notebook)) not in seen
        seen.add((m.source, tuple(m.notebook)))
    assert sorted({m.ident for m in mutants_of(key)}) == sorted(m.ident for m in mutants_of(key))


@pytest.mark.parametrize("key", ["nb02_logistic.propagate", "nb04_deep.L_model_backward"])
def test_generation_is_deterministic(key):
    again = mutants_of.__wrapped__(key)
    assert [(m.ident, m.source, m.change) for m in again] == \
        [(m.ident, m.source, m.change) for m in mutants_of(key)]


def test_seeding_and_printing_are_never_edited():
    for m in ALL:
        if "np.random.seed" in m.change or "print(" in m.change:
            pytest.fail(f"{m.ident} edits a seed or a print: {m.change}")


# The split was fixed before any diagnosis was written: a kind never moves between halves.
DEVELOPMENT_KINDS = {"dot_to_elementwise", "transpose_add", "axis_swap", "mean_drop", "range_shift",
                     "backward_swap", "a_z_swap", "add_sub_swap", "notebook_argument",
                     "argument_to_constant", "compare_swap", "statement_drop"}


def test_the_halves_are_the_fixed_split():
    assert {k for k, _, h in kinds.KINDS if h == kinds.DEVELOPMENT} == DEVELOPMENT_KINDS
    assert {h for _, _, h in kinds.KINDS} == set(kinds.HALVES)


@pytest.mark.parametrize("key", list(CHECKS))
def test_every_function_has_a_fair_share_of_mutants_in_each_half(key):
    ms = mutants_of(key)
    for half in kinds.HALVES:
        share = sum(m.half == half for m in ms) / len(ms)
        assert share >= 0.25, f"{key}: {share:.0%} of its mutants are {half}"


def test_a_notebook_variable_has_another_shape_than_the_local_and_reads_as_a_global():
    m = next(m for m in mutants_of("nb03_shallow.backward_propagation")
             if m.kind == "notebook_local" and m.quantities == ("A1",))
    first_case_A1 = baseline(m.key).locals[0]["A1"]
    assert m.notebook["A1"].shape != first_case_A1.shape
    with loaded(m) as fn:
        reads = {i.argval for i in dis.get_instructions(fn) if i.opname == "LOAD_GLOBAL"}
        assert fn.__module__ == "__main__" and "A1" in reads and fn.__globals__["A1"] is not None


def test_a_notebook_argument_reads_the_notebooks_data():
    m = next(m for m in mutants_of("nb02_logistic.propagate") if m.kind == "notebook_argument")
    assert list(m.notebook) == ["X_train"] and m.notebook["X_train"].shape != (2, 3)
    with loaded(m) as fn:
        assert "X_train" in global_names(fn)


@pytest.mark.parametrize("key", list(CHECKS))
def test_the_unmutated_solution_loaded_as_a_notebook_cell_passes(key):
    source = ast.unparse(function_tree(key)) + "\n"
    unmutated = Mutant(key, "statement_drop", 0, "-", "-", "-", source, (), (), {})
    with loaded(unmutated) as fn:
        assert fn.__module__ == "__main__"
        assert passes(CHECKS[key], fn) == (True, "")


def test_a_failure_shows_the_mutant_as_a_notebook_cell():
    m = next(m for m in mutants_of("nb04_deep.linear_forward") if m.kind == "order_swap")
    with loaded(m) as fn:
        ok, message = passes(CHECKS[m.key], fn)
    assert not ok and 'File "your notebook cell"' in message and "np.dot(A, W)" in message


# --- equivalent mutants ---------------------------------------------------------------------

def _one(key, kind, change):
    return next(m for m in mutants_of(key) if m.kind == kind and m.change == change)


def test_an_equivalent_mutant_does_not_change_the_result():
    m = _one("nb02_basics.L1", "sign_flip", "y - yhat -> yhat - y")  # |y - yhat| = |yhat - y|
    with loaded(m) as fn:
        assert not baseline(m.key).changed_by(fn)


def test_a_wrong_mutant_changes_the_result():
    m = _one("nb03_shallow.backward_propagation", "mean_drop", "1 / m * np.dot(dZ1, X.T) -> np.dot(dZ1, X.T)")
    with loaded(m) as fn:
        assert baseline(m.key).changed_by(fn)


def test_an_extra_key_changes_the_result():
    m = _one("nb04_deep.initialize_parameters_deep", "range_shift", "range(1, L) -> range(0, L)")
    with loaded(m) as fn:
        assert baseline(m.key).changed_by(fn)


def test_same_result_uses_the_checks_comparison_both_ways():
    a = Run(result={"W1": np.ones((2, 2)), "b1": 0.5})
    assert same_result(Run(result={"W1": np.ones((2, 2)) + 1e-13, "b1": 0.5}), a)
    assert not same_result(Run(result={"W1": np.ones((2, 2)), "b1": 0.5, "W0": np.ones(1)}), a)
    assert not same_result(Run(result={"W1": np.ones((2, 2))}), a)
    assert not same_result(Run(result={"W1": np.ones((2, 1)), "b1": 0.5}), a)
    assert not same_result(Run(error="ValueError"), a)
    assert same_result(Run(error="ValueError"), Run(error="ValueError"))


def test_the_baseline_holds_the_checks_own_calls():
    base = baseline("nb02_logistic.propagate")
    assert len(base.calls) == 4  # the check's four cases
    assert base.arguments[0]["X"].shape == (2, 3) and base.locals[0]["m"] == 3
    assert all(r.error is None for r in base.runs)
