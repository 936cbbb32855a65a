"""The stored pictures under simulated colour-vision deficiencies: in every picture that draws
points of both classes, the two classes' colours as the picture holds them stay apart for
protanopia and deuteranopia (the simulation of tests/helpers/test_palette.py on the PNGs)."""

import base64
import io

import nbformat
import numpy as np
import pytest
from matplotlib.colors import to_rgb
from PIL import Image

from helpers import plots
from tests.helpers.test_palette import AT_A_GLANCE, MACHADO, cielab, linear_rgb
from tests.paths import NOTEBOOKS

NAMES = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
NEAR = 0.06        # a pixel within this (per channel, 0-1) of a class colour is that class's
ENOUGH = 30        # pixels of each class: a picture that draws both classes' points


def class_pixels(png):
    """The pixels (k, 3) in 0-1 of each class colour found in a PNG, as a list of two arrays."""
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=float).reshape(-1, 3) / 255
    return [rgb[np.abs(rgb - to_rgb(c)).max(axis=1) < NEAR] for c in plots.CLASS_COLORS]


def two_class_pictures():
    for name in NAMES:
        nb = nbformat.read(NOTEBOOKS / name, as_version=4)
        for cell in nb.cells:
            for output in cell.get("outputs", []):
                png = output.get("data", {}).get("image/png")
                if png:
                    pixels = class_pixels(base64.b64decode("".join(png)))
                    if min(len(p) for p in pixels) >= ENOUGH:
                        yield f"{name} cell {cell.id}", pixels


PICTURES = list(two_class_pictures())


def test_the_notebooks_store_two_class_pictures():
    assert len(PICTURES) >= 5, [where for where, _ in PICTURES]


@pytest.mark.parametrize("vision", ["protanopia", "deuteranopia"])
@pytest.mark.parametrize("where, pixels", PICTURES, ids=[w for w, _ in PICTURES])
def test_both_classes_stay_apart_in_the_stored_picture(where, pixels, vision):
    seen = [cielab(MACHADO[vision] @ linear_rgb(np.median(p, axis=0))) for p in pixels]
    assert float(np.linalg.norm(seen[0] - seen[1])) > AT_A_GLANCE, where
