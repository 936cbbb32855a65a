"""JupyterLab as ``course.py lab`` starts it: 127.0.0.1 only, quiet, the login token handed
over through the environment (never the command line), its link printed once it answers,
and one lab per workspace."""

import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from .environment import wait_through_ctrl_c
from .files import read_record, write_atomically
from .platforms import runs_as_root

# JupyterLab reads <prefix>/share/jupyter/lab/settings/overrides.json as the defaults of
# its settings: the lab starts without the news pop-up and makes no update checks.
QUIET_SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}
# No news, no update checks, and only warnings and errors in the terminal (no extension
# or language-server log lines); course.py prints the login link itself.
QUIET_FLAGS = ["--LabApp.extension_manager=readonly", "--LabApp.news_url=None",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
               "--ServerApp.log_level=WARN", "--LabApp.log_level=WARN"]
# The concept questions' answer widget writes the learner's answer into its answer cell
# through the page's JupyterLab (helpers/questions/widget.py); JupyterLab shows it to the
# page's scripts only when asked. Binder reads the same setting from .jupyter/, the
# JupyterHub image from its jupyter_server_config.d.
ANSWER_WIDGET_FLAGS = ["--LabApp.expose_app_in_browser=True"]


def gives_token(extra, environ):
    """True if the extra ``jupyter lab`` arguments or the environment set the login token."""
    return bool(environ.get("JUPYTER_TOKEN") or environ.get("JUPYTER_TOKEN_FILE")) or any(
        a.split("=")[0] in ("--IdentityProvider.token", "--ServerApp.token") for a in extra)


def lab_arguments(workspace, platform, euid):
    """Arguments for ``jupyter lab``: 127.0.0.1 only, quiet and offline-friendly.

    The login token is not among them (every local user can read a command line):
    ``lab_environment`` hands it over.
    """
    args = ["--ServerApp.ip=127.0.0.1", f"--ServerApp.root_dir={workspace}", *QUIET_FLAGS,
            *ANSWER_WIDGET_FLAGS]
    if runs_as_root(platform, euid):
        args.append("--ServerApp.allow_root=True")
    return args


def runtime_dir(environ, venv):
    """Where the lab's server writes its record, ``jpserver-<pid>.json`` (its port and token,
    readable only by the learner): ``JUPYTER_RUNTIME_DIR`` if set, else inside ``venv``."""
    return Path(environ.get("JUPYTER_RUNTIME_DIR") or Path(venv) / "jupyter-runtime")


def lab_environment(environ, runtime, token):
    """The lab's environment: its runtime folder, and the login token unless ``token`` is None."""
    env = dict(environ, JUPYTER_RUNTIME_DIR=str(runtime))
    if token is not None:
        env["JUPYTER_TOKEN"] = token
    return env


def lab_link(info):
    """The login link of the server a ``jpserver-<pid>.json`` record describes (token included).
    A server listening on every address (``--ServerApp.ip=0.0.0.0`` in a container) is named
    127.0.0.1, which a browser on the same machine (or the container's host) can open."""
    parts = urllib.parse.urlsplit(info["url"])
    if parts.hostname in ("0.0.0.0", "::"):
        parts = parts._replace(netloc=f"127.0.0.1:{parts.port}")
    token = info.get("token") or ""
    return f"{urllib.parse.urlunsplit(parts)}lab" + (f"?token={token}" if token else "")


def lab_settings_file(venv):
    """Where JupyterLab in ``venv`` looks for default settings (the same path on every OS)."""
    return Path(venv) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def merged_settings(existing):
    """``existing`` overrides (a dict) with the quiet settings added; other settings are kept."""
    merged = dict(existing)
    for plugin, values in QUIET_SETTINGS.items():
        merged[plugin] = {**merged.get(plugin, {}), **values}
    return merged


def write_quiet_settings(venv):
    """Add the quiet defaults to the lab's overrides.json in ``venv`` (other settings kept)."""
    path = lab_settings_file(venv)
    existing = read_record(path) or {}
    merged = merged_settings(existing)
    if merged != existing:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(merged, indent=2) + "\n")
    return path


def server_answers(info, timeout=2.0):
    """True if the server a ``jpserver-<pid>.json`` record describes answers with its token."""
    try:
        request = urllib.request.Request(f"{info['url']}api/status",
                                         headers={"Authorization": f"token {info.get('token', '')}"})
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # 127.0.0.1: no proxy
        with opener.open(request, timeout=timeout) as response:
            return response.status == 200
    except (OSError, ValueError, KeyError, TypeError):
        return False


def same_folder(a, b):
    """True if paths ``a`` and ``b`` name the same folder (links resolved, case as the OS has it)."""
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def running_lab(runtime, workspace):
    """The record of a running lab on ``workspace`` (its server answers), or None. Records of
    servers that no longer answer (ended without cleaning up) are ignored."""
    for path in sorted(Path(runtime).glob("jpserver-*.json")):
        info = read_record(path)
        if info and same_folder(info.get("root_dir", ""), workspace) and server_answers(info):
            return info
    return None


def wait_for_lab(proc, record, timeout=300):
    """The record ``jpserver-<pid>.json`` once the server ``proc`` writes it and answers; None
    if the server ends first or takes longer than ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        info = read_record(record)
        if info and server_answers(info):  # a stale record of an earlier pid does not answer
            return info
        time.sleep(0.25)
    return None


def start_lab(argv, env, runtime, cwd):
    """Start JupyterLab, print its login link once it answers, return its exit code."""
    Path(runtime).mkdir(mode=0o700, parents=True, exist_ok=True)
    sys.stdout.flush()
    proc = subprocess.Popen([str(a) for a in argv], cwd=cwd, env=env)
    try:
        info = wait_for_lab(proc, Path(runtime) / f"jpserver-{proc.pid}.json")
        if info:
            print(f"JupyterLab is ready: {lab_link(info)}  (no browser window? paste this link "
                  "into your browser)")
            print("Over SSH or in a container, see docs/learning.md (\"Open the lab from another "
                  "machine\"). Stop the lab with Ctrl+C, twice.", flush=True)
        elif proc.poll() is None:
            print("JupyterLab has not answered for 5 minutes; its messages above may say why.")
    except KeyboardInterrupt:
        pass  # the server got the Ctrl+C too
    return wait_through_ctrl_c(proc)
