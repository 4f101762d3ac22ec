"""Our own expiry finds the order still on offer at Mercado Pago (its clock is behind ours, or
the order was sent late) and takes it away; the customer pays in that very moment. Mercado
Pago then refuses the Orders API cancel (the order is processed) or the box's order is gone
because it was paid: either way the sale is **paid**, never 'expired' with the money in.

Until 2026-12-02 the engine wrote EXPIRED right after taking the order away, without looking
again, and nothing watched an expired sale: the cashier asked a customer who had paid to pay
again (and the day's check never reads an expired Orders API sale's order)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from pos_app.domain.sale import SaleStatus, Tender
from pos_app.settings.config import PollSchedule
from tests.checkout.harness import APIS, line, rig
from tests.virtual_time import run_virtual


@pytest.mark.parametrize("api", APIS)
def test_payment_racing_our_expiry_ends_paid(api: str) -> None:
    async def scenario() -> None:
        async with rig(api=api, ttl=timedelta(minutes=10), poll=PollSchedule()) as r:
            sale = await r.engine.charge([line()])
            ref = sale.external_reference
            later = timedelta(minutes=5)  # Mercado Pago's clock behind ours, or a late send
            if api == "orders":
                (order,) = r.state.orders_api.orders.values()
                order.expires_at += later
            else:
                (box_order,) = r.state.box_orders.values()
                box_order.expiration_date += later
            gateway = r.engine.box.of(sale)
            withdraw = gateway.withdraw
            paid_at_withdraw: list[bool] = []

            async def pay_then_withdraw(*args: object, **kwargs: object) -> None:
                if r.offered(ref):
                    if api == "instore":
                        r.state.scan_box()
                    r.state.pay_box("approved")
                    paid_at_withdraw.append(True)
                await withdraw(*args, **kwargs)

            gateway.withdraw = pay_then_withdraw  # type: ignore[method-assign]
            final = await asyncio.wait_for(r.engine.wait_final(ref), 15 * 60)
            assert paid_at_withdraw, "the expiry never took the order away"
            assert final.status is SaleStatus.PAID, r.statuses(ref)
            assert final.tender is Tender.QR and final.paid_amount == final.total
            assert "expired" not in r.statuses(ref)

    run_virtual(scenario())
