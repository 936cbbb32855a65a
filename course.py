#!/usr/bin/env python3
"""Set up and run the course on Windows, macOS or Linux (standard library only).

    python3 course.py lab          open JupyterLab on your workspace, my-notebooks/
    python3 course.py progress     which graded functions pass, notebook by notebook
    python3 course.py test         run every test (--fast: only the unit tier, a few minutes)
    python3 course.py reset 02     start notebook 02 over (your version is backed up first)
    python3 course.py solutions    where the worked notebooks are

On Windows type ``py`` instead of ``python3``. ``make lab``, ``make test`` and
``make reset NB=02`` run the same code. ``lab`` and ``test`` first check the Python
version, then create ``.venv`` (or refresh it when requirements.txt or
pyproject.toml changed); nothing is installed outside the project folder. Ctrl+C at any
point of the set-up is safe: the next command finishes or rebuilds what was left
incomplete, and says so.

Your workspace ``my-notebooks/`` (git-ignored) holds your own copies of the course
notebooks, each graded function replaced by an exercise. It is yours: no command
overwrites a copy that exists, except ``reset``, which saves yours first into
``my-notebooks/backups/``. A notebook new in the course is added on the next ``lab``.
``my-notebooks/solutions/`` shows the worked notebooks, read-only, refreshed from
``notebooks/`` on every ``lab``.

This file holds the commands; what they do lives in ``learner/`` (standard library only too).
"""

import argparse
import os
import secrets
import sys
from pathlib import Path

from learner import environment
from learner.environment import run_foreground
from learner.lab import (gives_token, lab_arguments, lab_environment, lab_link, running_lab,
                         runtime_dir, start_lab, write_quiet_settings)
from learner.platforms import CourseError, check_python, command
from learner.workspace import (SOLUTIONS, course_notebooks, find_notebook, refresh_solutions,
                               reset_notebook, sync_workspace)

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
NOTEBOOKS = ROOT / "notebooks"
WORKSPACE = ROOT / "my-notebooks"


def ensure_venv():
    """The project's .venv, created or repaired and up to date with its requirements; its Python."""
    return environment.ensure_venv(ROOT, VENV)


# --- the commands ------------------------------------------------------------------------------

def cmd_venv(args, extra):
    ensure_venv()
    return 0


def cmd_lab(args, extra):
    runtime = runtime_dir(os.environ, VENV)
    running = running_lab(runtime, WORKSPACE)
    if running:  # two servers on one workspace: the last save would win
        print(f"JupyterLab is already running on {WORKSPACE.name}/ (process {running.get('pid')}), "
              "so no second one starts. Open it:")
        print(lab_link(running))
        return 0
    python = ensure_venv()
    for line in sync_workspace(NOTEBOOKS, WORKSPACE):
        print(line)
    write_quiet_settings(VENV)
    euid = os.geteuid() if hasattr(os, "geteuid") else -1
    token = None if gives_token(extra, os.environ) else secrets.token_hex(24)
    argv = [python, "-m", "jupyterlab", *lab_arguments(WORKSPACE, sys.platform, euid), *extra]
    print(f"Starting JupyterLab on {WORKSPACE.name}/ ...")
    return start_lab(argv, lab_environment(os.environ, runtime, token), runtime, WORKSPACE)


def cmd_progress(args, extra):
    if not WORKSPACE.exists():
        print(f"You have no workspace yet: {command('lab', sys.platform)} creates it.")
        return 0
    python = ensure_venv()
    table = ("import sys; from helpers.checks.progress import course_table; "
             "print(*course_table(sys.argv[1]), sep='\\n')")
    return run_foreground([python, "-c", table, WORKSPACE], cwd=ROOT)


def tier_arguments(fast=False, ci=False):
    """pytest's tier options: ``--fast`` the unit tier only; ``--ci`` every test, none skipped."""
    if fast:
        return ["-m", "not slow and not browser and not classroom and not network"]
    return ["--no-skips"] if ci else []


def cmd_test(args, extra):
    python = ensure_venv()
    env = dict(os.environ, MPLBACKEND="Agg")
    codes = []
    tier = tier_arguments(args.fast, args.ci)
    if args.only in (None, "package"):
        # extra arguments choose the tests (pytest's testpaths is tests/ when they name none)
        codes.append(run_foreground([python, "-m", "pytest", *tier, *(extra or ["tests"])],
                                    cwd=ROOT, env=env))
    if args.only in (None, "notebooks") and not args.fast:
        notebooks = [p.relative_to(ROOT) for p in course_notebooks(NOTEBOOKS)]
        codes.append(run_foreground([python, "-m", "pytest", "--nbval", "--nbval-current-env",
                                     "-p", "no:cacheprovider", *notebooks], cwd=ROOT, env=env))
    return max(codes, default=0)


def cmd_reset(args, extra):
    find_notebook(NOTEBOOKS, args.notebook)  # a wrong name is refused before anything is written
    if not WORKSPACE.exists():  # nothing to start over yet: make the whole workspace
        for line in sync_workspace(NOTEBOOKS, WORKSPACE):
            print(line)
        return 0
    backup, target = reset_notebook(NOTEBOOKS, WORKSPACE, args.notebook)
    if backup:
        print(f"Saved your version as {backup.relative_to(ROOT)}")
    print(f"Wrote a fresh copy: {target.relative_to(ROOT)} (its progress starts over too)")
    return 0


def cmd_solutions(args, extra):
    folder = refresh_solutions(NOTEBOOKS, WORKSPACE)
    print(f"The worked notebooks (read-only) are in {folder.relative_to(ROOT)}:")
    for path in sorted(folder.glob("*.ipynb")):
        print(f"  {path.relative_to(ROOT)}")
    print(f"In the lab ({command('lab', sys.platform)}) open the {SOLUTIONS} folder in the file "
          "browser. Your own copies stay in " + f"{WORKSPACE.name}/.")
    return 0


def cmd_notebooks(args, extra):
    python = ensure_venv()
    paths = args.paths or [p.relative_to(ROOT) for p in course_notebooks(NOTEBOOKS)]
    return run_foreground([python, "-m", "maintainer_tools.store_outputs", *paths], cwd=ROOT)


def cmd_exercises(args, extra):
    from teacher_tools.exercises import write_exercises

    for target in write_exercises(course_notebooks(NOTEBOOKS), ROOT / args.out):
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


def parser():
    p = argparse.ArgumentParser(prog=command("", sys.platform).strip(),
                                description="Set up and run the course (Windows, macOS, Linux).")
    sub = p.add_subparsers(dest="action", required=True)
    sub.add_parser("lab", help="set up, then open JupyterLab on my-notebooks/ "
                   "(extra arguments go to jupyter lab)").set_defaults(run=cmd_lab)
    t = sub.add_parser("test", help="set up, then run every test (extra arguments go to pytest)")
    t.add_argument("--only", choices=["package", "notebooks"],
                   help="just pytest tests/, or just nbval on notebooks/")
    t.add_argument("--fast", action="store_true",
                   help="only the unit tier (a few minutes): no browser, classroom or slow tests")
    t.add_argument("--ci", action="store_true",
                   help="as CI runs: every test, and a test that would be skipped fails")
    t.set_defaults(run=cmd_test)
    r = sub.add_parser("reset", help="start one notebook over (yours is backed up first)")
    r.add_argument("notebook", help="its number, e.g. 02")
    r.set_defaults(run=cmd_reset)
    sub.add_parser("solutions", help="refresh and show the worked notebooks").set_defaults(run=cmd_solutions)
    sub.add_parser("progress", help="which graded functions pass, per notebook (from your "
                   "latest check runs)").set_defaults(run=cmd_progress)
    sub.add_parser("venv", help="only create or refresh .venv").set_defaults(run=cmd_venv)
    n = sub.add_parser("notebooks", help="maintainers: re-run notebooks and store their outputs")
    n.add_argument("paths", nargs="*")
    n.set_defaults(run=cmd_notebooks)
    e = sub.add_parser("exercises", help="teachers: write the learner copies into a folder")
    e.add_argument("--out", default="exercises")
    e.set_defaults(run=cmd_exercises)
    return p


def main(argv=None):
    action = "lab"
    try:
        check_python()  # first: an old Python gets a clear message, not a traceback
        args, extra = parser().parse_known_args(argv)
        action = args.action
        if extra and args.action not in ("lab", "test"):
            parser().error(f"unrecognized arguments: {' '.join(extra)}")
        return args.run(args, extra)
    except CourseError as exc:
        print(f"course.py: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # one line, no traceback; the next run repairs what was cut short
        print(f"\ncourse.py: stopped by Ctrl+C. Nothing is lost: {command(action, sys.platform)} "
              "finishes what was left incomplete.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
