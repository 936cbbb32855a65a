"""Running one mutant: does it change the result, and what does its check say?

**Changes the result** (the rule for equivalent mutants): the mutant is called on every call
the check made on the unmutated solution (``cases.baseline``: the check's own cases, exact
arguments, numpy's global generator seeded as the check seeds it), and it changes the result
if on one of them it returns something the checks' own comparison
(``helpers.checks.compare.compare``, same tolerance) tells apart from the solution's result,
or raises where the solution did not. A mutant that only changes an input in place, prints,
or is slower is not counted as changing the result. A mutant the check's cases cannot tell
apart from the solution does not count against the checks, whatever other inputs would show.

Then the mutant goes through ``CHECKS[key]`` silently (``helpers.checks.passes``), as the
notebook cell defines it (``generate.loaded``), and the failure block is read
(``messages``).
"""

from helpers.checks import CHECKS, passes

from . import messages
from .cases import baseline
from .generate import loaded


class Verdict:
    """What happened to one mutant.

    changes     : it changes the result on the check's cases (see the module docstring)
    rejected    : the check failed it with its own block
    check_error : the check itself raised (a bug of the check; counted as not rejected)
    hinted      : the block has a hint row
    named       : the hint names the mutated quantity (messages.names)
    message     : the block (or the check's error), "" if it passed
    """

    def __init__(self, mutant, changes, passed, message):
        self.mutant, self.changes, self.message = mutant, changes, message
        self.check_error = not passed and not messages.is_check_failure(message, mutant.function)
        self.rejected = not passed and not self.check_error
        self.hinted = self.rejected and messages.hinted(message)
        self.named = self.hinted and messages.names(message, mutant.quantities + mutant.downstream)

    @property
    def outcome(self):
        """'named', 'hinted', 'rejected' (no hint), 'check error' or 'passed'."""
        if self.named:
            return "named"
        if self.hinted:
            return "hinted"
        if self.rejected:
            return "rejected"
        return "check error" if self.check_error else "passed"


def judge(mutant):
    """The ``Verdict`` of one mutant."""
    base = baseline(mutant.key)
    with loaded(mutant) as fn:
        changes = base.changed_by(fn)
    with loaded(mutant) as fn:  # a fresh definition: the first calls may have changed its globals
        passed, message = passes(CHECKS[mutant.key], fn)
    return Verdict(mutant, changes, passed, message)
