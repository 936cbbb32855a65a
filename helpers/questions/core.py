"""Concept questions: what one is, how an answer is judged, how the question reads.

A question is a ``Question``: its ``kind`` ("single", "multiple", "number" or "rule"), the
text, and either ``options`` (each an ``Option``: its text, whether it is right, and why)
or, for "number", the right value and known wrong values with what each one means. A
"rule" question asks for a function of the layer sizes (a shape, a parameter count): its
``rule`` computes the right answer for any sizes, ``wrong`` maps what a known mistake means
to the function of the sizes it gives, and each learner's example draws its sizes from a
seed of their own (``learner_seed``), so the answer is always computed, never stored.

The learner answers in the notebook (the answer widget, ``widget.py``, writes it for them):
``def answer_<name>(): return "b"`` (or ``{"a", "c"}``,
or a number; a rule's ``answer_<name>(layer_dims)`` returns a shape or a count), and the check cell ``check_question(answer_<name>)``
says at once whether it is right and why, never naming the right option before it is found.
"""

import getpass
import hashlib
import math
import os
from dataclasses import dataclass, field

import numpy as np

LETTERS = "abcdefgh"


@dataclass
class Option:
    text: str
    right: bool
    why: str


@dataclass
class Question:
    name: str
    kind: str
    text: str
    options: list = field(default_factory=list)
    value: float = None               # "number": the right answer
    wrong: dict = field(default_factory=dict)   # "number": value -> why; "rule": why -> f(dims)
    rule: object = None               # "rule": dims -> the right answer
    explain: str = ""                 # "number" and "rule": why the right answer is right
    predict: bool = False             # answer before running the next cell

    def letters(self):
        return {LETTERS[k]: option for k, option in enumerate(self.options)}


def learner_seed(name):
    """The seed of the example a learner is shown for question ``name``: from their user name
    (JupyterHub's, else the system's), so two learners see different sizes, each the same
    ones on every run."""
    who = os.environ.get("JUPYTERHUB_USER") or getpass.getuser()
    return int.from_bytes(hashlib.sha256(f"{who}/{name}".encode()).digest()[:4], "big")


def variant_sizes(seed, layers=(2, 4)):
    """Layer sizes [n0, n1, ..., nL] of one variant, drawn from ``seed``: 2 to 4 layers, the
    input 2 to 12 units, each hidden layer 1 to 9, one output unit."""
    rng = np.random.default_rng(seed)
    depth = int(rng.integers(layers[0], layers[1] + 1))
    return [int(rng.integers(2, 13))] + [int(n) for n in rng.integers(1, 10, depth - 1)] + [1]


def markdown(question):
    """The question as markdown (what the notebook's question cell says)."""
    head = "**Predict, then run.** " if question.predict else ""
    lines = [f"{head}{question.text}"]
    box = (f"press **Check**: the box writes your answer into `answer_{question.name}` below "
           f"and runs its check")
    if question.kind in ("single", "multiple"):
        lines.append("")
        lines += [f"- ({letter}) {option.text}" for letter, option in question.letters().items()]
        how = ("Pick one option in the box below and " if question.kind == "single" else
               "Select all that apply in the box below and ")
        yourself = ("the option's letter" if question.kind == "single" else
                    "the set of the letters")
        lines += ["", f"{how}{box} (or return {yourself} from it yourself, then run the check)."]
    elif question.kind == "number":
        lines += ["", f"Type the number in the box below and {box} (or return it from "
                      f"`answer_{question.name}` yourself, then run the check)."]
    else:
        lines += ["", f"Type your rule in the box below, an expression in `layer_dims`, and "
                      f"{box}; or write `answer_{question.name}(layer_dims)` yourself. It must "
                      f"work for any sizes `[n0, n1, ..., nL]`: the check tries your example and "
                      f"four others."]
    return "\n".join(lines)


def example(question):
    """The sizes this learner's example of rule question ``question`` uses, and its text."""
    dims = variant_sizes(learner_seed(question.name))
    return dims, f"Your example: layer_dims = {dims}."


def _letters(answer, question):
    """The answer as a set of known letters, or a sentence saying what is wrong with it."""
    if isinstance(answer, str):
        picked = {answer.strip().lower().strip("()")}
    elif isinstance(answer, (set, frozenset, list, tuple)):
        picked = {str(a).strip().lower().strip("()") for a in answer}
    else:
        return None, f"return a letter such as \"a\", got {answer!r}"
    unknown = sorted(picked - set(question.letters()))
    if unknown:
        return None, (f"{', '.join(unknown)} is not one of the options "
                      f"({', '.join(question.letters())})")
    if question.kind == "single" and len(picked) != 1:
        return None, "this question has one answer: return a single letter"
    return picked, ""


def judge(question, answer):
    """``(right, lines)``: whether ``answer`` (what answer_<name> returned) is right and the
    feedback lines. A wrong answer gets the explanation of what was chosen (why it tempts,
    why it is wrong), never the right option."""
    if question.kind in ("single", "multiple"):
        picked, problem = _letters(answer, question)
        if problem:
            return False, [problem]
        options = question.letters()
        right = {k for k, o in options.items() if o.right}
        if picked == right:
            if len(picked) == 1:
                return True, [options[k].why for k in picked]
            return True, [f"({k}) {options[k].why}" for k in sorted(picked)]
        lines = [f"({k}) {options[k].why}" for k in sorted(picked) if not options[k].right]
        missing = len(right - picked)
        if question.kind == "multiple":
            kept = len(picked & right)
            if kept:
                lines.insert(0, f"{kept} of your choices {'is' if kept == 1 else 'are'} right.")
            if missing:
                lines.append(f"{missing} right option{' is' if missing == 1 else 's are'} "
                             f"missing: read the others again.")
        return False, lines
    if question.kind == "number":
        if isinstance(answer, bool) or not isinstance(answer, (int, float, np.number)):
            return False, [f"return a number, got {answer!r}"]
        if math.isclose(answer, question.value, rel_tol=1e-9, abs_tol=1e-9):
            return True, [question.explain]
        for value, why in question.wrong.items():
            if math.isclose(answer, value, rel_tol=1e-9, abs_tol=1e-9):
                return False, [why]
        return False, [f"{answer!r} is not it; work it out again from the definition above."]
    return _judge_rule(question, answer)


def rule_seeds(question):
    """The variants a rule answer is tried on: the learner's example, then four more."""
    return [learner_seed(question.name), 1000, 1001, 1002, 1003]


def _judge_rule(question, answer):
    for seed in rule_seeds(question):
        dims = variant_sizes(seed)
        expected = question.rule(dims)
        try:
            got = answer(list(dims))
        except NotImplementedError:
            raise                  # not answered yet: the check says so
        except Exception as exc:   # noqa: BLE001 - the learner's own code
            return False, [f"for layer_dims = {dims} your function raised "
                           f"{type(exc).__name__}: {exc}"]
        if _same(got, expected):
            continue
        for why, mistake in question.wrong.items():
            if _same(got, mistake(dims)):
                return False, [f"for layer_dims = {dims} you return {got!r}: {why}"]
        return False, [f"for layer_dims = {dims} you return {got!r}, which is not it"]
    return True, [question.explain]


def _same(got, expected):
    if isinstance(expected, tuple):
        return isinstance(got, (tuple, list)) and tuple(got) == expected
    return (not isinstance(got, bool) and isinstance(got, (int, np.integer))
            and int(got) == expected)
