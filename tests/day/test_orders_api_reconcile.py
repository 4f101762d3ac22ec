"""The day's check against Mercado Pago for a box on the Orders API.

An Orders API sale keeps its order's payments (``PAY…``), never a payment id of the kind the
payments search lists, and the reconciliation matched payments by that id only. So every paid
Orders API sale was "not at Mercado Pago" (the close's check failed every day, exit 3); and if
Mercado Pago lists the order's payment, it was also "missing from the books", and *Record as a
sale* recorded it again as ``MP-<id>``: the same money counted twice.

Now a paid Orders API sale is matched by its reference among the listed payments; one no
payment names is confirmed by reading its order (``GET /v1/orders/{id}``), which the sandbox
answers as Mercado Pago does. The sandbox's payments search does not list Orders API payments
(the API notes do not say that it does), so both shapes are tested.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from pos_app.checkout.day import adopt
from pos_app.cli import main
from pos_app.domain.reconciliation import MpPayment, reconcile_day
from pos_app.domain.sale import SaleStatus
from pos_app.mercadopago.credentials import AccessToken
from pos_app.runtime import open_runtime
from pos_app.sandbox import orders_api
from pos_app.sandbox.payments_search import foreign_payment
from pos_app.settings import config as config_mod
from tests.checkout.test_cli import cli_json
from tests.thread_sandbox import ThreadSandbox, configured_fixture, sandbox_fixture  # noqa: F401


def _paid_orders_sale(configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]) -> Any:
    assert cli_json(capsys, "configure", "--api", "orders", "--json")[0] == 0
    code, sale = cli_json(capsys, "charge", "--item", "Yerba:1:1500", "--json")
    assert code == 0 and sale["api"] == "orders"
    order = configured.state.orders_api.orders[sale["order_id"]]
    orders_api.pay(configured.state, order)
    code, status = cli_json(capsys, "status", sale["external_reference"], "--json")
    assert status["status"] == "paid"
    return sale


def _order_reads(configured: ThreadSandbox, order_id: str) -> int:
    return sum(
        1
        for r in configured.state.request_log
        if r.get("method") == "GET" and str(r.get("path", "")).endswith(f"/v1/orders/{order_id}")
    )


def test_a_paid_orders_api_sale_is_confirmed_by_its_order(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    sale = _paid_orders_sale(configured, capsys)
    reads = _order_reads(configured, sale["order_id"])
    code, result = cli_json(capsys, "reconcile", "--json")
    assert code == 0, result
    assert result["all_match"] and result["not_at_mercadopago"] == []
    assert result["missing_in_ledger"] == [] and result["amount_differences"] == []
    assert _order_reads(configured, sale["order_id"]) == reads + 1  # read once, for the check
    assert result["orders_confirmed"] == 1
    assert main(["reconcile"]) == 0
    said = capsys.readouterr().out
    assert "0 payments at Mercado Pago, 0 in the ledger; 1 Orders API sale(s) confirmed" in said
    # Its receipt names the order (it has no payment id of the instore kind): it named neither.
    assert main(["receipt", sale["external_reference"]]) == 0
    assert f"Order {sale['order_id']}" in capsys.readouterr().out


def test_an_orders_api_payment_listed_by_mercado_pago_is_its_sale_s_not_a_new_one(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    sale = _paid_orders_sale(configured, capsys)
    ref = sale["external_reference"]
    box = configured.state.box_or_404("CAJA01")
    foreign_payment(configured.state, box, Decimal("1500"), external_reference=ref)
    reads = _order_reads(configured, sale["order_id"])
    code, result = cli_json(capsys, "reconcile", "--adopt", "--json")
    assert code == 0, result
    assert result["matched"] == 1 and result["missing_in_ledger"] == []
    assert result["not_at_mercadopago"] == []
    assert _order_reads(configured, sale["order_id"]) == reads  # the list said it: no read
    assert result["orders_confirmed"] == 0
    code, sales = cli_json(capsys, "sales", "--json")
    assert code == 0 and [s["external_reference"] for s in sales] == [ref]  # nothing recorded twice
    code, report = cli_json(capsys, "shift", "report", "--json")
    assert report["totals"]["mercadopago_qr"] == "1500.00"


def test_an_orders_api_sale_mercado_pago_has_no_order_for_is_reported(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    sale = _paid_orders_sale(configured, capsys)
    del configured.state.orders_api.orders[sale["order_id"]]  # another account, a lost order
    code, result = cli_json(capsys, "reconcile", "--json")
    assert code == 3
    assert [s["external_reference"] for s in result["not_at_mercadopago"]] == [
        sale["external_reference"]
    ]


def test_an_orders_api_order_paid_short_is_an_amount_difference(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    sale = _paid_orders_sale(configured, capsys)
    order = configured.state.orders_api.orders[sale["order_id"]]
    order.payments[0].amount = Decimal("1400.00")  # what Mercado Pago says it received
    code, result = cli_json(capsys, "reconcile", "--json")
    assert code == 3
    (difference,) = result["amount_differences"]
    assert difference["external_reference"] == sale["external_reference"]
    assert Decimal(difference["ledger"]) == 1500
    assert Decimal(difference["mercadopago"]) == 1400


def test_recording_a_listed_payment_of_an_orders_api_sale_reconciles_that_sale(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    """A check made while the sale still looked unpaid here (the close's window open before
    the customer paid) lists the payment as missing, naming the sale. *Record as a sale* then
    finds the sale paid through its order: the payment is that sale's, not a new one."""
    state = configured.state
    assert cli_json(capsys, "configure", "--api", "orders", "--json")[0] == 0
    code, sale = cli_json(capsys, "charge", "--item", "Yerba:1:1500", "--json")
    assert code == 0
    ref = sale["external_reference"]
    config = config_mod.load().config

    async def scenario() -> str:
        async with open_runtime(
            config=config,
            token=AccessToken(state.seller_token),
            base_url=configured.base_url,
            enable_receiver=False,
        ) as rt:
            waiting = rt.ledger.get_sale(ref)
            assert waiting is not None and waiting.status is SaleStatus.PENDING
            orders_api.pay(state, state.orders_api.orders[sale["order_id"]])
            now = datetime.now().astimezone()
            payment = MpPayment(9_000_001, "approved", ref, Decimal("1500"), now)
            result = reconcile_day(
                begin=now - timedelta(hours=1),
                end=now + timedelta(hours=1),
                payments=[payment],
                sales=[waiting],
            )
            assert [p.id for p in result.missing_in_ledger] == [payment.id]
            assert result.known_references == {payment.id: ref}
            recorded = await adopt(rt.engine, result, payment)
            await rt.engine.aclose()
            return recorded

    assert asyncio.run(scenario()) == ref
    code, sales = cli_json(capsys, "sales", "--json")
    assert code == 0
    assert [(s["external_reference"], s["status"]) for s in sales] == [(ref, "paid")]
    assert main(["status", "MP-9000001"]) != 0  # never recorded as a sale of its own


def test_a_failed_order_read_stops_the_others_and_leaves_none_running() -> None:
    """A read that fails (the network) fails the check, which is redone as a whole: the reads
    still waiting are dropped at once, none left running behind the error (asyncio's gather
    alone left them running, their errors never read)."""
    from pos_app.checkout.day import ORDER_READS_AT_ONCE, orders_paid
    from pos_app.mercadopago import errors as mp
    from tests.receipts.test_discounts import discounted_sale

    started: list[str] = []
    finished: list[str] = []

    class Client:
        async def get_qr_order(self, order_id: str) -> Any:
            started.append(order_id)
            if order_id == "ORD2":
                raise mp.transport_error("connection refused", timeout=False)
            await asyncio.sleep(0.05)
            finished.append(order_id)
            raise AssertionError("never reached: the failure comes first")

    sales = [
        replace(discounted_sale(), external_reference=f"R{n}", order_id=f"ORD{n}", api="orders")
        for n in range(20)
    ]

    async def scenario() -> None:
        with pytest.raises(mp.TransportError):
            await orders_paid(Client(), sales)  # type: ignore[arg-type]
        # The first six, and the one let in as the failed read left: the rest were never asked.
        assert len(started) <= ORDER_READS_AT_ONCE + 1
        await asyncio.sleep(0.1)
        assert finished == []  # nothing went on behind the error
        assert [t for t in asyncio.all_tasks() if t is not asyncio.current_task()] == []

    asyncio.run(scenario())
