"""A sale and its history as the ledger records them: plain frozen values, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from pos_app.domain.cart import CartLine
from pos_app.domain.pricing import Discount
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.i18n import Message


@dataclass(frozen=True)
class SaleSnapshot:
    """A sale as the ledger holds it right now."""

    id: int
    external_reference: str
    box_external_id: str
    site_id: str
    currency: str
    status: SaleStatus
    total: Decimal
    created_at: datetime
    updated_at: datetime
    expires_at: datetime | None
    lines: tuple[CartLine, ...] = ()
    iva_total: Decimal | None = None
    sale_discount: Discount | None = None
    merchant_order_ids: tuple[int, ...] = ()
    payment_ids: tuple[int, ...] = ()
    paid_amount: Decimal = Decimal(0)
    tender: Tender | None = None
    failure_reason: str = ""  # English, for logs and the CLI
    failure_message: Message | None = None  # the same, translatable, for the window
    # What the cashier should know while the sale is pending:
    last_attempt_rejected: bool = False
    partially_paid: Decimal | None = None
    trouble_since: datetime | None = None
    trouble: str = ""  # "", "network", "auth": why the last check failed
    cancel_requested: bool = False
    late_payment: bool = False  # paid after it had been shown canceled or expired
    # Which Mercado Pago API the sale was sent through ("instore" or "orders"), and what it
    # left: the Orders API's order id, its payments' ids and the dynamic QR's text.
    api: str = "instore"
    qr_mode: str = ""  # the Orders API QR mode its order was made with ("": the configured one)
    order_id: str = ""
    order_payment_ids: tuple[str, ...] = ()
    qr_data: str = ""
    # X-Idempotency-Key of each write, stored before the write is sent (reused on retries
    # and after a restart, so a lost answer never makes a second order or refund).
    create_key: str = ""
    cancel_key: str = ""
    refund_key: str = ""
    # The account and store the sale was charged in (its box is above): a sale is finished
    # where it was made, whatever Settings say now. Empty: unknown (use the configured ones).
    user_id: int | None = None
    store_external_id: str = ""

    @property
    def is_open(self) -> bool:
        return not self.status.is_terminal


def cash_paid(sale: SaleSnapshot) -> Decimal:
    """The cash the drawer took for the sale: its total when the cashier took cash (the QR
    charge canceled, or paid as well meanwhile), else 0."""
    taken = sale.status in (SaleStatus.CANCELED, SaleStatus.PAID)
    return sale.total if sale.tender is Tender.CASH and taken else Decimal(0)


def qr_paid(sale: SaleSnapshot) -> Decimal:
    """What Mercado Pago received for the sale: its approved amount once paid, else 0. A sale
    recorded paid in cash counts a QR payment only when the engine marked one arriving on top
    (paid after the cash sale had ended: ``late_payment``; ledgers before 2026-12-02 also
    recorded a cash cancel the payment overtook so, ``cancel_requested``)."""
    if not _paid_by_qr(sale):
        return Decimal(0)
    if sale.paid_amount:
        return sale.paid_amount
    return Decimal(0) if counted_elsewhere(sale) else sale.total


def counted_elsewhere(sale: SaleSnapshot) -> bool:
    """Paid, but with no payment of its own: each Mercado Pago payment of its orders is in the
    books as a sale of its own (``MP-<payment id>``, recorded from Mercado Pago's list while
    this one could not take it), counted and refunded there (the engine left it no payment and
    a paid amount of 0). A paid sale with neither payment nor amount recorded otherwise (a
    test's, an older ledger's) is taken as paid its total."""
    return (
        sale.status is SaleStatus.PAID
        and not sale.paid_amount
        and not sale.payment_ids
        and not sale.order_payment_ids
        and bool(sale.merchant_order_ids)
    )


def _paid_by_qr(sale: SaleSnapshot) -> bool:
    if sale.status is not SaleStatus.PAID:
        return False
    return sale.tender is not Tender.CASH or sale.late_payment or sale.cancel_requested


def qr_received(sale: SaleSnapshot) -> Decimal:
    """Mercado Pago's approved amount as the ledger keeps it, the close's figure (0 for a
    payment counted on another sale of the books), for the exports; :func:`qr_paid` takes a
    missing amount for the total (what can be refunded)."""
    return sale.paid_amount if _paid_by_qr(sale) else Decimal(0)


def paid_both_ways(sale: SaleSnapshot) -> bool:
    """Paid in cash and with Mercado Pago ("QR+cash"): the QR payment landed after the cash sale
    had ended (the close counts each when it came). A payment that overtakes the cash cancel
    is the sale's only payment: the window never said to take the cash. Each part is given
    back the way it came."""
    return bool(cash_paid(sale)) and bool(qr_paid(sale))


def amount_paid(sale: SaleSnapshot) -> Decimal:
    """What the customer paid: Mercado Pago's approved amount, the total in cash, or both."""
    return cash_paid(sale) + qr_paid(sale)


# What the exports (the sales CSV, ``--json``) call a sale paid in cash: the ledger keeps it as
# its QR charge ``canceled`` with the tender ``cash``, which an export read as nothing paid.
PAID_IN_CASH = "paid_in_cash"


def export_status(sale: SaleSnapshot) -> str:
    """The status an export gives: the ledger's, but ``paid_in_cash`` for a sale paid in cash
    (the exports' ``ledger_status`` keeps the ledger's own word)."""
    if sale.status is SaleStatus.CANCELED and sale.tender is Tender.CASH:
        return PAID_IN_CASH
    return sale.status.value


def export_amounts(sale: SaleSnapshot) -> tuple[Decimal, Decimal, Decimal]:
    """``(paid, cash, mercadopago)`` as the exports give them: what the customer paid, and its
    parts (the cash taken; Mercado Pago's approved amount, as the close counts it)."""
    cash, qr = cash_paid(sale), qr_received(sale)
    return cash + qr, cash, qr


@dataclass(frozen=True)
class SaleEvent:
    """One line of a sale's append-only history."""

    at: datetime
    kind: str
    old_status: SaleStatus | None
    new_status: SaleStatus | None
    cause: str
    detail: str = ""
