"""maintainer_tools.store_outputs (make notebooks): a clean headless run is stored, tagged for
nbgrader, without widget state; a notebook that raises is refused."""

import subprocess
import sys

import nbformat
import pytest

from teacher_tools.exercises import BEGIN, END
from tests.paths import ROOT


def _notebook(*sources):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    nb.metadata["widgets"] = {"state": "saved by a browser"}
    return nb


def _store(path):
    return subprocess.run([sys.executable, "-m", "maintainer_tools.store_outputs", str(path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_outputs_are_stored_and_cells_tagged(tmp_path):
    path = tmp_path / "99_tiny.ipynb"
    nbformat.write(_notebook(f"def double(x):\n    ### {BEGIN}\n    return 2 * x\n    ### {END}\n",
                             "def check_double(fn):\n    assert fn(2) == 4\n    print('double: passed')",
                             "check_double(double)"), path)
    run = _store(path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith(f"stored {path} (")
    nb = nbformat.read(path, as_version=4)
    assert nb.cells[2].outputs[0]["text"] == "double: passed\n"
    assert nb.cells[0].metadata["nbgrader"]["solution"] and nb.cells[2].metadata["nbgrader"]["points"] == 1
    assert "nbgrader" not in nb.cells[1].metadata and "widgets" not in nb.metadata
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.slow
def test_a_notebook_that_raises_is_not_stored(tmp_path):
    path = tmp_path / "99_broken.ipynb"
    nbformat.write(_notebook("print('before')", "1 / 0"), path)
    before = path.read_text()
    run = _store(path)
    assert run.returncode != 0 and "ZeroDivisionError" in run.stderr
    assert path.read_text() == before
