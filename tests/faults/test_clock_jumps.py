"""The counter PC's clock jumps an hour forward or back while a sale waits (NTP catching up, a
daylight-saving mistake, someone fixing the date by hand).

Mercado Pago's clock is the one that counts. The engine times everything (poll schedule, its own
expiry, grace periods) on the monotonic clock and uses the wall clock only for records and the
order's expiration date, so a jump neither expires a sale early (the customer could still pay an
order the app had given up on) nor stalls it (an order Mercado Pago expired stays "waiting").
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest

from pos_app.domain.sale import SaleStatus
from tests.faults.invariants import check
from tests.faults.rig import WAIT, FaultRig, fault_rig, line
from tests.virtual_time import run_virtual


class JumpingClock:
    """The engine's wall clock (``CheckoutEngine.clock``), off by whatever jumps happened."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self.clock = clock  # the engine's own (on virtual time, the loop's)
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return self.clock() + self.offset

    def jump(self, hours: int) -> None:
        self.offset += timedelta(hours=hours)


async def polls(f: FaultRig, ref: str, count: int) -> None:
    """Wait for ``count`` more searches (or for the sale to end: the caller asserts on it)."""
    target = f.requests("GET", "/merchant_orders/search") + count

    def done() -> bool:
        sale = f.r.rt.ledger.get_sale(ref)
        return f.requests("GET", "/merchant_orders/search") >= target or not sale.is_open  # type: ignore[union-attr]

    await f.r.until(done, WAIT)


@pytest.mark.parametrize("hours", [1, -1], ids=["forward", "back"])
def test_clock_jump_while_pending_then_the_customer_pays(hours: int) -> None:
    async def scenario() -> None:
        async with fault_rig(ttl=timedelta(minutes=2)) as f:
            clock = f.engine.clock = JumpingClock(f.engine.clock)
            sale = await f.engine.charge([line()])
            ref = sale.external_reference
            await f.until_on_box(ref)
            await polls(f, ref, 3)
            clock.jump(hours)
            await polls(f, ref, 10)  # tracking goes on at its pace, whatever the wall clock says
            waiting = f.r.rt.ledger.get_sale(ref)
            assert waiting is not None and waiting.status is SaleStatus.PENDING
            assert f.on_box() == ref  # still offered to the customer: not given up on
            assert f.requests("DELETE", "/orders") == 0
            f.state.pay_box("approved")
            assert (await f.final(ref)).status is SaleStatus.PAID
            check(f.r.rt.ledger, f.state, events=f.r.events)

    run_virtual(scenario())


@pytest.mark.parametrize("hours", [1, -1], ids=["forward", "back"])
def test_clock_jump_while_pending_then_nobody_pays(hours: int) -> None:
    """The sale expires when Mercado Pago expires the order: not an hour early (forward), and
    not an hour late or never (back)."""

    async def scenario() -> None:
        async with fault_rig(ttl=timedelta(seconds=2)) as f:
            clock = f.engine.clock = JumpingClock(f.engine.clock)
            sale = await f.engine.charge([line()])
            ref = sale.external_reference
            assert sale.status is SaleStatus.PENDING  # on the box (maybe expired by now)
            clock.jump(hours)
            final = await f.final(ref)
            assert final.status is SaleStatus.EXPIRED
            # Mercado Pago took the order off the box by its own clock; the app never had to
            # remove it itself (which it would only do for an order it believes overdue).
            assert f.on_box() is None and f.requests("DELETE", "/orders") == 0
            box_order_expiry = f.state.orders_received[-1]["body"]["expiration_date"]
            assert datetime.fromisoformat(box_order_expiry) <= f.state.now()
            check(f.r.rt.ledger, f.state, events=f.r.events)

    run_virtual(scenario())
