"""Mutants of the course-style solutions, to measure how the checks' hints generalise.

- ``helpers/checks/course/``: one canonical course-style solution per graded function (the text
  mutated; the checks' diagnosis traces the same text beside the learner's function)
- ``kinds``: the kinds of mechanical edit, and the fixed split into two halves
- ``cases``: the check's own calls, recorded on the solution (results, locals)
- ``generate``: the mutants (``mutants_of(key)``) and how one is loaded as a notebook's function
- ``quantities``: which course quantity an edit changes
- ``messages``: reading a failure block (hint row, quantity named)
- ``run``: one mutant's verdict (changes the result? rejected, hinted, named?)

The report is ``python -m maintainer_tools.hint_report``.

Extending it: a diagnosis that adds a row naming the wrong quantity adds that row's label
to ``messages.NAMING_ROWS``. A new kind is an ``edit(node, ctx)`` in ``edits_arrays`` or
``edits_names`` and an entry in ``kinds.KINDS``; it goes in the held-back half unless it is
the complement of a development kind, and the figures before and after it are not comparable.
A new graded function needs a solution in ``helpers/checks/course/`` (the tests check that every CHECKS key
has one and that it passes).
"""
