"""Errors as exceptions, retries of idempotent calls only, timeouts, and where URL and token come from."""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from seqvault import (Client, ForbiddenError, NotFoundError, PayloadTooLargeError, SeqVaultError, TransportError,
                      UnauthorizedError, UnavailableError)
from seqvault._config import resolve

from conftest import FORM_LIMIT


def test_a_bad_token_is_unauthorized_with_the_v1_errors_fields(server):
    with Client(url=server.url, token="svt_" + "x" * 43) as bad:
        with pytest.raises(UnauthorizedError) as refused:
            list(bad.workspaces.list())
    e = refused.value
    assert isinstance(e, SeqVaultError)
    assert (e.status, e.code) == (401, "unauthorized")
    assert e.message and e.request_id.startswith("req_")
    assert e.request_id in str(e)


def test_an_unknown_key_and_a_foreign_workspace_are_not_found(server, client, workspace_id, tmp_path):
    with pytest.raises(NotFoundError) as missing:
        client.files.download("raw/nothing.vcf", workspace_id=workspace_id, dest=tmp_path)
    assert missing.value.code == "not_found"
    stranger = server.new_user()
    with Client(url=server.url, token=stranger["token"]) as other:
        with pytest.raises(NotFoundError):  # never 'forbidden': that would tell the workspace exists
            list(other.files.list(workspace_id=workspace_id))


def test_a_token_without_the_scope_is_forbidden(server):
    files_only = server.new_user(scopes=("files",))
    with Client(url=server.url, token=files_only["token"]) as c:
        with pytest.raises(ForbiddenError) as refused:
            c.workspaces.create("needs the projects scope")
    assert (refused.value.status, refused.value.code) == (403, "missing_scope")


def test_a_form_over_the_servers_limit_is_payload_too_large(client, workspace_id):
    boundary = "b0undary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"workspace_id\"\r\n\r\n{workspace_id}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.bin\"\r\n\r\n").encode()
    body += b"\0" * (FORM_LIMIT + 2 * 1024 * 1024) + f"\r\n--{boundary}--\r\n".encode()
    with pytest.raises(PayloadTooLargeError) as refused:
        client.request("POST", "/v1/files/upload", data=body,
                       headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert (refused.value.status, refused.value.code) == (413, "payload_too_large")


class Scripted(BaseHTTPRequestHandler):
    """Answers each request with the next of ``answers`` (status, headers, body, delay in seconds)."""

    answers = []
    seen = []

    def _answer(self):
        type(self).seen.append((self.command, self.path))
        status, headers, body, delay = type(self).answers.pop(0)
        time.sleep(delay)
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        data = json.dumps(body).encode()
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_DELETE = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def scripted():
    Scripted.answers, Scripted.seen = [], []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Scripted)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


BUSY = {"error": {"code": "unavailable", "message": "busy", "request_id": "req_1"}}
EMPTY_PAGE = {"files": [], "next_cursor": None}


def test_idempotent_calls_are_retried_after_5xx_and_429_waiting_retry_after(scripted):
    _, url = scripted
    Scripted.answers = [(503, {"Retry-After": "0"}, BUSY, 0),
                        (429, {"Retry-After": "1"}, {"error": {"code": "rate_limited", "message": "slow down"}}, 0),
                        (200, {}, EMPTY_PAGE, 0)]
    waits = []
    with Client(url=url, token="t", backoff=0.01) as c:
        c._http.sleep = waits.append  # record the waits instead of sleeping
        assert list(c.files.list(workspace_id="ws_x")) == []
    assert len(Scripted.seen) == 3
    assert waits == [0.0, 1.0]


def test_calls_that_are_not_idempotent_are_sent_once(scripted):
    _, url = scripted
    Scripted.answers = [(503, {"Retry-After": "0"}, BUSY, 0)]
    with Client(url=url, token="t", backoff=0.01) as c:
        with pytest.raises(UnavailableError) as refused:
            c.workspaces.create("once")
    assert refused.value.request_id == "req_1"
    assert Scripted.seen == [("POST", "/v1/workspaces")]


def test_retries_end_with_the_last_error(scripted):
    _, url = scripted
    Scripted.answers = [(503, {"Retry-After": "0"}, BUSY, 0)] * 3
    with Client(url=url, token="t", max_attempts=3, backoff=0.01) as c:
        with pytest.raises(UnavailableError):
            c.files.delete("k", workspace_id="ws_x")
    assert len(Scripted.seen) == 3


def test_every_call_has_a_timeout(scripted):
    _, url = scripted
    Scripted.answers = [(200, {}, EMPTY_PAGE, 2.0)]
    with Client(url=url, token="t", timeout=(5, 0.3), max_attempts=1) as c:
        with pytest.raises(TransportError) as cut:
            list(c.files.list(workspace_id="ws_x"))
    assert cut.value.status is None and "timed out" in str(cut.value).lower()


def test_connection_errors_are_retried_then_reported(monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    with Client(url=f"http://127.0.0.1:{port}", token="t", max_attempts=3, backoff=0.001) as c:
        with pytest.raises(TransportError) as refused:
            list(c.workspaces.list())
    assert "/v1/workspaces" in str(refused.value)


def test_url_and_token_come_from_arguments_then_environment_then_the_saved_login(tmp_path):
    login = tmp_path / "config.json"
    login.write_text(json.dumps({"url": "http://saved:1/", "token": "svt_saved"}))
    env = {"SEQVAULT_CONFIG_FILE": str(login)}
    assert resolve(None, None, env) == ("http://saved:1", "svt_saved")
    assert resolve(None, None, dict(env, SEQVAULT_URL="http://env:2", SEQVAULT_TOKEN="svt_env")) == \
        ("http://env:2", "svt_env")
    assert resolve("http://arg:3", None, dict(env, SEQVAULT_TOKEN="svt_env")) == ("http://arg:3", "svt_env")
    xdg = tmp_path / "xdg"
    (xdg / "seqvault").mkdir(parents=True)
    (xdg / "seqvault" / "config.json").write_text(json.dumps({"url": "http://xdg:4", "token": "svt_xdg"}))
    assert resolve(None, None, {"XDG_CONFIG_HOME": str(xdg)}) == ("http://xdg:4", "svt_xdg")
    (tmp_path / "home" / ".config" / "seqvault").mkdir(parents=True)
    (tmp_path / "home" / ".config" / "seqvault" / "config.json").write_text(
        json.dumps({"url": "http://home:5", "token": "svt_home"}))
    assert resolve(None, None, {"HOME": str(tmp_path / "home")}) == ("http://home:5", "svt_home")
    with pytest.raises(ValueError, match="seqvault login"):
        resolve(None, None, {"HOME": str(tmp_path / "nobody")})
