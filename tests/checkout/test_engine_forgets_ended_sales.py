"""A till sells all day: the engine keeps no state for sales that ended (issue 8, memory).

Everything the engine remembers about a sale lives in its tracker, in one registry
(:mod:`pos_app.checkout.tracking`): its size is the whole per-sale state."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

from pos_app.domain.sale import SaleStatus
from tests.checkout.harness import line, rig
from tests.virtual_time import run_virtual


def test_paid_sales_leave_no_tracking_state_behind() -> None:
    async def scenario() -> None:
        async with rig() as r:
            for _ in range(3):
                sale = await r.engine.charge([line()])
                r.state.pay_box("approved")
                final = await asyncio.wait_for(r.engine.wait_final(sale.external_reference), 5)
                assert final.status is SaleStatus.PAID
                await r.until(lambda: len(r.engine.trackers) == 0)
            # A late look at an ended sale still works, and leaves nothing behind either.
            again = await r.engine.reconcile(sale.external_reference, "recheck")
            assert again.status is SaleStatus.PAID
            assert len(r.engine.trackers) == 0

    asyncio.run(scenario())


def test_canceled_and_expired_sales_leave_nothing_behind() -> None:
    async def scenario() -> None:
        async with rig(cancel_recheck_delay=0.05, ttl=timedelta(seconds=1)) as r:
            r.engine.settings = replace(
                r.engine.settings, after_cancel_interval=0.05, expiry_grace=timedelta(0)
            )
            canceled = await r.engine.charge([line()])
            r.state.scan_box()  # a scanned order: the cancel's watch runs until it expires
            await r.engine.cancel()
            expired = await r.engine.charge([line()])
            final = await asyncio.wait_for(r.engine.wait_final(expired.external_reference), 10)
            assert final.status is SaleStatus.EXPIRED
            await r.until(lambda: len(r.engine.trackers) == 0, timeout=10)
            ended = r.rt.ledger.get_sale(canceled.external_reference)
            assert ended is not None and ended.status is SaleStatus.CANCELED
            # A notification about the ended sale, a recheck of it: still nothing kept.
            await r.engine.reconcile(canceled.external_reference, "recheck")
            assert len(r.engine.trackers) == 0

    run_virtual(scenario())
