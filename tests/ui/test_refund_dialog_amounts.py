"""The Refund dialog says what chosen items give back, as the refund computes it.

Three coffees of $ 1.000 less a $ 1 sale discount were paid $ 2.999. Until 2026-12-02 the
dialog showed "Paid per unit $ 1.000" (2.999 / 3 rounded): three of them read $ 3.000, more than
was paid, and two gave back $ 1.999, not the $ 2.000 the cashier read. Now the items show what
each line was paid, and under them what the chosen units give back ($ 1.999 for two, then
$ 1.000 for the last: $ 2.999, the line's paid share exactly). Items worth more than is left
to refund are refused there, saying why. And a refund started with no item or no amount
chosen (the button greyed, the start called all the same) gave back everything left: it now
does only what the button offers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from pos_app.checkout.refunds import RefundService
from pos_app.domain.cart import CartLine
from pos_app.domain.money import site_for
from pos_app.domain.pricing import Discount, DiscountKind
from pos_app.domain.records import SaleSnapshot
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.ledger.store import Ledger
from pos_app.settings import paths
from pos_app.ui.day.refund_dialog import RefundDialog
from tests.ui.conftest import wait_settled

pytestmark = pytest.mark.gui

MLC = site_for("MLC")
COFFEE = CartLine("C1", "Café", Decimal(1000), 3)
BREAD = CartLine("P1", "Pan", Decimal(500), 1)


@pytest.fixture
def ledger() -> Iterator[Ledger]:
    led = Ledger(paths.ledger_path())
    yield led
    led.close()


def cash_sale(ledger: Ledger, lines: list[CartLine], off: Decimal) -> SaleSnapshot:
    """Paid in cash (refunded as cash: nothing is sent), with a sale discount of ``off``."""
    now = datetime.now(UTC)
    total = sum((line.unit_price * line.quantity for line in lines), Decimal(0)) - off
    sale = ledger.create_sale(
        user_id=1,
        store_external_id="SUC001",
        box_external_id="CAJA01",
        site=MLC,
        title="Almacén",
        lines=lines,
        total=total,
        iva_total=None,
        now=now,
        expires_at=now + timedelta(minutes=10),
        sale_discount=Discount(DiscountKind.AMOUNT, off),
    )
    return ledger.update_sale(
        sale.external_reference,
        {"status": SaleStatus.CANCELED, "tender": Tender.CASH},
        now=now,
        kind="status",
        cause="test",
        old_status=SaleStatus.CREATING,
        new_status=SaleStatus.CANCELED,
    )


def dialog_for(qtbot: Any, ledger: Ledger, sale: SaleSnapshot) -> RefundDialog:
    def no_client() -> Any:
        raise AssertionError("a cash refund sends nothing")

    dialog = RefundDialog(sale, RefundService(ledger, no_client))
    qtbot.addWidget(dialog)
    return dialog


def refund_and_wait(qtbot: Any, dialog: RefundDialog) -> str:
    """The refund asked and answered, and the dialog's own callbacks on it run (they put its
    buttons back: read before, Refund was still off whatever the dialog then did with it)."""
    task = dialog.start_refund()
    assert task is not None
    wait_settled([task], timeout=5000)
    return dialog.status.text()


def test_the_items_show_what_they_give_back_and_never_more_than_was_paid(
    qtbot: Any, qloop: Any, ledger: Ledger
) -> None:
    sale = cash_sale(ledger, [COFFEE], Decimal(1))
    dialog = dialog_for(qtbot, ledger, sale)
    assert dialog.lines.horizontalHeaderItem(2).text() == "Paid"
    assert dialog.lines.item(0, 2).text() == "$ 2.999"  # was "$ 1.000" per unit
    dialog.spins[0].setValue(2)
    assert dialog.by_lines.isChecked()
    assert dialog.lines_amount.text() == "These items give back $\u00a01.999."
    assert refund_and_wait(qtbot, dialog) == "$\u00a01.999 refunded."  # what the dialog said
    assert dialog.spins[0].maximum() == 1
    dialog.spins[0].setValue(1)
    assert dialog.lines_amount.text() == "These items give back $\u00a01.000."
    assert refund_and_wait(qtbot, dialog) == "$\u00a01.000 refunded."
    # The whole line gave back exactly what it was paid, and nothing is left.
    assert dialog.service.store.refunded_amount(sale.external_reference) == Decimal(2999)
    assert dialog.service.refundable(dialog.sale) == 0
    assert not dialog.refund_button.isEnabled()
    dialog.close()


def test_items_worth_more_than_is_left_are_refused_saying_why(
    qtbot: Any, qloop: Any, ledger: Ledger
) -> None:
    sale = cash_sale(ledger, [COFFEE, BREAD], Decimal(2))  # $ 3.498: coffee $ 2.998, bread $ 500
    dialog = dialog_for(qtbot, ledger, sale)
    dialog.by_amount.setChecked(True)
    dialog.amount.setText("1.000")
    assert refund_and_wait(qtbot, dialog) == "$\u00a01.000 refunded."  # $ 2.498 left
    dialog.spins[0].setValue(3)  # every coffee: $ 2.998, more than is left
    assert dialog.lines_amount.text() == (
        "These items were paid $\u00a02.998: more than the $\u00a02.498 left to refund. "
        "Choose fewer, or refund an amount."
    )
    assert not dialog.refund_button.isEnabled()
    assert dialog.start_refund() is None  # nothing written
    dialog.spins[0].setValue(2)
    assert dialog.lines_amount.text() == "These items give back $\u00a01.999."
    assert dialog.refund_button.isEnabled()
    assert refund_and_wait(qtbot, dialog) == "$\u00a01.999 refunded."
    store = dialog.service.store
    assert store.refunded_amount(sale.external_reference) == Decimal(2999) <= sale.total
    dialog.close()


def test_choosing_items_after_a_wrong_amount_never_refunds_everything(
    qtbot: Any, qloop: Any, ledger: Ledger
) -> None:
    sale = cash_sale(ledger, [COFFEE], Decimal(1))
    dialog = dialog_for(qtbot, ledger, sale)
    dialog.by_amount.setChecked(True)
    dialog.amount.setText("abc")
    assert dialog.status.text() and not dialog.refund_button.isEnabled()
    dialog.by_lines.setChecked(True)  # no item chosen yet
    assert not dialog.refund_button.isEnabled()
    assert dialog.start_refund() is None  # it gave back all $ 2.999
    dialog.by_amount.setChecked(True)
    dialog.amount.setText("")
    assert dialog.start_refund() is None  # an empty amount is not "everything left"
    assert dialog.service.store.for_sale(sale.external_reference) == []
    dialog.close()
