"""The benchmark's own tools (benchmarks/busy.py, benchmarks/widget_bench.py,
benchmarks/run.py): the busy core really runs and always stops; each widget's "one redraw"
is a real change that redraws; the tables go between the markers of docs/performance.md
and nowhere else; the load reading is a number of cores."""

import os
import sys

import matplotlib
import pytest
from tests.paths import ROOT

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))

import busy  # noqa: E402
import run  # noqa: E402
import widget_bench  # noqa: E402

from helpers import widgets  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_busy_core_runs_and_stops():
    with busy.busy_core(limit=20, settle=0.0) as proc:
        assert proc.poll() is None  # spinning
    assert proc.poll() is not None  # terminated when the block ends
    with busy.busy_core(limit=0.0, settle=0.0) as proc:
        proc.wait(timeout=10)  # and it ends by itself after its limit
    assert proc.returncode == 0


@pytest.mark.parametrize("build", [widgets.house_widget, widgets.neuron_widget,
                                   widgets.descent_1d_widget, widgets.broadcast_widget,
                                   widgets.shape_table_widget])
def test_each_move_changes_a_control_and_redraws(build):
    box = build()
    outputs = [w for w in widget_bench.walk(box) if isinstance(w, widget_bench.ipywidgets.Output)]
    controls = [w for w in widget_bench.walk(box) if hasattr(w, "value")]
    before = [c.value for c in controls]
    move = widget_bench.mover(box)
    move()
    assert [c.value for c in controls] != before
    move()
    assert [c.value for c in controls] == before  # and back: every call is a real change
    assert outputs


def test_the_tables_replace_what_was_between_the_markers(tmp_path, monkeypatch):
    text = (ROOT / "docs" / "performance.md").read_text()
    assert text.count(run.START) == text.count(run.END) == 1
    before, after = text.split(run.START)[0], text.split(run.END)[1]
    doc = tmp_path / "performance.md"
    doc.write_text(text)
    monkeypatch.setattr(run, "DOC", doc)
    run.write_doc("first tables\n")
    run.write_doc("| the | second |\n")
    assert doc.read_text() == before + run.START + "\n| the | second |\n" + run.END + after
    assert os.listdir(tmp_path) == ["performance.md"]  # nothing half-written left beside it


@pytest.mark.skipif(not os.path.exists("/proc/stat"), reason="reads /proc/stat (Linux)")
def test_busy_cores_counts_a_spinning_core():
    with busy.busy_core(limit=20, settle=0.2):
        assert 0.7 <= run.busy_cores(0.3) <= os.cpu_count()
