"""A till sells all day: the engine keeps no state for sales that ended (issue 8, memory)."""

from __future__ import annotations

import asyncio

from pos_app.domain.sale import SaleStatus
from tests.checkout.harness import line, rig
from tests.virtual_time import run_virtual


def per_sale_state(engine: object) -> dict[str, int]:
    names = ("_timers", "_locks", "_box_checked", "_box_missing", "_trackers", "_wakeups")
    return {name: len(getattr(engine, name)) for name in names}


def test_paid_sales_leave_no_tracking_state_behind() -> None:
    async def scenario() -> None:
        async with rig() as r:
            for _ in range(3):
                sale = await r.engine.charge([line()])
                r.state.pay_box("approved")
                final = await asyncio.wait_for(r.engine.wait_final(sale.external_reference), 5)
                assert final.status is SaleStatus.PAID
                await r.until(lambda: not r.engine._trackers)
            assert per_sale_state(r.engine) == dict.fromkeys(per_sale_state(r.engine), 0)
            # A late look at an ended sale still works.
            again = await r.engine.reconcile(sale.external_reference, "recheck")
            assert again.status is SaleStatus.PAID

    run_virtual(scenario())
