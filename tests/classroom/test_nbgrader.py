"""The nbgrader round trip a teacher runs, with the real nbgrader (requirements-teacher.txt).

A course directory is built from notebooks/ (one assignment per notebook), then:
generate_assignment; validate on the solved sources (every check passes) and validate
--invert on the releases (no check passes), both for 02-04 (01 has no checks);
autograde, with nbgrader's DEFAULT cell timeout, three submissions per assignment: the
untouched release (0 points), the solved source (full points, no cell errors or
timeouts), and the release with its first two functions filled in (exactly those two
checks' points). 01 has no exercises, so it gets the solved submission only (the three
would be one notebook). Scores are read from nbgrader's gradebook and grades.csv.
docs/teaching.md lists the same commands.
"""

import csv
import os
import re
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import nbformat
import pytest

from helpers.questions import BY_NOTEBOOK, QUESTIONS
from tests.paths import ROOT

try:
    from nbgrader.api import Gradebook
except ImportError:
    pytest.skip(allow_module_level=True, reason="nbgrader is not installed (pip install -r requirements-teacher.txt)")

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
COURSE = "nndl"
STUDENTS = ("untouched", "solved", "two_done")
# one point per check cell: the graded functions (02 has 12, 03 has 8, 04 has 11) and the
# concept questions (01 has 12, 02 has 7, 03 has 7, 04 has 6)
TOTAL_POINTS = 31 + len(QUESTIONS)
MARKER = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[^\n]*\n", re.MULTILINE)


def nbgrader(course, *args):
    """Run one nbgrader command in the course directory; return (stdout + stderr, seconds)."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, text=True,
                         capture_output=True, env=course_env(course), timeout=1800)
    seconds = time.perf_counter() - start
    text = out.stdout + out.stderr
    assert out.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{text[-3000:]}"
    return text, seconds


def course_env(course):
    """The test's environment with Jupyter's config isolated (no user config leaks in) and
    the venv's scripts first on PATH (nbgrader runs `alembic` by name)."""
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(course / ".jupyter"),
               PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    env.pop("JUPYTER_PATH", None)
    return env


def cells_by_grade_id(nb):
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells
            if "nbgrader" in c.metadata and "grade_id" in c.metadata["nbgrader"]}


def solution_ids(nb):
    return [c.metadata["nbgrader"]["grade_id"] for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("solution")]


def grade_ids(nb):
    return [c.metadata["nbgrader"]["grade_id"] for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade")]


def fill_in(release, source, names):
    """The release with the solution cells ``names`` written as a learner would: the
    source's code without the solution markers."""
    nb = nbformat.from_dict(release)
    filled = cells_by_grade_id(nb)
    for name in names:
        filled[name].source = MARKER.sub("", cells_by_grade_id(source)[name].source)
    return nb


def errors(nb):
    """(cell index, error name, first source line) for each cell that raised."""
    return [(i, out.get("ename"), cell.source.splitlines()[0] if cell.source else "")
            for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
            for out in cell.get("outputs", []) if out.output_type == "error"]


def slowest_cell(nb):
    """(seconds, first source line) of the slowest cell, from nbclient's timing metadata."""
    best = (0.0, "")
    for cell in nb.cells:
        timing = cell.metadata.get("execution", {})
        if "iopub.execute_input" in timing and "shell.execute_reply" in timing:
            t0, t1 = (datetime.fromisoformat(timing[k].replace("Z", "+00:00"))
                      for k in ("iopub.execute_input", "shell.execute_reply"))
            best = max(best, ((t1 - t0).total_seconds(), cell.source.splitlines()[0]))
    return best


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A graded course: every step of the round trip run once; yields what the tests read."""
    root = tmp_path_factory.mktemp("course")
    (root / "nbgrader_config.py").write_text(  # as in docs/teaching.md
        f'c = get_config()\nc.CourseDirectory.root = "."\nc.CourseDirectory.course_id = "{COURSE}"\n')
    timings = {}
    assignments = [nb.stem for nb in NOTEBOOKS]
    for student in STUDENTS:
        nbgrader(root, "db", "student", "add", student)
    for name, path in zip(assignments, NOTEBOOKS):
        (root / "source" / name).mkdir(parents=True)
        (root / "source" / name / path.name).write_bytes(path.read_bytes())
        nbgrader(root, "db", "assignment", "add", name)
        _, timings[f"generate_assignment {name}"] = nbgrader(root, "generate_assignment", name)

    sources = [root / "source" / a / p.name for a, p in zip(assignments, NOTEBOOKS)]
    releases = [root / "release" / a / p.name for a, p in zip(assignments, NOTEBOOKS)]
    graded = [i for i, p in enumerate(NOTEBOOKS) if grade_ids(nbformat.read(p, as_version=4))]
    validate, timings["validate (solved sources)"] = nbgrader(
        root, "validate", *(str(sources[i]) for i in graded))
    invert, timings["validate --invert (releases)"] = nbgrader(
        root, "validate", "--invert", *(str(releases[i]) for i in graded))

    filled = {}
    for name, source_path, release_path in zip(assignments, sources, releases):
        source = nbformat.read(source_path, as_version=4)
        release = nbformat.read(release_path, as_version=4)
        filled[name] = solution_ids(source)[:2]
        submissions = {"untouched": release, "solved": source,
                       "two_done": fill_in(release, source, filled[name])}
        if not filled[name]:  # no exercises (01): all three would be the same notebook
            submissions = {"solved": source}
        for student, nb in submissions.items():
            folder = root / "submitted" / student / name
            folder.mkdir(parents=True)
            nbformat.write(nb, folder / source_path.name)
        _, timings[f"autograde {name} ({len(submissions)} submissions)"] = nbgrader(
            root, "autograde", name)

    _, timings["export"] = nbgrader(root, "export")
    print("\nnbgrader round trip, seconds per step:")
    for step, seconds in timings.items():
        print(f"  {seconds:6.1f}  {step}")
    yield {"root": root, "assignments": assignments, "filled": filled, "validate": validate,
           "invert": invert, "timings": timings}


def test_the_release_has_no_solutions(course):
    for name, path in zip(course["assignments"], NOTEBOOKS):
        text = (course["root"] / "release" / name / path.name).read_text()
        assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text
        source = nbformat.read(path, as_version=4)
        assert text.count("raise NotImplementedError()") >= len(solution_ids(source))


def test_validate_passes_the_solved_source_and_fails_the_release(course):
    # every notebook has graded cells (01 its concept questions)
    assert course["validate"].count("Success! Your notebook passes all the tests.") == 4, \
        course["validate"][-3000:]
    assert "VALIDATION FAILED" not in course["validate"]
    assert course["invert"].count("Success! The notebook does not pass any tests.") == 4, \
        course["invert"][-3000:]


def test_autograde_scores_from_the_gradebook(course):
    with Gradebook(f"sqlite:///{course['root'] / 'gradebook.db'}") as gb:
        max_total = 0
        for name, path in zip(course["assignments"], NOTEBOOKS):
            graded = grade_ids(nbformat.read(path, as_version=4))
            solved = gb.find_submission(name, "solved")
            assert solved.max_score == len(graded), name
            max_total += solved.max_score
            assert solved.score == solved.max_score, name
            if not course["filled"][name]:
                continue  # 01: no exercises, one submission
            expected_two = {f"check_{fn}" for fn in course["filled"][name]}
            assert len(expected_two) == 2 and expected_two <= set(graded), name
            assert gb.find_submission(name, "untouched").score == 0, name
            two_done = gb.find_submission(name, "two_done")
            notebook = gb.find_submission_notebook(path.stem, name, "two_done")
            got = {g.name: g.score for g in notebook.grades}
            assert got == {g: (1 if g in expected_two else 0) for g in graded}, name
            assert two_done.score == 2, name
    assert max_total == TOTAL_POINTS


def test_export_writes_the_same_scores_to_grades_csv(course):
    with open(course["root"] / "grades.csv", newline="") as f:
        rows = {(r["assignment"], r["student_id"]): float(r["score"]) for r in csv.DictReader(f)}
    assert rows[("02_logistic_regression", "solved")] == 12 + len(BY_NOTEBOOK["02"])
    assert rows[("04_deep_network", "untouched")] == 0
    assert rows[("03_shallow_network", "two_done")] == 2


def test_the_solved_run_has_no_errors_and_no_timeouts(course):
    """Every cell of the solved submission ran, each within nbgrader's default 30 s."""
    report = []
    for name, path in zip(course["assignments"], NOTEBOOKS):
        nb = nbformat.read(course["root"] / "autograded" / "solved" / name / path.name, as_version=4)
        seconds, first_line = slowest_cell(nb)
        report.append(f"{name}: slowest cell {seconds:.1f} s ({first_line})")
        assert errors(nb) == [], f"{name}: {errors(nb)}"
    print("\n" + "\n".join(report))
