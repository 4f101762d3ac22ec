"""A customer who scanned before the cashier canceled can still pay that merchant order until
the order expires: the engine keeps looking at the canceled sale until then, by itself, and
the payment shows up as a late payment instead of going unnoticed.

On virtual time (tests/virtual_time.py): the engine's own schedule (a look every 15 s, the
2 s cancel confirmation) and the real 10-minute order, with no real wait."""

from __future__ import annotations

import asyncio

from pos_app.checkout.engine import CheckoutSettings
from pos_app.domain.money import SITES
from pos_app.domain.sale import SaleStatus
from pos_app.sandbox.state import SandboxState
from tests.checkout.harness import line, rig
from tests.virtual_time import run_virtual


def run(coro: object) -> None:
    run_virtual(coro)  # type: ignore[arg-type]


REAL = CheckoutSettings(None, "", "", SITES["MLA"], "")  # the engine's own defaults


def test_a_payment_after_cancel_is_found_without_anyone_asking() -> None:
    async def scenario() -> None:
        async with rig(cancel_recheck_delay=REAL.cancel_recheck_delay) as r:
            assert r.engine.settings.after_cancel_interval == REAL.after_cancel_interval == 15
            sale = await r.engine.charge([line()])
            mo_id = r.state.scan_box()  # the customer opened the payment screen
            assert (await r.engine.cancel()).status is SaleStatus.CANCELED
            await asyncio.sleep(100)  # well after the cancel's own looks and several watches
            assert r.rt.ledger.get_sale(sale.external_reference).status is SaleStatus.CANCELED  # type: ignore[union-attr]
            r.state.pay_merchant_order(mo_id, "approved")  # ...and paid after all
            late = await r.sale_until(
                sale.external_reference,
                lambda s: s.status is SaleStatus.PAID,
                timeout=REAL.after_cancel_interval + 5,  # found at the next look
            )
            assert late.late_payment
            assert r.statuses(sale.external_reference)[-2:] == ["canceled", "paid"]

    run(scenario())


def test_the_watch_ends_when_the_order_can_no_longer_be_paid() -> None:
    async def scenario() -> None:
        async with rig(cancel_recheck_delay=REAL.cancel_recheck_delay, ttl=REAL.ttl) as r:
            assert r.engine.settings.expiry_grace == REAL.expiry_grace
            sale = await r.engine.charge([line()])
            await r.engine.cancel()
            ref = sale.external_reference
            started = asyncio.get_running_loop().time()
            await r.until(lambda: r.engine.trackers.get(ref) is None, timeout=20 * 60, step=1)
            watched = asyncio.get_running_loop().time() - started
            # Watched until the order expired (10 minutes) and its grace passed, not longer.
            limit = (REAL.ttl + REAL.expiry_grace).total_seconds()
            assert limit - 60 <= watched <= limit + REAL.after_cancel_interval + 1, watched
            searches = len(r.state.request_log)
            await asyncio.sleep(3600)
            assert len(r.state.request_log) == searches  # nothing more is asked
            assert r.rt.ledger.get_sale(ref).status is SaleStatus.CANCELED  # type: ignore[union-attr]

    run(scenario())


def test_after_a_restart_recently_canceled_sales_are_watched_again() -> None:
    async def scenario() -> None:
        state = SandboxState.seeded()
        async with rig(state, cancel_recheck_delay=REAL.cancel_recheck_delay) as r:
            sale = await r.engine.charge([line()])
            mo_id = r.state.scan_box()
            assert (await r.engine.cancel()).status is SaleStatus.CANCELED
        # The till closed; the customer pays the merchant order they had scanned.
        state.pay_merchant_order(mo_id, "approved")
        async with rig(state, cancel_recheck_delay=REAL.cancel_recheck_delay) as r:
            await r.engine.resume()
            late = await r.sale_until(
                sale.external_reference,
                lambda s: s.status is SaleStatus.PAID,
                timeout=REAL.after_cancel_interval + 5,
            )
            assert late.late_payment

    run(scenario())
