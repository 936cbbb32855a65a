"""benchmarks/against_torch.py: helpers and PyTorch do the same training, so comparing their
times is fair. Needs torch (benchmarks/requirements.txt, not a learner requirement): without
it these tests skip."""

import sys

import numpy as np
import pytest
from tests.paths import ROOT

torch = pytest.importorskip("torch", reason="PyTorch is for the benchmark only: "
                            "pip install -r benchmarks/requirements.txt")

sys.path.insert(0, str(ROOT / "benchmarks"))

import against_torch  # noqa: E402


@pytest.fixture(autouse=True)
def one_torch_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.mark.parametrize("dims", [[6, 1], [6, 4, 3, 1]], ids=["logistic", "3-layer"])
@pytest.mark.parametrize("contender", ["torch manual", "torch autograd"])
def test_torch_ends_with_helpers_parameters(rng, dims, contender):
    X = rng.standard_normal((dims[0], 20))
    Y = (rng.random((1, 20)) > 0.5).astype(np.int64)
    params = against_torch.initial_parameters(dims)
    before = {k: v.copy() for k, v in params.items()}
    ours = against_torch.LOOPS["helpers"](X, Y, params, 50)
    theirs = against_torch.LOOPS[contender](X, Y, params, 50)
    assert against_torch.gap(ours, before) > 1e-3  # training moved the parameters...
    assert against_torch.gap(theirs, ours) < 1e-12  # ...and both the same way
    assert against_torch.gap(params, before) == 0.0  # neither changed its arguments


def test_gap_is_the_largest_difference():
    a = {"W1": np.zeros((2, 3)), "b1": np.zeros((2, 1))}
    b = {"W1": np.zeros((2, 3)), "b1": np.array([[0.0], [-0.25]])}
    assert against_torch.gap(a, b) == 0.25
