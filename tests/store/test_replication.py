"""The outbox and its delivery to a real PostgreSQL (a throwaway cluster, see conftest)."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest

from pos_app.store.replication import StoreReplicator, connect, deliver
from pos_app.store.schema import VERSION, StoreDatabaseError
from tests.store.helpers import open_ledger, rows, sell
from tests.store.pgserver import SUPERPASS, PgServer

pytestmark = pytest.mark.posix


def _replicator(ledger, url: str, box: str = "CAJA01", **kw) -> StoreReplicator:  # type: ignore[no-untyped-def]
    kw.setdefault("idle_poll", 0.05)
    kw.setdefault("first_retry", 0.05)
    kw.setdefault("max_retry", 0.2)
    return StoreReplicator(ledger, url, SUPERPASS, box=box, store="SUC001", **kw)


async def _until(predicate, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.02)


def test_the_outbox_fills_only_with_a_store_database(tmp_path: Path) -> None:
    off = open_ledger(tmp_path / "off", outbox=False)
    sell(off, "CAJA01")
    assert off.outbox_waiting()[0] == 0
    off.close()
    on = open_ledger(tmp_path / "on")
    sale = sell(on, "CAJA01")
    batch = on.outbox_batch()
    assert [c.kind for c in batch] == ["sale"] * 3
    assert [c.seq for c in batch] == sorted(c.seq for c in batch)
    assert batch[-1].payload["sale"]["status"] == "paid"
    assert {c.record_id for c in batch} == {sale.external_reference}
    on.close()


def test_a_failed_ledger_write_leaves_no_outbox_row(tmp_path: Path) -> None:
    ledger = open_ledger(tmp_path)
    with pytest.raises(KeyError):
        ledger.update_sale(
            "NOPE", {"status": "paid"}, now=sell(ledger, "B").created_at, kind="status", cause="x"
        )
    assert ledger.outbox_waiting()[0] == 3  # the three of the real sale, nothing more
    ledger.close()


def test_delivery_upserts_in_order_and_once(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    url = pg_server.url(dbname=store_db)
    ledger = open_ledger(tmp_path)
    sales = [sell(ledger, "CAJA01", f"{10 + i}.25") for i in range(5)]

    async def go() -> None:
        batch = ledger.outbox_batch()
        conn = await connect(url, SUPERPASS, box="CAJA01")
        try:
            assert await deliver(conn, "CAJA01", "SUC001", batch) == 15
            # The same changes again (a crash after PostgreSQL's commit): nothing new, nothing
            # doubled, and an older change never overwrites a newer one.
            assert await deliver(conn, "CAJA01", "SUC001", batch) == 0
            assert await deliver(conn, "CAJA01", "SUC001", batch[:1]) == 0
        finally:
            await conn.close()

    asyncio.run(go())
    admin = pg_server.admin_url(store_db)
    got = rows(
        admin, "SELECT reference, status, total, paid_amount, tender FROM sales ORDER BY created_at"
    )
    assert [(r[0], r[1], r[2], r[3]) for r in got] == [
        (s.external_reference, "paid", s.total, s.total) for s in sales
    ]
    assert all(isinstance(r[2], Decimal) for r in got)
    assert rows(admin, "SELECT count(*) FROM sale_events")[0][0] == 15
    assert rows(admin, "SELECT count(*) FROM sale_lines")[0][0] == 5
    assert rows(admin, "SELECT count(*), max(seq) FROM changes")[0] == (15, 15)
    assert rows(admin, "SELECT last_seq FROM boxes WHERE box = 'CAJA01'")[0][0] == 15
    ledger.close()


def test_server_down_at_start_then_up(tmp_path: Path, pg_server: PgServer, store_db: str) -> None:
    ledger = open_ledger(tmp_path)

    async def go() -> None:
        dead = _replicator(ledger, f"postgresql://postgres@127.0.0.1:1/{store_db}")
        dead.start()
        sell(ledger, "CAJA01")  # the counter sells while nothing can be delivered
        await _until(lambda: dead.failures >= 2)
        status = dead.status()
        assert status.waiting == 3 and status.since is not None and status.problem
        assert "super" not in status.problem
        await dead.aclose()
        live = _replicator(ledger, pg_server.url(dbname=store_db))
        live.start()
        await _until(lambda: live.status().up_to_date)
        sell(ledger, "CAJA01")
        await _until(lambda: live.status().up_to_date and live.delivered == 6)
        await live.aclose()

    asyncio.run(go())
    assert (
        rows(pg_server.admin_url(store_db), "SELECT count(*) FROM sales WHERE status = 'paid'")[0][
            0
        ]
        == 2
    )
    ledger.close()


def test_a_newer_schema_is_refused_and_nothing_is_written(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    admin = pg_server.admin_url(store_db)

    async def first() -> None:
        conn = await connect(pg_server.url(dbname=store_db), SUPERPASS, box="CAJA01")
        await conn.close()

    asyncio.run(first())
    assert rows(admin, "SELECT version FROM pos_app_schema")[0][0] == VERSION
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("UPDATE pos_app_schema SET version = %s", (VERSION + 1,))
    ledger = open_ledger(tmp_path)
    sell(ledger, "CAJA01")

    async def second() -> None:
        with pytest.raises(StoreDatabaseError, match="newer than this app"):
            await connect(pg_server.url(dbname=store_db), SUPERPASS, box="CAJA01")
        rep = _replicator(ledger, pg_server.url(dbname=store_db))
        rep.start()
        await _until(lambda: rep.failures >= 1)
        assert "newer" in rep.status().problem
        await rep.aclose()

    asyncio.run(second())
    assert ledger.outbox_waiting()[0] == 3
    assert rows(admin, "SELECT count(*) FROM changes")[0][0] == 0
    ledger.close()
