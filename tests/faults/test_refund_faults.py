"""Refunds under a flaky network (30 % of the refund requests fail, each kind of fault) and
with answers lost after Mercado Pago made the refund: never refunded twice, never beyond what
was paid, and every refund settled once the network is back."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_app.checkout.refunds import RefundNotAllowed, RefundService
from pos_app.domain.sale import SaleStatus
from pos_app.ledger.refunds import RefundStatus
from pos_app.mercadopago import errors
from tests.faults.refund_invariants import check_refunds
from tests.faults.rig import FaultRig, answer_lost, fault_rig, line
from tests.faults.test_network import KINDS, seed_failing_first
from tests.virtual_time import run_virtual


async def paid(f: FaultRig, *lines_: object) -> str:
    sale = await f.engine.charge(list(lines_) or [line()])
    await f.until_on_box(sale.external_reference)
    f.state.pay_box("approved")
    assert (await f.final(sale.external_reference)).status is SaleStatus.PAID
    return str(sale.external_reference)


async def refund_until_settled(service: RefundService, ref: str, amount: Decimal | None) -> None:
    """What a cashier does: refund; if Mercado Pago did not answer, try again later (which
    checks the unconfirmed one first and never sends a second refund for it)."""
    try:
        result = await service.refund(ref, amount)
    except RefundNotAllowed:
        return  # a pending refund already took what was left: refused here, nothing sent
    except errors.MercadoPagoError:
        return  # could not even check an earlier refund: the cashier is told, tries later
    if any(r.status is RefundStatus.PENDING for r in result.refunds):
        await service.resume()


@pytest.mark.parametrize("kind", KINDS)
def test_refunds_at_30_percent_faults(kind: str) -> None:
    async def scenario() -> None:
        async with fault_rig() as f:
            refs = [await paid(f), await paid(f, line("Fideos", "850", 3))]
            service = RefundService(f.r.rt.ledger, lambda: f.r.rt.client)
            f.faults(
                error_rate=0.3,
                kinds=[kind],
                path_prefix="/v1/payments",
                seed=seed_failing_first(1000 + KINDS.index(kind)),
                retry_after=0,
            )
            for ref in refs:
                await refund_until_settled(service, ref, Decimal("100"))
                await refund_until_settled(service, ref, Decimal("200.50"))
                await refund_until_settled(service, ref, None)  # the rest
                await refund_until_settled(service, ref, Decimal(1))  # nothing left: refused
            assert f.state.faults.injected > 0
            f.no_faults()
            await service.resume()
            total = check_refunds(f.r.rt.ledger, f.state, refs)
            assert total <= Decimal("3450.50") + Decimal("2550")
            # With the network back, what is left can always be refunded, exactly once.
            for ref in refs:
                sale = f.r.rt.ledger.get_sale(ref)
                assert sale is not None
                if service.refundable(sale):
                    assert (await service.refund(ref)).ok
            assert check_refunds(f.r.rt.ledger, f.state, refs) == Decimal("6000.50")

    run_virtual(scenario())


@pytest.mark.parametrize("lost", [1, 2, 3, 5])
def test_refund_answers_lost_after_the_refund_was_made(lost: int) -> None:
    """The refund happens at Mercado Pago and its answer is lost ``lost`` times (3 tries per
    call): retried with the same key, or left pending and found with GET …/refunds."""
    middleware, dropped = answer_lost("POST", "/refunds", lost)

    async def scenario() -> None:
        async with fault_rig(middleware=middleware) as f:
            ref = await paid(f)
            service = RefundService(f.r.rt.ledger, lambda: f.r.rt.client)
            await refund_until_settled(service, ref, Decimal(1000))
            await service.resume()
            await refund_until_settled(service, ref, None)
            await service.resume()
            assert len(dropped) == lost
            assert check_refunds(f.r.rt.ledger, f.state, [ref]) == Decimal("3450.50")
            (payment,) = f.state.payments.values()
            assert [r.amount for r in payment.refunds] == [Decimal(1000), Decimal("2450.50")]

    run_virtual(scenario())
