"""The concept questions: every one answered right and wrong, the feedback it gives, the
variants' sizes and computed answers (against parameters really built), and the notebooks'
question cells written from the data."""

import itertools

import nbformat
import pytest

from helpers import nb04_deep
from helpers.checks.feedback import CheckFailed
from helpers.questions import BY_NOTEBOOK, QUESTIONS, check_question, core, judge, markdown
from tests.paths import NOTEBOOKS

CHOICE = [q for q in QUESTIONS.values() if q.kind in ("single", "multiple")]
RULES = [q for q in QUESTIONS.values() if q.kind == "rule"]


def answering(name, value):
    """A learner's ``answer_<name>`` returning ``value`` (or, for a rule, being ``value``)."""
    if callable(value):
        value.__name__ = f"answer_{name}"
        return value

    def answer():
        return value
    answer.__name__ = f"answer_{name}"
    return answer


def right_letters(q):
    return {k for k, o in q.letters().items() if o.right}


def test_every_notebook_asks_enough_questions_of_every_kind():
    counts = {key: len(qs) for key, qs in BY_NOTEBOOK.items()}
    assert counts["01"] >= 10 and all(counts[k] >= 6 for k in ("02", "03", "04")), counts
    kinds = {q.kind for q in QUESTIONS.values()}
    assert kinds == {"single", "multiple", "number", "rule"}
    assert sum(q.predict for q in QUESTIONS.values()) >= 3
    assert len(QUESTIONS) == sum(counts.values())   # names are unique


@pytest.mark.parametrize("q", CHOICE, ids=lambda q: q.name)
def test_a_choice_question_right_and_every_wrong_answer(q, capsys):
    right = right_letters(q)
    assert right and all(o.why for o in q.options)
    assert q.kind == "multiple" or len(right) == 1
    answer = next(iter(right)) if q.kind == "single" else set(right)
    ok, lines = judge(q, answer)
    assert ok, lines
    check_question(answering(q.name, answer))
    assert f"answer_{q.name}:" in capsys.readouterr().out
    hidden = {q.letters()[k].why for k in right}
    for k, option in q.letters().items():
        if option.right:
            continue
        picked = k if q.kind == "single" else right | {k}
        ok, lines = judge(q, picked)
        assert not ok and option.why in " ".join(lines)
        assert not hidden & set(lines), "a wrong answer's feedback gave the right one away"
        with pytest.raises(CheckFailed) as failed:
            check_question(answering(q.name, picked))
        assert option.why in str(failed.value) and "not yet" in failed.value.headline


@pytest.mark.parametrize("q", [q for q in CHOICE if q.kind == "multiple"], ids=lambda q: q.name)
def test_a_multiple_choice_missing_one_right_option_says_one_is_missing(q):
    right = sorted(right_letters(q))
    if len(right) < 2:
        pytest.skip("one right option")
    ok, lines = judge(q, set(right[1:]))
    assert not ok and "1 right option is missing" in " ".join(lines)
    assert q.letters()[right[0]].text not in " ".join(lines)


def test_letters_in_any_form_and_bad_answers_named():
    q = QUESTIONS["supervised"]
    right = right_letters(q)
    for form in (set(right), sorted(right), tuple(sorted(right)),
                 {f"({k.upper()})" for k in right}):
        assert judge(q, form)[0]
    assert "not one of the options" in judge(q, {"z"})[1][0]
    assert "return a letter" in judge(q, 3)[1][0]
    single = QUESTIONS["relu_house"]
    assert "one answer" in judge(single, {"a", "b"})[1][0]


def test_number_questions_name_the_known_mistakes():
    for q in (q for q in QUESTIONS.values() if q.kind == "number"):
        assert judge(q, q.value)[0] and judge(q, float(q.value))[0]
        for value, why in q.wrong.items():
            assert judge(q, value) == (False, [why])
        assert not judge(q, q.value + 1000)[0]
        assert "return a number" in judge(q, str(q.value))[1][0]
        assert "return a number" in judge(q, True)[1][0]


def built(dims):
    return nb04_deep.initialize_parameters_deep(dims, seed=0)


@pytest.mark.parametrize("seed", range(40))
def test_rule_answers_are_computed_and_match_the_parameters_really_built(seed):
    dims = core.variant_sizes(seed)
    params = built(dims)
    L = len(dims) - 1
    assert QUESTIONS["parameter_count"].rule(dims) == sum(v.size for v in params.values())
    assert QUESTIONS["W1_shape"].rule(dims) == params["W1"].shape
    assert QUESTIONS["dW_last_shape"].rule(dims) == params[f"W{L}"].shape


def test_variants_differ_across_seeds_and_learners(monkeypatch):
    sizes = {tuple(core.variant_sizes(s)) for s in range(50)}
    assert len(sizes) > 40
    assert all(2 <= len(s) - 1 <= 4 and s[-1] == 1 for s in sizes)
    seen = set()
    for who in ("ana", "bo", "chen", "dara"):
        monkeypatch.setenv("JUPYTERHUB_USER", who)
        seen.add(tuple(core.example(QUESTIONS["W1_shape"])[0]))
        assert core.example(QUESTIONS["W1_shape"]) == core.example(QUESTIONS["W1_shape"])
    assert len(seen) == 4


@pytest.mark.parametrize("q", RULES, ids=lambda q: q.name)
def test_a_rule_right_wrong_and_hard_coded(q, capsys):
    check_question(answering(q.name, lambda layer_dims: q.rule(layer_dims)))
    assert "Right" in capsys.readouterr().out
    for why, mistake in q.wrong.items():
        with pytest.raises(CheckFailed) as failed:
            check_question(answering(q.name, lambda layer_dims, f=mistake: f(layer_dims)))
        assert why in str(failed.value)
    shown = core.example(q)[0]
    fixed = q.rule(shown)
    with pytest.raises(CheckFailed) as failed:   # right for the example only
        check_question(answering(q.name, lambda layer_dims: fixed))
    assert "not it" in str(failed.value) or "you return" in str(failed.value)

    def raises(layer_dims):
        return layer_dims[10]
    with pytest.raises(CheckFailed) as failed:
        check_question(answering(q.name, raises))
    assert "IndexError" in str(failed.value)


def test_an_unanswered_question_and_a_stranger_are_told_what_to_do():
    def answer_relu_slope():
        raise NotImplementedError()
    with pytest.raises(CheckFailed) as failed:
        check_question(answer_relu_slope)
    assert failed.value.headline == "not done yet"

    def answer_W1_shape(layer_dims):
        raise NotImplementedError()
    with pytest.raises(CheckFailed) as failed:
        check_question(answer_W1_shape)
    assert failed.value.headline == "not done yet"
    for stranger in (3, print, lambda: "a"):
        with pytest.raises(CheckFailed) as failed:
            check_question(stranger)
        assert "not one of the notebooks' answers" in failed.value.headline


@pytest.mark.parametrize("key", sorted(BY_NOTEBOOK))
def test_each_notebook_asks_its_questions_from_the_data(key):
    path = next(NOTEBOOKS.glob(f"{key}_*.ipynb"))
    cells = nbformat.read(path, as_version=4).cells
    asked = []
    for k, cell in enumerate(cells):
        name = cell.metadata.get("course", {}).get("question")
        if not name:
            continue
        asked.append(name)
        assert cell.cell_type == "markdown" and cell.source == markdown(QUESTIONS[name])
        box, answer, check = cells[k + 1], cells[k + 2], cells[k + 3]
        assert box.source.strip() == f'ask("{name}")'   # the answer widget
        assert f"def answer_{name}(" in answer.source and "BEGIN SOLUTION" in answer.source
        assert check.source.strip() == f"check_question(answer_{name})"
        assert check.metadata["nbgrader"]["points"] == 1
        stored = "".join(o.get("data", {}).get("text/plain", "") for o in check.outputs)
        assert f"answer_{name}:" in stored   # the worked notebook's answer passes its check
    assert asked == [q.name for q in BY_NOTEBOOK[key]], "the notebook asks them in the data's order"
    spread = [k for k, c in enumerate(cells) if c.metadata.get("course", {}).get("question")]
    assert spread[0] < len(cells) / 2, "the questions are not all at the end"


def test_every_combination_of_a_small_multiple_choice_is_judged_consistently():
    q = QUESTIONS["vectorize"]
    right = right_letters(q)
    letters = list(q.letters())
    for r in range(1, len(letters) + 1):
        for combo in itertools.combinations(letters, r):
            ok, _ = judge(q, set(combo))
            assert ok == (set(combo) == right)
