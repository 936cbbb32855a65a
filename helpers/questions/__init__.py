"""Check your understanding: the concept questions of the four notebooks.

Each notebook asks its questions where the idea is taught: a markdown cell with the question
and its options (``markdown``), an answer cell where the learner writes
``def answer_<name>(): return ...`` (nbgrader's solution cell), and a locked check cell
``check_question(answer_<name>)`` worth one point, which says at once whether the answer is
right and why (``core.judge``). Above the answer cell, ``ask(name)`` shows the answer
widget (``widget``), one for every kind, which judges at once and writes the answer cell.
The questions are data, one module per notebook
(``nb01`` ... ``nb04``); ``core`` holds what every kind shares.
"""

from ..checks.feedback import CheckFailed, show_pass
from . import nb01, nb02, nb03, nb04
from ..widgets.common import show
from .core import example, judge, markdown  # noqa: F401
from .widget import answer_box

BY_NOTEBOOK = {"01": nb01.QUESTIONS, "02": nb02.QUESTIONS, "03": nb03.QUESTIONS,
               "04": nb04.QUESTIONS}
QUESTIONS = {q.name: q for questions in BY_NOTEBOOK.values() for q in questions}


def question_of(answer):
    """The question that function ``answer`` (``answer_<name>``) answers."""
    name = getattr(answer, "__name__", "")
    if not callable(answer) or not name.startswith("answer_") or name[7:] not in QUESTIONS:
        raise CheckFailed("check_question", "this is not one of the notebooks' answers",
                          [("got", repr(answer)[:80]),
                           ("hint", "pass the answer function itself, e.g. "
                                    "check_question(answer_relu_slope)")])
    return QUESTIONS[name[7:]]


def check_question(answer):
    """Say whether ``answer_<name>`` answers its question rightly, and why (fails if not)."""
    question = question_of(answer)
    name = answer.__name__
    if question.kind == "rule":
        given = answer
    else:
        try:
            given = answer()
        except NotImplementedError:
            given = None
            problem = [("hint", f"replace `raise NotImplementedError()` in {name} with "
                                f"`return ...` (your answer), run that cell, then this one.")]
            raise CheckFailed(name, "not done yet", problem) from None
        except Exception as exc:  # noqa: BLE001 - the learner's own code
            raise CheckFailed(name, f"your answer raised {type(exc).__name__}: {exc}") from None
    if question.kind == "rule":
        try:
            right, lines = judge(question, given)
        except NotImplementedError:
            raise CheckFailed(name, "not done yet", [
                ("hint", f"replace `raise NotImplementedError()` in {name} with your rule, "
                         f"run that cell, then this one.")]) from None
    else:
        right, lines = judge(question, given)
    if right:
        text = " ".join(line for line in lines if line)
        show_pass(f"{name}: {text if text.startswith('Right') else 'right. ' + text}")
        return
    raise CheckFailed(name, "not yet", [("why", "\n".join(lines)),
                                        ("next", "change your answer, run its cell, then this "
                                                 "check again")]) from None


def ask(name):
    """Show the answer widget of question ``name`` (``widget.answer_box``): pick or type an
    answer, press Check, read why; the widget writes the answer into ``answer_<name>``."""
    if name not in QUESTIONS:
        raise ValueError(f"ask: {name!r} is not one of the questions; they are "
                         f"{', '.join(sorted(QUESTIONS))}")
    show(answer_box(QUESTIONS[name]),
         f"Answer widget for {name} (runs in JupyterLab; or write the answer in "
         f"answer_{name} below).")


def show_example(name):
    """Print the layer sizes of this learner's example for rule question ``name``."""
    print(example(QUESTIONS[name])[1])
