"""The Payments API refunds (§8) in the sandbox: whole and partial refunds, idempotency, the
payment and merchant order reflecting them, and every refusal with its cause code."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

from pos_app.sandbox import SandboxState
from pos_app.sandbox.testing import InProcessSandbox, ManualClock


async def paid(sb: InProcessSandbox, c: httpx.AsyncClient) -> tuple[int, int]:
    """A box order of 3450.50 scanned and paid: (merchant order id, payment id)."""
    assert (await sb.put(c)).status_code in (200, 201, 204)
    mo_id = sb.state.scan_box()
    return mo_id, sb.state.pay_box("approved")


def refund(
    sb: InProcessSandbox, c: httpx.AsyncClient, payment_id: int, key: str, body: Any = None
) -> Any:
    headers = {**sb.auth, "X-Idempotency-Key": key} if key else sb.auth
    if body is None:
        return c.post(f"/v1/payments/{payment_id}/refunds", headers=headers)
    return c.post(f"/v1/payments/{payment_id}/refunds", headers=headers, json=body)


def cause(response: httpx.Response) -> Any:
    return response.json()["cause"][0]["code"]


def test_partial_then_the_rest_then_nothing(sb: InProcessSandbox) -> None:
    async def scenario(c: httpx.AsyncClient) -> None:
        mo_id, pid = await paid(sb, c)
        r = await refund(sb, c, pid, "r1", {"amount": 1000})
        assert r.status_code == 201, r.text
        first = r.json()
        assert first["payment_id"] == pid and first["amount"] == 1000
        assert first["status"] == "approved" and first["date_created"] and first["id"]
        payment = (await c.get(f"/v1/payments/{pid}", headers=sb.auth)).json()
        assert payment["transaction_amount_refunded"] == 1000
        assert payment["status"] == "approved" and payment["status_detail"] == "partially_refunded"
        mo = (await c.get(f"/merchant_orders/{mo_id}", headers=sb.auth)).json()
        assert mo["refunded_amount"] == 1000 and mo["payments"][0]["amount_refunded"] == 1000
        assert mo["order_status"] == "partially_reverted" and mo["paid_amount"] == 3450.5

        r = await refund(sb, c, pid, "r2")  # empty body: all that is left
        assert r.status_code == 201 and Decimal(str(r.json()["amount"])) == Decimal("2450.5")
        payment = (await c.get(f"/v1/payments/{pid}", headers=sb.auth)).json()
        assert payment["status"] == "refunded" and payment["transaction_amount_refunded"] == 3450.5
        assert [x["amount"] for x in payment["refunds"]] == [1000, 2450.5]
        listed = (await c.get(f"/v1/payments/{pid}/refunds", headers=sb.auth)).json()
        assert [x["id"] for x in listed] == [x["id"] for x in payment["refunds"]]
        mo = (await c.get(f"/merchant_orders/{mo_id}", headers=sb.auth)).json()
        assert mo["refunded_amount"] == 3450.5 and mo["order_status"] == "reverted"
        assert mo["paid_amount"] == 3450.5  # it was paid; what went back is refunded_amount

        r = await refund(sb, c, pid, "r3")
        assert r.status_code == 400 and cause(r) == 4041
        assert "refund_amount_exceeds" in r.json()["message"]

    sb.run(scenario)


def test_the_same_key_and_body_is_the_same_refund_never_a_second(sb: InProcessSandbox) -> None:
    async def scenario(c: httpx.AsyncClient) -> None:
        _, pid = await paid(sb, c)
        one = await refund(sb, c, pid, "same", {"amount": 500})
        two = await refund(sb, c, pid, "same", {"amount": 500})
        assert one.status_code == two.status_code == 201 and one.json() == two.json()
        assert sb.state.payments[pid].amount_refunded == 500
        whole_1 = await refund(sb, c, pid, "whole")
        whole_2 = await refund(sb, c, pid, "whole")  # after it emptied the payment: same answer
        assert whole_1.json() == whole_2.json() and whole_2.status_code == 201
        assert len(sb.state.payments[pid].refunds) == 2
        other = await refund(sb, c, pid, "same", {"amount": 600})
        assert other.status_code == 409 and cause(other) == 2032
        assert other.json()["error"] == "idempotency_key_already_used"
        missing = await refund(sb, c, pid, "", {"amount": 1})
        assert missing.status_code == 400 and "X-Idempotency-Key" in missing.json()["message"]

    sb.run(scenario)


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"amount": 0}, 4040),
        ({"amount": -5}, 4040),
        ({"amount": 1.234}, 4040),
        ({"amount": "10"}, 4040),
        ({"amount": 3450.51}, 4041),
    ],
)
def test_bad_amounts(sb: InProcessSandbox, body: Any, code: int) -> None:
    async def scenario(c: httpx.AsyncClient) -> None:
        _, pid = await paid(sb, c)
        r = await refund(sb, c, pid, "k", body)
        assert r.status_code == 400 and cause(r) == code
        assert sb.state.payments[pid].refunds == []
        ok = await refund(sb, c, pid, "k", {"amount": 10})  # a refused key may be used again
        assert ok.status_code == 201

    sb.run(scenario)


def test_too_old_partial_not_allowed_and_not_enough_balance(
    sb: InProcessSandbox, state: SandboxState, clock: ManualClock
) -> None:
    async def scenario(c: httpx.AsyncClient) -> None:
        _, pid = await paid(sb, c)
        switch = await c.post("/_sandbox/refunds/settings", json={"partial_refunds": False})
        assert switch.json()["partial_refunds"] is False
        r = await refund(sb, c, pid, "p", {"amount": 100})
        assert r.status_code == 400 and cause(r) == 3024
        await c.post("/_sandbox/refunds/settings", json={"insufficient_balance": True})
        r = await refund(sb, c, pid, "w")
        assert r.status_code == 400 and cause(r) == "insufficient_balance"
        await c.post(
            "/_sandbox/refunds/settings",
            json={"insufficient_balance": False, "partial_refunds": True},
        )
        clock.advance(181 * 86400)
        r = await refund(sb, c, pid, "old")
        assert r.status_code == 400 and cause(r) == 2024
        assert state.payments[pid].refunds == []
        bad = await c.post("/_sandbox/refunds/settings", json={"partial_refunds": "no"})
        assert bad.status_code == 400

    sb.run(scenario)


def test_only_approved_payments_of_the_same_seller(sb: InProcessSandbox) -> None:
    async def scenario(c: httpx.AsyncClient) -> None:
        assert (await sb.put(c)).status_code in (200, 201, 204)
        sb.state.scan_box()
        rejected = sb.state.pay_box("rejected")
        r = await refund(sb, c, rejected, "x")
        assert r.status_code == 400 and sb.state.payments[rejected].refunds == []
        r = await refund(sb, c, 999, "x")
        assert r.status_code == 404
        r = await c.post(f"/v1/payments/{rejected}/refunds", headers={"X-Idempotency-Key": "x"})
        assert r.status_code == 401

    sb.run(scenario)
