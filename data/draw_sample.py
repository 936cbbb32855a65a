"""Draw data/sample_digit.png: a "7" drawn with thick strokes on light paper.

Our own drawing (not from MNIST), used by notebook 04 when no image is uploaded.
Run from the repository root: .venv/bin/python data/draw_sample.py
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parent / "sample_digit.png"


def draw():
    img = Image.new("L", (180, 220), color=236)  # off-white paper
    pen = ImageDraw.Draw(img)
    pen.line([(48, 52), (132, 46)], fill=30, width=15)            # the top bar
    pen.line([(132, 46), (86, 178)], fill=30, width=15)           # the stem
    pen.line([(92, 112), (128, 110)], fill=30, width=11)          # a crossbar, as many write it
    return img.filter(ImageFilter.GaussianBlur(1.5)).rotate(-4, fillcolor=236)


if __name__ == "__main__":
    draw().save(OUT, optimize=True)
    print(f"wrote {OUT}")
