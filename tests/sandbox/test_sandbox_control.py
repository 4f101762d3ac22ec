"""The control API: box status for the phone window, sellers, logs, settings, clock."""

from __future__ import annotations

import httpx

from pos_app.sandbox.testing import SAMPLE_REFERENCE, InProcessSandbox, sample_order_body


def test_box_status_follows_the_sale(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        idle = (await client.get("/_sandbox/boxes/CAJA01")).json()
        assert idle["order"] is None and idle["merchant_orders"] == []
        assert idle["box"]["external_id"] == "CAJA01" and idle["box"]["qr_code"]
        assert (idle["site_id"], idle["currency_id"]) == ("MLA", "ARS")

        await sb.put(client)
        pending = (await client.get("/_sandbox/boxes/CAJA01")).json()
        order = pending["order"]
        assert order["external_reference"] == SAMPLE_REFERENCE
        assert order["total_amount"] == 3450.5 and order["title"] == "Almacen Don Pepe"
        assert order["items"][0]["unit_price"] == 1725.25
        assert order["expiration_date"].endswith("-04:00")

        await client.post("/_sandbox/boxes/CAJA01/pay", json={"outcome": "rejected"})
        await client.post("/_sandbox/boxes/CAJA01/pay", json={})
        done = (await client.get("/_sandbox/boxes/CAJA01")).json()
        assert done["order"] is None
        assert [mo["status"] for mo in done["merchant_orders"]] == ["closed"]

        missing = await client.get("/_sandbox/boxes/NOPE")
        assert missing.status_code == 404 and missing.json()["error"] == "not_found"

    sb.run(scenario)


def test_bad_control_bodies(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        await sb.put(client)
        cases = [
            ("/_sandbox/boxes/CAJA01/pay", {"outcome": "maybe"}),
            ("/_sandbox/boxes/CAJA01/pay", {"amount": "10"}),
            ("/_sandbox/boxes/CAJA01/pay", {"merchant_order_id": "1"}),
            ("/_sandbox/sellers", {"site_id": "XXX"}),
            ("/_sandbox/tokens/revoke", {}),
        ]
        for path, body in cases:
            response = await client.post(path, json=body)
            assert response.status_code == 400, (path, body)
            assert response.json()["error"] == "bad_request"
        not_json = await client.post("/_sandbox/boxes/CAJA01/pay", content=b"{nope")
        assert not_json.status_code == 400

    sb.run(scenario)


def test_index_sellers_and_user_id_addressing(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        created = (await client.post("/_sandbox/sellers", json={"site_id": "MLC"})).json()
        index = (await client.get("/_sandbox")).json()
        assert [s["user_id"] for s in index["sellers"]] == [sb.state.seller_id, created["user_id"]]
        assert index["sellers"][1]["boxes"] == ["CAJA01"]
        auth = {"Authorization": f"Bearer {created['token']}"}
        me = (await client.get("/users/me", headers=auth)).json()
        assert (me["id"], me["site_id"]) == (created["user_id"], "MLC")
        path = f"/instore/qr/seller/collectors/{created['user_id']}/stores/SUC001/pos/CAJA01/orders"
        item = {**sample_order_body()["items"][0], "unit_price": 1500, "total_amount": 3000}
        body = sample_order_body(items=[item], total_amount=3000)
        assert (await client.put(path, json=body, headers=auth)).status_code == 204
        # The first seller's CAJA01 is untouched; ?user_id= reaches the new seller's.
        assert (await client.get("/_sandbox/boxes/CAJA01")).json()["order"] is None
        url = f"/_sandbox/boxes/CAJA01/pay?user_id={created['user_id']}"
        paid = (await client.post(url, json={"outcome": "partial"})).json()
        assert paid["payment"]["transaction_amount"] == 1500  # CLP: whole pesos
        assert paid["payment"]["currency_id"] == "CLP"

    sb.run(scenario)


def test_request_log_never_holds_the_token(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        headers = {**sb.auth, "X-Idempotency-Key": "sale-42-put"}
        await client.put(sb.put_path, json=sample_order_body(), headers=headers)
        await client.get(sb.order_path, headers=sb.auth, params={"x": "1"})
        await client.get("/_sandbox/boxes/CAJA01")  # control calls are not logged
        log = (await client.get("/_sandbox/requests")).json()["requests"]
        assert [(e["method"], e["status"]) for e in log] == [("PUT", 204), ("GET", 200)]
        assert log[0]["idempotency_key"] == "sale-42-put"
        assert log[1]["query"] == "x=1" and log[1]["path"] == sb.order_path
        assert sb.state.seller_token not in str(log)
        assert (await client.delete("/_sandbox/requests")).status_code == 204
        assert sb.state.request_log == []

    sb.run(scenario)


def test_settings_and_clock(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        settings = await client.patch(
            "/_sandbox/settings", json={"search_lag_seconds": 2, "ipn_delay_ms": 5}
        )
        assert settings.json()["search_lag_seconds"] == 2
        assert sb.state.ipn_delay_ms == 5
        bad = await client.patch("/_sandbox/settings", json={"ipn_enabled": "no"})
        assert bad.status_code == 400
        await sb.put(client)
        advanced = await client.post("/_sandbox/clock/advance", json={"seconds": 601})
        assert advanced.status_code == 200
        assert (await client.get("/_sandbox/settings")).json()["clock_offset_seconds"] == 601
        assert (await client.get(sb.order_path, headers=sb.auth)).status_code == 404
        received = (await client.get(f"/_sandbox/orders/{SAMPLE_REFERENCE}")).json()
        assert [put["body"] for put in received["puts"]] == [sample_order_body()]

    sb.run(scenario)


def test_unknown_routes_use_the_envelope(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        missing = await client.get("/v1/nothing", headers=sb.auth)
        assert missing.status_code == 404
        assert set(missing.json()) == {"message", "error", "status", "cause"}
        wrong_method = await client.patch("/users/me", headers=sb.auth)
        assert wrong_method.status_code == 405
        assert wrong_method.json()["error"] == "method_not_allowed"
        bad_json = await client.put(sb.put_path, content=b"{", headers=sb.auth)
        assert bad_json.status_code == 400 and bad_json.json()["error"] == "bad_request"

    sb.run(scenario)
