"""A learner's first login on a JupyterHub: give them their own copy of the course.

Writes the exercise copy (solutions stripped, outputs cleared) of every course
notebook into the learner's workspace folder, ``~/my-notebooks/`` by default. A
notebook the learner already has is never touched, so running it at every login
is safe and a notebook added to the course later still reaches everyone. This is
what nbgitpuller does for a git repository, without the network.

    python deploy/first_login.py COURSE_NOTEBOOKS_DIR [WORKSPACE_DIR]

COURSE_NOTEBOOKS_DIR holds either the course's notebooks (in a checkout of the
project, whose teacher tooling strips them) or their exercise copies (the image's
/srv/exercises, made in a build stage of deploy/Dockerfile; the tooling is not in the
image). Where the tooling is missing a notebook holding solutions is refused, so no
solution is ever copied as it is.

Each notebook is written to a hidden temporary file beside its target and then linked
to its name in one step: a login interrupted at any moment leaves, for each notebook,
either nothing or the whole notebook. A temporary file left by a killed login is
removed by the next one.

A local JupyterHub calls ``make_workspace`` from a spawner ``pre_spawn_hook``
(tests/classroom/test_jupyterhub.py); Zero to JupyterHub runs the command above as
the single-user container's ``postStart`` hook (deploy/values.yaml).
"""

import argparse
import os
import signal
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORKSPACE = "my-notebooks"
PATTERN = "[0-9][0-9]_*.ipynb"
PROGRESS = ".progress"  # where the checks record what passes (helpers.checks.progress.FOLDER)
MARKER = "BEGIN SOLUTION"   # nbgrader's marker: a notebook holding it is a solved one
PARTIAL = ".partial"        # the suffix of a notebook being written: ".NN_name.ipynb.XXXX.partial"


class SolvedNotebook(RuntimeError):
    """A solved notebook, and no tooling here to strip its solutions."""


def _exercise_text(source):
    """The text to give the learner for course notebook ``source``."""
    try:
        if str(REPO) not in sys.path:
            sys.path.append(str(REPO))
        from teacher_tools.exercises import make_exercise, notebook_json, read_notebook
    except ImportError:  # the image: only the exercise copies are here
        text = source.read_text(encoding="utf-8")
        if MARKER in text:
            raise SolvedNotebook(f"{source} holds solutions and the teacher tooling that strips "
                                 f"them (teacher_tools/) is not here: give this script the "
                                 f"exercise copies (python -m teacher_tools.exercises --out DIR ...)")
        return text
    return notebook_json(make_exercise(read_notebook(source)))


def _remove_leftovers(workspace):
    """Remove the temporary files of an earlier login that was killed mid-write."""
    for path in workspace.glob(f".{PATTERN}.*{PARTIAL}"):
        path.unlink(missing_ok=True)


def write_new(target, text):
    """Write ``text`` to ``target`` unless it exists: a whole file or nothing, never half.

    Returns False (and writes nothing) when ``target`` already exists."""
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=PARTIAL)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(temporary, target)      # fails if the learner has that file: never overwrites
        except FileExistsError:
            return False
        except OSError:                     # a file system without hard links
            if target.exists():
                return False
            os.replace(temporary, target)
        return True
    finally:
        Path(temporary).unlink(missing_ok=True)


def make_workspace(course_dir, workspace):
    """Write the exercise copy of each ``course_dir/NN_*.ipynb`` missing from ``workspace``.

    Returns the paths written (empty when the learner already has every notebook)."""
    workspace = Path(workspace)
    workspace.mkdir(parents=True, exist_ok=True)
    (workspace / PROGRESS).mkdir(exist_ok=True)  # where the checks record what passes
    _remove_leftovers(workspace)
    missing = [s for s in sorted(Path(course_dir).glob(PATTERN)) if not (workspace / s.name).exists()]
    texts = {source.name: _exercise_text(source) for source in missing}  # refuse before writing
    return [workspace / name for name, text in texts.items() if write_new(workspace / name, text)]


def _stop(signum, frame):
    raise SystemExit(128 + signum)  # so a container's SIGTERM still removes the temporary file


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("course_dir", type=Path, help="the folder of the course notebooks")
    parser.add_argument("workspace", type=Path, nargs="?", default=Path.home() / WORKSPACE,
                        help=f"the learner's folder (default: ~/{WORKSPACE})")
    args = parser.parse_args(argv)
    if not any(args.course_dir.glob(PATTERN)):
        parser.error(f"no course notebooks (NN_*.ipynb) in {args.course_dir}")
    signal.signal(signal.SIGTERM, _stop)
    try:
        written = make_workspace(args.course_dir, args.workspace)
    except (SolvedNotebook, OSError) as exc:  # OSError: a full disk, a quota, a read-only home
        parser.exit(1, f"first_login: {exc}\n")
    print(f"{args.workspace}: {len(written)} new notebook(s)"
          + "".join(f"\n  {path.name}" for path in written))


if __name__ == "__main__":
    main()
