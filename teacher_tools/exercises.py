"""Exercise copies of the notebooks, in nbgrader's own release format (for teachers).

In the course notebooks each graded function's body sits between nbgrader's
markers ``### BEGIN SOLUTION`` and ``### END SOLUTION``, and the next cell calls
its check (``check_<name>(<name>)``). Two jobs live here:

- ``tag_nbgrader(nb)`` writes nbgrader's *source* metadata into a course notebook:
  the cell holding a solution region is a solution cell (``grade_id`` = the
  function's name), the cell calling that function's check is a graded cell worth
  one point; so is a concept question's check, ``check_question(answer_<name>)`` under the
  cell defining ``answer_<name>``. ``make notebooks`` runs it, so the committed notebooks are a valid
  nbgrader source assignment.
- ``make_exercise(nb)`` returns the learner copy exactly as
  ``nbgrader generate_assignment`` 0.9.6 writes its release: every solution
  region replaced by ``# YOUR CODE HERE`` / ``raise NotImplementedError()``
  (indented like the marker), outputs cleared, solution cells undeletable, check
  cells locked (``editable: false``, ``deletable: false``), and each tagged cell
  given nbgrader's ``checksum`` and ``cell_type``, so nbgrader detects a changed
  check. tests/test_exercises.py compares the result with real nbgrader's.

Standard library only: ``python3 course.py lab`` builds the learner workspace with
it before any package is installed.

    python -m teacher_tools.exercises --out exercises notebooks/*.ipynb    (make exercises)
"""

import argparse
import copy
import hashlib
import json
import re
import sys
from pathlib import Path

# nbgrader treats any line containing these as a marker, in every cell type.
BEGIN = "BEGIN SOLUTION"
END = "END SOLUTION"
CODE_STUB = "# YOUR CODE HERE\nraise NotImplementedError()"
TEXT_STUB = "YOUR ANSWER HERE"
RUN_ON = "raises-exception"  # the cell tag that lets Run All continue after the cell fails
_DEF = re.compile(r"^def (\w+)\(", re.MULTILINE)
_CHECK_CALL = re.compile(r"^check_(\w+)\((\w+)\)\s*$")


# --- reading and writing notebooks as nbformat does (JSON, one-space indent) -----------

def source_text(cell):
    """A cell's source as one string (the file may store a list of lines)."""
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def read_notebook(path):
    """The notebook at ``path`` as a dict, every cell's source joined into one string."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        cell["source"] = source_text(cell)
    return nb


def notebook_json(nb):
    """The file text nbformat writes for ``nb``: sources split into lines, sorted keys."""
    nb = copy.deepcopy(nb)
    for cell in nb.get("cells", []):
        cell["source"] = source_text(cell).splitlines(True)
        for output in cell.get("outputs", []):
            if isinstance(output.get("text"), str):
                output["text"] = output["text"].splitlines(True)
    return json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def write_notebook(nb, path):
    Path(path).write_text(notebook_json(nb), encoding="utf-8")


# --- nbgrader's cell kinds and checksum (nbgrader/utils.py, 0.9.6) -----------------------

def _meta(cell):
    return cell.get("metadata", {}).get("nbgrader")


def is_grade(cell):
    return bool(_meta(cell) and _meta(cell).get("grade", False))


def is_solution(cell):
    return bool(_meta(cell) and _meta(cell).get("solution", False))


def is_locked(cell):
    if not _meta(cell) or is_solution(cell):
        return False
    return True if is_grade(cell) else bool(_meta(cell).get("locked", False))


def checksum(cell):
    """nbgrader's checksum of a tagged cell: source, type, kind, id and points."""
    m = hashlib.md5()
    for part in (source_text(cell), cell["cell_type"], str(is_grade(cell)), str(is_solution(cell)),
                 str(is_locked(cell)), _meta(cell)["grade_id"]):
        m.update(part.encode("utf-8"))
    if is_grade(cell):
        m.update(str(float(_meta(cell)["points"])).encode("utf-8"))
    return m.hexdigest()


# --- solution regions --------------------------------------------------------------------

def strip_solutions(source, stub=CODE_STUB):
    """Replace every solution region of one cell's source with ``stub``, as nbgrader does.

    Returns the new source; raises ``ValueError`` on a nested or unterminated region.
    """
    return _replace_regions(source, stub)[0]


def _replace_regions(source, stub):
    lines, inside, replaced = [], False, False
    for line in source.split("\n"):
        if BEGIN in line:
            if inside:
                raise ValueError(f"nested '{BEGIN}' markers in cell:\n{source[:300]}")
            inside = replaced = True
            indent = re.match(r"\s*", line).group(0)
            lines.extend(indent + stub_line for stub_line in stub.split("\n"))
        elif END in line:
            inside = False
        elif not inside:
            lines.append(line)
    if inside:
        raise ValueError(f"no '{END}' after '{BEGIN}' in cell (unbalanced markers):\n{source[:300]}")
    return "\n".join(lines), replaced


# --- source metadata ---------------------------------------------------------------------

def tag_nbgrader(nb):
    """Write nbgrader's source metadata into notebook ``nb`` (a dict or nbformat node) in place.

    A code cell with a solution region becomes a solution cell named after the function
    it defines; a cell that is exactly ``check_<name>(<name>)`` for such a function becomes
    its graded cell (1 point), tagged ``raises-exception`` so that Run All goes on past a
    failing check (JupyterLab and nbclient honour the tag; nbgrader still scores the cell 0).
    Any other code cell loses stale nbgrader metadata.
    """
    solved = set()
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = source_text(cell)
        call = _CHECK_CALL.match(source.strip())
        if BEGIN in source:
            name = (_DEF.findall(source) or [f"solution_{cell.get('id', len(solved))}"])[0]
            solved.add(name)
            cell["metadata"]["nbgrader"] = {"grade": False, "grade_id": name, "locked": False,
                                            "schema_version": 3, "solution": True}
        elif call and call.group(2) in solved and (
                call.group(1) == call.group(2)
                or (call.group(1) == "question" and call.group(2).startswith("answer_"))):
            cell["metadata"]["nbgrader"] = {"grade": True, "grade_id": f"check_{call.group(2)}",
                                            "locked": True, "points": 1, "schema_version": 3,
                                            "solution": False}
            tags = cell["metadata"].setdefault("tags", [])
            if RUN_ON not in tags:
                tags.append(RUN_ON)
        else:
            cell["metadata"].pop("nbgrader", None)
    return nb


# --- the release (learner copy) ------------------------------------------------------------

def make_exercise(nb):
    """The learner copy of source notebook ``nb`` as nbgrader's release; ``nb`` is not changed.

    The steps of ``nbgrader generate_assignment`` that apply to these notebooks, in its
    order: lock cells, clear solutions, clear outputs, compute checksums.
    """
    nb = copy.deepcopy(nb)
    for cell in nb["cells"]:
        cell["source"] = source_text(cell)
        meta = cell["metadata"]
        if is_solution(cell):
            meta["deletable"] = False
        elif is_grade(cell) or is_locked(cell):
            meta["deletable"] = False
            meta["editable"] = False
        stub = CODE_STUB if cell["cell_type"] == "code" else TEXT_STUB
        cell["source"], replaced = _replace_regions(cell["source"], stub)
        if replaced and not is_solution(cell):
            raise ValueError("a solution region outside a solution cell (run `make notebooks` "
                             f"to tag it, or reword the text):\n{cell['source'][:300]}")
        if is_solution(cell) and not replaced:
            cell["source"] = stub
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
            meta.pop("collapsed", None)
            meta.pop("scrolled", None)
        if is_grade(cell) or is_solution(cell) or is_locked(cell):
            meta["nbgrader"]["checksum"] = checksum(cell)
            meta["nbgrader"]["cell_type"] = cell["cell_type"]
    nb["metadata"].pop("celltoolbar", None)
    return nb


def write_exercises(paths, out_dir):
    """Write the learner copy of each notebook in ``paths`` into ``out_dir``; return the new paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in map(Path, paths):
        target = out_dir / path.name
        write_notebook(make_exercise(read_notebook(path)), target)
        written.append(target)
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description="Write learner copies (nbgrader's release format).")
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--out", default="exercises", type=Path)
    args = parser.parse_args(argv)
    if not args.notebooks:
        print("no notebooks given; nothing to do")
        return 0
    for target in write_exercises(args.notebooks, args.out):
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
