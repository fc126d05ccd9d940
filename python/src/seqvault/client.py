"""The entry point: ``Client``."""

from __future__ import annotations

from typing import Any, Mapping, Optional

import requests

from . import _config
from ._http import Timeout, Transport
from .files import Files
from .workspaces import Workspaces

#: The server's default form upload limit (``max_form_upload``).
DEFAULT_FORM_UPLOAD_LIMIT = 500 * 1024 * 1024


class Client:
    """A connection to one SeqVault server as one token.

    ``url`` and ``token`` default to ``SEQVAULT_URL`` / ``SEQVAULT_TOKEN``, then to the login
    ``seqvault login`` saved (``~/.config/seqvault/config.json``). Nothing is sent until a call is
    made. Use it as a context manager, or call :meth:`close`, to release its connections.

    Args:
        url: the server, e.g. ``"http://127.0.0.1:8080"``.
        token: an API token (``svt_…``).
        timeout: seconds to connect and to wait for each read, or one number for both.
        max_attempts: tries of an idempotent call (GET, PUT, DELETE, upload confirmation) after
            connection errors, timeouts, 5xx and 429; other calls are sent once.
        backoff: seconds before the second try; doubled for each one after (with jitter).
        form_upload_limit: the largest file ``files.upload`` sends as a form (the server's
            ``max_form_upload``); larger files, or any the server refuses as too large for a form,
            take the presigned flow.
        session: a ``requests.Session`` to send through (proxies, certificates); one is made otherwise.
    """

    def __init__(self, url: Optional[str] = None, token: Optional[str] = None, *,
                 timeout: Timeout = (10.0, 300.0), max_attempts: int = 6, backoff: float = 0.5,
                 form_upload_limit: int = DEFAULT_FORM_UPLOAD_LIMIT,
                 session: Optional[requests.Session] = None) -> None:
        url, token = _config.resolve(url, token)
        self.url = url
        self._http = Transport(url, token, timeout, max_attempts, backoff, session)
        #: The workspace files API: list, upload, download, delete, upload_large, upload_confirm.
        self.files = Files(self._http, form_upload_limit)
        #: The caller's workspaces: list, create.
        self.workspaces = Workspaces(self._http)

    def request(self, method: str, path: str, *, params: Optional[Mapping[str, Any]] = None,
                json: Any = None, data: Optional[bytes] = None,
                headers: Optional[Mapping[str, str]] = None) -> Any:
        """Any other call of the API (``/v1``, ``/v2``, ``/admin/v1``), with the token, timeouts,
        retries (for GET, PUT, DELETE) and errors of the others; returns the decoded JSON answer,
        or None for an empty one."""
        answer = self._http.call(method.upper(), path, params=params, json=json, body=data, headers=headers)
        return answer.json() if answer.content else None

    def close(self) -> None:
        """Releases the client's connections."""
        self._http.close()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Client(url={self.url!r})"
