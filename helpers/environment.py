"""The check each notebook's first cell runs: right packages, data present.

It compares what the notebooks need with what is installed, and loads the shipped
data once, so a learner learns about a problem in the first cell, with the command
that fixes it, not deep inside a later one. The fix depends on how the package got
here (``install_kind()``):

- "checkout": ``helpers`` runs from the project folder (``course.py``/``make``
  set-up, an editable install). The needs are the pins in ``requirements.txt``;
  the fix is the project's set-up command.
- "installed": pip copied the package into an environment (``pip install .``, a
  wheel, Binder, a JupyterHub image). The needs are the package's declared
  dependencies; the fix is a ``%pip install`` of what is missing.

Test, teacher and build tools (``TOOLS``) are never required: the notebooks do not
import them.
"""

import re
import sys
from importlib import metadata
from pathlib import Path

from .data import DATA_DIR, DataFileError, load_dataset

ROOT = Path(__file__).resolve().parent.parent
DISTRIBUTION = "dlnb-helpers"
# In requirements.txt for the tests, the stored outputs or the set-up, not for the notebooks.
TOOLS = {"pytest", "hypothesis", "nbval", "playwright", "nbformat", "nbclient", "nbconvert",
         "jupyterlab", "nbgrader", "jupyterhub", "mlxtend", "torch", "setuptools", "pip"}
_PIN = re.compile(r"^\s*([A-Za-z0-9_.-]+)\s*(?:\[[^\]]*\])?\s*(==|>=|~=)\s*([0-9][^\s,#;]*)")


def _version_tuple(v):
    return tuple(int(p) for p in re.findall(r"\d+", v)[:3])


def _normal(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def install_kind(root=ROOT):
    """Return "checkout" if the package runs from the project folder, else "installed"."""
    return "checkout" if (root / "pyproject.toml").is_file() and (root / "helpers").is_dir() \
        else "installed"


def parse_requirements(lines):
    """{name: minimum version} from requirement lines (``name==v``, ``name>=v``, ``name~=v``),
    skipping comments, options (``-e .``), optional extras and TOOLS."""
    needs = {}
    for line in lines:
        requirement, _, marker = line.partition(";")
        if marker.strip() and "extra" in marker:
            continue  # an optional extra, not what the notebooks need
        m = _PIN.match(requirement)
        if m and _normal(m.group(1)) not in TOOLS:
            needs[_normal(m.group(1))] = m.group(3)
    return needs


def required_versions(kind=None, root=ROOT):
    """{package: minimum version} the notebooks need, from requirements.txt in a checkout or
    from the installed package's declared dependencies."""
    if (kind or install_kind(root)) == "checkout":
        path = root / "requirements.txt"
        return parse_requirements(path.read_text().splitlines()) if path.is_file() else {}
    try:
        return parse_requirements(metadata.requires(DISTRIBUTION) or [])
    except metadata.PackageNotFoundError:
        return {}


def _setup_command():
    python = "py" if sys.platform == "win32" else "python3"
    return f"`{python} course.py lab`"


def missing_packages(kind=None):
    """{package: version needed} for each package that is missing or older than needed."""
    missing = {}
    for name, wanted in required_versions(kind).items():
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            missing[name] = wanted
            continue
        if _version_tuple(have) < _version_tuple(wanted):
            missing[name] = wanted
    return missing


def _data_problem(kind):
    try:
        load_dataset()
    except DataFileError as exc:
        return str(exc) if kind == "checkout" else \
            f"the package's data files in {DATA_DIR} are missing or damaged."
    return None


def problems(require_data=True, kind=None):
    """A list of human-readable problems with this environment (empty when all is well)."""
    kind = kind or install_kind()
    found = []
    for name, wanted in missing_packages(kind).items():
        try:
            found.append(f"{name} {metadata.version(name)} is older than the {wanted} the "
                         f"notebooks need.")
        except metadata.PackageNotFoundError:
            found.append(f"{name} is not installed (the notebooks need {wanted} or newer).")
    data_problem = _data_problem(kind) if require_data else None
    return found + ([data_problem] if data_problem else [])


def fix(kind, missing, data_missing=False):
    """The sentence that tells the learner what to run, for this kind of installation."""
    if kind == "checkout":
        return (f"From the project folder run {_setup_command()}: it reinstalls requirements.txt "
                f"into .venv. Then restart the kernel.")
    steps = []
    if missing:
        wanted = " ".join(f'"{name}>={version}"' for name, version in sorted(missing.items()))
        steps.append(f"run `%pip install {wanted}` in a cell")
    if data_missing:
        steps.append("reinstall the package with its data: `%pip install --force-reinstall "
                     "--no-deps PATH`, PATH being the project folder or the wheel you installed")
    return "To fix it, " + "; then ".join(steps) + ". Then restart the kernel."


def check_environment(require_data=True):
    """Print one line if all is well; otherwise raise ``RuntimeError`` listing each problem and the fix."""
    kind = install_kind()
    found = problems(require_data, kind)
    if found:
        data_missing = require_data and _data_problem(kind) is not None
        raise RuntimeError("This notebook's environment is not ready:\n- " + "\n- ".join(found)
                           + "\n" + fix(kind, missing_packages(kind), data_missing))
    print("Environment check passed: packages and data are in place.")
