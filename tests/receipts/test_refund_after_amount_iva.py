"""Colombia: items given back after a refund of an amount. The amount took part of every line's
price, in proportion; a coffee given back later still gives back its whole price (its units'
share of the line's charge), so part of that money is no longer the coffee's and comes from the
sale's other lines, at their rates (no rate ever gives back more IVA than the sale stated).

Until 2026-12-02 the coffees given back first took all their money from the coffee line and
the last one found nothing of it left: three coffees of a sale with bread, after a third of the
sale went back by amount, stated $ 479, $ 479 and then **no 19 % at all** (only the bread's
5 %) for the third coffee, and no ticket said why a refund of coffees stated the bread's rate.
Now each coffee takes its share of what the amount took of its line, every coffee's ticket
states the same split (two thirds of its price at 19 %, the rest at the bread's 5 %), and says
why. The close takes off exactly what the tickets state."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from pos_app.checkout.refunds import RefundService
from pos_app.domain.cart import CartLine
from pos_app.domain.money import site_for
from pos_app.domain.refund_iva import GivenBack, refunds_iva, refunds_iva_detail
from pos_app.domain.sale import SaleStatus
from pos_app.ledger.refunds import RefundStore
from pos_app.receipts.language import translator
from pos_app.receipts.service import receipt_for_refund
from pos_app.sandbox.state import SandboxState
from pos_app.settings.config import Config
from tests.checkout.harness import rig
from tests.virtual_time import run_virtual

D = Decimal
MCO = site_for("MCO")
LINES = [
    CartLine("C1", "Cafe", D(3000), 3, iva_rate=D(19)),
    CartLine("P1", "Pan", D(9000), 1, iva_rate=D(5)),
]
COFFEE = GivenBack(D(3000), ((0, 1),))


def test_every_coffee_given_back_after_an_amount_states_the_coffees_rate() -> None:
    plan = [GivenBack(D(6000)), COFFEE, COFFEE, COFFEE, GivenBack(D(3000))]
    amount, *coffees, rest = refunds_iva(MCO, LINES, None, D(18000), plan)
    assert amount == ((D(19), D(479)), (D(5), D(143)))
    # Each coffee: $ 2.000 of its own (19 %: 319,3) and $ 1.000 of the bread's (5 %: 47,6).
    for ticket in coffees:
        iva = dict(ticket)
        assert D(319) <= iva[D(19)] <= D(320) and D(47) <= iva[D(5)] <= D(48), coffees
    assert rest == ((D(5), D(143)),)
    for rate, stated in ((D(19), D(1437)), (D(5), D(429))):
        assert sum(dict(t).get(rate, D(0)) for t in (amount, *coffees, rest)) == stated
    detail = refunds_iva_detail(MCO, LINES, None, D(18000), plan)
    assert [d.outside for d in detail] == [D(0), D(1000), D(1000), D(1000), D(0)]


def test_a_refund_of_items_alone_takes_nothing_from_other_lines() -> None:
    """Without an amount before, a refund of items is its items' money and rates only (three
    coffees given back one by one: each $ 1.000 of the coffee line, at 19 % alone)."""
    lines = [CartLine("C1", "Cafe", D(1000), 3, iva_rate=D(19)), LINES[1]]
    plan = [GivenBack(D(1000), ((0, 1),))] * 3
    detail = refunds_iva_detail(MCO, lines, None, D(12000), plan)
    assert [set(dict(d.iva)) for d in detail] == [{D(19)}] * 3
    assert [d.outside for d in detail] == [D(0)] * 3


def test_the_tickets_say_why_and_the_close_takes_off_what_they_state() -> None:
    async def scenario() -> None:
        async with rig(SandboxState.seeded("MCO")) as r:
            sale = await r.engine.charge(LINES)
            r.state.pay_box("approved")
            final = await asyncio.wait_for(r.engine.wait_final(sale.external_reference), 5)
            assert final.status is SaleStatus.PAID
            ledger, ref = r.rt.ledger, sale.external_reference
            service = RefundService(ledger, lambda: r.rt.client)
            assert (await service.refund(ref, D(6000))).ok
            for _ in range(3):
                got = await service.refund(ref, lines=[(0, 1)])
                assert got.ok and got.refunds[0].amount == D(3000)
            paid = ledger.get_sale(ref)
            assert paid is not None
            records = RefundStore(ledger).for_sale(ref)
            tickets = [receipt_for_refund(paid, x, Config(site_id="MCO"), records) for x in records]
            texts = [t.texts(translator("es")) for t in tickets]
            for coffee in texts[1:]:
                rates = [label for label, _ in coffee.taxes]
                assert rates[:2] == ["IVA 19 % incluido", "IVA 5 % incluido"], rates
                assert coffee.tax_note.startswith("Parte del precio de estos artículos"), coffee
            assert "proporción" in texts[0].tax_note  # the amount's own note, as before
            stated = {D(19): D(0), D(5): D(0)}
            for ticket in tickets:
                for rate, amount in ticket.iva_by_rate():
                    stated[rate] += amount
            close = ledger.day.preview(MCO, now=datetime.now(UTC) + timedelta(hours=1)).iva
            # The sale's $ 1.437 at 19 % and $ 429 at 5 %, less what the tickets gave back.
            assert close == {"19": D(1437) - stated[D(19)], "5": D(429) - stated[D(5)]}
            assert close["19"] == D(0)  # every coffee back: the 19 % all given back

    run_virtual(scenario())
