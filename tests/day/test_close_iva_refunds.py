"""Colombia: the day's close states the IVA of what the shop kept. Until 2026-12-02 it summed
the IVA of the period's sales and ignored the refunds: a sale refunded in full still reported
all its IVA ($ 1.485 at 19 % and $ 44 at 5 % for the sale below), a coffee given back still
counted its $ 495. Now each refund takes off the IVA its ticket states, by line and by amount,
and the tickets of a whole sale give back exactly the IVA the sale's ticket stated.

Through the real paths: an MCO sale charged and paid on the sandbox over a loopback socket,
refunded through the refund service (Mercado Pago's refunds endpoint), the close read from the
ledger, the tickets from the receipt service."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from pos_app.checkout.refunds import RefundService
from pos_app.domain.cart import CartLine
from pos_app.domain.day import RefundFact, compute_close
from pos_app.domain.money import site_for
from pos_app.domain.pricing import Discount, DiscountKind
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.ledger.refunds import RefundStore
from pos_app.ledger.store import Ledger
from pos_app.receipts.language import translator
from pos_app.receipts.service import receipt_for_refund
from pos_app.sandbox.state import SandboxState
from pos_app.settings.config import Config
from tests.checkout.harness import rig
from tests.virtual_time import run_virtual

MCO = site_for("MCO")
LINES = [
    CartLine("C1", "Cafe", Decimal(3333), 3, iva_rate=Decimal(19)),
    CartLine("P1", "Pan", Decimal(1001), 1, iva_rate=Decimal(5)),
    CartLine("L1", "Leche", Decimal(2999), 2),
]
SEVEN = Discount(DiscountKind.PERCENT, Decimal(7))
D = Decimal


def close_iva(ledger: Ledger) -> dict[str, Decimal]:
    return ledger.day.preview(MCO, now=datetime.now(UTC) + timedelta(hours=1)).iva


def tickets_iva(ledger: Ledger, ref: str) -> list[dict[Decimal, Decimal]]:
    """What each refund ticket of the sale states, rate by rate (as printed, in Spanish too)."""
    sale = ledger.get_sale(ref)
    assert sale is not None
    records = RefundStore(ledger).for_sale(ref)
    out = []
    for record in records:
        ticket = receipt_for_refund(sale, record, Config(site_id="MCO"), records)
        assert ticket.texts(translator("es")).taxes  # printed on the ticket
        out.append(dict(ticket.iva_by_rate()))
    return out


def test_refunds_by_line_and_by_amount_take_their_iva_off_the_close() -> None:
    async def scenario() -> None:
        async with rig(SandboxState.seeded("MCO")) as r:
            sale = await r.engine.charge(LINES, sale_discount=SEVEN)
            r.state.pay_box("approved")
            final = await asyncio.wait_for(r.engine.wait_final(sale.external_reference), 5)
            assert final.status is SaleStatus.PAID and final.total == D(15808)
            ledger, ref = r.rt.ledger, sale.external_reference
            assert close_iva(ledger) == {"5": D(44), "19": D(1485)}
            service = RefundService(ledger, lambda: r.rt.client)

            # One coffee of three by line: $ 3.100 back, $ 495 of IVA at 19 %.
            first = await service.refund(ref, lines=[(0, 1)])
            assert first.ok and first.refunds[0].amount == D(3100)
            assert tickets_iva(ledger, ref) == [{D(19): D(495)}]
            assert close_iva(ledger) == {"5": D(44), "19": D(990)}  # was 1485: refund ignored

            # $ 5.000 by amount: from every line in proportion to what it has left (coffee
            # $ 6.199 of its $ 9.299, bread $ 931, milk $ 5.578): $ 2.439,02 of coffee, so 19 %
            # has given back 5.539,02 / 9.299 of its $ 1.485 (885 in all, 390 now), and
            # $ 366,30 of bread: 366,30 / 931 of $ 44 (17).
            second = await service.refund(ref, D(5000))
            assert second.ok
            _, by_amount = tickets_iva(ledger, ref)
            assert by_amount == {D(19): D(390), D(5): D(17)}
            assert close_iva(ledger) == {"5": D(27), "19": D(600)}

            # The rest: the sale's whole IVA given back, rate by rate; the close keeps none.
            rest = await service.refund(ref)
            assert rest.ok and rest.refunded_amount == D(15808)
            tickets = tickets_iva(ledger, ref)
            for rate, stated in ((D(19), D(1485)), (D(5), D(44))):
                assert sum(t.get(rate, D(0)) for t in tickets) == stated
            assert close_iva(ledger) == {"5": D(0), "19": D(0)}
            assert r.state.payments and all(
                p.status == "refunded" for p in r.state.payments.values()
            )

    run_virtual(scenario())


def test_a_refund_in_another_period_lowers_that_periods_iva() -> None:
    """Sold and closed yesterday, refunded today: today's close gives the IVA back (a net
    negative figure at that rate), yesterday's frozen report never changes."""

    async def scenario() -> None:
        async with rig(SandboxState.seeded("MCO")) as r:
            sale = await r.engine.charge(LINES, sale_discount=SEVEN)
            r.state.pay_box("approved")
            await asyncio.wait_for(r.engine.wait_final(sale.external_reference), 5)
            ledger = r.rt.ledger
            first = ledger.day.close(MCO, now=datetime.now(UTC) + timedelta(seconds=1))
            assert first.iva == {"5": D(44), "19": D(1485)}
            service = RefundService(
                ledger, lambda: r.rt.client, clock=lambda: datetime.now(UTC) + timedelta(seconds=2)
            )
            await service.refund(sale.external_reference, lines=[(1, 1)])  # the bread
            assert close_iva(ledger) == {"5": D(-44)}
            assert ledger.day.closes()[0].iva == {"5": D(44), "19": D(1485)}

    run_virtual(scenario())


def test_a_cash_sale_refunded_in_cash_gives_its_iva_back_too() -> None:
    async def scenario() -> None:
        async with rig(SandboxState.seeded("MCO")) as r:
            sale = await r.engine.charge(LINES, sale_discount=SEVEN)
            ended = await r.engine.cancel(sale.external_reference, cash=True)
            ended = await r.sale_until(sale.external_reference, lambda s: s.status.is_terminal)
            assert ended.tender is Tender.CASH
            ledger = r.rt.ledger
            assert close_iva(ledger) == {"5": D(44), "19": D(1485)}
            service = RefundService(ledger, lambda: r.rt.client)
            await service.refund(sale.external_reference, D(7904))  # half, in cash
            # 1485 / 2 = 742.5: 743 given back, 742 kept
            assert close_iva(ledger) == {"5": D(22), "19": D(742)}
            assert not [e for e in r.state.request_log if "refund" in e.get("path", "")]

    run_virtual(scenario())


def test_the_close_function_takes_each_refunds_iva_off_its_rate() -> None:
    """The pure function, hostile facts: a rate seen only in a refund, an empty IVA, and a
    site that reports none (its refunds' IVA is never read)."""
    at = datetime(2026, 12, 2, 15, tzinfo=UTC)
    refunds = [
        RefundFact(D(100), at, Tender.QR, "A", iva=((D(19), D(16)),)),
        RefundFact(D(100), at, Tender.QR, "B", iva=((D(5), D(5)),)),
        RefundFact(D(100), at, Tender.QR, "C"),
    ]
    kwargs = {
        "number": 1,
        "opened_at": at - timedelta(hours=1),
        "closed_at": at + timedelta(hours=1),
        "sales": [],
        "refunds": refunds,
    }
    report = compute_close(site=MCO, **kwargs)  # type: ignore[arg-type]
    assert report.iva == {"5": D(-5), "19": D(-16)}
    assert compute_close(site=site_for("MLA"), **kwargs).iva == {}  # type: ignore[arg-type]
    outside = [replace(f, at=at + timedelta(days=1)) for f in refunds]
    assert compute_close(site=MCO, **{**kwargs, "refunds": outside}).iva == {}  # type: ignore[arg-type]
