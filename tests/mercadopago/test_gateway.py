"""The gateways' refund and day's-payments calls (the engine's flows are in tests/checkout).

The Orders API refund runs against the sandbox; instore v2's payment refunds and the payments
search are served by the sandbox of issue 12 / a later one, so here they meet a mock that
checks exactly what is sent (path, key, body, paging)."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx

from pos_app.domain.money import site_for
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus
from pos_app.mercadopago.client import MercadoPagoClient
from pos_app.mercadopago.credentials import AccessToken
from pos_app.mercadopago.gateway import InstoreGateway, OrdersGateway, Where
from pos_app.sandbox.state import SandboxState
from tests.mercadopago.test_client_contract import on_sandbox
from tests.mercadopago.test_client_orders_api import body

ARS = site_for("MLA")
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def sale(**changes: Any) -> SaleSnapshot:
    base: dict[str, Any] = {
        "id": 1,
        "external_reference": "CAJA01S000001XTEST",
        "box_external_id": "CAJA01",
        "site_id": "MLA",
        "currency": "ARS",
        "status": SaleStatus.PAID,
        "total": Decimal("3450.50"),
        "created_at": NOW,
        "updated_at": NOW,
        "expires_at": NOW + timedelta(minutes=10),
        "paid_amount": Decimal("3450.50"),
    }
    base.update(changes)
    return SaleSnapshot(**base)


def test_orders_gateway_refunds_part_then_the_rest() -> None:
    async def scenario(client: MercadoPagoClient, state: SandboxState) -> None:
        order = await client.create_qr_order(body(), idempotency_key="k1")
        state.pay_box("approved")
        paid = await client.get_qr_order(order.id)
        gateway = OrdersGateway(client, Where(state.seller_id, "SUC001", ARS))
        s = sale(order_id=order.id, order_payment_ids=(paid.payments[0].id,))
        assert await gateway.refund(s, "r1", Decimal("450.50")) == Decimal("450.50")
        after = await client.get_qr_order(order.id)
        assert after.status_detail == "partially_refunded"
        assert await gateway.refund(s, "r1", Decimal("450.50")) == Decimal("450.50")  # retried
        assert state.orders_api.orders[order.id].refunded == Decimal("450.50")  # not twice
        await gateway.refund(s, "r2")
        assert (await client.get_qr_order(order.id)).status == "refunded"

    on_sandbox(scenario)


def test_instore_refund_and_day_payments_send_what_mercado_pago_documents() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path.endswith("/refunds"):
            return httpx.Response(201, json={"id": 1, "payment_id": 77, "status": "approved"})
        offset = int(request.url.params["offset"])
        results = [{"id": i + 1} for i in range(offset, min(offset + 50, 60))]  # ids from 1
        return httpx.Response(
            200, json={"paging": {"total": 60, "offset": offset}, "results": results}
        )

    async def go() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as http:
            client = MercadoPagoClient(
                http, AccessToken("APP_USR-1-2-3-4"), base_url="https://api.mercadopago.com"
            )
            gateway = InstoreGateway(client, Where(5001, "SUC001", ARS))
            s = sale(payment_ids=(77,))
            assert await gateway.refund(s, "key-1", Decimal("1000.50")) == Decimal("1000.50")
            assert await gateway.refund(s, "key-2") == Decimal("3450.50")
            found = await gateway.day_payments(NOW, NOW + timedelta(days=1))
            assert [p.id for p in found] == list(range(1, 61))

    asyncio.run(go())
    partial, whole, page1, page2 = seen
    assert partial.url.path == "/v1/payments/77/refunds"
    assert partial.headers["x-idempotency-key"] == "key-1"
    assert json.loads(partial.content) == {"amount": 1000.5}
    assert whole.content == b"" and whole.headers["x-idempotency-key"] == "key-2"
    assert page1.url.params["range"] == "date_created" and page1.url.params["offset"] == "0"
    assert page1.url.params["begin_date"] == "2026-12-01T12:00:00.000+00:00"
    assert page2.url.params["offset"] == "50"
