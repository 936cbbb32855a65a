"""A concept question answered in JupyterLab (Chromium): a wrong answer gets the
explanation of what was chosen, the right one its ✓, both from the check cell under it."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_jupyterlab import lab, open_and_run, page  # noqa: F401

pytestmark = pytest.mark.browser


def code_cell(page, text):
    return page.locator(".jp-Notebook .jp-CodeCell",
                        has=page.locator(".cm-content", has_text=text)).first


def answer_with(page, cell, source):
    """Replace the cell's code with ``source`` (one line) and run it."""
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.type(source)
    page.keyboard.press("Shift+Enter")


def test_a_question_answered_wrong_then_right(page):  # noqa: F811
    open_and_run(page, "01_introduction.ipynb")
    answer = code_cell(page, "def answer_relu_slope")
    check = code_cell(page, "check_question(answer_relu_slope)")
    expect(check.locator(".jp-OutputArea")).to_contain_text("Right")   # the worked answer
    answer.scroll_into_view_if_needed()
    answer_with(page, answer, "def answer_relu_slope(): return 3")
    check.locator(".jp-InputArea").click()
    page.keyboard.press("Shift+Enter")
    expect(check.locator(".jp-OutputArea")).to_contain_text("not yet")
    expect(check.locator(".jp-OutputArea")).to_contain_text("the value, not the slope")
    answer_with(page, answer, "def answer_relu_slope(): return 1")
    check.locator(".jp-InputArea").click()
    page.keyboard.press("Shift+Enter")
    expect(check.locator(".jp-OutputArea")).to_contain_text("✓ answer_relu_slope: Right")


def test_a_question_answered_with_the_answer_widget_and_the_keyboard_alone(page):  # noqa: F811
    """Arrows pick, Enter checks: the verdict is announced, the answer cell is written and
    run with its check, and the focus stays on Check for the next try."""
    open_and_run(page, "01_introduction.ipynb")
    box = code_cell(page, 'ask("hidden_units")')
    answer = code_cell(page, "def answer_hidden_units")
    check = code_cell(page, "check_question(answer_hidden_units)")
    box.scroll_into_view_if_needed()
    radios = box.locator("input[type=radio]")
    expect(radios).to_have_count(4)
    radios.first.focus()   # the start: the box's first control; from here only keys
    verdict = box.locator('[role="status"][aria-live="polite"]')
    for key, letter, said, graded in (("ArrowDown", "b", "✓ Right", "✓ answer_hidden_units"),
                                      ("ArrowUp", "a", "✗ Not yet", "not yet")):
        page.keyboard.press(key)              # arrows move the choice: (b), then back to (a)
        page.keyboard.press("Tab")            # to Check
        page.keyboard.press("Enter")
        expect(verdict).to_contain_text(said)
        expect(answer.locator(".cm-content")).to_contain_text(f'return "{letter}"')
        expect(check.locator(".jp-OutputArea")).to_contain_text(graded)
        expect(box).to_contain_text("Written into answer_hidden_units below and run")
        page.wait_for_timeout(300)
        assert page.evaluate("document.activeElement.innerText.trim()") == "Check"
        page.keyboard.press("Shift+Tab")      # back to the choices
