"""A 10-minute partition: the store database unreachable while the counter sells on, then back.

The delivery's pauses between attempts run on a virtual clock (``retry_sleep``): the outage is
10 minutes of the delivery's own time, with its real backoff (0.5 s doubling up to 10 s) and
real failed connections to a stopped PostgreSQL, in a few seconds of the test's; between them
only TCP connections are tried, about one a second (``tests/store/test_server_back.py``). The
cashier sells one sale every 10 s of that time. Then the server comes back: everything
arrives once, in order.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.domain.day import MovementKind
from pos_app.ledger.store import Ledger
from pos_app.store.replication import ReplicationStatus, StoreReplicator
from tests.store.helpers import open_ledger, rows, sell
from tests.store.pgserver import SUPERPASS, PgServer
from tests.store.test_faults import _until

pytestmark = [pytest.mark.posix, pytest.mark.slow]

OUTAGE = 600.0  # seconds of the delivery's clock
SALE_EVERY = 10.0


class Partition:
    """The delivery's clock during the outage; the cashier sells as that time passes."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.now = 0.0
        self.next_sale = SALE_EVERY
        self.pauses: list[float] = []
        self.sold = 0
        self.sell_seconds: list[float] = []  # the real time each sale took
        self.peak: ReplicationStatus | None = None
        self.replicator: StoreReplicator | None = None
        self.server_back = asyncio.Event()
        self.attempts = self.probes = 0  # real connection attempts; TCP connections only

    def sell(self) -> None:
        started = time.perf_counter()
        sell(self.ledger, "CAJA01", "25.00")
        self.sell_seconds.append(time.perf_counter() - started)
        self.sold += 1

    async def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.now += seconds
        while self.next_sale <= min(self.now, OUTAGE):
            self.sell()
            if self.sold == 30:  # and the drawer's records too, midway
                self.ledger.day.add_movement(
                    MovementKind.OUT, Decimal("100.00"), "bank", now=datetime.now(UTC)
                )
            self.next_sale += SALE_EVERY
        assert self.replicator is not None
        self.peak = self.replicator.status()
        if self.now >= OUTAGE:
            await self.server_back.wait()  # time stands still until the server is back
        await asyncio.sleep(0)


def test_ten_minutes_without_the_store_database(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    ledger = open_ledger(tmp_path)
    part = Partition(ledger)
    url = pg_server.url(dbname=store_db)

    async def go() -> None:
        rep = StoreReplicator(  # the production backoff: 0.5 s doubling, at most 10 s
            ledger, url, SUPERPASS, box="CAJA01", store="SUC001", retry_sleep=part.sleep
        )
        part.replicator = rep
        rep.start()
        for _ in range(5):
            sell(ledger, "CAJA01")
        await _until(lambda: rep.status().up_to_date)
        before = rep.delivered
        attempts_before = rep.attempts
        await asyncio.to_thread(pg_server.stop, "fast")
        try:
            part.sell()  # the first sale of the outage: the delivery fails and starts waiting
            await _until(lambda: part.now >= OUTAGE, timeout=60)
            peak = part.peak
            assert peak is not None and not peak.connected and peak.problem
            assert peak.waiting == 3 * part.sold + 1  # every sale's 3 changes, the cash out
            assert peak.since is not None
        finally:
            await asyncio.to_thread(pg_server.start)
        part.server_back.set()
        await _until(lambda: rep.status().up_to_date, timeout=30)
        assert rep.delivered - before == 3 * part.sold + 1
        assert rep.status().problem == ""
        part.attempts = rep.attempts - attempts_before
        part.probes = rep.probes
        await rep.aclose()

    asyncio.run(go())
    assert part.sold == OUTAGE / SALE_EVERY + 1  # the counter sold throughout
    assert max(part.sell_seconds) < 0.5  # and never waited for the store database
    # The real backoff: growing from half a second, never more than 10 s (+20 % jitter)
    # between real attempts; about one TCP connection a second between them.
    assert part.pauses[0] < 1 and max(part.pauses) <= 12
    assert 45 <= part.attempts <= 80
    assert 400 <= part.probes <= 800
    admin = pg_server.admin_url(store_db)
    local = {s.external_reference: (s.status.value, s.total) for s in ledger.all_sales(limit=999)}
    remote = rows(admin, "SELECT reference, status, total FROM sales WHERE box = 'CAJA01'")
    assert {r[0]: (r[1], r[2]) for r in remote} == local  # once each, in its last state
    assert len(local) == 5 + part.sold
    seqs = [r[0] for r in rows(admin, "SELECT seq FROM changes ORDER BY received_at, seq")]
    assert seqs == list(range(1, 3 * len(local) + 2))  # every change once, arrived in order
    assert rows(admin, "SELECT amount FROM cash_movements") == [(Decimal("100.00"),)]
    ledger.close()
