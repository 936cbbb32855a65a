"""Make learner copies of the notebooks: every solution region becomes an exercise.

In the committed notebooks each graded function's body sits between the
nbgrader markers ``### BEGIN SOLUTION`` and ``### END SOLUTION``, and the next
cell calls its check. The learner copy replaces each region with

    # YOUR CODE HERE
    raise NotImplementedError()

(indented like the markers), clears every output and execution count, and tags
the cells with nbgrader metadata (solution cells editable, check cells locked and
graded), which is what nbgrader's ``generate_assignment`` produces, so a teacher
can also hand the originals to nbgrader.

    python -m helpers.exercises --out exercises notebooks/*.ipynb     (make exercises)
"""

import argparse
import copy as copy_module
import re
from pathlib import Path

import nbformat

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
_REGION = re.compile(r"^([ \t]*)### BEGIN SOLUTION[^\n]*\n.*?^[ \t]*### END SOLUTION[^\n]*(\n|\Z)",
                     re.MULTILINE | re.DOTALL)
_DEF = re.compile(r"^def (\w+)\(", re.MULTILINE)
_CHECK = re.compile(r"^check_(\w+)\(", re.MULTILINE)  # not gradcheck.check_...(


def strip_solutions(source):
    """Replace every solution region in one cell's source with the exercise stub."""
    if source.count(BEGIN) != source.count(END):
        raise ValueError(f"unbalanced solution markers in cell:\n{source[:200]}")
    return _REGION.sub(lambda m: f"{m.group(1)}# YOUR CODE HERE\n{m.group(1)}"
                                 f"raise NotImplementedError(){m.group(2)}", source)


def tag_nbgrader(nb):
    """Add nbgrader metadata: solution cells (editable) and the check cells after them (graded)."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        source = cell.source
        if BEGIN in source:
            name = (_DEF.findall(source) or ["solution"])[0]
            cell.metadata["nbgrader"] = {"grade": False, "solution": True, "locked": False,
                                         "grade_id": name, "schema_version": 3}
        elif _CHECK.search(source) and "import" not in source:
            name = _CHECK.search(source).group(1)
            cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True,
                                         "points": 1, "grade_id": f"check_{name}",
                                         "schema_version": 3}
    return nb


def make_exercise(nb):
    """Return a learner copy of notebook ``nb`` (an nbformat node); ``nb`` is not changed."""
    copy = tag_nbgrader(copy_module.deepcopy(nb))
    for cell in copy.cells:
        if cell.cell_type == "code":
            cell.source = strip_solutions(cell.source)
            cell.outputs = []
            cell.execution_count = None
    copy.metadata.pop("widgets", None)
    return copy


def write_exercises(paths, out_dir):
    """Write the learner copy of each notebook in ``paths`` into ``out_dir``; return the new paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in map(Path, paths):
        nb = nbformat.read(path, as_version=4)
        target = out_dir / path.name
        nbformat.write(make_exercise(nb), target)
        written.append(target)
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description="Write learner copies with solutions stripped.")
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--out", default="exercises", type=Path)
    args = parser.parse_args(argv)
    if not args.notebooks:
        print("no notebooks given; nothing to do")
        return
    for target in write_exercises(args.notebooks, args.out):
        print(f"wrote {target}")


if __name__ == "__main__":
    main()
