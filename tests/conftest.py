"""What every test shares: the Agg backend, a seeded ``rng``, the tiers and ``--no-skips``.

Tiers (markers, registered in pyproject.toml): ``browser`` (tests/browser/: JupyterLab in
Chromium), ``classroom`` (tests/classroom/: nbgrader, JupyterHub, Binder), ``slow`` (whole
notebooks, training to an accuracy), ``network`` (downloads from PyPI). The rest is the unit
tier: ``python3 course.py test --fast`` runs only that one.

A test that needs a tool this machine lacks skips, saying how to install it; with
``--no-skips`` (CI) every skip is a failure instead, so CI cannot pass by skipping.
"""

import os

os.environ.setdefault("MPLBACKEND", "Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

FOLDER_MARKERS = {"browser": "browser", "classroom": "classroom"}


def pytest_addoption(parser):
    parser.addoption("--no-skips", action="store_true",
                     help="fail every test that would be skipped (CI: every tool is installed)")


def pytest_collection_modifyitems(config, items):
    asked = config.getoption("--no-skips") or "network" in (config.getoption("-m") or "")
    for item in items:
        for folder, marker in FOLDER_MARKERS.items():
            if f"tests/{folder}/" in item.nodeid:
                item.add_marker(marker)
        if "network" in item.keywords and not asked:
            item.add_marker(pytest.mark.skip(reason="downloads from PyPI: runs in CI (--no-skips) "
                                                    "or with -m network"))


def _as_failure(report, config):
    if report.skipped and config.getoption("--no-skips"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped, but --no-skips asks for every test to run: {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    _as_failure(outcome.get_result(), item.config)


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield
    _as_failure(outcome.get_result(), collector.config)


@pytest.fixture
def rng():
    return np.random.default_rng(0)
