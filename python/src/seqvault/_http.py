"""One HTTP call with the token, a timeout, the error mapping and retries for idempotent calls."""

from __future__ import annotations

import random
import time
from typing import Any, Callable, Dict, Mapping, Optional, Tuple, Union

import requests
import urllib3
from requests.adapters import HTTPAdapter

from .errors import SeqVaultError, TransportError, error_for

#: Socket writes of this size: http.client's default, 16 KiB, costs a system call per 16 KiB sent.
SEND_BLOCK_BYTES = 1 << 20

Timeout = Union[float, Tuple[float, float]]
Body = Union[None, bytes, Callable[[], Any]]

#: The longest wait between tries, whatever Retry-After says.
_MAX_WAIT_SECONDS = 60.0
#: Statuses worth another try: the server refused for now, not for good.
_RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})


class _Adapter(HTTPAdapter):
    """Connections that write request bodies in 1 MiB blocks (urllib3 2 has the setting; 1.x keeps its default)."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        if int(urllib3.__version__.split(".")[0]) >= 2:
            kwargs.setdefault("blocksize", SEND_BLOCK_BYTES)
        super().init_poolmanager(*args, **kwargs)


class Transport:
    """Sends calls to one server.

    Paths (``/v1/files``) go to the server with the token; absolute URLs (presigned ones) go out
    without it, since the URL is the credential. Idempotent calls are tried again, with
    exponential backoff and jitter, after a connection error, a timeout, a 5xx or a 429 (waiting
    what ``Retry-After`` asks); other calls are sent once, since a lost answer may hide a change.
    """

    def __init__(self, url: str, token: str, timeout: Timeout, max_attempts: int, backoff: float,
                 session: Optional[requests.Session] = None) -> None:
        if max_attempts < 1:
            raise ValueError(f"max_attempts must be at least 1, not {max_attempts}")
        self.url = url
        self._token = token
        self.timeout = timeout
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.session = session or requests.Session()
        #: How the transport waits between tries (tests record the waits instead).
        self.sleep: Callable[[float], None] = time.sleep
        adapter = _Adapter()
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def close(self) -> None:
        self.session.close()

    def call(self, method: str, path: str, *, params: Optional[Mapping[str, Any]] = None,
             json: Any = None, body: Body = None, headers: Optional[Mapping[str, str]] = None,
             idempotent: Optional[bool] = None, stream: bool = False) -> requests.Response:
        """Sends the call and returns its answer if it is a success; raises a SeqVaultError otherwise.

        ``body`` is bytes, or a function that returns a fresh body (a file-like object) for each
        try, so a retried upload sends its bytes again from the start. ``idempotent`` defaults to
        the method's (GET, HEAD, PUT, DELETE).
        """
        if idempotent is None:
            idempotent = method in ("GET", "HEAD", "PUT", "DELETE")
        attempts = self.max_attempts if idempotent else 1
        absolute = path.startswith(("http://", "https://"))
        url = path if absolute else self.url + path
        all_headers: Dict[str, str] = dict(headers or {})
        if not absolute:
            all_headers["Authorization"] = f"Bearer {self._token}"
        for attempt in range(1, attempts + 1):
            data = body() if callable(body) else body
            try:
                answer = self.session.request(method, url, params=params, json=json, data=data,
                                              headers=all_headers, timeout=self.timeout, stream=stream)
            except (requests.ConnectionError, requests.Timeout) as e:
                if attempt == attempts:
                    raise TransportError(f"{method} {_shown(url)}: {e}") from e
                self.sleep(self._wait(attempt, None))
                continue
            finally:
                if hasattr(data, "close"):
                    data.close()
            if answer.status_code < 400:
                return answer
            if attempt < attempts and answer.status_code in _RETRIED_STATUSES:
                retry_after = _retry_after(answer)
                answer.close()
                self.sleep(self._wait(attempt, retry_after))
                continue
            raise error_of(answer)
        raise AssertionError("unreachable: the last try returns or raises")

    def _wait(self, attempt: int, retry_after: Optional[float]) -> float:
        if retry_after is not None:
            return min(retry_after, _MAX_WAIT_SECONDS)
        ceiling = min(self.backoff * (2 ** (attempt - 1)), _MAX_WAIT_SECONDS)
        return random.uniform(ceiling / 2, ceiling)


def error_of(answer: requests.Response) -> SeqVaultError:
    """The exception for an error answer: the v1 body's fields, or what the status says when there is none."""
    code, message = f"http_{answer.status_code}", (answer.reason or "error")
    request_id = answer.headers.get("X-Request-Id")
    try:
        payload = answer.json()
        error = payload.get("error") if isinstance(payload, dict) else None
        if isinstance(error, dict):
            code = str(error.get("code") or code)
            message = str(error.get("message") or message)
            request_id = error.get("request_id") or request_id
    except ValueError:
        # Not our JSON (an object store's XML, a proxy's page): keep its start as the message.
        text = answer.text.strip()
        if text:
            message = text[:300]
    finally:
        answer.close()
    return error_for(answer.status_code, code, message, request_id, _retry_after(answer))


def _retry_after(answer: requests.Response) -> Optional[float]:
    value = answer.headers.get("Retry-After")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


def _shown(url: str) -> str:
    """The URL without its query, which for a presigned URL is the signature."""
    return url.split("?", 1)[0]
