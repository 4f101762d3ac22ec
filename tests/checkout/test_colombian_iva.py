"""Issue 7: a Colombian (MCO) sale through the engine, against the sandbox over a socket.

The order body carries integer amounts and ``taxes: [{"type": "IVA", "value": <integer>}]``
with the IVA the cart contains (summed unrounded per line, rounded once); the sandbox captures
it, shows it back, and refuses what the API notes say is not an IVA amount.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from pos_app.domain.cart import CartLine
from pos_app.domain.sale import SaleStatus
from pos_app.sandbox.app import create_sandbox_app
from pos_app.sandbox.state import SandboxState
from tests.checkout.harness import rig


def cop(sku: str, price: int, rate: int, quantity: int = 1) -> CartLine:
    return CartLine(
        sku=sku, title=f"Producto {sku}", unit_price=Decimal(price), quantity=quantity,
        iva_rate=Decimal(rate),
    )  # fmt: skip


MIXED = [
    cop("CO024", 4900, 19),  # 4900 × 19/119 = 782.35
    cop("CO015", 17800, 5, 2),  # 35600 × 5/105 = 1695.24
    cop("CO001", 16900, 0, 2),  # exempt
    cop("CO029", 2500, 19),  # 399.16
]


def test_mixed_rate_cart_sends_integer_amounts_and_the_iva_total() -> None:
    async def scenario() -> None:
        async with rig(SandboxState.seeded("MCO")) as r:
            sale = await r.engine.charge(MIXED)
            assert sale.status is SaleStatus.PENDING
            assert sale.total == Decimal(76800)
            # 782.35 + 1695.24 + 399.16 = 2876.75 → 2877 (rounding each line would say 2876)
            assert sale.iva_total == Decimal(2877)
            body = r.state.bodies_for(sale.external_reference)[-1]
            assert body["taxes"] == [{"type": "IVA", "value": 2877}]
            assert type(body["taxes"][0]["value"]) is int
            assert body["total_amount"] == 76800 and type(body["total_amount"]) is int
            for item in body["items"]:
                assert type(item["unit_price"]) is int and type(item["total_amount"]) is int
            # The sandbox shows it back: the box's order as received, and what MP applies.
            order = r.state.box_orders[r.state.box_or_404("CAJA01").id]
            assert order.taxes == [{"type": "IVA", "value": 2877}]
            async with httpx.AsyncClient(base_url=r.server.base_url) as http:
                view = (await http.get("/_sandbox/boxes/CAJA01")).json()
            assert view["order"]["taxes"] == [{"type": "IVA", "value": 2877}]
            assert view["order"]["iva"] == {"reported": True, "value": 2877}
            # And the ledger keeps the same amount for the sale.
            stored = r.rt.ledger.get_sale(sale.external_reference)
            assert stored is not None and stored.iva_total == Decimal(2877)
            r.state.pay_box("approved")
            final = await asyncio.wait_for(r.engine.wait_final(sale.external_reference), 5)
            assert final.status is SaleStatus.PAID

    asyncio.run(scenario())


def test_exempt_only_cart_reports_zero_iva() -> None:
    async def scenario() -> None:
        async with rig(SandboxState.seeded("MCO")) as r:
            sale = await r.engine.charge([cop("CO003", 5200, 0, 2), cop("CO006", 3200, 0)])
            body = r.state.bodies_for(sale.external_reference)[-1]
            assert body["taxes"] == [{"type": "IVA", "value": 0}]
            assert body["total_amount"] == 13600
            assert sale.iva_total == 0

    asyncio.run(scenario())


def test_other_sites_send_no_taxes() -> None:
    async def scenario() -> None:
        async with rig(SandboxState.seeded("MLA")) as r:
            line = CartLine("A", "Yerba", Decimal("4890.50"), iva_rate=Decimal(19))
            sale = await r.engine.charge([line])
            assert "taxes" not in r.state.bodies_for(sale.external_reference)[-1]
            assert sale.iva_total is None

    asyncio.run(scenario())


# == the sandbox refuses what is not an IVA amount ===============================================
def _put(state: SandboxState, taxes: Any, total: int = 11900) -> httpx.Response:
    body: dict[str, Any] = {
        "external_reference": "REF1",
        "title": "Tienda",
        "total_amount": total,
        "expiration_date": (datetime.now(UTC) + timedelta(minutes=5)).isoformat(),
        "items": [
            {"title": "Gaseosa", "unit_price": total, "quantity": 1, "unit_measure": "unit",
             "total_amount": total},
        ],
    }  # fmt: skip
    if taxes is not None:
        body["taxes"] = taxes

    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=create_sandbox_app(state))
        async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as http:
            return await http.put(
                f"/instore/qr/seller/collectors/{state.seller_id}/stores/SUC001/pos/CAJA01/orders",
                json=body,
                headers={"Authorization": f"Bearer {state.seller_token}"},
            )

    return asyncio.run(go())


@pytest.mark.parametrize(
    "taxes",
    [
        [{"type": "IVA", "value": 1900.5}],  # pesos have no decimals
        [{"type": "IVA", "value": 1901}],  # more than 11900 can contain (1900 at 19 %)
        [{"type": "IVA", "value": -1}],
        [{"type": "IVA", "value": "1900"}],  # a string, not a number
        [{"type": "VAT", "value": 1900}],
        [{"type": "IVA", "value": 1000}, {"type": "IVA", "value": 900}],
        [],
        {"type": "IVA", "value": 1900},
    ],
)
def test_sandbox_refuses_a_bad_iva(taxes: Any) -> None:
    state = SandboxState.seeded("MCO")
    response = _put(state, taxes)
    assert response.status_code == 400, response.text
    assert response.json()["error"] == "invalid_taxes"
    assert not state.orders_received


def test_sandbox_records_a_good_iva_and_the_default_when_it_is_missing() -> None:
    state = SandboxState.seeded("MCO")
    assert _put(state, [{"type": "IVA", "value": 1900}]).status_code == 204
    assert state.orders_received[-1]["body"]["taxes"] == [{"type": "IVA", "value": 1900}]
    assert _put(state, None).status_code == 204  # accepted: MP then applies 19 % to it all

    async def view() -> Any:
        transport = httpx.ASGITransport(app=create_sandbox_app(state))
        async with httpx.AsyncClient(transport=transport, base_url="http://sandbox") as http:
            return (await http.get("/_sandbox/boxes/CAJA01")).json()

    assert asyncio.run(view())["order"]["iva"] == {"reported": False, "value": 1900}


# == the CLI's --item takes the rate the price includes ==========================================
def test_cli_item_may_carry_its_iva_rate() -> None:
    from pos_app.cli.commands import UsageError, parse_item

    assert parse_item("Gaseosa 1.5 L:2:4900:19%").iva_rate == Decimal(19)
    assert parse_item("Café: Sello Rojo:1:17800:5%").title == "Café: Sello Rojo"
    assert parse_item("Huevos:1:16900").iva_rate == 0  # no rate: exempt
    with pytest.raises(UsageError, match="0%, 5% or 19%"):
        parse_item("Otro:1:1000:16%")
