"""A learner's first login on a JupyterHub: give them their own copy of the course.

Writes the exercise copy (solutions stripped, outputs cleared) of every course
notebook into the learner's workspace folder, ``~/my-notebooks/`` by default. A
notebook the learner already has is never touched, so running it at every login
is safe and a notebook added to the course later still reaches everyone. This is
what nbgitpuller does for a git repository, without the network.

    python deploy/first_login.py COURSE_NOTEBOOKS_DIR [WORKSPACE_DIR]

A local JupyterHub calls ``make_workspace`` from a spawner ``pre_spawn_hook``
(tests/classroom/test_jupyterhub.py); Zero to JupyterHub runs the command above as
the single-user container's ``postStart`` hook (deploy/values.yaml).
"""

import argparse
import sys
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
WORKSPACE = "my-notebooks"


def _make_exercise():
    """The project's solution-stripping function (teacher tooling, not in the installed package)."""
    if str(REPO) not in sys.path:
        sys.path.append(str(REPO))
    from teacher_tools.exercises import make_exercise
    return make_exercise


def make_workspace(course_dir, workspace):
    """Write the exercise copy of each ``course_dir/NN_*.ipynb`` missing from ``workspace``.

    Returns the paths written (empty when the learner already has every notebook)."""
    make_exercise = _make_exercise()
    workspace = Path(workspace)
    workspace.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted(Path(course_dir).glob("[0-9][0-9]_*.ipynb")):
        target = workspace / source.name
        if target.exists():
            continue
        nbformat.write(make_exercise(nbformat.read(source, as_version=4)), target)
        written.append(target)
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("course_dir", type=Path, help="the folder of the course notebooks")
    parser.add_argument("workspace", type=Path, nargs="?", default=Path.home() / WORKSPACE,
                        help=f"the learner's folder (default: ~/{WORKSPACE})")
    args = parser.parse_args(argv)
    if not any(args.course_dir.glob("[0-9][0-9]_*.ipynb")):
        parser.error(f"no course notebooks (NN_*.ipynb) in {args.course_dir}")
    written = make_workspace(args.course_dir, args.workspace)
    print(f"{args.workspace}: {len(written)} new notebook(s)"
          + "".join(f"\n  {path.name}" for path in written))


if __name__ == "__main__":
    main()
