"""The answer widget (helpers/questions/widget.py): every question answered through its
controls, right and wrong; the line it writes into the answer cell is graded as the widget
said; no answer, or an answer that is not one, says what to do; every control is labelled."""

import html

import ipywidgets as widgets
import pytest

from helpers.checks.feedback import CheckFailed
from helpers.questions import QUESTIONS, ask, check_question
from helpers.questions.widget import answer_box, answer_source

# Rules worked by hand from the course's shapes (W[l] is (n[l], n[l-1]), b[l] is (n[l], 1)).
RULES = {"W1_shape": "(layer_dims[1], layer_dims[0])",
         "dW_last_shape": "(layer_dims[-1], layer_dims[-2])",
         "parameter_count": "sum(n * m + n for m, n in zip(layer_dims[:-1], layer_dims[1:]))"}
WRONG_RULES = {"W1_shape": ("(layer_dims[0], layer_dims[1])", "W1.T"),
               "dW_last_shape": ("(layer_dims[-2], layer_dims[-1])", None),
               "parameter_count": ("sum(n * m for m, n in zip(layer_dims[:-1], layer_dims[1:]))",
                                   None)}


def right_answer(q):
    if q.kind in ("single", "multiple"):
        return {k for k, o in q.letters().items() if o.right}, ""
    if q.kind == "number":
        return set(), repr(q.value)
    return set(), RULES[q.name]


def press(box, picked=(), text=""):
    """Set the box's controls to ``picked`` letters or ``text``, press Check; the verdict."""
    controls = [c for c in box.children if not isinstance(c, (widgets.Button, widgets.HTML,
                                                              widgets.Output, widgets.Label))]
    for control in controls:
        if isinstance(control, widgets.RadioButtons):
            control.value = next(iter(picked)) if picked else None
        elif isinstance(control, widgets.Checkbox):
            control.value = control.description[1] in picked
        else:
            control.value = text
    next(c for c in box.children if isinstance(c, widgets.Button)).click()
    return html.unescape(next(c for c in box.children if isinstance(c, widgets.HTML)).value)


def graded(q, line):
    """What the check cell says of the answer cell the widget writes: True, or the why."""
    args = "layer_dims" if q.kind == "rule" else ""
    space = {}
    exec(f"def answer_{q.name}({args}):\n    {line}\n", space)  # noqa: S102 - the written cell
    try:
        check_question(space[f"answer_{q.name}"])
    except CheckFailed as failed:
        return failed.text()
    return True


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_the_right_answer_through_the_widget_is_right_and_written_as_graded(name):
    q = QUESTIONS[name]
    picked, text = right_answer(q)
    verdict = press(answer_box(q), picked, text)
    assert "✓ Right" in verdict and "Not yet" not in verdict
    line, _, problem = answer_source(q, picked, text)
    assert not problem and line in verdict
    assert graded(q, line) is True


@pytest.mark.parametrize("name", sorted(n for n, q in QUESTIONS.items()
                                        if q.kind in ("single", "multiple")))
def test_each_wrong_option_explains_itself_and_never_the_right_one(name):
    q = QUESTIONS[name]
    right = {k for k, o in q.letters().items() if o.right}
    for letter, option in q.letters().items():
        if option.right:
            continue
        picked = {letter} if q.kind == "single" else right | {letter}
        verdict = press(answer_box(q), picked)
        assert "✗ Not yet" in verdict
        assert option.why in verdict
        for k in right:
            if q.kind == "single":
                assert q.letters()[k].why not in verdict
        line, _, _ = answer_source(q, picked)
        assert graded(q, line) is not True   # the cell written fails its check as well


def test_a_wrong_number_and_a_wrong_rule_are_explained():
    number = next(q for q in QUESTIONS.values() if q.kind == "number" and q.wrong)
    value, why = next(iter(number.wrong.items()))
    verdict = press(answer_box(number), text=repr(value))
    assert "✗ Not yet" in verdict and why in verdict
    for name, (rule, word) in WRONG_RULES.items():
        verdict = press(answer_box(QUESTIONS[name]), text=rule)
        assert "✗ Not yet" in verdict and "layer_dims = [" in verdict
        if word:
            assert word in verdict
        assert graded(QUESTIONS[name], f"return {rule}") is not True


@pytest.mark.parametrize("kind, text, says", [
    ("single", "", "Choose an option first"),
    ("multiple", "", "Choose an option first"),
    ("number", "", "Type a number first"),
    ("number", "seven", "is not a number"),
    ("number", "True", "is not a number"),
    ("rule", "", "Type your rule first"),
    ("rule", "(layer_dims[1],", "does not read as a Python expression"),
])
def test_no_answer_or_not_an_answer_says_what_to_do(kind, text, says):
    q = next(q for q in QUESTIONS.values() if q.kind == kind)
    verdict = press(answer_box(q), (), text)
    assert says in verdict and "Right" not in verdict and "Not yet" not in verdict


def test_a_rule_that_raises_is_reported_with_the_sizes_it_failed_on():
    verdict = press(answer_box(QUESTIONS["W1_shape"]), text="(layer_dims[7], layer_dims[0])")
    assert "✗ Not yet" in verdict and "IndexError" in verdict


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_every_control_is_labelled_and_the_verdict_is_a_live_region(name):
    box = answer_box(QUESTIONS[name])
    for control in box.children:
        if isinstance(control, (widgets.RadioButtons, widgets.Checkbox, widgets.Text,
                                widgets.Button)):
            assert control.description.strip()
    verdict = next(c for c in box.children if isinstance(c, widgets.HTML))
    assert "course-live" in verdict._dom_classes


def test_ask_names_the_questions_when_the_name_is_wrong():
    with pytest.raises(ValueError, match="relu_slope"):
        ask("relu_slop")


def test_what_the_learner_typed_is_shown_as_text_not_as_html():
    box = answer_box(next(q for q in QUESTIONS.values() if q.kind == "number"))
    press(box, text="<b>7</b>")
    raw = next(c for c in box.children if isinstance(c, widgets.HTML)).value
    assert "<b>7</b>" not in raw and "&lt;b&gt;7&lt;/b&gt;" in raw
