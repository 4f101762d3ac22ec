"""A store database back from an outage is noticed within about a second, without trying it
more often than before: while nothing listens at its address, only a TCP connection is tried
(what a refused attempt costs the server: nothing), every ~1 s; the real attempts keep their
growing pause (0.5 s doubling, at most 10 s), which is all a server that answers but refuses
gets. The pauses run on a virtual clock (``retry_sleep``), their jitter fixed: no time is
asserted, only the clock's."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from pos_app.ledger.store import Ledger
from pos_app.store import replication
from pos_app.store.replication import StoreReplicator, server_addresses
from tests.store.helpers import open_ledger, sell
from tests.store.pgserver import SUPERPASS, PgServer
from tests.store.test_faults import _until

pytestmark = [pytest.mark.posix, pytest.mark.slow]

BACK = 36.0  # seconds of the delivery's clock: just after an attempt (35.5), 10 s before the next


class Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.pauses: list[float] = []
        self.on_passing: tuple[float, object] | None = None
        self.hold_at = 0  # from this pause on, time stands still (0: never)

    async def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        if self.hold_at and len(self.pauses) >= self.hold_at:
            await asyncio.Event().wait()  # until the delivery is closed
        self.now += seconds
        if self.on_passing is not None and self.now >= self.on_passing[0]:
            _, action = self.on_passing
            self.on_passing = None
            await asyncio.to_thread(action)  # type: ignore[arg-type]
        await asyncio.sleep(0)


def _replicator(
    ledger: Ledger, url: str, clock: Clock, password: str = SUPERPASS
) -> StoreReplicator:
    return StoreReplicator(
        ledger, url, password, box="CAJA01", store="SUC001", retry_sleep=clock.sleep
    )


def test_a_server_back_is_noticed_within_a_second_of_its_return(
    tmp_path: Path, pg_server: PgServer, store_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(replication.random, "uniform", lambda a, b: 1.0)
    ledger = open_ledger(tmp_path)
    clock = Clock()

    async def go() -> tuple[int, int, int]:
        rep = _replicator(ledger, pg_server.url(dbname=store_db), clock)
        rep.start()
        sell(ledger, "CAJA01")
        await _until(lambda: rep.delivered == 3)
        before = rep.attempts
        await asyncio.to_thread(pg_server.stop, "fast")
        try:
            clock.on_passing = (BACK, pg_server.start)
            sell(ledger, "CAJA01")
            await _until(lambda: rep.delivered == 6, timeout=120)
        finally:
            if clock.on_passing is not None:  # failed before: leave the server up for others
                await asyncio.to_thread(pg_server.start)
        outage_attempts = rep.attempts - before - 1  # the last one succeeded
        await rep.aclose()
        return outage_attempts, rep.probes, len(clock.pauses)

    attempts, probes, pauses = asyncio.run(go())
    # Was: the next attempt 35.5 + 10 s, noticed 9.5 s after the return (up to ~12 s).
    assert BACK <= clock.now <= BACK + 1.0
    # The real attempts as before: at 0.5, 1.5, 3.5, 7.5, 15.5, 25.5 and 35.5 s (at 0 the
    # open connection failed: one more if it had noticed its end before); between them, TCP
    # connections only, about one a second.
    assert 7 <= attempts <= 8
    assert probes >= 25 and pauses >= 30
    ledger.close()


def test_a_server_that_answers_but_refuses_gets_the_growing_pause_only(
    tmp_path: Path, pg_server: PgServer, store_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(replication.random, "uniform", lambda a, b: 1.0)
    ledger = open_ledger(tmp_path)
    sell(ledger, "CAJA01")
    clock = Clock()
    clock.hold_at = 8

    async def go() -> None:
        rep = _replicator(ledger, pg_server.url(dbname=store_db), clock, password="wrong")
        rep.start()
        await _until(lambda: len(clock.pauses) == 8)
        assert "password" in rep.status().problem
        await rep.aclose()
        # One look at the address after each failure (it listens: the pause is not cut).
        assert rep.attempts == rep.failures == rep.probes == 8

    asyncio.run(go())
    assert clock.pauses[:7] == [0.5, 1.0, 2.0, 4.0, 8.0, 10.0, 10.0]
    ledger.close()


def test_where_the_server_listens(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGHOST", raising=False)
    monkeypatch.delenv("PGPORT", raising=False)
    assert server_addresses("postgresql://caja01:pw@db.local:5433/store") == [("db.local", 5433)]
    assert server_addresses("postgresql://caja01@db.local/store") == [("db.local", 5432)]
    assert server_addresses("host=/run/postgresql dbname=store") == [
        ("/run/postgresql/.s.PGSQL.5432", 0)
    ]
    assert server_addresses("host=a,b port=1,2 dbname=s") == [("a", 1), ("b", 2)]
    assert server_addresses("host=a,b port=5 dbname=s") == [("a", 5), ("b", 5)]
    assert server_addresses("host=db hostaddr=10.0.0.7 dbname=s") == [("10.0.0.7", 5432)]
    # Cannot be told: every attempt is a real one, with its growing pause, as before.
    assert server_addresses("dbname=store") == []
    assert server_addresses("host=a,b,c port=1,2 dbname=s") == []
    assert server_addresses("host=@abstract dbname=s") == []
    assert server_addresses("not a conninfo ===") == []
    monkeypatch.setenv("PGHOST", "pg.lan")
    monkeypatch.setenv("PGPORT", "6000")
    assert server_addresses("dbname=store") == [("pg.lan", 6000)]
