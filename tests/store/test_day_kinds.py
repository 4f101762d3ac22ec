"""Refunds, shifts, cash movements and closes reach the store database: once, in order, the
newest state winning, through a server restart, each box writing only its own rows."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest

from pos_app.domain.day import MovementKind
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.ledger.refunds import RefundStatus, RefundStore
from pos_app.ledger.store import Ledger
from pos_app.store.replication import StoreReplicator, connect, deliver
from tests.store.helpers import MLA, open_ledger, rows, sell
from tests.store.pgserver import SUPERPASS, PgServer

pytestmark = [pytest.mark.posix, pytest.mark.slow]


def day_of_work(ledger: Ledger, box: str, price: str = "100.00") -> None:
    """A shift, a cash sale and a QR sale, a refund (pending then refunded), another refused,
    cash in and out, and the close: every kind, with a status change."""
    now = datetime.now(UTC)
    ledger.day.open_shift("Ana", Decimal("500.00"), now=now)
    cash = sell(ledger, box, price)
    ledger.update_sale(  # paid in cash instead: canceled on the box, tender cash
        cash.external_reference,
        {"status": SaleStatus.CANCELED, "paid_amount": Decimal(0), "tender": Tender.CASH},
        now=now,
        kind="status",
        cause="cash",
        old_status=SaleStatus.PAID,
        new_status=SaleStatus.CANCELED,
    )
    qr = sell(ledger, box, price)
    refunds = RefundStore(ledger)
    ref = qr.external_reference
    done = refunds.add(
        ref,
        key=f"k1-{ref}",
        amount=Decimal("10.00"),
        tender=Tender.QR,
        payment_id=7,
        now=now,
        limit=qr.total,
    )
    refunds.settle(done.id, RefundStatus.REFUNDED, now=datetime.now(UTC), mp_refund_id="R1")
    no = refunds.add(
        ref,
        key=f"k2-{ref}",
        amount=Decimal("5.00"),
        tender=Tender.QR,
        payment_id=7,
        now=now,
        limit=qr.total,
    )
    refunds.settle(no.id, RefundStatus.REFUSED, now=datetime.now(UTC), reason="no")
    ledger.day.add_movement(MovementKind.IN, Decimal("50.00"), "change", now=datetime.now(UTC))
    ledger.day.add_movement(MovementKind.OUT, Decimal("20.00"), "bank", now=datetime.now(UTC))
    time.sleep(0.005)  # the ledger keeps milliseconds: the close comes after them, not with them
    ledger.day.close(MLA, now=datetime.now(UTC))
    time.sleep(0.005)


def _day_rows(admin: str, box: str) -> dict[str, list[tuple[object, ...]]]:
    return {
        "refunds": rows(
            admin, "SELECT id, amount, status FROM refunds WHERE box = %s ORDER BY id", box
        ),
        "shifts": rows(admin, "SELECT cashier, starting_float FROM shifts WHERE box = %s", box),
        "cash": rows(
            admin, "SELECT kind, amount FROM cash_movements WHERE box = %s ORDER BY id", box
        ),
        "closes": rows(admin, "SELECT number, net FROM closes WHERE box = %s", box),
    }


EXPECTED: dict[str, list[tuple[object, ...]]] = {
    "refunds": [(1, Decimal("10.00"), "refunded"), (2, Decimal("5.00"), "refused")],
    "shifts": [("Ana", Decimal("500.00"))],
    "cash": [("in", Decimal("50.00")), ("out", Decimal("20.00"))],
    "closes": [(1, Decimal("190.00"))],  # 100 cash + 100 QR - 10 refunded
}


def test_each_kind_arrives_once_and_the_newest_state_wins(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    ledger = open_ledger(tmp_path)
    day_of_work(ledger, "CAJA01")
    batch = ledger.outbox_batch(1000)
    kinds = [c.kind for c in batch]
    assert kinds.count("refund") == 4  # two written, each settled once
    assert (kinds.count("shift"), kinds.count("cash_movement"), kinds.count("close")) == (1, 2, 1)
    pending = [c for c in batch if c.kind == "refund"][:1]  # the first refund, still pending

    async def go() -> None:
        conn = await connect(pg_server.url(dbname=store_db), SUPERPASS, box="CAJA01")
        try:
            assert await deliver(conn, "CAJA01", "SUC001", batch) == len(batch)
            assert await deliver(conn, "CAJA01", "SUC001", batch) == 0  # delivered again
            # An older change delivered late never overwrites the newer state.
            await conn.execute("DELETE FROM changes WHERE seq = %s", (pending[0].seq,))
            assert await deliver(conn, "CAJA01", "SUC001", pending) == 1
        finally:
            await conn.close()

    asyncio.run(go())
    admin = pg_server.admin_url(store_db)
    assert _day_rows(admin, "CAJA01") == EXPECTED
    report = rows(admin, "SELECT report->>'net', report->'totals'->>'cash' FROM closes")[0]
    assert report == ("190.00", "100.00")
    ledger.close()


def test_a_server_restart_mid_delivery_loses_and_doubles_nothing(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    ledger = open_ledger(tmp_path)

    async def go() -> None:
        rep = StoreReplicator(
            ledger,
            pg_server.url(dbname=store_db),
            SUPERPASS,
            box="CAJA01",
            store="SUC001",
            idle_poll=0.05,
            first_retry=0.05,
            max_retry=0.3,
            batch_size=3,
        )
        rep.start()
        day_of_work(ledger, "CAJA01")
        await asyncio.to_thread(pg_server.stop, "immediate")
        day_of_work(ledger, "CAJA01", "40.00")  # the counter works on while the server is down
        deadline = time.monotonic() + 30
        while rep.failures < 1:
            assert time.monotonic() < deadline
            await asyncio.sleep(0.02)
        await asyncio.to_thread(pg_server.start_after_crash)
        while not rep.status().up_to_date:
            assert time.monotonic() < deadline + 30
            await asyncio.sleep(0.02)
        await rep.aclose()

    try:
        asyncio.run(go())
    finally:
        try:
            psycopg.connect(pg_server.admin_url(), connect_timeout=2).close()
        except psycopg.OperationalError:
            pg_server.start_after_crash()
    admin = pg_server.admin_url(store_db)
    got = _day_rows(admin, "CAJA01")
    assert got["refunds"] == EXPECTED["refunds"] + [
        (3, Decimal("10.00"), "refunded"),
        (4, Decimal("5.00"), "refused"),
    ]
    assert got["shifts"] == EXPECTED["shifts"] * 2
    assert got["cash"] == EXPECTED["cash"] * 2
    assert got["closes"] == [(1, Decimal("190.00")), (2, Decimal("70.00"))]
    seqs = [
        r[0]
        for r in rows(
            admin, "SELECT seq FROM changes WHERE box = 'CAJA01' ORDER BY received_at, seq"
        )
    ]
    assert seqs == sorted(seqs) and len(seqs) == len(set(seqs)), "out of order or doubled"
    ledger.close()


def test_configuring_a_store_database_queues_the_days_history(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    ledger = open_ledger(tmp_path, outbox=False)
    day_of_work(ledger, "CAJA01")
    assert ledger.outbox_waiting()[0] == 0
    ledger.outbox_enabled = True
    assert ledger.enqueue_all_sales() == 2
    batch = ledger.outbox_batch(1000)

    async def go() -> None:
        conn = await connect(pg_server.url(dbname=store_db), SUPERPASS, box="CAJA01")
        try:
            await deliver(conn, "CAJA01", "SUC001", batch)
        finally:
            await conn.close()

    asyncio.run(go())
    assert _day_rows(pg_server.admin_url(store_db), "CAJA01") == EXPECTED
    ledger.close()


def test_an_adopted_payment_reaches_the_store_database(tmp_path: Path) -> None:
    ledger = open_ledger(tmp_path)
    now = datetime.now(UTC)
    ref = ledger.day.adopt_payment(
        payment_id=99,
        merchant_order_id=None,
        external_reference="",
        amount=Decimal("12.00"),
        site=MLA,
        user_id=1,
        store_external_id="SUC001",
        box_external_id="CAJA01",
        paid_at=now,
        now=now,
    )
    [change] = ledger.outbox_batch()
    assert (change.kind, change.record_id) == ("sale", ref)
    assert change.payload["sale"]["status"] == "paid"
    assert [e["kind"] for e in change.payload["events"]] == ["adopted"]
    ledger.close()


def test_a_counter_writes_only_its_own_boxs_day_records(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    admin = pg_server.admin_url(store_db)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS counter_d")
    asyncio.run(_first(pg_server.url(dbname=store_db)))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("CREATE ROLE counter_d LOGIN PASSWORD 'pw-d' IN ROLE pos_counter")
    ledger = open_ledger(tmp_path)
    day_of_work(ledger, "CAJA05")
    batch = [c for c in ledger.outbox_batch(1000) if c.kind != "sale"]

    async def as_counter() -> None:
        conn = await connect(pg_server.url("counter_d", store_db), "pw-d", box="CAJA05")
        try:
            assert await deliver(conn, "CAJA05", "SUC001", batch) == len(batch)
            for table in ("refunds", "shifts", "cash_movements", "closes"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    await deliver(conn, "CAJA06", "SUC001", batch)
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    await conn.execute(f"UPDATE {table} SET box = 'CAJA06'")
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    await conn.execute(f"DELETE FROM {table}")
        finally:
            await conn.close()

    asyncio.run(as_counter())
    assert _day_rows(admin, "CAJA05") == EXPECTED
    ledger.close()


async def _first(url: str) -> None:
    conn = await connect(url, SUPERPASS, box="ADMIN")
    await conn.close()
