"""An Orders API sale whose create answer was lost (the till killed before it wrote the order
id) and whose order the customer paid while the till was down: restarted after the sale's
expiry, the till must find the payment, as instore v2 does by searching the reference.

Until 2026-12-02 the sale was 'expired, the order never reached the box': with no order id the
engine read nothing and gave up at its deadline, though the same idempotency key gives the
order back. The customer had paid; the day's check reads only paid sales' orders, so nobody
was ever told."""

from __future__ import annotations

import asyncio

import pytest

from pos_app.domain.sale import SaleStatus, Tender
from pos_app.sandbox.state import SandboxState
from tests.checkout.harness import line, lose_create_answer, rig
from tests.virtual_time import run_virtual


def test_a_lost_create_paid_while_down_is_paid_after_the_restart() -> None:
    async def scenario() -> None:
        state = SandboxState.seeded()
        async with rig(state, api="orders") as r:
            await r.engine.poller.aclose()
            sale = await r.engine.charge([line()])
            ref, order_id = sale.external_reference, sale.order_id
            lose_create_answer(r.rt.ledger, ref)
        state.pay_box("approved")  # the customer pays the order on the box meanwhile
        assert state.orders_api.orders[order_id].status == "processed"
        await asyncio.sleep(15 * 60)  # the till comes back after the sale's expiry
        async with rig(state, api="orders") as r:
            (resumed,) = await r.engine.resume()
            assert resumed.status is SaleStatus.PAID, r.rt.ledger.sale_events(ref)
            assert resumed.order_id == order_id and resumed.tender is Tender.QR
            assert resumed.paid_amount == resumed.total
            assert len(state.orders_api.orders) == 1  # the same key: no second order

    run_virtual(scenario())


@pytest.mark.parametrize("made", [True, False])
def test_a_lost_create_never_paid_expires_and_leaves_nothing_to_pay(made: bool) -> None:
    """``made``: the create reached Mercado Pago (its answer was lost); else it never left the
    till, and the same key makes the order now: it is canceled at once."""

    async def scenario() -> None:
        state = SandboxState.seeded()
        async with rig(state, api="orders") as r:
            await r.engine.poller.aclose()
            sale = await r.engine.charge([line()])
            ref, order_id = sale.external_reference, sale.order_id
            lose_create_answer(r.rt.ledger, ref)
        if not made:
            book = state.orders_api
            del book.orders[order_id]
            book.keys.clear()
            book.box_current.clear()
        await asyncio.sleep(15 * 60)
        async with rig(state, api="orders") as r:
            (resumed,) = await r.engine.resume()
            assert resumed.status is SaleStatus.EXPIRED
            state.expire_due()
            (order,) = state.orders_api.orders.values()
            assert order.status in ("expired", "canceled")
            assert not r.offered(ref)

    run_virtual(scenario())


@pytest.mark.parametrize("cash", [False, True])
def test_a_lost_create_paid_then_canceled_ends_paid(cash: bool) -> None:
    """The cashier cancels (or takes cash) while the create's answer is still lost: the cancel
    gets the order back with the same key and finds it paid (Mercado Pago refuses the cancel).
    The order id it found was not kept, so the looks that followed read nothing: the sale
    was 'canceled' with the customer's payment in, and the after-cancel watch never saw it."""

    async def scenario() -> None:
        async with rig(api="orders") as r:
            await r.engine.poller.aclose()
            sale = await r.engine.charge([line()])
            ref, order_id = sale.external_reference, sale.order_id
            lose_create_answer(r.rt.ledger, ref)
            r.state.pay_box("approved")
            ended = await r.engine.cancel(ref, cash=cash)
            assert ended.status is SaleStatus.PAID, r.rt.ledger.sale_events(ref)
            assert ended.order_id == order_id and ended.paid_amount == ended.total
            assert len(r.state.orders_api.orders) == 1
            # Paid before the window said "Take … in cash": no cash taken, none recorded.
            assert ended.tender is Tender.QR and not ended.late_payment

    run_virtual(scenario())
