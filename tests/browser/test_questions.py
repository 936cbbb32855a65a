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
