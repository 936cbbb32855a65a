"""helpers.nb02_basics: notebook 02's numpy warm-up, against values worked by hand."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import nb02_basics


def test_basics_by_hand():
    np.testing.assert_allclose(nb02_basics.sigmoid_derivative(np.array([1.0, 2.0, 3.0])),
                               [0.19661193, 0.10499359, 0.04517666], rtol=1e-7)
    x = np.array([[0.0, 3.0, 4.0], [1.0, 6.0, 4.0]])
    norm2 = np.sqrt(1 + 36 + 16)
    np.testing.assert_allclose(nb02_basics.normalize_rows(x),
                               [[0, 0.6, 0.8], [1 / norm2, 6 / norm2, 4 / norm2]])
    yhat = np.array([0.9, 0.2, 0.1, 0.4, 0.9])
    y = np.array([1, 0, 0, 1, 1])
    assert nb02_basics.L1(yhat, y) == pytest.approx(0.1 + 0.2 + 0.1 + 0.6 + 0.1)
    assert nb02_basics.L2(yhat, y) == pytest.approx(0.01 + 0.04 + 0.01 + 0.36 + 0.01)


def test_image2vector_keeps_c_order():
    image = np.arange(3 * 2 * 2, dtype=float).reshape(3, 2, 2)
    v = nb02_basics.image2vector(image)
    assert v.shape == (12, 1)
    np.testing.assert_array_equal(v[:, 0], np.arange(12))


def test_softmax_rows_sum_to_one_and_survive_large_values():
    x = np.array([[9.0, 2.0, 5.0, 0.0, 0.0], [7.0, 5.0, 0.0, 0.0, 0.0], [1000.0, 1000.0, 0, 0, 0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = nb02_basics.softmax(x)
    np.testing.assert_allclose(s.sum(axis=1), 1.0)
    e = np.exp([9.0, 2.0, 5.0, 0.0, 0.0])
    np.testing.assert_allclose(s[0], e / e.sum())
    np.testing.assert_allclose(s[2, :2], [0.5, 0.5])


def test_normalize_rows_zero_row_stays_zero():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = nb02_basics.normalize_rows(np.array([[0.0, 0.0], [3.0, 4.0]]))
    np.testing.assert_allclose(out, [[0, 0], [0.6, 0.8]])


@pytest.mark.parametrize("call, message", [
    (lambda: nb02_basics.normalize_rows(np.array([3.0, 4.0])), r"x must have shape \(n, d\), got \(2,\)"),
    (lambda: nb02_basics.softmax([[1, 2]]), r"got a Python list"),
    (lambda: nb02_basics.L1(np.zeros(3), np.zeros(4)), r"same shape, but yhat has shape \(3,\) and y has shape \(4,\)"),
    (lambda: nb02_basics.image2vector(np.zeros((2, 2))), r"\(length, height, depth\)"),
    (lambda: nb02_basics.sigmoid_derivative(np.array([np.nan])), r"NaN"),
])
def test_basics_bad_input(call, message):
    with pytest.raises((TypeError, ValueError), match=message):
        call()


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 6), st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_softmax_and_normalize_properties(n, d, seed):
    x = np.random.default_rng(seed).standard_normal((n, d)) * 10
    s = nb02_basics.softmax(x)
    assert s.shape == (n, d) and np.all(s > 0)
    np.testing.assert_allclose(s.sum(axis=1), 1.0)
    # softmax ignores a constant added to a row
    np.testing.assert_allclose(nb02_basics.softmax(x + 7.0), s, rtol=1e-10)
    np.testing.assert_allclose(np.linalg.norm(nb02_basics.normalize_rows(x), axis=1), 1.0)
