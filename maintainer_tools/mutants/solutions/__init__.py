"""One canonical course-style solution per graded function, the text the mutants are made from.

Each module stands for one notebook: its namespace is what that notebook's cells define
(numpy, the building blocks it imports, the learner's earlier functions), so a mutant of
``optimize`` calls a correct ``propagate``, as in a notebook where only one cell is wrong.
Written the way learners write them (the course's local names ``Z1``, ``A1``, ``dZ2``...,
``np.dot``, ``1 / m``), each as plain statements the generator can edit: no docstrings,
one quantity per assignment where the course computes one.

``MODULES`` maps the prefix of a ``helpers.checks.CHECKS`` key ("nb03_shallow") to its module.
"""

from . import nb02_basics, nb02_logistic, nb03_shallow, nb04_deep

MODULES = {"nb02_basics": nb02_basics, "nb02_logistic": nb02_logistic,
           "nb03_shallow": nb03_shallow, "nb04_deep": nb04_deep}


def module_of(key):
    """The solutions module of a CHECKS key such as "nb04_deep.linear_backward"."""
    return MODULES[key.split(".", 1)[0]]
