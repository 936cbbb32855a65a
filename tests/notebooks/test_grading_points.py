"""nbgrader's points: one per check cell, and only check cells are graded.

A graded cell earns its point when it runs without an error, so a cell that only prints
(like 04's gradient-check demo) would hand out a point for any answer."""

import re

import nbformat

from helpers.questions import QUESTIONS
from teacher_tools.exercises import tag_nbgrader
from tests.paths import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CHECK_CALL = re.compile(r"^check_(\w+)\((\w+)\)\s*$")


def graded(nb):
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]


def test_every_graded_cell_is_one_check_call_worth_one_point():
    total = 0
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for cell in graded(nb):
            m = CHECK_CALL.match(cell.source.strip())
            assert m and (m.group(1) == m.group(2) or (
                m.group(1) == "question" and m.group(2).startswith("answer_"))), \
                f"{path.name} cell {cell.id}: {cell.source[:80]!r}"
            assert cell.metadata["nbgrader"]["points"] == 1
            assert cell.metadata["nbgrader"]["grade_id"] == f"check_{m.group(2)}"
        total += len(graded(nb))
    assert total == 31 + len(QUESTIONS)   # the graded functions and the concept questions


def test_tagging_leaves_a_cell_that_calls_a_module_check_function_alone():
    nb = nbformat.v4.new_notebook()
    solution = "def sigmoid(z):\n    ### BEGIN SOLUTION\n    s = 1 / (1 + np.exp(-z))\n" \
               "    ### END SOLUTION\n    return s"
    nb.cells = [nbformat.v4.new_code_cell(solution),
                nbformat.v4.new_code_cell("error, _ = gradcheck.check_deep_gradients(p, X, Y, g)"),
                nbformat.v4.new_code_cell("check_sigmoid(sigmoid)")]
    tag_nbgrader(nb)
    assert "nbgrader" not in nb.cells[1].metadata
    assert nb.cells[2].metadata["nbgrader"]["grade_id"] == "check_sigmoid"
