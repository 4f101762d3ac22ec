"""The access token (and webhook secret) in the operating system's keyring.

Never in a file: when no keyring works (a Linux counter PC without a secret service) we say so
and explain the options instead of falling back to plaintext. ``MP_ACCESS_TOKEN`` overrides the
keyring for kiosks and scripted use; ``MP_WEBHOOK_SECRET`` likewise for the webhook secret.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

import keyring
import keyring.errors

from pos_app.errors import UserFacingError
from pos_app.i18n import QT_TRANSLATE_NOOP, message
from pos_app.mercadopago.credentials import AccessToken
from pos_app.system.logs import remember_secret

log = logging.getLogger(__name__)

SERVICE = "pos-app"
TOKEN_KEY = "mercadopago-access-token"
WEBHOOK_KEY = "mercadopago-webhook-secret"
STORE_DB_KEY = "store-database-password"
CTX = "Secrets"


class KeyringUnavailableError(UserFacingError):
    """No usable keyring on this computer."""


def _unavailable(detail: str) -> KeyringUnavailableError:
    # The backend's own name ("fail Keyring", "KeyringLocked") means nothing to a shopkeeper:
    # it goes to the log, the message says what to do.
    log.warning("no usable keyring: %s", detail)
    return KeyringUnavailableError(
        message(
            CTX,
            QT_TRANSLATE_NOOP(
                "Secrets",
                "The access token cannot be saved: this computer has no password keyring the "
                "app can use, or it is locked. Install or unlock one (for example GNOME Keyring "
                "or KWallet), or, for a kiosk, set the MP_ACCESS_TOKEN environment variable. "
                "The token is never written to a file.",
            ),
        )
    )


def backend_name() -> str:
    """A human name for where the secret lives (shown in Settings)."""
    backend = keyring.get_keyring()
    return getattr(backend, "name", type(backend).__name__)


# The answer for the backend in use: its ``priority`` is no constant (the secret service's asks
# D-Bus each time it is looked at), and the window must not wait on D-Bus. The start-up reads
# the token on a worker thread, which asks once; the window's Settings then reuse the answer.
_usable: tuple[object, bool] | None = None


def backend_is_usable() -> bool:
    global _usable
    backend = keyring.get_keyring()
    known = _usable
    if known is not None and known[0] is backend:
        return known[1]
    priority = getattr(type(backend), "priority", 1)
    try:
        usable = float(priority) > 0
    except (TypeError, ValueError):
        usable = True
    _usable = (backend, usable)
    return usable


@dataclass(frozen=True)
class TokenSource:
    token: AccessToken | None
    origin: str  # "environment", "keyring", or "" when there is none
    # Why the keyring could not be read ("KeyringLocked"...; "" when it answered): a token may
    # well be in it, out of this session's reach (locked, or over SSH without the desktop's).
    unreadable: str = ""


def load_token() -> TokenSource:
    env = os.environ.get("MP_ACCESS_TOKEN", "").strip()
    if env:
        return TokenSource(AccessToken(env), "environment")
    value, problem = _read(TOKEN_KEY)
    if value:
        return TokenSource(AccessToken(value), "keyring")
    return TokenSource(None, "", unreadable=problem)


def save_token(token: AccessToken) -> None:
    _set(TOKEN_KEY, token.reveal())
    log.info("access token saved in the keyring (%s)", token.hint)


def load_webhook_secret() -> str:
    env = os.environ.get("MP_WEBHOOK_SECRET", "").strip()
    secret = env or (_get(WEBHOOK_KEY) or "")
    remember_secret(secret)  # never in a log line
    return secret


def save_webhook_secret(secret: str) -> None:
    remember_secret(secret)
    if secret:
        _set(WEBHOOK_KEY, secret)
    else:
        _delete(WEBHOOK_KEY)


def load_store_password() -> str | None:
    """The store database's password: POS_STORE_DATABASE_PASSWORD, else the keyring (None:
    libpq's own ways still apply, PGPASSWORD or ~/.pgpass)."""
    env = os.environ.get("POS_STORE_DATABASE_PASSWORD", "")
    return env or _get(STORE_DB_KEY)


def save_store_password(password: str | None) -> None:
    if password:
        _set(STORE_DB_KEY, password)
    else:
        _delete(STORE_DB_KEY)


@dataclass
class Written:
    """The keyring entries written inside :func:`undoable`, with what each held before."""

    before: dict[str, str | None] = field(default_factory=dict)

    def undo(self) -> None:
        """Put every entry back as it was (a later step failed: nothing was saved)."""
        for key, value in self.before.items():
            try:
                if value is None:
                    _delete(key)
                else:
                    _set(key, value)
            except KeyringUnavailableError:
                log.error("the keyring entry %s could not be put back", key)
        self.before.clear()


_written: ContextVar[Written | None] = ContextVar("secrets_written", default=None)


@contextmanager
def undoable() -> Iterator[Written]:
    """Remember what each keyring write in the block replaces, for :meth:`Written.undo`."""
    written = Written()
    reset = _written.set(written)
    try:
        yield written
    finally:
        _written.reset(reset)


def _remember(key: str) -> None:
    written = _written.get()
    if written is not None and key not in written.before:
        written.before[key] = _get(key)


def _get(key: str) -> str | None:
    return _read(key)[0]


def _read(key: str) -> tuple[str | None, str]:
    """The entry, and why the keyring could not be read ("" when it answered)."""
    if not backend_is_usable():
        return None, ""
    try:
        return keyring.get_password(SERVICE, key), ""
    except keyring.errors.KeyringError as exc:
        log.warning("keyring read failed: %s", type(exc).__name__)
        return None, type(exc).__name__


def _set(key: str, value: str) -> None:
    if not backend_is_usable():
        raise _unavailable(backend_name())
    _remember(key)
    try:
        keyring.set_password(SERVICE, key, value)
    except keyring.errors.KeyringError as exc:
        raise _unavailable(type(exc).__name__) from None


def _delete(key: str) -> None:
    if not backend_is_usable():
        return
    _remember(key)
    try:
        keyring.delete_password(SERVICE, key)
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.KeyringError as exc:
        raise _unavailable(type(exc).__name__) from None
