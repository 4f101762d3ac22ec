"""End to end over loopback sockets: the sandbox posts IPNs, the receiver hints the engine."""

from __future__ import annotations

import asyncio
import time

import pytest

from pos_app.domain.sale import SaleStatus
from pos_app.notifications.signature import sign
from pos_app.sandbox.testing import sample_order_body
from tests.notifications.harness import Till, run_till


def test_payment_seen_within_a_second_with_polling_at_30_s() -> None:
    async def scenario(till: Till) -> None:
        sale = await till.charge()
        searches_before = till.api_requests("/merchant_orders/search")
        start = time.monotonic()
        await till.pay()
        final = await till.rt.engine.wait_final(sale.external_reference, timeout=1.0)
        took = time.monotonic() - start
        assert final.status is SaleStatus.PAID, f"still {final.status} after {took:.2f} s"
        [paid] = till.paid_events(sale.external_reference)
        assert paid.cause == "notification"
        # Only the hint's reconcile searched: the poller (30 s) never ran.
        assert till.api_requests("/merchant_orders/search") - searches_before <= 2
        deliveries = [n["status"] for n in till.state.notifications]
        assert deliveries and all(status == 200 for status in deliveries)

    run_till(scenario)


def test_duplicates_and_out_of_order_deliveries_change_nothing_twice() -> None:
    async def scenario(till: Till) -> None:
        sale = await till.charge()
        ref = sale.external_reference
        mo_id = await till.scan()
        await till.settle()
        after_scan = till.history(ref)
        for _ in range(5):  # MP retries: the same "opened" notice again and again
            assert (await till.post(f"?topic=merchant_order&id={mo_id}")).status_code == 200
        await till.settle()
        assert till.history(ref) == after_scan

        rejected = await till.pay("rejected")
        approved = await till.pay("approved")
        await till.settle()
        assert till.sale(ref).status is SaleStatus.PAID
        paid_history = till.history(ref)
        # Late, repeated, and in the wrong order: the rejection after the approval, the scan
        # notice last, all of it twice over.
        late = [
            f"?topic=payment&id={approved['payment']['id']}",
            f"?topic=payment&id={rejected['payment']['id']}",
            f"?topic=merchant_order&id={mo_id}",
        ] * 2
        answers = await asyncio.gather(*(till.post(query) for query in reversed(late)))
        assert {a.status_code for a in answers} == {200}
        await till.settle()
        assert till.sale(ref).status is SaleStatus.PAID
        assert till.history(ref) == paid_history
        assert len(till.paid_events(ref)) == 1

    run_till(scenario)


def test_a_burst_of_identical_notifications_causes_one_fetch() -> None:
    async def scenario(till: Till) -> None:
        sale = await till.charge()
        mo_id = await till.scan()
        await till.settle()
        fetches = till.api_requests(f"/merchant_orders/{mo_id}")
        answers = await asyncio.gather(
            *(till.post(f"?topic=merchant_order&id={mo_id}") for _ in range(10))
        )
        assert [a.status_code for a in answers] == [200] * 10
        await till.settle()
        # One fetch when the burst lands within the settle delay (the dispatcher's own test
        # pins that down); a second at most if a slow machine spreads it over a fetch.
        assert 1 <= till.api_requests(f"/merchant_orders/{mo_id}") - fetches <= 2
        assert till.receiver.dispatcher.stats.coalesced >= 8
        assert till.sale(sale.external_reference).status is SaleStatus.PENDING

    run_till(scenario)


def test_forged_notifications_change_nothing() -> None:
    async def scenario(till: Till) -> None:
        # Another till's sale (another reference) on the same account, scanned and paid: a
        # real, closed, approved merchant order that is not ours.
        state = till.state
        put_path = (
            f"/instore/qr/seller/collectors/{state.seller_id}/stores/{state.store_external_id}"
            f"/pos/{state.box_external_id}/orders"
        )
        auth = {"Authorization": f"Bearer {state.seller_token}"}
        body = sample_order_body(state.now(), external_reference="OTHERTILL0001")
        assert (await till.control.put(put_path, json=body, headers=auth)).status_code == 204
        foreign = await till.pay()
        assert foreign["merchant_order"]["status"] == "closed"

        sale = await till.charge()
        ref = sale.external_reference
        await till.settle()
        before = till.history(ref)
        forged = [
            "?topic=merchant_order&id=999999999",  # no such order
            "?topic=payment&id=999999999",  # no such payment
            f"?topic=merchant_order&id={foreign['merchant_order']['id']}",  # paid, not ours
            f"?topic=payment&id={foreign['payment']['id']}",
            f"?data.id={foreign['payment']['id']}&type=payment",
            "?topic=chargebacks&id=123",  # a topic we do not use: acknowledged
        ]
        for query in forged:
            assert (await till.post(query)).status_code == 200, query
        # A body naming some other resource changes nothing either: the query is authoritative.
        lie = {"resource": "https://api.mercadolibre.com/merchant_orders/1", "topic": "payment"}
        assert (await till.post("?topic=merchant_order&id=424242", json=lie)).status_code == 200
        await till.settle()
        assert till.sale(ref).status is SaleStatus.PENDING
        assert till.history(ref) == before
        assert till.paid_events(ref) == []
        assert till.receiver.dispatcher.stats.failed >= 3  # the unknown ids: logged, no more

    run_till(scenario)


def test_signed_webhooks_with_the_secret_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MP_WEBHOOK_SECRET", "whsec-test")

    async def scenario(till: Till) -> None:
        till.state.ipn_enabled = False  # only our hand-made webhooks arrive
        sale = await till.charge()
        ref = sale.external_reference
        paid = await till.pay()
        await till.settle()
        payment_id = str(paid["payment"]["id"])
        body = {"type": "payment", "action": "payment.updated", "data": {"id": payment_id}}
        query = f"?data.id={payment_id}&type=payment"

        forged = {
            "x-signature": sign("not-the-secret", payment_id, "r-1", "1"),
            "x-request-id": "r-1",
        }
        assert (await till.post(query, json=body, headers=forged)).status_code == 401
        await till.settle()
        assert till.sale(ref).status is SaleStatus.PENDING  # refused: not even fetched

        signed = {"x-signature": sign("whsec-test", payment_id, "r-2", "1"), "x-request-id": "r-2"}
        assert (await till.post(query, json=body, headers=signed)).status_code == 200
        await till.settle()
        assert till.sale(ref).status is SaleStatus.PAID
        [event] = till.paid_events(ref)
        assert event.cause == "notification"

    run_till(scenario)


@pytest.mark.parametrize("secret", ["", "s3cret-for-orders"])
def test_signed_order_webhook_is_a_hint_that_fetches_the_order(secret: str) -> None:
    """The Orders API: the sandbox's signed ``order`` webhook reaches the receiver, which hands
    the engine a hint; the engine GETs the order and records the payment long before the
    30-second poll. A wrong signature is refused and changes nothing."""

    async def scenario(till: Till) -> None:
        await till.rt.reconfigure(till.rt.config.with_changes(api="orders"))
        till.receiver.set_secret(secret)
        hook = {"url": till.receiver.url, "secret": secret}
        (await till.control.post("/_sandbox/webhooks", json=hook)).raise_for_status()
        sale = await till.charge()
        assert sale.order_id.startswith("ORD")
        if secret:
            forged = await till.post(
                f"?data.id={sale.order_id}&type=order",
                json={"type": "order", "action": "order.processed", "data": {"id": sale.order_id}},
                headers={"x-signature": "ts=1,v1=00", "x-request-id": "r"},
            )
            assert forged.status_code == 401
        reads_before = till.api_requests(f"/v1/orders/{sale.order_id}")
        await till.pay()
        final = await till.rt.engine.wait_final(sale.external_reference, timeout=2.0)
        assert final.status is SaleStatus.PAID
        [paid] = till.paid_events(sale.external_reference)
        assert paid.cause == "notification"
        assert till.api_requests(f"/v1/orders/{sale.order_id}") > reads_before  # fetched
        assert [n["status"] for n in till.state.notifications] == [200]

    run_till(scenario)
