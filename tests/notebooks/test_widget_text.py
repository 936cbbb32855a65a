"""Without a kernel (GitHub, nbviewer) each widget cell of notebooks 01, 02 and the 04
shape table reads as one sentence, not as a ``VBox(children=...)`` repr, and shows the
widget once (``helpers.widgets.show``'s return value must not be displayed again)."""


import nbformat
import pytest
from tests.paths import NOTEBOOKS

WIDGET_CELLS = {  # notebook: ids of the cells that display a widget (playgrounds: elsewhere)
    "01_introduction.ipynb": ["73a661d6", "1cf596b2"],
    "02_logistic_regression.ipynb": ["a41b83cb", "d7e5e584", "533a56a2"],
    "04_deep_network.ipynb": ["a2275d19", "a1cb07b4"],
}
WIDGET = "application/vnd.jupyter.widget-view+json"


@pytest.mark.parametrize("name", sorted(WIDGET_CELLS))
def test_widget_cells_read_as_sentences(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    cells = {c.id: c for c in nb.cells}
    for cell_id in WIDGET_CELLS[name]:
        shown = [o for o in cells[cell_id].outputs if WIDGET in o.get("data", {})]
        assert shown, f"{name} {cell_id}: no widget output stored"
        for o in shown:
            text = o.data["text/plain"]
            assert "(children=" not in text and "(value=" not in text, (cell_id, text[:60])
            assert "JupyterLab" in text and text.endswith(")."), (cell_id, text)
        texts = [o.data["text/plain"] for o in shown]
        assert len(texts) == len(set(texts)), f"{name} {cell_id}: a widget is displayed twice"
