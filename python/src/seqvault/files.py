"""``client.files``: the workspace files API (``/v1/files``), with the seed page's calls and names."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Union

import requests

from ._bodies import FileSlice, MultipartForm
from ._http import Transport
from .errors import ForbiddenError, IntegrityError, PayloadTooLargeError, TransportError

FileObject = Dict[str, Any]
PathLike = Union[str, "os.PathLike[str]"]

#: The largest page the server hands out.
MAX_PAGE = 1000
#: Bytes read from the socket or the disk at a time.
CHUNK_BYTES = 1 << 20


class Listing:
    """The items of a paged listing, fetched page by page as the iteration reaches them.

    Iterating again starts again from the first page.
    """

    def __init__(self, fetch_page: Callable[[Optional[str], int], Dict[str, Any]], items_key: str,
                 limit: Optional[int]) -> None:
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be 0 or more, not {limit}")
        self._fetch_page = fetch_page
        self._items_key = items_key
        self._limit = limit

    def __iter__(self) -> Iterator[Dict[str, Any]]:
        left = self._limit
        cursor: Optional[str] = None
        while left is None or left > 0:
            page = self._fetch_page(cursor, MAX_PAGE if left is None else min(left, MAX_PAGE))
            items = page.get(self._items_key) or []
            for item in items[:left]:
                yield item
            if left is not None:
                left -= len(items)
            cursor = page.get("next_cursor")
            if not cursor or not items:
                return


class Files:
    """Files of a workspace by key (``raw/sample.vcf``), as the seed page calls them."""

    def __init__(self, transport: Transport, form_upload_limit: int) -> None:
        self._http = transport
        self._form_upload_limit = form_upload_limit

    def list(self, workspace_id: str, prefix: Optional[str] = None, limit: Optional[int] = None) -> Listing:
        """The files of a workspace in key order, fetched lazily page by page.

        Args:
            workspace_id: the workspace to list.
            prefix: only keys that start with it, e.g. ``"results/"``.
            limit: at most this many files in all; ``None`` for every file.

        Returns:
            An iterable of file dicts (``key``, ``name``, ``path``, ``size``, ``sha256``, …).
        """

        def page(cursor: Optional[str], size: int) -> Dict[str, Any]:
            params = {"workspace_id": workspace_id, "prefix": prefix, "limit": size, "cursor": cursor}
            return self._http.call("GET", "/v1/files", params=_present(params)).json()

        return Listing(page, "files", limit)

    def upload(self, file: PathLike, workspace_id: str, path: Optional[str] = None,
               description: Optional[str] = None, overwrite: bool = False,
               content_type: Optional[str] = None) -> FileObject:
        """Uploads a local file into a workspace folder, streaming it from disk.

        Files up to the form limit go as one multipart form; larger ones (or any the server
        refuses as too large for a form) through the presigned flow, part by part when the server
        asks for parts, checked against their checksums.

        Args:
            file: the local file.
            workspace_id: the destination workspace.
            path: the remote folder, e.g. ``"raw/"``; the workspace's root when omitted.
            description: stored with the file.
            overwrite: replace a file with the same key instead of failing with ConflictError.
            content_type: the file's type; guessed by the server from the extension when omitted.

        Returns:
            The new file's dict; its ``key`` names it in the other calls.
        """
        local = Path(file)
        size = local.stat().st_size
        if size > self._form_upload_limit:
            return self._upload_presigned(local, size, workspace_id, path, description, overwrite, content_type)
        try:
            return self._upload_form(local, workspace_id, path, description, overwrite, content_type)
        except PayloadTooLargeError:
            if description is not None:
                raise
            # The server's form limit is lower than ours: the presigned flow has none.
            return self._upload_presigned(local, size, workspace_id, path, description, overwrite, content_type)

    def download(self, key: str, workspace_id: str, dest: PathLike = ".") -> str:
        """Downloads a file into the folder ``dest`` (created if missing) and returns its local path.

        The bytes stream to disk and are checked against the server's SHA-256. A download cut off
        (here or in an earlier call) goes on from where it stopped: the bytes so far wait in a
        hidden file beside the destination until they are complete and checked.
        """
        info = self._download_info(key, workspace_id)
        folder = Path(dest)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / key.rsplit("/", 1)[-1]
        # The checksum in the name: bytes of an earlier version of the file are never continued.
        partial = folder / f".{target.name}.{str(info['sha256'])[:16]}.seqvault-partial"
        _Download(self._http, info, partial, lambda: self._download_info(key, workspace_id)).run()
        os.replace(partial, target)
        return str(target)

    def delete(self, key: str, workspace_id: str) -> None:
        """Deletes a file (it goes to its project's trash)."""
        self._http.call("DELETE", "/v1/files", params={"workspace_id": workspace_id, "key": key})

    def upload_large(self, filename: str, workspace_id: str, size: int, content_type: Optional[str] = None,
                     path: Optional[str] = None, overwrite: bool = False) -> Dict[str, Any]:
        """Starts a presigned upload (step 1 of the seed's large-file flow).

        Returns:
            The server's answer: ``uploadUrl`` (PUT the bytes there, no token), ``fileKey`` (for
            :meth:`upload_confirm`), ``headers`` to send with the PUT, and for files above the
            server's single-PUT limit ``partSize`` and ``parts`` (each with its own ``uploadUrl``).
        """
        body = _present({"filename": filename, "workspace_id": workspace_id, "size": size,
                         "content_type": content_type, "path": path, "overwrite": overwrite or None})
        return self._http.call("POST", "/v1/files/upload-url", json=body).json()

    def upload_confirm(self, file_key: str, workspace_id: str, filename: str, size: int,
                       parts: Optional[List[Dict[str, Any]]] = None, md5: Optional[str] = None,
                       sha256: Optional[str] = None) -> FileObject:
        """Publishes a presigned upload once its bytes are PUT (step 3); returns the file's dict.

        ``parts`` (``[{"partNumber": 1, "etag": "…"}, …]``) is needed only for a parted upload;
        ``md5``/``sha256``, when given, are checked against the bytes (IntegrityError if they
        differ). Confirming again returns the same file, so this call is retried like a GET.
        """
        body = _present({"file_key": file_key, "workspace_id": workspace_id, "filename": filename, "size": size,
                         "parts": parts, "md5": md5, "sha256": sha256})
        return self._http.call("POST", "/v1/files/upload-confirm", json=body, idempotent=True).json()

    def _upload_form(self, local: Path, workspace_id: str, path: Optional[str], description: Optional[str],
                     overwrite: bool, content_type: Optional[str]) -> FileObject:
        fields = [("workspace_id", workspace_id)]
        fields += [(name, value) for name, value in (("path", path), ("description", description),
                                                     ("overwrite", "true" if overwrite else None))
                   if value is not None]
        form = MultipartForm(fields, local, local.name, content_type)
        return self._http.call("POST", "/v1/files/upload", body=form,
                               headers={"Content-Type": form.content_type}).json()

    def _upload_presigned(self, local: Path, size: int, workspace_id: str, path: Optional[str],
                          description: Optional[str], overwrite: bool, content_type: Optional[str]) -> FileObject:
        if description is not None:
            raise ValueError(f"{local.name} is larger than a form upload takes ({self._form_upload_limit} bytes); "
                             "the presigned flow it needs cannot store a description")
        info = self.upload_large(filename=local.name, workspace_id=workspace_id, size=size,
                                 content_type=content_type, path=path, overwrite=overwrite)
        headers = dict(info.get("headers") or {})
        if info.get("parts"):
            part_size = int(info["partSize"])
            parts = []
            for part in info["parts"]:
                offset = (int(part["partNumber"]) - 1) * part_size
                etag = self._put_part(part["uploadUrl"], local, offset, min(part_size, size - offset), headers)
                parts.append({"partNumber": part["partNumber"], "etag": etag})
            return self.upload_confirm(file_key=info["fileKey"], workspace_id=workspace_id, filename=local.name,
                                       size=size, parts=parts)
        sha256 = self._put_whole(info["uploadUrl"], local, size, headers)
        return self.upload_confirm(file_key=info["fileKey"], workspace_id=workspace_id, filename=local.name,
                                   size=size, sha256=sha256)

    def _put_whole(self, url: str, local: Path, size: int, headers: Dict[str, str]) -> str:
        """PUTs the whole file; returns its SHA-256, which the confirmation has the server check."""
        sent: List[_HashingSlice] = []

        def body() -> _HashingSlice:
            sent.append(_HashingSlice(local, 0, size, hashlib.sha256()))
            return sent[-1]

        self._http.call("PUT", url, body=body, headers=headers).close()
        return sent[-1].digest.hexdigest()

    def _put_part(self, url: str, local: Path, offset: int, length: int, headers: Dict[str, str]) -> str:
        """PUTs one part; returns the stored part's ETag, checked against the MD5 of what was sent
        (a parted confirmation takes no checksum of the whole, so this is the end-to-end check)."""
        sent: List[_HashingSlice] = []

        def body() -> _HashingSlice:
            sent.append(_HashingSlice(local, offset, length, hashlib.md5()))
            return sent[-1]

        answer = self._http.call("PUT", url, body=body, headers=headers)
        answer.close()
        etag = answer.headers.get("ETag", "")
        if etag.strip('"') != sent[-1].digest.hexdigest():
            raise IntegrityError(None, "checksum_mismatch",
                                 f"the server stored {local.name} bytes {offset}..{offset + length} with ETag {etag}, "
                                 f"not the MD5 of what was sent ({sent[-1].digest.hexdigest()})")
        return etag

    def _download_info(self, key: str, workspace_id: str) -> Dict[str, Any]:
        return self._http.call("GET", "/v1/files/download", params={"workspace_id": workspace_id, "key": key}).json()


class _HashingSlice(FileSlice):
    """A file slice that hashes what it hands out, with the one digest its upload is checked by."""

    def __init__(self, path: PathLike, offset: int, length: int, digest: Any) -> None:
        super().__init__(path, offset, length)
        self.digest = digest

    def read(self, size: Optional[int] = -1) -> bytes:
        chunk = super().read(size)
        self.digest.update(chunk)
        return chunk


class _Download:
    """Fills ``partial`` with a file's bytes from its presigned URL, continuing after cuts."""

    def __init__(self, transport: Transport, info: Dict[str, Any], partial: Path,
                 fresh_info: Callable[[], Dict[str, Any]]) -> None:
        self._http = transport
        self._info = info
        self._partial = partial
        self._fresh_info = fresh_info
        self._size = int(info["size"])

    def run(self) -> None:
        digest, have = self._resume_point()
        failures = 0
        while True:
            with open(self._partial, "ab") as out:
                try:
                    have = self._fetch_from(have, out, digest)
                except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError,
                        TransportError) as cut:
                    have = out.tell()
                    failures += 1
                    if failures >= self._http.max_attempts:
                        raise TransportError(f"download of {self._partial.name} cut {failures} times; "
                                             f"{have} of {self._size} bytes kept for the next try: {cut}") from cut
                    self._http.sleep(self._http.backoff * failures)
                    continue
                except ForbiddenError:
                    if failures >= self._http.max_attempts:
                        raise
                    failures += 1
                    self._info = self._fresh_info()  # the link expired during a long download
                    continue
            if have >= self._size:
                break
        actual = digest.hexdigest()
        if actual != self._info["sha256"]:
            self._partial.unlink()
            raise IntegrityError(None, "checksum_mismatch",
                                 f"downloaded bytes have SHA-256 {actual}, the server announced "
                                 f"{self._info['sha256']}; the partial download was removed, try again")

    def _resume_point(self) -> "tuple[Any, int]":
        """The SHA-256 of the bytes already there and their count (a partial longer than the file starts over)."""
        digest = hashlib.sha256()
        if self._partial.exists() and self._partial.stat().st_size > self._size:
            self._partial.unlink()
        if not self._partial.exists():
            self._partial.touch()
            return digest, 0
        with open(self._partial, "rb") as existing:
            for chunk in iter(lambda: existing.read(CHUNK_BYTES), b""):
                digest.update(chunk)
        return digest, self._partial.stat().st_size

    def _fetch_from(self, have: int, out: Any, digest: Any) -> int:
        if have >= self._size:
            return have
        answer = self._http.call("GET", self._info["url"], headers={"Range": f"bytes={have}-"}, stream=True)
        with answer:
            start = _range_start(answer)
            if start != have:
                raise TransportError(f"asked for bytes from {have}, the server sent from {start}")
            for chunk in answer.iter_content(CHUNK_BYTES):
                out.write(chunk)
                digest.update(chunk)
                have += len(chunk)
        return have


def _range_start(answer: requests.Response) -> int:
    """Where the answer's bytes start: 0 for a whole file, else the first byte of its Content-Range."""
    if answer.status_code != 206:
        return 0
    value = answer.headers.get("Content-Range", "")  # bytes 100-199/200
    try:
        return int(value.split(" ", 1)[1].split("-", 1)[0])
    except (IndexError, ValueError):
        raise TransportError(f"a partial answer without a readable Content-Range: {value!r}") from None


def _present(values: Dict[str, Any]) -> Dict[str, Any]:
    """The entries that have a value (the server reads a missing key as 'not given')."""
    return {k: v for k, v in values.items() if v is not None}
