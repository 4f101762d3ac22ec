"""Faults: the server stopped mid-delivery, a counter killed, two counters at once, roles."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import psycopg
import pytest

from pos_app.ledger.store import Ledger
from pos_app.store.replication import StoreReplicator, connect, deliver
from pos_app.store.schema import StoreDatabaseError
from tests.store.helpers import open_ledger, rows, sell
from tests.store.pgserver import SUPERPASS, PgServer

pytestmark = [pytest.mark.posix, pytest.mark.slow]


def _replicator(ledger: Ledger, url: str, box: str, password: str = SUPERPASS) -> StoreReplicator:
    return StoreReplicator(
        ledger,
        url,
        password,
        box=box,
        store="SUC001",
        idle_poll=0.05,
        first_retry=0.05,
        max_retry=0.3,
        probe_every=0.02,  # the server back: tried within 20 ms, not after the whole pause
        batch_size=10,
    )


async def _until(predicate, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.02)


def _same_as_ledger(admin: str, ledger: Ledger, box: str) -> None:
    """Everything the ledger holds is in PostgreSQL, once, in its last state; changes in order."""
    local = {s.external_reference: s for s in ledger.all_sales(limit=100_000)}
    remote = {
        r[0]: (r[1], r[2])
        for r in rows(admin, "SELECT reference, status, total FROM sales WHERE box = %s", box)
    }
    assert remote == {ref: (s.status.value, s.total) for ref, s in local.items()}
    events = sum(len(ledger.sale_events(ref)) for ref in local)
    assert rows(admin, "SELECT count(*) FROM sale_events WHERE box = %s", box)[0][0] == events
    seqs = [
        r[0]
        for r in rows(
            admin, "SELECT seq FROM changes WHERE box = %s ORDER BY received_at, seq", box
        )
    ]
    assert seqs == sorted(seqs), "delivered out of order"
    assert len(seqs) == len(set(seqs)) == events


@pytest.mark.parametrize("crash", ["immediate", "sigkill"])
def test_server_stopped_mid_delivery_and_restarted(
    tmp_path: Path, pg_server: PgServer, store_db: str, crash: str
) -> None:
    ledger = open_ledger(tmp_path)
    sold = 0

    async def go() -> None:
        nonlocal sold
        rep = _replicator(ledger, pg_server.url(dbname=store_db), "CAJA01")
        rep.start()
        for _ in range(20):
            sell(ledger, "CAJA01")
            sold += 1
            await asyncio.sleep(0.005)
        if crash == "sigkill":
            await asyncio.to_thread(pg_server.kill)
        else:  # pg_ctl's immediate mode: no clean shutdown either
            await asyncio.to_thread(pg_server.stop, "immediate")
        for _ in range(20):  # the counter sells on: a sale never waits for the replicator
            sell(ledger, "CAJA01")
            sold += 1
            await asyncio.sleep(0.005)
        await _until(lambda: rep.failures >= 1)
        assert not rep.status().up_to_date
        await asyncio.to_thread(pg_server.start_after_crash)
        await _until(lambda: rep.status().up_to_date)
        await rep.aclose()

    try:
        asyncio.run(go())
    finally:
        try:
            psycopg.connect(pg_server.admin_url(), connect_timeout=2).close()
        except psycopg.OperationalError:  # leave the session's server running for the others
            pg_server.start_after_crash()
    assert sold == 40
    _same_as_ledger(pg_server.admin_url(store_db), ledger, "CAJA01")
    ledger.close()


def test_a_counter_killed_at_any_moment_loses_and_doubles_nothing(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    admin = pg_server.admin_url(store_db)
    url = pg_server.url(dbname=store_db)
    env = {**os.environ, "POS_TEST_PGPASSWORD": SUPERPASS}
    asyncio.run(_first(url))
    for round_ in range(3):
        proc = subprocess.Popen(
            [sys.executable, "-m", "tests.store.counter_proc", str(tmp_path), url, "CAJA01"],
            stdout=subprocess.PIPE,
            env=env,
            cwd=Path(__file__).parents[2],
        )
        assert proc.stdout is not None
        target = 15 * (round_ + 1)
        deadline = time.monotonic() + 60
        while rows(admin, "SELECT count(*) FROM changes")[0][0] < target:
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)  # between any two steps: ledger commit, PG commit, delete
        proc.wait()
        proc.stdout.close()
    ledger = open_ledger(tmp_path)

    async def drain() -> None:
        rep = _replicator(ledger, url, "CAJA01")
        rep.start()
        await _until(lambda: rep.status().up_to_date)
        await rep.aclose()

    asyncio.run(drain())
    _same_as_ledger(admin, ledger, "CAJA01")
    ledger.close()


def test_two_counters_at_once(tmp_path: Path, pg_server: PgServer, store_db: str) -> None:
    a = open_ledger(tmp_path / "a")
    b = open_ledger(tmp_path / "b")

    async def counter(ledger: Ledger, box: str) -> None:
        rep = _replicator(ledger, pg_server.url(dbname=store_db), box)
        rep.start()
        for _ in range(30):
            sell(ledger, box)
            await asyncio.sleep(0)
        await _until(lambda: rep.status().up_to_date)
        await rep.aclose()

    async def go() -> None:
        await asyncio.gather(counter(a, "CAJA01"), counter(b, "CAJA02"))

    asyncio.run(go())
    admin = pg_server.admin_url(store_db)
    _same_as_ledger(admin, a, "CAJA01")
    _same_as_ledger(admin, b, "CAJA02")
    assert rows(admin, "SELECT box, last_seq FROM boxes ORDER BY box") == [
        ("CAJA01", 90),
        ("CAJA02", 90),
    ]
    a.close()
    b.close()


def test_roles_a_counter_writes_only_its_box_the_back_office_only_reads(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    admin = pg_server.admin_url(store_db)
    with psycopg.connect(admin, autocommit=True) as conn:
        for role in ("counter_a", "counter_c", "office"):
            conn.execute(f"DROP ROLE IF EXISTS {role}")
    # The first (administrator's) connection creates the schema and the group roles.
    asyncio.run(_first(pg_server.url(dbname=store_db)))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("CREATE ROLE counter_a LOGIN PASSWORD 'pw-a' IN ROLE pos_counter")
        conn.execute("CREATE ROLE office LOGIN PASSWORD 'pw-o' IN ROLE pos_backoffice")
    ledger = open_ledger(tmp_path)
    sell(ledger, "CAJA01")
    batch = ledger.outbox_batch()
    ledger.outbox_delivered(batch[-1].seq)
    ledger.day.open_shift("Ana", Decimal("0"), now=datetime.now(UTC))
    shift = ledger.outbox_batch()
    url_a = pg_server.url("counter_a", store_db)

    async def as_counter() -> None:
        conn = await connect(url_a, "pw-a", box="CAJA01")
        try:
            assert await deliver(conn, "CAJA01", "SUC001", batch) == 3
            # Another box's rows: refused by the row-level security.
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                await deliver(conn, "CAJA02", "SUC001", shift)
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                await conn.execute("UPDATE sales SET box = 'CAJA02'")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                await conn.execute("DELETE FROM sales")
            cur = await conn.execute("SELECT count(*) FROM sales")  # reads the whole store
            assert (await cur.fetchone()) == (1,)
        finally:
            await conn.close()

    asyncio.run(as_counter())
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS counter_c")
        conn.execute("CREATE ROLE counter_c LOGIN PASSWORD 'pw-c' IN ROLE pos_counter")
    url_c = pg_server.url("counter_c", store_db)

    async def another_login_naming_box_a() -> None:
        with pytest.raises(StoreDatabaseError, match="belongs to the login counter_a"):
            await connect(url_c, "pw-c", box="CAJA01")
        # Even by hand, with the session setting naming box A: refused by the policies.
        conn = await connect(url_c, "pw-c", box="CAJA03")
        try:
            await conn.execute("SELECT set_config('pos_app.box', 'CAJA01', false)")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                await deliver(conn, "CAJA01", "SUC001", batch)
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                await conn.execute("INSERT INTO box_owners (box, owner) VALUES ('X', 'counter_a')")
        finally:
            await conn.close()

    asyncio.run(another_login_naming_box_a())
    with psycopg.connect(
        pg_server.admin_url(store_db).replace("postgres:" + SUPERPASS, "office:pw-o"),
        autocommit=True,
    ) as conn:
        assert conn.execute("SELECT count(*) FROM sales").fetchone() == (1,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE sales SET status = 'canceled'")
    ledger.close()


async def _first(url: str) -> None:
    conn = await connect(url, SUPERPASS, box="ADMIN")
    await conn.close()


def test_a_counter_role_cannot_create_the_schema(pg_server: PgServer, store_db: str) -> None:
    admin = pg_server.admin_url(store_db)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS counter_b")
        conn.execute("CREATE ROLE counter_b LOGIN PASSWORD 'pw-b'")

    async def go() -> None:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            await connect(pg_server.url("counter_b", store_db), "pw-b", box="CAJA02")

    asyncio.run(go())


def test_an_older_schema_is_brought_up_to_date_on_connect(
    pg_server: PgServer, store_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pos_app.store import schema

    admin = pg_server.admin_url(store_db)
    url = pg_server.url(dbname=store_db)
    # A context of its own: monkeypatch.undo() also undid the suite's POS_APP_HOME.
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
        patched.setattr(schema, "VERSION", 1)

        async def old_release() -> None:  # without the box owners: no claim at connect
            conn = await psycopg.AsyncConnection.connect(url, password=SUPERPASS, autocommit=True)
            assert await schema.ensure_schema(conn) == 1
            await conn.close()

        asyncio.run(old_release())
        assert rows(admin, "SELECT version FROM pos_app_schema") == [(1,)]
        assert rows(admin, "SELECT to_regclass('box_owners') IS NULL") == [(True,)]
    asyncio.run(_first(url))
    assert rows(admin, "SELECT version FROM pos_app_schema") == [(schema.VERSION,)]
    assert rows(admin, "SELECT box FROM box_owners") == [("ADMIN",)]
