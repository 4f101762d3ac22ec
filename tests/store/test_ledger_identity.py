"""Rows keyed by the ledger's own numbers (refunds, shifts, cash movements, closes) carry the
ledger's identity: a fresh ledger (``pos-app ledger recover --fresh``) or a restored backup
numbers from 1 (or from the backup) again, and its rows sit beside the old ones instead of
overwriting them. Sales go under the box and store they were made on, not the counter's
current one."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest

from pos_app.domain.day import MovementKind
from pos_app.domain.sale import Tender
from pos_app.ledger import recovery
from pos_app.ledger.refunds import RefundRecord, RefundStatus, RefundStore
from pos_app.ledger.store import Ledger
from pos_app.store.replication import StoreReplicator, connect, deliver
from pos_app.store.schema import StoreDatabaseError
from tests.store.helpers import MLA, open_ledger, rows, sell
from tests.store.pgserver import SUPERPASS, PgServer

pytestmark = [pytest.mark.posix, pytest.mark.slow]


def pending_refund(
    ledger: Ledger,
    amount: str,
    *,
    box: str = "CAJA01",
    sold: str = "100.00",
    key: str = "",
    payment_id: int = 7,
) -> RefundRecord:
    """A refund of ``amount`` written (pending) on a new sale of ``sold``."""
    sale = sell(ledger, box, sold)
    return RefundStore(ledger).add(
        sale.external_reference,
        key=key or f"k-{sale.external_reference}",
        amount=Decimal(amount),
        tender=Tender.QR,
        payment_id=payment_id,
        now=datetime.now(UTC),
        limit=sale.total,
    )


def refund(ledger: Ledger, box: str, amount: str) -> int:
    done = pending_refund(ledger, amount, box=box)
    RefundStore(ledger).settle(
        done.id, RefundStatus.REFUNDED, now=datetime.now(UTC), mp_refund_id="R"
    )
    return done.id


def day_records(ledger: Ledger, box: str, amount: str) -> int:
    """A shift, a cash movement, a refund and a close, each the ledger's first of its kind."""
    now = datetime.now(UTC)
    ledger.day.open_shift("Ana", Decimal(amount), now=now)
    ledger.day.add_movement(MovementKind.IN, Decimal(amount), "change", now=now)
    refund_id = refund(ledger, box, amount)
    ledger.day.close(MLA, now=datetime.now(UTC) + timedelta(milliseconds=5))
    return refund_id


async def _deliver_all(url: str, ledger: Ledger, box: str) -> None:
    conn = await connect(url, SUPERPASS, box=box, ledger=ledger.ledger_id)
    try:
        batch = ledger.outbox_batch(1000)
        await deliver(conn, box, "SUC001", batch)
        ledger.outbox_delivered(batch[-1].seq)
    finally:
        await conn.close()


def test_a_fresh_ledgers_rows_sit_beside_the_old_ones(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    url = pg_server.url(dbname=store_db)
    ledger = open_ledger(tmp_path)
    path, first_id = ledger.path, ledger.ledger_id
    assert day_records(ledger, "CAJA01", "10.00") == 1
    asyncio.run(_deliver_all(url, ledger, "CAJA01"))
    ledger.close()
    os.truncate(path, 60)  # damaged: the way back is a fresh ledger
    recovery.start_fresh(path)
    ledger = open_ledger(tmp_path)
    assert ledger.ledger_id != first_id and len(ledger.ledger_id) == 32
    assert day_records(ledger, "CAJA01", "7.00") == 1  # numbered from 1 again
    asyncio.run(_deliver_all(url, ledger, "CAJA01"))
    ledger.close()

    admin = pg_server.admin_url(store_db)
    both = [(first_id, Decimal("10.00")), (ledger.ledger_id, Decimal("7.00"))]
    order = "ORDER BY amount DESC"
    assert rows(admin, f"SELECT ledger, amount FROM refunds WHERE id = 1 {order}") == both
    assert rows(admin, f"SELECT ledger, amount FROM cash_movements WHERE id = 1 {order}") == both
    shifts = rows(admin, "SELECT ledger, starting_float FROM shifts ORDER BY 2 DESC")
    assert shifts == both
    closes = rows(admin, "SELECT ledger, number, net FROM closes ORDER BY net")
    assert closes == [(first_id, 1, Decimal("90.00")), (ledger.ledger_id, 1, Decimal("93.00"))]
    # Every change of both ledgers is in the log (their numbers overlap: seq 1 twice).
    counted = rows(admin, "SELECT ledger, count(*), min(seq) FROM changes GROUP BY 1 ORDER BY 2")
    assert {(led, low) for led, _, low in counted} == {(first_id, 1), (ledger.ledger_id, 1)}


def test_a_restored_backup_gets_an_identity_of_its_own(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    url = pg_server.url(dbname=store_db)
    ledger = open_ledger(tmp_path / "till")
    refund(ledger, "CAJA01", "10.00")
    backup = tmp_path / "backup.sqlite3"
    target = sqlite3.connect(backup)
    ledger._conn.backup(target)  # the backup holds refund 1 (and its waiting outbox)
    target.close()
    assert refund(ledger, "CAJA01", "20.00") == 2  # made after the backup, delivered
    asyncio.run(_deliver_all(url, ledger, "CAJA01"))
    path, first_id = ledger.path, ledger.ledger_id
    ledger.close()

    recovery.put_back(path, backup, damaged=False)
    ledger = open_ledger(tmp_path / "till")
    assert ledger.ledger_id != first_id
    # What the backup still had waiting keeps the identity it was written under.
    assert {c.ledger for c in ledger.outbox_batch(1000)} == {first_id}
    assert refund(ledger, "CAJA01", "30.00") == 2  # the restored ledger hands out id 2 again
    asyncio.run(_deliver_all(url, ledger, "CAJA01"))
    ledger.close()
    found = rows(
        pg_server.admin_url(store_db), "SELECT id, amount, status FROM refunds ORDER BY amount"
    )
    assert found == [
        (1, Decimal("10.00"), "refunded"),  # delivered twice, stored once
        (2, Decimal("20.00"), "refunded"),
        (2, Decimal("30.00"), "refunded"),
    ]


def test_a_pending_refund_a_restored_backup_settles_stays_one_row(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    """Delivered pending, then the backup holding it put back (a new identity), then settled
    there: the row the old identity delivered becomes refunded; no second row beside it. A
    later change never moves it back to pending, and a refund the restored ledger numbers 1
    again is still a row of its own."""
    url = pg_server.url(dbname=store_db)
    ledger = open_ledger(tmp_path / "till")
    pending = pending_refund(ledger, "10.00", key="k-pending")
    asyncio.run(_deliver_all(url, ledger, "CAJA01"))
    backup = tmp_path / "backup.sqlite3"
    target = sqlite3.connect(backup)
    ledger._conn.backup(target)
    target.close()
    path, first_id = ledger.path, ledger.ledger_id
    ledger.close()

    recovery.put_back(path, backup, damaged=False)
    ledger = open_ledger(tmp_path / "till")
    assert ledger.ledger_id != first_id
    store = RefundStore(ledger)
    later = datetime.now(UTC) + timedelta(seconds=1)
    store.settle(pending.id, RefundStatus.REFUNDED, now=later, mp_refund_id="R")
    asyncio.run(_deliver_all(url, ledger, "CAJA01"))
    admin = pg_server.admin_url(store_db)
    query = "SELECT ledger, id, amount, status FROM refunds ORDER BY amount"
    assert rows(admin, query) == [(first_id, 1, Decimal("10.00"), "refunded")]

    # The same refund sent pending again (a history queued anew): still refunded, still one.
    with ledger._tx() as conn:
        ledger.day.queue_history(conn)
    asyncio.run(_deliver_all(url, ledger, "CAJA01"))
    assert rows(admin, query) == [(first_id, 1, Decimal("10.00"), "refunded")]
    # A new refund of the restored ledger, whose number may repeat the old one's: its own row.
    pending_refund(ledger, "20.00", sold="50.00", key="k-new", payment_id=8)
    asyncio.run(_deliver_all(url, ledger, "CAJA01"))
    ledger.close()
    assert rows(admin, query) == [
        (first_id, 1, Decimal("10.00"), "refunded"),
        (ledger.ledger_id, 2, Decimal("20.00"), "pending"),
    ]


def test_rows_from_before_ledgers_were_known_are_the_delivering_ledgers(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    """Refund 1 delivered pending by a release without ledger ids, settled after the update:
    one row, refunded (not a pending copy beside a refunded one)."""
    url = pg_server.url(dbname=store_db)
    ledger = open_ledger(tmp_path)
    store = RefundStore(ledger)
    pending = pending_refund(ledger, "10.00", key="k")
    asyncio.run(_deliver_all(url, ledger, "CAJA01"))
    admin = pg_server.admin_url(store_db)
    with psycopg.connect(admin, autocommit=True) as conn:  # as the older release left it
        for table in ("refunds", "changes", "sales", "sale_events"):
            conn.execute(f"UPDATE {table} SET ledger = ''")
    store.settle(pending.id, RefundStatus.REFUNDED, now=datetime.now(UTC), mp_refund_id="R")
    asyncio.run(_deliver_all(url, ledger, "CAJA01"))
    ledger.close()
    assert rows(admin, "SELECT ledger, status FROM refunds") == [(ledger.ledger_id, "refunded")]
    assert rows(admin, "SELECT count(*) FROM changes WHERE ledger = ''") == [(0,)]


def test_sales_go_under_the_box_and_store_they_were_made_on(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    ledger = open_ledger(tmp_path)
    old = sell(ledger, "CAJA01", "11.00", store="SUC001")  # before the box was changed
    new = sell(ledger, "CAJA09", "22.00", store="SUC002")
    ledger.day.open_shift("Ana", Decimal("5.00"), now=datetime.now(UTC))

    async def go() -> None:
        rep = StoreReplicator(
            ledger, pg_server.url(dbname=store_db), SUPERPASS, box="CAJA09", store="SUC002"
        )
        assert await rep.flush(20)
        await rep.aclose()

    asyncio.run(go())
    ledger.close()
    admin = pg_server.admin_url(store_db)
    assert rows(admin, "SELECT reference, box, store FROM sales ORDER BY total") == [
        (old.external_reference, "CAJA01", "SUC001"),
        (new.external_reference, "CAJA09", "SUC002"),
    ]
    assert rows(admin, "SELECT DISTINCT box FROM sale_events ORDER BY 1") == [
        ("CAJA01",),
        ("CAJA09",),
    ]
    assert rows(admin, "SELECT box FROM shifts") == [("CAJA09",)]  # the drawer is the counter's
    assert rows(admin, "SELECT box, store FROM boxes ORDER BY box") == [
        ("CAJA01", "SUC001"),
        ("CAJA09", "SUC002"),
    ]
    assert rows(admin, "SELECT box, kind, count(*) FROM changes GROUP BY 1, 2 ORDER BY 1, 2") == [
        ("CAJA01", "sale", 3),
        ("CAJA09", "sale", 3),
        ("CAJA09", "shift", 1),
    ]


def test_an_earlier_box_owned_by_another_login_stops_delivery_clearly(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    admin = pg_server.admin_url(store_db)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS counter_x")
    first = open_ledger(tmp_path / "a")
    sell(first, "CAJA01")  # CAJA01 is the first login's (postgres)
    asyncio.run(_deliver_all(pg_server.url(dbname=store_db), first, "CAJA01"))
    first.close()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("CREATE ROLE counter_x LOGIN PASSWORD 'pw-x' IN ROLE pos_counter")
    ledger = open_ledger(tmp_path / "b")
    sell(ledger, "CAJA01")  # this counter was CAJA01 once (another login's now)
    sell(ledger, "CAJA02")
    batch = ledger.outbox_batch()

    async def go() -> None:
        conn = await connect(pg_server.url("counter_x", store_db), "pw-x", box="CAJA02")
        try:
            with pytest.raises(StoreDatabaseError, match="box CAJA01 belongs to the login"):
                await deliver(conn, "CAJA02", "SUC001", batch)
        finally:
            await conn.close()

    asyncio.run(go())
    ledger.close()
    # The batch is one transaction: nothing of it was written, CAJA02's sale neither.
    assert rows(admin, "SELECT count(*) FROM sales WHERE box = 'CAJA02'") == [(0,)]


def test_unmarked_rows_the_ledger_already_has_never_stop_the_connection(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    url = pg_server.url(dbname=store_db)
    ledger = open_ledger(tmp_path)
    refund(ledger, "CAJA01", "10.00")
    asyncio.run(_deliver_all(url, ledger, "CAJA01"))
    admin = pg_server.admin_url(store_db)
    with psycopg.connect(admin, autocommit=True) as conn:  # a copy without a ledger
        conn.execute(
            "INSERT INTO refunds SELECT box, id, seq, reference, amount, tender, status, "
            "created_at, updated_at, row, '' FROM refunds"
        )
    sell(ledger, "CAJA01")
    asyncio.run(_deliver_all(url, ledger, "CAJA01"))  # connects and delivers all the same
    ledger.close()
    assert rows(admin, "SELECT count(*) FROM sales") == [(2,)]
    assert rows(admin, "SELECT ledger = '' FROM refunds ORDER BY 1") == [(False,), (True,)]


def test_a_restored_backups_older_state_of_a_sale_never_reopens_it_in_the_store(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    """A sale waiting when the backup was made, paid afterwards (delivered paid), then the
    backup put back: the restored ledger still has it waiting, and any change it makes to it
    (the status check marking trouble while Mercado Pago cannot be reached) is newer by the
    clock. Until 2026-12-02 that change put the sale back to pending in the store database:
    the store's close lost its payment until the restored counter reconciled it."""
    from pos_app.domain.sale import SaleStatus

    url = pg_server.url(dbname=store_db)
    ledger = open_ledger(tmp_path / "till")
    now = datetime.now(UTC)
    sale = ledger.create_sale(
        user_id=1,
        store_external_id="SUC001",
        box_external_id="CAJA01",
        site=MLA,
        title="Kiosco",
        lines=[],
        total=Decimal("80.00"),
        iva_total=None,
        now=now,
        expires_at=now + timedelta(minutes=10),
    )
    ref = sale.external_reference
    ledger.update_sale(
        ref,
        {"status": SaleStatus.PENDING},
        now=now,
        kind="status",
        cause="order created",
        old_status=SaleStatus.CREATING,
        new_status=SaleStatus.PENDING,
    )
    backup = tmp_path / "backup.sqlite3"
    target = sqlite3.connect(backup)
    ledger._conn.backup(target)
    target.close()
    ledger.update_sale(
        ref,
        {"status": SaleStatus.PAID, "paid_amount": Decimal("80.00"), "tender": Tender.QR},
        now=datetime.now(UTC),
        kind="status",
        cause="paid",
        old_status=SaleStatus.PENDING,
        new_status=SaleStatus.PAID,
    )
    asyncio.run(_deliver_all(url, ledger, "CAJA01"))
    path = ledger.path
    ledger.close()

    recovery.put_back(path, backup, damaged=False)
    ledger = open_ledger(tmp_path / "till")
    ledger.update_sale(
        ref,
        {"trouble_since": datetime.now(UTC) + timedelta(seconds=1), "trouble": "offline"},
        now=datetime.now(UTC) + timedelta(seconds=1),
        kind="trouble",
        cause="connection",
    )
    asyncio.run(_deliver_all(url, ledger, "CAJA01"))
    admin = pg_server.admin_url(store_db)
    assert rows(admin, "SELECT status, paid_amount FROM sales") == [("paid", Decimal("80.00"))]
    # Once the restored counter settles it too (newer and ended), its row is the one kept.
    ledger.update_sale(
        ref,
        {"status": SaleStatus.PAID, "paid_amount": Decimal("80.00"), "tender": Tender.QR},
        now=datetime.now(UTC) + timedelta(seconds=2),
        kind="status",
        cause="paid",
        old_status=SaleStatus.PENDING,
        new_status=SaleStatus.PAID,
    )
    asyncio.run(_deliver_all(url, ledger, "CAJA01"))
    assert rows(admin, "SELECT status, ledger FROM sales") == [("paid", ledger.ledger_id)]
    ledger.close()
