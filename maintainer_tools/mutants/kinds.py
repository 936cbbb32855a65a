"""The mutation kinds: mechanical edits of one place in a course-style solution.

Each kind is a function ``edit(node, ctx) -> [replacement, ...]`` called on every node of
the function's syntax tree (expressions and statements); a replacement is a new node put
where ``node`` was, or ``None`` to remove a statement. ``ctx`` (``generate.Context``) says
what the solution's names hold on the check's first case, so an edit is made only where it
reads as a learner's slip (``.T`` added to a matrix, not to ``m``).

``KINDS`` lists them in a fixed order with the half each belongs to. The split into
"development" (the diagnosis may be written and tuned against these) and "held-back" (kept
out of sight until the diagnosis is done: the honest figure) was fixed before any diagnosis
existed; complementary kinds sit in opposite halves (drop ``.T`` / add ``.T``, drop ``/ m`` /
add ``/ m``), and each graded function has mutants in both halves
(tests/maintainer_tools/test_mutants.py holds that). Do not move a kind between halves.
"""

from .edits_arrays import (add_sub_swap, axis_drop, axis_swap, dot_to_elementwise, elementwise_to_dot,
                           index_shift, keepdims_drop, mean_add, mean_drop, range_shift, sign_flip,
                           transpose_add, transpose_drop)
from .edits_names import (a_z_swap, activation_swap, argument_to_constant, backward_swap, call_drop,
                          compare_swap, key_shift, notebook_argument, notebook_local, order_swap,
                          reduction_swap, statement_drop)

DEVELOPMENT, HELD_BACK = "development", "held-back"
HALVES = (DEVELOPMENT, HELD_BACK)

# (name, edit, half): the order is the order mutants are generated in (a mutant two kinds
# produce is kept under the first).
KINDS = (
    ("dot_to_elementwise", dot_to_elementwise, DEVELOPMENT),
    ("elementwise_to_dot", elementwise_to_dot, HELD_BACK),
    ("transpose_drop", transpose_drop, HELD_BACK),
    ("transpose_add", transpose_add, DEVELOPMENT),
    ("axis_swap", axis_swap, DEVELOPMENT),
    ("axis_drop", axis_drop, HELD_BACK),
    ("keepdims_drop", keepdims_drop, HELD_BACK),
    ("mean_drop", mean_drop, DEVELOPMENT),
    ("mean_add", mean_add, HELD_BACK),
    ("index_shift", index_shift, HELD_BACK),
    ("range_shift", range_shift, DEVELOPMENT),
    ("activation_swap", activation_swap, HELD_BACK),
    ("backward_swap", backward_swap, DEVELOPMENT),
    ("a_z_swap", a_z_swap, DEVELOPMENT),
    ("key_shift", key_shift, HELD_BACK),
    ("sign_flip", sign_flip, HELD_BACK),
    ("add_sub_swap", add_sub_swap, DEVELOPMENT),
    ("notebook_local", notebook_local, HELD_BACK),
    ("notebook_argument", notebook_argument, DEVELOPMENT),
    ("argument_to_constant", argument_to_constant, DEVELOPMENT),
    ("call_drop", call_drop, HELD_BACK),
    ("reduction_swap", reduction_swap, HELD_BACK),
    ("compare_swap", compare_swap, DEVELOPMENT),
    ("statement_drop", statement_drop, DEVELOPMENT),
    ("order_swap", order_swap, HELD_BACK),
)
HALF = {name: half for name, _, half in KINDS}
