"""Accessibility in JupyterLab (Chromium): axe-core on every notebook's outputs, each
notebook's figures in the light and the dark theme, and notebook 03's playground driven with
the keyboard alone.

axe-core comes from npm (``.ci/run`` installs it into ``.venv/axe``); it runs on the output
areas only (``.jp-OutputArea``): JupyterLab's own menus and toolbars are not this project's
to fix. The screenshots land in ``test-artifacts/`` as ``<notebook>_figure<k>_{light,dark}.png``.
"""

import io
import re
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.test_jupyterlab import (ARTIFACTS, lab, open_and_run, page,  # noqa: F401
                                           widget_cell)

pytestmark = pytest.mark.browser

AXE = Path(sys.prefix) / "axe" / "node_modules" / "axe-core" / "axe.min.js"
NOTEBOOKS = ["01_introduction", "02_logistic_regression", "03_shallow_network",
             "04_deep_network"]
FIGURES_SHOWN = 3          # the first figures of each notebook, screenshot in both themes


def axe_violations(page):
    """axe-core's serious and critical violations inside the notebook's output areas."""
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed ({AXE} is missing): npm install --prefix "
                    f"{AXE.parents[2]} axe-core (as .ci/run does)")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => {
        const result = await axe.run({include: [['.jp-OutputArea']]},
                                     {resultTypes: ['violations']});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            where: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.html.slice(0, 160))}));
    }""")
    return [v for v in found if v["impact"] in ("serious", "critical")]


def switch_theme(page, name):
    """Settings > Theme > ``name`` ("JupyterLab Dark" or "JupyterLab Light")."""
    page.locator(".lm-MenuBar-item", has_text="Settings").first.click()
    page.locator(".lm-Menu-item", has_text=re.compile(r"^\s*Theme")).first.hover()
    page.get_by_role("menuitem", name=name, exact=True).click()
    dark = "false" if "Dark" in name else "true"
    expect(page.locator(f'body[data-jp-theme-light="{dark}"]')).to_have_count(1, timeout=20_000)
    page.wait_for_timeout(800)   # the theme's CSS applied


def figure_shots(page, name, theme, count=FIGURES_SHOWN):
    """Screenshot the cells of the first ``count`` stored figures (the page's theme around
    them) into the artifacts; returns each figure's own pixels (PIL images)."""
    ARTIFACTS.mkdir(exist_ok=True)
    figures = page.locator(".jp-OutputArea-output:not(.jp-OutputArea-executeResult) img[alt]")
    pictures = []
    for k in range(min(count, figures.count())):
        img = figures.nth(k)
        img.scroll_into_view_if_needed()
        cell = img.locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' jp-Cell ')][1]")
        cell.screenshot(path=str(ARTIFACTS / f"{name}_figure{k + 1}_{theme}.png"))
        pictures.append(Image.open(io.BytesIO(img.screenshot())))
    return pictures


def background(picture):
    """The median brightness (0-255) of a picture's outer ring of pixels."""
    pixels = np.asarray(picture.convert("L"), dtype=float)
    ring = np.concatenate([pixels[:4].ravel(), pixels[-4:].ravel(), pixels[:, :4].ravel(),
                           pixels[:, -4:].ravel()])
    return float(np.median(ring))


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_outputs_pass_axe_and_figures_read_in_both_themes(page, name):  # noqa: F811
    open_and_run(page, f"{name}.ipynb")
    serious = axe_violations(page)
    assert not serious, f"{name}: axe-core found in the outputs: {serious}"
    light = figure_shots(page, name, "light")
    assert light, f"{name}: no figure with alt text in the outputs"
    switch_theme(page, "JupyterLab Dark")
    dark = figure_shots(page, name, "dark")
    page_colour = page.evaluate(
        "getComputedStyle(document.querySelector('.jp-Notebook')).backgroundColor")
    assert re.match(r"rgb\((\d+), (\d+), (\d+)\)", page_colour) and \
        sum(map(int, re.findall(r"\d+", page_colour)[:3])) < 3 * 100, page_colour
    for before, after in zip(light, dark):
        # each figure keeps its own opaque white background on the dark page: its text,
        # dark on white, stays readable (a transparent figure would show the dark page)
        assert background(after) > 200, f"{name}: a figure's edge is dark in the dark theme"
        assert abs(background(after) - background(before)) < 10
    serious = axe_violations(page)
    assert not serious, f"{name} (dark theme): axe-core found in the outputs: {serious}"
    switch_theme(page, "JupyterLab Light")


def focused(page):
    """What has the keyboard focus: its tag, the name a screen reader gives it (aria-label,
    its <label>, a button's text, a title) and whether it is inside a cell's output."""
    return page.evaluate("""() => { const e = document.activeElement;
        const label = e.labels && e.labels[0] ? e.labels[0].innerText : '';
        const button = e.tagName === 'BUTTON' ? e.innerText : '';
        const name = e.getAttribute('aria-label') || label || button || e.getAttribute('title') || '';
        const slider = e.closest('.widget-slider');
        return {tag: e.tagName, name: name.trim(), value: (e.innerText || e.value || '').trim(),
                slider: slider ? slider.querySelector('.widget-label').innerText : '',
                in_cell: !!e.closest('.jp-CodeCell .jp-OutputArea')}; }""")


def test_the_03_playground_works_from_the_keyboard_alone(page):  # noqa: F811
    open_and_run(page, "03_shallow_network.ipynb")
    cell = widget_cell(page, "hidden units")
    cell.scroll_into_view_if_needed()
    play = cell.locator("button").first   # Play, then Pause: the bar's first button
    expect(play).to_have_text(re.compile("Play"))
    play.focus()   # the start: the first control of the playground; from here only keys
    counter = cell.locator(".widget-html-content", has_text=re.compile(r"^iteration")).first
    expect(counter).to_contain_text("(paused)")
    said = cell.locator('[role="status"][aria-live="polite"]')   # what a screen reader announces
    page.keyboard.press("Enter")
    expect(counter).to_contain_text("(playing)")
    expect(play).to_have_text(re.compile("Pause"))
    expect(said.filter(has_text="Playing.")).to_have_count(1)
    page.keyboard.press("Space")
    expect(counter).to_contain_text("(paused)")
    expect(said.filter(has_text=re.compile(r"Paused at iteration [\d,]+\."))).to_have_count(1)
    frame = cell.locator("img.widget-image").first   # the live frame: its text is its alt
    expect(frame).to_have_attribute("alt", re.compile(r"^The playground.s picture: .{20,}"))
    assert frame.get_attribute("alt") == frame.get_attribute("title")
    # Tab walks every control of the playground in order, each with a name, then leaves it
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        now = focused(page)
        if not now["in_cell"]:
            break
        seen.append(now)
    else:
        pytest.fail(f"the focus never left the playground after 60 Tabs: {seen[-3:]}")
    # a slider's value box (its readout, editable) sits beside the named handle
    names = [s["name"] for s in seen if not (s["slider"] and not s["name"])]
    assert all(names), f"a control without a name a screen reader reads: {seen}"
    for expected in ("Step", "Reset", "hidden units", "learning rate", "hidden activation",
                     "data set", "iterations per frame"):
        assert any(expected in n for n in names), f"Tab never reached {expected!r}: {names}"
    # a slider moves with the arrow keys: hidden units 4 -> 5 starts a new network
    play.focus()
    for _ in range(60):
        page.keyboard.press("Tab")
        if focused(page)["name"] == "hidden units":
            break
    page.keyboard.press("ArrowRight")
    expect(cell.locator(".widget-html-content", has_text="hidden units changed")).to_be_visible()
    page.keyboard.press("Shift+Tab")   # and back out of the slider the same way
    assert focused(page)["in_cell"]
    time.sleep(0.5)
