"""`course.py lab` finds the server it starts (or one already running on the workspace) from
the server's own record, jpserver-<pid>.json: its real port and token, checked by asking the
server. A record whose server is gone is ignored."""

import http.server
import json
import socket
import threading

import pytest

import course
import learner.lab


class _Status(http.server.BaseHTTPRequestHandler):
    token = "good"

    def do_GET(self):
        ok = self.path == "/api/status" and self.headers.get("Authorization") == f"token {self.token}"
        self.send_response(200 if ok else 403)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    """A stand-in Jupyter server on 127.0.0.1 that answers /api/status to its token only."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Status)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def _closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # free once closed: nothing answers there


def _write(runtime, pid, url, token, root):
    runtime.mkdir(exist_ok=True)
    info = {"url": url, "token": token, "root_dir": str(root), "pid": pid, "port": int(url.rsplit(":", 1)[1][:-1])}
    (runtime / f"jpserver-{pid}.json").write_text(json.dumps(info))
    return info


def test_a_running_lab_on_the_workspace_is_found_and_stale_records_are_ignored(tmp_path, server):
    workspace, other = tmp_path / "my-notebooks", tmp_path / "elsewhere"
    workspace.mkdir()
    other.mkdir()
    runtime = tmp_path / "runtime"
    assert learner.lab.running_lab(runtime, workspace) is None  # no folder yet
    _write(runtime, 11, f"http://127.0.0.1:{_closed_port()}/", "good", workspace)  # its server died
    _write(runtime, 12, server, "wrong", workspace)       # another server now has that port
    _write(runtime, 13, server, "good", other)           # a lab on another folder
    (runtime / "jpserver-14.json").write_text("{ half")  # unreadable
    assert learner.lab.running_lab(runtime, workspace) is None
    live = _write(runtime, 15, server, "good", workspace)
    assert learner.lab.running_lab(runtime, workspace) == live


def test_the_started_server_is_read_from_its_own_record(tmp_path, server):
    class Running:
        def poll(self):
            return None

    record = tmp_path / "jpserver-7.json"
    _write(tmp_path, 7, f"http://127.0.0.1:{_closed_port()}/", "good", tmp_path)  # an old pid's leftover
    assert learner.lab.wait_for_lab(Running(), record, timeout=1) is None
    info = _write(tmp_path, 7, server, "good", tmp_path)
    assert learner.lab.wait_for_lab(Running(), record, timeout=5) == info

    class Ended:
        def poll(self):
            return 1

    assert learner.lab.wait_for_lab(Ended(), tmp_path / "jpserver-8.json", timeout=5) is None


def test_a_second_lab_prints_the_running_ones_link_and_starts_nothing(tmp_path, monkeypatch, capsys, server):
    workspace = tmp_path / "my-notebooks"
    workspace.mkdir()
    monkeypatch.setattr(course, "WORKSPACE", workspace)
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    _write(tmp_path / "runtime", 21, server, "good", workspace)

    def must_not_run(*args, **kwargs):
        raise AssertionError("a second lab was set up")

    monkeypatch.setattr(course, "ensure_venv", must_not_run)
    monkeypatch.setattr(course, "start_lab", must_not_run)
    assert course.main(["lab"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["JupyterLab is already running on my-notebooks/ (process 21), so no second one "
                   "starts. Open it:", f"{server}lab?token=good"]
