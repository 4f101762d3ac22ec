"""An amount in a wrapped sentence on screen keeps its symbol and its number on one line.

Until 2026-12-02 only the discount refusals and a few headings wrote their amounts with
no-break spaces; elsewhere a narrow window could leave "$" alone at the end of a line and the
number on the next ("These items give back $" / "1.999."): the Refund dialog's summary, what
the chosen items give back and the outcome; an error box with a refund refusal (the domain's
messages: :class:`pos_app.i18n_base.Unbroken`, given no-break spaces on screen only, plain on
the command line); the customer display's discounts and IVA; the line discount's heading; the
weight dialog's heading (``$ 8.990/kg``).

Each label's text is laid out as Qt wraps it (QTextLayout, word wrap, the label's font) at every
width from very narrow to its full length: no line may end with the currency symbol."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel

from pos_app.checkout.refunds import RefundNotAllowed, RefundService
from pos_app.domain.cart import CartLine
from pos_app.domain.catalog import Product
from pos_app.domain.money import site_for
from pos_app.domain.pricing import Discount, DiscountKind, SaleUnit
from pos_app.ledger.store import Ledger
from pos_app.settings import paths
from pos_app.ui.day.refund_dialog import RefundDialog
from tests.ui.test_refund_dialog_amounts import COFFEE, cash_sale, refund_and_wait

pytestmark = pytest.mark.gui

SHOTS = Path("/tmp/money_wrap_shots")
SYMBOLS = ("$", "R$", "S/")
ALONE = (*SYMBOLS, "\u2212")  # a symbol, or the minus before one, at the end of a line


def wrapped(text: str, label: QLabel, width: int) -> list[str]:
    """``text`` in the lines Qt breaks it into at ``width`` pixels in ``label``'s font."""
    layout = QTextLayout(text, label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines: list[str] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append(text[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return lines


def orphan_widths(label: QLabel, text: str | None = None) -> list[int]:
    """The widths at which a line of ``text`` (the label's own by default) ends with a
    currency symbol, its number on the next line."""
    text = label.text() if text is None else text
    assert any(symbol in text for symbol in SYMBOLS), text
    widest = label.fontMetrics().horizontalAdvance(text) + 10
    return [
        width
        for width in range(20, widest)
        for paragraph in text.split("\n")
        for line in wrapped(paragraph, label, width)[:-1]
        if line.rstrip().endswith(ALONE)
    ]


def never_alone(label: QLabel, name: str) -> None:
    """No width leaves the symbol alone; and the same text with plain spaces would have (so
    the check can fail): the label is shown at such a width and saved for a look."""
    assert orphan_widths(label) == [], (name, label.text())
    plain = label.text().replace("\u00a0", " ").replace("\u2060", "")
    bad = orphan_widths(label, plain)
    assert bad, (name, plain)  # plain spaces do break there: what this guards against
    shot = QLabel(label.text())  # the label's text and font, laid out alone at that width
    shot.setFont(label.font())
    shot.setWordWrap(True)
    shot.setFixedWidth(max(bad))
    shot.setFixedHeight(shot.heightForWidth(max(bad)) + 12)  # offscreen fonts draw taller
    SHOTS.mkdir(exist_ok=True)
    shot.grab().save(str(SHOTS / f"{name}.png"))


@pytest.fixture
def ledger() -> Iterator[Ledger]:
    led = Ledger(paths.ledger_path())
    yield led
    led.close()


def test_the_refund_dialogs_sentences(qtbot: Any, qloop: Any, ledger: Ledger) -> None:
    sale = cash_sale(ledger, [COFFEE], Decimal(1))
    dialog = RefundDialog(sale, RefundService(ledger, lambda: None))  # type: ignore[arg-type,return-value]
    qtbot.addWidget(dialog)
    dialog.spins[0].setValue(2)
    never_alone(dialog.lines_amount, "refund_lines_amount")
    refund_and_wait(qtbot, dialog)
    never_alone(dialog.status, "refund_status")
    never_alone(dialog.summary, "refund_summary")
    dialog.close()


def test_a_refund_refusal_in_an_error_box_and_plain_on_the_command_line(
    qtbot: Any, qloop: Any, ledger: Ledger
) -> None:
    from pos_app.ui.qtkit.errors import show_error

    sale = cash_sale(ledger, [COFFEE], Decimal(1))
    service = RefundService(ledger, lambda: None)  # type: ignore[arg-type,return-value]
    with pytest.raises(RefundNotAllowed) as caught:
        qloop.run_until_complete(service.refund(sale.external_reference, Decimal(5000)))
    # The command line prints it as before: plain spaces.
    assert str(caught.value.msg) == (
        "$ 5.000 is more than what is left to refund on this sale ($ 2.999)."
    )
    box = show_error(None, caught.value)  # deletes itself once closed
    assert box.text() == (
        "$\u00a05.000 is more than what is left to refund on this sale ($\u00a02.999)."
    )
    label = box.findChild(QLabel, "qt_msgbox_label")
    assert label is not None
    never_alone(label, "error_box")
    box.close()


@pytest.mark.parametrize("site_id", ["MLA", "MCO"])
def test_the_customer_display_discounts_and_iva(qtbot: Any, site_id: str) -> None:
    from PySide6.QtCore import QObject, Signal

    from pos_app.ui.counter.cart_model import CartTableModel
    from pos_app.ui.display.customer_display import CustomerDisplay

    class Bridge(QObject):
        saleChanged = Signal(object)

    site = site_for(site_id)
    model = CartTableModel(site)
    shown = CustomerDisplay(site)
    qtbot.addWidget(shown)
    shown.follow(model, Bridge(), "BOX1")  # type: ignore[arg-type]
    model.add_line(CartLine("S1", "Yerba", Decimal(4500), quantity=2, iva_rate=Decimal(19)))
    model.set_line_discount(0, Discount(DiscountKind.PERCENT, Decimal(10), "vecina"))
    never_alone(shown.discount, f"display_discount_{site_id}")
    if site.reports_iva:
        never_alone(shown.iva, "display_iva")


def test_the_discount_and_weight_dialogs_headings(qtbot: Any) -> None:
    from pos_app.ui.counter.price_dialogs import DiscountDialog, WeightDialog

    site = site_for("MLB")
    dialog = DiscountDialog(
        site,
        what="Yerba mate Playadito 1 kg",
        gross=Decimal("12345.67"),
        measure=Decimal(1),
        on_line=True,
        current=None,
        limit=100,
        pin_hash="",
    )
    qtbot.addWidget(dialog)
    assert "R$\u00a012.345,67" in dialog.heading.text()
    never_alone(dialog.heading, "discount_heading")
    cheese = Product("Q1", "Queso cremoso", Decimal("89.90"), sale_unit=SaleUnit.KG)
    weight = WeightDialog(cheese, site)
    qtbot.addWidget(weight)
    never_alone(weight.heading, "weight_heading")


def test_the_cash_drawers_hand_over(qtbot: Any, ledger: Ledger) -> None:
    from datetime import UTC, datetime, timedelta

    from pos_app.ui.day.dialogs import CashDrawerDialog

    clock = [datetime(2026, 12, 1, 12, 0, tzinfo=UTC)]
    dialog = CashDrawerDialog(site_for("MLA"), ledger.day, clock=lambda: clock[0])
    qtbot.addWidget(dialog)
    dialog.cashier.setText("Ana")
    dialog.starting_float.setText("5000")
    dialog.open_shift()
    clock[0] += timedelta(hours=4)
    dialog.cashier.setText("Bea")
    dialog.starting_float.setText("4900")
    dialog.open_shift()
    assert "$\u00a0100,00 missing" in dialog.shift_label.text()
    never_alone(dialog.shift_label, "drawer_hand_over")
