"""The client's Orders API methods against the sandbox over a real socket: every endpoint, every
error, and a create whose answer is lost after Mercado Pago acted (the same key: one order)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from pos_app.domain.money import site_for
from pos_app.mercadopago import errors
from pos_app.mercadopago.client import MercadoPagoClient
from pos_app.mercadopago.models import (
    BoxOrderRequest,
    OrderItem,
    iso_duration,
    qr_order_body,
    to_api_string,
)
from pos_app.sandbox.faults import Faults
from pos_app.sandbox.state import SandboxState
from tests.mercadopago.test_client_contract import on_sandbox

ARS = site_for("MLA")


def request(ref: str = "CAJA01S000001XTEST", iva: Decimal | None = None) -> BoxOrderRequest:
    return BoxOrderRequest(
        external_reference=ref,
        title="Almacen Don Pepe",
        total_amount=Decimal("3450.50"),
        items=[OrderItem("Yerba 1kg", Decimal("1725.25"), 2, sku_number="7790001")],
        expiration_date=datetime.now(UTC) + timedelta(minutes=10),
        iva_total=iva,
    )


def body(ref: str = "CAJA01S000001XTEST", mode: str = "static") -> dict[str, object]:
    return qr_order_body(request(ref), ARS, external_pos_id="CAJA01", mode=mode, ttl_seconds=600)


def test_body_follows_the_notes() -> None:
    b = body()
    assert b["total_amount"] == "3450.50" and "title" not in b
    assert b["transactions"] == {"payments": [{"amount": "3450.50"}]}
    assert b["expiration_time"] == "PT10M"
    item = b["items"][0]  # type: ignore[index]
    assert item == {
        "title": "Yerba 1kg",
        "unit_price": "1725.25",
        "quantity": 2,
        "unit_measure": "unit",
        "external_code": "7790001",
    }
    assert to_api_string(Decimal(1500), site_for("MCO")) == "1500"
    assert to_api_string(Decimal(1500), ARS) == "1500.00"
    assert iso_duration(90 * 60) == "PT1H30M" and iso_duration(5) == "PT30S"


def test_create_read_cancel_and_errors() -> None:
    async def scenario(client: MercadoPagoClient, state: SandboxState) -> None:
        created = await client.create_qr_order(body(mode="hybrid"), idempotency_key="k1")
        assert created.id.startswith("ORD") and created.status == "created"
        assert created.qr_data and created.payments[0].id.startswith("PAY")
        again = await client.create_qr_order(body(mode="hybrid"), idempotency_key="k1")
        assert again.id == created.id
        with pytest.raises(errors.RejectedError) as used:
            await client.create_qr_order(body("OTHER", "hybrid"), idempotency_key="k1")
        assert used.value.status == 409 and used.value.key == "idempotency_key_already_used"
        read = await client.get_qr_order(created.id)
        assert (
            read.total_amount == Decimal("3450.50")
            and read.external_reference == created.external_reference
        )
        canceled = await client.cancel_qr_order(created.id, idempotency_key="c1")
        assert canceled.status == "canceled"
        with pytest.raises(errors.RejectedError) as late:
            await client.cancel_qr_order(created.id, idempotency_key="c2")
        assert late.value.key == "cannot_cancel_order"
        with pytest.raises(errors.RejectedError) as bad_id:
            await client.get_qr_order("12345")
        assert bad_id.value.key == "invalid_path_param"
        with pytest.raises(errors.NotFoundError):
            await client.get_qr_order("ORD" + "Z" * 26)
        with pytest.raises(errors.RejectedError) as invalid:
            bad = body("BAD-REF")
            await client.create_qr_order(bad, idempotency_key="k3")
        assert invalid.value.key == "invalid_external_reference"

    on_sandbox(scenario)


def test_refund_total_and_partial() -> None:
    async def scenario(client: MercadoPagoClient, state: SandboxState) -> None:
        order = await client.create_qr_order(body(), idempotency_key="k1")
        state.pay_box("approved")
        paid = await client.get_qr_order(order.id)
        assert paid.is_paid and paid.paid_amount == Decimal("3450.50")
        part = [{"id": paid.payments[0].id, "amount": "450.50"}]
        after = await client.refund_qr_order(order.id, idempotency_key="r1", transactions=part)
        assert after.status == "processed" and after.status_detail == "partially_refunded"
        with pytest.raises(errors.RejectedError) as exceeds:
            too_much = [{"id": paid.payments[0].id, "amount": "5000.00"}]
            await client.refund_qr_order(order.id, idempotency_key="r2", transactions=too_much)
        assert exceeds.value.key == "refund_amount_exceeds"
        rest = await client.refund_qr_order(order.id, idempotency_key="r3")
        assert rest.status == "refunded"

    on_sandbox(scenario)


def test_lost_answer_then_retry_gives_the_same_order() -> None:
    """The create is processed and its answer dropped, then a 500: the client retries with the
    same key and gets the order that was made; the sandbox holds one order, not three."""

    async def scenario(client: MercadoPagoClient, state: SandboxState) -> None:
        state.faults = Faults(
            error_rate=1.0, kinds=["drop_after"], times=1, path_prefix="/v1/orders"
        )
        created = await client.create_qr_order(body(), idempotency_key="k1")
        assert len(state.orders_api.orders) == 1
        assert [o.id for o in state.orders_api.orders.values()] == [created.id]
        log = [e for e in state.request_log if e["path"] == "/v1/orders"]
        assert [e["fault"] for e in log] == ["drop_after", None]
        assert {e["idempotency_key"] for e in log} == {"k1"}
        state.faults = Faults(
            error_rate=1.0, kinds=["drop_after"], times=1, path_prefix="/v1/orders"
        )
        canceled = await client.cancel_qr_order(created.id, idempotency_key="c1")
        assert canceled.status == "canceled"  # the retry with the same key: the same answer

    on_sandbox(scenario)
