"""What the classroom tests (nbgrader, Binder, JupyterHub) share.

Each test needs a tool a learner's laptop lacks (nbgrader, jupyterhub, its npm proxy).
Locally a missing tool skips the test with the command that installs it; `.ci/run`
installs them all and sets REQUIRE_CLASSROOM=1, and then a missing tool fails.
"""

import os

import pytest

REQUIRED = os.environ.get("REQUIRE_CLASSROOM") == "1"


def skip_or_fail(reason):
    """Skip the calling test module with ``reason``, or fail it when REQUIRE_CLASSROOM=1."""
    if REQUIRED:
        pytest.fail(f"REQUIRE_CLASSROOM=1 but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)
