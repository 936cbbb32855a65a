"""Training functions judged from the learner's own starting point.

``nn_model``, ``two_layer_model`` and ``L_layer_model`` start from random weights; a
correct course-style body draws them with ``np.random.seed(k)`` + ``np.random.randn``,
ours with ``default_rng(seed)``. Both are right, so the expected result is not the
reference's own run: the learner's function is first called with
``num_iterations = 0``, which returns its starting parameters; those are judged by
their properties (``randomness``), and the expected result is the reference's
gradient descent from exactly that start.
"""

import numpy as np

from . import calling, core
from .compare import Difference
from .integrity import array_equal
from .randomness import judge_weights, structure


def from_start(train, init_reference, factor, *, returns_costs, seed_param="seed"):
    """An ``expected_from`` for run_check.

    train(case, start) -> the expected result of training from ``start``
    init_reference(case) -> parameters of the right shapes (the reference's own start)
    factor(case, key, shape) -> the spread the starting weights should have
    """
    def parameters_of(result):
        if returns_costs and isinstance(result, (tuple, list)) and result:
            return result[0]
        return result

    def start_of(runner, index, case, seed=None):
        first = case.with_kwargs(num_iterations=0, **({seed_param: seed} if seed is not None else {}))
        return parameters_of(runner.call(index, first, core.EXTRA_SECONDS).result)

    def expected_from(runner, index, case):
        start = start_of(runner, index, case)
        try:
            structure(start, init_reference(case))
        except Difference as diff:
            runner.fail(index, case, "your starting parameters (num_iterations = 0) are wrong",
                        f"{diff}. Start from the initialisation function the template calls, "
                        f"with the sizes from the data and layer list.")
        weights = {k: np.asarray(v, dtype=float) for k, v in start.items() if k.startswith("W")}
        judge_weights(runner, index, case, weights, factor)
        seed = case.optional.get(seed_param)
        if seed is not None and calling.accepts(runner.fn, seed_param):
            other = start_of(runner, index, case, seed + 101)
            if isinstance(other, dict) and array_equal(np.asarray(other.get("W1")), weights["W1"]):
                runner.fail(index, case, f"{seed_param} = {seed} and {seed + 101} gave the same "
                            f"starting weights",
                            f"pass {seed_param} on to the initialisation: "
                            f"initialize_...(..., {seed_param}={seed_param}).")
        case.start = {k: np.array(v, dtype=np.float64) for k, v in start.items()}
        return train(case, case.start)
    return expected_from
