"""helpers.checks.integrity: the one rule for the references, and code compared by content."""

import importlib
import inspect
import json
import types

import pytest

from helpers import activations, cost
from helpers.checks import CHECKS, integrity
from tests.paths import ROOT

from . import test_course_style

KEYS = integrity.reference_keys()


def codes_in(code):
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from codes_in(const)


@pytest.mark.parametrize("key", sorted(CHECKS))
def test_every_graded_reference_is_forbidden_in_every_check(key):
    module, name = key.split(".")
    fn = inspect.unwrap(getattr(importlib.import_module(f"helpers.{module}"), name))  # a decorator's
    assert KEYS[integrity.code_key(fn.__code__)] == f"helpers.{module}.{name}"          # own code is not


@pytest.mark.parametrize("module", integrity.REFERENCE_MODULES)
def test_every_function_they_are_built_from_too(module):
    """The equations (forward, step, model_backward...) and private helpers, not only the
    graded names."""
    mod = importlib.import_module(f"helpers.{module}")
    defined = [inspect.unwrap(f) for n, f in vars(mod).items()
               if inspect.isfunction(f) and f.__module__ == mod.__name__]
    assert defined and all(integrity.code_key(f.__code__) in KEYS for f in defined)


@pytest.mark.parametrize("module", [activations, cost])
def test_the_building_blocks_the_notebooks_hand_out_are_not(module):
    for name, fn in vars(module).items():
        if inspect.isfunction(fn) and fn.__module__ == module.__name__:
            assert all(integrity.code_key(c) not in KEYS for c in codes_in(fn.__code__)), name


def test_a_check_can_forbid_one_building_block_and_what_only_it_is_made_of():
    keys = integrity.reference_keys([activations.sigmoid_derivative])
    added = {name for k, name in keys.items() if k not in KEYS}
    assert added == {"helpers.activations.sigmoid_derivative", "helpers.activations._sigmoid_derivative"}


def solution_functions():
    """The graded functions as the course notebooks solve them (compiled, not run)."""
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] == "code" and "### BEGIN SOLUTION" in source:
                module = compile(source, f"<{path.name}>", "exec")
                yield from (c for c in codes_in(module) if c is not module)


def test_no_correct_solution_looks_like_a_reference():
    """Content, not identity: a learner's own correct code must never match a reference."""
    notebook = list(solution_functions())
    course_style = [f.__code__ for f in vars(test_course_style).values()
                    if inspect.isfunction(f) and f.__module__ == test_course_style.__name__]
    assert len(notebook) >= 25 and len(course_style) >= 25
    clashes = [c.co_name for c in notebook + course_style
               for code in codes_in(c) if integrity.code_key(code) in KEYS]
    assert clashes == []


def test_code_is_compared_by_content_not_by_name_place_or_identity():
    def f(x):
        """doc"""
        return x + 1

    def g(x):
        """doc"""
        return x + 2

    moved = f.__code__.replace(co_firstlineno=999, co_name="h", co_filename="<cell>")
    assert integrity.code_key(moved) == integrity.code_key(f.__code__)
    assert integrity.code_key(g.__code__) != integrity.code_key(f.__code__)
    other_doc = f.__code__.replace(co_consts=("another doc",) + f.__code__.co_consts[1:])
    assert integrity.code_key(other_doc) != integrity.code_key(f.__code__)
