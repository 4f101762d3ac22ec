"""Demo mode over a real loopback socket: the sandbox server, both windows, an orderly exit."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_app.app import run_windows
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.sale_banner import BannerKind
from pos_app.ui.demo.phone_window import CustomerPhoneWindow
from tests.ui.conftest import quicken_demo

pytestmark = pytest.mark.gui

WAIT = 15_000


def find(kind: type) -> Any:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[-1] if found else None


def test_demo_mode_plays_a_sale_with_the_customers_phone(
    qloop: Any, qtbot: QtBot, screenshot: Any, settled_after_start_up: list[int]
) -> None:
    app_task = asyncio.ensure_future(run_windows(demo=True))
    try:
        qtbot.waitUntil(lambda: bool(find(MainWindow) and find(CustomerPhoneWindow)), timeout=WAIT)
        # Start-up's objects are put out of the collector's full passes once, when it is over
        # (recorded, not done: the conftest's settled_after_start_up).
        qtbot.waitUntil(lambda: bool(settled_after_start_up), timeout=WAIT)
        window: MainWindow = find(MainWindow)
        phone: CustomerPhoneWindow = find(CustomerPhoneWindow)
        quicken_demo(window, phone)
        assert window.status.test_badge.isVisible()
        # The cashier's window keeps the keyboard when the phone opens beside it.
        qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)
        qtbot.waitUntil(lambda: phone.title.text() == "Nothing to pay yet", timeout=WAIT)
        assert not phone.pay_button.isEnabled()
        screenshot(phone, "30_phone_nothing_to_pay")

        # The demo catalog is loaded: scan two products and charge.
        for code in ("7790580001018", "7790580001094"):
            qtbot.keyClicks(window.scan, code)
            qtbot.keyClick(window.scan, Qt.Key.Key_Return)
        assert len(window.model.lines()) == 2
        qtbot.keyClick(window.scan, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.WAITING, timeout=WAIT)
        qtbot.waitUntil(lambda: phone.pay_button.isEnabled(), timeout=WAIT)
        assert phone.title.text() == window.rt.config.store_name
        assert phone.items.rowCount() == 2
        assert phone.total.text() == "Total " + window.payment.amount.text()
        screenshot(phone, "31_phone_order")

        qtbot.mouseClick(phone.reject_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.REJECTED, timeout=WAIT)
        assert "rejected" in phone.result.text()
        screenshot(phone, "32_phone_rejected")

        qtbot.mouseClick(phone.pay_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.PAID, timeout=WAIT)
        qtbot.waitUntil(lambda: phone.title.text() == "Paid — thank you!", timeout=WAIT)
        assert "approved" in phone.result.text()
        # Never "Nothing to pay" beside "Payment approved".
        assert "Nothing to pay" not in phone.title.text()
        screenshot(phone, "33_phone_paid")
        screenshot(window, "34_demo_window_paid")

        # Next sale: the customer lets it expire.
        qtbot.keyClick(window.payment, Qt.Key.Key_Return)
        qtbot.keyClicks(window.scan, "7790580001018")
        qtbot.keyClick(window.scan, Qt.Key.Key_Return)
        qtbot.keyClick(window.scan, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: phone.expire_button.isEnabled(), timeout=WAIT)
        qtbot.mouseClick(phone.expire_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: phone.title.text() == "Nothing to pay yet", timeout=WAIT)
        # Mercado Pago reports the scanned order expired: the cashier sees it at once.
        qtbot.waitUntil(lambda: window.payment.banner_kind is BannerKind.EXPIRED, timeout=WAIT)
        screenshot(window, "35_demo_window_expired")
        about = window.support.about()  # Help → About says it is the demo
        qtbot.waitUntil(lambda: about.facts is not None, timeout=WAIT)
        assert "Demo mode: yes" in about.text.toPlainText().splitlines()
        about.reject()

        window.close()  # the cashier closes the app: everything shuts down in order
        qtbot.waitUntil(app_task.done, timeout=WAIT)
        assert app_task.result() == 0
        assert len(settled_after_start_up) == 1  # once, at start-up only
        qtbot.waitUntil(lambda: not shiboken6.isValid(phone), timeout=WAIT)  # deleted
        qtbot.waitUntil(lambda: not shiboken6.isValid(window), timeout=WAIT)
    finally:
        if not app_task.done():
            app_task.cancel()
            qtbot.waitUntil(app_task.done, timeout=WAIT)
