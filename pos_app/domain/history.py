"""The words of a sale's history: why something happened (cause) and what (kind).

Stored in the ledger as their plain values (these never change: old ledgers keep reading), and
shown to the cashier translated by the sales view, which has a label for every member.
"""

from __future__ import annotations

from enum import StrEnum


class Cause(StrEnum):
    """What made the engine look at or change a sale."""

    CHARGE = "charge"
    POLL = "poll"
    NOTIFICATION = "notification"
    CANCEL = "cancel"
    RESUME = "resume"
    RECHECK = "recheck"  # the cashier (or the CLI) asked
    STATUS = "status"  # ``pos-app status REF``
    AFTER_CANCEL = "after cancel"  # the watch over a canceled sale's order
    NETWORK = "network"  # Mercado Pago did not answer
    AUTH = "auth"  # Mercado Pago refused the credentials
    TROUBLE = "trouble"  # events only: one of the two above
    RECONCILE = "reconcile"  # the day's reconciliation
    CLOSE = "close"  # the day's close


class HistoryKind(StrEnum):
    """What a history line records."""

    CREATED = "created"
    STATUS = "status"
    REJECTED = "rejected"
    PARTIALLY_PAID = "partially_paid"
    CHECKED = "checked"
    TROUBLE = "trouble"
    CANCEL_REQUESTED = "cancel_requested"
    BOX_CLEARED = "box_cleared"
    KEY = "key"  # an idempotency key written before its request
    REFUND = "refund"  # its cause is the refund's status (pos_app.ledger.refunds.RefundStatus)
    ADOPTED = "adopted"  # a payment found by the day's reconciliation became a sale
