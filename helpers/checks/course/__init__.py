"""The course's own way of writing each graded function: what a diagnosis traces beside the
learner's function, to find the first quantity whose value differs (``helpers.checks.diagnose``).

Each module stands for one notebook: its namespace is what that notebook's cells define
(numpy, the building blocks it imports, the learner's earlier functions), so ``optimize``
calls ``propagate``, as in a notebook. Written the way learners write them (the course's
local names ``Z1``, ``A1``, ``dZ2``..., ``np.dot``, ``1 / m``), one quantity per assignment
where the course computes one, and no docstrings.

These are never shown to a learner: a failure shows the course's line for one quantity only
when the learner asks for more help (level 2), never a whole function. They are not the
references the checks grade against (those are ``helpers.nb0*``), and a learner's function
that calls one is refused like a call to a reference (``helpers.checks.watch``). The mutants
that measure the hints (``maintainer_tools/mutants``) are made from the same text.

``MODULES`` maps the prefix of a ``helpers.checks.CHECKS`` key ("nb03_shallow") to its module.
"""

import os

from . import nb02_basics, nb02_logistic, nb03_shallow, nb04_deep

MODULES = {"nb02_basics": nb02_basics, "nb02_logistic": nb02_logistic,
           "nb03_shallow": nb03_shallow, "nb04_deep": nb04_deep}
DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "")


def module_of(key):
    """The course-style module of a CHECKS key such as "nb04_deep.linear_backward"."""
    return MODULES[key.split(".", 1)[0]]


def function_of(key):
    """The course-style function of a CHECKS key, or None."""
    return getattr(module_of(key), key.split(".", 1)[1], None)
