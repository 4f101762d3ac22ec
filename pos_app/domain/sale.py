"""Sale states and the rules for moving between them.

``creating -> pending -> paid | canceled | expired``, ``creating -> failed`` (Mercado Pago refused
the order) and ``pending -> failed`` (an Orders API order that ended ``failed``). Terminal states
never change again: a paid sale can never be shown as anything else (the lesson of every
integration where a webhook and a poller raced).
"""

from __future__ import annotations

from enum import StrEnum

from pos_app.i18n_base import QT_TRANSLATE_NOOP


class SaleStatus(StrEnum):
    CREATING = "creating"  # written to the ledger, order not yet confirmed by Mercado Pago
    PENDING = "pending"  # the order is on the box, waiting for the customer
    PAID = "paid"
    CANCELED = "canceled"
    EXPIRED = "expired"
    FAILED = "failed"  # Mercado Pago refused the order: nothing was charged

    @property
    def is_terminal(self) -> bool:
        return self in TERMINAL

    @property
    def label(self) -> str:
        """English label; the UI translates it in context ``SaleStatus``."""
        return _LABELS[self]


TERMINAL = frozenset({SaleStatus.PAID, SaleStatus.CANCELED, SaleStatus.EXPIRED, SaleStatus.FAILED})
OPEN = frozenset({SaleStatus.CREATING, SaleStatus.PENDING})

_LABELS = {
    SaleStatus.CREATING: QT_TRANSLATE_NOOP("SaleStatus", "Sending"),
    SaleStatus.PENDING: QT_TRANSLATE_NOOP("SaleStatus", "Waiting for payment"),
    SaleStatus.PAID: QT_TRANSLATE_NOOP("SaleStatus", "Paid"),
    SaleStatus.CANCELED: QT_TRANSLATE_NOOP("SaleStatus", "Canceled"),
    SaleStatus.EXPIRED: QT_TRANSLATE_NOOP("SaleStatus", "Expired"),
    SaleStatus.FAILED: QT_TRANSLATE_NOOP("SaleStatus", "Refused"),
}

_ALLOWED: dict[SaleStatus, frozenset[SaleStatus]] = {
    SaleStatus.CREATING: frozenset(
        {
            SaleStatus.PENDING,
            SaleStatus.FAILED,
            SaleStatus.PAID,
            SaleStatus.CANCELED,
            SaleStatus.EXPIRED,
        }
    ),
    SaleStatus.PENDING: frozenset(
        {SaleStatus.PAID, SaleStatus.CANCELED, SaleStatus.EXPIRED, SaleStatus.FAILED}
    ),
}


def can_transition(old: SaleStatus, new: SaleStatus) -> bool:
    """Monotonic: open states only move forward, terminal states never move."""
    return new in _ALLOWED.get(old, frozenset())


class Tender(StrEnum):
    """How the sale was finally settled."""

    QR = "mercadopago_qr"
    CASH = "cash"
