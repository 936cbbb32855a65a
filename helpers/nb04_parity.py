"""Parity of n bits computed by two hand-built ReLU networks (notebook 04, section 4):
a deep tree of XORs against one wide hidden layer. It shows what each shape *can*
do with how many units; nobody trains these weights.
"""

import numpy as np

from .activations import relu


def all_bit_patterns(n):
    """Every input of n bits as the columns of an (n, 2**n) array of 0/1 (bit i in row i)."""
    if not 1 <= n <= 16:
        raise ValueError(f"n must be between 1 and 16 (2**n columns); got {n}")
    return (np.arange(2 ** n)[None, :] >> np.arange(n)[:, None]) & 1


def xor_tree(X):
    """Parity of the columns of X (n, m) by a tree of XORs, two ReLU units per XOR:
    xor(p, q) = relu(p + q) - 2 relu(p + q - 1) for bits p, q.

    Returns (parity (m,), hidden layers, hidden units).
    """
    A, layers, units = np.asarray(X, dtype=float), 0, 0
    while A.shape[0] > 1:
        pairs = A.shape[0] // 2
        left, right = A[0:2 * pairs:2], A[1:2 * pairs:2]
        xors = relu(left + right) - 2 * relu(left + right - 1)
        units += 2 * pairs
        if A.shape[0] % 2:  # an unpaired bit is carried up by one more unit
            xors, units = np.vstack([xors, relu(A[-1:])]), units + 1
        A, layers = xors, layers + 1
    return A[0], layers, units


def one_hidden_layer(X):
    """Parity of the columns of X (n, m) with one hidden ReLU unit per odd pattern:
    the unit for pattern p has weights +1 where p has a 1 and -1 elsewhere, and a bias
    that makes it output 1 on p and 0 on every other input; the output adds them up.

    Returns (parity (m,), hidden units).
    """
    X = np.asarray(X, dtype=float)
    patterns = all_bit_patterns(X.shape[0])
    odd = patterns[:, patterns.sum(axis=0) % 2 == 1]         # (n, 2**(n-1))
    W = (2 * odd - 1).T
    b = 1 - odd.sum(axis=0, keepdims=True).T
    return relu(W @ X + b).sum(axis=0), W.shape[0]


def parity_table(ns=(2, 3, 4, 6, 8, 10, 12)):
    """Build both networks for each n, check them on all 2**n inputs, and return the rows
    (n, deep layers, deep units, one-layer units, both correct) as a list of tuples."""
    rows = []
    for n in ns:
        X = all_bit_patterns(n)
        parity = X.sum(axis=0) % 2
        deep_out, deep_layers, deep_units = xor_tree(X)
        shallow_out, shallow_units = one_hidden_layer(X)
        ok = bool(np.array_equal(deep_out, parity) and np.array_equal(shallow_out, parity))
        rows.append((n, deep_layers, deep_units, shallow_units, ok))
    return rows


def print_parity_table(ns=(2, 3, 4, 6, 8, 10, 12)):
    """Print ``parity_table(ns)`` as the notebook shows it; returns the rows."""
    rows = parity_table(ns)
    print(f"{'n':>3} {'deep: layers':>13} {'deep: units':>12} {'one layer: units':>17}  correct")
    for n, layers, units, shallow_units, ok in rows:
        print(f"{n:>3} {layers:>13} {units:>12} {shallow_units:>17}  {ok}")
    return rows
