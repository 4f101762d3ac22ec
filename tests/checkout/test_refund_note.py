"""The refund service takes the cashier's note: written with each row before Mercado Pago is
asked (a lost answer keeps it, the resume keeps it), kept apart from Mercado Pago's refusal
reason, and a note over its limit refused here with nothing sent."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_app.checkout.refunds import RefundNotAllowed, RefundService
from pos_app.ledger.refunds import RefundStatus
from pos_app.sandbox.payments_api import book
from tests.checkout.harness import rig
from tests.checkout.test_refunds import LoseRefundAnswers, paid_sale, run, sandbox_refunded


def test_the_note_is_written_before_the_call_and_survives_a_lost_answer() -> None:
    async def scenario() -> None:
        async with rig(middleware=LoseRefundAnswers) as r:
            ref = await paid_sale(r)
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            LoseRefundAnswers.lose = 100  # the refund is made, its answer never comes
            result = await service.refund(ref, Decimal(1000), note=" Defective\tpackage ")
            (row,) = result.refunds
            assert row.status is RefundStatus.PENDING and row.note == "Defective package"
            LoseRefundAnswers.lose = 0
            (settled,) = await service.resume()
            assert settled.status is RefundStatus.REFUNDED
            assert settled.note == "Defective package" and settled.reason == ""
            assert sandbox_refunded(r.state) == Decimal(1000)

    run(scenario())


def test_a_refusal_keeps_the_note_apart_from_mercado_pagos_reason() -> None:
    async def scenario() -> None:
        async with rig() as r:
            ref = await paid_sale(r)
            book(r.state).switches(r.state.seller_id).insufficient_balance = True
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            result = await service.refund(ref, Decimal(100), note="Charged twice")
            (row,) = result.refunds
            assert row.status is RefundStatus.REFUSED
            assert row.note == "Charged twice" and row.reason == "insufficient_balance"

    run(scenario())


def test_a_note_over_its_limit_is_refused_before_anything_is_sent() -> None:
    async def scenario() -> None:
        async with rig() as r:
            ref = await paid_sale(r)
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            before = len(r.state.request_log)
            with pytest.raises(RefundNotAllowed, match="Reason for the refund: at most 200"):
                await service.refund(ref, Decimal(10), note="x" * 201)
            assert r.state.request_log[before:] == []  # not even a GET
            assert service.store.for_sale(ref) == []
            done = await service.refund(ref, note="\x00\u202e")  # nothing left once cleaned
            assert done.ok and done.refunds[0].note == ""

    run(scenario())
