"""Watching the learner's call for the routes round the grading.

A route is a way for the learner's function to return the right answer without computing
it. ``Watch`` (``start()`` before the call, ``stop()`` after) records the first one it sees:

- ``reference``: a reference solution runs: its code, or a copy of it (compared by
  content: ``integrity.code_key``), in the learner's thread or in a thread it starts
  (``threading.Thread``, whose threads are followed); or the course-style code of
  ``helpers.checks.course`` runs (by where it was loaded from: a learner's own function
  may be that text to the byte, and is not refused for it);
- ``handed``: a reference is handed to other code as an argument (``pool.submit(ref, ...)``
  to a thread pool started before the check, whose threads are not followed);
- ``pool``: work goes to ``concurrent.futures`` or ``multiprocessing``, whose workers the
  checks can't see (another process, or threads started elsewhere);
- ``process``: a process is started (``os.fork``, ``subprocess``, ``os.system``...): an
  audit hook stops it before it starts, from any thread, while the call runs;
- ``thread``: a thread started with ``_thread`` directly, which can't be followed;
- ``tamper``: the call turns off what the checks watch with (``sys.setprofile``,
  ``threading.setprofile``, the hard time limit in ``faulthandler``).

``explain(route, name)`` gives the headline and hint of the check's failure.
"""

import faulthandler
import functools
import importlib.util
import os
import sys
import sysconfig
import threading
import types
import _thread

from . import course, integrity

PROCESS_EVENTS = frozenset({"os.fork", "os.forkpty", "os.system", "os.exec", "os.spawn",
                            "os.posix_spawn", "os.startfile", "subprocess.Popen", "pty.spawn"})
_ACTIVE = []   # the Watch of the call in progress (the audit hook reads it)


class RouteBlocked(BaseException):
    """Raised where the learner's call tries to start a process (a BaseException, so an
    ``except Exception`` in the learner's code does not hide it)."""


def _audit(event, args):
    if _ACTIVE and event in PROCESS_EVENTS:
        _ACTIVE[-1].saw("process", event)
        raise RouteBlocked(f"the checks stopped {event}")


sys.addaudithook(_audit)  # an audit hook stays for the process's life: idle outside a check


def _package_dir(name):
    spec = importlib.util.find_spec(name)
    return os.path.join(spec.submodule_search_locations[0], "")


_STDLIB = os.path.join(sysconfig.get_paths()["stdlib"], "")
_POOLS = (_package_dir("concurrent.futures"), _package_dir("multiprocessing"))
_THREAD_START = threading.Thread.start.__code__
_THREADING_FILE = threading.__file__
_TAMPER_CODES = {threading.setprofile.__code__: "threading.setprofile"}
if hasattr(threading, "setprofile_all_threads"):
    _TAMPER_CODES[threading.setprofile_all_threads.__code__] = "threading.setprofile_all_threads"
_C_ROUTES = {sys.setprofile: ("tamper", "sys.setprofile"),
             faulthandler.cancel_dump_traceback_later: ("tamper", "faulthandler.cancel_dump_traceback_later"),
             faulthandler.dump_traceback_later: ("tamper", "faulthandler.dump_traceback_later")}
for _name in ("start_new_thread", "start_joinable_thread", "start_new"):  # start_new: an alias
    if hasattr(_thread, _name):
        _C_ROUTES.setdefault(getattr(_thread, _name), ("thread", f"_thread.{_name}"))
if hasattr(sys, "_setprofileallthreads"):
    _C_ROUTES[sys._setprofileallthreads] = ("tamper", "sys._setprofileallthreads")
_FOLLOWED = "thread start"  # the verdict for Thread.start: the new thread is watched too


def _where(code):
    """'concurrent.futures.thread.ThreadPoolExecutor.submit' for a standard-library code object."""
    module = os.path.relpath(code.co_filename, _STDLIB)[:-len(".py")].replace(os.sep, ".")
    module = module.removesuffix(".__init__")
    return module if code.co_name in ("<module>", "__getattr__") else f"{module}.{code.co_qualname}"


def _unwrap(value):
    for _ in range(8):
        if type(value) is functools.partial:
            value = value.func
        elif type(value) is types.MethodType:
            value = value.__func__
        else:
            break
    return value


class Watch:
    """Records the first route the learner's call takes (``route``: (kind, what) or None)."""

    def __init__(self, references):
        self.references = references   # {code_key: name}
        self.route = None
        self.seen = {}                  # id(code) -> (code, verdict), for this call
        self.threads = set()            # the threading.Thread objects the call started
        self.active = False

    def saw(self, kind, what):
        if self.route is None:
            self.route = (kind, what)

    def verdict(self, code):
        entry = self.seen.get(id(code))
        if entry is None:
            name = self.references.get(integrity.code_key(code))
            if name is not None:
                found = ("reference", name)
            elif code.co_filename.startswith(course.DIR):   # the course-style code the diagnosis traces
                found = ("reference", f"helpers.checks.course: {code.co_qualname}")
            elif code is _THREAD_START:
                found = _FOLLOWED
            elif code in _TAMPER_CODES:
                found = ("tamper", _TAMPER_CODES[code])
            elif code.co_filename.startswith(_POOLS):
                found = ("pool", _where(code))
            else:
                found = None
            entry = self.seen[id(code)] = (code, found)
        return entry[1]

    def handed(self, value):
        """The name of the reference ``value`` is (or holds, one level down), or None."""
        if type(value) in (tuple, list):
            for item in value[:32]:
                name = self.handed_one(item)
                if name:
                    return name
            return None
        return self.handed_one(value)

    def handed_one(self, value):
        value = _unwrap(value)
        if type(value) is types.FunctionType:
            found = self.verdict(value.__code__)
            if found and found[0] == "reference":
                return found[1]
        return None

    def profile(self, frame, event, arg):
        if not self.active:
            sys.setprofile(None)  # a thread of the call still running after it: stop watching
            return
        if event == "call":
            found = self.verdict(frame.f_code)
            if found is _FOLLOWED:
                self.threads.add(frame.f_locals.get("self"))
            elif found is not None:
                self.saw(*found)
            if self.route is None:
                for value in frame.f_locals.values():
                    name = self.handed(value)
                    if name:
                        self.saw("handed", name)
                        break
        elif event == "c_call":
            found = _C_ROUTES.get(arg) if type(arg) is types.BuiltinFunctionType else None
            if found and not (found[0] == "thread" and frame.f_code.co_filename == _THREADING_FILE):
                self.saw(*found)

    def thread_profile(self, frame, event, arg):
        """The profile of threads started while the call runs: watch those the call started."""
        if self.active and threading.current_thread() in self.threads:
            sys.setprofile(self.profile)
            self.profile(frame, event, arg)
        else:
            sys.setprofile(self.previous[1])

    def start(self):
        self.previous = (sys.getprofile(), threading.getprofile())
        self.active = True
        _ACTIVE.append(self)
        threading.setprofile(self.thread_profile)
        sys.setprofile(self.profile)

    def stop(self):
        """Stop watching (again and again: only the first call does something)."""
        if self.active:
            self.active = False   # first, so the profile ignores the calls below
            sys.setprofile(self.previous[0])
            threading.setprofile(self.previous[1])
            _ACTIVE.remove(self)


_NOT_YOURS = ("write {name} yourself, from your own functions of this notebook: the checks "
              "compare with the reference solutions, so calling one proves nothing. The "
              "building blocks the notebook hands you (helpers.activations) are fine.")
_ELSEWHERE = ("compute the result in {name} itself: the checks can only see what runs in this "
              "kernel, in your function's thread and the threads it starts, so work done in "
              "another process or pool can't be graded.")


def explain(route, name):
    """(headline, hint) of a check that saw ``route`` in the learner's ``name``."""
    kind, what = route
    headline = {
        "reference": f"your function runs a reference solution ({what})",
        "handed": f"your function hands a reference solution ({what}) to other code",
        "pool": f"your function sends work to {what}",
        "process": f"your function tried to start another process ({what}); the checks stopped it",
        "thread": f"your function starts a thread with {what}, which the checks can't follow",
        "tamper": f"your function calls {what}, which the checks use to watch it",
    }[kind]
    if kind in ("reference", "handed"):
        return headline, _NOT_YOURS.format(name=name)
    if kind == "tamper":
        return headline, (f"remove that call from {name}, restart the kernel (Kernel > Restart) "
                          f"and run the cells again.")
    return headline, _ELSEWHERE.format(name=name)
