"""*Record as a sale* for a listed payment of an Orders API sale whose create answer was lost
(the till killed before it wrote the order id): the sale is still being settled (the same key
gives its order back a few seconds on), so its payment must not become a sale of its own.

Instore v2 counts such a payment once (``Recorder._counted_once``: the payment id is in both);
an Orders API sale's payments are ``PAY…``, so nothing matched them: the payment was recorded
as ``MP-<id>`` and the sale, once its order was got back, paid as well: counted twice."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal

from pos_app.checkout.day import adopt
from pos_app.domain.reconciliation import MpPayment, reconcile_day
from pos_app.domain.sale import SaleStatus
from tests.checkout.harness import line, lose_create_answer, rig
from tests.virtual_time import run_virtual


def test_a_lost_create_s_listed_payment_is_not_recorded_twice() -> None:
    async def scenario() -> None:
        async with rig(api="orders") as r:
            await r.engine.poller.aclose()
            r.engine.settings = replace(r.engine.settings, search_lag_allowance=5.0)
            sale = await r.engine.charge([line()])
            ref = sale.external_reference
            lose_create_answer(r.rt.ledger, ref)
            r.state.pay_box("approved")
            waiting = r.rt.ledger.get_sale(ref)
            assert waiting is not None
            now = datetime.now().astimezone()
            payment = MpPayment(9_000_001, "approved", ref, sale.total, now)
            result = reconcile_day(
                begin=now - timedelta(hours=1),
                end=now + timedelta(hours=1),
                payments=[payment],
                sales=[waiting],
            )
            assert result.known_references == {payment.id: ref}
            assert await adopt(r.engine, result, payment) == ref
            assert r.rt.ledger.get_sale("MP-9000001") is None
            # The sale settles through its own order (got back with the same key), once.
            await asyncio.sleep(6)  # past the search-lag allowance
            settled = await r.engine.reconcile(ref)
            if settled.status is not SaleStatus.PAID:  # first look: order got back, pending
                settled = await r.engine.reconcile(ref)
            assert settled.status is SaleStatus.PAID and settled.paid_amount == Decimal("3450.50")
            paid = [
                s.external_reference
                for s in r.rt.ledger.sales_since(now - timedelta(hours=1))
                if s.status is SaleStatus.PAID
            ]
            assert paid == [ref]

    run_virtual(scenario())
