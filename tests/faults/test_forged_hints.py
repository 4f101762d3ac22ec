"""Notifications are hints (QR merchant-order notifications are not even signed): a forged,
stale or foreign one, or one whose fetch fails, must never slow polling down. Only a hint that
Mercado Pago confirmed and that matched one of our sales counts as "notifications work"."""

from __future__ import annotations

import contextlib

import httpx

from pos_app.domain.sale import SaleStatus
from pos_app.mercadopago.errors import MercadoPagoError
from pos_app.sandbox.testing import SAMPLE_REFERENCE, sample_order_body
from tests.faults.invariants import check
from tests.faults.rig import FaultRig, fault_rig, line
from tests.virtual_time import run_virtual


async def foreign_merchant_order(f: FaultRig) -> int:
    """A real merchant order of this seller for a reference our ledger never had."""
    state = f.state
    path = (
        f"/instore/qr/seller/collectors/{state.seller_id}/stores/{state.store_external_id}"
        f"/pos/{state.box_external_id}/orders"
    )
    async with httpx.AsyncClient(base_url=f.r.server.base_url) as http:
        response = await http.put(
            path,
            json=sample_order_body(state.now()),
            headers={"Authorization": f"Bearer {state.seller_token}"},
        )
    assert response.status_code == 204, response.text
    return state.scan_box()


def test_only_confirmed_hints_of_our_sales_slow_polling() -> None:
    async def scenario() -> None:
        async with fault_rig() as f:
            engine = f.engine
            foreign = await foreign_merchant_order(f)
            f.state.pay_merchant_order(foreign, "approved")
            f.state.box_orders.clear()  # that other till's order is done with
            forged = [
                ("merchant_order", "not-a-number"),
                ("merchant_order", "999999999"),  # no such merchant order
                ("payment", "999999999"),  # no such payment
                ("topic_merchant_order_wh", "424242"),
                ("something_else", "1"),
                ("merchant_order", str(foreign)),  # real, but not one of our sales
            ]
            for topic, resource in forged:
                with contextlib.suppress(MercadoPagoError):
                    assert await engine.hint(topic, resource) is None
                assert not engine.notifications_recent(), (topic, resource)

            sale = await engine.charge([line()])
            ref = sale.external_reference
            await f.until_on_box(ref)
            ours = f.state.scan_box()
            # Ours, but Mercado Pago cannot be asked just now: still not proof of anything.
            f.faults(error_rate=1.0, kinds=["500"], path_prefix="/merchant_orders")
            with contextlib.suppress(MercadoPagoError):
                await engine.hint("merchant_order", str(ours))
            assert not engine.notifications_recent()
            f.no_faults()
            # Confirmed and ours: now polling may relax.
            seen = await engine.hint("merchant_order", str(ours))
            assert seen is not None and seen.external_reference == ref
            assert engine.notifications_recent()
            f.state.pay_merchant_order(ours, "approved")
            assert (await f.final(ref)).status is SaleStatus.PAID
            check(f.r.rt.ledger, f.state, events=f.r.events, foreign={SAMPLE_REFERENCE})

    run_virtual(scenario())


def test_a_payment_hint_of_our_sale_counts() -> None:
    async def scenario() -> None:
        async with fault_rig() as f:
            sale = await f.engine.charge([line()])
            await f.until_on_box(sale.external_reference)
            payment = f.state.pay_box("rejected")
            assert not f.engine.notifications_recent()
            seen = await f.engine.hint("payment", str(payment))
            assert seen is not None and seen.external_reference == sale.external_reference
            assert f.engine.notifications_recent()

    run_virtual(scenario())
