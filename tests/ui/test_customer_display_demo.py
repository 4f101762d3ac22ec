"""``pos-app --demo --customer-display``: three windows beside one another, the display following
the sale; the menu item shows and hides it; Settings' page places it and follows screens.

Screenshot: ``artifacts/screenshots/customer_display_demo_1600x900.png`` (the three windows laid
out for a 1600×900 screen, painted into one picture: the offscreen test screen is 800×800).
"""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_app.app import lay_out_demo, run_windows
from pos_app.settings.config import Config
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.demo import phone_window
from pos_app.ui.demo.phone_window import CustomerPhoneWindow
from pos_app.ui.display.controller import DisplayController, rect_of
from pos_app.ui.display.customer_display import PAGE_CART, PAGE_CHARGE, CustomerDisplay
from pos_app.ui.display.screen_layout import Rect, ScreenInfo, protected_area
from tests.ui.conftest import SCREENSHOTS_WANTED, keep_picture, settle

pytestmark = pytest.mark.gui

WAIT = 15_000


def find(kind: type) -> Any:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[-1] if found else None


def test_demo_with_the_customer_display(qloop: Any, qtbot: QtBot, monkeypatch: Any) -> None:
    # The phone asks the box for its order every 50 ms instead of 0.3 s: the test waits for
    # the charge to reach it.
    monkeypatch.setattr(phone_window, "POLL_SECONDS", 0.05)
    app_task = asyncio.ensure_future(run_windows(demo=True, customer_display=True))
    try:
        qtbot.waitUntil(
            lambda: bool(find(MainWindow) and find(CustomerPhoneWindow) and find(CustomerDisplay)),
            timeout=WAIT,
        )
        window: MainWindow = find(MainWindow)
        phone: CustomerPhoneWindow = find(CustomerPhoneWindow)
        display: CustomerDisplay = find(CustomerDisplay)
        qtbot.waitUntil(window.isActiveWindow, timeout=WAIT)  # the keyboard stays the cashier's
        action = window.findChild(type(window.settings_action), "customerDisplayAction")
        assert action is not None and action.isChecked()
        assert action in window.tools_menu.actions()

        # On this (800×800 offscreen) screen: nothing covers the total or the Charge button.
        area = rect_of(window.screen().availableGeometry())
        keep = protected_area(rect_of(window.frameGeometry()))
        for other in (phone, display):
            assert not rect_of(other.frameGeometry()).intersects(keep)
            assert area.contains(rect_of(other.frameGeometry()))

        # The display follows the demo's sale.
        qtbot.keyClicks(window.scan, "7790580001018")
        qtbot.keyClick(window.scan, Qt.Key.Key_Return)
        assert display.page == PAGE_CART

        # The same three windows laid out for a 1600×900 screen, and painted as one picture.
        big = Rect(0, 0, 1600, 860)
        monkeypatch.setattr(type(window.screen()), "availableGeometry", lambda _self: _qrect(big))
        layout = lay_out_demo(window, phone, _controller(window))
        settle()  # the moves and resizes delivered
        rects = [rect_of(w.frameGeometry()) for w in (window, phone, display)]
        assert rects == [layout.cashier, layout.phone, layout.display]
        for a, b in itertools.combinations(rects, 2):
            assert not a.intersects(b), (a, b)
        for rect in rects:
            assert big.contains(rect)
        window.charge()
        qtbot.waitUntil(lambda: display.page == PAGE_CHARGE, timeout=WAIT)
        qtbot.waitUntil(lambda: phone.pay_button.isEnabled(), timeout=WAIT)
        settle()  # pending layouts and repaints land in the picture
        if SCREENSHOTS_WANTED:
            qtbot.wait(200)  # and, for a person's eyes, whatever a short timer still repaints
        picture = QPixmap(1600, 900)
        picture.fill(QColor("#3b4b5c"))
        painter = QPainter(picture)
        for widget in (window, phone, display):
            painter.drawPixmap(QPoint(widget.x(), widget.y()), widget.grab())
        painter.end()
        keep_picture(picture, "customer_display_demo_1600x900")

        # The menu item hides the display, and shows it again.
        action.trigger()
        assert not display.isVisible()
        action.trigger()
        assert display.isVisible()

        window.close()
        qtbot.waitUntil(app_task.done, timeout=WAIT)
        assert app_task.result() == 0
        qtbot.waitUntil(lambda: not shiboken6.isValid(display), timeout=WAIT)
    finally:
        if not app_task.done():
            app_task.cancel()
            qtbot.waitUntil(app_task.done, timeout=WAIT)


def _qrect(rect: Rect) -> Any:
    from PySide6.QtCore import QRect

    return QRect(rect.x, rect.y, rect.w, rect.h)


def _controller(window: MainWindow) -> DisplayController:
    found = window.findChild(DisplayController)
    assert isinstance(found, DisplayController)
    return found


# == placement with fake screens ==================================================================
LAPTOP = ScreenInfo("eDP-1", Rect(0, 0, 1366, 768), Rect(0, 0, 1366, 728), primary=True)
MONITOR = ScreenInfo("HDMI-1", Rect(1366, 0, 1920, 1080), Rect(1366, 0, 1920, 1080))


def test_the_display_follows_screens_added_and_removed(
    window: MainWindow, qtbot: QtBot, qapp: Any
) -> None:
    screens = [LAPTOP]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    display = CustomerDisplay(window.rt.site)
    controller = DisplayController(
        lambda: display,
        window,
        Config(customer_display="fullscreen", customer_display_screen="HDMI-1"),
        screens=lambda: list(screens),
    )
    try:
        # Only the counter's screen: a window at its right edge, never full screen over it.
        placed = controller.placement
        assert placed is not None and not placed.full_screen
        assert display.isVisible() and not display.isFullScreen()
        assert rect_of(display.frameGeometry()).right == LAPTOP.available.right
        qtbot.wait(100)
        assert window.isActiveWindow()  # the scanner still types into the counter

        # The monitor is plugged in: full screen there, without a restart.
        screens.append(MONITOR)
        qapp.screenAdded.emit(qapp.primaryScreen())
        qtbot.waitUntil(
            lambda: controller.placement is not None and controller.placement.full_screen,
            timeout=3000,
        )
        assert controller.placement.screen == MONITOR
        assert display.isFullScreen()

        # Unplugged: back to a window on the counter's screen.
        screens.remove(MONITOR)
        qapp.screenRemoved.emit(qapp.primaryScreen())
        qtbot.waitUntil(lambda: not display.isFullScreen(), timeout=3000)
        assert controller.placement is not None
        assert controller.placement.screen == LAPTOP

        # Settings say off: hidden; the menu item shows it for this session as a window.
        controller.apply(Config(customer_display="off"))
        assert not display.isVisible() and not controller.action.isChecked()
        controller.action.trigger()
        assert display.isVisible() and not display.isFullScreen()
    finally:
        controller.detach()
        display.close()
        display.deleteLater()
