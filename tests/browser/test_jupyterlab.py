"""Drive JupyterLab in a real browser (Debian's Chromium through Playwright): run every
notebook from the Run menu, check no cell shows an error, and move the sliders of each
notebook's main widget as a learner would, checking that the plot redraws. Then be a
learner: in a clone of the project start the lab with `course.py lab`, solve an exercise
in the workspace copy, fail to edit a locked check, save, and find `git status` clean.

Skipped with a reason when Chromium or Playwright is missing (a learner's laptop); CI
runs with --no-skips, where a missing browser is a failure.
Screenshots go to test-artifacts/ (not committed).
"""

import contextlib
import json
import re
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from learner.lab import ANSWER_WIDGET_FLAGS
from tests.checkout import fresh_clone, git
from tests.paths import ROOT

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = ROOT / "test-artifacts"
FULL_BAR = re.compile(r"width: 100%")  # an ipywidgets progress bar at its end
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _missing():
    if not CHROMIUM.exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -r requirements.txt)"
    return None


if _missing():  # a failure under --no-skips (tests/conftest.py)
    pytest.skip(_missing(), allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_settings(settings_dir):
    """User settings: no news or update checks, no autosave (we test a copy anyway), and
    every cell rendered (by default JupyterLab 4 renders only the cells in view)."""
    files = {
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings":
            {"fetchNews": "false", "checkForUpdates": False},
        "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    }
    for name, content in files.items():
        path = settings_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content))


def _isolated_env(tmp_path):
    """The environment with every Jupyter folder (config, data, settings...) under ``tmp_path``."""
    env = dict(os.environ)
    for var in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                "JUPYTERLAB_SETTINGS_DIR", "JUPYTERLAB_WORKSPACES_DIR", "IPYTHONDIR"):
        (tmp_path / var.lower()).mkdir()
        env[var] = str(tmp_path / var.lower())
    return env


def _wait_for_server(base, token, proc, log_path, timeout=120):
    deadline = time.time() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                return
        except OSError:
            if time.time() > deadline or proc.poll() is not None:
                raise RuntimeError("JupyterLab did not start:\n" + log_path.read_text())
            time.sleep(0.3)


@contextlib.contextmanager
def running_lab(tmp_path):
    """A fresh JupyterLab on a free port, serving a copy of the notebooks; stopped afterwards."""
    root = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", root)
    env = _isolated_env(tmp_path)
    _write_settings(tmp_path / "jupyterlab_settings_dir")
    port, token = _free_port(), secrets.token_hex(16)
    log = open(tmp_path / "lab.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--ServerApp.port={port}",
         "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={root}", "--LabApp.extension_manager=readonly",
         "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         *ANSWER_WIDGET_FLAGS,   # as course.py lab: the answer widget writes answer cells
         *(["--ServerApp.allow_root=True"] if os.geteuid() == 0 else [])],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for_server(base, token, proc, tmp_path / "lab.log")
        yield base, token
    finally:
        _stop(proc)
        log.close()


@pytest.fixture
def lab(tmp_path):
    with running_lab(tmp_path) as server:
        yield server


def _stop(proc):
    """End the server and its kernels (its whole process group), whatever state it is in."""
    for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture
def page(lab):
    base, token = lab
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        pg = context.new_page()
        pg.set_default_timeout(60_000)
        pg.lab = (base, token)
        try:
            yield pg
        finally:
            browser.close()


def _menu(page, menu, command):
    page.locator(".lm-MenuBar-item", has_text=menu).first.click()
    page.locator(f'.lm-Menu-item[data-command="{command}"]').click()


def open_notebook(page, name):
    """Open a notebook and wait for its kernel to be idle; returns the status bar."""
    base, token = page.lab
    page.goto(f"{base}/lab/tree/{name}?token={token}")
    status = page.locator("#jp-main-statusbar")
    expect(status).to_contain_text("Idle", timeout=90_000)
    return status


def run_all(page, status, name):
    """Clear outputs, run all, and wait until every code cell ran; returns their count."""
    _menu(page, "Edit", "editmenu:clear-all")
    _menu(page, "Run", "runmenu:run-all")
    prompts = page.locator(".jp-Notebook .jp-CodeCell .jp-InputPrompt")
    deadline = time.time() + 240
    while True:  # every code cell numbered, none pending, and the kernel idle
        texts = prompts.all_inner_texts()
        done = texts and all(t.strip().startswith("[") and t.strip()[1:-2].isdigit() for t in texts)
        if done and "Idle" in status.inner_text():
            return len(texts)
        assert time.time() < deadline, f"{name}: cells did not finish: {texts[:5]}..."
        time.sleep(0.5)


ERRORS = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'


def open_and_run(page, name):
    """Open a notebook, wait for an idle kernel, clear outputs, run all, wait until done."""
    count = run_all(page, open_notebook(page, name), name)
    errors = page.locator(ERRORS)
    assert errors.count() == 0, f"{name}: {errors.count()} error/stderr output(s): {errors.first.inner_text()[:500]}"
    return count


def widget_cell(page, label):
    """The code cell whose widget has a control labelled ``label`` (the last such cell)."""
    return page.locator(".jp-CodeCell", has=page.locator(".widget-label", has_text=label)).last


def image_src(cell):
    img = cell.locator(".widget-output img").last
    expect(img).to_be_visible()
    return img.get_attribute("src")


def wait_for_new_image(cell, old, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        imgs = cell.locator(".widget-output img")
        if imgs.count() and imgs.last.get_attribute("src") != old:
            return imgs.last.get_attribute("src")
        time.sleep(0.3)
    shown = cell.locator(".widget-output").last.inner_text()[:2000]
    raise AssertionError(f"the plot did not redraw within {timeout} s; the output area shows: {shown!r}")


def press_slider(cell, label, key="ArrowRight", times=1):
    slider = cell.locator(".widget-slider", has=cell.page.locator(".widget-label", has_text=label)).first
    handle = slider.locator(".noUi-handle").first
    handle.focus()
    for _ in range(times):
        handle.press(key)


def shot(cell, name):
    """Screenshot a cell once every image in it has finished loading."""
    ARTIFACTS.mkdir(exist_ok=True)
    cell.scroll_into_view_if_needed()
    cell.page.wait_for_function(
        "cell => [...cell.querySelectorAll('img')].every(i => i.complete && i.naturalWidth > 0)",
        arg=cell.element_handle())
    cell.page.wait_for_timeout(300)
    cell.screenshot(path=str(ARTIFACTS / name))


def test_01_introduction(page):
    open_and_run(page, "01_introduction.ipynb")
    cell = widget_cell(page, "bias b")
    before = image_src(cell)
    press_slider(cell, "weight w", times=3)
    wait_for_new_image(cell, before)
    expect(cell.locator(".widget-output img").last).to_be_visible()
    shot(cell, "01_house_widget.png")


def test_02_learning_rate_slider(page):
    open_and_run(page, "02_logistic_regression.ipynb")
    cell = widget_cell(page, "iterations")  # the logistic-regression playground
    before = image_src(cell)
    press_slider(cell, "learning rate", times=2)
    after = wait_for_new_image(cell, before)
    bar = cell.locator(".widget-hprogress .progress-bar").first
    expect(bar).to_have_attribute("style", FULL_BAR, timeout=30_000)
    assert after != before
    shot(cell, "02_logistic_playground.png")


def test_03_hidden_units_and_dataset(page):
    open_and_run(page, "03_shallow_network.ipynb")
    cell = widget_cell(page, "hidden units")
    before = image_src(cell)
    press_slider(cell, "hidden units")
    after_units = wait_for_new_image(cell, before)
    cell.locator(".widget-dropdown", has=page.locator(".widget-label", has_text="data set")) \
        .locator("select").select_option("noisy_moons")
    wait_for_new_image(cell, after_units)
    shot(cell, "03_planar_playground.png")


def test_04_train_button_and_shape_table(page):
    open_and_run(page, "04_deep_network.ipynb")
    cell = widget_cell(page, "units per layer")
    cell.locator("button", has_text="Train").click()
    bar = cell.locator(".widget-hprogress .progress-bar").first
    expect(bar).to_have_attribute("style", FULL_BAR, timeout=120_000)
    summary = re.compile(r"after [\d,]+ iterations: train accuracy")   # not the picture's caption
    expect(cell.locator(".widget-html-content", has_text=summary)).to_be_visible(timeout=60_000)
    expect(cell.locator(".widget-output img").last).to_be_visible()
    shot(cell, "04_deep_playground.png")

    table_cell = widget_cell(page, "layer sizes")
    text = table_cell.locator(".widget-text input").first
    text.fill("3, 6, 2, 1")
    text.press("Enter")
    expect(table_cell.locator(".widget-html-content table")).to_contain_text("(6, 3)")
    expect(table_cell.locator(".widget-html-content")).to_contain_text("L = 3 layers")
    shot(table_cell, "04_shape_table.png")


# --- the learner's lab, as `course.py lab` starts it --------------------------------------

def clone_checkout(dest):
    """A fresh clone of this checkout (uncommitted changes included) sharing this .venv."""
    fresh_clone(dest)
    (dest / ".venv").symlink_to(sys.prefix, target_is_directory=True)
    assert git(dest, "status", "--porcelain") == ""
    return dest


def _reference_cell(notebook, grade_id):
    cells = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))["cells"]
    return next("".join(c["source"]) for c in cells
                if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id)


def _cell_with(page, text):
    return page.locator(".jp-Notebook .jp-CodeCell", has=page.locator(".cm-content", has_text=text)).first


@pytest.fixture
def learner_lab(tmp_path):
    """`course.py lab` in a fresh clone (its own Jupyter dirs); yields (clone, base, token, log),
    base and token read from the login link course.py prints."""
    clone = clone_checkout(tmp_path / "clone")
    stamp = Path(sys.prefix) / ".installed"
    digest = subprocess.run([sys.executable, "-c", "import learner.environment as e; print(e.requirements_digest('.'))"],
                            cwd=clone, capture_output=True, text=True, check=True).stdout.strip()
    if not stamp.is_file() or stamp.read_text().strip() != digest:
        reason = "this environment was not set up by course.py (run `python3 course.py test`)"
        pytest.skip(reason)
    env = _isolated_env(tmp_path)
    # render every cell (JupyterLab 4 renders only those in view); autosave stays on, as for learners
    settings = tmp_path / "jupyterlab_settings_dir" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    log_path = tmp_path / "course-lab.log"
    log = open(log_path, "w")
    proc = subprocess.Popen([sys.executable, "course.py", "lab", "--no-browser"],
                            cwd=clone, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        base, token = _printed_link(proc, log_path).split("/lab?token=")  # only what course.py printed
        yield clone, base, token, log_path
    finally:
        _stop(proc)
        log.close()


def _printed_link(proc, log_path, timeout=180):
    deadline = time.time() + timeout
    while time.time() < deadline and proc.poll() is None:
        found = re.search(r"JupyterLab is ready: (\S+)", log_path.read_text())
        if found:
            return found.group(1)
        time.sleep(0.3)
    raise RuntimeError("course.py lab printed no login link:\n" + log_path.read_text())


def test_learner_solves_an_exercise_in_the_workspace_and_git_stays_clean(learner_lab):
    clone, base, token, log_path = learner_lab
    assert "Created your workspace my-notebooks/ with 4 notebooks" in log_path.read_text()
    # the lab is quiet: no news, no update checks (overrides.json written by course.py)
    with urllib.request.urlopen(f"{base}/lab/api/settings/@jupyterlab/apputils-extension:notification"
                                f"?token={token}") as response:
        defaults = json.load(response)["schema"]["properties"]  # overrides.json changes the defaults
    assert defaults["fetchNews"]["default"] == "false" and defaults["checkForUpdates"]["default"] is False
    with urllib.request.urlopen(f"{base}/api/contents?token={token}") as response:
        listing = {item["name"]: item["type"] for item in json.load(response)["content"]}
    assert listing.get("solutions") == "directory" and "02_logistic_regression.ipynb" in listing

    mine = clone / "my-notebooks" / "02_logistic_regression.ipynb"
    body = _reference_cell("02_logistic_regression.ipynb", "sigmoid_derivative")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        page.set_default_timeout(60_000)
        try:
            page.goto(f"{base}/lab/tree/02_logistic_regression.ipynb?token={token}")
            expect(page.locator(".jp-DirListing-itemText", has_text="solutions")).to_be_visible(timeout=90_000)
            status = page.locator("#jp-main-statusbar")
            expect(status).to_contain_text("Idle", timeout=90_000)
            # Run All on the fresh copy goes to the end: every check shows its ✗ block, the
            # cells that build on unfinished functions use the reference, the playground appears
            run_all(page, status, "02_logistic_regression.ipynb")
            graded = [c for c in json.loads(mine.read_text(encoding="utf-8"))["cells"]
                      if c["metadata"].get("nbgrader", {}).get("grade")]
            errors = page.locator(ERRORS)
            assert errors.count() == len(graded) == 12 + 7   # functions and concept questions
            assert all(text.startswith("✗ ") and "not done yet" in text for text in errors.all_inner_texts())
            expect(_cell_with(page, "show_progress(")).to_contain_text("none of this notebook's 12 graded functions")
            expect(_cell_with(page, "yours_or_reference(model")).to_contain_text("uses the course's")
            playground = widget_cell(page, "iterations")
            expect(playground.locator(".widget-slider").first).to_be_visible()
            shot(playground, "learner_run_all_reaches_the_playground.png")
            check = _cell_with(page, "check_sigmoid_derivative(sigmoid_derivative)")
            expect(check.locator(".jp-OutputArea-output")).to_contain_text("not done yet")

            exercise = _cell_with(page, "def sigmoid_derivative")
            expect(exercise.locator(".cm-content")).to_contain_text("raise NotImplementedError()", timeout=30_000)
            exercise.locator(".cm-content").click()
            page.keyboard.press("Control+A")
            page.keyboard.insert_text(body)
            page.keyboard.press("Shift+Enter")  # runs the function cell, moves to its check
            expect(status).to_contain_text("Idle", timeout=60_000)
            page.keyboard.press("Shift+Enter")
            expect(check.locator(".jp-OutputArea-output")).to_contain_text(
                "sigmoid_derivative: all 3 cases passed", timeout=60_000)
            shot(check, "learner_check_passes.png")
            record = json.loads((clone / "my-notebooks" / ".progress" / "02.json").read_text())
            assert record["sigmoid_derivative"]["passed"] is True
            assert record["model"]["passed"] is False and record["model"]["problem"] == "not done yet"

            # the check cell is locked: typing changes nothing, deleting it does nothing
            locked = check.locator(".cm-content")
            expect(locked).to_have_attribute("aria-readonly", "true")  # CodeMirror read-only
            locked.click()
            page.keyboard.type("x = 1  # tampering")
            page.keyboard.press("Escape")
            page.keyboard.press("d")
            page.keyboard.press("d")
            expect(locked).to_have_text("check_sigmoid_derivative(sigmoid_derivative)")

            page.keyboard.press("Control+s")
            deadline = time.time() + 30
            while "ds = s * (1 - s)" not in mine.read_text(encoding="utf-8"):
                assert time.time() < deadline, "the learner's copy was not saved"
                time.sleep(0.3)
            saved = json.loads(mine.read_text(encoding="utf-8"))
            check_meta = next(c["metadata"] for c in saved["cells"]
                              if c["metadata"].get("nbgrader", {}).get("grade_id") == "check_sigmoid_derivative")
            assert check_meta["editable"] is False and check_meta["deletable"] is False

            # the worked notebook is one click away, labelled
            page.goto(f"{base}/lab/tree/solutions/02_logistic_regression.ipynb?token={token}")
            expect(page.locator(".jp-MarkdownCell", has_text="Worked solutions, read-only").first).to_be_visible(timeout=90_000)
            assert page.get_by_text("Jupyter news").count() == 0
        finally:
            browser.close()
    assert git(clone, "status", "--porcelain") == ""
    table = subprocess.run([sys.executable, "course.py", "progress"], cwd=clone, capture_output=True,
                           text=True, check=True).stdout
    assert re.search(r"^02_logistic_regression +1 of 12 ", table, re.MULTILINE), table

