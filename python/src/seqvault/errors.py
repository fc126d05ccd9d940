"""Exceptions raised by the client.

Every refusal of the server becomes a :class:`SeqVaultError` carrying the v1 error body's
``code``, ``message`` and ``request_id`` and the HTTP ``status``; a subclass per kind lets callers
catch what they can handle (``except NotFoundError``) and let the rest through.
"""

from __future__ import annotations

from typing import Dict, Optional, Type

__all__ = [
    "SeqVaultError",
    "BadRequestError",
    "UnauthorizedError",
    "ForbiddenError",
    "QuotaExceededError",
    "NotFoundError",
    "ConflictError",
    "PayloadTooLargeError",
    "UnsupportedMediaTypeError",
    "RangeNotSatisfiableError",
    "IntegrityError",
    "RateLimitedError",
    "ServerError",
    "UnavailableError",
    "InsufficientStorageError",
    "TransportError",
]


class SeqVaultError(Exception):
    """A call the server refused (or that could not reach it, see :class:`TransportError`).

    Attributes:
        status: the HTTP status, or ``None`` when no answer came.
        code: the error code of the v1 body, e.g. ``"not_found"``.
        message: the server's explanation, meant for people.
        request_id: the server's ``req_…`` id of the request (also in its log), or ``None``.
    """

    def __init__(self, status: Optional[int], code: str, message: str, request_id: Optional[str] = None) -> None:
        super().__init__(f"{status or 'no answer'} {code}: {message}"
                         + (f" (request {request_id})" if request_id else ""))
        self.status = status
        self.code = code
        self.message = message
        self.request_id = request_id


class BadRequestError(SeqVaultError):
    """400 ``invalid_request``: a missing or malformed parameter, key or body."""


class UnauthorizedError(SeqVaultError):
    """401: no token, or an unknown, expired or revoked one."""


class ForbiddenError(SeqVaultError):
    """403: the token lacks the scope, the member the permission, or a presigned URL is invalid."""


class QuotaExceededError(ForbiddenError):
    """403 ``quota_exceeded``: the project's quota has no room; the message gives the numbers."""


class NotFoundError(SeqVaultError):
    """404: no such file, upload or workspace (or one the caller may not see)."""


class ConflictError(SeqVaultError):
    """409: the key exists (pass ``overwrite=True``), or the upload is no longer open."""


class PayloadTooLargeError(SeqVaultError):
    """413: a form upload over the server's limit, or a part longer than planned."""


class UnsupportedMediaTypeError(SeqVaultError):
    """415: a body of the wrong content type."""


class RangeNotSatisfiableError(SeqVaultError):
    """416: a download range that starts past the end of the file."""


class IntegrityError(SeqVaultError):
    """422 ``checksum_mismatch`` / ``size_mismatch``: bytes that are not what was declared.

    Also raised by the client itself (``status`` ``None``) when downloaded bytes do not have the
    SHA-256 the server announced.
    """


class RateLimitedError(SeqVaultError):
    """429: too many requests; ``retry_after`` says how many seconds to wait (or ``None``)."""

    def __init__(self, status: Optional[int], code: str, message: str, request_id: Optional[str] = None,
                 retry_after: Optional[float] = None) -> None:
        super().__init__(status, code, message, request_id)
        self.retry_after = retry_after


class ServerError(SeqVaultError):
    """5xx: the server failed; the request id names it in the server's log."""


class UnavailableError(ServerError):
    """503: the server is overloaded or starting; retry later."""


class InsufficientStorageError(ServerError):
    """507: the server's disk is full."""


class TransportError(SeqVaultError):
    """No answer: the connection failed or timed out (after the retries an idempotent call gets)."""

    def __init__(self, message: str) -> None:
        super().__init__(None, "transport", message, None)


_BY_STATUS: Dict[int, Type[SeqVaultError]] = {
    400: BadRequestError,
    401: UnauthorizedError,
    403: ForbiddenError,
    404: NotFoundError,
    409: ConflictError,
    413: PayloadTooLargeError,
    415: UnsupportedMediaTypeError,
    416: RangeNotSatisfiableError,
    422: IntegrityError,
    429: RateLimitedError,
    503: UnavailableError,
    507: InsufficientStorageError,
}


def error_for(status: int, code: str, message: str, request_id: Optional[str],
              retry_after: Optional[float] = None) -> SeqVaultError:
    """The exception for an error answer: by its code where that is more precise, else by status."""
    if code == "quota_exceeded":
        return QuotaExceededError(status, code, message, request_id)
    if status == 429:
        return RateLimitedError(status, code, message, request_id, retry_after)
    cls = _BY_STATUS.get(status)
    if cls is None:
        cls = ServerError if status >= 500 else SeqVaultError
    return cls(status, code, message, request_id)
