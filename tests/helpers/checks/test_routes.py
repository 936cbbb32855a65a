"""helpers.checks rejects a reference solution however the learner's function reaches it
(threads, pools, processes, copies of its code, another notebook's references), and a
SystemExit or KeyboardInterrupt from the learner's code is a check message, not an escape."""

import concurrent.futures
import importlib
import inspect
import multiprocessing
import os
import queue
import subprocess
import sys
import threading
import types
import _thread

import numpy as np
import pytest

import helpers.nb02_logistic as ref
from helpers import cost
from helpers.checks import CHECKS, watch
from helpers.checks.feedback import CheckFailed

from .test_course_style import propagate as my_propagate

check_propagate = CHECKS["nb02_logistic.propagate"]
REFERENCE = "runs a reference solution \\(helpers.nb02_logistic.propagate\\)"


@pytest.fixture(autouse=True)
def nothing_left_behind():
    """Every route test leaves the interpreter as it found it."""
    children = len(multiprocessing.active_children())
    yield
    assert sys.getprofile() is None and threading.getprofile() is None
    assert watch._ACTIVE == []
    assert len(multiprocessing.active_children()) == children


def rejected(fn, match):
    with pytest.raises(CheckFailed, match=match) as info:
        check_propagate(fn)
    return str(info.value)


def test_a_correct_solution_still_passes(capsys):
    check_propagate(my_propagate)
    assert "all 4 cases passed" in capsys.readouterr().out


# --- threads ------------------------------------------------------------------------------

def test_the_reference_run_in_a_thread_the_function_starts():
    def propagate(w, b, X, Y):
        out = []
        t = threading.Thread(target=lambda: out.append(ref.propagate(w, b, X, Y)))
        t.start()
        t.join()
        return out[0]

    text = rejected(propagate, REFERENCE)
    assert "write propagate yourself" in text


@pytest.mark.parametrize("executor", [concurrent.futures.ThreadPoolExecutor,
                                      concurrent.futures.ProcessPoolExecutor])
def test_a_pool_of_threads_or_processes_made_in_the_function(executor):
    def propagate(w, b, X, Y):
        with executor(1) as pool:
            return pool.submit(ref.propagate, w, b, X, Y).result()

    rejected(propagate, "sends work to concurrent.futures")


def test_a_thread_pool_started_before_the_check():
    pool = concurrent.futures.ThreadPoolExecutor(1)
    pool.submit(int).result()   # its worker thread exists before the check starts
    try:
        rejected(lambda w, b, X, Y: pool.submit(ref.propagate, w, b, X, Y).result(),
                 "sends work to concurrent.futures.thread.ThreadPoolExecutor.submit")
    finally:
        pool.shutdown()


def test_a_reference_handed_to_a_worker_thread_started_before_the_check():
    jobs, results = queue.Queue(), queue.Queue()

    def worker():
        for fn, args in iter(jobs.get, None):
            results.put(fn(*args))

    thread = threading.Thread(target=worker, daemon=True)
    thread.start()
    try:
        def propagate(w, b, X, Y):
            jobs.put((ref.propagate, (w, b, X, Y)))
            return results.get()

        rejected(propagate, "hands a reference solution \\(helpers.nb02_logistic.propagate\\) "
                            "to other code")
    finally:
        jobs.put(None)
        thread.join()


def test_a_raw_thread_is_refused():
    def propagate(w, b, X, Y):
        done = threading.Event()
        out = []
        _thread.start_new_thread(lambda: (out.append(ref.propagate(w, b, X, Y)), done.set()), ())
        done.wait(5)
        return out[0]

    rejected(propagate, "starts a thread with _thread.start_new_thread")


def test_a_thread_of_the_notebook_running_a_reference_meanwhile_is_not_the_learners(capsys):
    """A playground training in the background (it runs the references) while the learner
    checks a correct function: the check still passes."""
    stop = threading.Event()
    started = threading.Event()

    def playground():
        started.set()
        while not stop.is_set():
            ref.propagate(np.zeros((2, 1)), 0.0, np.ones((2, 3)), np.array([[1, 0, 1]]))

    thread = threading.Thread(target=playground)
    thread.start()
    started.wait()
    try:
        check_propagate(my_propagate)
    finally:
        stop.set()
        thread.join()
    assert "all 4 cases passed" in capsys.readouterr().out


# --- processes ----------------------------------------------------------------------------

def test_multiprocessing():
    def propagate(w, b, X, Y):
        with multiprocessing.get_context("fork").Pool(1) as pool:
            return pool.apply(ref.propagate, (w, b, X, Y))

    rejected(propagate, "sends work to multiprocessing")


@pytest.mark.parametrize("how, event", [("fork", "os.fork"), ("subprocess", "subprocess.Popen"),
                                        ("system", "os.system")])
def test_starting_a_process_is_stopped_before_it_starts(how, event, tmp_path):
    marker = tmp_path / "ran"

    def propagate(w, b, X, Y):
        if how == "fork":
            if os.fork() == 0:
                marker.touch()
                os._exit(0)
        elif how == "subprocess":
            subprocess.run([sys.executable, "-c", f"open({str(marker)!r}, 'w')"])
        else:
            os.system(f"touch {marker}")
        return my_propagate(w, b, X, Y)

    text = rejected(propagate, f"tried to start another process \\({event}\\); the checks stopped it")
    assert "can't be graded" in text
    assert not marker.exists()


def test_processes_work_again_after_the_check(tmp_path):
    rejected(lambda w, b, X, Y: (os.system("true"), my_propagate(w, b, X, Y))[1], "os.system")
    assert subprocess.run(["true"]).returncode == 0


# --- copies of the reference's code -------------------------------------------------------

def test_a_copy_of_the_code_with_another_line_number_and_name():
    code = ref.propagate.__code__
    copy = code.replace(co_firstlineno=code.co_firstlineno + 123, co_name="mine", co_qualname="mine")
    assert copy != code
    rejected(types.FunctionType(copy, ref.propagate.__globals__), REFERENCE)


def test_the_reference_source_compiled_again():
    namespace = dict(ref.__dict__)
    exec(compile("\n" * 40 + inspect.getsource(ref.propagate), "<my cell>", "exec"), namespace)
    assert namespace["propagate"].__code__ is not ref.propagate.__code__
    rejected(namespace["propagate"], REFERENCE)


# --- another notebook's references --------------------------------------------------------

def assembled_from_notebook_04(w, b, X, Y):
    """Logistic regression's propagate built from notebook 04's references: a one-layer
    network with a sigmoid output."""
    deep = importlib.import_module("helpers.nb04_deep")
    parameters = {"W1": w.T, "b1": np.full((1, 1), float(b))}
    AL, caches = deep.L_model_forward(X, parameters)
    grads = deep.L_model_backward(AL, Y, caches)
    return {"dw": grads["dW1"].T, "db": float(grads["db1"].item())}, float(cost.cross_entropy(AL, Y))


def test_the_graded_quantity_assembled_from_another_notebooks_references():
    w, b, X, Y = np.array([[1.0], [2.0]]), 2.0, np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]]), \
        np.array([[1, 0, 1]])
    (grads, c), (ref_grads, ref_c) = assembled_from_notebook_04(w, b, X, Y), ref.propagate(w, b, X, Y)
    assert np.allclose(grads["dw"], ref_grads["dw"]) and np.isclose(c, ref_c)  # it would pass
    rejected(assembled_from_notebook_04, "runs a reference solution \\(helpers.nb04_deep.L_model_forward\\)")


def test_another_notebooks_equations_too():
    def propagate(w, b, X, Y):
        deep = importlib.import_module("helpers.nb04_deep")
        AL, caches = deep.model_forward(X, {"W1": w.T, "b1": np.full((1, 1), float(b))}, "relu")
        return my_propagate(w, b, X, Y)

    rejected(propagate, "helpers.nb04_deep.model_forward")


# --- turning the watch off; leaving the check -------------------------------------------------

def test_turning_the_profiler_off():
    def propagate(w, b, X, Y):
        sys.setprofile(None)
        return ref.propagate(w, b, X, Y)

    rejected(propagate, "calls sys.setprofile, which the checks use to watch it")


def test_system_exit_is_a_check_message():
    def propagate(w, b, X, Y):
        sys.exit("done")

    text = rejected(propagate, "your function raised SystemExit")
    assert "remove the sys.exit()" in text and "sys.exit(\"done\")" in text


def test_keyboard_interrupt_is_a_check_message():
    def propagate(w, b, X, Y):
        raise KeyboardInterrupt

    assert "it was interrupted" in rejected(propagate, "your function raised KeyboardInterrupt")
