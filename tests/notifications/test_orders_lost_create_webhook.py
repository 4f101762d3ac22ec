"""An ``order`` webhook for an Orders API sale whose create's answer was lost (no order id
recorded yet): the order the engine fetches for the hint carries the sale's external reference,
so it is the sale's order: its id is recorded and the payment seen at once. Until 2026-12-02 the
hint was dropped (the engine read only an order whose id it knew): the sale stayed "sending"
until a poll sent the create again (60 s at a 30 s poll), the notification wasted."""

from __future__ import annotations

import pytest

from pos_app.checkout.refunds import RefundService
from pos_app.domain.history import Cause
from pos_app.domain.sale import SaleStatus
from pos_app.mercadopago.errors import NotFoundError
from pos_app.mercadopago.models import QrOrder
from pos_app.sandbox import orders_api
from tests.checkout.harness import lose_create_answer
from tests.notifications.harness import Till, run_till


async def lost_create_sale(till: Till) -> tuple[str, str]:
    await till.rt.reconfigure(till.rt.config.with_changes(api="orders"))
    hook = {"url": till.receiver.url, "secret": ""}
    (await till.control.post("/_sandbox/webhooks", json=hook)).raise_for_status()
    sale = await till.charge()
    order_id = sale.order_id
    assert order_id.startswith("ORD")
    lose_create_answer(till.rt.ledger, sale.external_reference)
    assert till.sale(sale.external_reference).order_id == ""
    return sale.external_reference, order_id


def test_a_webhook_for_a_lost_create_finds_its_sale_by_reference() -> None:
    async def scenario(till: Till) -> None:
        ref, order_id = await lost_create_sale(till)
        creates = till.api_requests("/v1/orders")
        await till.pay()
        final = await till.rt.engine.wait_final(ref, timeout=2.0)
        assert final.status is SaleStatus.PAID, final.status  # was "creating" after 2 s
        assert final.order_id == order_id and final.order_payment_ids
        [paid] = till.paid_events(ref)
        assert paid.cause == "notification"
        assert till.api_requests("/v1/orders") == creates  # no create sent again
        # The order's id is the sale's again: it can be refunded through its order.
        service = RefundService(till.rt.ledger, lambda: till.rt.client)
        done = await service.refund(ref)
        assert done.ok and done.refunded_amount == final.total

    run_till(scenario)


def test_another_sales_order_is_never_taken_for_it() -> None:
    """A hint of another reference's order, or of an id Mercado Pago does not know, leaves the
    lost create as it is."""

    async def scenario(till: Till) -> None:
        ref, _order_id = await lost_create_sale(till)
        sale = till.sale(ref)
        box = till.rt.engine.box
        body = box.gateways["orders"]._body(sale, box.order(sale))  # type: ignore[attr-defined]
        body["external_reference"] = "OTHERTILL0001"
        other = orders_api.create(till.state, till.state.seller_id, body)
        assert await till.rt.engine.hint("order", other.id) is None  # not one of our sales
        # Even handed to this sale's look, an order of another reference is not its order.
        foreign = QrOrder.parse(orders_api.order_json(other))
        await till.rt.engine.reconcile(ref, Cause.NOTIFICATION, hints=(foreign,))
        with pytest.raises(NotFoundError):
            await till.rt.engine.hint("order", "ORD01JQ4S4KY8HWQ6NA5PXB65B3D3")
        sale = till.sale(ref)
        assert sale.order_id == "" and sale.status is SaleStatus.CREATING

    run_till(scenario)
