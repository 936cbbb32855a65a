"""The learner workspace course.py builds: created from notebooks/, never overwritten, gains a
new course notebook, resets with a backup, shows the solutions read-only, touches no course
file; Run All on a fresh copy reaches the last cell, and the progress the checks record there
is what `course.py progress` prints."""

import hashlib
import json
import re
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import course
import learner.lab
import learner.workspace
from helpers.checks import progress
from teacher_tools.exercises import is_grade, is_solution, make_exercise, notebook_json, read_notebook
from tests.paths import ROOT

SOURCE = ROOT / "notebooks"
NOTEBOOKS = learner.workspace.course_notebooks(SOURCE)
NAMES = [p.name for p in NOTEBOOKS]
WITH_EXERCISES = [p for p in NOTEBOOKS if progress.graded_functions(p)]   # 02, 03, 04


def _digests(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(Path(folder).rglob("*")) if p.is_file()}


@pytest.fixture
def workspace(tmp_path):
    return tmp_path / "my-notebooks"


def test_first_run_creates_exercise_copies_and_a_solutions_view(workspace):
    lines = learner.workspace.sync_workspace(SOURCE, workspace, platform="linux")
    assert lines[0] == f"Created your workspace my-notebooks/ with 4 notebooks: {', '.join(NAMES)}."
    assert "my-notebooks/solutions/" in lines[-1] and "python3 course.py reset 02" in lines[-1]
    assert (workspace / learner.workspace.PROGRESS).is_dir() and learner.workspace.PROGRESS == progress.FOLDER
    for path in NOTEBOOKS:
        copy = workspace / path.name
        assert copy.read_text(encoding="utf-8") == notebook_json(make_exercise(read_notebook(path)))
        view = read_notebook(workspace / "solutions" / path.name)
        assert "Worked solutions, read-only" in view["cells"][0]["source"]
        assert f"`../{path.name}`" in view["cells"][0]["source"]
        assert all(c["metadata"]["editable"] is False for c in view["cells"])
        assert [c["source"] for c in view["cells"][1:]] == [c["source"] for c in read_notebook(path)["cells"]]
        assert not (workspace / "solutions" / path.name).stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def test_windows_learners_are_told_the_py_command(workspace):
    assert "py course.py reset 02" in learner.workspace.sync_workspace(SOURCE, workspace, platform="win32")[-1]


def test_a_second_run_keeps_the_learners_work(workspace):
    learner.workspace.sync_workspace(SOURCE, workspace)
    mine = workspace / "02_logistic_regression.ipynb"
    mine.write_text(mine.read_text(encoding="utf-8").replace("raise NotImplementedError()", "return 42", 1),
                    encoding="utf-8")
    before = _digests(workspace)
    lines = learner.workspace.sync_workspace(SOURCE, workspace)
    assert lines[0] == "Your workspace my-notebooks/ is up to date; your copies are as you left them."
    assert _digests(workspace) == before
    assert "return 42" in mine.read_text(encoding="utf-8")


def test_a_new_course_notebook_is_added_and_announced(tmp_path, workspace):
    source = tmp_path / "notebooks"
    shutil.copytree(SOURCE, source)
    learner.workspace.sync_workspace(source, workspace)
    mine = workspace / "03_shallow_network.ipynb"
    mine.write_text(mine.read_text(encoding="utf-8").replace("# YOUR CODE HERE", "# my notes", 1),
                    encoding="utf-8")
    before = _digests(workspace)
    shutil.copy(SOURCE / "02_logistic_regression.ipynb", source / "05_more_practice.ipynb")
    lines = learner.workspace.sync_workspace(source, workspace)
    assert lines[:-1] == ["Added to my-notebooks/: 05_more_practice.ipynb (a course notebook you had no "
                          "copy of yet)"]
    after = _digests(workspace)
    assert after.pop("05_more_practice.ipynb") and after.pop("solutions/05_more_practice.ipynb")
    assert after == before  # nothing else changed, the edit in 03 included


def test_the_solutions_view_follows_the_course(tmp_path, workspace):
    source = tmp_path / "notebooks"
    shutil.copytree(SOURCE, source)
    learner.workspace.sync_workspace(source, workspace)
    nb = read_notebook(source / "01_introduction.ipynb")
    nb["cells"][0]["source"] += "\n\nA sentence added to the course."
    (source / "01_introduction.ipynb").write_text(notebook_json(nb), encoding="utf-8")
    learner.workspace.sync_workspace(source, workspace)  # read-only files are refreshed all the same
    assert "A sentence added" in (workspace / "solutions" / "01_introduction.ipynb").read_text(encoding="utf-8")
    assert "A sentence added" not in (workspace / "01_introduction.ipynb").read_text(encoding="utf-8")


def test_reset_saves_the_learners_version_with_a_timestamp(workspace):
    learner.workspace.sync_workspace(SOURCE, workspace)
    mine = workspace / "02_logistic_regression.ipynb"
    fresh = mine.read_text(encoding="utf-8")
    mine.write_text(fresh.replace("raise NotImplementedError()", "return 42", 1), encoding="utf-8")
    edited = mine.read_text(encoding="utf-8")
    now = time.strptime("2026-12-01 19:45:07", "%Y-%m-%d %H:%M:%S")
    backup, target = learner.workspace.reset_notebook(SOURCE, workspace, "02", now=now)
    assert backup == workspace / "backups" / "02_logistic_regression.2026-12-01_19-45-07.ipynb"
    assert backup.read_text(encoding="utf-8") == edited
    assert target == mine and mine.read_text(encoding="utf-8") == fresh
    second, _ = learner.workspace.reset_notebook(SOURCE, workspace, "2", now=now)  # same second: no overwrite
    assert second != backup and second.is_file() and backup.read_text(encoding="utf-8") == edited


def test_reset_forgets_that_notebooks_progress_only(workspace):
    learner.workspace.sync_workspace(SOURCE, workspace)
    for number in ("02", "03"):
        (workspace / learner.workspace.PROGRESS / f"{number}.json").write_text('{"sigmoid": {"passed": true}}')
    learner.workspace.reset_notebook(SOURCE, workspace, "02")
    assert not (workspace / learner.workspace.PROGRESS / "02.json").exists()
    assert (workspace / learner.workspace.PROGRESS / "03.json").exists()


def test_reset_on_the_command_line_says_where_the_backup_is(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(course, "ROOT", tmp_path)
    monkeypatch.setattr(course, "WORKSPACE", tmp_path / "my-notebooks")
    learner.workspace.sync_workspace(SOURCE, tmp_path / "my-notebooks")
    assert course.main(["reset", "03"]) == 0
    out = capsys.readouterr().out.splitlines()
    backups = list((tmp_path / "my-notebooks" / "backups").glob("03_shallow_network.*.ipynb"))
    assert len(backups) == 1
    assert out == [f"Saved your version as {Path('my-notebooks', 'backups', backups[0].name)}",
                   f"Wrote a fresh copy: {Path('my-notebooks', '03_shallow_network.ipynb')} "
                   "(its progress starts over too)"]


def test_lab_starts_jupyter_on_the_workspace_quietly(tmp_path, monkeypatch):
    started = {}
    monkeypatch.setattr(course, "ensure_venv", lambda: Path("/venv/bin/python"))
    monkeypatch.setattr(course, "VENV", tmp_path / "venv")
    monkeypatch.setattr(course, "WORKSPACE", tmp_path / "my-notebooks")
    monkeypatch.delenv("JUPYTER_TOKEN", raising=False)
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setattr(course, "start_lab", lambda argv, env, runtime, cwd:
                        started.update(argv=argv, env=env, runtime=runtime, cwd=cwd) or 0)
    assert course.main(["lab", "--no-browser"]) == 0
    argv = [str(a) for a in started["argv"]]
    assert argv[:3] == ["/venv/bin/python", "-m", "jupyterlab"] and argv[-1] == "--no-browser"
    assert f"--ServerApp.root_dir={tmp_path / 'my-notebooks'}" in argv
    assert not any(started["env"]["JUPYTER_TOKEN"] in a for a in argv)  # the token is not in `ps`
    assert len(started["env"]["JUPYTER_TOKEN"]) == 48
    assert started["runtime"] == tmp_path / "runtime" and started["cwd"] == tmp_path / "my-notebooks"
    assert sorted(p.name for p in (tmp_path / "my-notebooks").glob("*.ipynb")) == NAMES
    assert learner.lab.lab_settings_file(tmp_path / "venv").is_file()


def test_nothing_in_the_course_changes_and_the_workspace_is_ignored(tmp_path):
    before = _digests(SOURCE)
    ws = tmp_path / "my-notebooks"
    learner.workspace.sync_workspace(SOURCE, ws)
    learner.workspace.reset_notebook(SOURCE, ws, "02")
    learner.workspace.refresh_solutions(SOURCE, ws)
    assert _digests(SOURCE) == before
    if shutil.which("git") and (ROOT / ".git").exists():
        for name in ("02_logistic_regression.ipynb", "solutions/02_x.ipynb", "backups/02_x.ipynb"):
            ignored = subprocess.run(["git", "check-ignore", "-q", f"my-notebooks/{name}"], cwd=ROOT)
            assert ignored.returncode == 0, f"my-notebooks/{name} must be git-ignored"


def _execute(nb, folder):
    node = nbformat.from_dict(nb)
    NotebookClient(node, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()
    return node


def _text(cell):
    return "".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in cell.outputs)


def _shows_a_widget(cell):
    return any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in cell.outputs)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_run_all_on_a_fresh_copy_reaches_the_last_cell(path, workspace):
    """Run from the workspace folder, as the lab's kernel is. nbclient, like JupyterLab's Run
    All, goes on past a cell tagged raises-exception (the checks) and stops at any other error."""
    learner.workspace.sync_workspace(SOURCE, workspace)
    ran = _execute(read_notebook(workspace / path.name), workspace)
    code = [c for c in ran.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code)  # the last cell included
    failed = [c for c in code if any(o.output_type == "error" for o in c.outputs)]
    graded = [c for c in code if is_grade(c)]
    assert failed == graded  # each check shows its ✗ block, and nothing else fails
    for cell in failed:
        (error,) = [o for o in cell.outputs if o.output_type == "error"]
        assert error.ename == "CheckFailed" and error.evalue.splitlines()[0].endswith(": not done yet")
        assert error.traceback[0].startswith("\x1b[1m\x1b[31m✗ ")  # the block, not a traceback
    for cell in code:  # the cells that build on a graded function say they use the reference
        calls = cell.source.count("yours_or_reference(")
        notes = [line for line in _text(cell).splitlines() if line.startswith("ⓘ Your ")]
        assert len(notes) == calls and all("uses the course's helpers." in n for n in notes)
    playgrounds = [c for c in code if "_playground(" in c.source]
    assert all(_shows_a_widget(c) for c in playgrounds) and (playgrounds or path not in WITH_EXERCISES)
    functions = [c for c in graded if not c.metadata["nbgrader"]["grade_id"].startswith(
        "check_answer_")]   # the concept questions' checks are graded but not functions
    if functions:
        names = progress.graded_functions(workspace / path.name)
        assert len(names) == len(functions)
        assert f"none of this notebook's {len(names)} graded functions has been checked yet" in _text(code[0])
        record = json.loads((workspace / learner.workspace.PROGRESS / f"{path.name[:2]}.json").read_text())
        assert sorted(record) == sorted(names)
        assert all(v["passed"] is False and v["problem"] == "not done yet" for v in record.values())


@pytest.mark.slow
@pytest.mark.parametrize("path", WITH_EXERCISES, ids=lambda p: p.name)
def test_solving_the_first_exercise_with_the_reference_body_passes_its_check(path, workspace):
    learner.workspace.sync_workspace(SOURCE, workspace)
    copy = read_notebook(workspace / path.name)
    solved = read_notebook(path)
    first = next(i for i, c in enumerate(copy["cells"]) if is_solution(c)
                 and not c["metadata"]["nbgrader"]["grade_id"].startswith("answer_"))
    check = next(i for i, c in enumerate(copy["cells"]) if i > first and is_grade(c))
    assert check == first + 1
    copy["cells"][first]["source"] = solved["cells"][first]["source"]  # the learner's correct answer
    copy["cells"] = copy["cells"][:check + 1]
    ran = _execute(copy, workspace)
    # a passing check displays its line (text/plain beside a green text/html) in a kernel
    text = _text(ran.cells[check])
    name = copy["cells"][first]["metadata"]["nbgrader"]["grade_id"]
    assert text.startswith(f"{name}: all ") and text.rstrip().endswith("cases passed")
    # the check recorded it, and `course.py progress` says so
    names = progress.graded_functions(workspace / path.name)
    row = next(line for line in progress.course_table(workspace) if line.startswith(path.stem))
    assert re.match(rf"{path.stem} +1 of {len(names)} +\d{{4}}-\d\d-\d\d \d\d:\d\d +{names[1]} "
                    r"\(not checked yet\)$", row), row


def test_progress_on_the_command_line_prints_the_course_table(tmp_path, monkeypatch, capfd):
    workspace = tmp_path / "my-notebooks"
    monkeypatch.setattr(course, "WORKSPACE", workspace)
    monkeypatch.setattr(course, "ensure_venv", lambda: sys.executable)
    assert course.main(["progress"]) == 0
    assert capfd.readouterr().out == "You have no workspace yet: python3 course.py lab creates it.\n"
    learner.workspace.sync_workspace(SOURCE, workspace)
    (workspace / learner.workspace.PROGRESS / "03.json").write_text(
        json.dumps({"layer_sizes": {"passed": True, "at": "2026-12-07 09:00:00"}}))
    assert course.main(["progress"]) == 0
    out = capfd.readouterr().out.splitlines()
    assert out == progress.course_table(workspace)
    assert re.match(r"03_shallow_network +1 of 8 +2026-12-07 09:00 +initialize_parameters \(not checked yet\)$",
                    out[3]), out
