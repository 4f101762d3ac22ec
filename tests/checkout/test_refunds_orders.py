"""Refunding Orders API sales against the sandbox over a real socket: ``POST
/v1/orders/{id}/refund`` (the whole order, or the order's payment and an amount), written to the
ledger with its own key before the call, a lost answer (``drop_after``) never refunding twice,
and a refund left pending by a crash checked with ``GET /v1/orders/{id}`` before its key is
ever sent again."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

from pos_app.checkout.refunds import RefundService
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.ledger.refunds import RefundStatus
from pos_app.sandbox.faults import Faults
from pos_app.sandbox.orders_api_model import ApiOrder
from pos_app.sandbox.state import SandboxState
from tests.checkout.harness import Rig, line, rig
from tests.virtual_time import run_virtual


def run(coro):  # type: ignore[no-untyped-def]
    return run_virtual(coro)


async def paid_order_sale(r: Rig) -> str:
    sale = await r.engine.charge([line()])  # 3450.50
    r.state.pay_box("approved")
    final = await asyncio.wait_for(r.engine.wait_final(sale.external_reference), 5)
    assert final.status is SaleStatus.PAID and final.api == "orders" and final.order_id
    return sale.external_reference


def the_order(state: SandboxState) -> ApiOrder:
    (order,) = state.orders_api.orders.values()
    return order


def refund_posts(state: SandboxState) -> list[dict[str, Any]]:
    return [
        e
        for e in state.request_log
        if e.get("method") == "POST" and e.get("path", "").endswith("/refund")
    ]


def payment_refund_requests(state: SandboxState) -> list[dict[str, Any]]:
    return [e for e in state.request_log if "/v1/payments/" in e.get("path", "")]


def test_partial_then_the_rest_through_the_orders_api() -> None:
    async def scenario() -> None:
        async with rig(api="orders") as r:
            ref = await paid_order_sale(r)
            sale = r.rt.ledger.get_sale(ref)
            assert sale is not None
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            first = await service.refund(ref, Decimal(1000))
            assert first.ok and first.refunded_amount == Decimal(1000)
            (row,) = first.refunds
            assert row.tender is Tender.QR and row.payment_id is None
            assert row.order_payment_id == sale.order_payment_ids[0]
            assert row.mp_refund_id == sale.order_id
            order = the_order(r.state)
            assert order.refunded == Decimal(1000) and order.status == "processed"
            assert order.status_detail == "partially_refunded"
            rest = await service.refund(ref)
            assert rest.ok and rest.refunds[0].amount == Decimal("2450.50")
            assert rest.refundable == 0 and rest.refunded_amount == Decimal("3450.50")
            assert order.refunded == Decimal("3450.50") and order.status == "refunded"
            posts = refund_posts(r.state)
            assert [e["path"] for e in posts] == [f"/v1/orders/{sale.order_id}/refund"] * 2
            keys = [e["idempotency_key"] for e in posts]
            assert keys == [x.idempotency_key for x in service.store.for_sale(ref)]
            assert len(set(keys)) == 2
            assert not payment_refund_requests(r.state)  # never the instore v2 endpoint

    run(scenario())


def test_the_whole_order_at_once_sends_an_empty_body() -> None:
    async def scenario() -> None:
        async with rig(api="orders") as r:
            ref = await paid_order_sale(r)
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            whole = await service.refund(ref)
            assert whole.ok and whole.refunded_amount == Decimal("3450.50")
            order = the_order(r.state)
            assert order.status == "refunded" and order.refunded == Decimal("3450.50")
            (post,) = refund_posts(r.state)
            assert post["idempotency_key"] == whole.refunds[0].idempotency_key

    run(scenario())


def test_a_lost_answer_is_retried_with_the_same_key_and_refunds_once() -> None:
    async def scenario() -> None:
        async with rig(api="orders") as r:
            ref = await paid_order_sale(r)
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            r.state.faults = Faults(
                error_rate=1.0, kinds=["drop_after"], times=1, path_prefix="/v1/orders"
            )
            result = await service.refund(ref, Decimal(1000))
            assert result.ok and the_order(r.state).refunded == Decimal(1000)
            posts = refund_posts(r.state)
            assert len(posts) == 2 and posts[0].get("fault") == "drop_after"
            assert {e["idempotency_key"] for e in posts} == {result.refunds[0].idempotency_key}

    run(scenario())


def test_answers_lost_every_time_stay_pending_then_are_found_not_sent_again() -> None:
    async def scenario() -> None:
        async with rig(api="orders") as r:
            ref = await paid_order_sale(r)
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            r.state.faults = Faults(error_rate=1.0, kinds=["drop_after"], path_prefix="/v1/orders")
            lost = await service.refund(ref, Decimal(1000))
            (row,) = lost.refunds
            assert row.status is RefundStatus.PENDING and not lost.ok
            assert the_order(r.state).refunded == Decimal(1000)  # made once, however many tries
            assert lost.refundable == Decimal("2450.50")  # pending counts against what is left
            r.state.faults = Faults()
            posts = len(refund_posts(r.state))
            settled = await service.resume()
            assert [s.status for s in settled] == [RefundStatus.REFUNDED]
            assert len(refund_posts(r.state)) == posts  # GET /v1/orders/{id} found it
            # The rest: the pending one is known, so exactly what is left goes.
            rest = await service.refund(ref)
            assert rest.ok and rest.refunds[0].amount == Decimal("2450.50")
            assert the_order(r.state).refunded == Decimal("3450.50")

    run(scenario())


def test_a_crash_before_the_request_sends_it_once_after_checking() -> None:
    async def scenario() -> None:
        async with rig(api="orders") as r:
            ref = await paid_order_sale(r)
            sale = r.rt.ledger.get_sale(ref)
            assert sale is not None
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            # What a SIGKILL right after the ledger write leaves: a pending row, nothing sent.
            row = service.store.add(
                ref,
                key="refund-crashed-orders-1",
                amount=Decimal(500),
                tender=Tender.QR,
                payment_id=None,
                order_payment_id=sale.order_payment_ids[0],
                now=sale.updated_at,
                limit=sale.paid_amount,
            )
            before = len(r.state.request_log)
            fresh = RefundService(r.rt.ledger, lambda: r.rt.client)  # the restarted app
            settled = await fresh.resume()
            assert [(s.id, s.status) for s in settled] == [(row.id, RefundStatus.REFUNDED)]
            seen = [(e["method"], e["path"]) for e in r.state.request_log[before:]]
            assert seen == [
                ("GET", f"/v1/orders/{sale.order_id}"),  # checked first
                ("POST", f"/v1/orders/{sale.order_id}/refund"),
            ]
            assert await fresh.resume() == []
            assert the_order(r.state).refunded == Decimal(500)
            assert [e["idempotency_key"] for e in refund_posts(r.state)] == [row.idempotency_key]

    run(scenario())


def test_a_crash_after_the_request_is_found_and_never_sent_again() -> None:
    async def scenario() -> None:
        async with rig(api="orders") as r:
            ref = await paid_order_sale(r)
            sale = r.rt.ledger.get_sale(ref)
            assert sale is not None
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            pay_id = sale.order_payment_ids[0]
            row = service.store.add(
                ref,
                key="refund-crashed-orders-2",
                amount=Decimal(700),
                tender=Tender.QR,
                payment_id=None,
                order_payment_id=pay_id,
                now=sale.updated_at,
                limit=sale.paid_amount,
            )
            # Mercado Pago made it; the till was killed before it heard.
            await r.rt.client.refund_qr_order(
                sale.order_id,
                idempotency_key=row.idempotency_key,
                transactions=[{"id": pay_id, "amount": "700.00"}],
            )
            fresh = RefundService(r.rt.ledger, lambda: r.rt.client)
            (settled,) = await fresh.resume()
            assert settled.status is RefundStatus.REFUNDED and settled.mp_refund_id == sale.order_id
            assert len(refund_posts(r.state)) == 1  # only the one before the crash
            assert the_order(r.state).refunded == Decimal(700)
            assert fresh.refundable(sale) == Decimal("2750.50")

    run(scenario())
