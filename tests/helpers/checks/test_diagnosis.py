"""The diagnosis from the learner's own intermediate values (helpers.checks.explain, diagnose,
trace, lines, notebook, arguments): each example of the issue gets a specific, correct hint;
the first wrong quantity is named with the ones before it; the hint ladder; arguments that
make no difference; notebook variables inside the block, never as a warning.

The learners' functions are defined as a notebook cell defines them (module ``__main__``, a
kernel-style file name registered with linecache), so the checks see what they see in
JupyterLab.
"""

import linecache
import re
import time
import warnings

import numpy as np
import pytest

from helpers import activations
from helpers.checks import CHECKS, feedback, hint, passes
from helpers.checks import course

CELL = "/tmp/ipykernel_4242/2718281828.py"


def cell(source, **notebook):
    """The functions ``source`` defines, as a notebook cell beside ``notebook``'s variables."""
    linecache.cache[CELL] = (len(source), None, source.splitlines(True), CELL)
    namespace = {"__name__": "__main__", "np": np, "sigmoid": activations.sigmoid,
                 "relu_backward": activations.relu_backward,
                 "sigmoid_backward": activations.sigmoid_backward, **notebook}
    exec(compile(source, CELL, "exec"), namespace)  # noqa: S102 - the test's own text
    return namespace


def failure(key, fn, level=1):
    """The block the check shows, with warnings turned into errors (none may be raised)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(AssertionError) as info:
            CHECKS[key](fn, hint=level)
    return str(info.value)


def row(text, label):
    """The text of one row of a block (with its continuation lines)."""
    lines, out = text.split("\n"), None
    for line in lines[1:]:
        match = re.match(r"^  (\S[^:]*?): *(.*)$", line)
        if match and not line.startswith("   "):
            if out is not None:
                break
            if match.group(1) == label:
                out = match.group(2)
        elif out is not None:
            out += "\n" + line.strip()
    return out


RNG = np.random.default_rng(0)
X_TRAIN = RNG.standard_normal((4, 209))


# --- the examples ---------------------------------------------------------------------

def test_propagate_reading_the_notebooks_X_train_names_it_as_the_cause():
    ns = cell('''
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dZ = A - Y
    dw = np.dot(X_train, dZ.T) / m
    db = np.sum(dZ) / m
    return {"dw": dw, "db": db}, cost
''', X_train=X_TRAIN)
    text = failure("nb02_logistic.propagate", ns["propagate"])
    hint_row = row(text, "hint")
    assert "X_train in this line is the notebook's variable X_train" in hint_row
    assert "use its argument X" in hint_row
    assert "order is" not in hint_row and "transpose" not in hint_row   # not a matter of factors
    assert row(text, "wrong quantity").startswith("dw")
    assert "ipykernel" not in text and "your notebook cell" in text


def test_backward_propagation_with_a_notebook_Z1_says_so_and_where_Z1_comes_from():
    ns = cell('''
def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1 = cache["A1"]
    A2 = cache["A2"]
    dZ2 = A2 - Y
    dW2 = (1 / m) * np.dot(dZ2, A1.T)
    db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(Z1, 2))
    dW1 = (1 / m) * np.dot(dZ1, X.T)
    db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
''', Z1=RNG.standard_normal((4, 400)))
    text = failure("nb03_shallow.backward_propagation", ns["backward_propagation"])
    assert "Z1 in this line is the notebook's variable Z1 (an array of shape (4, 400))" in row(text, "hint")
    assert 'cache["Z1"]' in row(text, "hint")
    assert row(text, "wrong quantity").startswith("dZ1")
    assert "Z1: the notebook's variable, (4, 400)" in row(text, "operands")


def test_predict_returning_a_rank_1_row_gets_no_word_about_keepdims():
    ns = cell('''
def predict(w, b, X):
    A = sigmoid(np.dot(w.T, X) + b)
    return (A[0] > 0.5).astype(float)
''')
    text = failure("nb02_logistic.predict", ns["predict"])
    assert "keepdims" not in text
    assert "A[0]" in row(text, "hint") and "rank-1" in row(text, "hint")


def test_linear_activation_backward_passing_A_prev_for_Z_names_both():
    ns = cell('''
def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    A_prev, W, b = linear_cache
    if activation == "relu":
        dZ = relu_backward(dA, A_prev)
    else:
        dZ = sigmoid_backward(dA, activation_cache)
    m = A_prev.shape[1]
    dW = np.dot(dZ, A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db
''')
    text = failure("nb04_deep.linear_activation_backward", ns["linear_activation_backward"])
    hint_row = row(text, "hint")
    assert "argument 2 of relu_backward" in hint_row
    assert "yours is A_prev, shape (5, 7)" in hint_row and "activation_cache" in hint_row
    assert row(text, "wrong quantity").startswith("dZ")


def test_update_parameters_looping_one_layer_short_names_the_layer_left_out():
    ns = cell('''
def update_parameters(parameters, grads, learning_rate):
    L = len(parameters) // 2
    new = {}
    for l in range(1, L):
        new["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        new["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return new
''')
    text = failure("nb04_deep.update_parameters", ns["update_parameters"])
    assert "missing the key(s) ['W2', 'b2']" in text
    assert 'parameters["W2"]' in row(text, "wrong quantity")
    assert "never computes a new" in row(text, "hint") and "loop stops short" in row(text, "hint")


def test_sigmoid_derivative_with_a_plus_names_ds_and_at_level_3_the_operator():
    ns = cell('''
def sigmoid_derivative(x):
    s = 1 / (1 + np.exp(-x))
    ds = s * (1 + s)
    return ds
''')
    text = failure("nb02_basics.sigmoid_derivative", ns["sigmoid_derivative"], level=3)
    assert row(text, "wrong quantity").startswith("ds (s is right")
    assert "ds = s * (1 - s)" in row(text, "formula")
    assert "`+` where the course has `-`" in row(text, "your line")


# --- the first wrong quantity, what it is -------------------------------------------------------

def test_the_first_wrong_quantity_follows_the_course_order_and_names_the_right_ones():
    ns = cell('''
def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1 = cache["A1"]
    A2 = cache["A2"]
    dZ2 = A2 - Y
    dW2 = (1 / m) * np.dot(dZ2, A1.T)
    db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.dot(W2.T, dZ2) * (1 - A1)
    dW1 = (1 / m) * np.dot(dZ1, X.T)
    db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
''')
    text = failure("nb03_shallow.backward_propagation", ns["backward_propagation"])
    assert row(text, "wrong quantity") == \
        "dZ1 (m, dZ2, dW2 and db2 are right; dZ1 is the first that differs)"
    assert "1 - A1**2" in row(text, "hint")        # the catalogue's model reproduces it


def test_a_value_that_is_another_quantity_is_named_as_such():
    ns = cell('''
def forward_propagation(X, parameters):
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    Z1 = np.dot(W1, X) + b1
    A1 = Z1
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
''')
    text = failure("nb03_shallow.forward_propagation", ns["forward_propagation"])
    assert row(text, "wrong quantity").startswith("A1 (Z1 is right")
    assert row(text, "hint") == "Your A1 holds the value of Z1."   # not "layer 2 takes ... Z1"


def test_a_value_m_times_too_large_is_said_so():
    ns = cell('''
def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    dw = np.dot(X, (A - Y).T)
    db = np.sum(A - Y) / m
    return {"dw": dw, "db": db}, cost
''')
    text = failure("nb02_logistic.propagate", ns["propagate"])
    assert row(text, "wrong quantity").startswith("dw")
    assert "m = 3 times" in row(text, "hint")


# --- the hint ladder ----------------------------------------------------------------------------

SLOPE = '''
def backward_propagation(parameters, cache, X, Y):
    m = X.shape[1]
    W2 = parameters["W2"]
    A1 = cache["A1"]
    A2 = cache["A2"]
    dZ2 = A2 - Y
    dW2 = (1 / m) * np.dot(dZ2, A1.T)
    db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.dot(W2.T, dZ2) * (1 - A1 ** 3)
    dW1 = (1 / m) * np.dot(dZ1, X.T)
    db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
'''


def test_level_1_has_no_formula_and_offers_more():
    text = failure("nb03_shallow.backward_propagation", cell(SLOPE)["backward_propagation"])
    assert row(text, "formula") is None and row(text, "your line") is None
    assert "np.power" not in text
    assert "hint=2" in row(text, "more help")


def test_level_2_shows_the_course_formula_with_shapes_and_level_3_the_line_in_your_names():
    fn = cell(SLOPE)["backward_propagation"]
    two = failure("nb03_shallow.backward_propagation", fn, level=2)
    assert "dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))" in row(two, "formula")
    assert "W2 (1, 4), dZ2 (1, 3), A1 (4, 3)" in row(two, "formula")
    assert row(two, "your line") is None and "hint=3" in row(two, "more help")
    three = failure("nb03_shallow.backward_propagation", fn, level=3)
    assert "dZ1 = np.dot(W2.T, dZ2) * (1 - A1 ** 3)" in row(three, "your line")


def test_the_line_in_your_names_uses_the_learners_names():
    ns = cell('''
def backward_propagation(parameters, cache, X, Y):
    n = X.shape[1]
    weights2 = parameters["W2"]
    hidden = cache["A1"]
    out = cache["A2"]
    d2 = out - Y
    dZ1 = np.dot(weights2.T, d2) * (1 - hidden)
    return {"dW1": np.dot(dZ1, X.T) / n, "db1": np.sum(dZ1, axis=1, keepdims=True) / n,
            "dW2": np.dot(d2, hidden.T) / n, "db2": np.sum(d2, axis=1, keepdims=True) / n}
''')
    text = failure("nb03_shallow.backward_propagation", ns["backward_propagation"], level=3)
    assert "dZ1 = np.dot(weights2.T, d2) * (1 - np.power(hidden, 2))" in row(text, "your line")


def test_hint_shows_the_next_rung_of_the_last_failure(capsys):
    fn = cell(SLOPE)["backward_propagation"]
    failure("nb03_shallow.backward_propagation", fn)
    hint()
    assert "np.power(A1, 2)" in capsys.readouterr().out
    hint()
    assert "1 - A1 ** 3" in capsys.readouterr().out
    hint()
    assert "that is all the help" in capsys.readouterr().out


def test_a_hint_level_that_is_no_rung_is_refused_plainly():
    with pytest.raises(AssertionError, match="hint must be 1, 2 or 3"):
        CHECKS["nb03_shallow.backward_propagation"](cell(SLOPE)["backward_propagation"], hint=5)


# --- arguments, notebook variables, the course-style code -----------------------------------------

def test_an_argument_that_makes_no_difference_is_named():
    ns = cell('''
def update_parameters(parameters, grads, learning_rate=1.2):
    W1 = parameters["W1"] - 1.2 * grads["dW1"]
    b1 = parameters["b1"] - 1.2 * grads["db1"]
    W2 = parameters["W2"] - 1.2 * grads["dW2"]
    b2 = parameters["b2"] - 1.2 * grads["db2"]
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
''')
    text = failure("nb03_shallow.update_parameters", ns["update_parameters"])
    assert "does not use learning_rate" in row(text, "unused argument")


def test_a_function_that_passes_on_the_notebooks_data_gets_a_note_not_a_warning(capsys):
    ns = cell('''
def layer_sizes(X, Y):
    return (X.shape[0], 4, Y.shape[0] + 0 * X_train.shape[0])
''', X_train=X_TRAIN)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        CHECKS["nb03_shallow.layer_sizes"](ns["layer_sizes"])
    out = capsys.readouterr().out
    assert "all 3 cases passed" in out and "reads the notebook's variable X_train" in out


def test_calling_the_course_style_code_is_refused_like_a_reference():
    ns = cell('''
def sigmoid_derivative(x):
    return course_style(x)
''', course_style=course.nb02_basics.sigmoid_derivative)
    ok, text = passes(CHECKS["nb02_basics.sigmoid_derivative"], ns["sigmoid_derivative"])
    assert not ok and "runs a reference solution" in text


def test_every_check_answers_a_wrong_function_within_a_second():
    """Under the machine's load, with the diagnosis: the slowest failing case of every check."""
    from tests.helpers.checks.wrong_implementations import WRONG
    slowest = {}
    for key, entries in WRONG.items():
        for wrong, _ in entries:
            start = time.perf_counter()
            passes(CHECKS[key], wrong)
            slowest[key] = max(slowest.get(key, 0.0), time.perf_counter() - start)
    assert max(slowest.values()) < 1.0, sorted(slowest.items(), key=lambda kv: -kv[1])[:3]


def test_a_last_failure_is_kept_for_hint():
    feedback.remember(feedback.CheckFailed("f", "x is wrong", [("hint", "h")]))
    assert "no more help than its hint" in feedback.next_hint()


def test_a_statement_spread_over_lines_counts_once_per_run():
    """The course's `d = {...}` spans two lines (Python 3.11 comes back to the first to store
    it): a learner's one-line `d` is not "computed once where the course computes it twice"."""
    from maintainer_tools.mutants.cases import solution
    notebook = dict(solution("nb02_logistic.model").__globals__)   # notebook 02's cells, solved
    ns = cell('''
def model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False):
    w, b = initialize_with_zeros(X_train.shape[0])
    params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w = params["w"]
    b = params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    d = {"costs": Y_prediction_test, "Y_prediction_test": costs, "Y_prediction_train": Y_prediction_train, "w": w, "b": b, "learning_rate": learning_rate, "num_iterations": num_iterations}
    return d
''', **{k: v for k, v in notebook.items() if not k.startswith("__")})
    text = failure("nb02_logistic.model", ns["model"])
    assert text.startswith("model: d[") and "time(s)" not in text
    assert "what it returns" in row(text, "wrong quantity")


def test_a_local_left_stale_in_a_training_loop_is_named():
    """two_layer_model without `W1 = parameters["W1"]` after the update: W1 keeps its first
    value while the course's changes every pass; W1 is named, not the A1 it spoils."""
    from maintainer_tools.mutants.cases import solution
    notebook = dict(solution("nb04_deep.two_layer_model").__globals__)
    ns = cell('''
def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    grads = {}
    costs = []
    (n_x, n_h, n_y) = layers_dims
    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    for i in range(0, num_iterations):
        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")
        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")
        cost = compute_cost(A2, Y)
        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        grads["dW1"] = dW1
        grads["db1"] = db1
        grads["dW2"] = dW2
        grads["db2"] = db2
        parameters = update_parameters(parameters, grads, learning_rate)
        b1 = parameters["b1"]
        W2 = parameters["W2"]
        b2 = parameters["b2"]
        if i % 100 == 0:
            costs.append(cost)
    return parameters, costs
''', **{k: v for k, v in notebook.items() if not k.startswith("__")})
    text = failure("nb04_deep.two_layer_model", ns["two_layer_model"])
    assert row(text, "wrong quantity").startswith("W1 (yours takes 1 value(s)")
    assert "computes it again (in a loop?)" in row(text, "hint")
