"""Every method of ``client.files`` and ``client.workspaces`` against the real server."""

import hashlib
import os
from pathlib import Path

import pytest

import seqvault.files
from seqvault import Client, ConflictError, IntegrityError, NotFoundError

from conftest import FORM_LIMIT


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


class RequestLog:
    """Records the method and path of every request a client's session sends."""

    def __init__(self, client: Client) -> None:
        self.sent = []
        client._http.session.hooks["response"].append(self._record)

    def _record(self, answer, *args, **kwargs):
        self.sent.append((answer.request.method, answer.request.path_url.split("?", 1)[0]))

    def paths(self):
        return [path for _, path in self.sent]


def test_list_pages_lazily_and_limit_caps_the_total(client, workspace_id, tmp_path, monkeypatch):
    for i in range(5):
        client.files.upload(write(tmp_path / f"s{i}.vcf", b"x" * i), workspace_id=workspace_id, path="raw/")
    client.files.upload(write(tmp_path / "other.txt", b"o"), workspace_id=workspace_id)
    monkeypatch.setattr(seqvault.files, "MAX_PAGE", 2)
    log = RequestLog(client)

    listing = client.files.list(workspace_id=workspace_id, prefix="raw/")
    assert log.sent == []  # nothing is fetched before the iteration asks
    first = next(iter(listing))
    assert first["key"] == "raw/s0.vcf" and len(log.sent) == 1
    assert [f["key"] for f in listing] == [f"raw/s{i}.vcf" for i in range(5)]  # again from the start: 3 pages
    assert len(log.sent) == 1 + 3
    assert [f["size"] for f in client.files.list(workspace_id=workspace_id, prefix="raw/", limit=3)] == [0, 1, 2]
    assert len(list(client.files.list(workspace_id=workspace_id))) == 6
    assert list(client.files.list(workspace_id=workspace_id, limit=0)) == []


def test_upload_returns_the_file_and_refuses_an_existing_key_unless_overwrite(client, workspace_id, tmp_path):
    local = write(tmp_path / "sample.vcf", b"##fileformat=VCFv4.2\n")
    result = client.files.upload(local, workspace_id=workspace_id, path="raw/", description="trio sample")
    assert result["key"] == "raw/sample.vcf"
    assert result["name"] == "sample.vcf"
    assert result["size"] == 21
    assert result["description"] == "trio sample"
    assert result["sha256"] == hashlib.sha256(local.read_bytes()).hexdigest()

    with pytest.raises(ConflictError) as refused:
        client.files.upload(local, workspace_id=workspace_id, path="raw/")
    assert refused.value.status == 409 and refused.value.code == "conflict"
    assert refused.value.request_id.startswith("req_")

    write(local, b"##fileformat=VCFv4.3\n#CHROM\n")
    replaced = client.files.upload(local, workspace_id=workspace_id, path="raw/", overwrite=True)
    assert replaced["size"] == 28 and replaced["file_id"] != result["file_id"]


def test_upload_above_the_servers_form_limit_takes_the_presigned_flow(client, workspace_id, tmp_path):
    data = os.urandom(FORM_LIMIT + 2 * 1024 * 1024)  # the server refuses it as a form (413)
    log = RequestLog(client)
    result = client.files.upload(write(tmp_path / "big.bam", data), workspace_id=workspace_id, path="bam/")
    assert result["key"] == "bam/big.bam"
    assert result["sha256"] == hashlib.sha256(data).hexdigest()
    assert log.paths()[0] == "/v1/files/upload"
    assert log.paths()[1:3] == ["/v1/files/upload-url", log.paths()[2]]
    assert log.paths()[2].startswith("/_blob/up/")
    assert log.paths()[3:] == ["/v1/files/upload-confirm"]


def test_upload_above_the_clients_form_limit_goes_presigned_at_once(server, user, workspace_id, tmp_path):
    data = os.urandom(300_000)
    with Client(url=server.url, token=user["token"], form_upload_limit=100_000) as small:
        log = RequestLog(small)
        result = small.files.upload(write(tmp_path / "reads.fastq", data), workspace_id=workspace_id)
        assert result["sha256"] == hashlib.sha256(data).hexdigest()
        assert log.paths()[0] == "/v1/files/upload-url"
        with pytest.raises(ValueError, match="cannot store a description"):
            small.files.upload(tmp_path / "reads.fastq", workspace_id=workspace_id, description="x")


def test_download_streams_to_dest_and_returns_the_path(client, workspace_id, tmp_path):
    data = os.urandom(3 * 1024 * 1024 + 5)
    result = client.files.upload(write(tmp_path / "in.cram", data), workspace_id=workspace_id, path="a/b/")
    saved = client.files.download(result["key"], workspace_id=workspace_id, dest=tmp_path / "out" / "deeper")
    assert saved == str(tmp_path / "out" / "deeper" / "in.cram")
    assert Path(saved).read_bytes() == data
    assert sorted(os.listdir(tmp_path / "out" / "deeper")) == ["in.cram"]  # no partial left behind


def test_download_resumes_after_the_connection_is_cut_mid_body(server, client, workspace_id, tmp_path):
    data = os.urandom(5 * 1024 * 1024)
    result = client.files.upload(write(tmp_path / "cut.bam", data), workspace_id=workspace_id)
    log = RequestLog(client)
    server.cut_next_download_after(1024 * 1024)  # headers plus about 1 MiB of the body, then a reset
    saved = client.files.download(result["key"], workspace_id=workspace_id, dest=tmp_path / "out")
    assert Path(saved).read_bytes() == data
    blob_gets = [p for m, p in log.sent if p.startswith("/_blob/dl/")]
    assert len(blob_gets) == 2, log.sent  # the cut one, then the rest from where it stopped
    assert not server.cut_file.exists()


def test_download_continues_a_partial_file_left_by_an_earlier_call(client, workspace_id, tmp_path):
    data = os.urandom(2 * 1024 * 1024)
    result = client.files.upload(write(tmp_path / "half.vcf", data), workspace_id=workspace_id)
    out = tmp_path / "out"
    out.mkdir()
    partial = out / f".half.vcf.{result['sha256'][:16]}.seqvault-partial"
    partial.write_bytes(data[:700_000])
    log = RequestLog(client)
    saved = client.files.download(result["key"], workspace_id=workspace_id, dest=out)
    assert Path(saved).read_bytes() == data
    assert not partial.exists()
    range_answers = [a for a in log.sent if a[1].startswith("/_blob/dl/")]
    assert len(range_answers) == 1


def test_download_refuses_bytes_that_do_not_match_the_checksum(client, workspace_id, tmp_path):
    data = os.urandom(100_000)
    result = client.files.upload(write(tmp_path / "bad.vcf", data), workspace_id=workspace_id)
    out = tmp_path / "out"
    out.mkdir()
    partial = out / f".bad.vcf.{result['sha256'][:16]}.seqvault-partial"
    partial.write_bytes(b"not the file's first bytes")
    with pytest.raises(IntegrityError) as refused:
        client.files.download(result["key"], workspace_id=workspace_id, dest=out)
    assert refused.value.code == "checksum_mismatch" and refused.value.status is None
    assert not partial.exists() and not (out / "bad.vcf").exists()
    assert Path(client.files.download(result["key"], workspace_id=workspace_id, dest=out)).read_bytes() == data


def test_delete_removes_the_file(client, workspace_id, tmp_path):
    result = client.files.upload(write(tmp_path / "gone.txt", b"bye"), workspace_id=workspace_id)
    assert client.files.delete(result["key"], workspace_id=workspace_id) is None
    assert list(client.files.list(workspace_id=workspace_id)) == []
    with pytest.raises(NotFoundError) as missing:
        client.files.download(result["key"], workspace_id=workspace_id, dest=tmp_path)
    assert missing.value.status == 404 and missing.value.code == "not_found"
    with pytest.raises(NotFoundError):
        client.files.delete(result["key"], workspace_id=workspace_id)


def test_upload_large_and_confirm_publish_a_file_and_check_its_size(client, workspace_id, tmp_path):
    import requests

    data = os.urandom(200_000)
    info = client.files.upload_large(filename="big.bam", workspace_id=workspace_id,
                                     content_type="application/octet-stream", size=len(data), path="bam/")
    assert info["fileKey"].endswith("/bam/big.bam") and info["uploadUrl"].startswith("http")
    assert requests.put(info["uploadUrl"], data=data, headers=info["headers"], timeout=30).status_code == 200
    with pytest.raises(IntegrityError) as wrong:
        client.files.upload_confirm(file_key=info["fileKey"], workspace_id=workspace_id, filename="big.bam",
                                    size=len(data) + 1)
    assert wrong.value.status == 422 and wrong.value.code == "size_mismatch"
    result = client.files.upload_confirm(file_key=info["fileKey"], workspace_id=workspace_id, filename="big.bam",
                                         size=len(data), sha256=hashlib.sha256(data).hexdigest())
    assert result["key"] == "bam/big.bam" and result["size"] == len(data)
    again = client.files.upload_confirm(file_key=info["fileKey"], workspace_id=workspace_id, filename="big.bam",
                                        size=len(data))
    assert again["file_id"] == result["file_id"]  # confirming twice is safe, hence retried


def test_workspaces_list_and_create(client):
    created = [client.workspaces.create(f"ws {i}", description="d" if i == 0 else None) for i in range(3)]
    assert created[0]["description"] == "d" and created[0]["workspace_id"].startswith("ws_")
    listed = [w["workspace_id"] for w in client.workspaces.list()]
    assert sorted(listed) == sorted(w["workspace_id"] for w in created)
    assert len(list(client.workspaces.list(limit=2))) == 2


PART_LIMIT = 1024 * 1024


@pytest.fixture(scope="module")
def parted_server(tmp_path_factory):
    """A server that hands out presigned uploads above 1 MiB in parts."""
    from conftest import Server, running_server

    work = tmp_path_factory.mktemp("parted")
    with running_server(work, "--single-put-limit", str(PART_LIMIT)) as url:
        yield Server(url, work / "no-cut")


def test_upload_sends_the_parts_the_server_asks_for_and_checks_each_etag(parted_server, tmp_path):
    user = parted_server.new_user()
    data = os.urandom(2 * PART_LIMIT + 12345)
    with Client(url=parted_server.url, token=user["token"], form_upload_limit=0) as c:
        ws = c.workspaces.create("parts")["workspace_id"]
        info = c.files.upload_large(filename="probe.bin", workspace_id=ws, size=len(data))
        if not info.get("parts"):
            pytest.skip("this server hands out one uploadUrl for any size on local disk: no parts to send")
        log = RequestLog(c)
        result = c.files.upload(write(tmp_path / "parted.bam", data), workspace_id=ws, path="bam/")
    assert result["key"] == "bam/parted.bam"
    assert result["sha256"] == hashlib.sha256(data).hexdigest()
    part_puts = [p for m, p in log.sent if m == "PUT" and p.startswith("/_blob/up/")]
    assert len(info["parts"]) > 1 and len(part_puts) == len(info["parts"])
