"""The learner's workspace ``my-notebooks/``: their own copy of every course notebook (graded
functions replaced by exercises), backups made by ``reset``, and ``solutions/``, the worked
notebooks shown read-only. A copy that exists is never overwritten, except by ``reset``,
which saves it first."""

import json
import shutil
import stat
import sys
import time
from pathlib import Path

from .files import write_atomically
from .platforms import CourseError, command

SOLUTIONS = "solutions"
BACKUPS = "backups"
PROGRESS = ".progress"  # the checks' record of what passes (helpers.checks.progress.FOLDER)


def backup_name(path, now):
    """``02_x.ipynb`` -> ``02_x.2026-12-01_19-45-00.ipynb`` for local time ``now`` (a struct_time)."""
    path = Path(path)
    return f"{path.stem}.{time.strftime('%Y-%m-%d_%H-%M-%S', now)}{path.suffix}"


def course_notebooks(source):
    """The numbered course notebooks in folder ``source``, in order."""
    return sorted(Path(source).glob("[0-9][0-9]_*.ipynb"))


def find_notebook(source, which):
    """The course notebook ``which`` names: ``02``, ``2``, ``02_logistic_regression(.ipynb)``."""
    names = [p.name for p in course_notebooks(source)]
    key = str(which).strip().removesuffix(".ipynb")
    if key.isdigit():
        key = f"{int(key):02d}"
    matches = [p for p in course_notebooks(source) if p.stem == key or p.name.startswith(key + "_")]
    if len(matches) != 1:
        raise CourseError(f"No single course notebook matches {which!r}; the course has: "
                          + ", ".join(names) + ". Give its number, e.g. "
                          + command("reset 02", sys.platform))
    return matches[0]


def write_readonly(path, text):
    """Write ``text`` to ``path`` and make the file read-only (unchanged files are left alone)."""
    path = Path(path)
    if path.exists():
        if path.read_text(encoding="utf-8") == text:
            return
        path.chmod(stat.S_IREAD | stat.S_IWRITE)
    path.write_text(text, encoding="utf-8")
    path.chmod(stat.S_IREAD | stat.S_IRGRP | stat.S_IROTH)


def solution_view(nb, name):
    """The worked notebook ``nb`` as shown in ``solutions/``: a banner first, every cell read-only."""
    from teacher_tools.exercises import notebook_json

    nb = json.loads(notebook_json(nb))
    for cell in nb["cells"]:
        cell["metadata"]["editable"] = False
    banner = {"cell_type": "markdown", "id": "solutions-banner", "metadata": {"editable": False},
              "source": (f"> **Worked solutions, read-only.** Your own copy is `../{name}`. "
                         "This folder is refreshed from the course's `notebooks/` every time the "
                         "lab starts: compare here, write your code in your copy.")}
    nb["cells"].insert(0, banner)
    return nb


def refresh_solutions(source, workspace):
    """Write ``workspace/solutions/`` from the course notebooks (read-only files); return the folder."""
    from teacher_tools.exercises import notebook_json, read_notebook

    folder = Path(workspace) / SOLUTIONS
    folder.mkdir(parents=True, exist_ok=True)
    for path in course_notebooks(source):
        write_readonly(folder / path.name, notebook_json(solution_view(read_notebook(path), path.name)))
    return folder


def write_exercise(path, target):
    """Write the learner copy (exercises, no outputs) of course notebook ``path`` to ``target``."""
    from teacher_tools.exercises import make_exercise, notebook_json, read_notebook

    write_atomically(target, notebook_json(make_exercise(read_notebook(path))))


def sync_workspace(source, workspace, platform=sys.platform):
    """Create or update the learner workspace; return what to tell the learner (a list of lines).

    A copy that exists is never touched; a course notebook without a copy gets one.
    """
    workspace = Path(workspace)
    first_time = not workspace.exists()
    (workspace / PROGRESS).mkdir(parents=True, exist_ok=True)
    added = []
    for path in course_notebooks(source):
        target = workspace / path.name
        if not target.exists():
            write_exercise(path, target)
            added.append(path.name)
    refresh_solutions(source, workspace)
    folder = f"{workspace.name}/"
    if first_time:
        lines = [f"Created your workspace {folder} with {len(added)} notebooks: {', '.join(added)}."]
    elif added:
        lines = [f"Added to {folder}: {name} (a course notebook you had no copy of yet)"
                 for name in added]
    else:
        lines = [f"Your workspace {folder} is up to date; your copies are as you left them."]
    lines.append(f"Worked solutions (read-only): {folder}{SOLUTIONS}/. To start a notebook over: "
                 + command("reset 02", platform))
    return lines


def reset_notebook(source, workspace, which, now=None):
    """Replace the learner's copy of ``which`` with a fresh one and forget its progress record;
    return (backup or None, copy)."""
    path = find_notebook(source, which)
    target = Path(workspace) / path.name
    backup = None
    if target.exists():
        backups = Path(workspace) / BACKUPS
        backups.mkdir(parents=True, exist_ok=True)
        backup = backups / backup_name(target, now or time.localtime())
        n = 1
        while backup.exists():  # two resets within one second
            backup = backup.with_name(f"{backup.stem}-{n}{backup.suffix}")
            n += 1
        shutil.copy2(target, backup)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_exercise(path, target)
    (Path(workspace) / PROGRESS / f"{path.name[:2]}.json").unlink(missing_ok=True)
    return backup, target
