"""helpers.threads: the rule with injected sizes and loads (no timing here), the flop counts
by hand, and that every trainer in helpers, the experiments and every training widget pass
through the decision (read from ``threads.decisions``, the module's own log)."""

import os
import subprocess
import sys
import time

import ipywidgets
import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from threadpoolctl import threadpool_info  # noqa: E402

from helpers import (data, nb04_deep, nb01_experiments, nb04_gradcheck, nb02_logistic, nb03_shallow, threads,  # noqa: E402
                     widgets)

BIG = threads.TWO_THREAD_FLOPS


@pytest.fixture(autouse=True)
def fresh_log():
    threads.decisions.clear()
    yield
    plt.close("all")


def who():
    return [d.who for d in threads.decisions]


# --- the rule ---------------------------------------------------------------------------------

@pytest.mark.parametrize("flops, cores, busy, cap, expected", [
    (BIG - 1, 2, 0.0, 2, 1),        # small work: one thread even on an idle machine
    (BIG, 2, 0.0, 2, 2),            # large work, idle: both cores
    (100 * BIG, 2, 0.0, 2, 2),      # never more than the cores
    (BIG, 2, 1.0, 2, 1),            # the other core busy: the spin-wait trap, so one
    (BIG, 2, 0.5, 2, 1),            # half a core busy is still not free
    (BIG, 2, 0.39, 2, 2),           # background noise below the slack: free
    (BIG, 2, 0.41, 2, 1),           # just above it: not free
    (BIG, 2, None, 2, 1),           # load unknown (no /proc/stat, no getloadavg): safe
    (BIG, 1, 0.0, 1, 1),            # one core
    (BIG, 2, 0.0, 1, 1),            # the user's OPENBLAS_NUM_THREADS=1 caps everything
    (10 * BIG, 8, 1.0, 8, 7),       # 8 cores, one busy: up to the 7 free ones
    (2 * BIG, 8, 0.0, 8, 3),        # the work sets how many threads pay
    (10 * BIG, 8, 6.5, 8, 1),       # 1.5 free cores round down to 1
    (10 * BIG, 8, 5.8, 8, 2),       # 2.2 + slack: 2
    (0, 2, 0.0, 2, 1),              # the size could not be computed
])
def test_decide(flops, cores, busy, cap, expected):
    assert threads.decide(flops, cores, busy, cap) == expected


def test_dense_flops_by_hand():
    # [2, 4, 1], m = 10. Layer 1 (no dA0): forward 2*4*2*10 = 160, dW 160 -> 320.
    # Layer 2: forward, dW and dA1, each 2*1*4*10 = 80 -> 240.
    assert threads.dense_flops([2, 4, 1], 10) == 560
    assert threads.dense_flops([784, 1], 1000) == 4 * 784 * 1000  # logistic: w^T X and X dZ^T
    params = nb04_deep.initialize_parameters_deep([2, 4, 1], seed=0)
    assert threads.network_flops(params, 10) == 560
    assert threads.network_flops(params, 10, forward_only=True) == 160 + 80


def test_machine_readings_are_safe():
    assert threads.usable_cores() >= 1
    busy = threads.measure_busy_others(window=0.001)
    assert busy is None or busy >= 0.0


@pytest.mark.skipif(not os.path.exists("/proc/stat"), reason="reads Linux's /proc")
def test_a_spinning_process_counts_as_busy_while_we_compute():
    """Our own work during the sample takes CPU time from the spinner; it still counts."""
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.3)
        start = threads._start_sample()
        end = time.perf_counter() + 2 * threads.LOAD_WINDOW
        a = np.ones((200, 200))
        while time.perf_counter() < end:
            a @ a  # this process keeps a core busy too
        assert threads._finish_sample(start) >= 1.0
    finally:
        spinner.kill()
        spinner.wait()


# --- applying it ------------------------------------------------------------------------------

def blas_now():
    return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]


def test_safe_default_is_one_thread_or_the_users_choice():
    expected = threads._user_choice() or 1
    assert all(n == expected for n in blas_now())


def test_the_block_runs_at_the_decision_and_restores_even_on_error():
    before = blas_now()
    seen = []

    def callback(i, cost):
        seen.append(blas_now())

    X = np.random.default_rng(0).standard_normal((3, 20))
    Y = (X[:1] > 0).astype(float)
    nb04_deep.L_layer_model(X, Y, [3, 2, 1], num_iterations=1, callback=callback)
    assert seen == [[threads.decisions[-1].threads] * len(before)]
    assert blas_now() == before
    with pytest.raises(RuntimeError):
        with threads.blas_threads(10 * BIG, "test"):
            raise RuntimeError("inside")
    assert blas_now() == before


@pytest.fixture
def expired_load(monkeypatch):
    """No load reading in the cache, a machine reported idle, and 2 threads allowed."""
    monkeypatch.setattr(threads, "_load", (-float("inf"), None))
    monkeypatch.setattr(threads, "_cap", 2)
    monkeypatch.setattr(threads, "usable_cores", lambda: 2)
    monkeypatch.setattr(threads, "_finish_sample", lambda start: 0.0)


def test_a_fresh_load_sample_runs_alongside_the_first_iterations(expired_load, monkeypatch):
    slept = []
    monkeypatch.setattr(time, "sleep", slept.append)  # the block must never wait for the sample
    seen = []
    with threads.blas_threads(10 * BIG, "test") as first:
        seen.append(blas_now())
        threads.settle()  # too early: still one thread, nothing decided
        seen.append(blas_now())
        assert who() == []
        time_left = threads.LOAD_WINDOW - (time.perf_counter() - threads._pending.sample[0])
        end = time.perf_counter() + max(time_left, 0) + 0.005
        while time.perf_counter() < end:
            pass
        threads.settle()  # the sample is complete: decide and switch
        seen.append(blas_now())
        threads.settle()  # nothing pending any more
    assert first == 1 and threads._pending is None and slept == []
    assert seen[0] == seen[1] == [1] * len(seen[0]) and seen[2] == [2] * len(seen[0])
    assert [(d.who, d.threads, d.busy_others) for d in threads.decisions] == [("test", 2, 0.0)]
    # the reading is cached: the next block decides at once, without a sample
    with threads.blas_threads(10 * BIG, "again") as n:
        assert n == 2 and threads._pending is None


def test_a_block_shorter_than_the_sample_ran_at_one_thread(expired_load):
    before = blas_now()
    with threads.blas_threads(10 * BIG, "outer"):
        with threads.blas_threads(10 * BIG, "inner"):  # its own sample; the outer's waits
            assert threads._pending.who == "inner"
        assert threads._pending.who == "outer"
    assert threads._pending is None and blas_now() == before
    assert [(d.who, d.threads, d.busy_others) for d in threads.decisions] == [
        ("inner", 1, None), ("outer", 1, None)]
    assert threads._load[0] == -float("inf")  # too short a sample is not cached


def test_every_training_loop_settles_the_decision(expired_load):
    """Each loop starts at one thread while the load is sampled, then runs at the decision
    (2 threads on this 'idle' machine): only a settle() call inside the loop can log that."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((50, 2000))  # >= 2 M flops per iteration in every trainer below
    Y = (X[:1] > 0).astype(np.float64)
    X_wide = rng.standard_normal((500, 2000))  # logistic regression: 4 M
    seen = []
    params = nb04_deep.initialize_parameters_deep([50, 10, 1], seed=0)
    AL, caches = nb04_deep.L_model_forward(X, params)
    runs = {"nb02_logistic._optimize":
            lambda: nb02_logistic.optimize(np.zeros((500, 1)), 0.0, X_wide, Y, 500),
            "nb03_shallow.nn_model": lambda: nb03_shallow.nn_model(X, Y, 10, num_iterations=400),
            "nb04_deep._train": lambda: nb04_deep.L_layer_model(
                X, Y, [50, 10, 1], num_iterations=401,
                callback=lambda i, cost: seen.append(blas_now()[0])),
            "nb04_gradcheck.check_deep_gradients": lambda: nb04_gradcheck.check_deep_gradients(
                params, X, Y, nb04_deep.L_model_backward(AL, Y, caches))}
    for name, run in runs.items():
        threads._load = (-float("inf"), None)
        threads.decisions.clear()
        run()
        assert [(d.who, d.threads, d.busy_others) for d in threads.decisions] == [(name, 2, 0.0)]
    assert seen[0] == 1 and seen[-1] == 2  # iteration 0 ran during the sample


def test_malformed_arguments_reach_the_trainers_own_message():
    with pytest.raises((TypeError, ValueError), match="X"):
        nb02_logistic.optimize(np.zeros((2, 1)), 0.0, "not an array", np.zeros((1, 3)))
    assert who() == []  # optimize validates before its loop asks for threads


# --- every trainer goes through it ------------------------------------------------------------

@pytest.fixture
def small():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((4, 40))
    return X, (X[:1] + X[1:2] > 0).astype(np.float64)


def test_models_decide_once_per_run(small):
    X, Y = small
    nb02_logistic.optimize(np.zeros((4, 1)), 0.0, X, Y, 20, 0.1)
    nb02_logistic.model(X, Y, X, Y, 20)
    nb03_shallow.nn_model(X, Y, 3, num_iterations=20)
    nb04_deep.two_layer_model(X, Y, [4, 3, 1], num_iterations=20)
    nb04_deep.L_layer_model(X, Y, [4, 3, 2, 1], num_iterations=20)
    assert who() == ["nb02_logistic._optimize", "nb02_logistic._optimize", "nb03_shallow.nn_model", "nb04_deep._train",
                     "nb04_deep._train"]
    assert threads.decisions[2].flops == threads.dense_flops([4, 3, 1], 40)
    assert threads.decisions[4].flops == threads.dense_flops([4, 3, 2, 1], 40)


def test_gradient_checking_decides(small):
    X, Y = small
    params = nb04_deep.initialize_parameters_deep([4, 3, 1], seed=0, scale=1.0)
    AL, caches = nb04_deep.L_model_forward(X, params)
    nb04_gradcheck.check_deep_gradients(params, X, Y, nb04_deep.L_model_backward(AL, Y, caches))
    assert who() == ["nb04_gradcheck.check_deep_gradients"]


def test_experiments_of_notebook_01_decide(small):
    X, Y = small
    nb01_experiments.scaling_curve(X, Y, X, Y, [20, 40], models={"lr": None, "net": [3]},
                              num_iterations=10)
    assert who() == ["nb02_logistic._optimize"] * 2 + ["nb04_deep._train"] * 2
    threads.decisions.clear()
    nb01_experiments.activation_race(X, Y, hidden=(3,), num_iterations=100)
    assert who() == ["nb04_deep._train"] * 2


def walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def test_every_training_widget_decides(small):
    X, Y = small
    widgets.planar_figure(X[:2], Y, num_iterations=10)
    widgets.logistic_figure(X, Y, X, Y, 0.5, 200)
    widgets.train_deep(X, Y, X, Y, 1, 3, num_iterations=100)
    assert who() == ["nb03_shallow.nn_model"] + ["nb02_logistic._optimize"] * 2 + ["nb04_deep._train"]

    threads.decisions.clear()
    widgets.logistic_playground(X, Y, X, Y, num_iterations=100)
    assert who() == ["nb02_logistic._optimize"]

    # the live playgrounds train in their own steps: Step asks once, Train 600 once
    for box in (widgets.planar_playground({"flower": data.load_planar_dataset()}),
                widgets.deep_playground(X, Y, X, Y)):
        buttons = {w.description: w for w in walk(box) if isinstance(w, ipywidgets.Button)}
        threads.decisions.clear()
        buttons["Step"].click()
        assert who() == ["widget playground"]
    threads.decisions.clear()
    next(b for d, b in buttons.items() if d.startswith("Train")).click()
    assert "widget playground" in who()


def test_a_trainer_overrides_a_setting_made_elsewhere(small):
    from threadpoolctl import threadpool_limits

    X, Y = small
    seen = []
    with threadpool_limits(2, user_api="blas"):  # e.g. a learner's own threadpoolctl call
        nb04_deep.L_layer_model(X, Y, [4, 3, 1], num_iterations=1,
                           callback=lambda i, cost: seen.append(blas_now()))
        after = blas_now()
    assert seen == [[1] * len(after)]  # tiny network: one thread, whatever was set before
    assert after == [2] * len(after)  # and the outer setting is back afterwards
