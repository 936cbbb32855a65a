"""The commented example logins of deploy/values.yaml, read as the values they would be."""

import re

import yaml

from tests.paths import ROOT

TEXT = (ROOT / "deploy" / "values.yaml").read_text()
_EXAMPLE = re.compile(r"^# ---- example: (.+?) ----\n(.*?)^# ---- end of example ----$",
                      re.MULTILINE | re.DOTALL)


def examples():
    """{title: (the prose above its values, its values)} of the commented examples."""
    found = {}
    for title, body in _EXAMPLE.findall(TEXT):
        prose, _, block = body.partition("# hub:\n")
        found[title] = (prose, yaml.safe_load("hub:\n" + re.sub(r"^# ?", "", block, flags=re.M)))
    return found


def first_try():
    """The values of the shared-password example (for a first try only)."""
    return next(values for title, (_, values) in examples().items() if title.startswith("a first try"))
