"""A 1 GiB upload and download with constant memory: the peak RSS of the process stays flat.

The transfer runs in a fresh Python process (``large_transfer.py``), which first moves a small
file both ways so every code path is loaded, notes its peak RSS, then uploads and downloads 1 GiB
and notes the peak again. Holding the file (or any large part of it) in memory would raise the
second by hundreds of MiB.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
#: What the peak may grow by during the 1 GiB transfer: buffers and allocator noise, far below the file.
ALLOWED_GROWTH_BYTES = 48 * 1024 * 1024


@pytest.mark.large
def test_one_gib_up_and_down_in_constant_memory(server, client, user, workspace_id, tmp_path):
    env = dict(os.environ, SEQVAULT_URL=server.url, SEQVAULT_TOKEN=user["token"])
    run = subprocess.run([sys.executable, str(HERE / "large_transfer.py"), workspace_id, str(tmp_path), str(1 << 30)],
                         env=env, capture_output=True, text=True, timeout=1200)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout.strip().splitlines()[-1])
    assert report["size"] == 1 << 30
    assert report["downloaded_sha256"] == report["server_sha256"] == report["uploaded_sha256"]
    print(report)  # with -s: the seconds each way, for a rough throughput
    growth = report["peak_rss_after"] - report["peak_rss_before"]
    assert growth < ALLOWED_GROWTH_BYTES, report
    assert os.listdir(tmp_path) == []  # neither 1 GiB file is kept
