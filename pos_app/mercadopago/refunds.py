"""Refunds of instore payments (§8): the refund as Mercado Pago answers it, and its refusals in
words a cashier understands.

``POST /v1/payments/{id}/refunds`` refunds money, so the client sends it with the caller's
``X-Idempotency-Key`` (stored before the call: the same key on every retry and after a crash,
so a lost answer never refunds twice) and retries transport failures with that same key.
Mercado Pago's refusals are told apart by their cause codes: too old (2024, 15016), partial
refunds not allowed for this account (3024), amount invalid (4040) or over what is left (4041,
``refund_amount_exceeds``), not enough balance, the key reused with another body (2032, 409).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pos_app.i18n import QT_TRANSLATE_NOOP, Message
from pos_app.mercadopago import errors
from pos_app.mercadopago.models import _dec, _int, _obj, _str

CTX = "Refunds"


@dataclass(frozen=True)
class PaymentRefund:
    id: int
    payment_id: int
    amount: Decimal
    status: str
    date_created: str

    @classmethod
    def parse(cls, data: Any) -> PaymentRefund:
        d = _obj(data)
        if not d or not _int(d.get("id")):
            raise errors.unexpected("a refund without an id")
        return cls(
            id=_int(d.get("id")),
            payment_id=_int(d.get("payment_id")),
            amount=_dec(d.get("amount")),
            status=_str(d.get("status")),
            date_created=_str(d.get("date_created")),
        )


class RefusalReason(StrEnum):
    TOO_OLD = "too_old"
    PARTIAL_NOT_ALLOWED = "partial_not_allowed"
    AMOUNT_INVALID = "amount_invalid"
    AMOUNT_EXCEEDS = "amount_exceeds"
    INSUFFICIENT_BALANCE = "insufficient_balance"
    KEY_REUSED = "key_reused"
    OTHER = "other"


_TEXTS = {
    RefusalReason.TOO_OLD: QT_TRANSLATE_NOOP(
        "Refunds", "Mercado Pago refused the refund: the payment is too old to be refunded."
    ),
    RefusalReason.PARTIAL_NOT_ALLOWED: QT_TRANSLATE_NOOP(
        "Refunds",
        "Mercado Pago refused the refund: this account only allows refunding the whole amount.",
    ),
    RefusalReason.AMOUNT_INVALID: QT_TRANSLATE_NOOP(
        "Refunds", "Mercado Pago refused the refund: the amount is not valid."
    ),
    RefusalReason.AMOUNT_EXCEEDS: QT_TRANSLATE_NOOP(
        "Refunds",
        "Mercado Pago refused the refund: it is more than what is left to refund on the payment.",
    ),
    RefusalReason.INSUFFICIENT_BALANCE: QT_TRANSLATE_NOOP(
        "Refunds",
        "Mercado Pago refused the refund: the account does not have enough money to give back.",
    ),
    RefusalReason.KEY_REUSED: QT_TRANSLATE_NOOP(
        "Refunds",
        "Mercado Pago refused the refund: this refund was already sent with another amount.",
    ),
    RefusalReason.OTHER: QT_TRANSLATE_NOOP("Refunds", "Mercado Pago refused the refund: {detail}"),
}

_CODES = {
    "2024": RefusalReason.TOO_OLD,
    "15016": RefusalReason.TOO_OLD,
    "3024": RefusalReason.PARTIAL_NOT_ALLOWED,
    "4040": RefusalReason.AMOUNT_INVALID,
    "4041": RefusalReason.AMOUNT_EXCEEDS,
    "2032": RefusalReason.KEY_REUSED,
    "insufficient_balance": RefusalReason.INSUFFICIENT_BALANCE,
}


class RefundRefusedError(errors.RejectedError):
    """Mercado Pago understood the refund and refused it; ``reason`` says why."""

    def __init__(self, reason: RefusalReason, original: errors.RejectedError) -> None:
        super().__init__(
            Message(CTX, _TEXTS[reason], {"detail": original.detail or original.key}),
            status=original.status or 400,
            key=original.key,
            detail=original.detail,
            causes=original.causes,
        )
        self.reason = reason


def refusal(exc: errors.RejectedError) -> RefundRefusedError:
    """The refusal's reason, from its cause codes, then its key and message."""
    for code in exc.causes:
        if code in _CODES:
            return RefundRefusedError(_CODES[code], exc)
    text = f"{exc.key} {exc.detail}".lower()
    if exc.status == 409 or "idempotency" in text:
        return RefundRefusedError(RefusalReason.KEY_REUSED, exc)
    if "refund_amount_exceeds" in text:
        return RefundRefusedError(RefusalReason.AMOUNT_EXCEEDS, exc)
    if "insufficient" in text or "balance" in text:
        return RefundRefusedError(RefusalReason.INSUFFICIENT_BALANCE, exc)
    return RefundRefusedError(RefusalReason.OTHER, exc)


def refusal_message(reason: str, detail: str = "") -> Message:
    """The cashier's sentence for a refusal recorded as ``reason`` (a :class:`RefusalReason`)."""
    try:
        known = RefusalReason(reason)
    except ValueError:
        known = RefusalReason.OTHER
    return Message(CTX, _TEXTS[known], {"detail": detail or reason})
