"""A sale whose stored amounts become unreadable while the engine follows it (the ledger edited
by hand, or damaged, as the customer is paying): its polling used to die with a traceback in
the log (ERROR "tracking … stopped"), the cashier hearing nothing until the next charge or a
restart. Now it is set aside as one found so at start-up: told once (SaleSetAside), never
written, no more requests for it; the box sells on.

On virtual time (tests/virtual_time.py)."""

from __future__ import annotations

import asyncio
import logging

import pytest

from pos_app.checkout.events import SaleSetAside
from pos_app.domain.sale import SaleStatus
from tests.checkout.harness import line, rig
from tests.ledger_edits import edit_by_hand, sale_as_stored
from tests.virtual_time import run_virtual


@pytest.mark.parametrize(("table", "column"), [("sales", "total"), ("sale_lines", "unit_price")])
def test_a_sale_damaged_while_followed_is_set_aside_once(
    caplog: pytest.LogCaptureFixture, table: str, column: str
) -> None:
    seen: list[SaleSetAside] = []

    async def scenario() -> None:
        async with rig() as r:
            r.rt.bus.subscribe(lambda e: seen.append(e) if isinstance(e, SaleSetAside) else None)
            sale = await r.engine.charge([line()])
            ref = sale.external_reference
            await asyncio.sleep(5)  # followed: a few looks
            assert r.engine.trackers.get(ref) is not None
            path = r.rt.ledger.path
            edit_by_hand(path, table, column, "NaN", reference=ref)
            before = sale_as_stored(path, ref)
            await r.until(lambda: r.engine.trackers.get(ref) is None, timeout=120, step=1)
            asked = len(r.state.request_log)
            await asyncio.sleep(600)  # its order's whole life: nothing more is asked for it
            assert len(r.state.request_log) == asked
            assert sale_as_stored(path, ref) == before  # never written
            assert [e.reference for e in seen] == [ref]
            assert [u.reference for u in r.engine.unreadable] == [ref]
            assert r.engine.open_sale() is None  # the box sells on
            new = await r.engine.charge([line(price="10")])
            assert new.status is SaleStatus.PENDING

    with caplog.at_level(logging.INFO, logger="pos_app"):
        run_virtual(scenario())
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
    assert "set aside" in caplog.text
