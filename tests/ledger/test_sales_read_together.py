"""Sales listed together read their lines together (a query per 500 sales, not one per sale),
and the day book reads the sales of a period with one query: the same snapshots and facts as
reading each sale alone, across the 500-sale chunks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from pos_app.domain.cart import CartLine
from pos_app.domain.sale import SaleStatus
from pos_app.ledger.day import DayBook
from pos_app.ledger.store import Ledger
from tests.ledger_sales import record_sale


def unsynced(path: Path) -> Ledger:
    """A ledger for set-ups of a thousand sales: each sale's commits without waiting for the disk
    (``synchronous=OFF``; the app's is FULL). What is read back is the same; the fsyncs were
    a fifth of these tests' CPU and three quarters of their time."""
    ledger = Ledger(path, outbox=False)
    ledger._conn.execute("PRAGMA synchronous=OFF")
    return ledger


def test_sales_read_together_are_the_sales_read_one_by_one(tmp_path: Path) -> None:
    ledger = unsynced(tmp_path / "ledger.sqlite3")
    start = datetime.now(UTC) - timedelta(hours=1)
    for i in range(1, 1_103):  # three chunks of lines; 1 to 3 lines per sale
        lines = [
            CartLine(sku=f"S{i}-{n}", title=f"Item {i}.{n}", unit_price=Decimal(n), quantity=n)
            for n in range(1, 1 + i % 3 + 1)
        ]
        # three in four end (paid), the rest stay open
        record_sale(ledger, lines, at=start + timedelta(seconds=i), paid=bool(i % 4))
    end = start + timedelta(hours=2)
    listed = ledger.sales_between(start, end)
    assert len(listed) == 1_102
    one_by_one = [ledger.get_sale(s.external_reference) for s in listed]
    assert listed == one_by_one
    assert [len(s.lines) for s in listed[:3]] == [2, 1, 3]  # newest first: 1102, 1101, 1100
    assert ledger.sales_since(start) == listed
    assert ledger.all_sales(limit=2_000) == listed
    assert ledger.open_sales() == [s for s in reversed(listed) if s.status is SaleStatus.CREATING]

    facts = DayBook(ledger).sale_facts(start)
    ended = [s for s in reversed(listed) if s.status is SaleStatus.PAID]
    assert [f.reference for f in facts] == [s.external_reference for s in ended] + [
        s.external_reference for s in ledger.open_sales()
    ]
    assert [f.lines for f in facts[: len(ended)]] == [s.lines for s in ended]
    assert all(f.settled_at is not None for f in facts[: len(ended)])


def test_a_day_of_sales_is_read_in_a_few_queries(tmp_path: Path) -> None:
    """Was one query per sale for its lines (three per sale for the close): 1,200 sales read
    in four statements now (five for the close)."""
    ledger = unsynced(tmp_path / "ledger.sqlite3")
    start = datetime.now(UTC) - timedelta(hours=1)
    line = CartLine(sku="A1", title="Alfajor", unit_price=Decimal("100.50"), quantity=1)
    for i in range(1_200):
        record_sale(ledger, [line], at=start + timedelta(seconds=i))
    statements: list[str] = []
    ledger._conn.set_trace_callback(statements.append)
    try:
        assert len(ledger.sales_between(start, start + timedelta(hours=2))) == 1_200
        listed = len(statements)
        statements.clear()
        assert len(DayBook(ledger).sale_facts(start)) == 1_200
        facts = len(statements)
    finally:
        ledger._conn.set_trace_callback(None)
    assert listed <= 1 + 3  # the sales, then their lines 500 sales at a time
    assert facts <= 1 + 3 + 1  # the sales ended since, their lines, the open ones
