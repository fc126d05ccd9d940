"""The README's "Python in five lines" runs as written against the real server."""

import os
import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent.parent / "README.md"


def readme_example() -> str:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Python in five lines"):]
    section = section[:section.index("\n## ", 1)]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_readmes_python_example_runs_as_written(server, user, tmp_path):
    example = readme_example()
    assert len(example.strip().splitlines()) == 5
    (tmp_path / "example.py").write_text(example, encoding="utf-8")
    vcf = b"##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\n"
    (tmp_path / "sample.vcf").write_bytes(vcf)
    env = dict(os.environ, SEQVAULT_URL=server.url, SEQVAULT_TOKEN=user["token"],
               SEQVAULT_CONFIG_FILE=str(tmp_path / "no-login.json"))
    run = subprocess.run([sys.executable, "example.py"], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout == "output/sample.vcf\n"  # what the README says it prints
    assert (tmp_path / "output" / "sample.vcf").read_bytes() == vcf
