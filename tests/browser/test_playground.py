"""The live playgrounds in a real browser: JupyterLab and Debian's Chromium through Playwright.

03: Play makes the boundary image change many times and the counter advance; Pause
stops it; Step advances by exactly one. 04: the deep playground plays, and a stroke
drawn with the mouse on the canvas gets an answer. The server, browser and skip rules
come from test_jupyterlab.py (imported, not copied). Screenshots go to test-artifacts/.
"""

import json
import os
import re
import subprocess
import sys
import time

from playwright.sync_api import expect

from tests.browser.test_jupyterlab import (ARTIFACTS, lab, open_and_run, page, shot,  # noqa: F401
                                           widget_cell)

FPS_FILE = ARTIFACTS / "playground_fps.json"   # read by benchmarks/playground.py
FPS_SECONDS = 6.0
# the targets of the playgrounds (docs/performance.md): new frames per second seen in the page
FPS_QUIET, FPS_BUSY = 20, 12

ITERATION = re.compile(r"iteration ([\d,]+)")


def counter(cell):
    text = cell.locator(".widget-html-content", has_text=ITERATION).first.inner_text()
    return int(ITERATION.search(text).group(1).replace(",", ""))


def frame_src(cell):
    return cell.locator("img.widget-image").last.get_attribute("src")


def button(cell, name):
    """The button reading exactly ``name`` ("Step" is not "Step ×10"), icon or not."""
    return cell.locator("button", has_text=re.compile(rf"^\s*{re.escape(name)}\s*$")).first


def watch_play(cell, seconds=4.0):
    """Press Play, sample the picture every 0.1 s for ``seconds``; return the distinct frames."""
    seen = {frame_src(cell)}
    button(cell, "Play").click()
    deadline = time.time() + seconds
    while time.time() < deadline:
        seen.add(frame_src(cell))
        time.sleep(0.1)
    return seen


def page_fps(page, cell, seconds=FPS_SECONDS):
    """Play for ``seconds`` and count in the page how often the picture's ``src`` changes
    (a MutationObserver on the frame's img): the new frames per second the learner sees."""
    img = cell.locator("img.widget-image").last
    img.evaluate("""img => { window.__frames = 0; window.__observer = new MutationObserver(
        records => { window.__frames += records.filter(r => r.attributeName === 'src').length; });
        window.__observer.observe(img, {attributes: true}); }""")
    button(cell, "Play").click()
    time.sleep(1.0)  # the first frames (the background's full draw) are not the steady rate
    start = page.evaluate("window.__frames")
    time.sleep(seconds)
    frames = page.evaluate("window.__frames") - start
    page.evaluate("window.__observer.disconnect()")
    return frames / seconds


def record_fps(name, load, fps):
    """Keep the figure for ``make bench`` (benchmarks/playground.py prints it)."""
    ARTIFACTS.mkdir(exist_ok=True)
    seen = json.loads(FPS_FILE.read_text()) if FPS_FILE.exists() else {}
    seen[f"{name}, {load}"] = {"fps": round(fps, 1), "load_average": round(os.getloadavg()[0], 2),
                               "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    FPS_FILE.write_text(json.dumps(seen, indent=1, sort_keys=True))


def measure_fps(page, cell, name):
    """Frames per second in the page, quiet and with one core kept busy; both recorded."""
    quiet = page_fps(page, cell)
    pause_and_check_it_stays(cell)
    record_fps(name, "quiet", quiet)
    spinner = subprocess.Popen(["timeout", str(int(FPS_SECONDS) + 20), sys.executable, "-c",
                                "while True: pass"])
    try:
        busy = page_fps(page, cell)
    finally:
        spinner.terminate()
        spinner.wait()
    pause_and_check_it_stays(cell)
    record_fps(name, "one core busy", busy)
    return quiet, busy


def pause_and_check_it_stays(cell):
    button(cell, "Pause").click()
    expect(button(cell, "Play")).to_be_visible()
    time.sleep(1.0)  # a frame already on its way may still land
    stopped = counter(cell)
    time.sleep(1.5)
    assert counter(cell) == stopped, "the counter moved after Pause"
    return stopped


def test_03_play_pause_step(page):  # noqa: F811
    open_and_run(page, "03_shallow_network.ipynb")
    cell = widget_cell(page, "hidden units")
    cell.scroll_into_view_if_needed()
    expect(cell.locator("img.widget-image").last).to_be_visible()
    assert counter(cell) == 0
    frames = watch_play(cell)
    assert len(frames) >= 6, f"the boundary image changed only {len(frames) - 1} times in 4 s"
    stopped = pause_and_check_it_stays(cell)
    assert stopped >= 50, f"only {stopped} iterations in 4 s of Play"
    before = frame_src(cell)
    button(cell, "Step").click()
    expect(cell.locator(".widget-html-content", has_text=f"iteration {stopped + 1:,}").first).to_be_visible()
    assert counter(cell) == stopped + 1
    deadline = time.time() + 10
    while frame_src(cell) == before and time.time() < deadline:
        time.sleep(0.1)
    assert frame_src(cell) != before, "Step did not redraw"
    button(cell, "Reset").click()
    expect(cell.locator(".widget-html-content", has_text=re.compile(r"iteration 0\b")).first).to_be_visible()
    shot(cell, "03_live_playground.png")
    quiet, busy = measure_fps(page, cell, "03 planar")
    assert quiet >= FPS_QUIET and busy >= FPS_BUSY, (
        f"03: {quiet:.1f} new frames/s in the page as it is, {busy:.1f} with a core busy "
        f"(targets {FPS_QUIET} and {FPS_BUSY}; load average {os.getloadavg()[0]:.2f})")


def test_03_own_points_by_clicking_and_one_step_s_numbers(page):  # noqa: F811
    open_and_run(page, "03_shallow_network.ipynb")
    cell = widget_cell(page, "hidden units")
    canvas = cell.locator("canvas").first
    canvas.scroll_into_view_if_needed()
    expect(canvas).to_be_visible()
    box = canvas.bounding_box()
    for label, spots in (("class 0 (blue circle)", [(0.2, 0.2), (0.3, 0.25), (0.25, 0.35)]),
                         ("class 1 (orange triangle)", [(0.8, 0.8), (0.7, 0.75), (0.75, 0.65)])):
        cell.locator("button", has_text=label).click()
        for fx, fy in spots:
            page.mouse.click(box["x"] + fx * box["width"], box["y"] + fy * box["height"])
    note = cell.locator(".widget-html-content", has_text="your points: 3 of class 0, 3 of class 1")
    expect(note).to_be_visible(timeout=10_000)
    cell.locator("select", has=page.locator("option", has_text="my points")).select_option(
        "my points")
    expect(cell.locator(".widget-html-content", has_text="data set changed")).to_be_visible()
    before = frame_src(cell)
    button(cell, "Step").click()
    expect(cell.locator(".widget-html-content", has_text=re.compile(r"^iteration 1\b")).first
           ).to_be_visible()
    assert frame_src(cell) != before
    cell.locator("button", has_text="show one step's equations").click()
    view = cell.locator(".widget-html-content", has_text="The step from iteration 1 to 2")
    expect(view).to_be_visible()
    expect(view.locator("tbody tr")).to_have_count(4)   # one row per hidden unit (4 by default)
    shot(cell, "03_own_points_and_one_step.png")


def test_04_deep_play_and_draw_a_digit(page):  # noqa: F811
    open_and_run(page, "04_deep_network.ipynb")
    cell = widget_cell(page, "units per layer")
    cell.scroll_into_view_if_needed()
    frames = watch_play(cell, seconds=5.0)
    assert len(frames) >= 4, f"the deep playground's picture changed only {len(frames) - 1} times"
    assert pause_and_check_it_stays(cell) > 0
    shot(cell, "04_live_deep_playground.png")
    quiet, busy = measure_fps(page, cell, "04 deep")

    pad = page.locator(".jp-CodeCell", has=page.locator(".widget-html-content",
                                                        has_text="Draw one digit with the mouse")).last
    pad.scroll_into_view_if_needed()
    canvas = pad.locator("canvas").first
    expect(canvas).to_be_visible()
    seen_before = pad.locator("img.widget-image").last.get_attribute("src")
    box = canvas.bounding_box()
    x, top, bottom = box["x"] + box["width"] / 2, box["y"] + 0.2 * box["height"], \
        box["y"] + 0.8 * box["height"]
    page.mouse.move(x, top)
    page.mouse.down()
    for k in range(1, 21):  # a vertical stroke: a "1"
        page.mouse.move(x, top + (bottom - top) * k / 20)
        time.sleep(0.02)
    page.mouse.up()
    expect(pad.locator(".widget-html-content", has_text="P(odd) =")).to_be_visible(timeout=20_000)
    assert pad.locator("img.widget-image").last.get_attribute("src") != seen_before
    shot(pad, "04_draw_a_digit.png")
    assert quiet >= FPS_QUIET and busy >= FPS_BUSY, (
        f"04: {quiet:.1f} new frames/s in the page as it is, {busy:.1f} with a core busy "
        f"(targets {FPS_QUIET} and {FPS_BUSY}; load average {os.getloadavg()[0]:.2f})")
