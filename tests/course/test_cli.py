"""course.py: the platform logic for Windows, macOS and Linux, the version check, the
settings it writes, and the project metadata it relies on."""

import ast
import json
import re
import subprocess
import sys
import time
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

import course
import learner.environment
import learner.lab
import learner.platforms
import learner.workspace
from tests.paths import ROOT

PLATFORMS = ["win32", "darwin", "linux"]


@pytest.mark.parametrize("platform, expected", [("win32", "py course.py lab"),
                                                ("darwin", "python3 course.py lab"),
                                                ("linux", "python3 course.py lab")])
def test_the_command_named_is_the_one_for_the_platform(platform, expected):
    assert learner.platforms.command("lab", platform) == expected


def test_venv_python_is_in_scripts_on_windows_and_bin_elsewhere():
    win = learner.platforms.venv_python(PureWindowsPath(r"C:\course\.venv"), "win32")
    assert str(win) == r"C:\course\.venv\Scripts\python.exe"
    for platform in ("darwin", "linux"):
        assert learner.platforms.venv_python(PurePosixPath("/c/.venv"), platform) == PurePosixPath("/c/.venv/bin/python")


@pytest.mark.parametrize("platform", PLATFORMS)
def test_an_old_python_is_refused_with_what_to_install(platform):
    msg = learner.platforms.python_problem((3, 9, 6, "final", 0), platform, "/opt/python39/bin/python3")
    assert "needs Python 3.11 or newer" in msg and "/opt/python39/bin/python3 is Python 3.9.6" in msg
    wanted = {"win32": "python.org/downloads/windows", "darwin": "brew install python@3.11",
              "linux": "sudo apt install python3.11"}[platform]
    assert wanted in msg
    assert ("py course.py lab" in msg) == (platform == "win32")


@pytest.mark.parametrize("version", [(3, 11, 0), (3, 13, 2), (4, 0, 0)])
def test_a_recent_python_passes(version):
    assert all(learner.platforms.python_problem(version, p, "python") is None for p in PLATFORMS)


def test_the_minimum_python_is_the_one_pyproject_declares():
    text = (ROOT / "pyproject.toml").read_text()
    declared = re.search(r'requires-python\s*=\s*">=(\d+)\.(\d+)"', text).groups()
    assert tuple(map(int, declared)) == learner.platforms.MIN_PYTHON


def test_the_version_check_runs_before_anything_else(monkeypatch, capsys):
    def must_not_run(*args, **kwargs):
        raise AssertionError("set-up ran before the version check")

    monkeypatch.setattr(course.sys, "version_info", (3, 8, 10, "final", 0))
    monkeypatch.setattr(course, "ensure_venv", must_not_run)
    monkeypatch.setattr(course, "sync_workspace", must_not_run)
    assert course.main(["lab"]) == 1
    assert "needs Python 3.11 or newer" in capsys.readouterr().err


def test_course_py_parses_on_old_pythons_so_they_reach_the_message():
    # macOS ships an older python3; the file must at least parse there to print the message
    ast.parse((ROOT / "course.py").read_text(), feature_version=(3, 7))


@pytest.mark.parametrize("platform, euid, root_flag", [("linux", 0, True), ("linux", 1000, False),
                                                       ("darwin", 0, True), ("darwin", 501, False),
                                                       ("win32", -1, False)])
def test_lab_arguments_bind_localhost_quietly_and_allow_root_only_as_root(platform, euid, root_flag):
    args = learner.lab.lab_arguments("/c/my-notebooks", platform, euid)
    assert "--ServerApp.ip=127.0.0.1" in args
    assert "--ServerApp.root_dir=/c/my-notebooks" in args
    assert "--LabApp.extension_manager=readonly" in args
    assert "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate" in args
    assert "--ServerApp.log_level=WARN" in args and "--LabApp.log_level=WARN" in args
    assert ("--ServerApp.allow_root=True" in args) == root_flag
    assert not any("token" in a.lower() for a in args)  # a command line is readable by every user


def test_the_token_goes_through_the_environment_with_the_runtime_folder(tmp_path):
    env = learner.lab.lab_environment({"PATH": "/opt/tools/bin"}, tmp_path / "rt", "abc123")
    assert env == {"PATH": "/opt/tools/bin", "JUPYTER_TOKEN": "abc123", "JUPYTER_RUNTIME_DIR": str(tmp_path / "rt")}
    assert "JUPYTER_TOKEN" not in learner.lab.lab_environment({}, tmp_path, None)
    assert learner.lab.runtime_dir({}, venv=tmp_path / ".venv") == tmp_path / ".venv" / "jupyter-runtime"
    assert learner.lab.runtime_dir({"JUPYTER_RUNTIME_DIR": "/r"}, venv=tmp_path) == Path("/r")


def test_a_token_the_learner_gives_replaces_the_generated_one():
    assert learner.lab.gives_token(["--no-browser", "--IdentityProvider.token=abc"], {})
    assert learner.lab.gives_token(["--ServerApp.token=abc"], {})
    assert learner.lab.gives_token([], {"JUPYTER_TOKEN": "mine"})
    assert learner.lab.gives_token([], {"JUPYTER_TOKEN_FILE": "/home/me/token"})
    assert not learner.lab.gives_token(["--no-browser", "--ServerApp.port=8899"], {"JUPYTER_TOKEN": ""})


def test_the_login_link_carries_the_port_and_token_of_the_record():
    info = {"url": "http://127.0.0.1:8891/", "port": 8891, "token": "f00d"}
    assert learner.lab.lab_link(info) == "http://127.0.0.1:8891/lab?token=f00d"
    assert learner.lab.lab_link(dict(info, token="")) == "http://127.0.0.1:8891/lab"
    for everywhere in ("http://0.0.0.0:8888/", "http://[::]:8888/"):  # in a container
        assert learner.lab.lab_link(dict(info, url=everywhere)) == "http://127.0.0.1:8888/lab?token=f00d"


def test_quiet_settings_are_merged_into_existing_overrides(tmp_path):
    path = learner.lab.lab_settings_file(tmp_path)
    assert path == tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
                                "@jupyterlab/apputils-extension:notification": {"doNotDisturbMode": True}}))
    learner.lab.write_quiet_settings(tmp_path)
    settings = json.loads(path.read_text())
    assert settings["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    assert settings["@jupyterlab/apputils-extension:notification"] == {
        "doNotDisturbMode": True, "fetchNews": "false", "checkForUpdates": False}
    assert not any("autosave" in json.dumps(v) for v in settings.values())  # learners keep autosave


def test_the_quiet_settings_name_real_jupyterlab_settings():
    schema = (Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas" / "@jupyterlab"
              / "apputils-extension" / "notification.json")
    if not schema.is_file():
        pytest.skip(f"JupyterLab's schema is not installed at {schema}")
    properties = json.loads(schema.read_text())["properties"]
    for key, value in learner.lab.QUIET_SETTINGS["@jupyterlab/apputils-extension:notification"].items():
        assert key in properties
    assert properties["fetchNews"]["type"] == "string"


def test_the_requirements_digest_changes_with_either_file(tmp_path):
    (tmp_path / "requirements.txt").write_text("numpy==2.4.6\n")
    (tmp_path / "pyproject.toml").write_text("[project]\n")
    first = learner.environment.requirements_digest(tmp_path)
    assert learner.environment.requirements_digest(tmp_path) == first
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    second = learner.environment.requirements_digest(tmp_path)
    (tmp_path / "requirements.txt").write_text("numpy==2.4.7\n")
    assert len({first, second, learner.environment.requirements_digest(tmp_path)}) == 3


def test_venv_hint_names_the_debian_package_on_linux():
    assert "python3-venv" in learner.platforms.venv_failed_hint("linux")
    assert "py course.py lab" in learner.platforms.venv_failed_hint("win32")
    assert "python3 course.py lab" in learner.platforms.venv_failed_hint("darwin")


def test_backup_names_carry_a_timestamp():
    now = time.strptime("2026-12-01 19:45:07", "%Y-%m-%d %H:%M:%S")
    assert learner.workspace.backup_name("my-notebooks/02_logistic_regression.ipynb", now) == \
        "02_logistic_regression.2026-12-01_19-45-07.ipynb"


@pytest.mark.parametrize("which", ["02", "2", "02_logistic_regression", "02_logistic_regression.ipynb"])
def test_a_notebook_is_found_by_number_or_name(which):
    assert learner.workspace.find_notebook(ROOT / "notebooks", which).name == "02_logistic_regression.ipynb"


def test_an_unknown_notebook_lists_the_course():
    with pytest.raises(learner.platforms.CourseError, match="01_introduction.ipynb.*course.py reset 02"):
        learner.workspace.find_notebook(ROOT / "notebooks", "07")


def test_the_command_line_answers_without_a_venv(tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "course.py"), "--help"],
                         capture_output=True, text=True, check=True).stdout
    for action in ("lab", "progress", "test", "reset", "solutions", "venv"):
        assert action in out
    bad = subprocess.run([sys.executable, str(ROOT / "course.py"), "reset", "99"],
                         capture_output=True, text=True)
    assert bad.returncode == 1 and "No single course notebook matches '99'" in bad.stderr


@pytest.mark.parametrize("argv, expected", [
    (["test"], [["-m", "pytest", "tests"], ["-m", "pytest", "--nbval"]]),
    (["test", "--only", "package", "tests/test_data.py", "-x"], [["-m", "pytest", "tests/test_data.py", "-x"]]),
    (["test", "--only", "notebooks"], [["-m", "pytest", "--nbval"]])])
def test_test_runs_the_package_tests_then_nbval(monkeypatch, argv, expected):
    runs = []
    monkeypatch.setattr(course, "ensure_venv", lambda: "venv-python")
    monkeypatch.setattr(course, "run_foreground", lambda cmd, **kw: runs.append([str(c) for c in cmd]) or 0)
    assert course.main(argv) == 0
    assert [run[1:1 + len(want)] for run, want in zip(runs, expected)] == expected and len(runs) == len(expected)
    if "--nbval" in runs[-1]:
        notebooks = [str(Path("notebooks", p.name)) for p in learner.workspace.course_notebooks(course.NOTEBOOKS)]
        assert runs[-1][-len(notebooks):] == notebooks


def _pins(lines):
    return dict(re.match(r"\s*([A-Za-z0-9_.-]+)==(\S+)", line).groups() for line in lines
                if re.match(r"\s*[A-Za-z0-9_.-]+==", line))


def test_pyproject_dependencies_match_requirements_txt():
    requirements = _pins((ROOT / "requirements.txt").read_text().splitlines())
    text = (ROOT / "pyproject.toml").read_text()
    declared = _pins(re.findall(r'^\s*"([^"]+==[^"]+)",', text, re.MULTILINE))
    assert declared == requirements
    assert 'readme = "README.md"' in text and "license = " in text
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    assert "CC BY-SA" in (ROOT / "data" / "LICENSE").read_text()


def test_every_pinned_package_is_used():
    """A pin nothing uses (tqdm was one) is dead weight in every learner's install."""
    run_not_imported = {"jupyterlab", "ipykernel", "pytest", "nbval", "nbconvert"}  # programs, plugins
    import_names = {"pillow": "PIL"}
    sources = "\n".join(p.read_text(encoding="utf-8") for folder in ("helpers", "tests", "maintainer_tools")
                        for p in (ROOT / folder).rglob("*.py"))
    for name in _pins((ROOT / "requirements.txt").read_text().splitlines()):
        module = import_names.get(name, name)
        assert name in run_not_imported or re.search(rf"^\s*(import|from) {module}\b", sources,
                                                     re.MULTILINE), \
            f"{name} is pinned in requirements.txt but nothing imports it: use it or drop it"
