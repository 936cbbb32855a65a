"""The time limit on the learner's call, and what stops a call that ignores it.

Three layers, each for what the one before can't stop:

1. SIGALRM (main thread, Linux and macOS): raises ``TimeLimitExceeded`` in the learner's
   code when the limit is reached, even inside ``time.sleep``.
2. A watchdog thread, ``GRACE`` seconds later: raises ``TimeLimitExceeded`` in the
   learner's thread itself (``PyThreadState_SetAsyncExc``), again every ``RESEND``
   seconds. This stops a function that cancelled the alarm (``signal.alarm(0)``),
   ignores SIGALRM or catches the exception, on any thread and on Windows.
3. ``faulthandler``'s own timer, ``HARD_STOP_AFTER`` seconds past the limit: for a call
   that is still running then (a long computation in C, such as ``sum(range(10**13))``,
   which keeps Python from running anything else), it ends the kernel, and the note it
   leaves (where the learner's code was) is shown when ``helpers.checks`` is imported
   again after the restart (``report_earlier_stop``).
"""

import atexit
import ctypes
import faulthandler
import os
import re
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

GRACE = 0.5              # seconds after the alarm before the watchdog steps in
RESEND = 0.5             # seconds between the watchdog's tries
HARD_STOP_AFTER = 10.0   # seconds past the limit before the kernel is ended
NOTE_START = "helpers.checks stopped the kernel"
_NOTES = Path(tempfile.gettempdir()) / (f"helpers-checks-{os.getuid()}" if hasattr(os, "getuid")
                                        else "helpers-checks")


class TimeLimitExceeded(BaseException):
    """Raised inside the learner's function when it runs too long (a BaseException, so a
    learner's ``except Exception`` can't swallow it)."""


def _raise_in(thread_id, exc):
    """Raise the exception class ``exc`` in the thread ``thread_id`` at its next Python
    instruction. (Never called with NULL to cancel one: on Python 3.11 that leaves the
    interpreter checking for it after every instruction from then on.)"""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc))


class _Note:
    """The file the hard stop writes into (one per process), empty unless armed."""

    file = None

    @classmethod
    def arm(cls, seconds, label):
        if cls.file is None:
            _NOTES.mkdir(mode=0o700, exist_ok=True)
            path = _NOTES / f"stopped-{os.getpid()}.txt"
            cls.file = open(path, "w+", encoding="utf-8")
            atexit.register(path.unlink, missing_ok=True)
        cls.file.seek(0)
        cls.file.truncate()
        cls.file.write(f"{NOTE_START} (it had to: a check could not stop {label}).\n"
                       f"thread {threading.get_ident()}\n")
        cls.file.flush()
        faulthandler.dump_traceback_later(seconds, exit=True, file=cls.file)

    @classmethod
    def disarm(cls):
        faulthandler.cancel_dump_traceback_later()
        cls.file.seek(0)
        cls.file.truncate()


class Limit:
    """The time limit of one call, started in the thread of the call.

    The caller ends it in two steps, because an exception raised into its thread can land
    at any Python instruction: first, with no Python call on the way,
    ``with limit.lock: limit.finished = True`` (after that the watchdog sends nothing, and
    one it had sent lands right there, where the caller's ``try`` catches it); then, from
    a place nothing can land any more, ``stop()``. ``fired`` tells whether the limit was
    reached."""

    def __init__(self, seconds, label="your function"):
        self.seconds, self.label = seconds, label
        self.fired = self.finished = False
        self.lock = threading.Lock()
        self.wake = threading.Event()
        self.thread_id = threading.get_ident()
        self.alarm = None

    def start(self):
        if self.seconds is None:
            return
        _Note.arm(self.seconds + HARD_STOP_AFTER, self.label)
        threading.Thread(target=self._watch, name="helpers.checks watchdog", daemon=True).start()
        if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
            self._start_alarm()

    def _start_alarm(self):
        def stop(signum, frame):
            if not self.finished:  # an alarm that comes after the call is ignored
                self.fired = True
                raise TimeLimitExceeded()
        outer, _ = signal.getitimer(signal.ITIMER_REAL)  # someone else's alarm (pytest-timeout)
        self.alarm = (signal.signal(signal.SIGALRM, stop), outer, time.monotonic())
        signal.setitimer(signal.ITIMER_REAL, min(self.seconds, outer) if outer else self.seconds)

    def _watch(self):
        delay = self.seconds + GRACE
        while not self.wake.wait(delay):
            with self.lock:
                if self.finished:
                    return
                self.fired = True
                _raise_in(self.thread_id, TimeLimitExceeded)
            delay = RESEND

    def stop(self):
        """Undo what ``start`` set up (call it once ``finished`` is set)."""
        self.finished = True
        self.wake.set()
        if self.alarm is not None:
            previous, outer, began = self.alarm
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            self.alarm = None
            if outer:  # give the outer alarm back what is left of it
                signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - began), 1e-3))
        if self.seconds is not None:
            _Note.disarm()


def report_earlier_stop(stream=None):
    """Show, once, the note of a kernel this user's checks had to end; return its text."""
    notes = sorted(_NOTES.glob("stopped-*.txt")) if _NOTES.is_dir() else []
    shown = None
    for path in notes:
        if path.name == f"stopped-{os.getpid()}.txt":
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            continue
        if "Timeout (" not in text:   # empty, or a kernel still running a check
            continue
        path.unlink(missing_ok=True)
        shown = _describe(text)
        print(shown, file=stream or sys.stdout)
    return shown


def _describe(text):
    first, ident, dump = (text.split("\n", 2) + ["", ""])[:3]
    thread = int(ident.split()[-1]) if ident.startswith("thread ") else None
    where, current = [], None
    for line in dump.splitlines():
        if line.startswith(("Thread 0x", "Current thread 0x")):
            current = int(re.search(r"0x([0-9a-f]+)", line)[1], 16)
        elif line.lstrip().startswith("File ") and current == thread and \
                f"{os.sep}helpers{os.sep}" not in line:
            where.append("  " + line.strip())
    return (f"{first}\nIt ran past its time limit and did not respond to being stopped: a "
            f"long computation inside numpy or Python's C code (sum(range(10**12)), a huge "
            f"matrix), or code that turns off the time limit. The kernel was restarted; look "
            f"for a loop that never ends or a computation far larger than the exercise needs, "
            f"then run the notebook again." + ("\nWhere it was:\n" + "\n".join(where) if where else ""))
