"""The access token, wrapped so it cannot leak through ``repr``, ``str`` or a log line."""

from __future__ import annotations

import ipaddress
import os
import re
from urllib.parse import urlsplit

from pos_app.errors import UserFacingError
from pos_app.i18n import QT_TRANSLATE_NOOP, message
from pos_app.system.logs import redact, remember_secret

_PUBLIC_KEY_RE = re.compile(
    r"^(APP_USR|TEST)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I
)
DEFAULT_BASE_URL = "https://api.mercadopago.com"
CTX = "Credentials"


class AccessToken:
    """Holds the secret; only :meth:`reveal` gives it, and only the HTTP layer calls it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value.strip()
        remember_secret(self._value)  # the log filter redacts it wherever it would appear

    def reveal(self) -> str:
        return self._value

    @property
    def hint(self) -> str:
        """What a person may see: the last four characters."""
        return f"…{self._value[-4:]}" if len(self._value) >= 8 else "…"

    @property
    def looks_like_public_key(self) -> bool:
        # Public keys are APP_USR-<uuid>; access tokens are much longer and not UUID-shaped.
        return bool(_PUBLIC_KEY_RE.match(self._value))

    def __repr__(self) -> str:
        return f"AccessToken({self.hint})"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AccessToken) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __bool__(self) -> bool:
        return bool(self._value)


class BaseUrlError(UserFacingError):
    pass


def is_loopback_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_base_url(url: str) -> str:
    """Accept https anywhere, plain http only on loopback (the sandbox); never a user name or
    password in the address: httpx would send them as Basic authorization in place of the
    access token (``http://pos:TOKEN@host`` — the token then travels as a password)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - reading it is what checks it ("host:99999", "host:x")
    except ValueError:  # "http://[::1", "https://host:99999"
        parts = urlsplit("")
    if "@" in parts.netloc:
        raise BaseUrlError(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Credentials",
                    # No "password:" before a word: the log filter would take it for one.
                    "The API address {url} has a user name or password in it. Remove them: "
                    "the access token is sent on its own, never in the address.",
                ),
                url=redact(url),
            )
        )
    if parts.scheme == "https" and parts.hostname:
        return url.rstrip("/")
    if parts.scheme == "http" and parts.hostname and is_loopback_host(parts.hostname):
        return url.rstrip("/")
    raise BaseUrlError(
        message(
            CTX,
            QT_TRANSLATE_NOOP(
                "Credentials",
                "The API address {url} is not allowed: use https, or plain http only on this "
                "computer (127.0.0.1) for the sandbox.",
            ),
            url=redact(url),  # shown and printed: never a token someone wrote into it
        )
    )


def base_url_from_env(default: str = DEFAULT_BASE_URL) -> str:
    return check_base_url(os.environ.get("MP_API_BASE_URL") or default)
