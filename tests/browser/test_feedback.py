"""What a learner sees in JupyterLab when a check passes and when it fails: one green line,
and one red panel with the case, expected, got, where and the hint, with no frame from
inside helpers. Screenshots go to test-artifacts/feedback_*.png.

Reuses the server and browser launch of test_jupyterlab (skipped the same way when
Chromium or Playwright is missing).
"""

import time

import nbformat
from playwright.sync_api import expect

from tests.browser.test_jupyterlab import ARTIFACTS, _menu, lab, open_notebook, page  # noqa: F401 - fixtures

SETUP = "import numpy as np\nfrom helpers.checks import check_propagate, check_sigmoid"
GOOD = "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n\ncheck_sigmoid(sigmoid)"
WRONG = '''def propagate(w, b, X, Y):
    m = X.shape[1]
    A = sigmoid(np.dot(w, X) + b)   # w needs .T
    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m
    return {"dw": np.dot(X, (A - Y).T) / m, "db": np.sum(A - Y) / m}, cost'''
CHECK = "check_propagate(propagate)"


def _write_notebook(path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python",
                                 "name": "python3"}
    nb.cells = [nbformat.v4.new_code_cell(src) for src in (SETUP, GOOD, WRONG, CHECK)]
    nbformat.write(nb, path)


def _run_all(page, name):
    status = open_notebook(page, name)
    _menu(page, "Run", "runmenu:run-all")
    error = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    expect(error.first).to_be_visible(timeout=120_000)
    deadline = time.time() + 60
    while "Idle" not in status.inner_text():
        assert time.time() < deadline, "the kernel did not go idle after the failing check"
        time.sleep(0.3)
    return error.first


def test_a_failing_check_is_one_clean_red_panel(page, tmp_path):
    _write_notebook(tmp_path / "notebooks" / "feedback.ipynb")
    error = _run_all(page, "feedback.ipynb")
    text = error.inner_text()
    assert "propagate: your function raised ValueError" in text
    for label in ("case:", "inputs:", "hint:", "your code raised"):
        assert label in text, label
    assert "np.dot(w.T, X)" in text                      # the hint names the fix
    assert "A = sigmoid(np.dot(w, X) + b)" in text      # the learner's own line stays
    assert "helpers/" not in text and "site-packages" not in text, text
    assert "Traceback" not in text and "Mistake(" not in text
    cells = page.locator(".jp-Notebook .jp-CodeCell")
    passed = cells.nth(1).locator(".jp-OutputArea-output").first
    expect(passed).to_contain_text("sigmoid: all 5 cases passed")
    ARTIFACTS.mkdir(exist_ok=True)
    error.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    cells.nth(3).screenshot(path=str(ARTIFACTS / "feedback_failure.png"))
    cells.nth(1).screenshot(path=str(ARTIFACTS / "feedback_pass.png"))
