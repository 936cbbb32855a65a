"""deploy/first_login.py: a learner's workspace of exercise copies, never overwritten."""

import os
import signal
import subprocess
import sys

import nbformat
from tests.paths import ROOT

SCRIPT = ROOT / "deploy" / "first_login.py"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True,
                          text=True, timeout=120)


def test_first_login_writes_exercise_copies_then_only_what_is_missing(tmp_path):
    workspace = tmp_path / "home" / "my-notebooks"
    out = run(ROOT / "notebooks", workspace)
    assert out.returncode == 0, out.stderr
    assert f"{len(NOTEBOOKS)} new notebook(s)" in out.stdout
    assert sorted(p.name for p in workspace.glob("*.ipynb")) == [p.name for p in NOTEBOOKS]
    assert (workspace / ".progress").is_dir()  # so the checks record what passes on the hub too
    for path in workspace.glob("*.ipynb"):
        text = path.read_text()
        assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text
        nb = nbformat.read(path, as_version=4)
        assert all(c.outputs == [] for c in nb.cells if c.cell_type == "code")

    mine = workspace / "02_logistic_regression.ipynb"
    mine.write_text(mine.read_text().replace("raise NotImplementedError()", "return 42", 1))
    (workspace / "03_shallow_network.ipynb").unlink()
    out = run(ROOT / "notebooks", workspace)
    assert out.returncode == 0 and "1 new notebook(s)\n  03_shallow_network.ipynb" in out.stdout
    assert "return 42" in mine.read_text()


def test_a_folder_without_course_notebooks_is_refused(tmp_path):
    out = run(tmp_path, tmp_path / "ws")
    assert out.returncode == 2 and f"no course notebooks (NN_*.ipynb) in {tmp_path}" in out.stderr
    assert not (tmp_path / "ws").exists()


# --- an interrupted login: for each notebook, nothing or the whole of it ------------------

def exercise_texts():
    from teacher_tools.exercises import make_exercise, notebook_json, read_notebook
    return {p.name: notebook_json(make_exercise(read_notebook(p))) for p in NOTEBOOKS}


def run_with_file_size_limit(limit, workspace, kill=True):
    """The script under a file-size limit (RLIMIT_FSIZE): the kernel stops the write that
    crosses ``limit`` bytes, by killing the process (SIGXFSZ, whose default action Python
    turns off at start-up: ``kill`` turns it back on) or by failing the write (EFBIG)."""
    wrapper = (f"import resource, runpy, signal, sys\n"
               f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
               f"if {kill}: signal.signal(signal.SIGXFSZ, signal.SIG_DFL)\n"
               f"sys.argv = [{str(SCRIPT)!r}, {str(ROOT / 'notebooks')!r}, {str(workspace)!r}]\n"
               f"runpy.run_path({str(SCRIPT)!r}, run_name='__main__')\n")
    return subprocess.run([sys.executable, "-c", wrapper], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


def whole_or_absent(workspace, expected):
    """The notebooks in ``workspace`` (each equal to its whole exercise copy) and the
    hidden temporary files there."""
    names = sorted(p.name for p in workspace.glob("[0-9][0-9]_*.ipynb"))
    for name in names:
        assert (workspace / name).read_text(encoding="utf-8") == expected[name], f"{name} is not whole"
    return names, sorted(p.name for p in workspace.iterdir() if p.name.startswith(".") and p.is_file())


def test_a_login_killed_mid_write_leaves_only_whole_notebooks_and_the_next_one_finishes(tmp_path):
    expected = exercise_texts()
    sizes = sorted(len(text.encode()) for text in expected.values())
    limit = (sizes[0] + sizes[1]) // 2     # the smallest notebook fits, the others are cut
    workspace = tmp_path / "my-notebooks"
    out = run_with_file_size_limit(limit, workspace)
    assert out.returncode == -signal.SIGXFSZ, (out.returncode, out.stderr)
    names, hidden = whole_or_absent(workspace, expected)
    first_cut = min(n for n, t in expected.items() if len(t.encode()) > limit)
    assert names == sorted(n for n in expected if n < first_cut)   # written before the kill
    # the kill really came mid-write: the temporary file holds the first `limit` bytes
    assert len(hidden) == 1 and hidden[0].startswith(f".{first_cut}.")
    assert (workspace / hidden[0]).stat().st_size == limit

    out = run(ROOT / "notebooks", workspace)
    assert out.returncode == 0, out.stderr
    names, hidden = whole_or_absent(workspace, expected)
    assert names == sorted(expected) and hidden == []


def test_a_failed_write_is_reported_and_leaves_nothing_half_written(tmp_path):
    expected = exercise_texts()
    limit = min(len(text.encode()) for text in expected.values()) // 2
    workspace = tmp_path / "my-notebooks"
    out = run_with_file_size_limit(limit, workspace, kill=False)
    assert out.returncode == 1 and "first_login: [Errno 27] File too large" in out.stderr, out.stderr
    assert "Traceback" not in out.stderr
    assert whole_or_absent(workspace, expected) == ([], [])


def test_a_notebook_the_learner_saved_meanwhile_is_not_overwritten(tmp_path):
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        from first_login import write_new
    finally:
        sys.path.remove(str(SCRIPT.parent))
    target = tmp_path / "02_logistic_regression.ipynb"
    target.write_text("the learner's own work")
    assert write_new(target, "the course's copy") is False
    assert target.read_text() == "the learner's own work"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_solved_notebooks_are_refused_where_the_stripping_tooling_is_missing(tmp_path):
    """As in the image, where only the script and the exercises are: a solved notebook
    given by mistake is refused, not copied with its solutions."""
    lone = tmp_path / "srv" / "deploy" / "first_login.py"
    lone.parent.mkdir(parents=True)
    lone.write_text(SCRIPT.read_text())
    out = subprocess.run([sys.executable, "-I", str(lone), str(ROOT / "notebooks"),
                          str(tmp_path / "ws")], capture_output=True, text=True, timeout=120,
                         cwd=tmp_path)
    assert out.returncode == 1 and "holds solutions" in out.stderr, out.stderr
    assert not list((tmp_path / "ws").glob("*.ipynb"))
