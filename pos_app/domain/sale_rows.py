"""A sale as the sales history lists it: one plain tuple of atomic values.

The history (F3) holds the period it shows for as long as it is open: a month of a busy box is
~12,000 sales. As :class:`~pos_app.domain.records.SaleSnapshot` objects (each with its lines, its
discounts, tuples of ids and what a search looks in) that was ~9-10 objects per sale that the
garbage collector tracks, and Python 3.11's full collection walks every tracked object, on the
GUI thread, wherever it lands: ~115,000 objects with a month shown, 0.1-0.4 s per full
collection, several of them per sale charged while the history was open.

A :data:`SaleRow` is a plain ``tuple`` holding only atomic values (``str``, ``Decimal``,
``datetime``, ``bool``, ``None``): the collector stops tracking such a tuple at its first
collection, so a listed sale costs a full collection nothing. What a search looks in is two
strings per sale, case-folded once when the sale is read (not per keystroke). The chosen sale's
lines and history are read when it is chosen (one sale), never kept for the whole period.

Qt-free, so the ledger builds rows straight from its tables (no snapshot, no line objects) and
tests check the rules without a window.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Final

from pos_app.domain.records import SaleSnapshot, counted_elsewhere
from pos_app.domain.sale import SaleStatus, Tender

SaleRow = tuple[str, datetime, Decimal, Decimal | None, str, str, bool, str, str, bool]
"""(reference, created at, total, paid amount, status value, tender value or "", paid late,
texts, codes, counted elsewhere). Never an enum member or a container inside: the tuple would
stay tracked."""

REFERENCE: Final = 0
CREATED: Final = 1
TOTAL: Final = 2
PAID_AMOUNT: Final = 3
STATUS: Final = 4
TENDER: Final = 5
LATE: Final = 6
TEXTS: Final = 7  # the reference and the lines' names, case-folded, SEP between them
CODES: Final = 8  # SEP, then each line's SKU (case-folded) and barcode, each followed by SEP
# Paid, with no payment of its own: its Mercado Pago payment is a sale of its own in the books
# (``MP-<payment id>``), counted there (:func:`pos_app.domain.records.counted_elsewhere`).
COUNTED_ELSEWHERE: Final = 9

SEP: Final = "\x00"  # never in a reference, a name or a code (control characters are cleaned)

PAID: Final = SaleStatus.PAID.value
CANCELED: Final = SaleStatus.CANCELED.value
EXPIRED: Final = SaleStatus.EXPIRED.value
FAILED: Final = SaleStatus.FAILED.value
CASH: Final = Tender.CASH.value
QR: Final = Tender.QR.value
_TERMINAL: Final = frozenset({PAID, CANCELED, EXPIRED, FAILED})


def make_row(
    reference: str,
    created_at: datetime,
    total: Decimal,
    paid_amount: Decimal | None,
    status: str,
    tender: str,
    late: bool,
    lines: Iterable[tuple[str, str, str]],
    counted_elsewhere: bool = False,
) -> SaleRow:
    """``lines``: each line's (title, SKU, barcode); ``late``: paid after it had been shown
    canceled or expired, or after the cashier asked to cancel it (``is_late_payment``);
    ``counted_elsewhere``: :func:`pos_app.domain.records.counted_elsewhere`."""
    titles = [reference.casefold()]
    codes = [""]
    for title, sku, barcode in lines:
        titles.append(title.casefold())
        codes.append(sku.casefold())
        codes.append(barcode)
    codes.append("")
    # str() of each: a StrEnum member or a str subclass would keep the tuple tracked.
    return (
        str(reference),
        created_at,
        total,
        paid_amount,
        str(status),
        str(tender),
        bool(late),
        SEP.join(titles),
        SEP.join(codes),
        bool(counted_elsewhere),
    )


def sale_row(sale: SaleSnapshot) -> SaleRow:
    """The row of a sale read whole (a test's, or a source without the ledger's rows)."""
    return make_row(
        sale.external_reference,
        sale.created_at,
        sale.total,
        sale.paid_amount,
        sale.status.value,
        sale.tender.value if sale.tender is not None else "",
        sale.status is SaleStatus.PAID and (sale.late_payment or sale.cancel_requested),
        ((line.title, line.sku, line.barcode) for line in sale.lines),
        counted_elsewhere(sale),
    )


def is_open(row: SaleRow) -> bool:
    return row[STATUS] not in _TERMINAL


def is_late(row: SaleRow) -> bool:
    """Paid although the cashier had canceled it (or it had been shown canceled/expired)."""
    return row[STATUS] == PAID and row[LATE]


def is_counted_elsewhere(row: SaleRow) -> bool:
    """Paid, its Mercado Pago payment counted on another sale of the books (``MP-…``)."""
    return row[STATUS] == PAID and row[COUNTED_ELSEWHERE]


def qr_paid(row: SaleRow) -> Decimal:
    """What Mercado Pago received for the sale (:func:`pos_app.domain.records.qr_paid`): its
    approved amount, its total when none is recorded, 0 when its payment is counted on another
    sale (the close counts it there, once)."""
    if row[STATUS] != PAID or not (row[TENDER] != CASH or row[LATE]):
        return Decimal(0)
    if row[PAID_AMOUNT]:
        return row[PAID_AMOUNT]
    return Decimal(0) if row[COUNTED_ELSEWHERE] else row[TOTAL]


def amount_paid(row: SaleRow) -> Decimal:
    """What the customer paid: Mercado Pago's approved amount, the total in cash, or both (a
    sale paid both ways: :func:`pos_app.domain.records.amount_paid`)."""
    cash = row[TOTAL] if row[TENDER] == CASH and row[STATUS] in (CANCELED, PAID) else Decimal(0)
    return cash + qr_paid(row)


def matches_text(row: SaleRow, needle: str) -> bool:
    """``needle`` (case-folded, not empty) in the reference or a line's name, or exactly a
    line's SKU (case-folded) or barcode."""
    if SEP in needle:
        return False
    return needle in row[TEXTS] or f"{SEP}{needle}{SEP}" in row[CODES]
