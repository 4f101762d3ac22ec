"""A whole sale with the keyboard only; today's sales; start-up with an open sale; errors."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from pos_app.app import resume
from pos_app.domain.sale import SaleStatus, Tender
from pos_app.i18n import message
from pos_app.runtime import Runtime
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.sale_banner import BannerKind
from pos_app.ui.qtkit.bridge import EngineBridge
from pos_app.ui.qtkit.errors import show_error
from tests.ui.asking import answer
from tests.ui.conftest import look_now, quick_cancel, settle

pytestmark = pytest.mark.gui

WAIT = 10_000


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def press(qtbot: QtBot, key: Qt.Key) -> None:
    """A key on whatever has focus, exactly as a keyboard would deliver it."""
    qtbot.keyClick(focused(), key)


def test_a_whole_sale_with_the_keyboard_only(
    window: MainWindow, qtbot: QtBot, control: Any, screenshot: Any
) -> None:
    qtbot.keyClicks(focused(), "7790580001018")  # a scanner: digits then Enter
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Plus)  # one more of the same
    qtbot.keyClicks(focused(), "serenisima dulce")
    qtbot.waitUntil(lambda: window.search.is_open, timeout=3000)
    press(qtbot, Qt.Key.Key_Return)  # the only match
    press(qtbot, Qt.Key.Key_F2)
    qtbot.keyClicks(focused(), "250")
    press(qtbot, Qt.Key.Key_Return)
    assert [(line.sku, line.quantity) for line in window.model.lines()] == [
        ("ALM001", 2),
        ("ALM009", 1),
        ("CUSTOM", 1),
    ]
    assert focused() is window.scan

    press(qtbot, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.WAITING, timeout=WAIT)
    press(qtbot, Qt.Key.Key_Return)  # Enter does nothing while the customer pays
    assert window.in_payment
    control.pay("approved")
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.PAID, timeout=WAIT)
    press(qtbot, Qt.Key.Key_Return)
    assert not window.in_payment and window.model.is_empty()
    assert focused() is window.scan

    # The next sale starts at once, and F3 shows both in today's list.
    press(qtbot, Qt.Key.Key_F3)
    dialog = window._sales_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.model.rowCount() == 1
    assert dialog.model.status(0) is SaleStatus.PAID
    dialog.close()


def test_todays_sales_shows_lines_and_history_and_cancels_a_pending_sale(
    window: MainWindow,
    qtbot: QtBot,
    control: Any,
    screenshot: Any,
) -> None:
    for code in ("7790580001018", "FIA001"):
        product = window.rt.ledger.catalog.lookup_code(code)
        assert product is not None
        window.model.add_line(product.to_line())
    quick_cancel(window)
    qtbot.keyClick(window.scan, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.WAITING, timeout=WAIT)
    control.pay("rejected")
    look_now(window)
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.REJECTED, timeout=WAIT)

    qtbot.keyClick(window.payment, Qt.Key.Key_F3)
    dialog = window._sales_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert dialog.model.rowCount() == 1
    assert dialog.lines.rowCount() == 2
    assert dialog.lines.item(1, 0).text() == "Queso cremoso 250 g"
    kinds = [dialog.events.item(row, 1).text() for row in range(dialog.events.rowCount())]
    assert "Card rejected" in kinds
    assert dialog.recheck_button.isEnabled() and dialog.cancel_button.isEnabled()
    screenshot(dialog, "20_todays_sales_pending")

    qtbot.mouseClick(dialog.recheck_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.busy, timeout=WAIT)
    # Cancel asks first (Enter answers No): "No" leaves the sale on the box, waiting.
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    asked = answer(qtbot, "confirmCancel", yes=False)
    assert window.current_sale is not None
    assert window.current_sale.external_reference in asked
    # A cancel started would show at once (Canceling…, a call in flight, the sale marked): what
    # the answer queued is delivered first, instead of a 200-ms wait.
    settle()
    assert window.payment.banner_kind is BannerKind.REJECTED and dialog.cancel_button.isEnabled()
    assert not window.busy and not window.current_sale.cancel_requested
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    answer(qtbot, "confirmCancel", yes=True)
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.CANCELED, timeout=WAIT)
    qtbot.waitUntil(lambda: dialog.model.status(0) is SaleStatus.CANCELED, timeout=WAIT)
    assert not dialog.cancel_button.isEnabled()
    screenshot(dialog, "21_todays_sales_canceled")
    dialog.close()


def test_a_payment_found_after_cancel_raises_the_alarm_on_the_next_sale(
    window: MainWindow, qtbot: QtBot, control: Any, run: Any, screenshot: Any
) -> None:
    product = window.rt.ledger.catalog.lookup_code("ALM012")
    assert product is not None
    window.model.add_line(product.to_line())
    qtbot.keyClick(window.scan, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.WAITING, timeout=WAIT)
    scanned = control._call("POST", f"/_sandbox/boxes/{control.state.box_external_id}/scan")
    qtbot.keyClick(window.payment, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.CANCELED, timeout=WAIT)
    reference = window.current_sale.external_reference if window.current_sale else ""
    qtbot.keyClick(window.payment, Qt.Key.Key_Return)  # the cashier moves on
    assert not window.in_payment

    dialog = window.open_sales_dialog()
    dialog.select_reference(reference)
    # "Check again" looks now (the customer shows the payment on the phone): it was off for a
    # canceled sale, so the alarm waited for the after-cancel watch's next look, 15 s later,
    # unless an earlier look happened to land after the payment (a race this test lost when
    # the machine was loaded). Seen on before the payment: the cancel's own second look
    # (the poller's, when it confirmed the cancel too) may still come after the payment and
    # find it first, and a sale found paid is no longer one to check again (it failed so
    # whenever the machine's turns were slow: POS_APP_LATE_DONE_CALLBACKS=50).
    assert dialog.recheck_button.isEnabled()
    # The customer's app still had the order open and pays it anyway.
    control._call("POST", f"/_sandbox/merchant_orders/{scanned['id']}/pay", {})
    qtbot.mouseClick(dialog.recheck_button, Qt.MouseButton.LeftButton)
    dialog.close()
    qtbot.waitUntil(window.late_bar.isVisible, timeout=WAIT)
    assert reference in window.late_bar.label.text()
    assert "do not charge again" in window.late_bar.label.text()
    screenshot(window, "22_late_payment_alert")
    qtbot.mouseClick(window.late_bar.dismiss, Qt.MouseButton.LeftButton)
    assert not window.late_bar.isVisible()


def test_cash_taken_as_the_qr_payment_landed_is_given_back_through_a_refund(
    window: MainWindow, qtbot: QtBot, control: Any, run: Any, screenshot: Any
) -> None:
    """The cashier took cash ("Take … in cash" on screen) and the customer, who had scanned,
    paid the QR after all: both are in the books (the close counts both), so the cash handed
    back must be a refund of the cash part, or the drawer is short. The screen said "If you
    also took cash, give it back" (by hand: nothing recorded)."""
    product = window.rt.ledger.catalog.lookup_code("ALM012")
    assert product is not None
    window.model.add_line(product.to_line())
    qtbot.keyClick(window.scan, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.WAITING, timeout=WAIT)
    scanned = control._call("POST", f"/_sandbox/boxes/{control.state.box_external_id}/scan")
    qtbot.mouseClick(window.payment.cash_button, Qt.MouseButton.LeftButton)  # cash taken
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.CASH, timeout=WAIT)
    reference = window.current_sale.external_reference if window.current_sale else ""
    control._call("POST", f"/_sandbox/merchant_orders/{scanned['id']}/pay", {})  # ...and QR
    run(window.rt.engine.reconcile(reference))  # the after-cancel watch's look, asked now
    qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.LATE_PAID, timeout=WAIT)
    sale = window.current_sale
    assert sale is not None and sale.tender is Tender.CASH and sale.late_payment
    detail = window.payment.detail.text()
    assert "paid twice" in detail and "refund" in detail and "In cash" in detail
    screenshot(window, "22b_paid_twice_cash_and_qr")
    qtbot.mouseClick(window.payment.new_sale_button, Qt.MouseButton.LeftButton)

    # Found so while the sale is not on screen (a restart's look): the bar offers the refund.
    window.late_bar.add(sale)
    text = window.late_bar.label.text()
    assert reference in text and "paid twice" in text and "refund" in text
    assert window.late_bar.cash_reference == reference and window.late_bar.refund_cash.isVisible()
    screenshot(window, "22c_late_bar_give_the_cash_back")
    qtbot.mouseClick(window.late_bar.refund_cash, Qt.MouseButton.LeftButton)
    # This window's: an earlier test's, closed and deleted later, may still be a top level.
    opened = [
        w
        for w in QApplication.topLevelWidgets()
        if type(w).__name__ == "RefundDialog" and w.parentWidget() is window
    ]
    assert len(opened) == 1
    refund_dialog: Any = opened[0]
    qtbot.waitUntil(refund_dialog.isVisible, timeout=WAIT)
    assert refund_dialog.way_cash.isChecked()  # the cash part, chosen by the button
    assert refund_dialog.start_refund() is not None
    qtbot.waitUntil(lambda: "refunded." in refund_dialog.status.text(), timeout=WAIT)
    (given,) = window.rt.ledger.day.refunds_of(reference)
    assert given.tender is Tender.CASH and given.amount == sale.total
    refund_dialog.close()
    qtbot.mouseClick(window.late_bar.dismiss, Qt.MouseButton.LeftButton)
    assert not window.late_bar.isVisible() and window.late_bar.cash_reference == ""


def test_start_up_with_an_open_sale_reopens_its_payment_panel(
    runtime: Runtime, qtbot: QtBot, run: Any, screenshot: Any
) -> None:
    # The last run charged, then the program stopped while the customer was paying.
    lines = [p.to_line(2) for p in runtime.ledger.catalog.search("yerba", 1)]
    sale = run(runtime.engine.charge(lines))
    assert sale.status is SaleStatus.PENDING

    bridge = EngineBridge(runtime.engine.bus)
    win = MainWindow(runtime, bridge)
    try:
        win.show()
        run(resume(win, runtime))
        assert win.in_payment
        assert win.current_sale is not None
        assert win.current_sale.external_reference == sale.external_reference
        assert win.model.lines() == tuple(lines) and win.model.locked
        assert win.payment.banner_kind is BannerKind.WAITING
        screenshot(win, "23_resumed_open_sale")
    finally:
        for task in win.tasks.cancel_all():
            qtbot.waitUntil(task.done, timeout=3000)
        bridge.detach()
        win.close()
        win.deleteLater()


def test_show_error_translates_user_errors_and_hides_bugs(
    window: MainWindow, qtbot: QtBot, caplog: Any
) -> None:
    from pos_app.errors import UserFacingError

    user = UserFacingError(message("Checkout", "Box {box} is busy.", box="CAJA01"))
    box = show_error(window, user)
    assert isinstance(box, QMessageBox) and box.text() == "Box CAJA01 is busy."
    assert box.isVisible()  # opened, not exec()'d: nothing blocks
    box.close()

    with caplog.at_level("ERROR"):
        bug = show_error(window, ZeroDivisionError("division by zero"))
    assert "went wrong" in bug.text() and "division" not in bug.text()
    assert any(record.exc_info for record in caplog.records)
    bug.close()
    assert QCoreApplication.translate("SaleStatus", SaleStatus.PAID.label) == "Paid"


def test_window_geometry_is_remembered(runtime: Runtime, qtbot: QtBot) -> None:
    from pos_app.settings import paths
    from pos_app.ui.qtkit.window_settings import restore_geometry, save_geometry, ui_settings

    bridge = EngineBridge(runtime.engine.bus)
    win = MainWindow(runtime, bridge)
    win.show()
    win.close()
    bridge.detach()
    win.deleteLater()
    assert (paths.config_dir() / "window.ini").exists()
    assert ui_settings().value("main/geometry") is not None

    # The helpers round-trip a size (small enough for the offscreen test screen, 800×600).
    probe = QWidget()
    probe.resize(640, 480)
    probe.show()
    save_geometry(probe, "probe")
    again = QWidget()
    assert restore_geometry(again, "probe", (300, 200))
    assert (again.width(), again.height()) == (640, 480)
    fresh = QWidget()
    assert not restore_geometry(fresh, "never-saved", (300, 200))
    assert (fresh.width(), fresh.height()) == (300, 200)
    for widget in (probe, again, fresh):
        widget.deleteLater()
