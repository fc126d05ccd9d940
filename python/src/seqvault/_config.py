"""Where the client finds its server and token when the caller names none.

Each of URL and token is taken from the first of: the argument, ``SEQVAULT_URL`` /
``SEQVAULT_TOKEN``, the login ``seqvault login`` (the CLI) saved. The saved login is the file
``$SEQVAULT_CONFIG_FILE``, else ``$XDG_CONFIG_HOME/seqvault/config.json``, else
``~/.config/seqvault/config.json``: JSON with the keys ``url`` and ``token``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Mapping, Optional, Tuple


def login_file(env: Mapping[str, str]) -> Path:
    """The CLI's login file for this environment (it may not exist)."""
    explicit = env.get("SEQVAULT_CONFIG_FILE", "").strip()
    if explicit:
        return Path(explicit)
    xdg = env.get("XDG_CONFIG_HOME", "").strip()
    base = Path(xdg) if xdg else Path(env.get("HOME") or str(Path.home())) / ".config"
    return base / "seqvault" / "config.json"


def _saved_login(env: Mapping[str, str]) -> Tuple[Optional[str], Optional[str]]:
    path = login_file(env)
    if not path.is_file():
        return None, None
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ValueError(f"cannot read the saved login {path}: {e} (run seqvault login again)") from e
    if not isinstance(saved, dict):
        raise ValueError(f"cannot read the saved login {path}: not a JSON object (run seqvault login again)")
    return saved.get("url"), saved.get("token")


def resolve(url: Optional[str], token: Optional[str],
            env: Optional[Mapping[str, str]] = None) -> Tuple[str, str]:
    """The URL and token to use; raises ValueError naming what is missing and where it was looked for."""
    env = os.environ if env is None else env
    url = url or env.get("SEQVAULT_URL") or None
    token = token or env.get("SEQVAULT_TOKEN") or None
    if url is None or token is None:
        saved_url, saved_token = _saved_login(env)
        url = url or saved_url
        token = token or saved_token
    if not url or not token:
        missing = " and ".join(n for n, v in (("url", url), ("token", token)) if not v)
        raise ValueError(f"no server {missing}: pass Client(url=..., token=...), set SEQVAULT_URL and "
                         f"SEQVAULT_TOKEN, or run `seqvault login` (looked in {login_file(env)})")
    return url.rstrip("/"), token
