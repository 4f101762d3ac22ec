"""Refunding paid sales (instore v2) against the sandbox over a real socket: partial then
whole, cash, every local refusal sending nothing, Mercado Pago's refusals, and lost answers and
crashes at each step never refunding twice nor beyond what was paid."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import pytest

from pos_app.checkout.refunds import RefundNotAllowed, RefundService
from pos_app.domain.cart import CartLine
from pos_app.domain.pricing import Discount, DiscountKind
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.ledger.refunds import RefundStatus
from pos_app.mercadopago.refunds import RefusalReason
from pos_app.sandbox.payments_api import book
from pos_app.sandbox.state import SandboxState
from tests.checkout.harness import Rig, line, rig
from tests.virtual_time import run_virtual


def run(coro):  # type: ignore[no-untyped-def]
    return run_virtual(coro)


async def paid_sale(r: Rig) -> str:
    sale = await r.engine.charge([line()])  # 3450.50
    r.state.pay_box("approved")
    final = await asyncio.wait_for(r.engine.wait_final(sale.external_reference), 5)
    assert final.status is SaleStatus.PAID
    return sale.external_reference


def refund_requests(state: SandboxState) -> list[dict[str, Any]]:
    return [e for e in state.request_log if "/refunds" in e.get("path", "")]


def sandbox_refunded(state: SandboxState) -> Decimal:
    return sum((p.amount_refunded for p in state.payments.values()), Decimal(0))


def test_partial_then_whole() -> None:
    async def scenario() -> None:
        async with rig() as r:
            ref = await paid_sale(r)
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            sale = r.rt.ledger.get_sale(ref)
            assert sale is not None and service.refundable(sale) == Decimal("3450.50")
            first = await service.refund(ref, Decimal("1000"))
            assert first.ok and first.refunded_amount == Decimal(1000)
            assert first.refundable == Decimal("2450.50")
            (row,) = first.refunds
            assert row.status is RefundStatus.REFUNDED and row.mp_refund_id
            assert row.payment_id == sale.payment_ids[0] and row.tender is Tender.QR
            rest = await service.refund(ref)
            assert rest.ok and rest.refunds[0].amount == Decimal("2450.50")
            assert rest.refunded_amount == Decimal("3450.50") and rest.refundable == 0
            assert sandbox_refunded(r.state) == Decimal("3450.50")
            assert [p.status for p in r.state.payments.values()] == ["refunded"]
            with pytest.raises(RefundNotAllowed, match="already been refunded"):
                await service.refund(ref)
            kinds = [e.kind for e in r.rt.ledger.sale_events(ref)]
            assert kinds.count("refund") == 4  # written, then confirmed, twice

    run(scenario())


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (Decimal(0), "greater than zero"),
        (Decimal(-5), "greater than zero"),
        (Decimal("1.234"), "decimals"),
        (Decimal("3450.51"), "more than what is left"),
    ],
)
def test_local_refusals_send_nothing(amount: Decimal, words: str) -> None:
    async def scenario() -> None:
        async with rig() as r:
            ref = await paid_sale(r)
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            before = len(r.state.request_log)
            with pytest.raises(RefundNotAllowed, match=words):
                await service.refund(ref, amount)
            assert r.state.request_log[before:] == []  # not even a GET
            assert service.store.for_sale(ref) == []

    run(scenario())


def test_a_sale_that_is_not_paid_and_an_unknown_one() -> None:
    async def scenario() -> None:
        async with rig() as r:
            sale = await r.engine.charge([line()])
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            before = len(r.state.request_log)
            with pytest.raises(RefundNotAllowed, match="not paid"):
                await service.refund(sale.external_reference, Decimal(10))
            assert not refund_requests(r.state) and len(r.state.request_log) - before <= 1
            with pytest.raises(Exception, match="no sale"):
                await service.refund("NOPE")

    run(scenario())


def test_a_cash_sale_is_refunded_as_cash_without_a_request() -> None:
    async def scenario() -> None:
        async with rig() as r:
            sale = await r.engine.charge([line()])
            await r.engine.cancel(sale.external_reference, cash=True)
            cash = r.rt.ledger.get_sale(sale.external_reference)
            assert cash is not None and cash.tender is Tender.CASH
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            result = await service.refund(sale.external_reference, Decimal(100))
            assert result.ok and result.refunds[0].tender is Tender.CASH
            assert result.refunds[0].status is RefundStatus.REFUNDED
            assert result.refundable == Decimal("3350.50")
            assert not refund_requests(r.state)

    run(scenario())


def test_mercado_pago_refusals_are_recorded_and_nothing_counts() -> None:
    async def scenario() -> None:
        async with rig() as r:
            ref = await paid_sale(r)
            book(r.state).switches(r.state.seller_id).partial_refunds = False
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            result = await service.refund(ref, Decimal(100))
            assert not result.ok
            (row,) = result.refunds
            assert row.status is RefundStatus.REFUSED
            assert row.reason == RefusalReason.PARTIAL_NOT_ALLOWED.value
            assert result.refundable == Decimal("3450.50")  # a refusal takes nothing
            whole = await service.refund(ref)  # the whole amount is allowed
            assert whole.ok and sandbox_refunded(r.state) == Decimal("3450.50")

    run(scenario())


class LoseRefundAnswers:
    """ASGI middleware: the refund is made, its answer replaced by a 502 (lost on the way)."""

    lose = 0

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        losing = (
            scope["type"] == "http"
            and scope["method"] == "POST"
            and scope["path"].endswith("/refunds")
            and LoseRefundAnswers.lose > 0
        )
        if not losing:
            await self.app(scope, receive, send)
            return
        LoseRefundAnswers.lose -= 1

        async def swallow(message: Any) -> None:
            pass

        await self.app(scope, receive, swallow)  # the work is done...
        await send({"type": "http.response.start", "status": 502, "headers": []})
        await send({"type": "http.response.body", "body": b""})  # ...the answer is lost


def test_lost_answers_stay_pending_then_are_found_not_sent_again() -> None:
    async def scenario() -> None:
        async with rig(middleware=LoseRefundAnswers) as r:
            ref = await paid_sale(r)
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            LoseRefundAnswers.lose = 100  # every try of this refund loses its answer
            result = await service.refund(ref, Decimal(1000))
            (row,) = result.refunds
            assert row.status is RefundStatus.PENDING and not result.ok
            assert sandbox_refunded(r.state) == Decimal(1000)  # made once, however many tries
            assert result.refundable == Decimal("2450.50")  # pending counts against what is left
            LoseRefundAnswers.lose = 0
            posts = len([e for e in refund_requests(r.state) if e.get("method") == "POST"])
            settled = await service.resume()
            assert [s.status for s in settled] == [RefundStatus.REFUNDED]
            assert settled[0].mp_refund_id
            after = len([e for e in refund_requests(r.state) if e.get("method") == "POST"])
            assert after == posts  # found with GET …/refunds, nothing re-sent
            assert sandbox_refunded(r.state) == Decimal(1000)
            with pytest.raises(RefundNotAllowed):
                await service.refund(ref, Decimal("2450.51"))

    run(scenario())


def test_a_pending_refund_is_checked_before_the_next_one_of_the_sale() -> None:
    async def scenario() -> None:
        async with rig(middleware=LoseRefundAnswers) as r:
            ref = await paid_sale(r)
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            LoseRefundAnswers.lose = 100
            first = await service.refund(ref, Decimal(1000))
            assert first.refunds[0].status is RefundStatus.PENDING
            LoseRefundAnswers.lose = 0
            rest = await service.refund(ref)  # settles the pending one first, then the rest
            assert rest.refunds[0].amount == Decimal("2450.50") and rest.ok
            statuses = [x.status for x in service.store.for_sale(ref)]
            assert statuses == [RefundStatus.REFUNDED, RefundStatus.REFUNDED]
            assert sandbox_refunded(r.state) == Decimal("3450.50")

    run(scenario())


def test_a_crash_after_writing_before_sending_sends_it_once_with_the_same_key() -> None:
    async def scenario() -> None:
        async with rig() as r:
            ref = await paid_sale(r)
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            sale = r.rt.ledger.get_sale(ref)
            assert sale is not None
            # What a SIGKILL right after the ledger write leaves: a pending row, nothing sent.
            row = service.store.add(
                ref,
                key="refund-crashed-1",
                amount=Decimal(500),
                tender=Tender.QR,
                payment_id=sale.payment_ids[0],
                now=sale.updated_at,
                limit=sale.paid_amount,
            )
            fresh = RefundService(r.rt.ledger, lambda: r.rt.client)  # the restarted app
            settled = await fresh.resume()
            assert [(s.id, s.status) for s in settled] == [(row.id, RefundStatus.REFUNDED)]
            again = await fresh.resume()
            assert again == [] and sandbox_refunded(r.state) == Decimal(500)
            keys = [e["idempotency_key"] for e in refund_requests(r.state) if e["method"] == "POST"]
            assert keys == ["refund-crashed-1"]  # checked with GET first, then sent once

    run(scenario())


def test_the_ledger_never_accepts_more_than_was_paid() -> None:
    async def scenario() -> None:
        async with rig() as r:
            ref = await paid_sale(r)
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            results = await asyncio.gather(
                service.refund(ref, Decimal(3000)),
                service.refund(ref, Decimal(3000)),
                return_exceptions=True,
            )
            refused = [x for x in results if isinstance(x, RefundNotAllowed)]
            assert len(refused) == 1
            assert sandbox_refunded(r.state) == Decimal(3000)

    run(scenario())


def test_a_sale_paid_in_two_payments_is_refunded_across_both() -> None:
    async def scenario() -> None:
        async with rig() as r:
            sale = await r.engine.charge([line()])  # 3450.50
            mo = r.state.scan_box()
            r.state.pay_merchant_order(mo, "approved", Decimal("1000"))
            r.state.pay_merchant_order(mo, "approved", Decimal("2450.50"))
            final = await asyncio.wait_for(r.engine.wait_final(sale.external_reference), 5)
            assert final.status is SaleStatus.PAID and len(final.payment_ids) == 2
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            result = await service.refund(sale.external_reference, Decimal(3000))
            assert result.ok and [x.amount for x in result.refunds] == [
                Decimal(1000),
                Decimal(2000),
            ]
            first, second = (r.state.payments[pid] for pid in final.payment_ids)
            assert first.status == "refunded" and second.amount_refunded == Decimal(2000)
            rest = await service.refund(sale.external_reference)
            assert rest.ok and [x.amount for x in rest.refunds] == [Decimal("450.50")]
            assert sandbox_refunded(r.state) == Decimal("3450.50")

    run(scenario())


def test_a_discounted_line_gives_back_what_was_charged_for_it() -> None:
    async def scenario() -> None:
        async with rig() as r:
            yerba = CartLine(
                sku="Y1",
                title="Yerba 1kg",
                unit_price=Decimal("1725.25"),
                quantity=3,
                discount=Discount(DiscountKind.PERCENT, Decimal(10), "QR"),
            )
            sale = await r.engine.charge(
                [line(qty=1), yerba], sale_discount=Discount(DiscountKind.AMOUNT, Decimal("100.01"))
            )
            ref = sale.external_reference
            r.state.pay_box("approved")
            final = await asyncio.wait_for(r.engine.wait_final(ref), 5)
            assert final.status is SaleStatus.PAID
            charged = r.rt.ledger.charged_amounts(ref)
            assert charged[1] < Decimal("1725.25") * 3 * Decimal("0.9")  # both discounts
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            two = await service.refund(ref, lines=[(1, 2)])
            assert two.ok and two.refunds[0].amount == (charged[1] * 2 / 3).quantize(
                Decimal("0.01")
            )
            last = await service.refund(ref, lines=[(1, 1)])
            # All three units give back exactly what the line was charged, not its list price.
            assert two.refunds[0].amount + last.refunds[0].amount == charged[1]
            first = await service.refund(ref, lines=[(0, 1)])
            assert first.ok and first.refunds[0].amount == charged[0]
            assert first.refundable == 0 and first.refunded_amount == final.total
            assert sandbox_refunded(r.state) == final.total

    run(scenario())
