"""Which Python runs the course, and what to type on Windows, macOS or Linux.

Pure functions of a ``sys.platform`` value, so that tests/course/test_cli.py covers all three
on any machine.
"""

import sys
from pathlib import Path, PurePath

MIN_PYTHON = (3, 11)


class CourseError(Exception):
    """A problem the learner can fix; the message says how."""


def launcher(platform):
    """The command that starts Python 3 in a terminal: ``py`` on Windows, ``python3`` elsewhere."""
    return "py" if platform == "win32" else "python3"


def command(action, platform):
    """What to type to run ``course.py <action>`` on ``platform`` (a ``sys.platform`` value)."""
    return f"{launcher(platform)} course.py {action}"


def venv_python(venv, platform):
    """The Python inside the virtual environment at ``venv``: ``Scripts\\python.exe`` or ``bin/python``."""
    venv = venv if isinstance(venv, PurePath) else Path(venv)
    return venv / "Scripts" / "python.exe" if platform == "win32" else venv / "bin" / "python"


def install_hint(platform):
    """How to get a recent enough Python on ``platform``, then run the course."""
    want = ".".join(map(str, MIN_PYTHON))
    if platform == "win32":
        return (f"Install Python {want} or newer from https://www.python.org/downloads/windows/ "
                "(tick \"Add python.exe to PATH\"), open a new terminal, then run: "
                + command("lab", platform))
    if platform == "darwin":
        return (f"Install Python {want} or newer from https://www.python.org/downloads/macos/ "
                f"or with Homebrew (brew install python@{want}), then run: "
                f"python{want} course.py lab")
    return (f"Install Python {want} or newer with your package manager (Debian or Ubuntu: "
            f"sudo apt install python{want} python{want}-venv; Fedora: sudo dnf install "
            f"python{want}), then run: python{want} course.py lab")


def python_problem(version_info, platform, executable):
    """``None`` if this Python can run the course, otherwise a message naming what to install."""
    if tuple(version_info[:2]) >= MIN_PYTHON:
        return None
    have = ".".join(str(v) for v in version_info[:3])
    want = ".".join(map(str, MIN_PYTHON))
    return (f"This course needs Python {want} or newer; {executable} is Python {have}.\n"
            + install_hint(platform))


def check_python(version_info=None, platform=None, executable=None):
    """Raise CourseError (saying what to install) if this Python is too old for the course."""
    problem = python_problem(version_info or sys.version_info, platform or sys.platform,
                             executable or sys.executable)
    if problem:
        raise CourseError(problem)


def venv_failed_hint(platform):
    """What to do when ``python -m venv`` fails (on Debian and Ubuntu the module ships apart)."""
    if platform.startswith("linux"):
        return ("Creating the virtual environment failed. On Debian or Ubuntu install the venv "
                "module (sudo apt install python3-venv, or python3.X-venv for your version), "
                f"then run {command('lab', platform)} again.")
    return ("Creating the virtual environment failed (see the message above); delete the .venv "
            f"folder and run {command('lab', platform)} again.")


def runs_as_root(platform, euid):
    """True when JupyterLab needs ``allow_root``: a POSIX system and user id 0 (containers, CI)."""
    return platform != "win32" and euid == 0
