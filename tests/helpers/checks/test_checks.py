"""helpers.checks: every check passes the reference, rejects known-wrong code with a
useful message, reports an unfinished exercise, and never swallows the learner's error."""

import importlib
import os
import time
import warnings

import numpy as np
import pytest

import helpers
from helpers.checks import CHECKS, passes
from helpers.checks.core import global_names
from helpers.checks.feedback import CheckFailed

from .wrong_implementations import MUTATING, WRONG

PACKAGE = os.path.dirname(helpers.__file__) + os.sep  # no frame of the package may show

GRADED = {
    "nb02_basics": ["sigmoid_derivative", "image2vector", "normalize_rows", "softmax", "L1", "L2"],
    "nb02_logistic": ["sigmoid", "initialize_with_zeros", "propagate", "optimize", "predict", "model"],
    "nb03_shallow": ["layer_sizes", "initialize_parameters", "forward_propagation", "compute_cost",
                "backward_propagation", "update_parameters", "nn_model", "predict"],
    "nb04_deep": ["initialize_parameters_deep", "linear_forward", "linear_activation_forward",
             "L_model_forward", "compute_cost", "linear_backward", "linear_activation_backward",
             "L_model_backward", "update_parameters", "two_layer_model", "L_layer_model"],
}
ALL = [f"{m}.{f}" for m, fs in GRADED.items() for f in fs]


def reference(key):
    module, name = key.split(".")
    return getattr(importlib.import_module(f"helpers.{module}"), name)


def test_registry_covers_every_graded_function():
    assert sorted(CHECKS) == sorted(ALL)
    assert sorted(WRONG) == sorted(ALL)


@pytest.mark.parametrize("key", ALL)
def test_the_reference_itself_is_rejected_as_not_your_own(key):
    with pytest.raises(AssertionError, match="write .* yourself"):
        CHECKS[key](reference(key))


@pytest.mark.parametrize("key", ALL)
def test_stub_is_reported_as_not_done(key):
    def stub(*args, **kwargs):
        raise NotImplementedError()

    with pytest.raises(AssertionError, match="not done yet"):
        CHECKS[key](stub)


def _failure_text(key, wrong):
    """The message a learner sees: every failure, the learner's own errors included, is a
    CheckFailed (an AssertionError)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # overflow etc. inside deliberately wrong code
        with np.errstate(all="ignore"):
            try:
                CHECKS[key](wrong)
            except CheckFailed as exc:
                rendered = "\n".join(exc._render_traceback_())
                assert PACKAGE not in rendered, rendered
                assert "Mistake(" not in rendered
                return str(exc)
    pytest.fail(f"{key}: the check accepted the wrong implementation {wrong.__name__}")


@pytest.mark.parametrize("key, wrong, text",
                         [(k, w, t) for k, entries in WRONG.items() for w, t in entries],
                         ids=lambda v: getattr(v, "__name__", None) or (v if "." in str(v) else ""))
def test_wrong_implementation_is_rejected_with_a_useful_message(key, wrong, text):
    message = _failure_text(key, wrong)
    assert text in message, f"{key} / {wrong.__name__}: expected {text!r} in:\n{message}"


def test_at_least_three_wrong_implementations_each():
    assert all(len(v) >= 3 for v in WRONG.values())


def test_message_shows_case_expected_got_where_and_hint():
    from .wrong_implementations import prop_no_mean
    message = _failure_text("nb02_logistic.propagate", prop_no_mean)
    lines = message.splitlines()
    assert lines[0] == 'propagate: grads["dw"] is wrong'
    assert any(line.strip().startswith("case:") and "1 of 4: the course's example" in line
               for line in lines)
    for label in ("inputs:", "expected:", "got:", "where:", "hint:"):
        assert any(line.strip().startswith(label) for line in lines), label
    assert 'expected: grads["dw"] =' in message and "result[" not in message


def test_deep_compute_cost_names_AL():
    from .wrong_implementations import cc_sign
    assert "AL = [[" in _failure_text("nb04_deep.compute_cost", cc_sign)
    assert "A2" not in _failure_text("nb04_deep.compute_cost", cc_sign)


def test_learner_exception_is_explained_with_the_learners_own_lines():
    def broken(w, b, X, Y):
        A = 1 / (1 + np.exp(-(np.dot(w, X) + b)))  # w needs .T
        return {"dw": A, "db": 0.0}, 0.0

    with pytest.raises(CheckFailed) as info:
        CHECKS["nb02_logistic.propagate"](broken)
    text = str(info.value)
    assert "raised ValueError" in text and "np.dot(w.T, X)" in text
    assert "A = 1 / (1 + np.exp(-(np.dot(w, X) + b)))" in text   # the learner's line
    assert "in broken" in text and PACKAGE not in text and "numpy/" not in text


def test_rendered_failure_has_no_helpers_frame_and_is_coloured():
    from .wrong_implementations import lb_dot_W_dZ
    with pytest.raises(CheckFailed) as info:
        CHECKS["nb04_deep.linear_backward"](lb_dot_W_dZ)
    rendered = info.value._render_traceback_()
    assert rendered[0].startswith("\x1b[1m\x1b[31m")
    assert not any(PACKAGE in line for line in rendered)
    assert any("np.dot(W.T, dZ)" in line for line in rendered)


def test_tolerates_equivalent_formulas_and_types(capsys):
    def propagate(w, b, X, Y):  # cost from logits, int-typed labels, numpy float results
        m = X.shape[1]
        Z = w.T @ X + b
        A = 1 / (1 + np.exp(-Z))
        cost = np.mean(np.log1p(np.exp(Z)) - Y * Z)
        return {"dw": X @ (A - Y).T / m, "db": np.float64(np.mean(A - Y))}, np.squeeze(cost)

    CHECKS["nb02_logistic.propagate"](propagate)

    def predict(w, b, X):  # booleans are fine where labels are 0/1
        return (1 / (1 + np.exp(-(w.T @ X + b)))) > 0.5

    CHECKS["nb02_logistic.predict"](predict)
    assert "all" in capsys.readouterr().out


def test_global_names_are_flagged_only_for_notebook_data():
    ns = {"np": np, "X_train": np.zeros((2, 2)), "RATE": 0.1, "__name__": "__main__"}
    exec("def f(w):\n    return w + X_train.sum() + RATE + np.pi\n", ns)
    assert global_names(ns["f"]) == ["X_train"]


def test_a_notebook_variable_is_a_note_of_the_pass_line_not_a_warning(capsys):
    ns = {"np": np, "__name__": "__main__", "dim_global": 3}
    exec("def initialize_with_zeros(dim):\n    return np.zeros((dim, 1)), 0.0 * dim_global\n", ns)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        CHECKS["nb02_logistic.initialize_with_zeros"](ns["initialize_with_zeros"])
    out = capsys.readouterr().out
    assert "all 3 cases passed" in out
    assert "note: initialize_with_zeros reads the notebook's variable dim_global" in out


def test_not_a_function():
    with pytest.raises(AssertionError, match="Pass the function itself|pass the function itself"):
        CHECKS["nb02_logistic.sigmoid"](np.zeros(3))


@pytest.mark.parametrize("key", sorted(MUTATING))
def test_changing_an_input_passes_with_a_note(key, capsys):
    CHECKS[key](MUTATING[key])
    out = capsys.readouterr().out
    assert "cases passed" in out and "note: your function changed its input" in out


def test_frame_reading_cannot_find_the_expected_value():
    import sys

    def propagate(w, b, X, Y):
        frame = sys._getframe(1)
        while frame is not None:
            for value in frame.f_locals.values():
                if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], dict) \
                        and "dw" in value[0]:
                    return value
            frame = frame.f_back
        return {"dw": np.zeros_like(w), "db": 0.0}, 0.0

    with pytest.raises(CheckFailed):
        CHECKS["nb02_logistic.propagate"](propagate)


def test_patching_numpy_is_rejected():
    original = np.allclose
    np.allclose = lambda *a, **k: True
    try:
        with pytest.raises(CheckFailed, match="np.allclose has been replaced"):
            CHECKS["nb02_logistic.sigmoid"](lambda z: 0)
    finally:
        np.allclose = original


def test_patching_the_reference_is_rejected():
    import helpers.nb02_logistic
    original = helpers.nb02_logistic.propagate
    helpers.nb02_logistic.propagate = lambda w, b, X, Y: ({"dw": 0, "db": 0}, 0)
    try:
        with pytest.raises(CheckFailed, match="helpers.nb02_logistic.propagate has been replaced"):
            CHECKS["nb02_logistic.propagate"](helpers.nb02_logistic.propagate)
    finally:
        helpers.nb02_logistic.propagate = original


def test_building_blocks_from_helpers_activations_are_allowed(capsys):
    from helpers import activations

    def sigmoid_derivative(x):
        s = activations.sigmoid(x)
        return s * (1 - s)

    CHECKS["nb02_basics.sigmoid_derivative"](sigmoid_derivative)
    assert "cases passed" in capsys.readouterr().out


def test_an_infinite_loop_is_stopped(monkeypatch):
    from helpers.checks import core
    from .wrong_implementations import llm_forever
    monkeypatch.setattr(core, "EXTRA_SECONDS", 1.0)
    start = time.perf_counter()
    with pytest.raises(CheckFailed, match="was stopped") as info:
        CHECKS["nb04_deep.L_layer_model"](llm_forever)
    assert time.perf_counter() - start < 10
    assert "an infinite loop?" in str(info.value)


def test_time_limit_without_sigalrm_uses_the_watchdog(monkeypatch):
    import signal
    from helpers.checks import calling
    from helpers.checks.core import Case
    monkeypatch.delattr(signal, "setitimer")

    def forever(x):
        while True:
            pass

    assert calling.call(forever, Case("x", 1), seconds=0.3).timed_out


def test_huge_printed_output_is_cut(capsys):
    def sigmoid(z):
        for _ in range(2000):
            print("debugging " * 10)
        return 1 / (1 + np.exp(-z))

    CHECKS["nb02_logistic.sigmoid"](sigmoid)
    out = capsys.readouterr().out
    assert "more characters of printed output cut" in out and len(out) < 40_000


def test_passes_is_silent(capsys):
    from .test_course_style import propagate
    from .wrong_implementations import prop_no_mean
    assert passes(CHECKS["nb02_logistic.propagate"], propagate) == (True, "")
    ok, message = passes(CHECKS["nb02_logistic.propagate"], prop_no_mean)
    assert not ok and "m = 3 times too large" in message
    assert capsys.readouterr() == ("", "")


def test_pass_line_renders_green_html():
    from helpers.checks.feedback import Passed
    html = Passed("propagate: all 4 cases passed", ["a note"])._repr_html_()
    assert "#1a7f37" in html and "propagate: all 4 cases passed" in html and "a note" in html
    assert repr(Passed("x: all 2 cases passed")) == "x: all 2 cases passed"


def test_a_returned_object_cannot_lie_about_its_value():
    class Liar(np.ndarray):
        def __array_ufunc__(self, *args, **kwargs):
            return np.True_

    def sigmoid(z):
        return np.zeros(np.shape(z)).view(Liar)

    with pytest.raises(CheckFailed, match="s is wrong"):
        CHECKS["nb02_logistic.sigmoid"](sigmoid)
