"""A flaky network and a throttling API, at 30 %, while the order is created, polled, canceled.

Each case runs the same four sales through the fault (paid; rejected then paid; canceled;
canceled while the customer was paying, which must end paid), then turns the faults off, lets
tracking settle every sale by itself and checks the ledger against the sandbox's own truth.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from pos_app.checkout.errors import CancelNotConfirmedError
from pos_app.domain.sale import SaleStatus
from tests.faults.invariants import check
from tests.faults.rig import WAIT, FaultRig, answer_lost, fault_rig, line
from tests.virtual_time import run_virtual

KINDS = ["500", "429", "timeout", "drop", "drop_after"]
PHASES = ["create", "poll", "cancel"]
# The Orders API: faults on every call (create, read, cancel), or on reads and cancels only
# (its paths do not tell a read from a cancel by prefix).
API_PHASES = [("instore", p) for p in PHASES] + [("orders", "all"), ("orders", "poll")]


def prefix(f: FaultRig, phase: str) -> str:
    if f.api == "orders":
        return {"all": "/v1/orders", "poll": "/v1/orders/"}[phase]
    collector = f"/instore/qr/seller/collectors/{f.state.seller_id}"
    return {
        "create": f"{collector}/stores/",  # the PUT of the order on the box
        "poll": "/merchant_orders",  # search by reference, fetch by id
        "cancel": f"{collector}/pos/",  # DELETE of the box order (and reading it back)
    }[phase]


def seed_failing_first(start: int, rate: float = 0.3) -> int:
    """A seed whose first draw fails: with only a handful of requests in a phase, a fixed seed
    could otherwise never fire at all and the case would prove nothing."""
    seed = start
    while random.Random(seed).random() >= rate:
        seed += 1
    return seed


def pay_right_after_the_delete(f: FaultRig, merchant_order_id: int) -> None:
    """The customer, already in the payment screen, pays just after the cashier's delete
    reached Mercado Pago: deterministic, unlike a race against a sleep."""
    client = f.engine.client
    original = client.delete_box_order
    paid: list[int] = []

    async def delete_then_pay(*args: Any, **kwargs: Any) -> None:
        await original(*args, **kwargs)
        if not paid:
            paid.append(f.state.pay_merchant_order(merchant_order_id, "approved"))

    client.delete_box_order = delete_then_pay


def pay_right_before_the_cancel(f: FaultRig) -> None:
    """The Orders API: a canceled order cannot be paid, so the race is a payment that lands
    just before the cashier's cancel does (which Mercado Pago then refuses)."""
    client = f.engine.client
    original = client.cancel_qr_order
    paid: list[str] = []

    async def pay_then_cancel(*args: Any, **kwargs: Any) -> Any:
        if not paid:
            paid.append(str(f.state.pay_box("approved")))
        return await original(*args, **kwargs)

    client.cancel_qr_order = pay_then_cancel


def pay_during_the_cancel(f: FaultRig) -> None:
    if f.api == "orders":
        pay_right_before_the_cancel(f)
    else:
        pay_right_after_the_delete(f, f.state.scan_box())


async def four_sales(f: FaultRig) -> list[str]:
    refs = []
    # 1. The customer pays.
    sale = await f.engine.charge([line()])
    refs.append(sale.external_reference)
    await f.until_on_box(sale.external_reference)
    f.state.pay_box("approved")
    assert (await f.final(sale.external_reference)).status is SaleStatus.PAID
    # 2. A card is rejected, the customer tries again on the same order.
    sale = await f.engine.charge([line("Fideos", "850", 3)])
    refs.append(sale.external_reference)
    await f.until_on_box(sale.external_reference)
    f.state.pay_box("rejected")
    f.state.pay_box("approved")
    assert (await f.final(sale.external_reference)).status is SaleStatus.PAID
    # 3. The cashier cancels; nobody paid.
    sale = await f.engine.charge([line("Azucar", "990", 1)])
    refs.append(sale.external_reference)
    await f.until_on_box(sale.external_reference)
    assert (await f.cancel(sale.external_reference)).status is SaleStatus.CANCELED
    # 4. The cashier cancels while the customer is paying: the payment wins.
    sale = await f.engine.charge([line("Cafe", "2100", 1)])
    refs.append(sale.external_reference)
    await f.until_on_box(sale.external_reference)
    pay_during_the_cancel(f)
    assert (await f.cancel(sale.external_reference)).status is SaleStatus.PAID
    return refs


@pytest.mark.parametrize(("api", "phase"), API_PHASES)
@pytest.mark.parametrize("kind", KINDS)
def test_faults_at_30_percent(kind: str, api: str, phase: str) -> None:
    async def scenario() -> None:
        async with fault_rig(cancel_recheck_delay=0.3, api=api) as f:
            f.faults(
                error_rate=0.3,
                kinds=[kind],
                path_prefix=prefix(f, phase),
                seed=seed_failing_first(
                    100 * KINDS.index(kind) + 10 * API_PHASES.index((api, phase))
                ),
                # Retry-After: 1 costs a second a time: once per phase where it is checked.
                retry_after=1 if phase == "create" else 0,
            )
            refs = await four_sales(f)
            injected = f.state.faults.injected
            await f.settled()
            report = check(f.r.rt.ledger, f.state, events=f.r.events)
            assert [report.status(ref) for ref in refs] == [
                SaleStatus.PAID,
                SaleStatus.PAID,
                SaleStatus.CANCELED,
                SaleStatus.PAID,
            ]
            assert injected > 0, "the fault never fired: the case proves nothing"
            if kind == "429" and phase == "create":
                assert 1.0 in f.slept, "Retry-After: 1 was not honoured"

    run_virtual(scenario())


def test_cancel_that_cannot_be_confirmed_is_never_called_canceled() -> None:
    """The box is cleared but Mercado Pago cannot be asked whether a payment slipped through
    (every search fails) while the customer pays a merchant order scanned before: the cashier
    is told the cancel is not confirmed, and the sale ends paid, never canceled."""

    async def scenario() -> None:
        async with fault_rig() as f:
            sale = await f.engine.charge([line()])
            ref = sale.external_reference
            await f.until_on_box(ref)
            pay_right_after_the_delete(f, f.state.scan_box())
            f.faults(error_rate=1.0, kinds=["500"], path_prefix="/merchant_orders")
            with pytest.raises(CancelNotConfirmedError) as told:
                await f.engine.cancel(ref)
            assert told.value.sale.is_open and f.on_box() is None
            assert "Mercado Pago" in str(told.value.msg)
            still = f.r.rt.ledger.get_sale(ref)
            assert still is not None and still.status is SaleStatus.PENDING
            assert SaleStatus.CANCELED not in [s for s in map(SaleStatus, f.r.statuses(ref))]
            f.no_faults()
            assert (await f.final(ref)).status is SaleStatus.PAID
            check(f.r.rt.ledger, f.state, events=f.r.events)

    run_virtual(scenario())


@pytest.mark.parametrize("customer_scanned_first", [False, True])
def test_order_that_landed_but_whose_answer_was_lost(customer_scanned_first: bool) -> None:
    """Every PUT reaches Mercado Pago but its answer is lost (the retries land too): the sale
    must settle on the one order, paid once; a customer who scanned the first copy pays it."""
    lose, lost = answer_lost("PUT", "/instore/", times=3)

    async def scenario() -> None:
        async with fault_rig(middleware=lose) as f:
            sale = await f.engine.charge([line()])
            ref = sale.external_reference
            assert sale.status is SaleStatus.CREATING and sale.trouble == "network"
            assert len(lost) == 3 and f.on_box() == ref  # it did land, three times
            if customer_scanned_first:
                f.state.pay_merchant_order(f.state.scan_box(), "approved")
            else:
                pending = await f.r.sale_until(ref, lambda s: s.status is SaleStatus.PENDING, WAIT)
                assert pending.trouble == ""
                f.state.pay_box("approved")
            assert (await f.final(ref)).status is SaleStatus.PAID
            report = check(f.r.rt.ledger, f.state, events=f.r.events)
            assert report.puts[ref] == 3  # tracking saw it on the box: never sent again
            assert len(report.paid_orders[ref]) == 1

    run_virtual(scenario())


def test_a_paid_order_sent_again_is_taken_off_the_box() -> None:
    """Worst case of a lost answer: the customer pays at once, and Mercado Pago's search lags
    longer than the engine waits before re-sending, so the paid sale is offered on the box
    again. Once the payment shows, the engine must take that copy off the box."""
    lose, lost = answer_lost("PUT", "/instore/", times=3)

    async def scenario() -> None:
        async with fault_rig(middleware=lose) as f:
            f.state.search_lag_seconds = 3.0  # well over the rig's search_lag_allowance
            sale = await f.engine.charge([line()])
            ref = sale.external_reference
            assert sale.status is SaleStatus.CREATING and len(lost) == 3
            f.state.pay_box("approved")  # before the engine looks again
            assert (await f.final(ref)).status is SaleStatus.PAID
            await f.r.until(lambda: f.on_box() is None, WAIT)  # right after recording it
            report = check(f.r.rt.ledger, f.state, events=f.r.events)
            assert report.puts[ref] == 4
            assert len(report.paid_orders[ref]) == 1

    run_virtual(scenario())


@pytest.mark.parametrize("api", ["instore", "orders"])
def test_everything_flaky_at_once(api: str) -> None:
    """Every kind of fault on every route at once, several sales in a row."""

    async def scenario() -> None:
        async with fault_rig(api=api) as f:
            f.faults(error_rate=0.3, kinds=KINDS, seed=seed_failing_first(7), retry_after=1)
            refs = await four_sales(f)
            await f.settled()
            report = check(f.r.rt.ledger, f.state, events=f.r.events)
            assert [report.status(ref) for ref in refs] == [
                SaleStatus.PAID,
                SaleStatus.PAID,
                SaleStatus.CANCELED,
                SaleStatus.PAID,
            ]

    run_virtual(scenario())


def test_orders_api_create_whose_answer_was_lost_makes_one_order() -> None:
    """Every create reaches Mercado Pago and every answer is lost (the client's retries too):
    the key stored with the sale makes every attempt the same order; the sale settles on it."""
    lose, lost = answer_lost("POST", "/v1/orders", times=3)

    async def scenario() -> None:
        async with fault_rig(middleware=lose, api="orders") as f:
            sale = await f.engine.charge([line()])
            ref = sale.external_reference
            assert sale.status is SaleStatus.CREATING and sale.trouble == "network"
            assert len(lost) == 3 and len(f.state.orders_api.orders) == 1
            keys = {e["idempotency_key"] for e in f.state.request_log if e["path"] == "/v1/orders"}
            assert keys == {sale.create_key}
            pending = await f.r.sale_until(ref, lambda s: s.status is SaleStatus.PENDING, WAIT)
            assert pending.order_id == next(iter(f.state.orders_api.orders))
            f.state.pay_box("approved")
            assert (await f.final(ref)).status is SaleStatus.PAID
            report = check(f.r.rt.ledger, f.state, events=f.r.events)
            assert report.api_orders[ref] == 1

    run_virtual(scenario())
