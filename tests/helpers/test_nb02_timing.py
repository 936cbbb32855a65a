"""helpers.nb02_timing: best-of-n timing for notebook 02's vectorization race (section 9)."""

import time

import pytest

from helpers import nb02_timing



def test_best_time_keeps_the_fastest_of_several_runs():
    delays = iter([0.03, 0.002, 0.03, 0.03, 0.03] * 50)

    def sometimes_fast():
        time.sleep(next(delays))

    best = nb02_timing.best_time(sometimes_fast, repeat=5, min_seconds=0.0)
    assert 0.002 <= best < 0.02  # the fast run wins, the slow ones are ignored
    with pytest.raises(ValueError, match="at least 1"):
        nb02_timing.best_time(sometimes_fast, repeat=0)


def test_race_reports_the_ratio_of_the_two_best_times():
    slow_s, fast_s, ratio = nb02_timing.race(lambda: time.sleep(0.004), lambda: None, repeat=2)
    assert slow_s >= 0.004 and fast_s < 0.001 and ratio == pytest.approx(slow_s / fast_s)
