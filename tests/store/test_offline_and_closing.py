"""A counter that sold and closed while the store database could not be reached, back at the
same moment as another counter that closed then too: everything arrives once, in order, each
box's close where it belongs, and the store's live figures start at each box's own close."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.store.replication import StoreReplicator, connect
from pos_app.store.views import store_close
from tests.store.helpers import MLA, deliver_batch, open_ledger, rows, sell
from tests.store.pgserver import SUPERPASS, PgServer

pytestmark = pytest.mark.posix


def test_offline_counter_back_while_another_closes(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    url = pg_server.url(dbname=store_db)
    a, b = open_ledger(tmp_path / "a"), open_ledger(tmp_path / "b")
    for ledger, box in ((a, "CAJA01"), (b, "CAJA02")):
        for price in ("10.00", "20.00", "30.00"):
            sell(ledger, box, price)
    queued = len(a.outbox_batch(10_000))

    async def offline() -> None:  # nothing listens there: A's changes wait in its ledger
        rep = StoreReplicator(
            a, "postgresql://pos@127.0.0.1:9/store", None, box="CAJA01", store="SUC001"
        )
        assert not await rep.flush(1)
        await rep.aclose()

    asyncio.run(offline())
    assert len(a.outbox_batch(10_000)) == queued
    # Both close at the same moment; then one more sale each.
    moment = datetime.now(UTC)
    closed = {
        box: ledger.day.close(MLA, now=moment) for ledger, box in ((a, "CAJA01"), (b, "CAJA02"))
    }
    assert {box: c.net for box, c in closed.items()} == {
        "CAJA01": Decimal("60.00"),
        "CAJA02": Decimal("60.00"),
    }
    sell(a, "CAJA01", "5.00")
    sell(b, "CAJA02", "7.00")
    first = a.outbox_batch(50)
    every_a = [c.seq for c in a.outbox_batch(10_000)]

    async def both_back() -> None:
        reps = [
            StoreReplicator(ledger, url, SUPERPASS, box=box, store="SUC001", batch_size=7)
            for ledger, box in ((a, "CAJA01"), (b, "CAJA02"))
        ]
        assert all(await asyncio.gather(*(rep.flush(20) for rep in reps)))
        for rep in reps:
            await rep.aclose()
        # A batch delivered again (a counter killed after PostgreSQL's commit): ignored.
        await deliver_batch(url, SUPERPASS, "CAJA01", first)

    asyncio.run(both_back())
    admin = pg_server.admin_url(store_db)
    assert rows(admin, "SELECT seq FROM changes WHERE box = 'CAJA01' ORDER BY seq") == [
        (seq,) for seq in every_a
    ]
    assert rows(admin, "SELECT box, count(*) FROM sales GROUP BY box ORDER BY box") == [
        ("CAJA01", 4),
        ("CAJA02", 4),
    ]
    assert rows(admin, "SELECT box, number, net FROM closes ORDER BY box") == [
        ("CAJA01", 1, Decimal("60.00")),
        ("CAJA02", 1, Decimal("60.00")),
    ]

    async def live() -> dict[str, tuple[int, Decimal]]:
        conn = await connect(url, SUPERPASS, box="OFFICE", reading=True)
        try:
            result = await store_close(conn, MLA, now=datetime.now(UTC))
        finally:
            await conn.close()
        return {box.box: (box.report.sales_count, box.report.net) for box in result.boxes}

    assert asyncio.run(live()) == {
        "CAJA01": (1, Decimal("5.00")),
        "CAJA02": (1, Decimal("7.00")),
    }
    for ledger in (a, b):
        assert ledger.outbox_waiting()[0] == 0
        ledger.close()
