"""Reading a check's failure block: its rows, whether it hints, whether the hint names a quantity.

A failure is the text of ``helpers.checks.feedback.CheckFailed``::

    propagate: grads["dw"] is wrong
      case:     1 of 4: the course's example
      expected: grads["dw"] = [[0.998456], [2.395072]]
      hint:     every value is m = 3 times too large: divide by m (a mean over the examples).
      your code raised (most recent call last):
        File "your notebook cell", line 4, in propagate
        ...

``rows(text)`` gives ``{label: text}`` (a row's continuation lines, indented further, belong
to it; the learner's traceback is the row ``"your code raised (most recent call last)"``).

**Hinted**: the block has a ``hint`` row.

**Names the quantity**: a row in ``NAMING_ROWS`` (the hint, or a row a diagnosis adds to say
which quantity is wrong) contains one of the mutant's quantities (``Mutant.quantities``: what
the changed statement assigns; or ``Mutant.downstream``: what the first statement reading it
assigns) as a whole word, case-sensitive, in the course's spelling: ``dZ1`` matches
"dZ1 is wrong" and ``grads["dZ1"]`` but not "dZ10" or "dA_prev"; a family ``dW*`` (from
``grads["dW" + str(l)]``) matches dW, dW1, dW2, ``dW[l]`` and ``dW{l}``; a name after a dot
(``np.sum``) does not count. ``ALIASES`` adds the course's words for a few names ("the bias"
for ``b``). A one-letter quantity (``b``, ``m``, ``w``) counts wherever it appears as a word,
so a hint that mentions it in passing counts too: the figure is an upper bound there.
"""

import re

NAMING_ROWS = ("hint", "wrong quantity")
CODE_ROW = "your code raised (most recent call last)"
ALIASES = {"b": ("bias",), "w": ("weights",)}

_ROW = re.compile(r"^  (\S[^:]*?): *(.*)$")  # a label longer than the padding has no space after it


def rows(text):
    """{label: text} of a failure block (the first line, the headline, is not a row)."""
    out, label = {}, None
    for line in text.split("\n")[1:]:
        match = _ROW.match(line)
        if match and not line.startswith("   "):
            label = match.group(1)
            out[label] = match.group(2)
        elif label is not None:
            out[label] += "\n" + line.strip()
    return out


def is_check_failure(text, function):
    """A block of the check (``<function>: ...``), not an error of the check itself."""
    return text.startswith(f"{function}: ")


def hinted(text):
    return "hint" in rows(text)


def _pattern(quantity):
    if quantity.endswith("*"):
        stem = re.escape(quantity[:-1])
        return rf"(?<![\w.]){stem}(?:\d+|\[\w+\]|\{{\w+\}})?(?!\w)"
    return rf"(?<![\w.]){re.escape(quantity)}(?!\w)"


def names(text, quantities):
    """True if a naming row of the block names one of ``quantities`` (see the module docstring)."""
    found = rows(text)
    searched = "\n".join(found[label] for label in NAMING_ROWS if label in found)
    for quantity in quantities:
        words = [_pattern(quantity)] + [rf"\b{re.escape(a)}\b" for a in ALIASES.get(quantity, ())]
        if any(re.search(w, searched) for w in words):
            return True
    return False
