"""A customer who scanned before the cashier canceled can still pay that merchant order until
the order expires: the engine keeps looking at the canceled sale until then, by itself, and
the payment shows up as a late payment instead of going unnoticed."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

from pos_app.domain.sale import SaleStatus
from pos_app.sandbox.state import SandboxState
from tests.checkout.harness import line, rig


def run(coro: object) -> None:
    asyncio.run(coro)  # type: ignore[arg-type]


def _watch_quickly(r) -> None:  # type: ignore[no-untyped-def]
    r.engine.settings = replace(r.engine.settings, after_cancel_interval=0.1)


def test_a_payment_after_cancel_is_found_without_anyone_asking() -> None:
    async def scenario() -> None:
        async with rig(cancel_recheck_delay=0.05) as r:
            _watch_quickly(r)
            sale = await r.engine.charge([line()])
            mo_id = r.state.scan_box()  # the customer opened the payment screen
            assert (await r.engine.cancel()).status is SaleStatus.CANCELED
            await asyncio.sleep(0.6)  # well after the cancel's own looks and the last poll
            r.state.pay_merchant_order(mo_id, "approved")  # ...and paid after all
            late = await r.sale_until(
                sale.external_reference, lambda s: s.status is SaleStatus.PAID
            )
            assert late.late_payment
            assert r.statuses(sale.external_reference)[-2:] == ["canceled", "paid"]

    run(scenario())


def test_the_watch_ends_when_the_order_can_no_longer_be_paid() -> None:
    async def scenario() -> None:
        async with rig(cancel_recheck_delay=0.05, ttl=timedelta(seconds=2)) as r:
            r.engine.settings = replace(
                r.engine.settings, after_cancel_interval=0.1, expiry_grace=timedelta(0)
            )
            sale = await r.engine.charge([line()])
            await r.engine.cancel()
            ref = sale.external_reference
            await r.until(lambda: r.engine.trackers.get(ref) is None, timeout=10)
            searches = len(r.state.request_log)
            await asyncio.sleep(0.5)
            assert len(r.state.request_log) == searches  # nothing more is asked
            assert r.rt.ledger.get_sale(ref).status is SaleStatus.CANCELED  # type: ignore[union-attr]

    run(scenario())


def test_after_a_restart_recently_canceled_sales_are_watched_again() -> None:
    async def scenario() -> None:
        state = SandboxState.seeded()
        async with rig(state, cancel_recheck_delay=0.05) as r:
            sale = await r.engine.charge([line()])
            mo_id = r.state.scan_box()
            assert (await r.engine.cancel()).status is SaleStatus.CANCELED
        # The till closed; the customer pays the merchant order they had scanned.
        state.pay_merchant_order(mo_id, "approved")
        async with rig(state, cancel_recheck_delay=0.05) as r:
            _watch_quickly(r)
            await r.engine.resume()
            late = await r.sale_until(
                sale.external_reference, lambda s: s.status is SaleStatus.PAID
            )
            assert late.late_payment

    run(scenario())
