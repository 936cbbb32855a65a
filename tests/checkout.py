"""A fresh git clone of this checkout, as a learner gets one, for tests that run course.py."""

import shutil
import subprocess

from tests.paths import ROOT


def git(cwd, *args):
    return subprocess.run(["git", "-c", "user.name=course test", "-c", "user.email=test@localhost", *args],
                          cwd=cwd, check=True, capture_output=True, text=True).stdout


def fresh_clone(dest):
    """Clone this checkout to ``dest`` with its uncommitted changes committed (no .venv)."""
    git(ROOT.parent, "clone", "--quiet", str(ROOT), str(dest))
    for name in git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0"):
        if name and (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    for name in git(ROOT, "ls-files", "-z", "--deleted").split("\0"):
        if name:
            (dest / name).unlink(missing_ok=True)
    if git(dest, "status", "--porcelain"):
        git(dest, "add", "-A")
        git(dest, "commit", "--quiet", "-m", "the working tree under test")
    assert git(dest, "status", "--porcelain") == ""
    return dest
