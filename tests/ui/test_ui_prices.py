"""Issue 20 at the counter, keyboard-only: a scale label, a weight typed, a line discount (F7),
a sale discount (F8), the supervisor's PIN, and the order the sandbox receives."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_app.domain.pricing import Discount, DiscountKind, SaleUnit
from pos_app.settings import supervisor
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.payment_panel import BannerKind
from pos_app.ui.counter.price_dialogs import DiscountDialog, WeightDialog
from tests.ui.test_settings_dialog import press_ok

pytestmark = pytest.mark.gui

YERBA_EAN = "7790580001018"  # Yerba mate Playadito 1 kg, $ 4.890,00
HAM_LABEL = "2000201003501"  # ar-weight: PLU 00201 (Jamón cocido, $ 14.500/kg), 0,350 kg
WAIT = 10_000


def scan(qtbot: QtBot, win: MainWindow, code: str) -> None:
    qtbot.keyClicks(win.scan, code)
    qtbot.keyClick(win.scan, Qt.Key.Key_Return)


def press(qtbot: QtBot, win: MainWindow, key: Qt.Key) -> None:
    """A function key, once the window (back from a dialog) has the keyboard again."""
    qtbot.waitUntil(win.scan.hasFocus, timeout=3000)
    qtbot.keyClick(win.scan, key)


def active_dialog(qtbot: QtBot, kind: type) -> Any:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind), timeout=3000)
    return QApplication.activeModalWidget()


def test_scale_label_adds_the_weighed_product(window: MainWindow, qtbot: QtBot) -> None:
    scan(qtbot, window, HAM_LABEL)
    [line] = window.model.lines()
    assert (line.title, line.measure, line.sale_unit) == (
        "Jamón cocido",
        Decimal("0.350"),
        SaleUnit.KG,
    )
    assert window.totals.total.text() == "$ 5.075,00"
    assert window.model.index(0, 2).data() == "0,350 kg"
    assert window.model.index(0, 1).data() == "$ 14.500,00/kg"
    assert "0,350 kg" in window.feedback.text()
    # + on a weighed line does not multiply it
    qtbot.keyClick(window.scan, Qt.Key.Key_Plus)
    assert window.model.lines()[0].measure == Decimal("0.350")


def test_misread_label_is_refused_with_the_reason(window: MainWindow, qtbot: QtBot) -> None:
    scan(qtbot, window, HAM_LABEL[:-1] + "2")
    assert window.model.is_empty()
    assert "check digit" in window.feedback.text()
    assert window.feedback.property("state") == "error"


def test_weight_typed_with_the_local_decimal_mark(
    window: MainWindow, qtbot: QtBot, screenshot: Any
) -> None:
    scan(qtbot, window, "203")  # Pan francés, sold by the kg: asks the weight
    dialog = active_dialog(qtbot, WeightDialog)
    qtbot.waitUntil(dialog.measure.hasFocus, timeout=3000)
    qtbot.keyClicks(dialog.measure, "0,5")
    assert dialog.preview.text() == "0,500 kg = $ 1.200,00"
    screenshot(dialog, "20_weight_entry")
    qtbot.keyClicks(dialog.measure, "x")
    qtbot.keyClick(dialog.measure, Qt.Key.Key_Return)
    assert dialog.error.isVisible() and window.model.is_empty()
    qtbot.keyClick(dialog.measure, Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog.measure, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    [line] = window.model.lines()
    assert line.measure == Decimal("0.500") and window.totals.total.text() == "$ 1.200,00"
    qtbot.waitUntil(window.scan.hasFocus, timeout=3000)
    # Esc gives up without a line
    scan(qtbot, window, "203")
    dialog = active_dialog(qtbot, WeightDialog)
    qtbot.keyClick(dialog.measure, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    assert len(window.model.lines()) == 1


def test_discount_over_the_limit_needs_the_pin(window: MainWindow, qtbot: QtBot) -> None:
    scan(qtbot, window, YERBA_EAN)
    press(qtbot, window, Qt.Key.Key_F7)
    dialog = active_dialog(qtbot, DiscountDialog)
    qtbot.keyClicks(dialog.value, "50")
    qtbot.keyClick(dialog.value, Qt.Key.Key_Return)
    assert "PIN" in dialog.error.text() and dialog.isVisible()  # none set: refused
    qtbot.keyClick(dialog.value, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    assert window.model.lines()[0].discount is None

    window.rt.config = window.rt.config.with_changes(
        supervisor_pin=supervisor.hash_pin("2468", iterations=1000)
    )
    press(qtbot, window, Qt.Key.Key_F7)
    dialog = active_dialog(qtbot, DiscountDialog)
    qtbot.keyClicks(dialog.value, "50")
    qtbot.keyClick(dialog.value, Qt.Key.Key_Return)
    assert dialog.pin.isVisible()
    qtbot.waitUntil(dialog.pin.hasFocus, timeout=3000)
    qtbot.keyClicks(dialog.pin, "1111")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.error.text() == "Wrong PIN." and dialog.isVisible()
    qtbot.keyClicks(dialog.pin, "2468")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    assert window.model.lines()[0].discount == Discount(DiscountKind.PERCENT, Decimal(50))
    assert window.totals.total.text() == "$ 2.445,00"
    # An empty value removes it
    press(qtbot, window, Qt.Key.Key_F7)
    dialog = active_dialog(qtbot, DiscountDialog)
    dialog.value.clear()
    qtbot.keyClick(dialog.value, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    assert window.model.lines()[0].discount is None


def test_label_line_discount_sale_discount_paid(
    window: MainWindow, qtbot: QtBot, control: Any, screenshot: Any
) -> None:
    scan(qtbot, window, HAM_LABEL)
    scan(qtbot, window, YERBA_EAN)
    scan(qtbot, window, YERBA_EAN)
    # F7 on the selected line (the yerba, just added): 10 %, paying with QR
    press(qtbot, window, Qt.Key.Key_F7)
    dialog = active_dialog(qtbot, DiscountDialog)
    qtbot.keyClicks(dialog.value, "10")
    qtbot.keyClicks(dialog.reason, "")  # the reason field is reached with Tab
    qtbot.keyClick(dialog.value, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.reason, "Pago con QR")
    assert dialog.preview.text() == "Discount $ 978,00 → $ 8.802,00"
    screenshot(dialog, "21_line_discount")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    assert window.model.index(1, 1).data() == "$ 4.890,00  −10 %"
    tip = window.model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Discount −10 % (Pago con QR): $ 978,00" in tip
    # F8 on the sale: ↓ picks "amount off", then 500
    press(qtbot, window, Qt.Key.Key_F8)
    dialog = active_dialog(qtbot, DiscountDialog)
    qtbot.keyClick(dialog.value, Qt.Key.Key_Down)
    assert dialog.kind_value is DiscountKind.AMOUNT
    qtbot.keyClicks(dialog.value, "500")
    screenshot(dialog, "22_sale_discount")
    qtbot.keyClick(dialog.value, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    # 5075 + 9780 - 978 - 500 = 13377
    assert window.totals.total.text() == "$ 13.377,00"
    assert window.totals.discount.isVisible()
    assert window.totals.discount.text() == "Discounts: −$ 1.478,00\nSale discount −$ 500,00"
    qtbot.waitUntil(window.scan.hasFocus, timeout=3000)
    screenshot(window, "23_cart_weighed_and_discounts")

    qtbot.keyClick(window.scan, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.WAITING, timeout=WAIT)
    order = control.box()["order"]
    assert Decimal(str(order["total_amount"])) == Decimal("13377")
    titles = [item["title"] for item in order["items"]]
    assert titles[0] == "Jamón cocido 0,350 kg x $ 14.500,00/kg"
    assert sum(
        Decimal(str(i["unit_price"])) * Decimal(str(i["quantity"])) for i in order["items"]
    ) == Decimal("13377")
    control.pay("approved")
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.PAID, timeout=WAIT)
    sale = window.payment.sale
    assert sale is not None and sale.total == Decimal("13377.00")
    assert sale.sale_discount == Discount(DiscountKind.AMOUNT, Decimal(500))
    screenshot(window, "24_paid_weighed_and_discounts")


def test_settings_set_the_limit_the_pin_and_the_scale_layouts(
    window: MainWindow, qtbot: QtBot, screenshot: Any
) -> None:
    from pos_app.settings import config as config_mod
    from pos_app.ui.settings.dialog import SECTION_CHARGING

    dialog = window.open_settings()
    assert dialog is not None
    dialog.resize(980, 720)
    dialog.show_section(SECTION_CHARGING)
    page = dialog.charging.discounts
    page.max_discount.setText("101")
    page.pin.setText("12")
    page.scales.setText("20-5-weight-6-3")
    assert "0 to 100" in page.max_discount_field.error.text()
    assert "4 to 8 digits" in page.pin_field.error.text()
    assert "layout" in page.scales_field.error.text()
    assert not dialog.ok_button.isEnabled()
    page.max_discount.setText("30")
    page.pin.setText("2468")
    page.scales.setText("co-price")
    assert dialog.ok_button.isEnabled(), dialog.footer.text()
    dialog.stack.currentWidget().ensureWidgetVisible(page)
    screenshot(dialog, "27_settings_discounts_and_scales")
    assert press_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: window.rt.config.max_discount_percent == 30, timeout=WAIT)
    saved = config_mod.load().config
    assert saved.max_discount_percent == 30 and saved.scale_labels == "co-price"
    assert supervisor.check_pin("2468", saved.supervisor_pin)
    # the new layout applies to the next scan: the Argentine label is no longer a label
    scan(qtbot, window, HAM_LABEL)
    assert window.model.is_empty()
