"""The seed page's code blocks, run verbatim as a user's script against the real server.

Only ``client = Client()`` is put before them (the URL and token come from SEQVAULT_URL and
SEQVAULT_TOKEN) and the page's placeholder workspace id is replaced by a real one.
"""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from seqvault import Client

HERE = Path(__file__).resolve().parent
BLOCKS = HERE / "seed-blocks.txt"
SEED_PAGE = HERE.parent.parent.parent / "shared" / "seeds" / "workspace-files-api.txt"
PLACEHOLDER = "ws_abc123"


def seed_blocks():
    text = BLOCKS.read_text(encoding="utf-8")
    return [b.split("\n", 1)[1].rstrip("\n") for b in text.split("#### seed block ")[1:]]


@pytest.mark.skipif(not SEED_PAGE.exists(), reason="the seed page (../shared/seeds) is not beside this checkout")
def test_the_blocks_are_the_seed_pages_own():
    page = SEED_PAGE.read_text(encoding="utf-8")
    blocks = seed_blocks()
    assert len(blocks) == 5
    for block in blocks:
        assert block in page


def test_the_seed_pages_examples_run_unchanged(server, user, tmp_path):
    with Client(url=server.url, token=user["token"]) as client:
        ws = client.workspaces.create("Seed page")["workspace_id"]
        (tmp_path / "summary.txt").write_text("42 variants\n")
        client.files.upload(tmp_path / "summary.txt", workspace_id=ws, path="results/")
    vcf = b"##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\n"
    bam = os.urandom(6 * 1024 * 1024 + 17)  # above the test server's form limit
    (tmp_path / "sample.vcf").write_bytes(vcf)
    (tmp_path / "large_genome.bam").write_bytes(bam)
    script = "from seqvault import Client\nclient = Client()\n\n" + "\n\n".join(seed_blocks()).replace(PLACEHOLDER, ws)
    (tmp_path / "seed.py").write_text(script, encoding="utf-8")
    env = dict(os.environ, SEQVAULT_URL=server.url, SEQVAULT_TOKEN=user["token"],
               SEQVAULT_CONFIG_FILE=str(tmp_path / "no-login.json"))
    run = subprocess.run([sys.executable, "seed.py"], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "summary.txt — 0.0 KB  key=results/summary.txt",
        "Saved to output/sample.vcf",
        "bam/large_genome.bam",
    ]
    assert (tmp_path / "output" / "sample.vcf").read_bytes() == vcf
    with Client(url=server.url, token=user["token"]) as client:
        files = {f["key"]: f for f in client.files.list(workspace_id=ws)}
    assert sorted(files) == ["bam/large_genome.bam", "results/summary.txt"]  # raw/sample.vcf was deleted
    assert files["bam/large_genome.bam"]["size"] == len(bam)
    assert files["bam/large_genome.bam"]["sha256"] == hashlib.sha256(bam).hexdigest()
