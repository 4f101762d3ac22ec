"""Issue 20: a weighed product and discounts through the engine, against the sandbox.

The sandbox refuses fractional quantities and inexact items, so an order it accepts is the
proof that measured lines go as one piece with the weight in the title and that the discounts
were shared into the items exactly.
"""

from __future__ import annotations

import asyncio
from decimal import Decimal

from pos_app.domain.cart import CartLine
from pos_app.domain.pricing import Discount, DiscountKind, SaleUnit
from pos_app.domain.sale import SaleStatus
from pos_app.sandbox.state import SandboxState
from tests.checkout.harness import rig
from tests.virtual_time import run_virtual

CHEESE = CartLine(
    sku="QC1",
    title="Queso cremoso",
    unit_price=Decimal(8000),
    sale_unit=SaleUnit.KG,
    measure=Decimal("0.350"),
)


def test_weighed_line_and_discounts_reach_the_sandbox_exactly() -> None:
    async def scenario() -> None:
        async with rig(SandboxState.seeded("MLA")) as r:
            yerba = CartLine(
                sku="Y1",
                title="Yerba 1kg",
                unit_price=Decimal("1725.25"),
                quantity=3,
                discount=Discount(DiscountKind.PERCENT, Decimal(10), "QR"),
            )
            sale = await r.engine.charge(
                [CHEESE, yerba], sale_discount=Discount(DiscountKind.AMOUNT, Decimal("100.01"))
            )
            assert sale.status is SaleStatus.PENDING, sale.failure_reason
            # 2800.00 + (5175.75 - 517.58) - 100.01 = 7358.16
            assert sale.total == Decimal("7358.16")
            body = r.state.bodies_for(sale.external_reference)[-1]
            assert Decimal(str(body["total_amount"])) == Decimal("7358.16")
            cheese = body["items"][0]
            assert cheese["quantity"] == 1
            assert cheese["title"] == "Queso cremoso 0,350 kg x $ 8.000,00/kg"
            total = sum(Decimal(str(i["unit_price"])) * i["quantity"] for i in body["items"])
            assert total == Decimal("7358.16")
            for item in body["items"]:
                assert isinstance(item["quantity"], int) and item["unit_price"] > 0
            # the ledger keeps the measure, the discounts and what each line was charged
            stored = r.rt.ledger.get_sale(sale.external_reference)
            assert stored is not None
            assert stored.lines[0].measure == Decimal("0.350")
            assert stored.lines[1].discount == yerba.discount
            assert stored.sale_discount == Discount(DiscountKind.AMOUNT, Decimal("100.01"))
            charged = r.rt.ledger.charged_amounts(sale.external_reference)
            assert sum(charged) == sale.total
            r.state.pay_box("approved")
            final = await asyncio.wait_for(r.engine.wait_final(sale.external_reference), 5)
            assert final.status is SaleStatus.PAID

    run_virtual(scenario())


def test_colombian_iva_on_discounted_prices() -> None:
    async def scenario() -> None:
        async with rig(SandboxState.seeded("MCO")) as r:
            soda = CartLine("CO1", "Gaseosa", Decimal(11900), quantity=2, iva_rate=Decimal(19))
            sale = await r.engine.charge(
                [soda], sale_discount=Discount(DiscountKind.PERCENT, Decimal(50))
            )
            assert sale.total == Decimal(11900)
            assert sale.iva_total == Decimal(1900)  # not 3800: the IVA of what is charged
            body = r.state.bodies_for(sale.external_reference)[-1]
            assert body["taxes"] == [{"type": "IVA", "value": 1900}]
            assert body["items"] == [
                {
                    "title": "Gaseosa",
                    "unit_price": 5950,
                    "quantity": 2,
                    "unit_measure": "unit",
                    "total_amount": 11900,
                    "sku_number": "CO1",
                }
            ]

    run_virtual(scenario())
