"""A sale paid both ways ("QR+cash"): the cashier took cash ("Customer pays cash") and the
customer, who had scanned, paid the QR after the sale ended. The close counts both amounts; until 2026-12-02 a refund could only give back the
cash (the sale's "paid" was its total in cash: $ 3.450,50 of the $ 6.901,00 that came in) and
the Mercado Pago payment could not be refunded from the till at all. Now each part goes back
the way it came, each up to what it took: the QR part through Mercado Pago (the sandbox over a
loopback socket, both APIs), the cash part as cash; a refund that does not say which way is
refused with the two amounts named, nothing sent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from pos_app.checkout.engine import CheckoutSettings
from pos_app.checkout.refunds import RefundNotAllowed, RefundService
from pos_app.domain.money import site_for
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.ledger.refunds import RefundStatus
from tests.checkout.harness import APIS, Rig, line, rig
from tests.thread_sandbox import ThreadSandbox, configured_fixture, sandbox_fixture  # noqa: F401
from tests.virtual_time import run_virtual

D = Decimal


async def paid_both_ways(r: Rig, api: str = "instore") -> SaleSnapshot:
    """The cashier took cash ("Customer pays cash": the QR charge canceled) and Mercado Pago
    then reports the QR paid too: the customer had scanned and paid after the sale ended. On
    the Orders API a canceled order cannot be paid: there the sale paid by QR is given the
    cash part as the engine leaves such a sale (tender cash, late payment)."""
    sale = await r.engine.charge([line()])  # $ 3.450,50
    ref = sale.external_reference
    if api == "instore":
        mo_id = r.state.scan_box()
        ended = await r.engine.cancel(ref, cash=True)
        assert (ended.status, ended.tender) == (SaleStatus.CANCELED, Tender.CASH)
        r.state.pay_merchant_order(mo_id, "approved")
        paid = await r.sale_until(
            ref,
            lambda s: s.status is SaleStatus.PAID,
            timeout=CheckoutSettings.after_cancel_interval + 5,
        )
    else:
        r.state.pay_box("approved")
        await r.sale_until(ref, lambda s: s.status is SaleStatus.PAID)
        paid = r.rt.ledger.update_sale(
            ref,
            {"tender": Tender.CASH, "late_payment": True},
            now=datetime.now(UTC),
            kind="checked",
            cause="test",
        )
    assert paid.status is SaleStatus.PAID and paid.tender is Tender.CASH and paid.late_payment
    return paid


def refunded_at_mp(r: Rig) -> Decimal:
    orders = sum(
        (p.refunded for o in r.state.orders_api.orders.values() for p in o.payments),
        D(0),
    )
    return orders + sum((p.amount_refunded for p in r.state.payments.values()), D(0))


def refund_posts(r: Rig) -> int:
    return len(
        [e for e in r.state.request_log if e.get("method") == "POST" and "refund" in e["path"]]
    )


@pytest.mark.parametrize("api", APIS)
def test_each_part_goes_back_the_way_it_came(api: str) -> None:
    async def scenario() -> None:
        async with rig(api=api) as r:
            sale = await paid_both_ways(r, api)
            ref = sale.external_reference
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            assert service.tenders(sale) == (Tender.QR, Tender.CASH)
            assert service.paid_amount(sale) == D("6901.00")  # was 3450.50 (the cash alone)
            assert service.refundable(sale, Tender.QR) == D("3450.50")
            assert service.refundable(sale, Tender.CASH) == D("3450.50")

            with pytest.raises(RefundNotAllowed, match="paid twice") as refused:
                await service.refund(ref)
            assert "$ 3.450,50" in str(refused.value.msg)
            assert refund_posts(r) == 0 and service.store.for_sale(ref) == []

            qr = await service.refund(ref, tender=Tender.QR)  # the whole QR part
            assert qr.ok and [row.tender for row in qr.refunds] == [Tender.QR]
            assert qr.refunds[0].amount == D("3450.50") and refunded_at_mp(r) == D("3450.50")
            with pytest.raises(RefundNotAllowed, match="left to give back in cash"):
                await service.refund(ref, D(1), tender=Tender.QR)  # MP has nothing more

            posts = refund_posts(r)
            cash = await service.refund(ref, D(1000), tender=Tender.CASH)
            assert cash.ok and cash.refunds[0].tender is Tender.CASH
            with pytest.raises(RefundNotAllowed, match="more than what is left"):
                await service.refund(ref, D("2450.51"), tender=Tender.CASH)
            rest = await service.refund(ref, tender=Tender.CASH)
            assert rest.refunds[0].amount == D("2450.50")
            assert refund_posts(r) == posts  # cash sends nothing
            assert rest.refunded_amount == D("6901.00") and rest.refundable == 0
            with pytest.raises(RefundNotAllowed, match="already been refunded"):
                await service.refund(ref, tender=Tender.CASH)

            # The close: both came in, each went back its own way.
            report = r.rt.ledger.day.preview(
                site_for("MLA"), now=datetime.now(UTC) + timedelta(hours=1)
            )
            assert report.totals == {"mercadopago_qr": D("3450.50"), "cash": D("3450.50")}
            assert report.refunds == {"mercadopago_qr": D("3450.50"), "cash": D("3450.50")}
            assert report.net == 0 and report.expected_cash == 0

    run_virtual(scenario())


def test_a_sale_paid_one_way_is_refunded_only_that_way() -> None:
    async def scenario() -> None:
        async with rig() as r:
            service = RefundService(r.rt.ledger, lambda: r.rt.client)
            sale = await r.engine.charge([line()])
            r.state.pay_box("approved")
            paid = await r.sale_until(sale.external_reference, lambda s: s.status.is_terminal)
            assert service.tenders(paid) == (Tender.QR,)
            with pytest.raises(RefundNotAllowed, match="not in cash"):
                await service.refund(paid.external_reference, tender=Tender.CASH)
            cash_sale = await r.engine.charge([line()])
            await r.engine.cancel(cash_sale.external_reference, cash=True)
            cash = await r.sale_until(cash_sale.external_reference, lambda s: s.status.is_terminal)
            assert cash.status is SaleStatus.CANCELED and service.tenders(cash) == (Tender.CASH,)
            with pytest.raises(RefundNotAllowed, match="given back in cash"):
                await service.refund(cash.external_reference, tender=Tender.QR)
            assert refund_posts(r) == 0 and r.rt.ledger.get_sale(cash.external_reference)
            done = await service.refund(cash.external_reference)  # its one way: no need to say
            assert done.ok and done.refunds[0].tender is Tender.CASH

    run_virtual(scenario())


def test_the_ledger_holds_each_part_to_what_it_took() -> None:
    """The writing transaction's own check, whatever the caller asked for: a cash row past the
    cash part is refused though the sale as a whole has room."""
    from pos_app.ledger.refunds import RefundExceedsError, RefundStore

    async def scenario() -> None:
        async with rig() as r:
            sale = await paid_both_ways(r)
            store = RefundStore(r.rt.ledger)
            now = datetime.now(UTC)
            with pytest.raises(RefundExceedsError):
                store.add(
                    sale.external_reference,
                    key="k1",
                    amount=D("3450.51"),
                    tender=Tender.CASH,
                    payment_id=None,
                    now=now,
                    limit=D("6901.00"),
                    status=RefundStatus.REFUNDED,
                    tender_limit=D("3450.50"),
                )
            assert store.for_sale(sale.external_reference) == []

    run_virtual(scenario())


def test_the_command_line_says_which_way(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    """``pos-app refund REF --via cash|mercadopago``; without it, exit 2 naming both parts."""
    from pos_app.cli import main
    from pos_app.ledger.store import Ledger
    from pos_app.settings import paths
    from tests.checkout.test_cli import cli_json
    from tests.checkout.test_refund_cli import paid_ref

    ref = paid_ref(capsys, configured)  # $ 3.450,50 paid with Mercado Pago
    ledger = Ledger(paths.ledger_path())
    try:  # and in cash: as the engine leaves a cash sale Mercado Pago reports paid after it
        ledger.update_sale(
            ref,
            {"tender": Tender.CASH, "late_payment": True},
            now=datetime.now(UTC),
            kind="checked",
            cause="test",
        )
    finally:
        ledger.close()
    assert main(["refund", ref]) == 2
    assert "paid twice" in capsys.readouterr().err
    with pytest.raises(SystemExit) as bad:
        main(["refund", ref, "--via", "paypal"])
    assert bad.value.code == 2
    capsys.readouterr()
    code, sale = cli_json(capsys, "refund", ref, "--via", "mercadopago", "--json")
    assert code == 0 and sale["refunded_amount"] == "3450.50"
    assert sum((p.amount_refunded for p in configured.state.payments.values()), D(0)) == D(
        "3450.50"
    )
    assert main(["refund", ref, "--via", "cash", "--amount", "1000"]) == 0
    assert "refunded $ 1.000,00 (cash)" in capsys.readouterr().err
    code, sale = cli_json(capsys, "status", ref, "--json")
    assert sale["refunded_amount"] == "4450.50"
