"""helpers.checks.deadline: a learner's function that blocks the time limit is still stopped
with a clear message: one that cancels or ignores the alarm (the watchdog), and one stuck
in a long computation in C, which only ending the kernel stops (tested in a subprocess,
whose next import of helpers.checks says what happened)."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from helpers.checks import CHECKS, core
from helpers.checks.feedback import CheckFailed

from .test_course_style import propagate as my_propagate

check_sigmoid = CHECKS["nb02_logistic.sigmoid"]


@pytest.fixture
def short_limit(monkeypatch):
    monkeypatch.setattr(core, "EXTRA_SECONDS", 1.0)


def stopped(fn):
    start = time.perf_counter()
    with pytest.raises(CheckFailed, match="ran for .* s and was stopped") as info:
        check_sigmoid(fn)
    return time.perf_counter() - start, str(info.value)


def test_a_function_that_cancels_the_alarm_is_stopped(short_limit):
    def sigmoid(z):
        signal.setitimer(signal.ITIMER_REAL, 0)   # as signal.alarm(0) does
        while True:
            pass

    seconds, text = stopped(sigmoid)
    assert seconds < 5 and "an infinite loop?" in text


def test_a_function_that_ignores_sigalrm_is_stopped_and_the_handler_comes_back(short_limit):
    before = signal.getsignal(signal.SIGALRM)

    def sigmoid(z):
        signal.signal(signal.SIGALRM, signal.SIG_IGN)
        while True:
            pass

    seconds, _ = stopped(sigmoid)
    assert seconds < 5 and signal.getsignal(signal.SIGALRM) == before


def test_a_function_that_swallows_the_stop_is_stopped_again(short_limit):
    def sigmoid(z):
        signal.setitimer(signal.ITIMER_REAL, 0)
        for _ in range(3):   # catches the first stops, gives in at the fourth
            try:
                while True:
                    pass
            except BaseException:  # noqa: BLE001 - what a learner's code might do
                pass
        while True:
            pass

    seconds, _ = stopped(sigmoid)
    assert seconds < 8


def test_the_checks_run_as_before_after_a_stop(short_limit, capsys):
    def sigmoid(z):
        signal.setitimer(signal.ITIMER_REAL, 0)
        while True:
            pass

    stopped(sigmoid)
    start = time.perf_counter()
    CHECKS["nb02_logistic.propagate"](my_propagate)
    assert time.perf_counter() - start < 1.0 and "all 4 cases passed" in capsys.readouterr().out


HANGS = """\
import sys
sys.path.insert(0, {root!r})
from helpers.checks import CHECKS, core, deadline
core.EXTRA_SECONDS = 0.5
deadline.HARD_STOP_AFTER = 1.5

def sigmoid(z):
    return sum(range(10 ** 13))   # hours inside C: no Python instruction, no signal handler

CHECKS["nb02_logistic.sigmoid"](sigmoid)
print("the check returned")
"""


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="the hard stop is tested on POSIX")
def test_a_long_computation_in_c_ends_the_kernel_and_the_next_import_says_why(tmp_path):
    env = dict(os.environ, TMPDIR=str(tmp_path))  # its own folder of notes
    script = tmp_path / "learner.py"
    script.write_text(HANGS.format(root=str(os.getcwd())))
    start = time.perf_counter()
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env,
                         timeout=60, cwd=tmp_path)
    took = time.perf_counter() - start
    assert out.returncode == 1 and "the check returned" not in out.stdout, out
    assert took < 30, took

    again = subprocess.run([sys.executable, "-c", "import helpers.checks"], capture_output=True,
                           text=True, env=env, timeout=60, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    note = again.stdout
    assert "helpers.checks stopped the kernel (it had to: a check could not stop sigmoid)" in note
    assert "did not respond to being stopped" in note and "sum(range(10**12))" in note
    assert f'File "{script}", line 8 in sigmoid' in note
    assert "helpers" + os.sep + "checks" not in note.split("Where it was:")[1]  # only the learner's lines
    # said once: the next import is silent
    third = subprocess.run([sys.executable, "-c", "import helpers.checks"], capture_output=True,
                           text=True, env=env, timeout=60, cwd=tmp_path)
    assert third.stdout == ""


def test_an_ordinary_check_leaves_no_note(tmp_path):
    env = dict(os.environ, TMPDIR=str(tmp_path))
    code = textwrap.dedent("""\
        from helpers.checks import CHECKS
        import numpy as np
        CHECKS["nb02_logistic.sigmoid"](lambda z: 1 / (1 + np.exp(-np.asarray(z, dtype=float))))
        """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         timeout=60)
    assert out.returncode == 0 and "cases passed" in out.stdout, out.stderr
    assert list(tmp_path.rglob("stopped-*.txt")) == []   # removed at exit
