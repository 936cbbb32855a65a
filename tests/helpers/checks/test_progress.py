"""helpers.checks.progress: every check run records its verdict in the learner's workspace (and
nowhere else), cells that build on a graded function use the reference until the learner's
passes, and the notebook's first cell and `course.py progress` read the record."""

import json
import re

import numpy as np
import pytest

from helpers import nb02_logistic
from helpers.checks import check_initialize_with_zeros, check_sigmoid, passes, progress
from teacher_tools.exercises import is_grade, read_notebook
from tests.paths import NOTEBOOKS


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def stub(z):
    raise NotImplementedError()


def wrong_sigmoid(z):
    return 1 / (1 + np.exp(z))


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """A learner workspace as course.py makes it (with its .progress folder), as the kernel's cwd."""
    (tmp_path / progress.FOLDER).mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    return tmp_path


def _record(workspace, number="02"):
    return json.loads((workspace / progress.FOLDER / f"{number}.json").read_text())


def test_each_check_run_records_its_latest_verdict_in_the_workspace(workspace):
    with pytest.raises(AssertionError, match="not done yet"):
        check_sigmoid(stub)
    assert _record(workspace)["sigmoid"]["problem"] == "not done yet"
    with pytest.raises(AssertionError):
        check_sigmoid(wrong_sigmoid)
    first = _record(workspace)["sigmoid"]
    assert first["passed"] is False and first["problem"] not in ("", "not done yet")
    check_sigmoid(sigmoid)
    check_initialize_with_zeros(lambda dim: (np.zeros((dim, 1)), 0.0))
    record = _record(workspace)
    assert record["sigmoid"]["passed"] is True and "problem" not in record["sigmoid"]
    assert record["initialize_with_zeros"]["passed"] is True
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", record["sigmoid"]["at"])
    assert [p.name for p in (workspace / progress.FOLDER).iterdir()] == ["02.json"]  # no temp file left


@pytest.mark.parametrize("where", ["source notebooks", "nbgrader validate", "nbgrader autograde", "silent"])
def test_nothing_is_written_outside_a_learners_own_check_run(where, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    if where != "source notebooks":
        (tmp_path / progress.FOLDER).mkdir()
    if where.startswith("nbgrader"):
        monkeypatch.setenv("NBGRADER_EXECUTION", where.split()[1])
    if where == "silent":
        assert passes(check_sigmoid, sigmoid) == (True, "")
    else:
        check_sigmoid(sigmoid)
    assert not list(tmp_path.rglob("*.json"))


def test_a_later_cell_uses_the_learners_function_only_once_it_passed(capsys):
    def mine(z):
        return 1 / (1 + np.exp(-z))

    assert progress.yours_or_reference(mine, nb02_logistic.sigmoid) is nb02_logistic.sigmoid
    assert "has not been checked" in capsys.readouterr().out
    with pytest.raises(AssertionError):
        check_sigmoid(wrong_sigmoid)
    capsys.readouterr()
    assert progress.yours_or_reference(wrong_sigmoid, nb02_logistic.sigmoid) is nb02_logistic.sigmoid
    (line,) = capsys.readouterr().out.splitlines()
    assert line == ("ⓘ Your wrong_sigmoid does not pass its check yet: this cell uses the course's "
                    "helpers.nb02_logistic.sigmoid instead, until check_wrong_sigmoid passes.")
    check_sigmoid(mine)
    capsys.readouterr()
    assert progress.yours_or_reference(mine, nb02_logistic.sigmoid) is mine
    assert capsys.readouterr().out == ""  # silent once it passes: the stored outputs stay as they are


@pytest.mark.parametrize("name, count", [("02_logistic_regression", 12), ("03_shallow_network", 8),
                                         ("04_deep_network", 11), ("01_introduction", 0)])
def test_the_graded_functions_are_read_from_the_notebook(name, count):
    path = NOTEBOOKS / f"{name}.ipynb"
    names = progress.graded_functions(path)
    checks = [c for c in read_notebook(path)["cells"] if is_grade(c)
              and not c["metadata"]["nbgrader"]["grade_id"].startswith("check_answer_")]
    assert len(names) == count == len(checks)   # the concept questions' checks aside
    assert len(set(names)) == count


def test_the_first_cell_shows_the_notebooks_progress_in_the_workspace(workspace, capsys):
    (workspace / "02_logistic_regression.ipynb").write_text(
        (NOTEBOOKS / "02_logistic_regression.ipynb").read_text(encoding="utf-8"), encoding="utf-8")
    progress.show_progress("02_logistic_regression.ipynb")
    assert "none of this notebook's 12 graded functions has been checked yet" in capsys.readouterr().out
    check_sigmoid(sigmoid)
    with pytest.raises(AssertionError):
        check_initialize_with_zeros(lambda dim: (np.zeros((1, dim)), 0.0))
    capsys.readouterr()
    progress.show_progress("02_logistic_regression.ipynb")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Your progress (from your latest check runs): 1 of 12 graded functions pass."
    assert lines[1] == "✓ passed: sigmoid"
    assert lines[2].startswith("✗ not passing yet: initialize_with_zeros (") and "; " not in lines[2]
    assert lines[3].startswith("· not checked yet: sigmoid_derivative, image2vector,")
    assert lines[4] == "The whole course: python3 course.py progress in a terminal."
    html = progress.Progress(progress.notebook_progress(workspace, "02_logistic_regression.ipynb"))._repr_html_()
    assert "✓ passed: sigmoid" in html and "✗ not passing yet" in html  # symbols, not colour alone


def test_outside_the_workspace_the_first_cell_shows_nothing(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    progress.show_progress("02_logistic_regression.ipynb")
    assert capsys.readouterr().out == ""


def test_the_course_table_counts_what_passed_per_notebook(tmp_path):
    for name in ("01_introduction", "02_logistic_regression", "03_shallow_network"):
        (tmp_path / f"{name}.ipynb").write_text((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"),
                                                encoding="utf-8")
    (tmp_path / progress.FOLDER).mkdir()
    (tmp_path / progress.FOLDER / "02.json").write_text(json.dumps({
        "sigmoid_derivative": {"passed": True, "at": "2026-12-07 10:00:05"},
        "image2vector": {"passed": False, "problem": "v is wrong", "at": "2026-12-07 10:02:00"},
        "model": {"passed": True, "at": "2026-12-06 09:00:00"}}))
    (tmp_path / progress.FOLDER / "03.json").write_text("{ half a file")  # unreadable: as if none
    table = progress.course_table(tmp_path)
    assert table[0].split() == ["notebook", "passed", "last", "check", "run", "next", "to", "work", "on"]
    assert table[1].split() == ["01_introduction", "-", "-", "no", "graded", "functions"]
    assert table[2].split() == ["02_logistic_regression", "2", "of", "12", "2026-12-07", "10:02",
                                "image2vector", "(v", "is", "wrong)"]
    assert table[3].split() == ["03_shallow_network", "0", "of", "8", "never", "layer_sizes", "(not",
                                "checked", "yet)"]
    assert table[4].split() == ["whole", "course", "2", "of", "20"]
    assert table[2].index("2 of 12") == table[0].index("passed")  # columns line up
