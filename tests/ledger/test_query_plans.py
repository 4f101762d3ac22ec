"""The ledger's reads that a busy year made slow go through indexes (no timing asserted: SQLite's
own plan, ``EXPLAIN QUERY PLAN``, of every statement they run).

A year of one busy box is ~146,000 sales and ~440,000 history events
(``tests/benchmarks/year_ledger.py``): a statement that reads a whole table costs the close's
preview, the close and ``doctor`` tenths of a second each (README, Performance).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.domain.cart import CartLine
from pos_app.domain.money import site_for
from pos_app.domain.sale import SaleStatus
from pos_app.ledger.store import Ledger

NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    site = site_for("MLA")
    for i in range(3):
        sale = ledger.create_sale(
            user_id=1,
            store_external_id="SUC001",
            box_external_id="CAJA01",
            site=site,
            title="t",
            lines=[CartLine(sku="A", title="Yerba", unit_price=Decimal(100))],
            total=Decimal(100),
            iva_total=None,
            now=NOW - timedelta(minutes=i),
            expires_at=NOW + timedelta(minutes=10),
        )
        if i:
            ledger.update_sale(
                sale.external_reference,
                {"status": SaleStatus.PAID, "paid_amount": Decimal(100)},
                now=NOW,
                kind="status",
                cause="poll",
                old_status=SaleStatus.CREATING,
                new_status=SaleStatus.PAID,
            )
    yield ledger
    ledger.close()


@contextmanager
def statements(conn: sqlite3.Connection) -> Iterator[list[str]]:
    """Every statement run on ``conn`` meanwhile, its arguments written in."""
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        conn.set_trace_callback(None)


def plans(conn: sqlite3.Connection, run: Callable[[], object]) -> list[tuple[str, str]]:
    """(statement, its plan) of every SELECT ``run`` makes."""
    with statements(conn) as seen:
        run()
    found = []
    for sql in seen:
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            plan = "\n".join(row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
            found.append((sql, plan))
    assert found, "no statement seen"
    return found


def full_scans(found: list[tuple[str, str]], *tables: str) -> list[str]:
    return [
        f"{sql}\n{plan}"
        for sql, plan in found
        for line in plan.splitlines()
        if any(line.strip().startswith(f"SCAN {table}") for table in tables)
    ]


def test_the_close_preview_reads_no_whole_sales_or_history(ledger: Ledger) -> None:
    """The sales that ended in the period come through ``sale_events_at``, not every event."""
    found = plans(ledger._conn, lambda: ledger.day.preview(site_for("MLA"), now=NOW))
    assert full_scans(found, "sales", "sale_events") == []
    assert any("sale_events_at" in plan for _sql, plan in found)


def test_the_close_reads_no_whole_sales_or_history(ledger: Ledger) -> None:
    found = plans(ledger._conn, lambda: ledger.day.close(site_for("MLA"), now=NOW))
    assert full_scans(found, "sales", "sale_events") == []


def test_the_sales_waiting_of_every_box_are_found_by_status(ledger: Ledger) -> None:
    """``doctor``, the close and the start-up's resume ask for every box's open sales."""
    found = plans(ledger._conn, ledger.open_sales)
    assert full_scans(found, "sales") == []
    assert any("sales_status" in plan for _sql, plan in found)
    assert [s.status for s in ledger.open_sales()] == [SaleStatus.CREATING]


def test_the_sales_history_rows_read_a_period_through_its_index(ledger: Ledger) -> None:
    """A month of the year is ~12,000 of its ~146,000 sales (``read_sale_rows``)."""
    from pos_app.ledger.sale_rows import read_sale_rows
    from pos_app.ledger.store import iso

    start, end = iso(NOW - timedelta(days=30)) or "", iso(NOW + timedelta(days=1)) or ""
    found = plans(ledger._conn, lambda: read_sale_rows(ledger._conn, start, end))
    assert len(found) == 2
    assert full_scans(found, "sales", "sale_lines", "l", "s") == []
    assert all("sales_created" in plan for _sql, plan in found)
    assert len(read_sale_rows(ledger._conn, start, end)) == 3


def test_the_store_databases_status_reads_no_whole_outbox(tmp_path: Path) -> None:
    """After each batch the delivery says how many changes wait, since when, and which were
    refused: a month offline is ~40,000 changes of JSON (~130 ms a whole read). A batch is
    read in change order (a scan that stops at the batch's size), never through that index."""
    ledger = Ledger(tmp_path / "ledger.sqlite3", outbox=True)
    with ledger._tx() as conn:
        for i in range(3):
            ledger.add_to_outbox(conn, "shift", str(i), {"i": i})
    ledger.outbox_refuse(2, "DataError: x")
    found = plans(ledger._conn, lambda: (ledger.outbox_waiting(), ledger.outbox_refused()))
    assert full_scans(found, "outbox") == []
    assert all("outbox_waiting" in plan for _sql, plan in found)
    assert ledger.outbox_waiting()[0] == 2 and len(ledger.outbox_refused()) == 1
    (batch,) = plans(ledger._conn, ledger.outbox_batch)
    assert "outbox_waiting" not in batch[1] and "TEMP B-TREE" not in batch[1]
    assert [c.seq for c in ledger.outbox_batch()] == [1, 3]
    ledger.close()


def test_one_sales_history_row_is_read_through_its_reference_and_key(ledger: Ledger) -> None:
    """A changed sale's row (``Ledger.sale_row``): two indexed reads, never the period."""
    from pos_app.ledger.sale_rows import read_sale_row

    reference = ledger.all_sales()[0].external_reference
    found = plans(ledger._conn, lambda: read_sale_row(ledger._conn, reference))
    assert len(found) == 2
    assert full_scans(found, "sales", "sale_lines") == []
    assert read_sale_row(ledger._conn, reference) == ledger.sale_row(reference)


def test_one_sales_refunds_are_read_alone(ledger: Ledger) -> None:
    """The history's changed sale: its confirmed refunds, not every refund of the year (a
    year's ~2,000 refunds cost each change ~10 ms); many sales (a period) still one read."""
    from pos_app.ledger.refunds import RefundStore

    store = RefundStore(ledger)
    reference = ledger.all_sales()[0].external_reference
    found = plans(ledger._conn, lambda: store.refunded_amounts([reference]))
    assert full_scans(found, "refunds", "r", "sales", "s") == []
    assert store.refunded_amounts([reference]) == {}
