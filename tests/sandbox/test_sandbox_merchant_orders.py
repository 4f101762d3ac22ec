"""Merchant orders: scans, payments, expiry, search (null, lag, pagination) and the cancel race."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import httpx

from pos_app.sandbox.testing import SAMPLE_REFERENCE, InProcessSandbox, ManualClock


def test_search_is_null_before_any_scan(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        await sb.put(client)
        assert await sb.search(client) == {"elements": None, "next_offset": 0, "total": 0}

    sb.run(scenario)


def test_scan_creates_an_opened_merchant_order(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        nothing = await client.post("/_sandbox/boxes/CAJA01/scan")
        assert nothing.status_code == 409 and nothing.json()["error"] == "nothing_to_pay"
        await sb.put(client, notification_url="https://example.org/ipn")
        scanned = await client.post("/_sandbox/boxes/CAJA01/scan")
        assert scanned.status_code == 200
        mo = scanned.json()
        assert mo["id"] >= 15140831325
        assert (mo["status"], mo["order_status"]) == ("opened", "payment_required")
        assert mo["external_reference"] == SAMPLE_REFERENCE
        assert (mo["total_amount"], mo["paid_amount"], mo["refunded_amount"]) == (3450.5, 0, 0)
        assert mo["site_id"] == "MLA" and mo["payments"] == [] and mo["cancelled"] is False
        assert mo["collector"]["id"] == sb.state.seller_id
        assert mo["preference_id"] is None and mo["marketplace"] == "NONE"
        assert mo["notification_url"] == "https://example.org/ipn"
        assert mo["items"][0]["title"] == "Yerba 1kg" and mo["items"][0]["currency_id"] == "ARS"
        created = datetime.fromisoformat(mo["date_created"])
        assert created.utcoffset() is not None and "." in mo["date_created"]

        by_id = await client.get(f"/merchant_orders/{mo['id']}", headers=sb.auth)
        assert by_id.json() == mo
        found = await sb.search(client)
        assert found["total"] == 1 and found["next_offset"] == 1
        assert found["elements"] == [mo]
        # The box order is still there: scanning does not consume it.
        assert (await client.get(sb.order_path, headers=sb.auth)).status_code == 200

    sb.run(scenario)


def test_rejected_then_approved(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        await sb.put(client)
        rejected = await client.post("/_sandbox/boxes/CAJA01/pay", json={"outcome": "rejected"})
        mo = rejected.json()["merchant_order"]
        assert (mo["status"], mo["order_status"], mo["paid_amount"]) == (
            "opened",
            "payment_required",
            0,
        )
        payment = mo["payments"][0]
        assert payment["status"] == "rejected"
        assert payment["status_detail"] == "cc_rejected_other_reason"
        assert payment["date_approved"] is None
        assert payment["operation_type"] == "regular_payment"
        assert (await client.get(sb.order_path, headers=sb.auth)).status_code == 200

        approved = await client.post("/_sandbox/boxes/CAJA01/pay", json={"outcome": "approved"})
        mo = approved.json()["merchant_order"]
        assert mo["id"] == rejected.json()["merchant_order"]["id"]  # the same order, retried
        assert (mo["status"], mo["order_status"], mo["paid_amount"]) == ("closed", "paid", 3450.5)
        assert [p["status"] for p in mo["payments"]] == ["rejected", "approved"]
        assert mo["payments"][1]["date_approved"] is not None
        assert mo["payments"][1]["currency_id"] == "ARS"
        # Paid: the box goes back to waiting.
        assert (await client.get(sb.order_path, headers=sb.auth)).status_code == 404
        assert (await client.get("/_sandbox/boxes/CAJA01")).json()["order"] is None

    sb.run(scenario)


def test_two_scans_two_merchant_orders_one_paid(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        await sb.put(client)
        first = (await client.post("/_sandbox/boxes/CAJA01/scan")).json()
        paid = await client.post("/_sandbox/boxes/CAJA01/pay", json={"scan": True})
        second = paid.json()["merchant_order"]
        assert second["id"] != first["id"]
        found = await sb.search(client)
        assert found["total"] == 2
        statuses = {mo["id"]: mo["status"] for mo in found["elements"]}
        assert statuses == {first["id"]: "opened", second["id"]: "closed"}
        closed = await sb.search(client, status="closed")
        assert [mo["id"] for mo in closed["elements"]] == [second["id"]]

    sb.run(scenario)


def test_partial_payment_then_the_rest(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        await sb.put(client)
        partial = await client.post("/_sandbox/boxes/CAJA01/pay", json={"outcome": "partial"})
        mo = partial.json()["merchant_order"]
        assert (mo["status"], mo["order_status"]) == ("opened", "partially_paid")
        assert mo["paid_amount"] == 1725.25
        again = await client.post(
            "/_sandbox/boxes/CAJA01/pay", json={"outcome": "partial", "amount": 1000}
        )
        assert again.json()["merchant_order"]["paid_amount"] == 2725.25
        rest = await client.post("/_sandbox/boxes/CAJA01/pay", json={"outcome": "approved"})
        mo = rest.json()["merchant_order"]
        assert rest.json()["payment"]["transaction_amount"] == 725.25
        assert (mo["status"], mo["order_status"], mo["paid_amount"]) == ("closed", "paid", 3450.5)
        closed = await client.post(f"/_sandbox/merchant_orders/{mo['id']}/pay", json={})
        assert closed.status_code == 409
        assert closed.json()["error"] == "merchant_order_not_open"

    sb.run(scenario)


def test_pending_payment_settles_later(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        await sb.put(client)
        pending = await client.post("/_sandbox/boxes/CAJA01/pay", json={"outcome": "pending"})
        mo = pending.json()["merchant_order"]
        assert (mo["status"], mo["order_status"]) == ("opened", "payment_in_process")
        payment_id = pending.json()["payment"]["id"]
        settled = await client.post(
            f"/_sandbox/payments/{payment_id}/settle", json={"outcome": "approved"}
        )
        mo = settled.json()["merchant_order"]
        assert (mo["status"], mo["order_status"]) == ("closed", "paid")

    sb.run(scenario)


def test_expiry_with_the_injectable_clock(sb: InProcessSandbox, clock: ManualClock) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        expires = (clock() + timedelta(seconds=60)).isoformat()
        await sb.put(client, expiration_date=expires)
        mo_id = (await client.post("/_sandbox/boxes/CAJA01/scan")).json()["id"]
        await client.post("/_sandbox/boxes/CAJA01/pay", json={"outcome": "partial"})
        clock.advance(59)
        assert (await client.get(sb.order_path, headers=sb.auth)).status_code == 200
        clock.advance(1)
        assert (await client.get(sb.order_path, headers=sb.auth)).status_code == 404
        mo = (await client.get(f"/merchant_orders/{mo_id}", headers=sb.auth)).json()
        assert (mo["status"], mo["order_status"]) == ("expired", "expired")
        assert mo["paid_amount"] == 1725.25  # money received is not forgotten
        late = await client.post(f"/_sandbox/merchant_orders/{mo_id}/pay", json={})
        assert late.status_code == 409
        assert (await client.post("/_sandbox/boxes/CAJA01/scan")).status_code == 409

    sb.run(scenario)


def test_forced_expiry_from_the_control_api(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        await sb.put(client)
        mo_id = (await client.post("/_sandbox/boxes/CAJA01/scan")).json()["id"]
        assert (await client.post("/_sandbox/boxes/CAJA01/expire")).json() == {"expired": True}
        assert (await client.post("/_sandbox/boxes/CAJA01/expire")).json() == {"expired": False}
        mo = (await client.get(f"/merchant_orders/{mo_id}", headers=sb.auth)).json()
        assert mo["status"] == "expired"
        assert (await client.get(sb.order_path, headers=sb.auth)).status_code == 404

    sb.run(scenario)


def test_payment_races_the_delete(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        await sb.put(client)
        first = (await client.post("/_sandbox/boxes/CAJA01/scan")).json()["id"]
        second = (await client.post("/_sandbox/boxes/CAJA01/scan")).json()["id"]
        assert (await client.delete(sb.order_path, headers=sb.auth)).status_code == 204
        # The customer was already in the payment screen: both orders can still be paid.
        nothing = await client.post("/_sandbox/boxes/CAJA01/pay", json={})
        assert nothing.status_code == 409 and nothing.json()["error"] == "nothing_to_pay"
        paid = await client.post(f"/_sandbox/merchant_orders/{first}/pay", json={})
        assert paid.json()["merchant_order"]["status"] == "closed"
        via_box = await client.post(
            "/_sandbox/boxes/CAJA01/pay", json={"merchant_order_id": second}
        )
        assert via_box.json()["merchant_order"]["status"] == "closed"
        found = await sb.search(client, status="closed")
        assert found["total"] == 2

    sb.run(scenario)


def test_search_lag_hides_new_orders_from_search_only(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        sb.state.search_lag_seconds = 3
        await sb.put(client)
        mo_id = (await client.post("/_sandbox/boxes/CAJA01/scan")).json()["id"]
        assert (await sb.search(client))["elements"] is None
        assert (await client.get(f"/merchant_orders/{mo_id}", headers=sb.auth)).status_code == 200
        sb.state.advance(3)
        assert (await sb.search(client))["total"] == 1

    sb.run(scenario)


def test_search_pagination(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        await sb.put(client)
        ids = [(await client.post("/_sandbox/boxes/CAJA01/scan")).json()["id"] for _ in range(5)]
        page = await sb.search(client, limit=2)
        assert (page["total"], page["next_offset"]) == (5, 2)
        assert [mo["id"] for mo in page["elements"]] == ids[:2]
        page = await sb.search(client, limit=2, offset=4)
        assert (page["next_offset"], len(page["elements"])) == (5, 1)
        page = await sb.search(client, limit=2, offset=5)
        assert (page["elements"], page["total"]) == (None, 5)
        assert (await sb.search(client))["total"] == 5  # default limit covers them
        assert (await sb.search(client, external_reference="OTHER"))["elements"] is None
        bad = await client.get("/merchant_orders/search", params={"limit": "x"}, headers=sb.auth)
        assert bad.status_code == 400

    sb.run(scenario)


def test_other_sellers_cannot_see_orders_or_payments(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        await sb.put(client)
        paid = (await client.post("/_sandbox/boxes/CAJA01/pay", json={})).json()
        _, token = sb.state.add_seller("MLA")
        other = {"Authorization": f"Bearer {token}"}
        mo_id, payment_id = paid["merchant_order"]["id"], paid["payment"]["id"]
        response = await client.get(f"/merchant_orders/{mo_id}", headers=other)
        assert response.status_code == 404 and response.json()["error"] == "not_found"
        assert (await client.get(f"/v1/payments/{payment_id}", headers=other)).status_code == 404
        search = await client.get(
            "/merchant_orders/search",
            params={"external_reference": SAMPLE_REFERENCE},
            headers=other,
        )
        assert search.json()["elements"] is None
        assert (await client.get("/merchant_orders/1", headers=sb.auth)).status_code == 404

    sb.run(scenario)


def test_payment_resource(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        await sb.put(client)
        paid = (await client.post("/_sandbox/boxes/CAJA01/pay", json={})).json()
        response = await client.get(f"/v1/payments/{paid['payment']['id']}", headers=sb.auth)
        payment = response.json()
        assert payment["order"] == {"id": paid["merchant_order"]["id"], "type": "mercadopago"}
        assert payment["external_reference"] == SAMPLE_REFERENCE
        assert (payment["status"], payment["status_detail"]) == ("approved", "accredited")
        assert payment["transaction_amount"] == 3450.5
        assert payment["currency_id"] == "ARS"
        missing = await client.get("/v1/payments/42", headers=sb.auth)
        assert missing.status_code == 404 and missing.json()["cause"][0]["code"] == 2000

    sb.run(scenario)


def test_python_side_helpers(sb: InProcessSandbox) -> None:
    async def scenario(client: httpx.AsyncClient) -> None:
        await sb.put(client)
        mo_id = sb.state.scan_box()
        payment_id = sb.state.pay_box("partial")
        assert sb.state.payments[payment_id].transaction_amount == Decimal("1725.25")
        assert sb.state.merchant_orders[mo_id].order_status == "partially_paid"
        sb.state.pay_merchant_order(mo_id)
        assert sb.state.merchant_orders[mo_id].status == "closed"
        await sb.put(client)
        assert sb.state.expire_box() is True

    sb.run(scenario)
