"""teacher_tools.exercises: learner copies in nbgrader's release format, checked against real
nbgrader; the course notebooks' nbgrader metadata, points and markers."""

import copy
import importlib.util
import re
import subprocess
import sys

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from helpers.questions import BY_NOTEBOOK
from teacher_tools.exercises import (BEGIN, END, RUN_ON, is_grade, is_solution, make_exercise, notebook_json,
                                     read_notebook, strip_solutions, tag_nbgrader, write_exercises)
from tests.paths import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
HAVE_NBGRADER = importlib.util.find_spec("nbgrader") is not None
NO_NBGRADER = ("nbgrader is not installed (pip install -r requirements-teacher.txt); "
               "CI installs it and runs this comparison")


def _need_nbgrader():
    if not HAVE_NBGRADER:
        pytest.skip(NO_NBGRADER)  # a failure under --no-skips (tests/conftest.py)

SOLUTION_SIGMOID = "    s = 1 / (1 + np.exp(-z))  # the solution line\n    return s\n"


def fixture_notebook():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A tiny lesson"),
        nbformat.v4.new_code_cell("import numpy as np\nfrom helpers.checks import check_sigmoid, "
                                  "check_initialize_with_zeros\nprint('ready')"),
        nbformat.v4.new_code_cell("def sigmoid(z):\n    \"\"\"The sigmoid.\"\"\"\n"
                                  f"    ### {BEGIN}\n{SOLUTION_SIGMOID}    ### {END}\n"),
        nbformat.v4.new_code_cell("check_sigmoid(sigmoid)"),
        nbformat.v4.new_code_cell("def initialize_with_zeros(dim):\n"
                                  f"    ### {BEGIN}\n    w = np.zeros((dim, 1))\n    b = 0.0\n    ### {END}\n"
                                  "    return w, b\n"),
        nbformat.v4.new_code_cell("check_initialize_with_zeros(initialize_with_zeros)"),
        nbformat.v4.new_code_cell("print(gradcheck.check_deep_gradients)  # not a graded check"),
    ]
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="ready\n")]
    nb.cells[1].execution_count = 1
    nb.cells[6].metadata["nbgrader"] = {"grade": True, "grade_id": "stale", "points": 1,
                                        "locked": True, "solution": False, "schema_version": 3}
    return tag_nbgrader(nb)


def test_strip_keeps_indentation_and_code_outside_regions():
    out = strip_solutions(f"def f(x):\n    ### {BEGIN}\n    y = x + 1\n    ### {END}\n    return y\n")
    assert out == "def f(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n    return y\n"


@pytest.mark.parametrize("source, problem", [(f"def f():\n    ### {BEGIN}\n    return 1\n", "unbalanced"),
                                             (f"### {BEGIN}\n### {BEGIN}\n### {END}\n", "nested")])
def test_bad_markers_are_refused(source, problem):
    with pytest.raises(ValueError, match=problem):
        strip_solutions(source)


def test_tagging_marks_solutions_and_their_checks_only():
    meta = [c.metadata.get("nbgrader") for c in fixture_notebook().cells]
    assert meta[2] == {"grade": False, "grade_id": "sigmoid", "locked": False, "schema_version": 3,
                       "solution": True}
    assert meta[3] == {"grade": True, "grade_id": "check_sigmoid", "locked": True, "points": 1,
                       "schema_version": 3, "solution": False}
    assert meta[1] is None  # the import cell names checks but is not graded
    tagged = [i for i, c in enumerate(fixture_notebook().cells) if RUN_ON in c.metadata.get("tags", [])]
    assert tagged == [3, 5]  # the graded checks: Run All goes on when one fails
    assert meta[6] is None  # a stale tag on a cell that checks no graded function is removed


def test_exercise_copy_has_no_solution_no_outputs_and_locked_checks():
    nb = fixture_notebook()
    original = copy.deepcopy(nb)
    ex = make_exercise(nb)
    text = notebook_json(ex)
    assert "the solution line" not in text and "np.zeros((dim, 1))" not in text
    assert BEGIN not in text and END not in text
    assert text.count("raise NotImplementedError()") == 2
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in ex["cells"] if c["cell_type"] == "code")
    assert nb == original  # the source notebook is untouched
    solution, check = ex["cells"][2]["metadata"], ex["cells"][3]["metadata"]
    assert solution["deletable"] is False and "editable" not in solution  # the learner edits it
    assert check["editable"] is False and check["deletable"] is False
    assert set(check["nbgrader"]) >= {"checksum", "cell_type"} and check["nbgrader"]["cell_type"] == "code"


def test_exercise_copy_runs_on_past_an_unfinished_exercise(tmp_path):
    """A failing check shows its ✗ block and the run goes on (its cell is tagged
    raises-exception, which nbclient honours like JupyterLab's Run All); an error in any
    other cell still stops the run."""
    ex = nbformat.from_dict(make_exercise(fixture_notebook()))
    client = NotebookClient(ex, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    with pytest.raises(CellExecutionError) as err:
        client.execute()
    assert "NameError" in str(err.value) and "not done yet" not in str(err.value)
    ran = [c for c in ex.cells if c.cell_type == "code" and c.execution_count is not None]
    assert len(ran) == 6  # all of them: the last one is the (untagged) cell that fails
    assert ran[0].outputs[0]["text"] == "ready\n"
    for check in (ran[2], ran[4]):  # both exercises are stubs: each check shows its ✗ block
        (unfinished,) = check.outputs
        assert unfinished["output_type"] == "error" and "not done yet" in unfinished["traceback"][0]


def test_command_line_writes_copies(tmp_path):
    src = tmp_path / "99_fixture.ipynb"
    nbformat.write(fixture_notebook(), src)
    out = subprocess.run([sys.executable, "-m", "teacher_tools.exercises", "--out", str(tmp_path / "ex"),
                          str(src)], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert "wrote" in out
    assert "the solution line" not in (tmp_path / "ex" / "99_fixture.ipynb").read_text()


def test_the_committed_notebooks_carry_exactly_the_metadata_the_tool_writes():
    for path in NOTEBOOKS:
        nb = read_notebook(path)
        assert tag_nbgrader(copy.deepcopy(nb)) == nb, f"{path.name}: run `make notebooks` to re-tag it"


def _regions_removed(source):
    return strip_solutions(source, stub="")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_markers_appear_only_as_solution_regions(path):
    """nbgrader reads any line with a marker as one, in markdown too: quoting them aborts it."""
    for cell in read_notebook(path)["cells"]:
        if cell["cell_type"] == "markdown":
            assert BEGIN not in cell["source"] and END not in cell["source"], \
                f"{path.name}: markdown cell {cell['id']} quotes a solution marker"
        else:
            rest = _regions_removed(cell["source"])
            assert BEGIN not in rest and END not in rest
            assert (BEGIN in cell["source"]) == is_solution(cell)


def test_points_add_up_to_the_graded_functions_the_readme_states():
    readme = (ROOT / "README.md").read_text()
    stated = {m.group(1): int(m.group(2)) for m in
              re.finditer(r"notebooks/(\d\d)_\w+\.ipynb\).*?(\d+) graded (?:functions|building blocks)", readme)}
    points, functions = {}, {}
    for path in NOTEBOOKS:
        cells = read_notebook(path)["cells"]
        graded = [c["metadata"]["nbgrader"] for c in cells if is_grade(c)]
        solved = [c["metadata"]["nbgrader"]["grade_id"] for c in cells if is_solution(c)]
        ids = [c["metadata"]["nbgrader"]["grade_id"] for c in cells if "nbgrader" in c["metadata"]]
        assert len(ids) == len(set(ids)), f"{path.name}: a grade_id repeats"
        assert sorted(g["grade_id"] for g in graded) == sorted(f"check_{name}" for name in solved)
        asked = len(BY_NOTEBOOK[path.name[:2]])   # the concept questions, a point each
        points[path.name[:2]] = sum(g["points"] for g in graded) - asked
        functions[path.name[:2]] = len(solved) - asked
    assert {k: v for k, v in points.items() if v} == stated
    assert points == functions
    assert sum(points.values()) == 31


def test_instructions_quote_what_the_learner_copy_shows():
    """Every sentence about "your copy" quotes only code the copy really shows (03 once asked
    learners to write between markers the copy no longer has)."""
    explained = []
    for path in NOTEBOOKS:
        ex = make_exercise(read_notebook(path))
        solutions = "\n".join(c["source"] for c in ex["cells"] if is_solution(c))
        for cell in ex["cells"]:
            assert "marker" not in cell["source"].lower(), f"{path.name}: the copy mentions markers it lacks"
            if cell["cell_type"] != "markdown":
                continue
            for sentence in re.findall(r"[^.]*\byour copy\b[^.]*", cell["source"]):
                for snippet in re.findall(r"`([^`]+)`", sentence):
                    assert snippet in solutions, f"{path.name}: the instructions quote {snippet!r}, not in the copy"
                    explained.append(path.name)
    assert {"02_logistic_regression.ipynb", "03_shallow_network.ipynb"} <= set(explained)


@pytest.fixture(scope="module")
def nbgrader_release(tmp_path_factory):
    """Real `nbgrader generate_assignment` on the course notebooks and the fixture."""
    _need_nbgrader()
    course = tmp_path_factory.mktemp("nbgrader_course")
    source = course / "source" / "course"
    source.mkdir(parents=True)
    for path in NOTEBOOKS:
        (source / path.name).write_bytes(path.read_bytes())
    nbformat.write(fixture_notebook(), source / "99_fixture.ipynb")
    (course / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.root = {str(course)!r}\nc.CourseDirectory.course_id = 'nndl'\n")
    run = subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", "course", "--no-db",
                          "--force"], cwd=course, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    return source, course / "release" / "course"


@pytest.mark.parametrize("name", [p.name for p in NOTEBOOKS] + ["99_fixture.ipynb"])
def test_learner_copy_is_exactly_nbgraders_release(nbgrader_release, name, tmp_path):
    source, release = nbgrader_release
    ours = write_exercises([source / name], tmp_path)[0]
    theirs = release / name
    assert read_notebook(ours) == read_notebook(theirs)
    assert ours.read_text(encoding="utf-8") == theirs.read_text(encoding="utf-8")  # byte for byte


def test_nbgrader_detects_a_changed_check_cell():
    _need_nbgrader()
    from nbgrader.utils import compute_checksum

    ex = nbformat.from_dict(make_exercise(read_notebook(ROOT / "notebooks" / "02_logistic_regression.ipynb")))
    checks = [c for c in ex.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert len(checks) == 12 + len(BY_NOTEBOOK["02"])   # functions and concept questions
    for cell in checks:
        assert compute_checksum(cell) == cell.metadata.nbgrader.checksum
    tampered = copy.deepcopy(checks[0])
    tampered.source = "pass  # check removed"
    assert compute_checksum(tampered) != tampered.metadata.nbgrader.checksum
