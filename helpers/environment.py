"""The check each notebook's first cell runs: right packages, data present.

It reads the pins in ``requirements.txt`` and compares them with what is
installed, and loads the shipped data once, so a learner learns about a
problem in the first cell with the command that fixes it, not deep inside a
later one.
"""

import re
from importlib import metadata
from pathlib import Path

from .data import DataFileError, load_dataset

ROOT = Path(__file__).resolve().parent.parent
FIX = "From the project folder run `make lab` (it reinstalls requirements.txt into .venv)."


def _version_tuple(v):
    return tuple(int(p) for p in re.findall(r"\d+", v)[:3])


def required_versions(path=ROOT / "requirements.txt"):
    """{package: version} for every `name==version` line of requirements.txt."""
    pins = {}
    if path.is_file():
        for line in path.read_text().splitlines():
            m = re.match(r"^\s*([A-Za-z0-9_.-]+)==([0-9][^\s#;]*)", line)
            if m:
                pins[m.group(1)] = m.group(2)
    return pins


def problems(require_data=True):
    """A list of human-readable problems with this environment (empty when all is well)."""
    found = []
    for name, wanted in required_versions().items():
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            found.append(f"{name} is not installed (requirements.txt asks for {wanted}).")
            continue
        if _version_tuple(have) < _version_tuple(wanted):
            found.append(f"{name} {have} is older than the {wanted} requirements.txt asks for.")
    if require_data:
        try:
            load_dataset()
        except DataFileError as exc:
            found.append(str(exc))
    return found


def check_environment(require_data=True):
    """Print one line if all is well; otherwise raise ``RuntimeError`` listing each problem and the fix."""
    found = problems(require_data)
    if found:
        raise RuntimeError("This notebook's environment is not ready:\n- " + "\n- ".join(found)
                           + f"\n{FIX}")
    print("Environment check passed: packages and data are in place.")
