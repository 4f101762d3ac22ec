"""The sales history's summary says what was given back of the listed sales, per tender, and
the net: it showed only what they took, more money than the day's close (which takes refunds
off). For a whole day whose refunds were given that day, its net is the close's net.
(Screenshots in es and pt_BR: tests/i18n/test_sales_history_given_back_small.py.)"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.domain.day import RefundFact, SaleFact, compute_close
from pos_app.domain.money import format_money_unbroken, site_for
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.domain.sale_rows import sale_row
from pos_app.ui.counter.sales_view import TodaySalesDialog
from tests.receipts.test_discounts import discounted_sale

pytestmark = pytest.mark.gui

SITE = site_for("MLA")
PAID, CANCELED, CASH, QR = SaleStatus.PAID, SaleStatus.CANCELED, Tender.CASH, Tender.QR


def _day() -> tuple[list[SaleSnapshot], list[RefundFact]]:
    """Today's sales (9,100.00 each): QR paid, refunded 100.00 by QR; cash, refunded 250.00 in
    cash; paid both ways (cash, then a late QR payment), 9,100.00 back by QR and 10.00 in cash;
    a plain QR sale and a canceled one."""
    now = datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
    base = discounted_sale()
    kinds: list[dict[str, Any]] = [
        dict(status=PAID, tender=QR),
        dict(status=CANCELED, tender=CASH),
        dict(status=PAID, tender=CASH, late_payment=True),
        dict(status=PAID, tender=QR),
        dict(status=CANCELED, tender=QR),
    ]
    sales = [
        replace(base, external_reference=f"S{n}", created_at=now - timedelta(minutes=n), **kind)
        for n, kind in enumerate(kinds)
    ]
    at = now + timedelta(minutes=5)
    refunds = [
        RefundFact(Decimal("100.00"), at, QR, "S0"),
        RefundFact(Decimal("250.00"), at, CASH, "S1"),
        RefundFact(Decimal("9100.00"), at, QR, "S2"),
        RefundFact(Decimal("10.00"), at, CASH, "S2"),
    ]
    return sales, refunds


def _dialog(qtbot: QtBot, sales: list[SaleSnapshot], refunds: list[RefundFact]) -> Any:
    def totals(references: list[str]) -> dict[str, Decimal]:
        found: dict[str, Decimal] = {}
        for r in refunds:
            if r.reference in references:
                found[r.reference] = found.get(r.reference, Decimal(0)) + r.amount
        return found

    dialog = TodaySalesDialog(
        SITE,
        sales_since=lambda _start: sales,
        get_sale=lambda ref: next((s for s in sales if s.external_reference == ref), None),
        sale_events=lambda _ref: [],
        refunds_of=lambda ref: [r for r in refunds if r.reference == ref],
        refunded_totals=totals,
        sale_row_of=lambda ref: next(
            (sale_row(s) for s in sales if s.external_reference == ref), None
        ),
    )
    qtbot.addWidget(dialog)
    return dialog


def _m(amount: str) -> str:
    return format_money_unbroken(Decimal(amount), SITE)


def test_the_summary_gives_back_per_tender_and_nets_as_the_close(qtbot: QtBot) -> None:
    sales, refunds = _day()
    dialog = _dialog(qtbot, sales, refunds)
    dialog.show()
    dialog.refresh()
    text = dialog.summary.text()
    # Taken: QR 3 x 9,100.00 (the late payment too); cash 2 x 9,100.00.
    assert f"QR: 3 ({_m('27300.00')})" in text and f"cash: 2 ({_m('18200.00')})" in text
    text = dialog.given_back.text()
    assert dialog.given_back.isVisible()
    assert f"Given back on these sales: QR {_m('9200.00')} · cash {_m('260.00')}" in text
    assert f"Net: {_m('36040.00')} (QR {_m('18100.00')} · cash {_m('17940.00')})" in text

    # The close of that whole day: the same money in, back and net.
    start = sales[0].created_at.replace(hour=0, minute=0)
    facts = [
        SaleFact(s.external_reference, s.status, s.tender, s.total, s.paid_amount, s.created_at)
        for s in sales
    ]
    close = compute_close(
        number=1,
        site=SITE,
        opened_at=start,
        closed_at=start + timedelta(days=1),
        sales=facts,
        refunds=refunds,
    )
    assert close.totals == {QR.value: Decimal("27300.00"), CASH.value: Decimal("18200.00")}
    assert close.refunds == {QR.value: Decimal("9200.00"), CASH.value: Decimal("260.00")}
    assert _m(str(close.net)) in text

    # A refund given while the list is open moves the summary by its share; a filter that
    # leaves the refunded sales out shows no refunds.
    refunds.append(RefundFact(Decimal("40.00"), start, QR, "S3"))
    dialog.sale_changed("S3")
    assert f"QR {_m('9240.00')} · cash {_m('260.00')}" in dialog.given_back.text()
    dialog.search.setText("S4")
    assert not dialog.given_back.isVisible()
    dialog.search.setText("")
    assert f"QR {_m('9240.00')} · cash {_m('260.00')}" in dialog.given_back.text()
