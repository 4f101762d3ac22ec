"""A sale whose Mercado Pago payment is in the books as a sale of its own (``MP-<payment id>``,
recorded from Mercado Pago's list while the sale could not take it: a damaged ledger repaired
by hand) keeps no payment and a paid amount of 0. The day's close counts that payment once; the
sales history counted it on both rows (a row carried no payment ids, and a paid amount of 0
was read as "unknown": the total), so its QR total was the payment twice. Its row now says
where the money is counted, in the cashier's words, and its totals are the close's."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.cli import main
from pos_app.domain.money import format_money_unbroken, site_for
from pos_app.ledger.refunds import RefundStore
from pos_app.ledger.store import Ledger
from pos_app.settings import paths
from pos_app.ui.counter.sales_view import COL_EVENT_DETAIL, COL_STATUS, TodaySalesDialog
from tests.ledger_edits import edit_by_hand
from tests.thread_sandbox import ThreadSandbox, configured_fixture, sandbox_fixture  # noqa: F401

pytestmark = pytest.mark.gui

SITE = site_for("MLA")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


@pytest.fixture
def counted_on_mp(configured: ThreadSandbox, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """The repaired sale (paid, no payment of its own) and the ``MP-…`` sale holding its payment,
    as tests/hostile/test_damaged_waiting_sale.py makes them with the commands."""
    waiting = run(capsys, "charge", "--item", "Yerba:2:1725.25").strip()
    path = paths.ledger_path()
    edit_by_hand(path, "sales", "total", "NaN", reference=waiting)
    payment = configured.state.pay_box("approved")
    adopted = json.loads(run(capsys, "reconcile", "--adopt", "--json"))
    recorded = adopted["missing_in_ledger"][0]["adopted_as"]
    assert recorded == f"MP-{payment}"
    edit_by_hand(path, "sales", "total", "3450.50", reference=waiting)  # the repair
    assert json.loads(run(capsys, "reconcile", "--json"))["all_match"]
    status = json.loads(run(capsys, "status", waiting, "--json"))
    assert status["status"] == "paid" and status["paid_amount"] == "0.00"
    return waiting, recorded


@pytest.fixture
def ledger() -> Iterator[Ledger]:
    opened = Ledger(paths.ledger_path(), exclusive=False)
    yield opened
    opened.close()


def history(qtbot: QtBot, ledger: Ledger) -> TodaySalesDialog:
    """The history wired to the ledger as the cashier's window wires it."""
    dialog = TodaySalesDialog(
        SITE,
        sales_since=ledger.sales_since,
        get_sale=ledger.get_sale,
        sale_events=ledger.sale_events,
        sales_between=ledger.sales_between_apart,
        sale_rows_between=ledger.sale_rows_between_apart,
        sale_row_of=ledger.sale_row,
        period_refunded=ledger.refunded_between_apart,
        refunds_of=ledger.day.refunds_of,
        refunded_totals=RefundStore(ledger).refunded_amounts,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.refresh()
    qtbot.waitUntil(lambda: not dialog.reading)
    return dialog


def test_the_history_counts_a_payment_counted_elsewhere_once_as_the_close(
    counted_on_mp: tuple[str, str],
    ledger: Ledger,
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
) -> None:
    repaired, recorded = counted_on_mp
    close = json.loads(run(capsys, "shift", "report", "--json"))
    qr = Decimal(close["totals"]["mercadopago_qr"])
    assert qr == Decimal("3450.50") and close["sales_count"] == 2  # the close: once

    dialog = history(qtbot, ledger)
    text = dialog.summary.text()
    assert text.startswith("2 sales")  # the close's count: the sale and its payment's
    assert f"QR: 1 ({format_money_unbroken(qr, SITE)})" in text, text
    assert "cash: 0" in text

    model = dialog.model
    row = model.row_of(repaired)
    assert row is not None
    cell = model.index(row, COL_STATUS)
    assert model.data(cell) == "Counted elsewhere"
    said = model.data(cell, Qt.ItemDataRole.ToolTipRole)  # the whole of it
    assert said == (
        "Paid; its Mercado Pago payment is in the books as another sale (see its history), "
        "counted there: not twice"
    )
    other = model.row_of(recorded)
    assert other is not None and model.data(model.index(other, COL_STATUS)) == "Paid"

    # Chosen: its heading says it, its history names the sale holding the payment.
    dialog.select_reference(repaired)
    assert dialog.heading.text().startswith(said)
    events = [
        dialog.events.item(r, COL_EVENT_DETAIL).text() for r in range(dialog.events.rowCount())
    ]
    assert any(recorded in e for e in events), events

    # The sale changing while listed (a recheck) moves the totals by its share only.
    dialog.sale_changed(repaired)
    assert f"QR: 1 ({format_money_unbroken(qr, SITE)})" in dialog.summary.text()
