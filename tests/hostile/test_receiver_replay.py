"""Item 3 of issue 16: a replayed genuine notification of an *ended* sale must not slow the
polling of the sale that is waiting now. Only a confirmed hint about that very sale may."""

from __future__ import annotations

import asyncio

from pos_app.domain.sale import SaleStatus
from pos_app.settings.config import PollSchedule
from tests.notifications.harness import Till, run_till

SEARCH = "/merchant_orders/search"
# Polling alone looks every 0.05 s; with notifications "working" at most every 2 s.
BRISK = PollSchedule(
    fast=0.05, fast_for=3600, medium=0.05, slow=0.05, with_notifications=2.0, hint_window=60
)


async def searches_during(till: Till, seconds: float, replay: str = "") -> int:
    """Search requests the till makes in ``seconds``, while ``replay`` (a receiver query) is
    posted every 0.2 s, as someone replaying a captured notification would."""
    before = till.api_requests(SEARCH)
    loop = asyncio.get_running_loop()
    end = loop.time() + seconds
    while loop.time() < end:
        if replay:
            assert (await till.post(replay)).status_code == 200
        await asyncio.sleep(0.2)
    return till.api_requests(SEARCH) - before


def test_a_replayed_notification_of_an_ended_sale_does_not_slow_the_pending_one() -> None:
    async def scenario(till: Till) -> None:
        engine = till.rt.engine
        first = await till.charge()
        old_order = await till.scan()
        await till.settle()
        await till.pay()
        assert (await engine.wait_final(first.external_reference, timeout=5)).status is (
            SaleStatus.PAID
        )
        await till.settle()
        pending = await till.charge()
        ref = pending.external_reference
        # The old sale's merchant order is genuine: Mercado Pago confirms it, and it is ours.
        replay = f"?topic=merchant_order&id={old_order}"
        fetches = till.api_requests(f"/merchant_orders/{old_order}")
        searched = await searches_during(till, 1.2, replay)
        await till.settle()
        assert till.api_requests(f"/merchant_orders/{old_order}") > fetches  # it was looked at
        assert not engine.notifications_recent(ref)
        assert not engine.notifications_recent()
        assert searched >= 8, searched  # still every 0.05 s, not every 2 s
        # A hint about the pending sale itself, confirmed: now its polling may relax.
        await till.scan()
        await till.settle()
        assert engine.notifications_recent(ref)
        assert await searches_during(till, 1.0) <= 2
        await till.pay()
        final = await engine.wait_final(ref, timeout=5)
        assert final.status is SaleStatus.PAID
        await till.settle()
        # Its tracking ends at its next look (within 2 s): the hint record goes with it.
        for _ in range(60):
            if not engine.notifications_recent(ref):
                break
            await asyncio.sleep(0.05)
        assert not engine.notifications_recent(ref)

    run_till(scenario, poll=BRISK)
