"""The project's ``.venv``: created, repaired after an interrupted install, kept in step with
the requirements.

Every step of the set-up leaves a mark inside ``.venv``, so that the next run can tell a
finished environment from one cut short by Ctrl+C, rebuild or finish it, and say so in one
line. The steps (``python -m venv``, pip) run in their own process group: Ctrl+C reaches
course.py alone, which ends the step's whole group and reports in one line.
"""

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from .files import write_atomically
from .platforms import MIN_PYTHON, CourseError, command, venv_failed_hint, venv_python

REQUIREMENT_FILES = ("requirements.txt", "pyproject.toml")
# The marks inside .venv: `python -m venv` finished; pip is running (left behind when an
# install is interrupted); the digest of the requirements installed.
CREATED, INSTALLING, INSTALLED = ".created", ".installing", ".installed"
# setuptools' notice on every editable install, which a learner cannot act on
QUIET_PIP_WARNINGS = "ignore:Editable installation"
FIRST_INSTALL = "a minute or two, longer on a slow connection"  # docs/learning.md: measured


def venv_problem(venv, version):
    """Why the existing ``venv`` must be rebuilt (a phrase), or None when it can be used or
    does not exist. ``version``: its Python's (major, minor), None if that does not run."""
    venv = Path(venv)
    if not venv.exists():
        return None
    if (venv / INSTALLING).exists():
        return "its last install was interrupted"
    if not (venv / CREATED).exists() and not (venv / INSTALLED).exists():
        return "its creation was interrupted"
    if version is None or version < MIN_PYTHON:
        return "it is missing its Python or uses an older one"
    return None


def quiet_pip_environment(environ):
    """``environ`` with setuptools' "Editable installation" notice hidden (pip's output stays)."""
    warnings = ",".join(w for w in (environ.get("PYTHONWARNINGS"), QUIET_PIP_WARNINGS) if w)
    return dict(environ, PYTHONWARNINGS=warnings)


def requirements_digest(root):
    """A fingerprint of the files whose change means the environment must be reinstalled."""
    h = hashlib.sha256()
    for name in REQUIREMENT_FILES:
        path = Path(root) / name
        h.update(name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"") + b"\0")
    return h.hexdigest()


def python_version(python):
    """(major, minor) of the interpreter at ``python``; None if it does not run."""
    try:
        out = subprocess.run([str(python), "-c", "import sys; print(*sys.version_info[:2])"],
                             capture_output=True, text=True, timeout=60)
    except OSError:
        return None
    parts = out.stdout.split()
    return tuple(int(p) for p in parts) if out.returncode == 0 and len(parts) == 2 else None


def read_mark(path):
    """The text of a set-up mark, None if it is not there."""
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except OSError:
        return None


def remove_venv(venv):
    """Delete ``venv``, its marks first, so that a Ctrl+C halfway leaves it visibly incomplete."""
    for mark in (INSTALLED, CREATED):
        (Path(venv) / mark).unlink(missing_ok=True)
    shutil.rmtree(venv)


def setup_step(argv, platform=sys.platform, **kwargs):
    """Run one set-up step (venv, pip) in its own process group, so that Ctrl+C reaches
    course.py alone; on Ctrl+C end the step's whole group (no traceback from it) and let the
    KeyboardInterrupt go on. Returns the step's exit code."""
    sys.stdout.flush()
    if platform == "win32":
        kwargs["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP
    else:
        kwargs["start_new_session"] = True
    proc = subprocess.Popen([str(a) for a in argv], **kwargs)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        end_group(proc, platform)
        raise


def end_group(proc, platform):
    """End ``proc`` and the processes it started (its process group): ask, then insist."""
    try:
        if platform == "win32":
            proc.send_signal(signal.CTRL_BREAK_EVENT)  # reaches the whole group
        else:
            os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        try:
            if platform == "win32":
                proc.kill()
            else:
                os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass  # already gone
        proc.wait()


def ensure_venv(root, venv, platform=sys.platform):
    """Create ``venv`` if missing, rebuild it if broken or left incomplete (by Ctrl+C, say),
    install ``root``'s requirements when they changed; return its Python."""
    venv = Path(venv)
    python = venv_python(venv, platform)
    problem = venv_problem(venv, python_version(python))
    if problem:
        print(f"Rebuilding {venv.name}: {problem}.")
        remove_venv(venv)
    if not venv.exists():
        print(f"Creating {venv.name} with Python {sys.version.split()[0]} ({sys.executable})")
        if setup_step([sys.executable, "-m", "venv", str(venv)], platform) != 0:
            raise CourseError(venv_failed_hint(platform))
        write_atomically(venv / CREATED, "\n")
    digest = requirements_digest(root)
    if read_mark(venv / INSTALLED) == digest:
        return python
    write_atomically(venv / INSTALLING, digest + "\n")
    pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    env = quiet_pip_environment(os.environ)
    for message, extra in ((f"Upgrading pip in {venv.name}", ["--upgrade", "pip"]),
                           (f"Installing requirements.txt into {venv.name} (the first time takes "
                            f"{FIRST_INSTALL})", ["-r", "requirements.txt"])):
        print(message)
        if setup_step(pip + extra, platform, cwd=root, env=env) != 0:
            (venv / INSTALLING).unlink()  # pip failed cleanly: the next run retries in place
            raise CourseError("Installing the requirements failed (see pip's message above). "
                              "The first install needs access to PyPI; then run "
                              f"{command('lab', platform)} again.")
    write_atomically(venv / INSTALLED, digest + "\n")
    (venv / INSTALLING).unlink()
    return python


def run_foreground(argv, **kwargs):
    """Run a command in the foreground; Ctrl+C stops it and returns its exit code."""
    sys.stdout.flush()  # our messages first, then the command's
    return wait_through_ctrl_c(subprocess.Popen([str(a) for a in argv], **kwargs))


def wait_through_ctrl_c(proc):
    """``proc``'s exit code; a Ctrl+C meanwhile reached it too, so wait for it to end."""
    while True:
        try:
            return proc.wait()
        except KeyboardInterrupt:
            continue  # the child got the Ctrl+C too and shuts down on its own
