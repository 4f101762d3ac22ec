"""An Orders API order that ends ``failed`` (the payment refused for good) ends its sale at
once, the cashier told why. The notes list ``failed`` for other products' orders and never as
a state an order leaves, and only a ``created`` order can be paid: until 2026-12-02 such a
sale showed "Last attempt was rejected — the customer can try again" and waited for our own
deadline (600 s here), then ended "expired". A payment refused on a ``created`` order is still
a rejection the customer may retry (the order stays on offer)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from pos_app.checkout.errors import order_failed_reason
from pos_app.cli.output import EXIT_ERROR, exit_code_for
from pos_app.domain.history_words import detail_words
from pos_app.domain.money import site_for
from pos_app.domain.sale import SaleStatus
from pos_app.sandbox.state import SandboxState
from tests.checkout.harness import line, rig
from tests.virtual_time import run_virtual

MLA = site_for("MLA")


def test_a_failed_order_ends_the_sale_at_once_saying_why() -> None:
    async def scenario() -> None:
        async with rig(api="orders", ttl=timedelta(minutes=10)) as r:
            loop = asyncio.get_running_loop()
            sale = await r.engine.charge([line()])
            ref = sale.external_reference
            started = loop.time()
            r.state.pay_box("failed")
            final = await asyncio.wait_for(r.engine.wait_final(ref), 700)
            waited = loop.time() - started
            assert final.status is SaleStatus.FAILED, final.status  # was "expired"
            # The history's and the CLI's word for it: it was sent, and refused ("Not sent" read
            # as if the order had never reached Mercado Pago).
            assert final.status.label == "Refused"
            assert waited < 5, waited  # was 600 s
            assert final.failure_message == order_failed_reason()
            assert "can no longer be paid" in final.failure_reason
            assert exit_code_for(final) == EXIT_ERROR  # pos-app charge --wait: exit 1
            (event,) = [e for e in r.rt.ledger.sale_events(ref) if e.new_status == "failed"]
            assert event.detail == "high_risk"
            words = detail_words(event.kind, event.cause, event.new_status, event.detail, MLA)
            assert words is not None and "refused the order" in str(words)
            assert not r.offered(ref)

    run_virtual(scenario())


def test_a_rejected_payment_on_an_open_order_keeps_waiting() -> None:
    async def scenario() -> None:
        async with rig(api="orders") as r:
            sale = await r.engine.charge([line()])
            ref = sale.external_reference
            r.state.pay_box("rejected")
            rejected = await r.sale_until(ref, lambda s: s.last_attempt_rejected)
            assert rejected.status is SaleStatus.PENDING and r.offered(ref)
            r.state.pay_box("approved")
            final = await asyncio.wait_for(r.engine.wait_final(ref), 5)
            assert final.status is SaleStatus.PAID

    run_virtual(scenario())


def test_a_cancel_under_way_when_the_order_fails_ends_canceled() -> None:
    """The cashier asked to cancel (cash) as the order failed: canceled, as asked, no money."""

    async def scenario() -> None:
        async with rig(api="orders", state=SandboxState.seeded()) as r:
            sale = await r.engine.charge([line()])
            ref = sale.external_reference
            gateway = r.engine.gateway
            withdraw = gateway.withdraw

            async def fail_then_withdraw(*args: object, **kwargs: object) -> None:
                if r.offered(ref):
                    r.state.pay_box("failed")
                await withdraw(*args, **kwargs)

            gateway.withdraw = fail_then_withdraw
            ended = await r.engine.cancel(ref, cash=True)
            assert ended.status is SaleStatus.CANCELED and ended.paid_amount == 0

    run_virtual(scenario())
