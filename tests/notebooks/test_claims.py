"""What the notebooks' prose says agrees with the stored outputs beside it.

Three guards, all reading the committed notebooks (the outputs of their last clean run):

1. Every number in markdown prose that looks computed (a decimal like 0.0050, a
   percentage, a number with a thousands separator like 13,665, a factor like ×10) is
   registered here: either as a CLAIM, checked against a stored output or recomputed,
   or as STATED, a value the text chooses or a fact no computation produces (α = 0.5,
   1,000 test images, section numbers). A new number in the prose fails the test until
   its author decides which it is, so a quoted result cannot silently go stale.
2. Every CLAIM appears in its markdown cell and equals what its source prints (as
   printed, digit for digit) or computes.
3. PROSE_CHECKS: statements in words ("ends on top", "has not settled") tested on the
   printed numbers they describe.

After changing a notebook, re-store its outputs (``python -m helpers.store_outputs``)
and run this file.
"""

import re

import nbformat
import numpy as np
import pytest

from helpers import nb01_experiments, widgets
from tests.paths import NOTEBOOKS

NB = {"01": "01_introduction.ipynb", "02": "02_logistic_regression.ipynb",
      "03": "03_shallow_network.ipynb", "04": "04_deep_network.ipynb"}

_cache = {}


def notebook(key):
    if key not in _cache:
        _cache[key] = nbformat.read(NOTEBOOKS / NB[key], as_version=4)
    return _cache[key]


def cell(key, cell_id):
    for c in notebook(key).cells:
        if c.id == cell_id:
            return c
    raise AssertionError(f"notebook {key} has no cell {cell_id} (was it renamed or deleted?)")


def printed(key, cell_id):
    """The stored text a code cell printed (all its stream outputs, joined)."""
    c = cell(key, cell_id)
    return "".join(o.get("text", "") for o in c.get("outputs", []) if o.output_type == "stream")


def _large_network_parameters():
    dims = [196, *nb01_experiments.SCALING_MODELS["large network (64 + 16 units)"], 1]
    return f"{sum(n * p + n for n, p in zip(dims[1:], dims[:-1])):,}"


def _best_house_cost_on_the_sliders():
    box = widgets.house_widget()
    w, b = box.children[0].children
    grid_w = np.arange(w.min, w.max + w.step / 2, w.step)
    grid_b = np.arange(b.min, b.max + b.step / 2, b.step)
    return min(widgets.house_cost(x, y) for x in grid_w for y in grid_b)


# (notebook, markdown cell, quoted text, source): the source is (code cell, regex whose
# group 1 must equal the quoted text), or a function returning the quoted text.
CLAIMS = [
    ("01", "db88f79f", "cost about 100",
     lambda: f"cost about {round(widgets.house_cost(2.8, -90), -1):.0f}"),
    ("01", "db88f79f", "a cost below 20",
     lambda: "a cost below 20" if _best_house_cost_on_the_sliders() < 20 else "no"),
    ("01", "f2304ae9", "0.0050", ("34888a7b", r"and the sigmoid by (\d\.\d+)")),
    ("01", "c0c4d05d", "13,665", _large_network_parameters),
    ("01", "436e9e97", "0.69", ("7b2c243f", r"sigmoid cost:\s+(\d\.\d\d)")),
    ("03", "0098a6e0", "86.0%", ("a5b01454", r"\n\s+10\s+(\d+\.\d%)")),
    ("03", "0098a6e0", "6.317", ("a5b01454", r"\n\s+10\s+\S+\s+\S+\s+(\d+\.\d+)")),
    ("03", "0098a6e0", "0.693", ("a5b01454", r"\n\s+0\.01\s+\S+\s+\S+\s+(\d+\.\d+)")),
]

# Numbers the text chooses or states as facts, per notebook; not results of a computation.
STATED = {
    "01": {"1,000", "14×", "2×", "4,000", "0.25", "0.02", "1.00"},
    "02": {"28×", "4,000", "1,000", "2,000", "0.3", "2.001", "6.003", "× 100", "× 2",
           "300,000", "0.0"},
    "03": {"0.25", "0.01", "0.5", "×10", "× 0.01", "×0.01", "×1", "0.7", "10,000", "5,000",
           "90%", "1,000", "1,500"},
    "04": {"× 0.01", "2,000", "1,000", "28×", "0.03"},
}

NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+\.\d+%?|\d+%|\d+×|×\s?\d+(?:\.\d+)?)")


def prose_numbers(markdown):
    """Numbers in markdown outside LaTeX, code, headings' and exercises' section numbers."""
    text = re.sub(r"\$\$.*?\$\$", " ", markdown, flags=re.S)
    text = re.sub(r"\$[^$]*\$", " ", text)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"^#+ [\d.]+( and [\d.]+)?", " ", text, flags=re.M)  # ### 6.10 and 6.11
    text = re.sub(r"\*\*\d+\.\d+( and \d+\.\d+)?", " ", text)          # **13.5 and 13.6 Losses
    text = re.sub(r"\d+\.\s+[A-Z]", " ", text)                        # contents: 7. The flower
    return NUMBER.findall(text)


@pytest.mark.parametrize("key", sorted(NB))
def test_every_number_in_the_prose_is_registered(key):
    claimed = {(k, cid, q) for k, cid, q, _ in CLAIMS}
    unregistered = []
    for c in notebook(key).cells:
        if c.cell_type != "markdown" or c.metadata.get("course", {}).get("question"):
            continue   # a concept question's numbers are chosen (tests/helpers/test_questions.py)
        for number in prose_numbers(c.source):
            known = number in STATED[key] or any(
                k == key and cid == c.id and number in q for k, cid, q in claimed)
            if not known:
                unregistered.append((c.id, number))
    assert not unregistered, (
        f"notebook {key}: numbers in the prose that are neither checked claims nor stated "
        f"values (cell id, number): {unregistered}. If a computation produced the number, add "
        f"it to CLAIMS with the output it comes from; if the text chose it, add it to STATED.")


@pytest.mark.parametrize("key, md_id, quoted, source", CLAIMS,
                         ids=[f"{k}-{q}" for k, _, q, _ in CLAIMS])
def test_quoted_number_matches_its_source(key, md_id, quoted, source):
    assert quoted in " ".join(cell(key, md_id).source.split()), \
        f"the markdown cell {md_id} no longer says {quoted!r}: update CLAIMS"
    if callable(source):
        actual = source()
    else:
        code_id, pattern = source
        found = re.search(pattern, printed(key, code_id))
        assert found, f"cell {code_id}'s stored output has nothing matching {pattern!r}"
        actual = found.group(1)
    assert actual == quoted, f"notebook {key}, cell {md_id} says {quoted!r}; the output says {actual!r}"


# --- statements in words, checked on the numbers they describe ---------------------

def _floats(text):
    return [float(x) for x in re.findall(r"-?\d+\.\d+", text)]


def test_01_data_scaling_story():
    rows = {line[:30].strip(): _floats(line[30:]) for line in
            printed("01", "0bdf7ea3").strip().splitlines()}
    first = [r[0] for r in rows.values()]
    assert max(first) - min(first) < 3, "'with 100 images all four models land close together'"
    last = {name: r[-1] for name, r in rows.items()}
    assert max(last, key=last.get).startswith("large"), "'the largest ends on top'"


def test_01_relu_races_ahead_of_sigmoid():
    lines = printed("01", "7b2c243f").splitlines()
    sigmoid = _floats(next(line for line in lines if "sigmoid" in line))
    relu = _floats(next(line for line in lines if "relu" in line))
    assert len(sigmoid) == len(relu) == 6, "costs at iterations 0, 100, ..., 500"
    assert relu[3] < 0.01, "'near zero training cost by iteration 300'"
    assert all(abs(c - 0.69) < 0.05 for c in sigmoid[:4]), "'first 300 iterations on its plateau'"
    assert sigmoid[-1] < sigmoid[3] - 0.2, "'has only begun to fall'"


def test_02_train_accuracy_a_few_points_above_test():
    train, test = _floats(re.search(r"train accuracy.*", printed("02", "0ac8da07")).group())
    assert 1 <= train - test <= 6


def test_02_large_learning_rate_overshoots_and_does_not_settle():
    line = re.search(r"α = 5, cost every 100 iterations:(.*)", printed("02", "29ba714f")).group(1)
    costs = _floats(line)
    assert len(costs) == 10
    assert max(costs) > 2 * costs[0], "'at times far above where it started'"
    assert costs[-1] > min(costs[-4:]) + 0.1, "'after 1,000 iterations it has not settled'"
    finals = dict(re.findall(r"α = (\S+)\s+final cost (\d\.\d+)", printed("02", "29ba714f")))
    assert float(finals["5.0"]) > float(finals["0.5"]), "'a worse cost than α = 0.5'"


def test_03_weight_scales():
    rows = {}
    for line in printed("03", "a5b01454").splitlines()[1:]:
        scale, *values = line.split()
        rows[scale] = [float(v.rstrip("%")) for v in values]
    # columns: saturated %, mean slope, cost at 0, 100, 1000, accuracy %
    assert rows["10"][0] > 80 and rows["0.01"][0] == 0.0
    assert rows["1"][3] == min(r[3] for r in rows.values()), "'×1 makes the fastest start'"
    accuracies = [r[5] for r in rows.values()]
    assert max(accuracies) - min(accuracies) <= 2, "'their accuracies are close'"


def test_03_logistic_regression_is_a_coin_toss_and_the_network_is_not():
    lr, net = _floats(printed("03", "a27d1829").splitlines()[-1])
    assert 40 <= lr <= 60 and net > 90


def test_04_deeper_network_wins_on_this_run():
    rows = {line[:36].strip(): _floats(line[36:]) for line in
            printed("04", "9525b9ca").strip().splitlines()[1:]}
    test_acc = {name: r[1] for name, r in rows.items()}
    lr, two, four = (test_acc[k] for k in rows)
    assert four > two > lr, "'the deeper network has the best test accuracy, both beat logistic regression'"
    assert all(r[0] > r[1] for name, r in rows.items() if "layer" in name), \
        "'both networks fit the training images better than new ones'"
