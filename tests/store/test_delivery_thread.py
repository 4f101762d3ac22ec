"""The store database's delivery works on a thread of its own, never on the caller's loop (the
window's): a month's backlog took ~20 s of the window's thread (README, "a busy shop's year").
Counted, never timed: which thread did the work, how many turns the caller's loop made."""

from __future__ import annotations

import asyncio
import socket
import threading
from pathlib import Path
from typing import Any

import pytest

from pos_app.ledger.store import Ledger, OutboxChange
from pos_app.store import replication
from pos_app.store.replication import ReplicationStatus, StoreReplicator
from tests.store.helpers import open_ledger, rows, sell
from tests.store.pgserver import SUPERPASS, PgServer

pytestmark = pytest.mark.posix


def _replicator(ledger: Ledger, url: str, **kw: Any) -> StoreReplicator:
    kw.setdefault("idle_poll", 0.05)
    kw.setdefault("first_retry", 0.05)
    kw.setdefault("max_retry", 0.2)
    return StoreReplicator(ledger, url, SUPERPASS, box="CAJA01", store="SUC001", **kw)


async def _until(predicate: Any, timeout: float = 30.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.02)


def test_the_work_is_done_on_a_thread_of_its_own_and_the_status_comes_back(
    tmp_path: Path, pg_server: PgServer, store_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = open_ledger(tmp_path)
    for _ in range(4):
        sell(ledger, "CAJA01")
    caller = threading.get_ident()
    delivered_on: set[str] = set()
    read_here: list[str] = []
    real_deliver = replication.deliver

    async def deliver(conn: Any, box: str, store: str, batch: list[OutboxChange]) -> int:
        delivered_on.add(threading.current_thread().name)
        assert threading.get_ident() != caller
        return await real_deliver(conn, box, store, batch)

    monkeypatch.setattr(replication, "deliver", deliver)
    # The caller's ledger connection is not the delivery's: it reads and deletes through its own.
    for name in ("outbox_batch", "outbox_delivered", "outbox_refuse", "outbox_retry_refused"):
        monkeypatch.setattr(ledger, name, lambda *a, _n=name: read_here.append(_n))
    statuses: list[tuple[int, ReplicationStatus]] = []

    async def go() -> None:
        rep = _replicator(
            ledger,
            pg_server.url(dbname=store_db),
            batch_size=5,
            idle_poll=60,  # only a commit's wake-up delivers the next sale in time
            on_status=lambda s: statuses.append((threading.get_ident(), s)),
        )
        rep.start()
        await _until(lambda: rep.status().up_to_date and rep.delivered == 12)
        await _until(lambda: bool(statuses) and statuses[-1][1].up_to_date)
        sell(ledger, "CAJA01")  # its commit wakes the delivery
        await _until(lambda: rep.delivered == 15)
        await rep.aclose()

    asyncio.run(go())
    assert delivered_on == {"store-delivery-CAJA01"}
    assert read_here == []
    # Every status was handed to the caller's thread; the waiting count went down batch by
    # batch (5 changes each) as the thread computed it.
    assert {thread for thread, _ in statuses} == {caller}
    waiting = [s.waiting for _, s in statuses]
    assert waiting[0] == 12 and 7 in waiting and 2 in waiting and waiting[-1] == 0
    admin = pg_server.admin_url(store_db)
    assert rows(admin, "SELECT count(*) FROM changes")[0][0] == 15
    ledger.close()


def test_the_callers_loop_turns_while_a_batch_is_being_made(
    tmp_path: Path, pg_server: PgServer, store_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch's work (here held until the caller's loop has turned 50 times) never holds up
    the caller's loop: on the window's thread it would, and the loop would not turn at all."""
    ledger = open_ledger(tmp_path)
    for _ in range(100):  # 300 changes, in batches of 200
        sell(ledger, "CAJA01")
    holding, turned = threading.Event(), threading.Event()
    turns_while_held: list[int] = []
    turns = 0
    real = replication._storable_change

    def held(change: OutboxChange) -> OutboxChange:
        if not turned.is_set():
            start = turns
            holding.set()
            turned.wait(10)  # a fail-safe: on the loop's own thread it would wait forever
            turns_while_held.append(turns - start)
            turned.set()
        return real(change)

    monkeypatch.setattr(replication, "_storable_change", held)

    async def go() -> None:
        nonlocal turns
        rep = _replicator(ledger, pg_server.url(dbname=store_db))
        rep.start()
        since = 0
        while not rep.status().up_to_date:
            await asyncio.sleep(0)
            turns += 1
            since = since + 1 if holding.is_set() else 0
            if since >= 50:
                turned.set()
        await rep.aclose()

    asyncio.run(go())
    assert turns_while_held and turns_while_held[0] >= 50
    assert rows(pg_server.admin_url(store_db), "SELECT count(*) FROM changes")[0][0] == 300
    ledger.close()


def test_closing_never_waits_for_a_server_that_does_not_answer(tmp_path: Path) -> None:
    """A server that takes the connection and never answers (a dead network's half-open
    socket): the attempt waits on the delivery thread; closing, with its flush, returns
    anyway, long before the attempt's own timeout."""
    ledger = open_ledger(tmp_path)
    sell(ledger, "CAJA01")
    silent = socket.create_server(("127.0.0.1", 0))
    port = silent.getsockname()[1]
    accepted: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                accepted.append(silent.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()

    async def go() -> None:
        rep = _replicator(
            ledger, f"postgresql://postgres@127.0.0.1:{port}/store", connect_timeout=120
        )
        rep.start()
        await _until(lambda: bool(accepted))
        closing = asyncio.ensure_future(rep.aclose(flush=0.2))
        done, _ = await asyncio.wait([closing], timeout=60)  # the attempt itself waits 120 s
        assert closing in done
        closing.result()

    try:
        asyncio.run(go())
    finally:
        silent.close()
        for conn in accepted:
            conn.close()
    assert ledger.outbox_waiting()[0] == 3  # kept for the next start
    ledger.close()
