"""The store database's address: a ``postgresql://`` URL kept in the config file *without* its
password (the password goes to the keyring). Qt-free and psycopg-free: the config loader uses it.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from pos_app.i18n import QT_TRANSLATE_NOOP, Message, message

CTX = "StoreDatabase"
SCHEMES = ("postgresql", "postgres")


class StoreAddressError(ValueError):
    def __init__(self, msg: Message) -> None:
        super().__init__(str(msg))
        self.msg = msg


def split_password(text: str) -> tuple[str, str | None]:
    """``(address without the password, the password or None)``; raises StoreAddressError."""
    text = text.strip()
    try:
        parts = urlsplit(text)
        port = parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        raise StoreAddressError(_not_an_address()) from None
    if parts.scheme not in SCHEMES or not parts.hostname or parts.fragment:
        raise StoreAddressError(_not_an_address())
    if not text.isprintable() or " " in text:  # spaces, control and invisible characters
        raise StoreAddressError(_not_an_address())
    password = unquote(parts.password) if parts.password is not None else None
    # libpq also takes ?password=...: moved out like the one before the @.
    query = []
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key.lower() == "password":
            password = value
        else:
            query.append((key, value))
    user = f"{quote(unquote(parts.username), safe='')}@" if parts.username else ""
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    netloc = f"{user}{host}" + (f":{port}" if port is not None else "")
    return urlunsplit((parts.scheme, netloc, parts.path, urlencode(query), "")), password


def address_problem(text: str) -> Message | None:
    """For the config file: a store database address, with no password in it."""
    try:
        _, password = split_password(text)
    except StoreAddressError as exc:
        return exc.msg
    if password is not None:
        return message(
            CTX, QT_TRANSLATE_NOOP("StoreDatabase", "the password belongs in the keyring")
        )
    return None


def shown(text: str) -> str:
    """The address as logs and messages may show it (never a password)."""
    try:
        return split_password(text)[0]
    except StoreAddressError:
        return "(not an address)"


def _not_an_address() -> Message:
    return message(
        CTX,
        QT_TRANSLATE_NOOP(
            "StoreDatabase",
            "not a PostgreSQL address (postgresql://USER@HOST:PORT/DATABASE)",
        ),
    )
