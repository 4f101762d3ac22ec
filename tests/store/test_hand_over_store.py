"""A counter's hand-over reaches the store database (store step 7: ``shifts.handover``) and the
store's close of that box lists it as the counter's own close does: the outgoing cashier's
count and difference, and no second float "not added"; a shift queued before hand-overs
existed arrives as an ordinary one."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.domain.day import MovementKind, uncounted_shifts
from pos_app.store.replication import connect
from pos_app.store.views import store_close
from tests.store.helpers import MLA, deliver_batch, open_ledger, rows
from tests.store.pgserver import SUPERPASS, PgServer

pytestmark = [pytest.mark.posix, pytest.mark.slow]


def test_the_store_close_shows_the_hand_over_like_the_counter(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    url, admin = pg_server.url(dbname=store_db), pg_server.admin_url(store_db)
    start = datetime.now(UTC) - timedelta(hours=2)
    ledger = open_ledger(tmp_path)
    ledger.day.open_shift("Ana", Decimal(1000), now=start)
    ledger.day.add_movement(MovementKind.IN, Decimal(500), "cambio", now=start + timedelta(hours=1))
    counter = ledger.day.hand_over(
        MLA, "Bea", Decimal(1450), now=start + timedelta(hours=1, minutes=30)
    )
    asyncio.run(deliver_batch(url, SUPERPASS, "CAJA01", ledger.outbox_batch(1000)))
    assert rows(admin, "SELECT cashier, handover FROM shifts ORDER BY id") == [
        ("Ana", False),
        ("Bea", True),
    ]

    async def close() -> object:
        conn = await connect(url, SUPERPASS, box="CAJA01")
        try:
            return await store_close(conn, MLA, now=datetime.now(UTC), store="SUC001")
        finally:
            await conn.close()

    report = asyncio.run(close()).total  # type: ignore[attr-defined]
    [handover] = report.handovers
    assert (handover.from_cashier, handover.to_cashier) == ("Ana", "Bea")
    assert (handover.expected, handover.counted, handover.difference) == (
        counter.expected,
        counter.counted,
        Decimal("-50.00"),
    )
    assert report.expected_cash == Decimal("1500.00")  # one float, never the count again
    assert uncounted_shifts(report.shifts) == []
    assert [(t.cashier, t.box) for t in report.shift_sales] == [
        ("Ana", "CAJA01"),
        ("Bea", "CAJA01"),
    ]
    ledger.close()


def test_a_shift_queued_before_hand_overs_arrives_as_an_ordinary_one(
    tmp_path: Path, pg_server: PgServer, store_db: str
) -> None:
    ledger = open_ledger(tmp_path)
    ledger.day.open_shift("Ana", Decimal(100), now=datetime.now(UTC))
    old = []
    for change in ledger.outbox_batch(1000):  # as the release before hand-overs wrote it
        if change.kind == "shift":
            shift = dict(change.payload["shifts"])
            del shift["handover"]
            change = replace(change, payload={"shifts": shift})
        old.append(change)
    asyncio.run(deliver_batch(pg_server.url(dbname=store_db), SUPERPASS, "CAJA01", old))
    assert rows(pg_server.admin_url(store_db), "SELECT cashier, handover FROM shifts") == [
        ("Ana", False)
    ]
    ledger.close()
