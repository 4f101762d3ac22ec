"""The sales history's rows read straight from the ledger are the rows of the sales read whole,
and none of them is an object the garbage collector keeps walking."""

from __future__ import annotations

import gc
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from pos_app.domain import sale_rows as rows_
from pos_app.domain.cart import CartLine
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.domain.sale_rows import sale_row
from pos_app.ledger.store import Ledger
from tests.ledger_sales import record_sale


def _ledger(tmp_path: Path) -> tuple[Ledger, datetime]:
    ledger = Ledger(tmp_path / "ledger.sqlite3", outbox=False)
    start = datetime.now(UTC) - timedelta(hours=2)
    for i in range(1, 41):
        lines = [
            CartLine(
                sku=f"Sku-{i}-{n}",
                title=f"Yerba Mate {i}.{n}",
                barcode=f"779{i:05d}{n}",
                unit_price=Decimal(n),
                quantity=n,
            )
            for n in range(1, 1 + i % 4 + 1)
        ]
        sale = record_sale(ledger, lines, at=start + timedelta(seconds=i), paid=bool(i % 5))
        if i % 7 == 0:  # cash: canceled on Mercado Pago's side, the drawer took it
            ledger.update_sale(
                sale.external_reference,
                {"status": SaleStatus.CANCELED, "tender": Tender.CASH},
                now=start + timedelta(seconds=i),
                kind="status",
                cause="test",
                old_status=sale.status,
                new_status=SaleStatus.CANCELED,
            )
        elif i % 9 == 0:  # paid although the cashier had asked to cancel it
            ledger.update_sale(
                sale.external_reference,
                {"cancel_requested": True},
                now=start + timedelta(seconds=i),
                kind="cancel_requested",
                cause="test",
            )
    return ledger, start


def test_rows_read_straight_are_the_rows_of_the_whole_sales(tmp_path: Path) -> None:
    ledger, start = _ledger(tmp_path)
    for first, last in (
        (start, start + timedelta(hours=1)),
        (start + timedelta(seconds=10), start + timedelta(seconds=20)),
    ):
        whole = ledger.sales_between(first, last)
        rows = ledger.sale_rows_between_apart(first, last)
        assert rows == [sale_row(s) for s in whole]
    rows = ledger.sale_rows_between_apart(start, start + timedelta(hours=1))
    assert len(rows) == 40
    assert {r[rows_.STATUS] for r in rows} == {"paid", "creating", "canceled"}
    assert any(rows_.is_late(r) for r in rows)
    assert any(r[rows_.TENDER] == rows_.CASH for r in rows)
    newest = rows[0]  # sale 40: "Yerba Mate 40.1"
    assert rows_.matches_text(newest, "mate 40.1")
    assert rows_.matches_text(newest, "sku-40-1")  # an SKU, whole and case-folded
    assert not rows_.matches_text(newest, "sku-40")  # never part of a code
    assert rows_.matches_text(newest, "779000401")
    assert not rows_.matches_text(newest, "77900040")
    assert rows_.matches_text(newest, newest[rows_.REFERENCE][-6:].casefold())
    assert not rows_.matches_text(newest, "mate 40.1\x00")


def test_no_row_stays_tracked_by_the_garbage_collector(tmp_path: Path) -> None:
    ledger, start = _ledger(tmp_path)
    rows = ledger.sale_rows_between_apart(start, start + timedelta(hours=1))
    gc.collect()
    assert not any(gc.is_tracked(r) for r in rows)
    whole = [sale_row(s) for s in ledger.sales_between(start, start + timedelta(hours=1))]
    gc.collect()
    assert not any(gc.is_tracked(r) for r in whole)


def test_one_sales_row_is_the_row_the_period_read_makes_for_it(tmp_path: Path) -> None:
    """The history reads one changed sale's row (``Ledger.sale_row``): the very tuple of the
    period's read, on the ledger's own connection (its row factory) too."""
    ledger, start = _ledger(tmp_path)
    rows = ledger.sale_rows_between_apart(start, start + timedelta(hours=1))
    assert [ledger.sale_row(r[rows_.REFERENCE]) for r in rows] == rows
    assert ledger.sale_row("CAJA01S999999XNOTHERE") is None
