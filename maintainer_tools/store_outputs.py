"""Execute notebooks top to bottom, headless, and store their outputs (for maintainers).

This is the way nbval runs them (a fresh ``python3`` kernel started in the
notebook's folder), so the stored outputs are what nbval compares against.
Afterwards it drops saved widget state (``metadata.widgets``, which breaks
GitHub's rendering), sets the ``python3`` kernelspec, and tags solution and check
cells for nbgrader. It refuses to store a notebook that raised an error.

    python -m maintainer_tools.store_outputs notebooks/01_*.ipynb ...   (make notebooks,
    python3 course.py notebooks)
"""

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from teacher_tools.exercises import tag_nbgrader

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def execute(path, timeout=600):
    """Run the notebook at ``path`` in a fresh kernel; return (executed notebook, seconds)."""
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    start = time.perf_counter()
    # ipykernel warns on its log that TCP is unencrypted (on 127.0.0.1, for this one run):
    # its log keeps errors only; the cells' own warnings still land in their outputs
    NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                   extra_arguments=["--IPKernelApp.log_level=ERROR"],
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb, time.perf_counter() - start


def store(path):
    nb, seconds = execute(path)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:  # timestamps from earlier runs would only churn the diff
        cell.metadata.pop("execution", None)
    nb.metadata["kernelspec"] = KERNELSPEC
    tag_nbgrader(nb)
    nbformat.write(nb, path)
    return seconds


def main(paths):
    if not paths:
        print("no notebooks given; nothing to do")
    for path in paths:
        seconds = store(path)
        print(f"stored {path} ({seconds:.1f} s)")


if __name__ == "__main__":
    main(sys.argv[1:])
