"""A real JupyterHub serving the course to two learners.

The Hub (requirements-hub.txt) listens on 127.0.0.1 behind its real proxy
(configurable-http-proxy from npm, which .ci/run installs into .venv/hub-proxy), logs
learners in with the "first try" example of deploy/values.yaml (a shared password, the
learners named, no admin: only its CHANGE-ME values are filled in here) and uses the
simple local spawner (every learner gets a home folder under a temporary directory). Its ``pre_spawn_hook`` is
the course's first-login step (deploy/first_login.py): each learner's
``~/my-notebooks/`` receives the exercise copies of the notebooks.

Both learners log in through the login form; then, through the Hub's proxy and the
learner's own API token, the test reads their workspace over the server's REST API
and runs 01_introduction in a kernel of each learner's server (kernel websocket),
both at once, and asserts no cell raised. A name the example does not list cannot log
in, even with the password, and no one is an admin. Skipped when jupyterhub or the
proxy is missing (a failure under --no-skips, as CI runs).
"""

import asyncio
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from helpers.questions import BY_NOTEBOOK
from tests.deploy.values_examples import first_try
from tests.paths import ROOT

BIN = Path(sys.executable).parent
PROXY = ROOT / ".venv" / "hub-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
LEARNERS = ("ada", "grace")
NOTEBOOK = "01_introduction.ipynb"
CELL_TIMEOUT = 300  # seconds; generous: this checks the set-up, not speed


def _proxy():
    return str(PROXY) if PROXY.exists() else shutil.which("configurable-http-proxy")


try:
    import jupyterhub  # noqa: F401
    import requests
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect
except ImportError:
    pytest.skip(allow_module_level=True, reason="jupyterhub is not installed (pip install -r requirements-hub.txt)")
if not _proxy():
    pytest.skip(allow_module_level=True, reason="configurable-http-proxy is not installed (npm install --prefix .venv/hub-proxy "
                 "configurable-http-proxy, as .ci/run does)")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


HUB_CONFIG = """\
import sys
sys.path.insert(0, {deploy!r})
from pathlib import Path
from first_login import make_workspace

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.pid_file = {state!r} + "/proxy.pid"
c.JupyterHub.db_url = "sqlite:///" + {state!r} + "/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = {state!r} + "/cookie_secret"

{login}

c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {homes!r} + "/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab/tree/my-notebooks"
c.Spawner.environment = {{"OPENBLAS_NUM_THREADS": "1"}}  # as deploy/values.yaml sets
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180

def first_login(spawner):
    make_workspace({notebooks!r}, Path(spawner.home_dir) / "my-notebooks")

c.Spawner.pre_spawn_hook = first_login

c.JupyterHub.services = [{{"name": "course-test", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{"name": "course-test", "services": ["course-test"],
                            "scopes": ["admin:users", "admin:servers", "tokens"]}}]
"""


def login_config(hub_config, filled):
    """jupyterhub_config.py lines for values.yaml's ``hub.config``: the same settings, only
    the CHANGE-ME values replaced from ``filled``."""
    lines = []
    for section, settings in hub_config.items():
        for key, value in settings.items():
            if "CHANGE-ME" in str(value):
                value = filled[key]
            lines.append(f"c.{section}.{key} = {value!r}")
    return "\n".join(lines)


class Hub:
    """A running JupyterHub: its public URL, the test service's token, its log."""

    def __init__(self, tmp_path):
        self.homes = tmp_path / "homes"
        self.state = tmp_path / "hub"
        self.homes.mkdir()
        self.state.mkdir()
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(16)
        self.password = secrets.token_hex(8)
        self.log_path = self.state / "jupyterhub.log"
        config = self.state / "jupyterhub_config.py"
        login = login_config(first_try()["hub"]["config"], {"user_password": self.password,
                                                            "allowed_users": set(LEARNERS)})
        config.write_text(HUB_CONFIG.format(
            deploy=str(ROOT / "deploy"), port=self.port, hub_port=_free_port(),
            proxy_api_port=_free_port(), proxy=_proxy(), state=str(self.state),
            login=login, homes=str(self.homes),
            singleuser=str(BIN / "jupyterhub-singleuser"),
            # the servers run as this user; CI and containers are root
            args=["--ServerApp.allow_root=True"] if os.geteuid() == 0 else [],
            notebooks=str(ROOT / "notebooks"), token=self.token))
        env = dict(os.environ, PATH=os.pathsep.join([str(BIN), os.environ.get("PATH", "")]))
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen([str(BIN / "jupyterhub"), "-f", str(config)],
                                            cwd=self.state, env=env, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)

    def log(self):
        return self.log_path.read_text()[-4000:]

    def api(self, method, path, token=None, **kwargs):
        r = requests.request(method, f"{self.url}/hub/api{path}", timeout=30,
                             headers={"Authorization": f"token {token or self.token}"}, **kwargs)
        assert r.ok, f"{method} {path}: {r.status_code} {r.text[:500]}\n{self.log()}"
        return r.json() if r.content else None

    def wait_until_up(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"JupyterHub exited:\n{self.log()}"
            try:
                if requests.get(f"{self.url}/hub/api/", timeout=5).ok:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        pytest.fail(f"JupyterHub did not answer within {timeout} s:\n{self.log()}")

    def try_log_in(self, name):
        """Log in through the login form, as a browser does; return (session, response)."""
        session = requests.Session()
        session.get(f"{self.url}/hub/login", timeout=30).raise_for_status()
        r = session.post(f"{self.url}/hub/login?next=/hub/spawn", timeout=120,
                         data={"username": name, "password": self.password,
                               "_xsrf": session.cookies.get("_xsrf")})
        return session, r

    def log_in(self, name):
        session, r = self.try_log_in(name)
        assert r.ok and "/hub/login" not in r.url, f"login of {name} failed: {r.url}\n{self.log()}"
        return session

    def wait_for_server(self, name, timeout=240):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            server = self.api("GET", f"/users/{name}").get("servers", {}).get("")
            if server and server.get("ready"):
                return server
            time.sleep(1)
        pytest.fail(f"{name}'s server was not ready within {timeout} s:\n{self.log()}")

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # the Hub stops the servers and proxy
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


class Learner:
    """One learner's server, reached through the Hub's proxy with the learner's own token."""

    def __init__(self, hub, name, token):
        self.hub, self.name, self.token = hub, name, token
        self.base = f"{hub.url}/user/{name}"
        self.slowest = (0.0, "")  # (seconds, first line) of the slowest cell run so far

    def rest(self, method, path, token=None, **kwargs):
        return requests.request(method, f"{self.base}/api/{path}", timeout=60,
                                headers={"Authorization": f"token {token or self.token}"}, **kwargs)

    def notebook(self, path):
        r = self.rest("GET", f"contents/{path}")
        assert r.ok, f"{r.status_code} {r.text[:300]}"
        return r.json()["content"]

    def code_cells(self, path):
        return [c["source"] for c in self.notebook(path)["cells"] if c["cell_type"] == "code"]

    async def run(self, path, sources):
        """Run ``sources`` in a new kernel of this learner's server for the notebook at
        ``path``, started in its folder as JupyterLab does. Returns (errors, stdout);
        errors lists (cell index, ename, evalue)."""
        r = self.rest("POST", "sessions", json={"path": path, "type": "notebook", "name": path,
                                                "kernel": {"name": "python3"}})
        assert r.ok, f"{r.status_code} {r.text[:300]}"
        session = r.json()
        url = (f"{self.base.replace('http', 'ws', 1)}/api/kernels/{session['kernel']['id']}"
               f"/channels?session_id={uuid.uuid4().hex}")
        ws = await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {self.token}"}))
        errors, stdout = [], []
        try:
            for index, source in enumerate(sources):
                errors += await self._execute(ws, index, source, stdout)
        finally:
            ws.close()
            self.rest("DELETE", f"sessions/{session['id']}")
        return errors, "".join(stdout)

    async def _execute(self, ws, index, code, stdout):
        msg_id = uuid.uuid4().hex
        await ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": self.name,
                       "session": msg_id, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
        errors, replied, idle = [], False, False
        started = time.monotonic()
        deadline = started + CELL_TIMEOUT
        while not (replied and idle):
            try:
                raw = await asyncio.wait_for(ws.read_message(), deadline - time.monotonic())
            except asyncio.TimeoutError:
                pytest.fail(f"{self.name}: cell {index} ({code.splitlines()[0]!r}) gave no reply "
                            f"within {CELL_TIMEOUT} s")
            assert raw is not None, f"{self.name}: the kernel websocket closed during cell {index}"
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["header"]["msg_type"], msg["content"]
            if kind == "error":
                errors.append((index, content["ename"], content["evalue"]))
            elif kind == "stream" and content.get("name") == "stdout":
                stdout.append(content["text"])
            elif kind == "execute_reply":
                replied = True
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
        self.slowest = max(self.slowest,
                           (time.monotonic() - started, code.splitlines()[0] if code else ""))
        return errors


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    started = time.perf_counter()
    hub = Hub(tmp_path_factory.mktemp("jupyterhub"))
    try:
        hub.wait_until_up()
        sessions = {name: hub.log_in(name) for name in LEARNERS}
        learners = {}
        for name in LEARNERS:
            hub.wait_for_server(name)
            token = hub.api("POST", f"/users/{name}/tokens", json={"note": "course test",
                                                                    "expires_in": 3600})["token"]
            learners[name] = Learner(hub, name, token)
        print(f"\nJupyterHub up, {len(LEARNERS)} learners logged in with servers ready: "
              f"{time.perf_counter() - started:.1f} s")
        yield hub, learners, sessions
    finally:
        hub.stop()


def test_each_learner_gets_their_own_exercise_copies(hub):
    hub, learners, sessions = hub
    for name, learner in learners.items():
        # the browser session of the login lands in the learner's JupyterLab
        page = sessions[name].get(f"{hub.url}/user/{name}/lab/tree/my-notebooks", timeout=60)
        assert page.ok and page.url.endswith(f"/user/{name}/lab/tree/my-notebooks"), page.url
        workspace = hub.homes / name / "my-notebooks"
        names = sorted(p.name for p in workspace.glob("*.ipynb"))
        assert names == sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
        listing = learner.rest("GET", "contents/my-notebooks").json()["content"]
        assert sorted(item["name"] for item in listing if item["name"].endswith(".ipynb")) == names
        text = json.dumps(learner.notebook("my-notebooks/02_logistic_regression.ipynb"))
        assert "BEGIN SOLUTION" not in text and "raise NotImplementedError()" in text
    # one learner's work stays theirs: a file ada saves is not in grace's folder...
    ada, grace = learners["ada"], learners["grace"]
    assert ada.rest("PUT", "contents/my-notebooks/notes.txt",
                    json={"type": "file", "format": "text", "content": "ada's notes"}).ok
    assert (hub.homes / "ada" / "my-notebooks" / "notes.txt").read_text() == "ada's notes"
    assert not (hub.homes / "grace" / "my-notebooks" / "notes.txt").exists()
    # ...and grace's token does not open ada's server
    assert ada.rest("GET", "contents/my-notebooks", token=grace.token).status_code == 403


def test_a_second_login_keeps_the_learners_work(hub):
    """grace edits a notebook and loses another (as if it were new in the course); her
    server is stopped and started again: the first-login step runs again, restores the
    missing notebook and leaves her work alone."""
    hub, learners, _ = hub
    workspace = hub.homes / "grace" / "my-notebooks"
    mine = workspace / "03_shallow_network.ipynb"
    mine.write_text(mine.read_text().replace("raise NotImplementedError()", "return 42", 1))
    (workspace / "04_deep_network.ipynb").unlink()
    hub.api("DELETE", "/users/grace/server")
    deadline = time.monotonic() + 60
    while hub.api("GET", "/users/grace")["servers"] and time.monotonic() < deadline:
        time.sleep(0.5)
    hub.api("POST", "/users/grace/server")
    hub.wait_for_server("grace")
    assert "return 42" in mine.read_text()
    assert "raise NotImplementedError()" in (workspace / "04_deep_network.ipynb").read_text()


def test_a_notebook_runs_in_each_learners_server(hub):
    """01 (no functions to write: it runs to the end, its questions unanswered) in both
    learners' servers at once; a last cell
    reports the kernel's folder and its peak memory."""
    hub, learners, _ = hub
    path = f"my-notebooks/{NOTEBOOK}"
    probe = ("import os, resource\nprint('cwd', os.getcwd())\n"
             "print('peak MB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)")

    async def both():
        return await asyncio.gather(*(learner.run(path, learner.code_cells(path) + [probe])
                                      for learner in learners.values()))

    started = time.perf_counter()
    results = asyncio.run(both())
    print(f"\n{NOTEBOOK} run in {len(learners)} learners' servers at once: "
          f"{time.perf_counter() - started:.1f} s")
    for (name, learner), (errors, stdout) in zip(learners.items(), results):
        print(f"  {name}: slowest cell {learner.slowest[0]:.1f} s ({learner.slowest[1]}); "
              f"kernel {stdout.split('peak MB')[-1].strip()} MB at its peak")
        # only the unanswered concept questions' checks fail (01 has no functions to write)
        assert len(errors) == len(BY_NOTEBOOK["01"]) and all(
            kind == "CheckFailed" and text.startswith("answer_") and ": not done yet" in text
            for _, kind, text in errors), f"{name}: {errors}"
        assert "Environment check passed" in stdout, stdout[:1000]
        assert f"cwd {hub.homes / name / 'my-notebooks'}\n" in stdout  # its own folder


def test_only_the_learners_named_log_in_and_no_one_is_an_admin(hub):
    hub, learners, _ = hub
    for stranger in ("eve", "admin", LEARNERS[0].upper() + "x"):
        session, r = hub.try_log_in(stranger)
        assert r.status_code == 403 or "/hub/login" in r.url, (stranger, r.status_code, r.url)
        assert session.get(f"{hub.url}/hub/api/user", timeout=30).status_code in (401, 403)
    users = hub.api("GET", "/users")
    assert sorted(u["name"] for u in users) == sorted(LEARNERS)
    assert not any(u["admin"] for u in users)
