"""Where the learner stands: which graded functions pass, from their latest check runs.

Every check reports its verdict here (``core.graded``), which keeps it in two places:

- in this kernel, for the cells that build on a graded function:
  ``train = yours_or_reference(model, nb02_logistic.model)`` is the learner's own
  ``model`` once that very function has passed its check, and otherwise the reference,
  saying so in one line, so that Run All goes on past an unfinished exercise;
- on disk, in the learner's workspace only: when the kernel's working folder (the
  notebook's folder) holds the ``.progress`` folder that ``course.py lab`` creates in
  ``my-notebooks/``, the verdict goes into ``.progress/NN.json`` for notebook NN, written
  atomically. Nothing is written in the course's ``notebooks/``, in
  ``my-notebooks/solutions/``, while nbgrader validates or autogrades
  (``NBGRADER_EXECUTION``), or for a silent run (``helpers.checks.passes``).

``show_progress(notebook)`` (at the end of each notebook's first cell) and
``course_table(workspace)`` (``course.py progress``) read those files. The list of graded
functions comes from the notebooks themselves: a graded cell (nbgrader's ``grade``)
right below the solution cell that defines the function it checks.

Standard library only, apart from IPython's ``display`` in a notebook.
"""

import html
import json
import os
import re
import sys
import time
from pathlib import Path

from . import feedback

FOLDER = ".progress"   # course.py creates my-notebooks/.progress (course.PROGRESS)
_NUMBER = re.compile(r"(?:^|\.)nb(\d\d)_\w+$")   # helpers.checks.nb02_logistic -> 02
_LATEST = {}           # "02.model" -> (the function last checked, passed?)


# --- recording ---------------------------------------------------------------------------

def record(check, fn, problem=None):
    """Note the verdict of ``check`` (a public ``check_<name>``) on ``fn``: passed when
    ``problem`` is None, else the failure's headline ("not done yet", "dw is wrong")."""
    found = _NUMBER.search(check.__module__)
    if found is None:  # not one of a notebook's checks
        return
    number, name = found.group(1), check.__name__.removeprefix("check_")
    _LATEST[f"{number}.{name}"] = (fn, problem is None)
    folder = _workspace_folder()
    if folder is None or feedback.is_quiet():
        return
    path = folder / f"{number}.json"
    verdicts = read_verdicts(path)
    verdicts[name] = {"passed": problem is None, "at": time.strftime("%Y-%m-%d %H:%M:%S")}
    if problem is not None:
        verdicts[name]["problem"] = problem
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(verdicts, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(tmp, path)  # a reader sees the old file or the new one, never half of one
    except OSError:  # a read-only or full disk: the verdict shown stands, the record misses it
        tmp.unlink(missing_ok=True)


def _workspace_folder():
    """``<cwd>/.progress`` when the kernel runs in the learner's workspace, else None."""
    if os.environ.get("NBGRADER_EXECUTION"):  # "validate" or "autograde"
        return None
    try:
        folder = Path.cwd() / FOLDER
    except OSError:  # the working folder was deleted
        return None
    return folder if folder.is_dir() else None


def read_verdicts(path):
    """{function name: {"passed", "at", "problem"?}} from a record file ({} if none or unreadable)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


# --- cells that build on a graded function ----------------------------------------------

def yours_or_reference(fn, reference):
    """``fn`` (the learner's graded function) if it passed its latest check in this kernel,
    otherwise ``reference``, after one line saying why and which function runs instead."""
    passed = next((ok for checked, ok in _LATEST.values() if checked is fn), None)
    if passed:
        return fn
    name = getattr(fn, "__name__", "your function")
    why = ("does not pass its check yet" if passed is False else
           "has not been checked since its cell last ran (run its check)")
    print(f"ⓘ Your {name} {why}: this cell uses the course's "
          f"{reference.__module__}.{reference.__name__} instead, until check_{name} passes.")
    return reference


# --- reading the notebooks and the record ------------------------------------------------

def _source(cell):
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def graded_functions(notebook):
    """The names of the graded functions of the notebook file ``notebook``, in order (the
    concept questions' ``answer_<name>`` cells are graded too, but are not functions to write)."""
    cells = json.loads(Path(notebook).read_text(encoding="utf-8")).get("cells", [])
    names = []
    for above, cell in zip(cells, cells[1:]):
        solution = above.get("metadata", {}).get("nbgrader", {})
        graded = cell.get("metadata", {}).get("nbgrader", {})
        name = solution.get("grade_id", "")
        if (graded.get("grade") and solution.get("solution") and cell.get("cell_type") == "code"
                and not name.startswith("answer_")
                and re.search(rf"^def {re.escape(name)}\(", _source(above), re.MULTILINE)):
            names.append(name)
    return names


def notebook_progress(workspace, notebook):
    """``[(name, verdict or None), ...]`` for the graded functions of ``workspace/notebook``."""
    verdicts = read_verdicts(Path(workspace) / FOLDER / f"{Path(notebook).name[:2]}.json")
    return [(name, verdicts.get(name)) for name in graded_functions(Path(workspace) / notebook)]


def _command(action):
    return f"{'py' if sys.platform == 'win32' else 'python3'} course.py {action}"


# --- the top of a notebook ------------------------------------------------------------------

class Progress:
    """Which graded functions of one notebook pass: a short block, plain and HTML."""

    def __init__(self, rows):
        self.rows = rows  # [(name, verdict or None)]

    def _groups(self):
        passed = [n for n, v in self.rows if v and v.get("passed")]
        failing = [(n, v.get("problem", "fails")) for n, v in self.rows if v and not v.get("passed")]
        unchecked = [n for n, v in self.rows if not v]
        return passed, failing, unchecked

    def lines(self):
        passed, failing, unchecked = self._groups()
        total = len(self.rows)
        if len(unchecked) == total:
            head = (f"Your progress: none of this notebook's {total} graded functions has been "
                    f"checked yet. Each check cell below records its result here.")
        else:
            head = (f"Your progress (from your latest check runs): {len(passed)} of {total} "
                    f"graded functions pass.")
        lines = [head]
        if passed:
            lines.append("✓ passed: " + ", ".join(passed))
        if failing:
            lines.append("✗ not passing yet: " + "; ".join(f"{n} ({p})" for n, p in failing))
        if unchecked and len(unchecked) < total:
            lines.append("· not checked yet: " + ", ".join(unchecked))
        lines.append(f"The whole course: {_command('progress')} in a terminal.")
        return lines

    def __repr__(self):
        return "\n".join(self.lines())

    def _repr_html_(self):
        colours = {"✓": "#1a7f37", "✗": "#b3261e"}
        rows = []
        for line in self.lines():
            colour = colours.get(line[:1])
            style = f' style="color:{colour}"' if colour else ""
            rows.append(f"<div{style}>{html.escape(line)}</div>")
        return '<div style="border-left:3px solid #888;padding-left:8px">' + "".join(rows) + "</div>"


def show_progress(notebook):
    """In the learner's copy, show which graded functions of ``notebook`` (its file name)
    pass, from the record of their latest check runs. Shows nothing outside the workspace."""
    folder = _workspace_folder()
    if folder is None:
        return
    if not (folder.parent / notebook).is_file():
        print(f"(No progress to show: {notebook} is not in {folder.parent}.)")
        return
    feedback.show(Progress(notebook_progress(folder.parent, notebook)))


# --- the whole course (course.py progress) -----------------------------------------------

def course_table(workspace):
    """The lines of ``course.py progress``: per notebook of ``workspace``, the graded
    functions passed of the total, the last check run, and the next one to work on."""
    workspace = Path(workspace)
    header = ("notebook", "passed", "last check run", "next to work on")
    rows, done, total = [], 0, 0
    for path in sorted(workspace.glob("[0-9][0-9]_*.ipynb")):
        progress = notebook_progress(workspace, path.name)
        if not progress:
            rows.append((path.stem, "-", "-", "no graded functions"))
            continue
        passed = sum(1 for _, v in progress if v and v.get("passed"))
        times = [v["at"] for _, v in progress if v and "at" in v]
        todo = next(((n, v) for n, v in progress if not (v and v.get("passed"))), None)
        if todo is None:
            upcoming = "all done"
        else:
            name, verdict = todo
            upcoming = f"{name} ({verdict.get('problem', 'fails')})" if verdict else f"{name} (not checked yet)"
        rows.append((path.stem, f"{passed} of {len(progress)}", max(times)[:16] if times else "never",
                     upcoming))
        done, total = done + passed, total + len(progress)
    rows.append(("whole course", f"{done} of {total}", "", ""))
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in [header, *rows]]
