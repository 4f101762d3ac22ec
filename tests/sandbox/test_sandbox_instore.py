"""Auth, /users/me and the instore orders endpoints, including every validation error key."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from pos_app.sandbox.testing import FIXED_NOW, SAMPLE_REFERENCE, InProcessSandbox, sample_order_body

UNAUTHORIZED = {"message": "invalid_token", "error": "unauthorized", "status": 401, "cause": []}


def test_users_me_requires_a_known_token(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        missing = await client.get("/users/me")
        assert missing.status_code == 401
        assert missing.json() == UNAUTHORIZED
        wrong = await client.get("/users/me", headers={"Authorization": "Bearer APP_USR-nope"})
        assert wrong.status_code == 401
        basic = await client.get("/users/me", headers={"Authorization": "Basic abc"})
        assert basic.status_code == 401

        me = await client.get("/users/me", headers=sb.auth)
        assert me.status_code == 200
        data = me.json()
        assert data["id"] == sb.state.seller_id == 5001000001
        assert data["site_id"] == "MLA" and data["country_id"] == "AR"
        assert data["tags"] == ["normal", "test_user"]
        assert data["nickname"].startswith("TESTDEMO")
        assert "@" in data["email"]

    assert sb.state.seller_token.startswith("APP_USR-")
    sb.run(scenario)


def test_revoked_token_gets_401_until_restored(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        token = sb.state.seller_token
        revoked = await client.post("/_sandbox/tokens/revoke", json={"token": token})
        assert revoked.json() == {"user_id": sb.state.seller_id, "revoked": True}
        assert (await client.get(sb.order_path, headers=sb.auth)).json() == UNAUTHORIZED
        await client.post("/_sandbox/tokens/restore", json={"user_id": sb.state.seller_id})
        assert (await client.get("/users/me", headers=sb.auth)).status_code == 200
        unknown = await client.post("/_sandbox/tokens/revoke", json={"token": "x"})
        assert unknown.status_code == 404

    sb.run(scenario)


def test_put_get_delete_cycle(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        empty = await client.get(sb.order_path, headers=sb.auth)
        assert empty.status_code == 404
        assert empty.json()["error"] == "point_of_sale_in_store_order_not_found"
        assert empty.json()["message"] == "No associated order found"

        put = await sb.put(client)
        assert put.status_code == 204
        assert put.content == b""

        got = await client.get(sb.order_path, headers=sb.auth)
        assert got.status_code == 200
        assert got.json() == sample_order_body()
        assert '"total_amount":3450.5' in got.text  # numbers come back as numbers

        deleted = await client.delete(sb.order_path, headers=sb.auth)
        assert deleted.status_code == 204 and deleted.content == b""
        assert (await client.get(sb.order_path, headers=sb.auth)).status_code == 404
        # Deleting again is not an error.
        assert (await client.delete(sb.order_path, headers=sb.auth)).status_code == 204

    sb.run(scenario)


def test_put_replaces_the_box_order(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        await sb.put(client)
        await sb.put(client, external_reference="SECOND01", title="Otra venta")
        got = (await client.get(sb.order_path, headers=sb.auth)).json()
        assert got["external_reference"] == "SECOND01"
        assert sb.state.bodies_for(SAMPLE_REFERENCE) == [sample_order_body()]

    sb.run(scenario)


def test_collector_and_box_errors(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        other_id, _ = sb.state.add_seller("MLA")
        for user in (str(other_id), "abc"):
            path = f"/instore/qr/seller/collectors/{user}/pos/CAJA01/orders"
            response = await client.get(path, headers=sb.auth)
            assert response.status_code == 400
            assert response.json()["error"] == "invalid_collectorId"
        base = f"/instore/qr/seller/collectors/{sb.state.seller_id}"
        for path in (
            f"{base}/stores/SUC001/pos/NOPE/orders",
            f"{base}/stores/NOPE/pos/CAJA01/orders",
        ):
            response = await client.put(path, json=sample_order_body(), headers=sb.auth)
            assert response.status_code == 400
            assert response.json()["error"] == "invalid_externalPosId"
        response = await client.get(f"{base}/pos/NOPE/orders", headers=sb.auth)
        assert response.json()["error"] == "invalid_externalPosId"

    sb.run(scenario)


def _item(**overrides: Any) -> dict[str, Any]:
    item = dict(sample_order_body()["items"][0])
    item.update(overrides)
    return item


def _with_item(**overrides: Any) -> dict[str, Any]:
    # The order total follows the item's, so that only the item's error is left to report.
    item = _item(**overrides)
    total = item["total_amount"]
    return {"items": [item], "total_amount": total if isinstance(total, int | float) else 3450.5}


INVALID_BODIES: list[tuple[dict[str, Any], str]] = [
    ({"external_reference": None}, "invalid_external_reference"),
    ({"external_reference": "A" * 65}, "invalid_external_reference"),
    ({"external_reference": "has space"}, "invalid_external_reference"),
    ({"external_reference": "ñandú"}, "invalid_external_reference"),
    # a final new line: the pattern's "$" matched before it, and the sandbox took the order
    ({"external_reference": "B01S000042X7K2\n"}, "invalid_external_reference"),
    ({"title": None}, "invalid_title"),
    ({"title": 42}, "invalid_title"),
    ({"total_amount": "3450.5"}, "invalid_total_amount"),
    ({"total_amount": 3450.0}, "invalid_total_amount"),  # not the sum of the items
    ({"total_amount": 3450.505}, "invalid_total_amount"),  # too many decimals
    ({"items": "yerba"}, "invalid_items"),
    (_with_item(title=7), "invalid_items.title"),
    (_with_item(sku_number=7790001), "invalid_items.sku_number"),
    (_with_item(category=3), "invalid_items.category"),
    (_with_item(description=False), "invalid_items.description"),
    (_with_item(unit_price="1725.25"), "invalid_items.unit_price"),
    (_with_item(quantity="2"), "invalid_items.quantity"),
    (_with_item(total_amount=None), "invalid_items.total_amount"),
    (_with_item(unit_measure=None), "invalid_items.unit_measure"),
    (_with_item(unit_measure="kg"), "invalid_unit_measure"),
    (_with_item(quantity=0, total_amount=0), "invalid_quantity"),
    (_with_item(quantity=-1, total_amount=-1725.25), "invalid_quantity"),
    (_with_item(unit_price=0, total_amount=0), "invalid_unit_price"),
    (_with_item(unit_price=1725.255, total_amount=3450.51), "invalid_unit_price"),
    (_with_item(total_amount=3450.0), "invalid_total_amount"),  # not unit_price x quantity
    # a weighed product as a fractional quantity (issue 20: one piece, the weight in the title)
    (_with_item(unit_price=8000, quantity=0.35, total_amount=2800), "invalid_quantity"),
    (_with_item(unit_price=1000, quantity=1, total_amount=999.99), "invalid_total_amount"),
    ({"items": [], "total_amount": 10}, "error_creating_seller_qr_order"),
    ({"items": None, "total_amount": 10}, "error_creating_seller_qr_order"),
    ({"expiration_date": "tomorrow"}, "invalid_expiration_date"),
    ({"expiration_date": "2026-11-22T20:00:00"}, "invalid_expiration_date"),  # no offset
    (
        {"expiration_date": (FIXED_NOW - timedelta(seconds=1)).isoformat()},
        "invalid_expiration_date",
    ),
    ({"sponsor": {"id": "12345"}}, "invalid_sponsor.id"),
    ({"sponsor": {}}, "invalid_sponsor.id"),
    ({"notification_url": "ftp://example.org/x"}, "invalid_notification_url"),
]


@pytest.mark.parametrize(("overrides", "error"), INVALID_BODIES)
def test_put_validation_errors(sb: InProcessSandbox, overrides: dict[str, Any], error: str) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        response = await sb.put(client, **overrides)
        assert response.status_code == 400, response.text
        data = response.json()
        assert data["error"] == error
        assert data["status"] == 400
        assert set(data) == {"message", "error", "status", "cause"}
        assert (await client.get(sb.order_path, headers=sb.auth)).status_code == 404

    sb.run(scenario)


def test_put_accepts_edge_cases(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        weighed = _item(
            unit_price=333, quantity=1, total_amount=333, title="Queso 0,333 kg x $ 1.000/kg"
        )
        accepted: list[dict[str, Any]] = [
            {"external_reference": "A" * 64, "expiration_date": "2026-11-22T16:34:56.559-03:00"},
            {"items": [weighed], "total_amount": 333},  # a weighed item, as the app sends it
            {"sponsor": {"id": 123456}, "notification_url": "http://127.0.0.1:9/ipn"},
            {"cash_out": {"amount": 500}, "total_amount": 3950.5},
            {"items": [], "cash_out": {"amount": 500}, "total_amount": 500},
        ]
        for overrides in accepted:
            response = await sb.put(client, **overrides)
            assert response.status_code == 204, (overrides, response.text)

    sb.run(scenario)


def test_default_expiry_is_ten_minutes(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        body = sample_order_body()
        del body["expiration_date"]
        await client.put(sb.put_path, json=body, headers=sb.auth)
        sb.state.advance(599)
        assert (await client.get(sb.order_path, headers=sb.auth)).status_code == 200
        sb.state.advance(2)
        assert (await client.get(sb.order_path, headers=sb.auth)).status_code == 404

    sb.run(scenario)


def test_colombia_integer_amounts_and_iva(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        created = await client.post("/_sandbox/sellers", json={"site_id": "MCO"})
        assert created.status_code == 201
        seller = created.json()
        assert seller["store_external_id"] == "SUC001" and seller["box_external_id"] == "CAJA01"
        auth = {"Authorization": f"Bearer {seller['token']}"}
        path = f"/instore/qr/seller/collectors/{seller['user_id']}/stores/SUC001/pos/CAJA01/orders"
        item = _item(unit_price=11900, quantity=1, total_amount=11900)
        body = sample_order_body(items=[item], total_amount=11900, external_reference="CO1")

        cents = sample_order_body(
            items=[_item(unit_price=11900.5, quantity=1, total_amount=11900.5)]
        )
        response = await client.put(path, json={**cents, "total_amount": 11900.5}, headers=auth)
        assert response.json()["error"] == "invalid_unit_price"
        for taxes in ([{"type": "IVA", "value": 19.5}], [{"type": "VAT", "value": 1900}], "x"):
            response = await client.put(path, json={**body, "taxes": taxes}, headers=auth)
            assert response.json()["error"] == "invalid_taxes", taxes

        taxes = [{"type": "IVA", "value": 1900}]
        assert (await client.put(path, json={**body, "taxes": taxes}, headers=auth)).is_success
        received = (await client.get("/_sandbox/orders/CO1")).json()
        assert [put["body"]["taxes"] for put in received["puts"]] == [taxes]
        assert received["puts"][0]["user_id"] == seller["user_id"]
        status = (await client.get(f"/_sandbox/boxes/CAJA01?user_id={seller['user_id']}")).json()
        assert status["currency_id"] == "COP"
        assert status["order"]["taxes"] == taxes

    sb.run(scenario)
