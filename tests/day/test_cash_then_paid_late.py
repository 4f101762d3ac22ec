"""A sale taken in cash ("Customer pays cash") that Mercado Pago reports paid by QR *after it
ended* (the customer had scanned too): both payments are facts. The cash counts in the close
that counted it (when the sale ended in cash), the QR payment when it landed, and the cash
handed back is a recorded cash refund of the sale's cash part.

Until 2026-12-02 the late payment turned the sale's tender into QR: the cash part vanished
(nothing to refund in cash, the bar said "give it back" by hand), the drawer of the next close
came out short by it, and the first period, read again, no longer held the cash it counted.

On virtual time: the engine's 15-second watch of a canceled sale, the real order lifetime."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from pos_app.checkout.engine import CheckoutSettings
from pos_app.checkout.refunds import RefundService
from pos_app.cli import main
from pos_app.domain.day import compute_close
from pos_app.domain.money import SITES, site_for
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus, Tender
from tests.checkout.harness import Rig, line, quick_cancel_recheck, rig
from tests.checkout.test_cli import cli_json
from tests.thread_sandbox import ThreadSandbox
from tests.virtual_time import current, run_virtual

D = Decimal
MLA = site_for("MLA")
TOTAL = D("3450.50")
FLOAT = D("1000.00")
REAL = CheckoutSettings(None, "", "", SITES["MLA"], "")


def now() -> datetime:
    return current().wall()


async def cash_sale_scanned(r: Rig) -> tuple[str, int]:
    """A shift opened, a sale charged, the customer scans, the cashier takes cash."""
    r.rt.ledger.day.open_shift("Ana", FLOAT, now=now())
    await asyncio.sleep(1)
    sale = await r.engine.charge([line()])  # $ 3.450,50
    mo_id = r.state.scan_box()
    ended = await r.engine.cancel(cash=True)
    assert (ended.status, ended.tender) == (SaleStatus.CANCELED, Tender.CASH)
    return sale.external_reference, mo_id


async def paid_late(r: Rig, ref: str, mo_id: int) -> SaleSnapshot:
    r.state.pay_merchant_order(mo_id, "approved")
    return await r.sale_until(
        ref, lambda s: s.status is SaleStatus.PAID, timeout=REAL.after_cancel_interval + 5
    )


def test_a_close_in_between_counts_each_payment_at_its_own_time() -> None:
    async def scenario() -> None:
        async with rig(cancel_recheck_delay=REAL.cancel_recheck_delay) as r:
            day = r.rt.ledger.day
            ref, mo_id = await cash_sale_scanned(r)
            await asyncio.sleep(5)
            first = day.close(MLA, now=now(), counted_cash=FLOAT + TOTAL)
            assert first.totals == {"mercadopago_qr": 0, "cash": TOTAL}
            assert first.difference == 0 and first.sales_count == 1

            late = await paid_late(r, ref, mo_id)
            # Both payments are the sale's: the cash part stays, to be given back as cash.
            assert late.late_payment and late.tender is Tender.CASH
            service = RefundService(r.rt.ledger, lambda: r.rt.client, clock=now)
            assert service.tenders(late) == (Tender.QR, Tender.CASH)
            assert service.refundable(late, Tender.CASH) == TOTAL
            assert service.refundable(late, Tender.QR) == TOTAL

            # The next day: the drawer starts with what the first close counted; the cash is
            # handed back, recorded.
            await asyncio.sleep(60)
            day.open_shift("Bea", FLOAT + TOTAL, now=now())
            await asyncio.sleep(1)
            back = await service.refund(ref, tender=Tender.CASH)
            assert back.ok and back.refunds[0].amount == TOTAL
            await asyncio.sleep(1)
            second = day.close(MLA, now=now(), counted_cash=FLOAT)
            assert second.totals == {"mercadopago_qr": TOTAL, "cash": 0}
            assert second.refunds == {"mercadopago_qr": 0, "cash": TOTAL}
            assert second.expected_cash == FLOAT and second.difference == 0
            assert second.late_payments == (ref,)
            assert second.iva == {} and second.sales_count == 0  # the sale was the first's

            # The first close is as it was frozen, and reading its period again says the same.
            assert day.closes()[0] == first
            facts = day.sale_facts(first.opened_at)
            again = compute_close(
                number=1,
                site=MLA,
                opened_at=first.opened_at,
                closed_at=first.closed_at,
                sales=facts,
                shifts=day.shifts(first.opened_at),
                counted_cash=FLOAT + TOTAL,
            )
            assert (again.totals, again.expected_cash) == (first.totals, first.expected_cash)
            # What really happened, across both closes: each payment once, the cash back once.
            closes = day.closes()
            assert sum(c.totals["cash"] for c in closes) == TOTAL
            assert sum(c.totals["mercadopago_qr"] for c in closes) == TOTAL
            assert sum(c.refunds["cash"] for c in closes) == TOTAL
            assert sum(c.net for c in closes) == TOTAL

    run_virtual(scenario())


def test_without_a_close_in_between_both_count_once_and_the_cash_goes_back() -> None:
    async def scenario() -> None:
        async with rig(cancel_recheck_delay=REAL.cancel_recheck_delay) as r:
            ref, mo_id = await cash_sale_scanned(r)
            await asyncio.sleep(5)
            late = await paid_late(r, ref, mo_id)
            assert late.tender is Tender.CASH and late.late_payment
            service = RefundService(r.rt.ledger, lambda: r.rt.client, clock=now)
            before = r.rt.ledger.day.preview(MLA, now=now())
            assert before.totals == {"mercadopago_qr": TOTAL, "cash": TOTAL}
            assert before.sales_count == 1 and before.expected_cash == FLOAT + TOTAL
            await service.refund(ref, tender=Tender.CASH)
            await asyncio.sleep(1)
            report = r.rt.ledger.day.close(MLA, now=now(), counted_cash=FLOAT)
            assert report.totals == {"mercadopago_qr": TOTAL, "cash": TOTAL}
            assert report.refunds == {"mercadopago_qr": 0, "cash": TOTAL}
            assert report.net == TOTAL and report.difference == 0
            assert report.late_payments == (ref,) and report.sales_count == 1

    run_virtual(scenario())


def test_the_periods_read_apart_each_count_their_own_payment() -> None:
    """The close's arithmetic: a sale whose cash ended it in one period and whose QR payment
    landed in the next counts its cash (and IVA, and itself) in the first, its QR in the
    second; a period holding both counts both, the sale once."""
    from pos_app.domain.day import SaleFact

    t0 = datetime(2026, 12, 1, 12, tzinfo=UTC)
    cash_at, paid_at = t0 + timedelta(hours=1), t0 + timedelta(hours=20)
    fact = SaleFact(
        "CAJA01-1",
        SaleStatus.PAID,
        Tender.CASH,
        TOTAL,
        TOTAL,
        paid_at,
        late_payment=True,
        cash_at=cash_at,
    )
    split = t0 + timedelta(hours=10)

    def report(start: datetime, end: datetime):  # type: ignore[no-untyped-def]
        return compute_close(number=1, site=MLA, opened_at=start, closed_at=end, sales=[fact])

    first, second = report(t0, split), report(split, t0 + timedelta(days=1))
    assert (first.totals["cash"], first.totals["mercadopago_qr"]) == (TOTAL, 0)
    assert first.sales_count == 1 and first.late_payments == ()
    assert (second.totals["cash"], second.totals["mercadopago_qr"]) == (0, TOTAL)
    assert second.sales_count == 0 and second.late_payments == ("CAJA01-1",)
    assert second.canceled_count == 0
    both = report(t0, t0 + timedelta(days=1))
    assert both.totals == {"mercadopago_qr": TOTAL, "cash": TOTAL} and both.sales_count == 1


def test_the_command_line_counts_both_and_gives_the_cash_back(
    configured: ThreadSandbox, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``cancel --cash``, ``close``, the payment lands, ``status`` finds it and says the cash
    is to be given back and how; ``refund --via cash``; the next ``close`` adds up."""
    quick_cancel_recheck(monkeypatch)
    assert main(["shift", "open", "--cashier", "Ana", "--float", "1000"]) == 0
    capsys.readouterr()
    code, sale = cli_json(capsys, "charge", "--item", "Yerba:2:1725.25", "--json")
    ref = str(sale["external_reference"])
    mo_id = configured.state.scan_box()
    assert main(["cancel", ref, "--cash"]) == 0
    capsys.readouterr()
    code, first = cli_json(capsys, "close", "--counted-cash", "4450.50", "--json")
    assert code == 0 and first["totals"]["cash"] == "3450.50" and first["difference"] == "0.00"

    configured.state.pay_merchant_order(mo_id, "approved")
    assert main(["status", ref]) == 0
    out = capsys.readouterr().out
    assert "PAID AFTER BEING CLOSED HERE" in out
    assert (
        f"also taken in cash $ 3.450,50: give it back with 'pos-app refund {ref} --via cash'" in out
    )
    assert main(["refund", ref]) == 2  # which part? both are named
    assert "paid twice" in capsys.readouterr().err
    assert main(["shift", "open", "--cashier", "Bea", "--float", "4450.50"]) == 0
    capsys.readouterr()
    assert main(["refund", ref, "--via", "cash"]) == 0
    assert "refunded $ 3.450,50 (cash)" in capsys.readouterr().err
    assert main(["status", ref]) == 0
    assert "also taken in cash" not in capsys.readouterr().out
    code, second = cli_json(capsys, "close", "--counted-cash", "1000", "--json")
    assert second["totals"] == {"mercadopago_qr": "3450.50", "cash": "0.00"}
    assert second["refunds_per_tender"] == {"mercadopago_qr": "0.00", "cash": "3450.50"}
    assert second["expected_cash"] == "1000.00" and second["difference"] == "0.00"
    assert second["late_payments"] == [ref]
