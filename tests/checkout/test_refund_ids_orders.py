"""An Orders API refund keeps its own id when Mercado Pago's answer lists the order's refunds
(``transactions.refunds``: not in MP's notes for QR, so the sandbox lists none and the order's
id stands in, as before). Every refund of a sale was 'Refund ORD…' on its ticket, in the history
and in ``--json``: the same id for all of them, none of them the refund's."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from pos_app.checkout.refunds import RefundService
from pos_app.ledger.refunds import RefundStatus
from pos_app.mercadopago.models import QrOrder, QrRefund
from tests.checkout.harness import rig
from tests.checkout.test_refunds_orders import paid_order_sale, run


def test_each_refund_keeps_the_id_mercado_pago_lists_for_it() -> None:
    async def scenario() -> None:
        async with rig(api="orders") as r:
            ref = await paid_order_sale(r)
            client = r.rt.client
            listed: list[QrRefund] = []
            real_refund, real_get = client.refund_qr_order, client.get_qr_order

            async def refund(order_id: str, **kwargs: Any) -> QrOrder:
                got = await real_refund(order_id, **kwargs)
                (payment,) = got.payments
                wanted = kwargs.get("transactions")
                amount = Decimal(wanted[0]["amount"]) if wanted else payment.amount
                listed.append(QrRefund(f"REF0{len(listed) + 1}", payment.id, amount, "processed"))
                return dataclasses.replace(got, refunds=tuple(listed))

            async def get(order_id: str) -> QrOrder:
                return dataclasses.replace(await real_get(order_id), refunds=tuple(listed))

            client.refund_qr_order, client.get_qr_order = refund, get
            service = RefundService(r.rt.ledger, lambda: client)
            first = await service.refund(ref, Decimal(1000))
            second = await service.refund(ref, Decimal(1000))
            assert first.refunds[0].mp_refund_id == "REF01"
            assert second.refunds[0].mp_refund_id == "REF02"
            # A third left pending (no answer) is confirmed later under its own id too.
            third = service.store.add(
                ref,
                key="k3",
                amount=Decimal(1000),
                tender=first.refunds[0].tender,
                payment_id=None,
                order_payment_id=first.refunds[0].order_payment_id,
                now=first.refunds[0].created_at,
                limit=Decimal("3450.50"),
                status=RefundStatus.PENDING,
            )
            await real_refund(
                r.rt.ledger.get_sale(ref).order_id,  # type: ignore[union-attr]
                idempotency_key="k3",
                transactions=[{"id": third.order_payment_id, "amount": "1000.00"}],
            )
            listed.append(QrRefund("REF03", third.order_payment_id, Decimal(1000), "processed"))
            (settled,) = await service.resume()
            assert settled.status is RefundStatus.REFUNDED and settled.mp_refund_id == "REF03"

    run(scenario())


def test_without_a_list_the_order_id_stands_in() -> None:
    async def scenario() -> None:
        async with rig(api="orders") as r:
            ref = await paid_order_sale(r)
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            done = await service.refund(ref, Decimal(10))
            assert done.refunds[0].mp_refund_id == done.sale.order_id

    run(scenario())


def test_an_unreadable_refund_list_is_no_failed_read() -> None:
    body = {
        "id": "ORD01",
        "status": "processed",
        "transactions": {"payments": [], "refunds": [{"id": "R", "amount": "abc"}, 7]},
    }
    assert QrOrder.parse(body).refunds == ()
    assert QrOrder.parse({**body, "transactions": {"refunds": "x"}}).refunds == ()
