"""Access tokens, one per school (``thidua serve token add TRUONG``).

A token is 32 random bytes (URL-safe text) shown once to the ward's IT; the server keeps only its SHA-256
(a random token of that length needs no slow password hash) in a JSON file in the user's config folder:
``%APPDATA%\\thidua\\server_tokens.json`` on Windows, ``$XDG_CONFIG_HOME/thidua/server_tokens.json`` (default
``~/.config``) elsewhere, or the file named by ``THIDUA_SERVER_TOKENS``. The file is read on every request,
so ``token add``/``remove`` take effect without a restart.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import sys
from pathlib import Path

from thidua_xl.errors import InputError
from thidua_xl.fileio import write_atomic
from thidua_xl.messages import t
from thidua_xl.text import clean

ENV = "THIDUA_SERVER_TOKENS"
PREFIX = "Bearer "


def store_path() -> Path:
    """Where the hashed tokens live (see the module's text)."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    if sys.platform.startswith("win") and os.environ.get("APPDATA"):
        base = Path(os.environ["APPDATA"])
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "thidua" / "server_tokens.json"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class TokenStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or store_path()

    def load(self) -> dict[str, dict[str, str]]:
        """{school: {"sha256": ..., "created": ...}}; empty when no token was issued yet."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise InputError(t("server.token_store_bad", path=self.path, error=type(exc).__name__)) from None
        if not isinstance(data, dict):
            raise InputError(t("server.token_store_bad", path=self.path, error="JSON"))
        return data

    def _save(self, data: dict[str, dict[str, str]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))
        try:
            os.chmod(self.path, 0o600)  # the hashes are not secrets, but nobody else needs to read them
        except OSError:
            pass

    def add(self, school: str) -> str:
        """Issue a new token for ``school`` (replacing its old one) and return it; only its hash is kept."""
        name = clean(school)
        if not name:
            raise InputError(t("server.token_bad_school"))
        token = secrets.token_urlsafe(32)
        data = self.load()
        created = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        data[name] = {"sha256": _digest(token), "created": created}
        self._save(data)
        return token

    def remove(self, school: str) -> bool:
        data = self.load()
        name = clean(school)
        if name not in data:
            return False
        del data[name]
        self._save(data)
        return True

    def verify(self, header: str | None) -> str | None:
        """The school whose token is in this ``Authorization`` header value (``Bearer TOKEN`` or ``TOKEN``),
        or None. Every stored hash is compared in constant time."""
        token = (header or "").strip()
        if token.startswith(PREFIX):
            token = token[len(PREFIX):].strip()
        if not token:
            return None
        digest = _digest(token)
        found = None
        for school, entry in self.load().items():
            if hmac.compare_digest(str(entry.get("sha256", "")), digest):
                found = school
        return found
