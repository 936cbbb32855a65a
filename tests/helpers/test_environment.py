"""helpers.environment: what the notebooks need, and the fix that fits the installation."""

import sys

import pytest

from helpers import data, environment


def test_this_checkout_passes_and_needs_no_test_tools(capsys):
    assert environment.install_kind() == "checkout"
    needs = environment.required_versions()
    assert {"numpy", "h5py", "matplotlib", "ipywidgets", "ipykernel"} <= set(needs)
    assert not set(needs) & {"pytest", "hypothesis", "nbval", "playwright", "nbgrader"}
    environment.check_environment()
    assert capsys.readouterr().out == "Environment check passed: packages and data are in place.\n"


def test_install_kind_tells_a_project_folder_from_site_packages(tmp_path):
    checkout = tmp_path / "project"
    (checkout / "helpers").mkdir(parents=True)
    (checkout / "pyproject.toml").write_text("[project]\n")
    site = tmp_path / "site-packages"
    (site / "helpers").mkdir(parents=True)
    assert environment.install_kind(checkout) == "checkout"
    assert environment.install_kind(site) == "installed"


def test_requirements_are_parsed_without_tools_comments_or_extras():
    lines = ["# a comment", "numpy==2.4.6", "h5py >= 3.16.0", "Pillow~=13.0", "pytest==9.2.0",
             "-e .", "nbval==0.11.0", 'torch>=2; extra == "bench"', "ipywidgets==8.1.9  # widgets",
             "jupyterlab==4.6.6", "threadpoolctl"]
    assert environment.parse_requirements(lines) == {
        "numpy": "2.4.6", "h5py": "3.16.0", "pillow": "13.0", "ipywidgets": "8.1.9"}


def test_a_checkout_is_told_to_run_the_set_up_command(monkeypatch):
    monkeypatch.setattr(environment, "required_versions",
                        lambda kind=None: {"numpy": "2.4.6", "not-a-real-package-xyz": "1.0"})
    with pytest.raises(RuntimeError) as info:
        environment.check_environment()
    msg = str(info.value)
    assert "not-a-real-package-xyz is not installed (the notebooks need 1.0 or newer)" in msg
    assert "numpy" not in msg  # installed and new enough
    python = "py" if sys.platform == "win32" else "python3"
    assert f"`{python} course.py lab`" in msg


def test_an_installed_package_is_told_what_to_pip_install(monkeypatch):
    monkeypatch.setattr(environment, "install_kind", lambda root=None: "installed")
    monkeypatch.setattr(environment, "required_versions",
                        lambda kind=None: {"numpy": "999.0", "not-a-real-package-xyz": "1.0"})
    with pytest.raises(RuntimeError) as info:
        environment.check_environment()
    msg = str(info.value)
    assert "numpy " in msg and "is older than the 999.0 the notebooks need" in msg
    assert '`%pip install "not-a-real-package-xyz>=1.0" "numpy>=999.0"`' in msg
    assert "course.py" not in msg and "force-reinstall" not in msg  # the data is fine


def test_an_installed_package_without_its_data_is_told_to_reinstall(monkeypatch, tmp_path):
    monkeypatch.setattr(environment, "install_kind", lambda root=None: "installed")
    monkeypatch.setattr(environment, "required_versions", lambda kind=None: {})
    monkeypatch.setattr(environment, "load_dataset", lambda: data.load_dataset(tmp_path))
    with pytest.raises(RuntimeError, match="--force-reinstall --no-deps PATH") as info:
        environment.check_environment()
    assert "git checkout" not in str(info.value)


def test_the_data_is_found_in_the_package_first_then_beside_it(tmp_path):
    package_copy, checkout = tmp_path / "site" / "helpers" / "data_files", tmp_path / "data"
    for folder in (package_copy, checkout):
        folder.mkdir(parents=True)
    (checkout / "digits_train.h5").write_bytes(b"")
    assert data.find_data_dir((package_copy, checkout)) == checkout
    (package_copy / "digits_train.h5").write_bytes(b"")
    assert data.find_data_dir((package_copy, checkout)) == package_copy


def test_missing_data_is_reported_where_this_installation_keeps_it(tmp_path):
    package_copy, checkout = tmp_path / "helpers" / "data_files", tmp_path / "data"
    assert data.find_data_dir((package_copy, checkout)) == package_copy  # an installed package
    (tmp_path / "pyproject.toml").write_text("[project]\n")
    assert data.find_data_dir((package_copy, checkout)) == checkout      # a checkout
    assert data.DATA_DIR == data.find_data_dir() and (data.DATA_DIR / "digits_test.h5").is_file()
