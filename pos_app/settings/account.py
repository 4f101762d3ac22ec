"""The Mercado Pago side of Settings: check a token, list and create stores and boxes.

Qt-free, so the dialog, the first-run assistant and tests share it. Failures become one
:class:`AccountError` whose message says, in plain words, what usually went wrong (a public key
pasted instead of the access token, a revoked token, no internet) and what to do about it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from pos_app.domain.money import SITES, Site
from pos_app.errors import UserFacingError
from pos_app.i18n import QT_TRANSLATE_NOOP, Message, message
from pos_app.mercadopago import errors as mp_errors
from pos_app.mercadopago.client import MercadoPagoClient
from pos_app.mercadopago.credentials import AccessToken
from pos_app.mercadopago.models import Box, Store, User
from pos_app.mercadopago.retry import RetryPolicy
from pos_app.settings import secrets
from pos_app.settings.config import Config
from pos_app.settings.forms import BoxDraft, StoreDraft

log = logging.getLogger(__name__)

CTX = "Account"


class AccountError(UserFacingError):
    """A check or a setup call failed; ``cause`` is the client's error, when there was one."""

    def __init__(self, msg: Message, cause: Exception | None = None) -> None:
        super().__init__(msg)
        self.cause = cause


def token_problem(token: AccessToken) -> Message | None:
    """Mistakes visible without asking Mercado Pago."""
    text = token.reveal()
    if not text:
        return message(CTX, QT_TRANSLATE_NOOP("Account", "Paste the access token first."))
    if token.looks_like_public_key:
        return message(
            CTX,
            QT_TRANSLATE_NOOP(
                "Account",
                "This is the public key, not the access token. On the Credentials page "
                "Mercado Pago shows both: copy the longer one labelled “Access token” "
                "(it also starts with APP_USR- or TEST-).",
            ),
        )
    if any(ch.isspace() for ch in text):
        return message(
            CTX,
            QT_TRANSLATE_NOOP(
                "Account",
                "The token has spaces or line breaks in it: copy it again, in one piece.",
            ),
        )
    if not (text.isascii() and text.isprintable()):
        # No token has them, and an HTTP header cannot carry them: asking Mercado Pago failed
        # inside the HTTP library ("Something went wrong inside the app").
        return message(
            CTX,
            QT_TRANSLATE_NOOP(
                "Account",
                "The token has characters no access token has (accents, symbols, invisible or "
                "control characters): copy it again from Mercado Pago, in one piece.",
            ),
        )
    return None


def explain(exc: mp_errors.MercadoPagoError) -> Message:
    """What a person at the counter should read when checking the account failed."""
    if isinstance(exc, mp_errors.AuthenticationError) and exc.status == 401:
        return message(
            CTX,
            QT_TRANSLATE_NOOP(
                "Account",
                "Mercado Pago did not accept this access token: it is mistyped, or it was "
                "revoked or renewed. Copy it again from Your integrations → your application "
                "→ Credentials.",
            ),
        )
    if isinstance(exc, mp_errors.TimeoutError_):
        return message(
            CTX,
            QT_TRANSLATE_NOOP(
                "Account",
                "Mercado Pago did not answer in time. Check the internet connection and try again.",
            ),
        )
    if isinstance(exc, mp_errors.TransportError):
        return message(
            CTX,
            QT_TRANSLATE_NOOP(
                "Account",
                "Cannot reach Mercado Pago: this computer seems to be offline (or a firewall "
                "blocks it). Check the internet connection and try again. Nothing was saved.",
            ),
        )
    if isinstance(exc, mp_errors.ServerError | mp_errors.RateLimitedError):
        return message(
            CTX,
            QT_TRANSLATE_NOOP(
                "Account", "Mercado Pago is having trouble right now. Try again in a minute."
            ),
        )
    return exc.msg


# Someone is watching a busy line: answer within seconds rather than retry for half a minute.
INTERACTIVE_RETRY = RetryPolicy(max_attempts=2, base_delay=0.3, max_delay=1.0, total_budget=1.0)


def interactive_client(client: MercadoPagoClient, token: AccessToken) -> MercadoPagoClient:
    """``client`` with ``token`` and at most :data:`INTERACTIVE_RETRY`'s patience (a copy: the
    checkout engine's own client keeps its policy)."""
    copy = client.with_token(token)
    if copy.retry.max_attempts > INTERACTIVE_RETRY.max_attempts:
        copy.retry = INTERACTIVE_RETRY
    return copy


async def check_token(client: MercadoPagoClient, token: AccessToken) -> User:
    """``/users/me`` with ``token`` (not yet saved anywhere): whose account is this?"""
    problem = token_problem(token)
    if problem is not None:
        raise AccountError(problem)
    try:
        user = await interactive_client(client, token).get_me()
    except mp_errors.MercadoPagoError as exc:
        raise AccountError(explain(exc), exc) from exc
    if user.site_id not in SITES:
        raise AccountError(
            message(
                CTX,
                QT_TRANSLATE_NOOP(
                    "Account",
                    "This account is from a country the app does not support yet ({site}).",
                ),
                site=user.site_id or "?",
            )
        )
    log.info("token %s belongs to user %s (%s)", token.hint, user.id, user.site_id)
    return user


def user_from_config(config: Config) -> User | None:
    """The account the config remembers (so Settings works offline), if any."""
    if config.user_id is None:
        return None
    return User(
        id=config.user_id,
        nickname=config.nickname,
        site_id=config.site_id,
        country_id="",
        email="",
        is_test_user=config.is_test_user,
    )


def site_of(user: User) -> Site | None:
    return SITES.get(user.site_id)


def keyring_usable() -> bool:
    """Whether a token could be saved at all (the "fail" keyring cannot)."""
    return secrets.backend_is_usable()


@dataclass(frozen=True)
class Places:
    """An account's stores and boxes, as Mercado Pago lists them."""

    stores: tuple[Store, ...]
    boxes: tuple[Box, ...]

    def boxes_of(self, store: Store) -> list[Box]:
        return [
            b
            for b in self.boxes
            if b.store_id == store.id
            or (bool(store.external_id) and b.external_store_id == store.external_id)
        ]

    def store_ids(self) -> list[str]:
        return [s.external_id for s in self.stores if s.external_id]

    def box_ids(self) -> list[str]:
        return [b.external_id for b in self.boxes if b.external_id]

    def with_store(self, store: Store) -> Places:
        return Places((*self.stores, store), self.boxes)

    def with_box(self, box: Box) -> Places:
        return Places(self.stores, (*self.boxes, box))


async def load_places(client: MercadoPagoClient, user_id: int) -> Places:
    try:
        stores = await client.search_stores(user_id)
        boxes = await client.search_boxes()
    except mp_errors.MercadoPagoError as exc:
        raise AccountError(explain(exc), exc) from exc
    return Places(tuple(stores), tuple(boxes))


async def box_with_qr(client: MercadoPagoClient, box: Box) -> Box:
    """The box again, now with ``qr_code`` (only ``GET /pos/{id}`` returns it)."""
    if box.qr_code:
        return box
    try:
        return await client.get_box(box.id)
    except mp_errors.MercadoPagoError as exc:
        raise AccountError(explain(exc), exc) from exc


async def create_store(client: MercadoPagoClient, user_id: int, draft: StoreDraft) -> Store:
    try:
        return await client.create_store(user_id, draft.to_request())
    except mp_errors.MercadoPagoError as exc:
        raise AccountError(explain(exc), exc) from exc


async def create_box(client: MercadoPagoClient, store: Store, draft: BoxDraft) -> Box:
    try:
        return await client.create_box(draft.to_request(store))
    except mp_errors.MercadoPagoError as exc:
        raise AccountError(explain(exc), exc) from exc


def needs_setup(config: Config, token: AccessToken | None) -> bool:
    """Nothing to sell with yet: no token, no account, or no store and box."""
    return not token or config.user_id is None or not config.is_configured
