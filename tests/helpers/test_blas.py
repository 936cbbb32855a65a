"""helpers.blas: importing helpers puts numpy's BLAS at one thread, unless the learner chose."""

import os
import subprocess
import sys

import pytest

from helpers.blas import YOUR_CHOICE
from tests.paths import ROOT

REPORT = """
import numpy as np
import helpers
from helpers import nb04_deep
from threadpoolctl import threadpool_info
def blas():
    return sorted({i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"})
before = blas()
X = np.random.default_rng(0).standard_normal((4, 30))
nb04_deep.L_layer_model(X, (X[:1] > 0).astype(float), [4, 5, 1], num_iterations=5)
print(before, blas())
"""


def _blas_threads(**env):
    clean = {k: v for k, v in os.environ.items() if k not in YOUR_CHOICE}
    out = subprocess.run([sys.executable, "-c", REPORT], cwd=ROOT, env={**clean, **env},
                         capture_output=True, text=True, check=True).stdout.split("] [")
    return out[0].strip("[] \n"), out[1].strip("[] \n")


def test_one_thread_after_import_and_after_training():
    assert _blas_threads() == ("1", "1")


@pytest.mark.parametrize("variable", ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"])
def test_a_learners_own_setting_stands(variable):
    assert _blas_threads(**{variable: "2"}) == ("2", "2")
