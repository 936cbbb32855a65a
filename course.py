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
"""

import argparse
import hashlib
import json
import os
import secrets
import shutil
import signal
import stat
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path, PurePath

MIN_PYTHON = (3, 11)
ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
NOTEBOOKS = ROOT / "notebooks"
WORKSPACE = ROOT / "my-notebooks"
SOLUTIONS = "solutions"
BACKUPS = "backups"
PROGRESS = ".progress"  # the checks' record of what passes (helpers.checks.progress.FOLDER)
REQUIREMENT_FILES = ("requirements.txt", "pyproject.toml")
# The set-up's marks inside .venv: `python -m venv` finished; pip is running (left behind
# when an install is interrupted); the digest of the requirements installed.
CREATED, INSTALLING, INSTALLED = ".created", ".installing", ".installed"
# setuptools' notice on every editable install, which a learner cannot act on
QUIET_PIP_WARNINGS = "ignore:Editable installation"
FIRST_INSTALL = "a minute or two, longer on a slow connection"  # docs/learning.md: measured
# JupyterLab reads <prefix>/share/jupyter/lab/settings/overrides.json as the defaults of
# its settings: the lab starts without the news pop-up and makes no update checks.
QUIET_SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}
# No news, no update checks, and only warnings and errors in the terminal (no extension
# or language-server log lines); course.py prints the login link itself.
QUIET_FLAGS = ["--LabApp.extension_manager=readonly", "--LabApp.news_url=None",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
               "--ServerApp.log_level=WARN", "--LabApp.log_level=WARN"]


class CourseError(Exception):
    """A problem the learner can fix; the message says how."""


# --- platform logic (pure functions; tests/test_course_cli.py covers win32, darwin, linux) ---

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


def gives_token(extra, environ):
    """True if the extra ``jupyter lab`` arguments or the environment set the login token."""
    return bool(environ.get("JUPYTER_TOKEN") or environ.get("JUPYTER_TOKEN_FILE")) or any(
        a.split("=")[0] in ("--IdentityProvider.token", "--ServerApp.token") for a in extra)


def lab_arguments(workspace, platform, euid):
    """Arguments for ``jupyter lab``: 127.0.0.1 only, quiet and offline-friendly.

    The login token is not among them (every local user can read a command line):
    ``lab_environment`` hands it over.
    """
    args = ["--ServerApp.ip=127.0.0.1", f"--ServerApp.root_dir={workspace}", *QUIET_FLAGS]
    if runs_as_root(platform, euid):
        args.append("--ServerApp.allow_root=True")
    return args


def runtime_dir(environ, venv=VENV):
    """Where the lab's server writes its record, ``jpserver-<pid>.json`` (its port and token,
    readable only by the learner): ``JUPYTER_RUNTIME_DIR`` if set, else inside ``venv``."""
    return Path(environ.get("JUPYTER_RUNTIME_DIR") or Path(venv) / "jupyter-runtime")


def lab_environment(environ, runtime, token):
    """The lab's environment: its runtime folder, and the login token unless ``token`` is None."""
    env = dict(environ, JUPYTER_RUNTIME_DIR=str(runtime))
    if token is not None:
        env["JUPYTER_TOKEN"] = token
    return env


def lab_link(info):
    """The login link of the server a ``jpserver-<pid>.json`` record describes (token included).
    A server listening on every address (``--ServerApp.ip=0.0.0.0`` in a container) is named
    127.0.0.1, which a browser on the same machine (or the container's host) can open."""
    parts = urllib.parse.urlsplit(info["url"])
    if parts.hostname in ("0.0.0.0", "::"):
        parts = parts._replace(netloc=f"127.0.0.1:{parts.port}")
    token = info.get("token") or ""
    return f"{urllib.parse.urlunsplit(parts)}lab" + (f"?token={token}" if token else "")


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


def lab_settings_file(venv):
    """Where JupyterLab in ``venv`` looks for default settings (the same path on every OS)."""
    return Path(venv) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def merged_settings(existing):
    """``existing`` overrides (a dict) with the quiet settings added; other settings are kept."""
    merged = dict(existing)
    for plugin, values in QUIET_SETTINGS.items():
        merged[plugin] = {**merged.get(plugin, {}), **values}
    return merged


def requirements_digest(root):
    """A fingerprint of the files whose change means the environment must be reinstalled."""
    h = hashlib.sha256()
    for name in REQUIREMENT_FILES:
        path = Path(root) / name
        h.update(name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"") + b"\0")
    return h.hexdigest()


def backup_name(path, now):
    """``02_x.ipynb`` -> ``02_x.2026-12-01_19-45-00.ipynb`` for local time ``now`` (a struct_time)."""
    path = Path(path)
    return f"{path.stem}.{time.strftime('%Y-%m-%d_%H-%M-%S', now)}{path.suffix}"


# --- the learner workspace ---------------------------------------------------------------------

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


def _write_readonly(path, text):
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
        _write_readonly(folder / path.name, notebook_json(solution_view(read_notebook(path), path.name)))
    return folder


def write_atomically(path, text):
    """Write ``text`` to ``path`` through a temporary file: Ctrl+C never leaves half a file."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


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


# --- the environment ---------------------------------------------------------------------------

def check_python(version_info=None, platform=None, executable=None):
    problem = python_problem(version_info or sys.version_info, platform or sys.platform,
                             executable or sys.executable)
    if problem:
        raise CourseError(problem)


def _python_version(python):
    try:
        out = subprocess.run([str(python), "-c", "import sys; print(*sys.version_info[:2])"],
                             capture_output=True, text=True, timeout=60)
    except OSError:
        return None
    parts = out.stdout.split()
    return tuple(int(p) for p in parts) if out.returncode == 0 and len(parts) == 2 else None


def _write_mark(path, text=""):
    """Write one of the set-up's marks atomically (a mark is there whole or not at all)."""
    write_atomically(path, text + "\n")


def _read_mark(path):
    try:
        return Path(path).read_text(encoding="utf-8").strip()
    except OSError:
        return None


def remove_venv(venv):
    """Delete ``venv``, its marks first, so that a Ctrl+C halfway leaves it visibly incomplete."""
    for mark in (INSTALLED, CREATED):
        (Path(venv) / mark).unlink(missing_ok=True)
    shutil.rmtree(venv)


def _setup_step(argv, platform=sys.platform, **kwargs):
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
        _end_group(proc, platform)
        raise


def _end_group(proc, platform):
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


def ensure_venv(root=ROOT, venv=VENV, platform=sys.platform):
    """Create ``venv`` if missing, rebuild it if broken or left incomplete (by Ctrl+C, say),
    install the requirements when they changed; return its Python."""
    venv = Path(venv)
    python = venv_python(venv, platform)
    problem = venv_problem(venv, _python_version(python))
    if problem:
        print(f"Rebuilding {venv.name}: {problem}.")
        remove_venv(venv)
    if not venv.exists():
        print(f"Creating {venv.name} with Python {sys.version.split()[0]} ({sys.executable})")
        if _setup_step([sys.executable, "-m", "venv", str(venv)], platform) != 0:
            raise CourseError(venv_failed_hint(platform))
        _write_mark(venv / CREATED)
    digest = requirements_digest(root)
    if _read_mark(venv / INSTALLED) == digest:
        return python
    _write_mark(venv / INSTALLING, digest)
    pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    env = quiet_pip_environment(os.environ)
    for message, extra in ((f"Upgrading pip in {venv.name}", ["--upgrade", "pip"]),
                           (f"Installing requirements.txt into {venv.name} (the first time takes "
                            f"{FIRST_INSTALL})", ["-r", "requirements.txt"])):
        print(message)
        if _setup_step(pip + extra, platform, cwd=root, env=env) != 0:
            (venv / INSTALLING).unlink()  # pip failed cleanly: the next run retries in place
            raise CourseError("Installing the requirements failed (see pip's message above). "
                              "The first install needs access to PyPI; then run "
                              f"{command('lab', platform)} again.")
    _write_mark(venv / INSTALLED, digest)
    (venv / INSTALLING).unlink()
    return python


def write_quiet_settings(venv):
    """Add the quiet defaults to the lab's overrides.json in ``venv`` (other settings kept)."""
    path = lab_settings_file(venv)
    existing = _read_record(path) or {}
    merged = merged_settings(existing)
    if merged != existing:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(merged, indent=2) + "\n")
    return path


def _run(argv, **kwargs):
    """Run a command in the foreground; Ctrl+C stops it and returns its exit code."""
    sys.stdout.flush()  # our messages first, then the command's
    return _wait(subprocess.Popen([str(a) for a in argv], **kwargs))


def _wait(proc):
    while True:
        try:
            return proc.wait()
        except KeyboardInterrupt:
            continue  # the child got the Ctrl+C too and shuts down on its own


# --- the lab's server ----------------------------------------------------------------------------

def server_answers(info, timeout=2.0):
    """True if the server a ``jpserver-<pid>.json`` record describes answers with its token."""
    try:
        request = urllib.request.Request(f"{info['url']}api/status",
                                         headers={"Authorization": f"token {info.get('token', '')}"})
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # 127.0.0.1: no proxy
        with opener.open(request, timeout=timeout) as response:
            return response.status == 200
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _read_record(path):
    """The JSON object in the file at ``path``; None if it is missing, unreadable or not one."""
    try:
        info = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) else None


def _same_folder(a, b):
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def running_lab(runtime, workspace):
    """The record of a running lab on ``workspace`` (its server answers), or None. Records of
    servers that no longer answer (ended without cleaning up) are ignored."""
    for path in sorted(Path(runtime).glob("jpserver-*.json")):
        info = _read_record(path)
        if info and _same_folder(info.get("root_dir", ""), workspace) and server_answers(info):
            return info
    return None


def wait_for_lab(proc, record, timeout=300):
    """The record ``jpserver-<pid>.json`` once the server ``proc`` writes it and answers; None
    if the server ends first or takes longer than ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        info = _read_record(record)
        if info and server_answers(info):  # a stale record of an earlier pid does not answer
            return info
        time.sleep(0.25)
    return None


def start_lab(argv, env, runtime, cwd):
    """Start JupyterLab, print its login link once it answers, return its exit code."""
    Path(runtime).mkdir(mode=0o700, parents=True, exist_ok=True)
    sys.stdout.flush()
    proc = subprocess.Popen([str(a) for a in argv], cwd=cwd, env=env)
    try:
        info = wait_for_lab(proc, Path(runtime) / f"jpserver-{proc.pid}.json")
        if info:
            print(f"JupyterLab is ready: {lab_link(info)}  (no browser window? paste this link "
                  "into your browser)")
            print("Over SSH or in a container, see docs/learning.md (\"Open the lab from another "
                  "machine\"). Stop the lab with Ctrl+C, twice.", flush=True)
        elif proc.poll() is None:
            print("JupyterLab has not answered for 5 minutes; its messages above may say why.")
    except KeyboardInterrupt:
        pass  # the server got the Ctrl+C too
    return _wait(proc)


# --- the commands ------------------------------------------------------------------------------

def cmd_venv(args, extra):
    ensure_venv()
    return 0


def cmd_lab(args, extra):
    runtime = runtime_dir(os.environ)
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
    return _run([python, "-c", "import sys; from helpers.checks.progress import course_table; "
                 "print(*course_table(sys.argv[1]), sep='\\n')", WORKSPACE], cwd=ROOT)


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
        codes.append(_run([python, "-m", "pytest", *tier, *(extra or ["tests"])], cwd=ROOT, env=env))
    if args.only in (None, "notebooks") and not args.fast:
        notebooks = [p.relative_to(ROOT) for p in course_notebooks(NOTEBOOKS)]
        codes.append(_run([python, "-m", "pytest", "--nbval", "--nbval-current-env",
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
    return _run([python, "-m", "maintainer_tools.store_outputs", *paths], cwd=ROOT)


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
