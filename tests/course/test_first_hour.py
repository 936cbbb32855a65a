"""A learner's first hour with course.py, for real, on fresh clones of this checkout.

- Ctrl+C (SIGINT to course.py's process group, as a terminal sends it) while the first install
  creates the venv, upgrades pip or installs the requirements ends with one line; the next
  `course.py lab` rebuilds, says so in one line, stays quiet, and prints a login link that logs
  in from another client using nothing but that link.
- A second `lab` on the same workspace prints the running one's link; a record left by a dead
  server is ignored, and a busy port 8888 makes the link name the port really used.

The install tests download from PyPI (here pip's cache is warm), so they are `network` and
`slow`; the second-lab test reuses this checkout's .venv and is `slow` only.
"""

import http.cookiejar
import json
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import course
import learner.environment
from tests.checkout import fresh_clone

if sys.platform == "win32":  # a failure under --no-skips; CI runs on Linux
    pytest.skip("these tests drive course.py on a POSIX pseudo-terminal", allow_module_level=True)

import fcntl  # noqa: E402
import termios  # noqa: E402

READY = re.compile(r"^JupyterLab is ready: (http://127\.0\.0\.1:(\d+)/lab\?token=([0-9a-f]{48}))  ", re.MULTILINE)
NOISE = ("Editable installation", "extension was successfully", "Skipped non-installed server",
         "language server", "Traceback")


class Course:
    """``course.py ARGS`` in ``clone`` on a terminal of its own (a pseudo-terminal), as a learner
    runs it: Ctrl+C is the byte ^C typed there, which the terminal turns into SIGINT for its
    foreground process group. The output is collected as it comes."""

    def __init__(self, clone, *args, env):
        self.fd, terminal = os.openpty()
        self.proc = subprocess.Popen([sys.executable, "course.py", *args], cwd=clone, env=env,
                                     stdin=terminal, stdout=terminal, stderr=terminal,
                                     start_new_session=True, preexec_fn=_take_terminal)
        os.close(terminal)
        self.chunks = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:  # the terminal closed: every process on it has ended
                return
            if not chunk:
                return
            self.chunks.append(chunk)

    @property
    def output(self):
        return b"".join(self.chunks).decode("utf-8", "replace").replace("\r\n", "\n")

    def wait_for(self, condition, timeout, what):
        deadline = time.monotonic() + timeout
        while not condition():
            assert self.proc.poll() is None or condition(), f"course.py ended before {what}:\n{self.output}"
            assert time.monotonic() < deadline, f"no {what} within {timeout} s:\n{self.output}"
            time.sleep(0.05)

    def ctrl_c(self):
        os.write(self.fd, b"\x03")

    def finish(self, timeout):
        code = self.proc.wait(timeout=timeout)
        self.reader.join(timeout=10)
        return code

    def stop_lab(self):
        """Ctrl+C, then Ctrl+C at Jupyter's "Shut down this Jupyter server?" question, as a
        learner stops the lab; afterwards make sure nothing of it is left."""
        try:
            if self.proc.poll() is None:
                self.ctrl_c()
                self.wait_for(lambda: "Shut down this Jupyter server" in self.output
                              or self.proc.poll() is not None, 30, "Jupyter's question")
                self.ctrl_c()
            self.finish(timeout=60)
        finally:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            self.proc.wait()
            os.close(self.fd)


def _take_terminal():
    """In the child: the pseudo-terminal becomes its controlling terminal; Ctrl+C acts as usual."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # even if this test's own parent ignores it


def _environment(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "IPYTHONDIR"):  # nothing of this machine's
        (tmp_path / var.lower()).mkdir(exist_ok=True)
        env[var] = str(tmp_path / var.lower())
    return dict(env, **extra)


def _log_in(link):
    """Open ``link`` as a browser on another client would, then use the session it got."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                         urllib.request.ProxyHandler({}))
    with opener.open(link, timeout=30) as page:
        assert page.status == 200 and b"JupyterLab" in page.read()
    base = link.split("/lab?")[0]
    with opener.open(f"{base}/api/contents", timeout=30) as listing:  # the login cookie alone
        names = {item["name"] for item in json.load(listing)["content"]}
    assert {"02_logistic_regression.ipynb", "solutions"} <= names
    with pytest.raises(urllib.error.HTTPError, match="403"):  # and without it, no way in
        urllib.request.build_opener(urllib.request.ProxyHandler({})).open(f"{base}/api/contents", timeout=30)


def _site_packages(venv):
    found = list(venv.glob("lib/python3*/site-packages"))
    return found[0] if found else None


def _installing_started(venv):
    site = _site_packages(venv)
    return site is not None and any((site / name).exists() for name in ("numpy", "matplotlib", "jupyterlab"))


POINTS = {  # where Ctrl+C lands: (the line course.py printed, then what shows the step is under way)
    "creating the venv": ("Creating .venv", lambda venv: (venv / "pyvenv.cfg").exists()),
    "upgrading pip": ("Upgrading pip", lambda venv: time.sleep(0.3) or True),
    "installing requirements": ("Installing requirements.txt", _installing_started),
}
NEXT_STEP = {"creating the venv": "Upgrading pip", "upgrading pip": "Installing requirements.txt",
             "installing requirements": "Your workspace"}
REBUILT = {"creating the venv": "Rebuilding .venv: its creation was interrupted.",
           "upgrading pip": "Rebuilding .venv: its last install was interrupted.",
           "installing requirements": "Rebuilding .venv: its last install was interrupted."}


@pytest.mark.slow
@pytest.mark.network
@pytest.mark.parametrize("point", list(POINTS))
def test_ctrl_c_in_the_first_install_then_lab_gives_a_working_lab(tmp_path, point):
    clone = fresh_clone(tmp_path / "clone")
    venv = clone / ".venv"
    env = _environment(tmp_path)
    line, under_way = POINTS[point]

    first = Course(clone, "lab", "--no-browser", env=env)
    first.wait_for(lambda: line in first.output and under_way(venv), 600, f"{point} to start")
    first.ctrl_c()
    assert first.finish(timeout=60) == 130
    out = first.output
    assert NEXT_STEP[point] not in out, f"Ctrl+C came too late for {point}:\n{out}"
    assert out.rstrip().splitlines()[-1] == ("course.py: stopped by Ctrl+C. Nothing is lost: "
                                             "python3 course.py lab finishes what was left incomplete.")
    assert "Traceback" not in out and "KeyboardInterrupt" not in out
    assert not (venv / learner.environment.INSTALLED).exists()

    lab = Course(clone, "lab", "--no-browser", env=env)
    try:
        lab.wait_for(lambda: READY.search(lab.output), 900, "login link")
        out = lab.output
        assert out.splitlines()[0] == REBUILT[point] and out.count("Rebuilding") == 1
        assert not [noise for noise in NOISE if noise in out], out
        link = READY.search(out).group(1)
        _log_in(link)
        _no_token_in_any_command_line(READY.search(out).group(3))
        runtime = venv / "jupyter-runtime"
        assert stat.S_IMODE(runtime.stat().st_mode) == 0o700
        (record,) = runtime.glob("jpserver-*.json")
        assert stat.S_IMODE(record.stat().st_mode) == 0o600  # the token's file: the learner's only
    finally:
        lab.stop_lab()
    assert (venv / learner.environment.INSTALLED).exists()


def _no_token_in_any_command_line(token):
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            assert token.encode() not in cmdline.read_bytes()
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue


@pytest.mark.slow
def test_a_second_lab_shows_the_running_one_and_a_dead_servers_record_is_ignored(tmp_path):
    stamp = Path(sys.prefix) / learner.environment.INSTALLED
    if not stamp.is_file() or stamp.read_text().strip() != learner.environment.requirements_digest(course.ROOT):
        pytest.skip("this environment was not set up by course.py (run `python3 course.py test`)")
    clone = fresh_clone(tmp_path / "clone")
    (clone / ".venv").symlink_to(sys.prefix, target_is_directory=True)
    runtime = tmp_path / "runtime"
    env = _environment(tmp_path, JUPYTER_RUNTIME_DIR=str(runtime))

    first = Course(clone, "lab", "--no-browser", env=env)
    try:
        first.wait_for(lambda: READY.search(first.output), 300, "login link")
        link = READY.search(first.output).group(1)
        second = Course(clone, "lab", "--no-browser", env=env)
        assert second.finish(timeout=60) == 0
        assert second.output.splitlines() == [
            "JupyterLab is already running on my-notebooks/ "
            f"(process {first_server_pid(runtime)}), so no second one starts. Open it:", link]
        (record,) = runtime.glob("jpserver-*.json")
        left_behind = record.read_text()
    finally:
        first.stop_lab()
    assert not list(runtime.glob("jpserver-*.json"))  # a clean stop removes the record
    (runtime / record.name).write_text(left_behind)     # as a killed server leaves it

    with socket.socket() as busy:  # 8888 taken: Jupyter picks another port; the link says which
        busy.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Jupyter binds its port
        try:
            busy.bind(("127.0.0.1", 8888))
            busy.listen()
        except OSError:
            pass  # something else listens there already
        third = Course(clone, "lab", "--no-browser", env=env)
        try:
            third.wait_for(lambda: READY.search(third.output), 300, "login link")
            found = READY.search(third.output)
            assert "already running" not in third.output and found.group(2) != "8888"
            _log_in(found.group(1))
        finally:
            third.stop_lab()


def first_server_pid(runtime):
    (record,) = runtime.glob("jpserver-*.json")
    return json.loads(record.read_text())["pid"]
