"""Binder's steps, reproduced: a fresh venv, `pip install -r requirements.txt`, then
`pip install .` (repo2docker does both, in that order, for a repository with a
pyproject.toml), then notebook 02 run headless (nbclient) from a folder outside the
project, after the project copy is gone. It proves an installed package (not an
editable checkout) finds its data and passes the environment check.

It downloads into a fresh environment (about 450 MB, mostly from pip's cache), so it
is marked ``network``: it runs under --no-skips (CI) or when asked for (-m network).
"""

import os
import shutil
import subprocess
import sys
import time

import pytest

from tests.paths import ROOT

NOTEBOOK = ROOT / "notebooks" / "02_logistic_regression.ipynb"
# What a clean clone would not have (Binder copies the repository as committed).
NOT_IN_A_CLONE = shutil.ignore_patterns(".git", ".venv", "node_modules", "build", "*.egg-info",
                                        "__pycache__", ".pytest_cache", ".hypothesis",
                                        "test-artifacts", "exercises", "my-notebooks")

pytestmark = pytest.mark.network

RUN_02 = """
import sys
from pathlib import Path

import helpers
import nbformat
from helpers import data, environment
from nbclient import NotebookClient

print("helpers from", Path(helpers.__file__).parent)
print("data from", data.DATA_DIR)
print("install kind", environment.install_kind())
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, timeout=600, kernel_name="python3",
               resources={"metadata": {"path": str(Path(sys.argv[1]).parent)}}).execute()
errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
print("errors", len(errors))
print(nb.cells[[c.cell_type for c in nb.cells].index("code")].outputs[0].get("text", ""))
"""


def _run(args, cwd, timeout=1200):
    start = time.perf_counter()
    out = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                         env={k: v for k, v in os.environ.items()
                              if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")})
    assert out.returncode == 0, f"{' '.join(map(str, args))}:\n{(out.stdout + out.stderr)[-3000:]}"
    return out.stdout, time.perf_counter() - start


def test_pip_install_then_notebook_02_from_another_folder(tmp_path):
    repo, venv, elsewhere = tmp_path / "repo", tmp_path / "venv", tmp_path / "elsewhere"
    shutil.copytree(ROOT, repo, ignore=NOT_IN_A_CLONE)
    timings = {}
    _, timings["venv"] = _run([sys.executable, "-m", "venv", str(venv)], tmp_path)
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    _, timings["pip install -r requirements.txt"] = _run(pip + ["-r", "requirements.txt"], repo)
    _, timings["pip install ."] = _run(pip + ["."], repo)

    elsewhere.mkdir()
    shutil.copy(NOTEBOOK, elsewhere / NOTEBOOK.name)
    shutil.rmtree(repo)  # nothing may come from the project folder any more
    out, timings["notebook 02"] = _run([str(python), "-c", RUN_02, str(elsewhere / NOTEBOOK.name)],
                                       elsewhere)
    print("\nBinder steps, seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in timings.items()))
    site = str(venv)
    assert f"helpers from {site}" in out, out
    assert f"data from {site}" in out and out.split("data from ")[1].split()[0].endswith(
        os.path.join("helpers", "data_files")), out
    assert "install kind installed" in out, out
    assert "errors 0" in out, out
    assert "Environment check passed: packages and data are in place." in out, out
