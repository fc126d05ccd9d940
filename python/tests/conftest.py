"""The real server for the tests: ``bin/seqvault serve`` on SQLite + local files in a temporary folder.

Presigned URLs point at a cutting proxy in front of it (``--public-url``), so a test can drop a
download's connection in the middle of its body; API calls go to the server directly. The form
limit is lowered to 4 MiB so the switch to the presigned flow costs little to test.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Dict, Iterator

import pytest
import requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FORM_LIMIT = 4 * 1024 * 1024
ADMIN_TOKEN = "svt_python-tests-admin-" + secrets.token_hex(16)


class Server:
    def __init__(self, url: str, cut_file: Path) -> None:
        self.url = url
        self.cut_file = cut_file

    def admin(self, method: str, path: str, **kwargs) -> requests.Response:
        answer = requests.request(method, self.url + path, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
                                  timeout=30, **kwargs)
        answer.raise_for_status()
        return answer

    def new_user(self, scopes=("files", "projects")) -> Dict[str, str]:
        """A fresh user and a token of theirs."""
        name = "py" + uuid.uuid4().hex[:10]
        self.admin("POST", "/admin/v1/users", json={"username": name})
        token = self.admin("POST", "/admin/v1/tokens", json={"username": name, "scopes": list(scopes)}).json()
        return {"username": name, "token": token["token"], "token_id": token["id"]}

    def cut_next_download_after(self, count: int) -> None:
        """The next presigned download's connection is reset after ``count`` bytes of its answer."""
        self.cut_file.write_text(str(count))


def _read_listening_url(process: subprocess.Popen, log: Path) -> str:
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("SeqVault listening on "):
            return line.split()[3]
    raise RuntimeError(f"the server ended before listening; its log: {log}\n{log.read_text()[-3000:]}")


@contextlib.contextmanager
def running_server(work: Path, *options: str) -> Iterator[str]:
    """``bin/seqvault serve`` on a fresh data folder in ``work``; yields the URL it listens on."""
    log = work / "server.log"
    env = dict(os.environ, SEQVAULT_BOOTSTRAP_TOKEN=ADMIN_TOKEN)
    with open(log, "w") as log_out:
        process = subprocess.Popen(
            [str(ROOT / "bin" / "seqvault"), "serve", "--port", "0", "--data-dir", str(work / "data"),
             "--trash-retention", "0", "--rate-limit", "0", *options],
            stdout=subprocess.PIPE, stderr=log_out, text=True, env=env)
    try:
        yield _read_listening_url(process, log)
    finally:
        process.terminate()
        process.wait(timeout=60)


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    work = Path(tempfile.mkdtemp(prefix="seqvault-python-tests-"))
    cut_file = work / "cut"
    proxy = subprocess.Popen([sys.executable, str(HERE / "cutting_proxy.py"), "--cut-file", str(cut_file)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proxy.stdout is not None and proxy.stdin is not None
    proxy_port = int(proxy.stdout.readline())
    try:
        with running_server(work, "--public-url", f"http://127.0.0.1:{proxy_port}",
                            "--max-form-upload", str(FORM_LIMIT)) as url:
            proxy.stdin.write(url.split("//", 1)[1] + "\n")
            proxy.stdin.flush()
            yield Server(url, cut_file)
    finally:
        proxy.terminate()
        proxy.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture
def user(server: Server) -> Dict[str, str]:
    return server.new_user()


@pytest.fixture
def client(server: Server, user: Dict[str, str]):
    from seqvault import Client

    with Client(url=server.url, token=user["token"]) as c:
        yield c


@pytest.fixture
def workspace_id(client) -> str:
    return client.workspaces.create("py " + uuid.uuid4().hex[:8])["workspace_id"]
