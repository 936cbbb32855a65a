"""Checks that grade the learner's own versions of the graded functions.

Call the check right below your function: ``check_propagate(propagate)``. It
runs your function on several cases (the course's example, random ones of other
sizes, edge cases), compares every output with the reference in ``helpers`` and
either shows one line (``propagate: all 4 cases passed``, green in a notebook) or
raises ``CheckFailed`` (an ``AssertionError``) whose message is one block: the
case, expected and got, where they differ, the first wrong quantity, and a hint.
More help, on request: ``check_propagate(propagate, hint=2)`` adds the course's
formula for that quantity with its shapes, ``hint=3`` the line in your own names;
``hint()`` shows the next rung for the last failure.

``CHECKS`` maps "<module>.<function>" (for example "nb02_logistic.propagate",
"nb04_deep.L_model_backward") to its check.
"""

import contextlib
import io
import warnings

from . import deadline, feedback, integrity, nb02_basics, nb02_logistic, nb03_shallow, nb04_deep

CHECKS = {}
for _module in (nb02_basics, nb02_logistic, nb03_shallow, nb04_deep):
    _prefix = _module.__name__.rsplit(".", 1)[1]
    for _name in dir(_module):
        if _name.startswith("check_"):
            CHECKS[f"{_prefix}.{_name[len('check_'):]}"] = getattr(_module, _name)

# Notebook-friendly names: `from helpers.checks import check_propagate`. Where two
# modules share a function name (compute_cost, predict, update_parameters) the
# notebook imports from the module: `from helpers.checks.nb04_deep import check_predict`.
from .nb02_basics import (check_image2vector, check_L1, check_L2, check_normalize_rows,  # noqa: E402
                     check_sigmoid_derivative, check_softmax)
from .nb02_logistic import (check_initialize_with_zeros, check_model, check_optimize,  # noqa: E402
                       check_propagate, check_sigmoid)
from .nb03_shallow import (check_backward_propagation, check_forward_propagation,  # noqa: E402
                      check_initialize_parameters, check_layer_sizes, check_nn_model)
from .nb04_deep import (check_initialize_parameters_deep, check_L_layer_model,  # noqa: E402
                   check_L_model_backward, check_L_model_forward, check_linear_activation_backward,
                   check_linear_backward, check_linear_forward, check_two_layer_model)

integrity.snapshot()  # numpy and the references as imported; a check fails if they change
deadline.report_earlier_stop()  # a kernel a check had to end: say why, once

__all__ = ["CHECKS", "hint", "passes"] + [n for n in dir() if n.startswith("check_")]


def passes(check, fn):
    """Run ``check(fn)`` silently; return ``(True, "")`` or ``(False, the failure message)``.

    For code that needs to know whether a learner's function passes without showing
    anything (the playgrounds' "use my functions" toggle).
    """
    with feedback.quietly(), contextlib.redirect_stdout(io.StringIO()), \
            contextlib.redirect_stderr(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            check(fn)
        except AssertionError as exc:
            return False, str(exc)
        except Exception as exc:  # noqa: BLE001 - an error outside the learner's call
            return False, f"{type(exc).__name__}: {exc}"
    return True, ""


def hint():
    """Print the next rung of the hint ladder for the last check that failed: first the
    course's formula for the first wrong quantity, with its shapes (level 2), then your own
    line for it beside it (level 3)."""
    print(feedback.next_hint())
