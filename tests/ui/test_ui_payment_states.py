"""The payment panel's states as the cashier sees them: Canceling at once, no false "slowly",
Check payment now always answers, nothing stale once paid, Expired and Canceled told apart."""

from __future__ import annotations

import dataclasses
import time
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from pos_app.domain.sale import SaleStatus
from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.sale_banner import BannerKind
from tests.ui.conftest import look_now, quick_cancel
from tests.ui.test_ui_charging import SLOW_AFTER_IN_TESTS, WAIT, banner_is, charge, fill_cart

pytestmark = pytest.mark.gui


def banner_colour(win: MainWindow) -> QColor:
    image = win.payment.banner.grab().toImage()
    return image.pixelColor(image.width() // 2, 10)


def test_escape_shows_canceling_at_once_and_never_answering_slowly(
    window: MainWindow, qtbot: QtBot, control: Any, screenshot: Any
) -> None:
    # A confirmation pause longer than it takes a call to count as slow, as at the counter (two
    # seconds against one): both shortened in proportion, the pause still past the threshold.
    window.calls.slow_after = SLOW_AFTER_IN_TESTS
    pause = 1.6 * SLOW_AFTER_IN_TESTS
    window.rt.engine.settings = dataclasses.replace(
        window.rt.engine.settings, cancel_recheck_delay=pause
    )
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    started = time.monotonic()
    qtbot.keyClick(window.payment, Qt.Key.Key_Escape)
    # No event loop turn needed: the key itself changes the banner.
    assert window.payment.banner_kind is BannerKind.CANCELING
    assert window.payment.banner.text() == "Canceling…"
    assert not window.payment.cancel_button.isEnabled()
    screenshot(window, "payment_canceling")
    slow_seen = []
    kinds = []

    def canceled() -> bool:
        slow_seen.append(window.payment.slow.isVisible())
        kinds.append(window.payment.banner_kind)
        return window.payment.banner_kind is BannerKind.CANCELED

    qtbot.waitUntil(canceled, timeout=WAIT)
    assert set(kinds[:-1]) <= {BannerKind.CANCELING}  # no flicker back to waiting
    # It really waited for the second look (a lower bound: a sleep never ends early; Qt's
    # coarse timers may fire up to 5 % early).
    assert time.monotonic() - started >= 0.95 * pause
    assert not any(slow_seen)
    screenshot(window, "payment_canceled")


def test_check_payment_now_always_answers(
    window: MainWindow, qtbot: QtBot, control: Any, screenshot: Any
) -> None:
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    assert not window.payment.check_result.isVisible()
    qtbot.mouseClick(window.payment.recheck_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "still waiting" in window.payment.check_result.text(), timeout=WAIT)
    assert window.payment.check_result.isVisible()
    assert window.payment.check_result.text().startswith("Checked at ")
    assert window.payment.recheck_button.isEnabled()
    screenshot(window, "payment_checked_still_waiting")
    control.pay()
    qtbot.waitUntil(banner_is(window, BannerKind.PAID), timeout=WAIT)
    assert not window.payment.check_result.isVisible()  # the banner says it all now


def test_nothing_stale_once_paid(
    window: MainWindow, qtbot: QtBot, control: Any, screenshot: Any
) -> None:
    qtbot.keyClicks(window.scan, "7790580001018")
    qtbot.keyClick(window.scan, Qt.Key.Key_Return)
    assert window.feedback.text().startswith("Added")
    charge(qtbot, window)
    control.pay()
    qtbot.waitUntil(banner_is(window, BannerKind.PAID), timeout=WAIT)
    assert window.feedback.text() == ""
    assert "locked" not in window.scan.placeholderText()
    assert "Enter" in window.scan.placeholderText()
    screenshot(window, "payment_paid_no_stale_text")


def test_expired_and_canceled_look_different(
    window: MainWindow, qtbot: QtBot, control: Any, screenshot: Any
) -> None:
    quick_cancel(window)
    fill_cart(window, "7790580001018")
    charge(qtbot, window)
    qtbot.keyClick(window.payment, Qt.Key.Key_Escape)
    qtbot.waitUntil(banner_is(window, BannerKind.CANCELED), timeout=WAIT)
    canceled = (window.payment.banner.text(), banner_colour(window))
    qtbot.mouseClick(window.payment.back_button, Qt.MouseButton.LeftButton)

    # A sale whose order runs out, as Mercado Pago and we agree: Mercado Pago expires it, and
    # the engine's monotonic clock (which times our own expiry, one minute here) is moved past
    # it instead of waiting for it. How soon after the expiry is exact on virtual time
    # (tests/checkout/test_engine_flows.py, test_expiry_then_final_check): here, that the
    # window shows it.
    charge(qtbot, window)
    sale = window.current_sale
    assert sale is not None and sale.expires_at is not None
    assert control.expire() == {"expired": True}
    window.rt.engine.monotonic = lambda: time.monotonic() + 120
    look_now(window)
    qtbot.waitUntil(banner_is(window, BannerKind.EXPIRED), timeout=WAIT)
    assert window.current_sale is not None
    assert window.current_sale.status is SaleStatus.EXPIRED
    expired = (window.payment.banner.text(), banner_colour(window))
    screenshot(window, "payment_expired")

    assert canceled[0] != expired[0] and canceled[0][0] != expired[0][0]  # their marks differ
    assert canceled[1].rgb() != expired[1].rgb()
    assert abs(canceled[1].lightness() - expired[1].lightness()) > 60  # not just a tint
