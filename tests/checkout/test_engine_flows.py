"""The checkout engine against the sandbox over a real socket: every path a sale can take.

On virtual time (tests/virtual_time.py): expiry, the cancel confirmation and the trouble
backoff take the engine's real delays without waiting for them."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from decimal import Decimal

import pytest

from pos_app.checkout.errors import BoxBusyError
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.domain.validation import ValidationError
from pos_app.settings.config import PollSchedule
from tests.checkout.harness import APIS, line, rig
from tests.virtual_time import run_virtual

# The engine's rules are one set for both APIs: these run against each gateway.
both_apis = pytest.mark.parametrize("api", APIS)


def run(coro):  # type: ignore[no-untyped-def]
    return run_virtual(coro)


@both_apis
def test_happy_path_paid_and_recorded(api: str) -> None:
    async def scenario() -> None:
        async with rig(api=api) as r:
            sale = await r.engine.charge([line()])
            assert sale.status is SaleStatus.PENDING
            assert sale.total == Decimal("3450.50")
            if api == "instore":
                body = r.state.bodies_for(sale.external_reference)[-1]
                assert body["total_amount"] == Decimal("3450.5")
                assert body["items"][0]["unit_price"] == Decimal("1725.25")
            else:
                (order,) = r.state.orders_api.orders.values()
                assert order.body["total_amount"] == "3450.50" and sale.order_id == order.id
                assert order.body["items"][0]["unit_price"] == "1725.25"
            assert sale.api == api and sale.create_key and sale.cancel_key
            r.state.pay_box("approved")
            final = await asyncio.wait_for(r.engine.wait_final(sale.external_reference), 5)
            assert final.status is SaleStatus.PAID
            assert final.tender is Tender.QR
            assert final.paid_amount == Decimal("3450.5")
            if api == "instore":
                assert len(final.payment_ids) == 1 and len(final.merchant_order_ids) == 1
            else:
                assert len(final.order_payment_ids) == 1
                assert final.order_payment_ids[0].startswith("PAY")
            kinds = [
                (e.kind, e.new_status) for e in r.rt.ledger.sale_events(sale.external_reference)
            ]
            assert kinds[0] == ("created", SaleStatus.CREATING)
            assert ("status", SaleStatus.PENDING) in kinds and kinds[-1] == (
                "status",
                SaleStatus.PAID,
            )
            assert r.statuses(sale.external_reference) == ["creating", "pending", "paid"]

    run(scenario())


@both_apis
def test_rejected_then_approved(api: str) -> None:
    async def scenario() -> None:
        async with rig(api=api) as r:
            sale = await r.engine.charge([line()])
            ref = sale.external_reference
            r.state.pay_box("rejected")
            rejected = await r.sale_until(ref, lambda s: s.last_attempt_rejected)
            assert rejected.status is SaleStatus.PENDING  # the customer may retry
            assert r.offered(ref)  # the order is still on the box
            r.state.pay_box("approved")
            final = await asyncio.wait_for(r.engine.wait_final(ref), 5)
            assert final.status is SaleStatus.PAID and not final.last_attempt_rejected

    run(scenario())


def test_two_scans_one_paid() -> None:
    async def scenario() -> None:
        async with rig() as r:
            sale = await r.engine.charge([line()])
            r.state.scan_box()
            second = r.state.scan_box()
            r.state.pay_merchant_order(second, "approved")
            final = await asyncio.wait_for(r.engine.wait_final(sale.external_reference), 5)
            assert final.status is SaleStatus.PAID
            assert len(final.merchant_order_ids) == 2

    run(scenario())


def test_partial_payment_stays_pending_then_completes() -> None:
    async def scenario() -> None:
        async with rig() as r:
            sale = await r.engine.charge([line()])
            ref = sale.external_reference
            r.state.pay_box("partial")
            partial = await r.sale_until(ref, lambda s: s.partially_paid is not None)
            assert partial.status is SaleStatus.PENDING
            assert Decimal(0) < partial.partially_paid < sale.total  # type: ignore[operator]
            r.state.pay_box("approved")
            final = await asyncio.wait_for(r.engine.wait_final(ref), 5)
            assert final.status is SaleStatus.PAID

    run(scenario())


@both_apis
def test_cancel_clears_the_box_and_records_cash(api: str) -> None:
    async def scenario() -> None:
        async with rig(api=api) as r:
            sale = await r.engine.charge([line()])
            ended = await r.engine.cancel(cash=True)
            assert ended.status is SaleStatus.CANCELED
            assert ended.tender is Tender.CASH
            assert not r.offered(sale.external_reference)
            # The next sale can go to the box at once.
            nxt = await r.engine.charge([line("Azucar 1kg", "990", 1)])
            assert nxt.status is SaleStatus.PENDING
            assert nxt.external_reference != sale.external_reference

    run(scenario())


def test_cancel_racing_a_payment_ends_paid() -> None:
    async def scenario() -> None:
        async with rig(cancel_recheck_delay=0.5) as r:
            sale = await r.engine.charge([line()])
            mo_id = r.state.scan_box()  # the customer is already in the payment screen
            cancel = asyncio.ensure_future(r.engine.cancel())
            box = r.state.find_box(r.state.seller_id, r.state.box_external_id)
            assert box is not None
            await r.until(lambda: box.id not in r.state.box_orders)
            r.state.pay_merchant_order(mo_id, "approved")  # lands after the delete
            ended = await cancel
            assert ended.status is SaleStatus.PAID
            statuses = r.statuses(sale.external_reference)
            assert "canceled" not in statuses and statuses[-1] == "paid"

    run(scenario())


def test_payment_after_cancel_is_still_reported_paid() -> None:
    async def scenario() -> None:
        async with rig(cancel_recheck_delay=0.05) as r:
            sale = await r.engine.charge([line()])
            mo_id = r.state.scan_box()
            ended = await r.engine.cancel()
            assert ended.status is SaleStatus.CANCELED
            r.state.pay_merchant_order(mo_id, "approved")
            late = await r.engine.reconcile(sale.external_reference)
            assert late.status is SaleStatus.PAID and late.late_payment

    run(scenario())


@both_apis
def test_expiry_then_final_check(api: str) -> None:
    async def scenario() -> None:
        # The real order lifetime and polling schedule: ten minutes pass at once.
        async with rig(api=api, ttl=timedelta(minutes=10), poll=PollSchedule()) as r:
            loop = asyncio.get_running_loop()
            started = loop.time()
            sale = await r.engine.charge([line()])
            final = await asyncio.wait_for(r.engine.wait_final(sale.external_reference), 12 * 60)
            assert final.status is SaleStatus.EXPIRED
            assert 600 <= loop.time() - started < 602, loop.time() - started
            # Seen within two seconds of the order's expiry (exact: no machine load here).
            assert final.expires_at is not None
            late = final.updated_at - final.expires_at
            assert timedelta(0) <= late < timedelta(seconds=2), late
            assert not r.offered(sale.external_reference)

    run(scenario())


@both_apis
def test_order_expired_by_mercado_pago_before_our_clock(api: str) -> None:
    async def scenario() -> None:
        async with rig(api=api) as r:
            sale = await r.engine.charge([line()])
            if api == "instore":
                r.state.scan_box()
            r.state.expire_box()
            final = await asyncio.wait_for(r.engine.wait_final(sale.external_reference), 5)
            assert final.status is SaleStatus.EXPIRED

    run(scenario())


@both_apis
def test_one_order_per_box(api: str) -> None:
    async def scenario() -> None:
        async with rig(api=api) as r:
            first = await r.engine.charge([line()])
            with pytest.raises(BoxBusyError) as info:
                await r.engine.charge([line("Fideos", "850", 1)])
            assert info.value.sale.external_reference == first.external_reference
            second = await r.engine.charge([line("Fideos", "850", 1)], replace_pending=True)
            assert second.status is SaleStatus.PENDING
            old = r.rt.ledger.get_sale(first.external_reference)
            assert old is not None and old.status is SaleStatus.CANCELED

    run(scenario())


@both_apis
def test_refused_order_fails_and_charges_nothing(api: str) -> None:
    async def scenario() -> None:
        async with rig(api=api, box_external_id="NOSUCHBOX") as r:
            sale = await r.engine.charge([line()])
            assert sale.status is SaleStatus.FAILED
            key = {"instore": "invalid_externalPosId", "orders": "pos_not_found"}[api]
            assert key in r.rt.ledger.sale_events(sale.external_reference)[-1].detail
            assert sale.failure_message is not None
            assert r.engine.open_sale() is None

    run(scenario())


@both_apis
def test_invalid_cart_is_refused_before_anything_is_written(api: str) -> None:
    async def scenario() -> None:
        async with rig(api=api) as r:
            with pytest.raises(ValidationError):
                await r.engine.charge([])
            with pytest.raises(ValidationError):
                await r.engine.charge([line(price="10.555")])
            assert r.rt.ledger.all_sales() == []

    run(scenario())


@both_apis
def test_duplicate_reconciles_make_one_transition(api: str) -> None:
    async def scenario() -> None:
        async with rig(api=api) as r:
            sale = await r.engine.charge([line()])
            ref = sale.external_reference
            r.state.pay_box("approved")
            results = await asyncio.gather(
                *(r.engine.reconcile(ref, "notification") for _ in range(10))
            )
            assert {s.status for s in results} == {SaleStatus.PAID}
            paid_events = [
                e for e in r.rt.ledger.sale_events(ref) if e.new_status is SaleStatus.PAID
            ]
            assert len(paid_events) == 1
            assert r.statuses(ref).count("paid") == 1

    run(scenario())


@both_apis
def test_server_errors_and_429_storm_while_pending(api: str) -> None:
    async def scenario() -> None:
        async with rig(api=api) as r:
            sale = await r.engine.charge([line()])
            ref = sale.external_reference
            r.state.faults.error_rate = 1.0
            r.state.faults.kinds = ["500", "429"]
            r.state.faults.retry_after = 0
            troubled = await r.sale_until(ref, lambda s: s.trouble == "network", timeout=10)
            assert troubled.status is SaleStatus.PENDING and troubled.trouble_since is not None
            r.state.pay_box("approved")  # the customer pays while we cannot see it
            r.state.faults.error_rate = 0.0
            final = await asyncio.wait_for(r.engine.wait_final(ref), 15)
            assert final.status is SaleStatus.PAID and final.trouble == ""

    run(scenario())


@both_apis
def test_revoked_token_keeps_the_sale_pending_until_new_credentials(api: str) -> None:
    async def scenario() -> None:
        async with rig(api=api) as r:
            sale = await r.engine.charge([line()])
            ref = sale.external_reference
            r.state.set_revoked(r.state.seller_token, True)
            troubled = await r.sale_until(ref, lambda s: s.trouble == "auth", timeout=10)
            assert troubled.status is SaleStatus.PENDING
            r.state.pay_box("approved")
            r.state.set_revoked(r.state.seller_token, False)
            r.engine.replace_client(r.rt.client)  # what Settings does after a new token
            final = await asyncio.wait_for(r.engine.wait_final(ref), 15)
            assert final.status is SaleStatus.PAID

    run(scenario())


@both_apis
def test_customer_pays_while_the_cancel_is_on_its_way(api: str) -> None:
    """The payment lands just before the cashier's cancel reaches Mercado Pago: paid wins."""

    async def scenario() -> None:
        async with rig(api=api) as r:
            sale = await r.engine.charge([line()])
            ref = sale.external_reference
            gateway = r.engine.gateway
            withdraw = gateway.withdraw

            async def pay_then_withdraw(*args: object, **kwargs: object) -> None:
                if r.offered(ref):
                    r.state.pay_box("approved")
                await withdraw(*args, **kwargs)

            gateway.withdraw = pay_then_withdraw
            ended = await r.engine.cancel(ref)
            assert ended.status is SaleStatus.PAID and not ended.late_payment
            assert "canceled" not in r.statuses(ref)

    run(scenario())


@pytest.mark.parametrize("mode", ["dynamic", "hybrid"])
def test_dynamic_qr_is_recorded_and_paid(mode: str) -> None:
    async def scenario() -> None:
        async with rig(api="orders", qr_mode=mode) as r:
            sale = await r.engine.charge([line()])
            assert sale.status is SaleStatus.PENDING
            assert sale.qr_data.startswith("000201010212") and sale.order_id in sale.qr_data
            box = r.state.find_box(r.state.seller_id, r.state.box_external_id)
            assert box is not None
            on_printed_qr = r.state.orders_api.box_current.get(box.id)
            assert on_printed_qr == (sale.order_id if mode == "hybrid" else None)
            r.state.pay_qr(sale.qr_data, "rejected")
            await r.sale_until(sale.external_reference, lambda s: s.last_attempt_rejected)
            r.state.pay_qr(sale.qr_data, "approved")
            final = await asyncio.wait_for(r.engine.wait_final(sale.external_reference), 5)
            assert final.status is SaleStatus.PAID and final.qr_data == sale.qr_data

    run(scenario())
