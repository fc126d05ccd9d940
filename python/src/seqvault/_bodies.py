"""Request bodies that stream from a local file: never the whole file in memory."""

from __future__ import annotations

import io
import os
import uuid
from typing import BinaryIO, List, Optional, Sequence, Tuple


class FileSlice:
    """``length`` bytes of a file from ``offset``, readable once; ``len()`` is its Content-Length.

    Not an ``io`` stream on purpose: requests would ask it ``tell()`` and, finding no position,
    send it chunked instead of with its length.
    """

    def __init__(self, path: "os.PathLike[str] | str", offset: int, length: int) -> None:
        self._file: BinaryIO = open(path, "rb")
        self._file.seek(offset)
        self._left = length
        self._length = length

    def __len__(self) -> int:
        return self._length

    def read(self, size: Optional[int] = -1) -> bytes:
        if self._left <= 0:
            return b""
        wanted = self._left if size is None or size < 0 else min(size, self._left)
        chunk = self._file.read(wanted)
        if not chunk:
            raise IOError(f"{self._file.name} ended {self._left} bytes early: did it change while being sent?")
        self._left -= len(chunk)
        return chunk

    def close(self) -> None:
        self._file.close()


class MultipartForm:
    """A ``multipart/form-data`` body: the text fields in the order given, then the file.

    The fields come first because the server stores the file only once it knows the workspace
    the caller may write to.
    """

    def __init__(self, fields: Sequence[Tuple[str, str]], file_path: "os.PathLike[str] | str", file_name: str,
                 content_type: Optional[str] = None) -> None:
        self.boundary = "seqvault-" + uuid.uuid4().hex
        head = "".join(f"--{self.boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                       for name, value in fields)
        head += (f"--{self.boundary}\r\nContent-Disposition: form-data; name=\"file\"; {file_name_parameters(file_name)}"
                 f"\r\nContent-Type: {content_type or 'application/octet-stream'}\r\n\r\n")
        size = os.path.getsize(file_path)
        self._pieces: List["FileSlice | _Bytes"] = [
            _Bytes(head.encode("utf-8")),
            FileSlice(file_path, 0, size),
            _Bytes(f"\r\n--{self.boundary}--\r\n".encode("ascii")),
        ]
        self._length = sum(len(p) for p in self._pieces)  

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    def __len__(self) -> int:
        return self._length

    def read(self, size: Optional[int] = -1) -> bytes:
        while self._pieces:
            chunk = self._pieces[0].read(size)
            if chunk:
                return chunk
            self._pieces.pop(0).close()
        return b""

    def close(self) -> None:
        for piece in self._pieces:
            piece.close()
        self._pieces = []


class _Bytes:
    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)
        self._length = len(data)

    def __len__(self) -> int:
        return self._length

    def read(self, size: Optional[int] = -1) -> bytes:
        return self._data.read(size)

    def close(self) -> None:
        self._data.close()


def file_name_parameters(name: str) -> str:
    """The part header's file name, as browsers write it (``"``, CR, LF escaped), plus RFC 5987's
    ``filename*`` when the plain form had to change it, which the server then prefers."""
    escaped = name.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")
    plain = f'filename="{escaped}"'
    if escaped == name:
        return plain
    safe = set(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&+-.^_`|~")
    ext = "".join(chr(b) if b in safe else f"%{b:02X}" for b in name.encode("utf-8"))
    return f"{plain}; filename*=UTF-8''{ext}"
