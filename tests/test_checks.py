"""helpers.checks: every check passes the reference, rejects known-wrong code with a
useful message, reports an unfinished exercise, and never swallows the learner's error."""

import importlib
import warnings

import numpy as np
import pytest

from helpers.checks import CHECKS, GlobalNameWarning
from helpers.checks.core import global_names

from .wrong_implementations import WRONG

GRADED = {
    "basics": ["sigmoid_derivative", "image2vector", "normalize_rows", "softmax", "L1", "L2"],
    "logistic": ["sigmoid", "initialize_with_zeros", "propagate", "optimize", "predict", "model"],
    "shallow": ["layer_sizes", "initialize_parameters", "forward_propagation", "compute_cost",
                "backward_propagation", "update_parameters", "nn_model", "predict"],
    "deep": ["initialize_parameters_deep", "linear_forward", "linear_activation_forward",
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
def test_reference_passes(key, capsys):
    CHECKS[key](reference(key))
    out = capsys.readouterr().out.strip()
    assert out.startswith(f"{key.split('.')[1]}: all ") and out.endswith(" cases passed")


@pytest.mark.parametrize("key", ALL)
def test_stub_is_reported_as_not_done(key):
    def stub(*args, **kwargs):
        raise NotImplementedError()

    with pytest.raises(AssertionError, match="not done yet"):
        CHECKS[key](stub)


def _failure_text(key, wrong):
    """The message a learner sees, whether an AssertionError or their own error."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # overflow etc. inside deliberately wrong code
        with np.errstate(all="ignore"):
            try:
                CHECKS[key](wrong)
            except AssertionError as exc:
                return str(exc)
            except Exception as exc:  # the learner's own error, surfaced with a note
                notes = "\n".join(getattr(exc, "__notes__", []))
                assert "raised inside your" in notes, f"no case note on {type(exc).__name__}"
                return f"{exc}\n{notes}"
    pytest.fail(f"{key}: the check accepted the wrong implementation {wrong.__name__}")


@pytest.mark.parametrize("key, wrong, text",
                         [(k, w, t) for k, entries in WRONG.items() for w, t in entries],
                         ids=lambda v: getattr(v, "__name__", None) or (v if "." in str(v) else ""))
def test_wrong_implementation_is_rejected_with_a_useful_message(key, wrong, text):
    message = _failure_text(key, wrong)
    assert text in message, f"{key} / {wrong.__name__}: expected {text!r} in:\n{message}"


def test_at_least_three_wrong_implementations_each():
    assert all(len(v) >= 3 for v in WRONG.values())


def test_message_shows_expected_got_and_where():
    from .wrong_implementations import prop_no_mean
    message = _failure_text("logistic.propagate", prop_no_mean)
    assert "case 1 of 4 (the course's example)" in message
    assert "expected" in message and "got" in message and "largest difference" in message
    assert "Hint:" in message


def test_learner_exception_keeps_its_traceback_and_names_the_case():
    def broken(w, b, X, Y):
        return {"dw": np.dot(w, X)}, 0.0  # (n_x, 1) . (n_x, m): shapes do not align

    with pytest.raises(ValueError) as info:
        CHECKS["logistic.propagate"](broken)
    assert "shapes" in str(info.value)
    assert any("case 1 of 4" in n for n in info.value.__notes__)
    # the learner's own frame is in the traceback
    assert any(tb.name == "broken" for tb in info.traceback)


def test_tolerates_equivalent_formulas_and_types(capsys):
    def propagate(w, b, X, Y):  # cost from logits, int-typed labels, numpy float results
        m = X.shape[1]
        Z = w.T @ X + b
        A = 1 / (1 + np.exp(-Z))
        cost = np.mean(np.log1p(np.exp(Z)) - Y * Z)
        return {"dw": X @ (A - Y).T / m, "db": np.float64(np.mean(A - Y))}, np.squeeze(cost)

    CHECKS["logistic.propagate"](propagate)

    def predict(w, b, X):  # booleans are fine where labels are 0/1
        return (1 / (1 + np.exp(-(w.T @ X + b)))) > 0.5

    CHECKS["logistic.predict"](predict)
    assert "all" in capsys.readouterr().out


def test_global_names_are_flagged_only_for_notebook_data():
    ns = {"np": np, "X_train": np.zeros((2, 2)), "RATE": 0.1, "__name__": "__main__"}
    exec("def f(w):\n    return w + X_train.sum() + RATE + np.pi\n", ns)
    assert global_names(ns["f"]) == ["X_train"]


def test_global_name_warning_does_not_fail(capsys):
    ns = {"np": np, "__name__": "__main__", "dim_global": 3}
    exec("def initialize_with_zeros(dim):\n    return np.zeros((dim, 1)), 0.0 * dim_global\n", ns)
    with pytest.warns(GlobalNameWarning, match="dim_global"):
        CHECKS["logistic.initialize_with_zeros"](ns["initialize_with_zeros"])
    assert "all 3 cases passed" in capsys.readouterr().out


def test_not_a_function():
    with pytest.raises(AssertionError, match="Pass the function itself"):
        CHECKS["logistic.sigmoid"](np.zeros(3))


def test_mutation_is_reported_by_argument_name():
    from .wrong_implementations import opt_inplace, up_inplace
    assert "changed its input `w`" in _failure_text("logistic.optimize", opt_inplace)
    assert 'changed its input `parameters["W1"]`' in _failure_text("shallow.update_parameters", up_inplace)
