"""helpers.exercises: learner copies hold no solution code and run up to the first exercise."""

import copy
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from helpers.exercises import BEGIN, END, make_exercise, strip_solutions

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

SOLUTION_SIGMOID = "    s = 1 / (1 + np.exp(-z))  # the solution line\n    return s\n"


def fixture_notebook():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A tiny lesson"),
        nbformat.v4.new_code_cell("import numpy as np\nfrom helpers.checks import check_sigmoid, "
                                  "check_initialize_with_zeros\nprint('ready')"),
        nbformat.v4.new_code_cell("def sigmoid(z):\n    \"\"\"The sigmoid.\"\"\"\n"
                                  f"    {BEGIN}\n{SOLUTION_SIGMOID}    {END}\n"),
        nbformat.v4.new_code_cell("check_sigmoid(sigmoid)"),
        nbformat.v4.new_code_cell("def initialize_with_zeros(dim):\n"
                                  f"    {BEGIN}\n    w = np.zeros((dim, 1))\n    b = 0.0\n    {END}\n"
                                  "    return w, b\n"),
        nbformat.v4.new_code_cell("check_initialize_with_zeros(initialize_with_zeros)"),
    ]
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="ready\n")]
    nb.cells[1].execution_count = 1
    return nb


def test_strip_keeps_indentation_and_code_outside_regions():
    out = strip_solutions(f"def f(x):\n    {BEGIN}\n    y = x + 1\n    {END}\n    return y\n")
    assert out == "def f(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n    return y\n"


def test_unbalanced_markers_are_refused():
    with pytest.raises(ValueError, match="unbalanced"):
        strip_solutions(f"def f():\n    {BEGIN}\n    return 1\n")


def test_exercise_copy_has_no_solution_and_no_outputs():
    nb = fixture_notebook()
    original = copy.deepcopy(nb)
    ex = make_exercise(nb)
    text = nbformat.writes(ex)
    assert "the solution line" not in text and "np.zeros((dim, 1))" not in text
    assert BEGIN not in text and END not in text
    assert text.count("raise NotImplementedError()") == 2
    assert all(c.outputs == [] and c.execution_count is None for c in ex.cells if c.cell_type == "code")
    assert nb == original  # the source notebook is untouched
    meta = [c.metadata.get("nbgrader") for c in ex.cells]
    assert meta[2]["solution"] and meta[2]["grade_id"] == "sigmoid"
    assert meta[3]["grade"] and meta[3]["locked"] and meta[3]["grade_id"] == "check_sigmoid"
    assert meta[1] is None  # the import cell is not a graded cell


def test_exercise_copy_runs_until_the_first_exercise(tmp_path):
    ex = make_exercise(fixture_notebook())
    client = NotebookClient(ex, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    with pytest.raises(CellExecutionError) as err:
        client.execute()
    assert "not done yet" in str(err.value)
    ran = [c for c in ex.cells if c.cell_type == "code" and c.execution_count is not None]
    assert len(ran) == 3  # imports, the stub, then the check that stops with "not done yet"
    assert ran[0].outputs[0]["text"] == "ready\n"


def test_command_line_writes_copies(tmp_path):
    src = tmp_path / "99_fixture.ipynb"
    nbformat.write(fixture_notebook(), src)
    out = subprocess.run([sys.executable, "-m", "helpers.exercises", "--out", str(tmp_path / "ex"),
                          str(src)], capture_output=True, text=True, check=True).stdout
    assert "wrote" in out
    assert "the solution line" not in (tmp_path / "ex" / "99_fixture.ipynb").read_text()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_real_notebook_exercise_copies(path, tmp_path):
    nb = nbformat.read(path, as_version=4)
    solution_lines = set()
    for cell in nb.cells:
        inside = False
        for line in cell.source.splitlines():
            if BEGIN in line:
                inside = True
            elif END in line:
                inside = False
            elif inside and line.strip() and not line.strip().startswith("#"):
                solution_lines.add(line.strip())
    ex = make_exercise(nb)
    ex_lines = {line.strip() for c in ex.cells for line in c.source.splitlines()}
    # a line that also appears outside a region (e.g. `return w, b`) may stay
    outside = {line.strip() for c in nb.cells for line in strip_solutions(c.source).splitlines()}
    leaked = (solution_lines & ex_lines) - outside
    assert not leaked, f"solution code left in the exercise copy of {path.name}: {sorted(leaked)[:5]}"
    # it opens and runs up to its first exercise (a notebook without exercises runs through)
    client = NotebookClient(ex, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    if solution_lines:
        with pytest.raises(CellExecutionError, match="not done yet"):
            client.execute()
    else:
        client.execute()
