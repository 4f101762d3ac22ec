"""A period's sales as the history lists them (:mod:`pos_app.domain.sale_rows`), read straight
from the tables: no :class:`~pos_app.domain.records.SaleSnapshot`, no line objects.

A month of a busy box (~12,000 sales, ~42,000 lines) read as snapshots made ~115,000 objects
the garbage collector tracks, all alive until the read ended: they were promoted to its oldest
generation on the way, and that promotion is what starts a full collection. Here the sales and
their lines come from two cursors in the same order (newest sale first) and are merged as they
go: the only objects made per sale are SQLite's row tuples (untracked at their first
collection), atomic values, and the row itself.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from decimal import Decimal

from pos_app.domain.sale_rows import SaleRow, make_row
from pos_app.ledger.amounts import DamagedAmount, readable, sale_record

# Whether a sale has no Mercado Pago payment of its own but was sent in orders (what
# ``counted_elsewhere`` asks of its ids), compared as stored: "[]" is how the ledger writes none.
_NO_PAYMENT_OF_ITS_OWN = (
    "(payment_ids = '[]' AND order_payment_ids = '[]' AND merchant_order_ids <> '[]')"
)
_SALES = (
    "SELECT id, external_reference, created_at, total, paid_amount, status, tender, "
    f"late_payment, cancel_requested, {_NO_PAYMENT_OF_ITS_OWN} FROM sales "
    "WHERE created_at >= ? AND created_at < ? ORDER BY id DESC"
)
_LINES = (
    "SELECT l.sale_id, l.title, l.sku, l.barcode FROM sales s "
    "JOIN sale_lines l ON l.sale_id = s.id "
    "WHERE s.created_at >= ? AND s.created_at < ? ORDER BY l.sale_id DESC, l.position"
)
_ONE_SALE = (
    "SELECT id, external_reference, created_at, total, paid_amount, status, tender, "
    f"late_payment, cancel_requested, {_NO_PAYMENT_OF_ITS_OWN} FROM sales "
    "WHERE external_reference = ?"
)
_ONE_SALE_LINES = "SELECT title, sku, barcode FROM sale_lines WHERE sale_id = ? ORDER BY position"
_PAID: str = "paid"
# The confirmed refunds of the sales created in a period: through the sales' time index and the
# refunds' sale index, so a day costs its few refunds (~0.3 ms at a busy shop's year), not the
# year's ~2,800 (~10 ms: what the history read on the window's thread at every period change).
_REFUNDED = (
    "SELECT s.external_reference, r.amount FROM sales s JOIN refunds r ON r.sale_id = s.id "
    "WHERE s.created_at >= ? AND s.created_at < ? AND r.status = 'refunded'"
)


def read_sale_rows(conn: sqlite3.Connection, start: str, end: str) -> list[SaleRow]:
    """Sales created in ``[start, end)`` (ISO texts as the ledger stores them), newest first.
    ``conn`` must return plain tuples (no row factory)."""
    lines = conn.execute(_LINES, (start, end))
    line = lines.fetchone()
    found: list[SaleRow] = []
    for (
        sale_id,
        reference,
        created,
        total,
        paid,
        status,
        tender,
        late,
        cancel,
        none,
    ) in conn.execute(_SALES, (start, end)):
        mine: list[tuple[str, str, str]] = []
        while line is not None and line[0] >= sale_id:
            if line[0] == sale_id:
                mine.append((line[1], line[2], line[3]))
            line = lines.fetchone()
        found.append(
            _row(reference, created, total, paid, status, tender, bool(late or cancel), mine, none)
        )
    return found


def read_period_refunded(conn: sqlite3.Connection, start: str, end: str) -> dict[str, Decimal]:
    """The confirmed refunds of the sales :func:`read_sale_rows` reads for ``[start, end)``,
    by reference (sales without one left out), as ``RefundStore.refunded_amounts`` adds them."""
    totals: dict[str, Decimal] = {}
    for reference, stored in conn.execute(_REFUNDED, (start, end)):
        amount = readable(stored)
        if amount is None:
            raise DamagedAmount(sale_record(reference), "refund amount", stored)
        totals[reference] = totals.get(reference, Decimal(0)) + amount
    return totals


def read_sale_row(conn: sqlite3.Connection, reference: str) -> SaleRow | None:
    """The row of one sale, the very tuple :func:`read_sale_rows` makes for it (the history
    reads one sale's row when that sale changes, not the whole period again); ``None`` for a
    reference the ledger does not have. Any row factory (values are read by position)."""
    sale = conn.execute(_ONE_SALE, (reference,)).fetchone()
    if sale is None:
        return None
    sale_id, reference, created, total, paid, status, tender, late, cancel, none = tuple(sale)
    lines = [(line[0], line[1], line[2]) for line in conn.execute(_ONE_SALE_LINES, (sale_id,))]
    return _row(reference, created, total, paid, status, tender, bool(late or cancel), lines, none)


def _row(
    reference: str,
    created: str,
    total: object,
    paid: object,
    status: str,
    tender: str | None,
    late: bool,
    lines: list[tuple[str, str, str]],
    no_payment_of_its_own: object,
) -> SaleRow:
    paid_amount = _amount(paid, reference, "paid_amount") if paid is not None else None
    return make_row(
        reference,
        datetime.fromisoformat(created),
        _amount(total, reference, "total"),
        paid_amount,
        status,
        tender or "",
        status == _PAID and late,
        lines,
        # As records.counted_elsewhere: paid, nothing approved of its own, no payment id.
        status == _PAID and not paid_amount and bool(no_payment_of_its_own),
    )


def _amount(value: object, reference: str, column: str) -> Decimal:
    """A stored amount, checked as every ledger read checks it (:mod:`pos_app.ledger.amounts`):
    a damaged one stops the read with the sale named, never a traceback or a guess."""
    amount = readable(value)
    if amount is None:
        raise DamagedAmount(sale_record(reference), column, value)
    return amount
