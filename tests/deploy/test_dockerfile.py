"""deploy/Dockerfile and .dockerignore: no solved notebook reaches the learners' image.

Docker can't run here: tests/deploy/image_files.py reads both files as Docker would, lists
every file the final stage can receive (rebuilding here the stage that sees the solved
notebooks) and the test fails on any solved notebook. Deliberately bad Dockerfiles show
that it does fail.
"""

import re
import shutil

import pytest

from tests.paths import ROOT

from .image_files import Build, DockerIgnore, parse, solved

DOCKERFILE = (ROOT / "deploy" / "Dockerfile").read_text()
DOCKERIGNORE = (ROOT / ".dockerignore").read_text()
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def assert_no_solved_notebook(dockerfile, dockerignore, context, scratch):
    """The image test itself: returns what the final stage receives, fails on a solved notebook."""
    arrivals = Build(dockerfile, dockerignore, context, scratch).arrivals()
    bad = solved(arrivals)
    assert not bad, "solved notebooks reach the final stage:\n" + "\n".join(map(repr, bad))
    return arrivals


def test_the_final_stage_receives_the_exercises_and_no_solved_notebook(tmp_path):
    arrivals = assert_no_solved_notebook(DOCKERFILE, DOCKERIGNORE, ROOT, tmp_path)
    print("\nthe final stage receives:\n" + "\n".join(f"  {a!r}" for a in arrivals))
    landed = {a.dest: a for a in arrivals}
    # not vacuous: the exercise copies are there, stripped, and made from the notebooks
    for name in NOTEBOOKS:
        copy = landed[f"/srv/exercises/{name}"]
        assert copy.origin.startswith("stage exercises") and copy.path.is_file()
        text = copy.path.read_text()
        assert "BEGIN SOLUTION" not in text
        if name != "01_introduction.ipynb":
            assert "raise NotImplementedError()" in text
    assert landed["/srv/course/deploy/first_login.py"].origin == "context deploy/first_login.py"
    wheel = landed["/tmp/wheels"]
    assert wheel.origin.startswith("stage wheel") and "context helpers/" in wheel.origin
    assert "notebooks/" not in wheel.origin  # the wheel is made without any notebook
    assert sorted(landed) == sorted([f"/srv/exercises/{n}" for n in NOTEBOOKS]
                                    + ["/srv/course/deploy/first_login.py", "/tmp/wheels"])


def test_solved_notebooks_elsewhere_in_the_checkout_stay_out(tmp_path):
    """A learner's solved work (my-notebooks/, solutions/) or a stray copy in the checkout
    is not sent to the builder at all."""
    context = tmp_path / "context"
    for name in ("teacher_tools", "notebooks", "deploy"):
        shutil.copytree(ROOT / name, context / name, ignore=shutil.ignore_patterns("__pycache__"))
    for stray in ("my-notebooks", "my-notebooks/solutions", "exercises", "."):
        (context / stray).mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "notebooks" / NOTEBOOKS[1], context / stray / NOTEBOOKS[1])
    arrivals = assert_no_solved_notebook(DOCKERFILE, DOCKERIGNORE, context, tmp_path / "scratch")
    assert not any("my-notebooks" in a.origin or "exercises/" in a.origin.split(":")[0]
                   for a in arrivals)


SINGLE_STAGE = """\
FROM python:3.11.14-slim-trixie
COPY . /srv/course
WORKDIR /srv/course
RUN python -m pip install . && python deploy/first_login.py notebooks /srv/exercises \\
 && rm -rf notebooks
"""

SPLIT = DOCKERFILE.split("# --- what learners run")[0]
BAD = {
    # the image: the solved notebooks stay in the COPY layer, `rm` or not
    "copy-everything": SINGLE_STAGE,
    # a multi-stage build whose final stage copies the build stage's whole folder
    "whole-build-folder": SPLIT + "FROM python:3.11.14-slim-trixie\nCOPY --from=exercises /build /srv/course\n",
    # or starts from the build stage itself
    "from-build-stage": SPLIT + "FROM exercises\nRUN rm -rf notebooks\n",
    # or mounts the notebooks for a RUN that can copy them anywhere
    "mounted": "FROM python:3.11.14-slim-trixie\nRUN --mount=type=bind,source=notebooks,target=/mnt "
               "cp -r /mnt /srv\n",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_the_test_fails_on_a_bad_dockerfile(name, tmp_path):
    with pytest.raises(AssertionError, match=re.escape(NOTEBOOKS[1])):
        assert_no_solved_notebook(BAD[name], DOCKERIGNORE, ROOT, tmp_path)


def test_the_test_fails_when_dockerignore_lets_a_learners_folder_in(tmp_path):
    context = tmp_path / "context"
    (context / "my-notebooks").mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / NOTEBOOKS[1], context / "my-notebooks" / NOTEBOOKS[1])
    dockerfile = "FROM python:3.11.14-slim-trixie\nCOPY . /srv/course\n"
    with pytest.raises(AssertionError, match=f"context my-notebooks/{re.escape(NOTEBOOKS[1])}"):
        assert_no_solved_notebook(dockerfile, "*.pyc\n", context, tmp_path / "scratch")
    assert_no_solved_notebook(dockerfile, DOCKERIGNORE, context, tmp_path / "scratch")  # ours: out


def test_dockerignore_is_read_as_docker_reads_it():
    ignore = DockerIgnore("*\n!helpers/\n**/__pycache__\n!notebooks/*.ipynb\nnotebooks/0[2-9]*\n")
    assert ignore.excluded("README.md") and ignore.excluded("my-notebooks/01.ipynb")
    assert not ignore.excluded("helpers/checks/core.py")
    assert ignore.excluded("helpers/checks/__pycache__/core.cpython-311.pyc")
    assert not ignore.excluded("notebooks/01_introduction.ipynb")
    assert ignore.excluded("notebooks/02_logistic_regression.ipynb")  # the last match wins
    assert ignore.excluded("notebooks/README.md")


def test_every_stage_uses_one_base_pinned_by_version_and_digest():
    bases = {stage.base for stage in parse(DOCKERFILE) if stage.base not in ("exercises", "wheel")}
    assert len(bases) == 1
    assert re.fullmatch(r"python:3\.\d+\.\d+-slim-\w+@sha256:\S+", bases.pop())
    assert [stage.name for stage in parse(DOCKERFILE)] == ["exercises", "wheel", None]
