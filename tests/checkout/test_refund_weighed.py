"""Part of a weighed line given back by its weight (0,200 of 0,350 kg of cheese), through the
refund service against the sandbox over a real socket. Until 2026-12-02 a weighed line could
only be refunded whole or as a free amount: the customer returning part of it got an amount the
cashier worked out by hand, and in Colombia that amount's IVA was split over every rate of the
sale instead of the cheese's. A weight given to the service (``Decimal("0.200")``) was even
taken as 0,2 of the line's quantity of 1: 20 % of the cheese's charge, not 0,200 / 0,350 of it.

The amount is the line's charge (price per kg × weight, its own discount and its share of the
sale's taken off) in proportion to the weight, rounded to the currency on the running total:
the whole weight gives back the line's charge exactly, never more."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest

from pos_app.checkout.refunds import RefundNotAllowed, RefundService
from pos_app.domain.cart import CartLine
from pos_app.domain.money import site_for
from pos_app.domain.pricing import Discount, DiscountKind, SaleUnit
from pos_app.domain.sale import SaleStatus
from pos_app.ledger.refunds import RefundStatus, RefundStore
from pos_app.ledger.store import Ledger
from pos_app.receipts.language import translator
from pos_app.receipts.service import receipt_for_refund
from pos_app.sandbox.state import SandboxState
from pos_app.settings.config import Config
from tests.checkout.harness import Rig, rig
from tests.checkout.test_refunds import LoseRefundAnswers, refund_requests, sandbox_refunded
from tests.virtual_time import run_virtual

D = Decimal


def peso(amount: Decimal) -> Decimal:
    return amount.quantize(D(1), rounding=ROUND_HALF_UP)


def cheese(price: str, weight: str, rate: int = 0, discount: Discount | None = None) -> CartLine:
    return CartLine(
        "Q1",
        "Queso cremoso",
        D(price),
        sale_unit=SaleUnit.KG,
        measure=D(weight),
        iva_rate=D(rate),
        discount=discount,
    )


async def paid(r: Rig, lines: list[CartLine], sale_discount: Discount | None = None) -> str:
    sale = await r.engine.charge(lines, sale_discount=sale_discount)
    r.state.pay_box("approved")
    final = await asyncio.wait_for(r.engine.wait_final(sale.external_reference), 5)
    assert final.status is SaleStatus.PAID
    return sale.external_reference


def ticket(ledger: Ledger, ref: str, site: str, number: int = -1) -> Any:
    sale = ledger.get_sale(ref)
    assert sale is not None
    records = RefundStore(ledger).for_sale(ref)
    return receipt_for_refund(sale, records[number], Config(site_id=site), records)


def test_part_of_a_weighed_line_is_given_back_by_its_weight_in_chilean_pesos() -> None:
    """0,350 kg at $ 8.990/kg ($ 3.147, 10 % off the line: $ 2.832) with a unit line and 5 %
    off the sale: 0,200 kg then 0,150 kg give back the cheese's charge exactly, in pesos."""

    async def scenario() -> None:
        async with rig(SandboxState.seeded("MLC")) as r:
            line_off = Discount(DiscountKind.PERCENT, D(10))
            lines = [
                cheese("8990", "0.350", discount=line_off),
                CartLine("P1", "Pan", D(1990), 2),
            ]
            ref = await paid(r, lines, Discount(DiscountKind.PERCENT, D(5)))
            charged = r.rt.ledger.charged_amounts(ref)
            # 8.990 × 0,350 = 3.146,5 → 3.147, −10 % ($ 315): $ 2.832; 5 % of the $ 6.812 sale
            # ($ 341) shared out: $ 142 of it on the cheese.
            assert list(charged) == [D(2690), D(3781)]
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            sale = r.rt.ledger.get_sale(ref)
            assert sale is not None
            first_amount = peso(charged[0] * D("0.200") / D("0.350"))
            assert service.lines_amount(sale, [(0, D("0.200"))]) == first_amount
            first = await service.refund(ref, lines=[(0, D("0.200"))])
            assert first.ok and first.refunds[0].amount == first_amount
            assert first.refunds[0].lines == ((0, D("0.200")),)
            assert service.refunded_quantities(ref) == {0: D("0.200")}
            # More than is left of the line: refused, naming what is left, nothing sent.
            posts = len(refund_requests(r.state))
            with pytest.raises(RefundNotAllowed, match="0,150 kg left"):
                await service.refund(ref, lines=[(0, D("0.151"))])
            assert len(refund_requests(r.state)) == posts
            rest = await service.refund(ref, lines=[(0, D("0.150"))])
            assert rest.ok and first_amount + rest.refunds[0].amount == charged[0]
            with pytest.raises(RefundNotAllowed, match="0,000 kg left"):
                await service.refund(ref, lines=[(0, D("0.001"))])
            assert sandbox_refunded(r.state) == charged[0]
            # The refund ticket lists what was given back: the product and its weight.
            texts = ticket(r.rt.ledger, ref, "MLC", 0).texts(translator("es"))
            assert [(title, qty) for title, qty, _ in texts.items] == [
                ("Queso cremoso", "0,200 kg × $ 8.990")
            ]
            assert texts.totals[0][1] == f"$ {first_amount:,}".replace(",", ".")

    run_virtual(scenario())


@pytest.mark.parametrize(
    ("given", "words"),
    [
        (D(0), "give back 0,200 kg"),
        (D("-0.100"), "give back 0,200 kg"),
        (D("0.351"), "0,350 kg left"),
        (D("1e309"), "0,350 kg left"),
        (D("NaN"), "give back 0,200 kg"),
        (D("sNaN"), "give back 0,200 kg"),
        (D("Infinity"), "give back 0,200 kg"),
        (D("0.0005"), "give back 0,200 kg"),  # four decimals: no scale weighs it
        (2, "0,350 kg left"),  # two of its quantity of one: 0,700 kg
        (0.2, "give back 0,200 kg"),  # a float: never money's arithmetic
        (True, "give back 0,200 kg"),
    ],
)
def test_a_weight_that_is_not_one_is_refused_with_nothing_written_or_sent(
    given: Any, words: str
) -> None:
    async def scenario() -> None:
        async with rig(SandboxState.seeded("MLC")) as r:
            ref = await paid(r, [cheese("8990", "0.350"), CartLine("P1", "Pan", D(1990), 2)])
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            with pytest.raises(RefundNotAllowed, match=words):
                await service.refund(ref, lines=[(0, given)])
            assert service.store.for_sale(ref) == []
            assert refund_requests(r.state) == []

    run_virtual(scenario())


def test_a_unit_line_takes_units_not_a_weight() -> None:
    async def scenario() -> None:
        async with rig(SandboxState.seeded("MLC")) as r:
            ref = await paid(r, [cheese("8990", "0.350"), CartLine("P1", "Pan", D(1990), 2)])
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            with pytest.raises(RefundNotAllowed, match="give back 1"):
                await service.refund(ref, lines=[(1, D("0.5"))])
            one = await service.refund(ref, lines=[(1, D(1))])  # a whole number: one unit
            assert one.ok and one.refunds[0].amount == D(1990)
            assert one.refunds[0].lines == ((1, 1),)

    run_virtual(scenario())


def test_a_weighed_lines_refund_carries_its_own_iva_rate_in_colombia() -> None:
    """Cheese at 5 %, wine at 19 %, bread exempt, 10 % off the sale: 0,200 kg of the cheese
    gives back IVA at 5 % only (the ticket and the close), where the amount refund it took
    before split it over 19 % and 5 %."""

    async def scenario() -> None:
        async with rig(SandboxState.seeded("MCO")) as r:
            lines = [
                cheese("40000", "0.350", rate=5),  # $ 14.000
                CartLine("V1", "Vino", D(30000), 1, iva_rate=D(19)),
                CartLine("P1", "Pan", D(2500), 2),
            ]
            ref = await paid(r, lines, Discount(DiscountKind.PERCENT, D(10)))
            ledger = r.rt.ledger
            charged = ledger.charged_amounts(ref)
            assert list(charged) == [D(12600), D(27000), D(4500)]
            site = site_for("MCO")
            before = ledger.day.preview(site, now=datetime.now(UTC) + timedelta(hours=1)).iva
            stated5 = peso(D(12600) * 5 / 105)  # 600
            assert before == {"5": stated5, "19": peso(D(27000) * 19 / 119)}
            service = RefundService(ledger, lambda: r.rt.client)
            got = await service.refund(ref, lines=[(0, D("0.200"))])
            assert got.ok and got.refunds[0].amount == D(7200)  # 12.600 × 0,200 / 0,350
            receipt = ticket(ledger, ref, "MCO")
            assert receipt.iva_by_rate() == ((D(5), peso(stated5 * 7200 / 12600)),)  # 343
            texts = receipt.texts(translator("es"))
            assert [label for label, _ in texts.taxes] == ["IVA 5 % incluido"]
            assert texts.tax_note == ""  # its items' rate, not a split
            after = ledger.day.preview(site, now=datetime.now(UTC) + timedelta(hours=1)).iva
            assert after == {"5": stated5 - D(343), "19": before["19"]}
            # The rest of the cheese: the 5 % rate's IVA given back exactly, 19 % untouched.
            await service.refund(ref, lines=[(0, D("0.150"))])
            after = ledger.day.preview(site, now=datetime.now(UTC) + timedelta(hours=1)).iva
            assert after == {"5": D(0), "19": before["19"]}
            # A free amount keeps the split over the sale's rates, and its ticket says so.
            by_amount = await service.refund(ref, D(3000))
            assert by_amount.ok
            texts = ticket(ledger, ref, "MCO").texts(translator("en"))
            assert [label for label, _ in texts.taxes] == ["IVA 19 % included"]
            assert "split over the sale's rates in proportion" in texts.tax_note

    run_virtual(scenario())


def test_a_lost_answer_keeps_the_weight_pending_and_one_key() -> None:
    """The refund of 0,200 kg is written before the call; its answer lost, it stays pending
    with its weight, counts against what is left of the line, and is found (not re-sent) with
    its one key before the next refund of the sale."""

    async def scenario() -> None:
        async with rig(SandboxState.seeded("MLC"), middleware=LoseRefundAnswers) as r:
            ref = await paid(r, [cheese("8990", "0.350"), CartLine("P1", "Pan", D(1990), 2)])
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            LoseRefundAnswers.lose = 100
            lost = await service.refund(ref, lines=[(0, D("0.200"))])
            (row,) = lost.refunds
            assert row.status is RefundStatus.PENDING and row.lines == ((0, D("0.200")),)
            with pytest.raises(RefundNotAllowed, match="0,150 kg left"):
                await service.refund(ref, lines=[(0, D("0.200"))])
            LoseRefundAnswers.lose = 0
            rest = await service.refund(ref, lines=[(0, D("0.150"))])
            assert rest.ok
            rows = service.store.for_sale(ref)
            assert [x.status for x in rows] == [RefundStatus.REFUNDED] * 2
            keys = [e["idempotency_key"] for e in refund_requests(r.state) if e["method"] == "POST"]
            assert keys.count(row.idempotency_key) >= 1 and len(set(keys)) == 2
            assert sandbox_refunded(r.state) == D(3147)  # 8.990 × 0,350, once

    run_virtual(scenario())


def test_a_line_refund_taken_from_two_payments_keeps_its_lines_rate() -> None:
    """A sale paid in two Mercado Pago payments ($ 10.000 and $ 34.000): the cheese's 0,350 kg
    ($ 14.000) goes back as two rows, $ 10.000 and $ 4.000. Until 2026-12-02 only the first
    carried the lines; the second was taken as an amount and its IVA split over the sale's
    rates ($ 564 at 19 % for wine nobody returned). Now both are the cheese's 5 %, the tickets
    add up to its IVA exactly and the close keeps the wine's whole."""

    async def scenario() -> None:
        async with rig(SandboxState.seeded("MCO")) as r:
            lines = [
                cheese("40000", "0.350", rate=5),
                CartLine("V1", "Vino", D(30000), 1, iva_rate=D(19)),
            ]
            sale = await r.engine.charge(lines)
            mo = r.state.scan_box()
            r.state.pay_merchant_order(mo, "approved", D(10000))
            r.state.pay_merchant_order(mo, "approved", D(34000))
            final = await asyncio.wait_for(r.engine.wait_final(sale.external_reference), 5)
            assert final.status is SaleStatus.PAID and len(final.payment_ids) == 2
            ledger, ref = r.rt.ledger, sale.external_reference
            site = site_for("MCO")
            service = RefundService(ledger, lambda: r.rt.client)
            got = await service.refund(ref, lines=[(0, D("0.350"))])
            assert got.ok and [x.amount for x in got.refunds] == [D(10000), D(4000)]
            tickets = [dict(ticket(ledger, ref, "MCO", n).iva_by_rate()) for n in (0, 1)]
            assert all(set(t) == {D(5)} for t in tickets), tickets
            second_ticket = ticket(ledger, ref, "MCO", 1).texts(translator("en"))
            assert second_ticket.tax_note == ""  # of items, not an amount split
            assert sum(t[D(5)] for t in tickets) == peso(D(14000) * 5 / 105)  # 667
            after = ledger.day.preview(site, now=datetime.now(UTC) + timedelta(hours=1)).iva
            assert after == {"5": D(0), "19": peso(D(30000) * 19 / 119)}
            assert service.refunded_quantities(ref) == {0: D("0.350")}
            first, second = got.refunds  # the second names the first: the same refund's part
            assert second.idempotency_key == f"{first.idempotency_key}-part2"

    run_virtual(scenario())
