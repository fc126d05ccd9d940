"""``client.workspaces``: the caller's workspaces (``/v1/workspaces``)."""

from __future__ import annotations

from typing import Any, Dict, Optional

from ._http import Transport
from .files import Listing


class Workspaces:
    """Workspaces the caller can see, and new ones."""

    def __init__(self, transport: Transport) -> None:
        self._http = transport

    def list(self, limit: Optional[int] = None) -> Listing:
        """Every workspace the caller can read (``workspace_id``, ``name``, ``project``, ``usage``, …),
        fetched lazily page by page; ``limit`` caps how many come back in all."""

        def page(cursor: Optional[str], size: int) -> Dict[str, Any]:
            params: Dict[str, Any] = {"limit": size}
            if cursor:
                params["cursor"] = cursor
            return self._http.call("GET", "/v1/workspaces", params=params).json()

        return Listing(page, "workspaces", limit)

    def create(self, name: str, description: Optional[str] = None) -> Dict[str, Any]:
        """Creates a workspace (a project owned by the caller; needs the ``projects`` scope)."""
        body: Dict[str, Any] = {"name": name}
        if description is not None:
            body["description"] = description
        return self._http.call("POST", "/v1/workspaces", json=body).json()
