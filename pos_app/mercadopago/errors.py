"""The one error tree of the Mercado Pago client.

::

    MercadoPagoError               anything that went wrong talking to Mercado Pago
    ├── AuthenticationError        401/403: wrong, revoked or foreign credentials; never retried
    ├── NotFoundError              404: the resource (box, order, merchant order) does not exist
    ├── RejectedError              400/409/422: Mercado Pago refused the request (key, detail)
    ├── RateLimitedError           429: too many requests (``retry_after`` seconds, when sent)
    ├── ServerError                5xx: Mercado Pago's side failed
    ├── TransportError             no answer: DNS, refused or dropped connection, timeout
    │   └── TimeoutError_          no answer in time
    └── UnexpectedResponseError    an answer we cannot read (not JSON, wrong shape)

``RateLimitedError``, ``ServerError`` and ``TransportError`` are *transient*: the request may
work later. Every message is translatable and never contains the access token.
"""

from __future__ import annotations

from pos_app.errors import UserFacingError
from pos_app.i18n import QT_TRANSLATE_NOOP, Message, message

CTX = "MercadoPago"


class MercadoPagoError(UserFacingError):
    status: int | None = None
    transient = False

    def __init__(self, msg: Message, *, status: int | None = None, key: str = "") -> None:
        super().__init__(msg)
        self.status = status
        self.key = key


class AuthenticationError(MercadoPagoError):
    @classmethod
    def from_status(cls, status: int, key: str) -> AuthenticationError:
        if status == 403:
            text = QT_TRANSLATE_NOOP(
                "MercadoPago",
                "Mercado Pago refused access: this access token may not act for this account "
                "(is the store or box from another account?).",
            )
        else:
            text = QT_TRANSLATE_NOOP(
                "MercadoPago",
                "Mercado Pago did not accept the access token: it is wrong or was revoked. "
                "Paste the access token (APP_USR-...) again in Settings, not the public key.",
            )
        return cls(message(CTX, text), status=status, key=key)


def no_token() -> AuthenticationError:
    """No token to send (the keyring holds none or cannot be read, no MP_ACCESS_TOKEN): the
    request is never made. httpx refused the empty ``Bearer`` header as a local protocol error,
    said as "Cannot reach Mercado Pago … check the internet connection"."""
    return AuthenticationError(
        message(
            CTX,
            QT_TRANSLATE_NOOP(
                "MercadoPago",
                "There is no access token on this computer: the keyring holds none or could "
                "not be read (locked, or out of reach from this session), and MP_ACCESS_TOKEN "
                "is not set. Nothing was sent to Mercado Pago. Save the token in Settings, or "
                "run 'pos-app doctor' to see why.",
            ),
        ),
        key="no_token",
    )


class NotFoundError(MercadoPagoError):
    pass


class RejectedError(MercadoPagoError):
    """Mercado Pago understood the request and refused it; ``key`` is its error key."""

    def __init__(
        self, msg: Message, *, status: int, key: str, detail: str, causes: tuple[str, ...] = ()
    ) -> None:
        super().__init__(msg, status=status, key=key)
        self.detail = detail
        self.causes = causes  # the envelope's ``cause[].code`` values, as text ("4041")


class RateLimitedError(MercadoPagoError):
    transient = True

    def __init__(self, msg: Message, *, retry_after: float | None) -> None:
        super().__init__(msg, status=429, key="too_many_requests")
        self.retry_after = retry_after


class ServerError(MercadoPagoError):
    transient = True


class TransportError(MercadoPagoError):
    transient = True
    # What went wrong, without the advice the message ends with ("connection refused or no
    # network"); "" when the message is all there is (no answer in time).
    detail = ""


class TimeoutError_(TransportError):  # the underscore avoids shadowing the builtin
    pass


class UnexpectedResponseError(MercadoPagoError):
    pass


# Refusals a shop can fix itself, said in its words rather than Mercado Pago's (the key stays
# at the end, for a support call). The box deleted in Mercado Pago's panel read "pos 'CAJA01'
# not found for this collector (invalid_externalPosId)", in English in every language.
_REFUSALS = {
    "invalid_externalPosId": QT_TRANSLATE_NOOP(
        "MercadoPago",
        "Mercado Pago does not know this computer's box (was it deleted, or is it from another "
        "account?). Choose or create the box in Settings → Store and box ({key}).",
    ),
}


def rejected(status: int, key: str, detail: str, causes: tuple[str, ...] = ()) -> RejectedError:
    text = _REFUSALS.get(
        key, QT_TRANSLATE_NOOP("MercadoPago", "Mercado Pago refused the request: {detail} ({key}).")
    )
    return RejectedError(
        message(CTX, text, detail=detail or key, key=key or str(status)),
        status=status,
        key=key,
        detail=detail,
        causes=causes,
    )


def not_found(key: str, detail: str) -> NotFoundError:
    return NotFoundError(
        message(
            CTX,
            QT_TRANSLATE_NOOP("MercadoPago", "Mercado Pago does not know this resource: {detail}."),
            detail=detail or key,
        ),
        status=404,
        key=key,
    )


def rate_limited(retry_after: float | None) -> RateLimitedError:
    return RateLimitedError(
        message(CTX, QT_TRANSLATE_NOOP("MercadoPago", "Mercado Pago is busy (too many requests).")),
        retry_after=retry_after,
    )


def server_error(status: int, key: str) -> ServerError:
    return ServerError(
        message(
            CTX,
            QT_TRANSLATE_NOOP(
                "MercadoPago", "Mercado Pago had a problem on its side (error {status})."
            ),
            status=status,
        ),
        status=status,
        key=key,
    )


def transport_error(detail: str, *, timeout: bool) -> TransportError:
    if timeout:
        return TimeoutError_(
            message(CTX, QT_TRANSLATE_NOOP("MercadoPago", "Mercado Pago did not answer in time."))
        )
    error = TransportError(
        message(
            CTX,
            QT_TRANSLATE_NOOP(
                "MercadoPago",
                "Cannot reach Mercado Pago ({detail}). Check the internet connection.",
            ),
            detail=detail,
        )
    )
    error.detail = detail
    return error


def unexpected(detail: str) -> UnexpectedResponseError:
    return UnexpectedResponseError(
        message(
            CTX,
            QT_TRANSLATE_NOOP(
                "MercadoPago", "Mercado Pago sent an answer the app cannot read: {detail}."
            ),
            detail=detail,
        )
    )


def too_many_payments(count: int) -> UnexpectedResponseError:
    """A payment search with more pages than the client reads (never answered with a part)."""
    return UnexpectedResponseError(
        message(
            CTX,
            QT_TRANSLATE_NOOP(
                "MercadoPago",
                "Mercado Pago lists more than {count} payments for that period: too many to "
                "check here. Use Mercado Pago's own activity report.",
            ),
            count=str(count),
        )
    )


def too_many_listed(count: int) -> UnexpectedResponseError:
    """A store or box search with more pages than the client reads (never answered with a part)."""
    return UnexpectedResponseError(
        message(
            CTX,
            QT_TRANSLATE_NOOP(
                "MercadoPago",
                "Mercado Pago lists more than {count} stores or boxes for this account: too many "
                "to list here. Set this computer's with 'pos-app configure --store ID --box ID'.",
            ),
            count=str(count),
        )
    )
