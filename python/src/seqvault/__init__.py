"""SeqVault's Python client: the workspace files API, as its seed page writes it.

>>> from seqvault import Client
>>> client = Client()                       # SEQVAULT_URL / SEQVAULT_TOKEN, or `seqvault login`
>>> for f in client.files.list(workspace_id="ws_…"):
...     print(f["key"], f["size"])
"""

from . import errors as _errors
from .client import Client
from .errors import (BadRequestError, ConflictError, ForbiddenError, InsufficientStorageError, IntegrityError,
                     NotFoundError, PayloadTooLargeError, QuotaExceededError, RangeNotSatisfiableError,
                     RateLimitedError, SeqVaultError, ServerError, TransportError, UnauthorizedError,
                     UnavailableError, UnsupportedMediaTypeError)

__version__ = "0.1.0"

# The client and every error class: errors.__all__ is the one list of the latter.
__all__ = ["Client", *_errors.__all__]
