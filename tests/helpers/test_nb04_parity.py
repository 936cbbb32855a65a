"""helpers.nb04_parity: notebook 04's parity demo (section 4)."""

import itertools

import numpy as np
import pytest

from helpers import nb04_parity


def test_bit_patterns_are_every_input_once():
    X = nb04_parity.all_bit_patterns(3)
    assert X.shape == (3, 8)
    assert {tuple(col) for col in X.T} == set(itertools.product((0, 1), repeat=3))
    with pytest.raises(ValueError, match="between 1 and 16"):
        nb04_parity.all_bit_patterns(0)


@pytest.mark.parametrize("n", [1, 2, 3, 5, 7])
def test_both_networks_compute_parity_with_the_stated_sizes(n):
    X = nb04_parity.all_bit_patterns(n)
    truth = X.sum(axis=0) % 2
    deep_out, layers, units = nb04_parity.xor_tree(X)
    shallow_out, shallow_units = nb04_parity.one_hidden_layer(X)
    np.testing.assert_array_equal(deep_out, truth)
    np.testing.assert_array_equal(shallow_out, truth)
    assert layers == int(np.ceil(np.log2(n)))          # the tree's depth
    assert shallow_units == 2 ** (n - 1)               # one unit per odd pattern
    assert units <= 2 * n                              # about two units per bit


def test_parity_table_prints_what_it_returns(capsys):
    rows = nb04_parity.print_parity_table(ns=(2, 4))
    assert rows == [(2, 1, 2, 2, True), (4, 2, 6, 8, True)]
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:2] == ["n", "deep:"] and out[2].split() == ["4", "2", "6", "8", "True"]
