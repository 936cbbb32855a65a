"""course.py's set-up survives Ctrl+C: every step leaves a mark, the next run rebuilds what was
left incomplete and says so in one line, and Ctrl+C ends with one line, not a traceback.

The unit tests here replace the steps (venv, pip) by stand-ins; tests/course/test_first_hour.py
interrupts the real ones on a fresh clone."""

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

import course
import learner.environment
import learner.files
import learner.platforms
from learner.environment import CREATED, FIRST_INSTALL, INSTALLED, INSTALLING


@pytest.fixture
def steps(monkeypatch, tmp_path):
    """The set-up with stand-in steps: each is recorded; `python -m venv` makes the folder."""
    done = []
    outcome = {}  # step name -> exit code, or KeyboardInterrupt to raise

    def step(argv, platform=sys.platform, **kwargs):
        argv = [str(a) for a in argv]
        name = "venv" if argv[1:3] == ["-m", "venv"] else argv[-1]
        done.append((name, kwargs.get("env")))
        result = outcome.get(name, 0)
        if name == "venv" and result in (0, KeyboardInterrupt):
            Path(argv[-1]).mkdir()  # as python -m venv does first
        if result is KeyboardInterrupt:
            raise KeyboardInterrupt
        return result

    monkeypatch.setattr(learner.environment, "setup_step", step)
    monkeypatch.setattr(learner.environment, "python_version", lambda python: (3, 11))
    (tmp_path / "requirements.txt").write_text("numpy==2.4.6\n")
    (tmp_path / "pyproject.toml").write_text("[project]\n")

    def run():
        done.clear()
        python = learner.environment.ensure_venv(root=tmp_path, venv=tmp_path / ".venv", platform="linux")
        assert python == tmp_path / ".venv" / "bin" / "python"
        return [name for name, _ in done]

    run.outcome, run.done, run.venv = outcome, done, tmp_path / ".venv"
    return run


def _marks(venv):
    return sorted(p.name for p in venv.iterdir() if p.name.startswith("."))


def test_a_first_install_creates_then_installs_and_leaves_its_marks(steps, capsys):
    assert steps() == ["venv", "pip", "requirements.txt"]
    assert _marks(steps.venv) == [CREATED, INSTALLED]
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Creating .venv with Python ")
    assert out[1:] == ["Upgrading pip in .venv",
                       f"Installing requirements.txt into .venv (the first time takes {FIRST_INSTALL})"]
    assert steps() == []  # up to date: nothing runs


def test_pip_runs_without_setuptools_editable_banner(steps):
    steps()
    pip_envs = [env for name, env in steps.done if name != "venv"]
    assert pip_envs and all("ignore:Editable installation" in env["PYTHONWARNINGS"].split(",")
                            for env in pip_envs)
    assert learner.environment.quiet_pip_environment({"PYTHONWARNINGS": "error"})["PYTHONWARNINGS"] == \
        "error,ignore:Editable installation"


@pytest.mark.parametrize("interrupted, message", [
    ("venv", "Rebuilding .venv: its creation was interrupted."),
    ("pip", "Rebuilding .venv: its last install was interrupted."),
    ("requirements.txt", "Rebuilding .venv: its last install was interrupted.")])
def test_after_ctrl_c_at_any_step_the_next_run_rebuilds_and_says_so(steps, capsys, interrupted, message):
    steps.outcome[interrupted] = KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        steps()
    assert INSTALLED not in _marks(steps.venv)
    capsys.readouterr()
    steps.outcome.clear()
    assert steps() == ["venv", "pip", "requirements.txt"]
    out = capsys.readouterr().out.splitlines()
    assert out[0] == message and sum(line.startswith("Rebuilding") for line in out) == 1
    assert _marks(steps.venv) == [CREATED, INSTALLED]


def test_a_venv_with_python_but_no_pip_from_before_these_marks_is_rebuilt(steps, capsys):
    (steps.venv / "bin").mkdir(parents=True)  # the state an interrupted `python -m venv` left
    (steps.venv / "bin" / "python").write_text("")
    assert steps() == ["venv", "pip", "requirements.txt"]
    assert capsys.readouterr().out.startswith("Rebuilding .venv: its creation was interrupted.")


def test_a_complete_venv_from_before_these_marks_is_kept(steps):
    steps()
    (steps.venv / CREATED).unlink()  # made by an older course.py: only .installed
    assert steps() == []


def test_a_failed_pip_retries_in_place_next_time(steps, capsys):
    steps.outcome["requirements.txt"] = 1
    with pytest.raises(learner.platforms.CourseError, match="needs access to PyPI"):
        steps()
    assert _marks(steps.venv) == [CREATED]  # not "interrupted": pip ended on its own
    steps.outcome.clear()
    assert steps() == ["pip", "requirements.txt"]
    assert "Rebuilding" not in capsys.readouterr().out


@pytest.mark.parametrize("files, version, problem", [
    ([], None, "its creation was interrupted"),
    ([CREATED], (3, 11), None),
    ([INSTALLED], (3, 12), None),
    ([CREATED, INSTALLING], (3, 11), "its last install was interrupted"),
    ([CREATED, INSTALLED], None, "it is missing its Python or uses an older one"),
    ([CREATED, INSTALLED], (3, 9), "it is missing its Python or uses an older one")])
def test_what_makes_a_venv_incomplete(tmp_path, files, version, problem):
    assert learner.environment.venv_problem(tmp_path / "absent", None) is None
    for name in files:
        (tmp_path / name).write_text("")
    assert learner.environment.venv_problem(tmp_path, version) == problem


def test_removing_a_venv_drops_its_marks_first(tmp_path, monkeypatch):
    venv = tmp_path / ".venv"
    (venv / "lib").mkdir(parents=True)
    for name in (CREATED, INSTALLED):
        (venv / name).write_text("x\n")

    def interrupted_rmtree(path):
        assert not (venv / CREATED).exists() and not (venv / INSTALLED).exists()
        raise KeyboardInterrupt

    monkeypatch.setattr(learner.environment.shutil, "rmtree", interrupted_rmtree)
    with pytest.raises(KeyboardInterrupt):
        learner.environment.remove_venv(venv)
    assert learner.environment.venv_problem(venv, (3, 11)) == "its creation was interrupted"


@pytest.mark.parametrize("action", ["lab", "venv", "test"])
def test_ctrl_c_ends_with_one_line_and_no_traceback(monkeypatch, capsys, action):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(course, "ensure_venv", interrupted)
    monkeypatch.setattr(course, "running_lab", lambda runtime, workspace: None)
    assert course.main([action]) == 130
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert lines == [f"course.py: stopped by Ctrl+C. Nothing is lost: python3 course.py {action} "
                     "finishes what was left incomplete."]


@pytest.mark.skipif(sys.platform == "win32", reason="process groups are POSIX's")
def test_ctrl_c_ends_a_steps_whole_process_group(tmp_path, monkeypatch):
    """`python -m venv` runs ensurepip in a child: Ctrl+C must stop that one too, or it would
    go on writing into a .venv the next run is rebuilding."""
    pids = tmp_path / "pids"
    script = ("import os, subprocess, sys, time\n"
              "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
              f"open({str(pids)!r}, 'w').write(f'{{os.getpid()}} {{child.pid}}')\n"
              "time.sleep(60)\n")
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started ignoring it
    timer = None
    try:
        def interrupt_once_started():
            while not pids.exists() or not pids.read_text():
                time.sleep(0.05)
            os.kill(os.getpid(), signal.SIGINT)  # what the terminal's Ctrl+C does to course.py

        timer = threading.Thread(target=interrupt_once_started, daemon=True)
        timer.start()
        started = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            learner.environment.setup_step([sys.executable, "-c", script])
        assert time.monotonic() - started < 30
    finally:
        signal.signal(signal.SIGINT, previous)
    for pid in map(int, pids.read_text().split()):
        deadline = time.monotonic() + 10
        while _alive(pid):
            assert time.monotonic() < deadline, f"process {pid} of the step still runs"
            time.sleep(0.1)


def _alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


def test_course_py_writes_learner_copies_whole_or_not_at_all(tmp_path, monkeypatch):
    target = tmp_path / "02.ipynb"
    target.write_text("old")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(learner.files.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        learner.files.write_atomically(target, "new text")
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["02.ipynb"]


def test_a_step_exit_code_comes_back(tmp_path):
    assert learner.environment.setup_step([sys.executable, "-c", "raise SystemExit(3)"]) == 3
