"""A refund ticket of part of a discounted line shows the share of the discount that goes with
what was given back. Until 2026-12-02 a line with "$ 500 off" given back in half printed its
item as sold alone with the whole $ 500 taken off (1 × $ 1.000 → $ 500) above "REFUNDED $ 750":
the money was right (the line's charge in proportion to its units,
:func:`pos_app.domain.refund_iva.part_of_charge`), the ticket did not add up to it.

Now each given-back line shows its price, its share of its own discount and of the sale's, by
the rule the refund's amount uses (:func:`pos_app.domain.refund_iva.part_of_line`), so a
ticket's items less its discounts are exactly what it refunded, and a line's tickets add up
to its discounts; in Chilean and Colombian pesos, weighed lines given back by weight, with
Colombia's IVA per rate as the close takes it off. Through the real paths: sales charged and
paid on the sandbox, refunded by the refund service, tickets from the receipt service (model,
ESC/POS bytes on python-escpos's Dummy, PDF)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.checkout.refunds import RefundService
from pos_app.domain.cart import CartLine
from pos_app.domain.money import MINUS, Site, parse_money, site_for
from pos_app.domain.pricing import Discount, DiscountKind, SaleUnit
from pos_app.domain.sale import SaleStatus
from pos_app.ledger.refunds import RefundStore, refund_ivas
from pos_app.ledger.store import Ledger
from pos_app.receipts.language import translator
from pos_app.receipts.model import Receipt, ReceiptTexts
from pos_app.receipts.service import ReceiptOptions, escpos_bytes, receipt_for_refund
from pos_app.sandbox.state import SandboxState
from pos_app.settings.config import Config
from tests.checkout.harness import Rig, rig
from tests.virtual_time import run_virtual

D = Decimal
MLC, MCO = site_for("MLC"), site_for("MCO")
OFF_500 = Discount(DiscountKind.AMOUNT, D(500), "Promo")


async def paid(r: Rig, lines: list[CartLine], sale_discount: Discount | None = None) -> str:
    sale = await r.engine.charge(lines, sale_discount=sale_discount)
    r.state.pay_box("approved")
    final = await asyncio.wait_for(r.engine.wait_final(sale.external_reference), 5)
    assert final.status is SaleStatus.PAID
    return sale.external_reference


def tickets(ledger: Ledger, ref: str, site_id: str) -> list[Receipt]:
    sale = ledger.get_sale(ref)
    assert sale is not None
    records = RefundStore(ledger).for_sale(ref)
    return [receipt_for_refund(sale, rec, Config(site_id=site_id), records) for rec in records]


def amount(text: str, site: Site) -> Decimal:
    value = parse_money(text.removeprefix(MINUS), site)
    assert value is not None, text
    return -value if text.startswith(MINUS) else value


def adds_up(texts: ReceiptTexts, site: Site) -> tuple[Decimal, Decimal, Decimal]:
    """(items, their own discounts, the sale's) as printed; asserts they make the REFUNDED."""
    items = sum((amount(total, site) for _, _, total in texts.items), D(0))
    own = -sum((amount(off, site) for label, off in texts.item_discounts if label), D(0))
    sale = -sum((amount(v, site) for label, v in texts.before_total[1:]), D(0))
    if texts.before_total:
        assert amount(texts.before_total[0][1], site) == items - own  # the subtotal
    assert items - own - sale == amount(texts.totals[0][1], site)
    return items, own, sale


def test_half_of_an_amount_off_line_gives_back_half_its_discount_in_chilean_pesos() -> None:
    async def scenario() -> None:
        async with rig(SandboxState.seeded("MLC")) as r:
            shirts = CartLine("R1", "Remera", D(1000), 2, discount=OFF_500)
            mugs = CartLine("T1", "Taza", D(1000), 3, discount=OFF_500)  # $ 2.500: 833/834/833
            ref = await paid(r, [shirts, mugs])
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            for chosen in ([(0, 1)], [(1, 1)], [(1, 1)], [(0, 1), (1, 1)]):
                assert (await service.refund(ref, lines=chosen)).ok
            texts = [t.texts(translator("en")) for t in tickets(r.rt.ledger, ref, "MLC")]
            first = texts[0]
            assert first.items == (("Remera", "1 × $ 1.000", "$ 1.000"),)
            assert first.item_discounts == (("Discount (Promo)", "−$ 250"),)  # was all $ 500
            assert first.totals[0] == ("REFUNDED", "$ 750")
            figures = [adds_up(t, MLC) for t in texts]
            # The mugs' $ 2.500 back as $ 833, $ 834, $ 833; their $ 500 off as 167, 166, 167.
            assert [t.totals[0][1] for t in texts] == ["$ 750", "$ 833", "$ 834", "$ 1.583"]
            assert [t.item_discounts for t in texts[1:3]] == [
                (("Discount (Promo)", "−$ 167"),),
                (("Discount (Promo)", "−$ 166"),),
            ]
            assert sum(own for _, own, _ in figures) == D(1000)  # both lines' whole discounts
            # The printed ticket says the same (ESC/POS on python-escpos's Dummy, 58 mm).
            paper = escpos_bytes(
                tickets(r.rt.ledger, ref, "MLC")[0], ReceiptOptions("es", paper_mm=58)
            ).decode("cp850")
            assert "-$ 250" in paper and "-$ 500" not in paper and "$ 750" in paper

    run_virtual(scenario())


def test_colombian_discounts_weights_and_iva_add_up_on_every_ticket_and_in_the_close() -> None:
    """An amount-off line, a percent-off line, cheese sold by weight with its own discount and
    7 % off the sale; refunds by units and by weight, one after another: each ticket's items
    less its discounts are its money; its IVA is what the close takes off; a line's tickets
    give back its discounts exactly."""

    async def scenario() -> None:
        async with rig(SandboxState.seeded("MCO")) as r:
            lines = [
                CartLine("C1", "Cafe", D(3333), 3, iva_rate=D(19), discount=OFF_500),
                CartLine(
                    "P1",
                    "Pan",
                    D(1001),
                    2,
                    iva_rate=D(5),
                    discount=Discount(DiscountKind.PERCENT, D(10)),
                ),
                CartLine(
                    "Q1",
                    "Queso",
                    D(8990),
                    sale_unit=SaleUnit.KG,
                    measure=D("0.350"),
                    iva_rate=D(5),
                    discount=Discount(DiscountKind.AMOUNT, D(300)),
                ),
                CartLine("L1", "Leche", D(2999), 1),
            ]
            ref = await paid(r, lines, Discount(DiscountKind.PERCENT, D(7)))
            ledger = r.rt.ledger
            sale = ledger.get_sale(ref)
            assert sale is not None
            service = RefundService(ledger, lambda: r.rt.client)
            plan = [
                [(0, 1), (2, D("0.200"))],
                [(0, 1), (1, 1)],
                [(2, D("0.150"))],
                [(0, 1), (1, 1), (3, 1)],
            ]
            for chosen in plan:
                assert (await service.refund(ref, lines=chosen)).ok
            records = RefundStore(ledger).for_sale(ref)
            ivas = refund_ivas(sale, records)
            own_total = D(0)
            sale_total = D(0)
            for record, ticket in zip(records, tickets(ledger, ref, "MCO"), strict=True):
                texts = ticket.texts(translator("es"))
                _, own, share = adds_up(texts, MCO)
                assert amount(texts.totals[0][1], MCO) == record.amount
                assert ticket.iva_by_rate() == ivas[record.id]  # what the close takes off
                own_total += own
                sale_total += share
            # Every line given back whole: its own discounts and the sale's, exactly.
            assert own_total == D(500) + D(200) + D(300)
            assert sale_total == sum(line.total(MCO) for line in lines) - sale.total
            close = ledger.day.preview(MCO, now=datetime.now(UTC) + timedelta(hours=1))
            assert close.iva == {"5": D(0), "19": D(0)}
            first = tickets(ledger, ref, "MCO")[0].texts(translator("es"))
            assert first.items[1] == ("Queso", "0,200 kg × $ 8.990", "$ 1.798")
            assert first.item_discounts[1] == ("Descuento", "−$ 171")  # 300 × 0,2/0,35

    run_virtual(scenario())


@pytest.mark.gui
def test_the_pdf_ticket_shows_the_share(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    from pos_app.ui.receipts.pdf import write_pdf
    from tests.receipts.test_cli_and_pdf import pdf_text

    async def scenario() -> Receipt:
        async with rig(SandboxState.seeded("MLC")) as r:
            ref = await paid(r, [CartLine("R1", "Remera", D(1000), 2, discount=OFF_500)])
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            assert (await service.refund(ref, lines=[(0, 1)])).ok
            return tickets(r.rt.ledger, ref, "MLC")[0]

    receipt = run_virtual(scenario())
    text = pdf_text(write_pdf(receipt.texts(translator("es")), tmp_path / "r.pdf"))
    assert "−$ 250" in text and "−$ 500" not in text and "$ 750" in text, text


def test_a_refund_of_items_from_two_payments_says_what_the_other_one_gave_back() -> None:
    """Paid as $ 10.000 and $ 29.500, one shirt ($ 20.000, half of $ 500 off) goes back as two
    rows, $ 10.000 and $ 9.750: the first ticket lists the shirt and its share of the discount,
    then what the other payment gave back, adding up to its own $ 10.000 (it listed the shirt
    at $ 19.500 above "REFUNDED $ 10.000")."""

    async def scenario() -> None:
        async with rig(SandboxState.seeded("MLC")) as r:
            shirts = CartLine("R1", "Remera", D(20000), 2, discount=OFF_500)
            sale = await r.engine.charge([shirts])
            mo = r.state.scan_box()
            r.state.pay_merchant_order(mo, "approved", D(10000))
            r.state.pay_merchant_order(mo, "approved", D(29500))
            final = await asyncio.wait_for(r.engine.wait_final(sale.external_reference), 5)
            assert final.status is SaleStatus.PAID and len(final.payment_ids) == 2
            ref = sale.external_reference
            got = await RefundService(r.rt.ledger, lambda: r.rt.client).refund(ref, lines=[(0, 1)])
            assert got.ok and [x.amount for x in got.refunds] == [D(10000), D(9750)]
            first, second = (t.texts(translator("en")) for t in tickets(r.rt.ledger, ref, "MLC"))
            assert first.items == (("Remera", "1 × $ 20.000", "$ 20.000"),)
            assert first.item_discounts == (("Discount (Promo)", "−$ 250"),)
            assert first.before_total == (("Refunded on the sale's other payments", "−$ 9.750"),)
            assert first.totals[0] == ("REFUNDED", "$ 10.000")
            assert second.items == () and second.totals[0] == ("REFUNDED", "$ 9.750")

    run_virtual(scenario())
