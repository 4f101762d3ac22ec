"""The sandbox's Orders API (notes §7), over raw HTTP in process: the traps it must enforce."""

from __future__ import annotations

import copy
import hashlib
import hmac
from typing import Any

import httpx
import pytest

from pos_app.sandbox import SandboxState
from pos_app.sandbox.testing import InProcessSandbox, ManualClock


def body(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "type": "qr",
        "external_reference": "CAJA01S000001XTEST",
        "description": "Almacen Don Pepe",
        "total_amount": "3450.50",
        "expiration_time": "PT10M",
        "config": {"qr": {"external_pos_id": "CAJA01", "mode": "static"}},
        "transactions": {"payments": [{"amount": "3450.50"}]},
        "items": [
            {"title": "Yerba 1kg", "unit_price": "1725.25", "quantity": 2, "unit_measure": "unit"}
        ],
    }
    data.update(overrides)
    return data


def headers(sb: InProcessSandbox, key: str = "k-1") -> dict[str, str]:
    return {**sb.auth, "X-Idempotency-Key": key}


async def create(
    client: httpx.AsyncClient, sb: InProcessSandbox, data: Any, key: str = "k-1"
) -> httpx.Response:
    return await client.post("/v1/orders", json=data, headers=headers(sb, key))


def test_create_answers_201_with_the_whole_order(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        r = await create(client, sb, body())
        assert r.status_code == 201
        order = r.json()
        assert order["id"].startswith("ORD") and len(order["id"]) == 29
        assert order["status"] == "created"
        assert order["total_amount"] == "3450.50"
        pay = order["transactions"]["payments"][0]
        assert pay["id"].startswith("PAY") and len(pay["id"]) == 29
        assert "type_response" not in order  # static: no QR of its own
        got = await client.get(f"/v1/orders/{order['id']}", headers=sb.auth)
        assert got.status_code == 200 and got.json()["id"] == order["id"]
        bad = await client.get("/v1/orders/12345", headers=sb.auth)
        assert bad.status_code == 400 and bad.json()["error"] == "invalid_path_param"
        missing = await client.get("/v1/orders/ORD" + "A" * 26, headers=sb.auth)
        assert missing.status_code == 404

    sb.run(scenario)


def test_idempotency_same_key_same_body_same_order_other_body_409(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        first = (await create(client, sb, body())).json()
        again = await create(client, sb, body())
        assert again.status_code == 201 and again.json()["id"] == first["id"]
        assert len(sb.state.orders_api.orders) == 1
        other = await create(client, sb, body(description="else"))
        assert other.status_code == 409
        assert other.json()["error"] == "idempotency_key_already_used"
        no_key = await client.post("/v1/orders", json=body(), headers=sb.auth)
        assert no_key.status_code == 400

    sb.run(scenario)


CASES: list[tuple[str, dict[str, Any], str]] = [
    ("number amount", {"total_amount": 3450.5}, "invalid_properties"),
    ("one decimal", {"total_amount": "3450.5"}, "invalid_properties"),
    (
        "Arabic-Indic digits",  # \d matched them, and Decimal("٣٤٥٠.٥٠") is 3450.50
        {"total_amount": "٣٤٥٠.٥٠", "transactions": {"payments": [{"amount": "٣٤٥٠.٥٠"}]}},
        "invalid_properties",
    ),
    ("full-width duration", {"expiration_time": "PT１５M"}, "invalid_expiration_time"),
    ("title at the root", {"title": "x"}, "unsupported_properties"),
    ("payment differs", {"transactions": {"payments": [{"amount": "1.00"}]}}, "invalid_properties"),
    ("dash in reference", {"external_reference": "CAJA01-1"}, "invalid_external_reference"),
    ("too short", {"expiration_time": "PT10S"}, "invalid_expiration_time"),
    ("too long", {"expiration_time": "P200D"}, "invalid_expiration_time"),
    ("not a duration", {"expiration_time": "10 minutes"}, "invalid_expiration_time"),
    ("unknown box", {"config": {"qr": {"external_pos_id": "NOPE"}}}, "pos_not_found"),
    (
        "bad mode",
        {"config": {"qr": {"external_pos_id": "CAJA01", "mode": "x"}}},
        "invalid_properties",
    ),
    ("long description", {"description": "x" * 151}, "invalid_properties"),
    (
        "taxes outside Colombia",
        {"taxes": [{"type": "IVA", "value": "1"}]},
        "unsupported_properties",
    ),
]


@pytest.mark.parametrize(("name", "change", "error"), CASES, ids=[c[0] for c in CASES])
def test_validation(sb: InProcessSandbox, name: str, change: dict[str, Any], error: str) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        r = await create(client, sb, body(**change), key=name)
        assert r.status_code == 400, r.text
        assert r.json()["error"] == error
        assert not sb.state.orders_api.orders

    sb.run(scenario)


@pytest.mark.parametrize("field", ["total_amount", "currency_id"])
def test_item_fields_of_the_old_api_are_refused(sb: InProcessSandbox, field: str) -> None:
    data = body()
    data["items"][0][field] = "3450.50"

    async def scenario(client: httpx.AsyncClient) -> None:
        r = await create(client, sb, data)
        assert r.status_code == 400 and r.json()["error"] == "unsupported_properties"

    sb.run(scenario)


def test_colombia_whole_amounts_and_iva_as_an_amount_string(clock: ManualClock) -> None:
    state = SandboxState.seeded("MCO")
    state.clock = clock
    sb = InProcessSandbox(state)
    base = body(
        total_amount="11900",
        transactions={"payments": [{"amount": "11900"}]},
        items=[{"title": "Cafe", "unit_price": "11900", "quantity": 1, "unit_measure": "unit"}],
    )

    async def scenario(client: httpx.AsyncClient) -> None:
        fraction = copy.deepcopy(base)
        fraction["total_amount"] = fraction["transactions"]["payments"][0]["amount"] = "11900.00"
        assert (await create(client, sb, fraction, "a")).status_code == 400
        arabic = {**base, "taxes": [{"type": "IVA", "value": "١٩٠٠"}]}
        r = await create(client, sb, arabic, "e")
        assert r.status_code == 400 and r.json()["error"] == "invalid_taxes"
        number = {**base, "taxes": [{"type": "IVA", "value": 1900}]}
        r = await create(client, sb, number, "b")
        assert r.status_code == 400 and r.json()["error"] == "invalid_taxes"
        over = {**base, "taxes": [{"type": "IVA", "value": "20000"}]}
        assert (await create(client, sb, over, "c")).status_code == 400
        good = {**base, "taxes": [{"type": "IVA", "value": "1900"}]}
        r = await create(client, sb, good, "d")
        assert r.status_code == 201 and r.json()["taxes"] == [{"type": "IVA", "value": "1900"}]

    sb.run(scenario)


def test_cancel_only_while_created_and_refunds(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        a = (await create(client, sb, body(external_reference="A1"), "a")).json()
        cancel = await client.post(f"/v1/orders/{a['id']}/cancel", headers=headers(sb, "ca"))
        assert cancel.status_code == 200 and cancel.json()["status"] == "canceled"
        again = await client.post(f"/v1/orders/{a['id']}/cancel", headers=headers(sb, "ca"))
        assert again.status_code == 200  # the same key: the same answer
        late = await client.post(f"/v1/orders/{a['id']}/cancel", headers=headers(sb, "cb"))
        assert late.status_code == 409 and late.json()["error"] == "cannot_cancel_order"

        b = (await create(client, sb, body(external_reference="B1"), "b")).json()
        not_paid = await client.post(f"/v1/orders/{b['id']}/refund", headers=headers(sb, "r0"))
        assert not_paid.status_code == 409
        sb.state.pay_box("approved")
        paid = (await client.get(f"/v1/orders/{b['id']}", headers=sb.auth)).json()
        assert paid["status"] == "processed"
        cancel = await client.post(f"/v1/orders/{b['id']}/cancel", headers=headers(sb, "cc"))
        assert cancel.status_code == 409
        pay_id = paid["transactions"]["payments"][0]["id"]
        too_much = {"transactions": [{"id": pay_id, "amount": "9999.00"}]}
        r = await client.post(
            f"/v1/orders/{b['id']}/refund", json=too_much, headers=headers(sb, "r1")
        )
        assert r.status_code == 400 and r.json()["error"] == "refund_amount_exceeds"
        part = {"transactions": [{"id": pay_id, "amount": "450.50"}]}
        r = await client.post(f"/v1/orders/{b['id']}/refund", json=part, headers=headers(sb, "r2"))
        assert r.status_code == 201
        assert r.json()["status"] == "processed"
        assert r.json()["status_detail"] == "partially_refunded"
        rest = await client.post(f"/v1/orders/{b['id']}/refund", headers=headers(sb, "r3"))
        assert rest.status_code == 201 and rest.json()["status"] == "refunded"
        pay = rest.json()["transactions"]["payments"][0]
        assert pay["refunded_amount"] == "3450.50"
        # the same key + body again: no second refund
        again = await client.post(f"/v1/orders/{b['id']}/refund", headers=headers(sb, "r3"))
        assert again.status_code == 201
        assert again.json()["transactions"]["payments"][0]["refunded_amount"] == "3450.50"

    sb.run(scenario)


def test_expiry_rejection_and_dynamic_qr(sb: InProcessSandbox, clock: ManualClock) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        dyn = body(config={"qr": {"external_pos_id": "CAJA01", "mode": "dynamic"}})
        order = (await create(client, sb, dyn, "d")).json()
        qr = order["type_response"]["qr_data"]
        assert qr.startswith("000201010212") and order["id"] in qr
        assert sb.state.orders_api.box_current == {}  # dynamic: the printed QR stays free
        sb.state.pay_qr(qr, "rejected")
        seen = (await client.get(f"/v1/orders/{order['id']}", headers=sb.auth)).json()
        assert seen["status"] == "created"
        assert seen["transactions"]["payments"][0]["status"] == "failed"
        sb.state.pay_qr(qr, "approved")
        seen = (await client.get(f"/v1/orders/{order['id']}", headers=sb.auth)).json()
        assert seen["status"] == "processed"

        old = (await create(client, sb, body(external_reference="OLD"), "o")).json()
        clock.advance(601)
        seen = (await client.get(f"/v1/orders/{old['id']}", headers=sb.auth)).json()
        assert seen["status"] == "expired"

    sb.run(scenario)


def test_signed_order_webhooks(state: SandboxState) -> None:
    received: list[httpx.Request] = []

    def receiver(request: httpx.Request) -> httpx.Response:
        received.append(request)
        return httpx.Response(200)

    sb = InProcessSandbox(state, notifier_transport=httpx.MockTransport(receiver))

    async def scenario(client: httpx.AsyncClient) -> None:
        r = await client.post(
            "/_sandbox/webhooks", json={"url": "https://shop.example/mp", "secret": "s3cret"}
        )
        assert r.json() == {"url": "https://shop.example/mp", "signed": True}
        order = (await create(client, sb, body())).json()
        sb.state.pay_box("approved")
        await client.get("/users/me", headers=sb.auth)  # the next request flushes the outbox
        await sb.notifier.drain()
        assert len(received) == 1
        hook = received[0]
        assert hook.url.params["data.id"] == order["id"] and hook.url.params["type"] == "order"
        payload = hook.read()
        assert b'"action":"order.processed"' in payload
        ts_part, v1_part = hook.headers["x-signature"].split(",")
        ts = ts_part.removeprefix("ts=")
        text = f"id:{order['id'].lower()};request-id:{hook.headers['x-request-id']};ts:{ts};"
        expected = hmac.new(b"s3cret", text.encode(), hashlib.sha256).hexdigest()
        assert v1_part == f"v1={expected}"

    sb.run(scenario)
