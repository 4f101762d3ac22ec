"""Store and box setup through the API, with Mercado Pago's rules checked before sending.

Shared by ``pos-app configure`` and the Settings dialog so both accept and refuse the same input.
"""

from __future__ import annotations

import ipaddress
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pos_app.domain.text_fields import (
    BOX_NAME,
    CITY_NAME,
    STATE_NAME,
    STORE_NAME,
    STREET_NAME,
    STREET_NUMBER,
    check_text,
    text_problem,
)
from pos_app.domain.validation import ValidationError
from pos_app.errors import UserFacingError
from pos_app.i18n import QT_TRANSLATE_NOOP, Message, message
from pos_app.mercadopago.credentials import is_loopback_host

if TYPE_CHECKING:
    # The rules below are read at start-up (the settings file's checks); the API calls are
    # not, and the client brings httpx (start-up time, issue 19).
    from pos_app.mercadopago.client import MercadoPagoClient
    from pos_app.mercadopago.models import Box, Store

CTX = "Setup"
MAX_BOX_ID = 39  # Mercado Pago's limits on external ids (letters and digits)
MAX_STORE_ID = 60
BOX_ID_RE = re.compile(rf"^[A-Za-z0-9]{{1,{MAX_BOX_ID}}}\Z")  # \Z: "$" took "CAJA01\n"
STORE_ID_RE = re.compile(rf"^[A-Za-z0-9]{{1,{MAX_STORE_ID}}}\Z")


class SetupError(UserFacingError):
    def __init__(self, msg: Message, *, usage: bool = False) -> None:
        super().__init__(msg)
        self.usage = usage

    @classmethod
    def usage_error(cls, text: str) -> SetupError:
        return cls(message(CTX, text), usage=True)


def box_id_problem(external_id: str) -> Message | None:
    if not BOX_ID_RE.match(external_id):
        return message(
            CTX,
            QT_TRANSLATE_NOOP(
                "Setup", "The box id may only have letters and digits, fewer than 40 of them."
            ),
        )
    return None


def box_name_problem(name: str) -> Message | None:
    """Mercado Pago takes box names under 45 characters (:data:`BOX_NAME`)."""
    return text_problem(name, BOX_NAME)


def store_id_problem(external_id: str) -> Message | None:
    if not STORE_ID_RE.match(external_id):
        return message(
            CTX,
            QT_TRANSLATE_NOOP(
                "Setup", "The store id may only have letters and digits, at most 60."
            ),
        )
    return None


def parse_listen(text: str) -> tuple[str, int]:
    """``127.0.0.1:8088``, ``[::1]:8088``, ``0.0.0.0:8088`` -> ``(host, port)``; port 0 picks
    a free one (tests; a configured address never has it, see :func:`validate_listen`)."""
    host, sep, port = text.strip().rpartition(":")
    host = host.strip("[]")
    if (
        not sep
        or not _listen_host(host)
        or not port.isascii()
        or not port.isdigit()
        or int(port) > 65535
    ):
        raise ValueError(f"{text[:80]!r} is not HOST:PORT (for example 127.0.0.1:8088)")
    return host, int(port)


# A host name as a socket binds it: ASCII labels of letters, digits, '-' and '_'.
_HOST_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]{0,62}(\.[A-Za-z0-9_-]{1,63})*\.?", re.ASCII)


def _listen_host(host: str) -> bool:
    """An IP address or a host name: never spaces or control characters (Settings and
    ``configure`` took '\x00:8088' and 'a b:8088', and the receiver failed to start each time)."""
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return len(host) <= 253 and _HOST_NAME.fullmatch(host) is not None


def validate_listen(text: str) -> str:
    """``HOST:PORT`` for the notification receiver, port 1 to 65535 (empty = off)."""
    text = text.strip()
    if text and parse_listen(text)[1] == 0:
        raise ValueError(f"{text!r}: the port must be 1 to 65535 (for example 127.0.0.1:8088)")
    return text


def validate_notify_url(text: str) -> str:
    """The public URL sent as ``notification_url``: https, or http only on loopback."""
    text = text.strip()
    if not text:
        return ""
    from pos_app.system.logs import holds_secret

    if holds_secret(text):  # never echoed, saved in the settings file or sent with an order
        raise ValueError(
            "that address holds an access token: it is never needed there, and it would be "
            "saved in the settings file and sent with every order; take it out"
        )
    refused = ValueError(
        f"{text[:80]!r}: Mercado Pago needs an https:// address (http only for 127.0.0.1)"
    )
    if not text.isprintable() or " " in text:  # a NUL, a tab or a space inside a URL
        raise refused
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port that is not one
    except ValueError:  # "Invalid IPv6 URL": said as the documented refusal
        raise refused from None
    if parts.scheme == "https" and parts.hostname:
        return text
    if parts.scheme == "http" and parts.hostname and is_loopback_host(parts.hostname):
        return text
    raise refused


async def ensure_store(
    client: MercadoPagoClient,
    user_id: int,
    external_id: str,
    *,
    create: bool,
    name: str | None = None,
    street_name: str = "",
    street_number: str = "",
    city: str = "",
    state: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
) -> Store:
    from pos_app.mercadopago import models

    found = await client.search_stores(user_id, external_id)
    for store in found:
        if store.external_id == external_id:
            return store
    if not create:
        raise SetupError(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Setup",
                    "The account has no store with external id {store}. Check the id (it is "
                    "the store's external id, not its number), or create it.",
                ),
                store=external_id,
            )
        )
    problem = store_id_problem(external_id)
    if problem:
        raise SetupError(problem, usage=True)
    missing = [
        flag
        for flag, value in (
            ("--street-name", street_name),
            ("--street-number", street_number),
            ("--city", city),
            ("--state", state),
        )
        if not value
    ]
    if missing or latitude is None or longitude is None:
        missing += [
            f for f, v in (("--latitude", latitude), ("--longitude", longitude)) if v is None
        ]
        raise SetupError.usage_error(
            "to create the store, Mercado Pago needs its address: " + ", ".join(missing)
        )
    try:
        texts = [
            check_text(text, field)
            for text, field in (
                (name or external_id, STORE_NAME),
                (street_name, STREET_NAME),
                (street_number, STREET_NUMBER),
                (city, CITY_NAME),
                (state, STATE_NAME),
            )
        ]
    except ValidationError as exc:
        raise SetupError(exc.msg, usage=True) from None
    return await client.create_store(
        user_id,
        models.StoreRequest(
            name=texts[0],
            external_id=external_id,
            street_name=texts[1],
            street_number=texts[2],
            city_name=texts[3],
            state_name=texts[4],
            latitude=latitude,
            longitude=longitude,
        ),
    )


async def ensure_box(
    client: MercadoPagoClient,
    store: Store,
    external_id: str,
    *,
    create: bool,
    name: str | None = None,
    category: int | None = None,
) -> Box:
    from pos_app.mercadopago import models

    for box in await client.search_boxes(external_id=external_id):
        if box.external_id == external_id:
            if box.external_store_id and box.external_store_id != store.external_id:
                raise SetupError(
                    message(
                        CTX,
                        QT_TRANSLATE_NOOP(
                            "Setup", "Box {box} belongs to store {other}, not to store {store}."
                        ),
                        box=external_id,
                        other=box.external_store_id,
                        store=store.external_id,
                    )
                )
            return box
    if not create:
        raise SetupError(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Setup",
                    "The account has no box with external id {box}. Boxes made in the Mercado "
                    "Pago web panel have no external id: create the box here instead.",
                ),
                box=external_id,
            )
        )
    problem = box_id_problem(external_id) or box_name_problem(name or external_id)
    if problem:
        raise SetupError(problem, usage=True)
    return await client.create_box(
        models.BoxRequest(
            name=check_text(name or external_id, BOX_NAME),
            external_id=external_id,
            store_id=store.id,
            external_store_id=store.external_id,
            category=category,
        )
    )


def parse_trusted_proxies(text: str) -> list[str]:
    """``"127.0.0.1, 10.0.0.0/8"`` -> addresses and networks whose ``X-Forwarded-For`` is
    believed (a tunnel or reverse proxy in front of the receiver). Empty: none. ``*`` is
    refused: believing anyone lets every request claim a new sender."""
    out: list[str] = []
    for item in text.split(","):
        item = item.strip()
        if not item:
            continue
        try:
            if "/" in item:
                out.append(str(ipaddress.ip_network(item, strict=False)))
            else:
                out.append(str(ipaddress.ip_address(item)))
        except ValueError:
            raise ValueError(
                f"{item!r} is not an IP address or network (for example 127.0.0.1 for a tunnel "
                "on this computer, or 10.0.0.0/8)"
            ) from None
    return out
