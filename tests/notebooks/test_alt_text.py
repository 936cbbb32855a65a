"""Every picture the notebooks store carries a text alternative: an HTML ``<img alt>`` of
the same PNG (JupyterLab's image renderer has no alt text of its own; helpers.alt_text), and
the same text in the PNG output's metadata."""

import html
import re

import nbformat
import pytest
from tests.paths import NOTEBOOKS

IMG = re.compile(r'^<img alt="([^"]*)" src="data:image/png;base64,([^"]+)">$')
NAMES = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


def pictures(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if "image/png" in output.get("data", {}):
                yield cell.id, output.data, output.get("metadata", {})


@pytest.mark.parametrize("name", NAMES)
def test_every_stored_picture_has_alt_text_saying_what_it_shows(name):
    found = list(pictures(name))
    assert found, f"{name} stores no picture"
    for cell_id, data, metadata in found:
        page = data.get("text/html", "")
        page = "".join(page) if isinstance(page, list) else page
        match = IMG.match(page.strip())
        assert match, f"{name} cell {cell_id}: a picture without alt text"
        alt, png = html.unescape(match.group(1)), match.group(2)
        assert png.startswith("iVBOR"), f"{name} cell {cell_id}: the <img> holds no PNG"
        assert "no data drawn" not in alt and re.search(r"\d", alt), (cell_id, alt)
        assert len(alt) >= 40, f"{name} cell {cell_id}: alt text too thin: {alt!r}"
        assert metadata.get("image/png", {}).get("alt") == alt, \
            f"{name} cell {cell_id}: the PNG's metadata does not carry the alt text"
