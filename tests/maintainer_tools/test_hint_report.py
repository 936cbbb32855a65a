"""maintainer_tools.hint_report: reading a failure block, the table, and the invariants every
check must keep on the mutants of the course-style solutions (today and after the diagnosis)."""

import os
import subprocess
import sys

import pytest

from helpers.checks.feedback import CheckFailed
from maintainer_tools import hint_report
from maintainer_tools.mutants import messages
from tests.paths import ROOT


def _block(*fields, code=()):
    return CheckFailed("backward_propagation", 'grads["dW1"] is wrong', fields, code).text()


def test_rows_are_read_with_their_continuation_lines():
    text = _block(("case", "1 of 5: n_x = 2"), ("expected", 'grads["dW1"] = [[1, 2],\n[3, 4]]'),
                  ("hint", "dZ1 is wrong:\nits formula is ..."),
                  code=["File \"x\", line 3", "ValueError: no"])
    found = messages.rows(text)
    assert list(found) == ["case", "expected", "hint", messages.CODE_ROW]
    assert found["hint"] == "dZ1 is wrong:\nits formula is ..."
    assert found["expected"].endswith("[3, 4]]") and found[messages.CODE_ROW].endswith("ValueError: no")
    assert messages.hinted(text) and messages.is_check_failure(text, "backward_propagation")


def test_a_block_without_a_hint_row_is_not_hinted_and_names_nothing():
    text = _block(("case", "1 of 5"), ("got", "dZ1 = ..."))
    assert not messages.hinted(text) and not messages.names(text, ["dZ1"])


def test_a_crash_of_the_check_is_not_a_failure_block():
    assert not messages.is_check_failure("TypeError: 'NoneType' object", "backward_propagation")


@pytest.mark.parametrize("hint, quantities, named", [
    ("dZ1 is wrong: expected ...", ["dZ1"], True),
    ("look at grads[\"dZ1\"]", ["dZ1"], True),
    ("dZ10 is wrong", ["dZ1"], False),             # another name
    ("dZ1 is wrong", ["Z1"], False),               # part of a name
    ("dA_prev is wrong", ["dA"], False),
    ("use np.sum over axis=1", ["sum"], False),    # an attribute, not the quantity
    ("dW2 is wrong", ["dW*"], True),               # a family from grads["dW" + str(l)]
    ("dW[l] is wrong", ["dW*"], True),
    ("dW{l} is wrong", ["dW*"], True),
    ("dW_temp is wrong", ["dW*"], False),
    ("update the bias too", ["b"], True),          # the course's word
    ("b = b - learning_rate * db", ["b"], True),
    ("every value is 3 times too large", ["cost", "dw"], False),
])
def test_a_hint_names_a_quantity_by_its_course_name(hint, quantities, named):
    assert messages.names(_block(("case", "1"), ("hint", hint)), quantities) is named


def test_only_the_naming_rows_count():
    text = _block(("got", "dZ1 = 3"), ("hint", "print the shapes"), code=["    dZ1 = W2 * dZ2"])
    assert not messages.names(text, ["dZ1"])
    assert not messages.names(text, ["dW1"])  # the headline names the wrong output, not a hint
    assert messages.names(_block(("wrong quantity", "dZ1"), ("hint", "print the shapes")), ["dZ1"])


def test_the_report_of_one_function(capsys):
    assert hint_report.main(["--function", "nb02_basics.L1", "--show-misses", "2"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("Hints on 8 mutants")
    assert any(line.startswith("nb02_basics.L1 ") for line in lines)
    assert any(line.startswith("all ") for line in lines)
    assert any(line.startswith("development (") for line in lines)
    assert any(line.startswith("held-back (") for line in lines)
    results = hint_report.verdicts(hint_report.select(["nb02_basics.L1"]))
    shown = len(hint_report.misses(results, 2))
    assert out.count("    | L1: ") == shown  # each miss shown with its block
    hint_report.main(["--function", "nb02_basics.L1", "--show-misses", "2"])
    assert capsys.readouterr().out == out  # deterministic


def test_the_report_is_the_same_in_another_process(capsys):
    args = ["--function", "nb03_shallow.backward", "--sample", "3", "--show-misses", "3"]
    hint_report.main(args)
    here = capsys.readouterr().out
    other = subprocess.run([sys.executable, "-m", "maintainer_tools.hint_report", *args], cwd=ROOT,
                           capture_output=True, text=True, timeout=120,
                           env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert other.returncode == 0, other.stderr
    assert other.stdout == here


def test_tally_counts_nest():
    results = hint_report.verdicts(hint_report.select(["nb03_shallow.backward"], sample=4))
    counts = hint_report.tally(results)
    assert counts["mutants"] == len(results) > 10
    assert counts["mutants"] >= counts["changed"] >= counts["rejected"] >= counts["hinted"] >= counts["named"]
    assert hint_report.table(results, "kind").splitlines()[2].split()[0] in {v.mutant.kind for v in results}


def test_a_half_and_a_sample_select_what_they_say():
    held = hint_report.select(["nb04_deep.linear_backward"], half="held-back")
    assert held and all(m.half == "held-back" for m in held)
    every = hint_report.select(["nb04_deep.linear_backward"])
    assert hint_report.select(["nb04_deep.linear_backward"], sample=3) == every[::3]


def test_misses_are_worst_first():
    from maintainer_tools.mutants.run import Verdict
    mutants = hint_report.select(["nb02_basics.L1"])[:4]
    blocks = {"passed": "", "rejected": "L1: loss is wrong\n  case:     1 of 3",
              "hinted": "L1: loss is wrong\n  hint:     print the shapes",
              "named": "L1: loss is wrong\n  hint:     loss is wrong"}
    results = [Verdict(m, True, outcome == "passed", blocks[outcome])
               for m, outcome in zip(mutants, ("hinted", "named", "rejected", "passed"))]
    assert all(m.quantities == ("loss",) for m in mutants)
    assert results[1].outcome == "named"
    chosen = hint_report.misses(results, 3)
    assert [v.outcome for v in chosen] == ["passed", "rejected", "hinted"]


# --- the invariants, on every mutant (the full run takes about 12 s on one core) -------------

# Mutants today's checks pass although they change the result: each returns a dict with extra
# keys (W0/b0, or the notebook's deeper grads/parameters), which no check rejects yet.
KNOWN_MISSES = []   # the extra keys of W0/b0 and of a notebook's deeper grads/parameters are refused now


@pytest.fixture(scope="module")
def every_verdict():
    return hint_report.verdicts(hint_report.select())


def _missed(results):
    return [v.mutant.ident for v in results if v.changes and not v.rejected]


def test_no_mutant_crashes_a_check(every_verdict):
    assert [v.mutant.ident for v in every_verdict if v.check_error] == []


def test_no_mutant_with_the_solutions_result_is_rejected(every_verdict):
    assert [v.mutant.ident for v in every_verdict if not v.changes and v.rejected] == []


def test_no_miss_beyond_the_known_ones(every_verdict):
    assert sorted(set(_missed(every_verdict)) - set(KNOWN_MISSES)) == []


def test_every_mutant_that_changes_the_result_is_rejected(every_verdict):
    assert _missed(every_verdict) == []


def test_every_rejection_is_one_clean_block(every_verdict):
    for v in every_verdict:
        if v.rejected:
            assert "Traceback" not in v.message and "/helpers/" not in v.message, v.mutant.ident
