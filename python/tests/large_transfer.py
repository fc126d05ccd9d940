"""Uploads and downloads a generated file of the given size; prints peak RSS before and after as JSON.

Usage: large_transfer.py WORKSPACE_ID WORK_DIR SIZE   (SEQVAULT_URL and SEQVAULT_TOKEN name the server)
Also used to measure throughput (it prints the seconds each direction took).
"""

import hashlib
import json
import os
import resource
import sys
import time
from pathlib import Path

from seqvault import Client

CHUNK = 1 << 20


def peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB


def generate(path: Path, size: int) -> str:
    """Writes ``size`` bytes that differ from MiB to MiB; returns their SHA-256."""
    digest = hashlib.sha256()
    block = bytearray(os.urandom(CHUNK))
    with open(path, "wb") as out:
        written = 0
        while written < size:
            block[:8] = written.to_bytes(8, "big")
            piece = bytes(block[: min(CHUNK, size - written)])
            out.write(piece)
            digest.update(piece)
            written += len(piece)
    return digest.hexdigest()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def main() -> None:
    workspace_id, work, size = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    with Client() as client:
        warm = work / "warm-up.bin"
        generate(warm, 8 * CHUNK)
        client.files.upload(warm, workspace_id=workspace_id, path="warm/")
        client.files.download("warm/warm-up.bin", workspace_id=workspace_id, dest=work / "warm-out")
        warm.unlink()
        (work / "warm-out" / "warm-up.bin").unlink()
        (work / "warm-out").rmdir()
        before = peak_rss_bytes()

        big = work / "big.bin"
        uploaded_sha256 = generate(big, size)
        started = time.monotonic()
        result = client.files.upload(big, workspace_id=workspace_id, path="large/")
        upload_seconds = time.monotonic() - started
        big.unlink()
        started = time.monotonic()
        saved = Path(client.files.download(result["key"], workspace_id=workspace_id, dest=work))
        download_seconds = time.monotonic() - started
        downloaded_sha256 = sha256_of(saved)
        saved.unlink()
        client.files.delete(result["key"], workspace_id=workspace_id)
    print(json.dumps({"size": result["size"], "uploaded_sha256": uploaded_sha256,
                      "server_sha256": result["sha256"],
                      "downloaded_sha256": downloaded_sha256, "peak_rss_before": before,
                      "peak_rss_after": peak_rss_bytes(), "upload_seconds": round(upload_seconds, 2),
                      "download_seconds": round(download_seconds, 2)}))


if __name__ == "__main__":
    main()
