"""deploy/first_login.py: a learner's workspace of exercise copies, never overwritten."""

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
    assert sorted(p.name for p in workspace.iterdir()) == [p.name for p in NOTEBOOKS]
    for path in workspace.iterdir():
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
