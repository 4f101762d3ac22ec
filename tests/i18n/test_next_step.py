"""A charge that ended unpaid says what to do next, naming the button by its own words in each
language ("Nothing was charged." left the cashier to guess between two buttons)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.sale_banner import BannerKind
from tests.ui.conftest import look_now, quick_cancel
from tests.ui.test_ui_charging import WAIT, banner_is, fill_cart

pytestmark = pytest.mark.gui


def said_next_step(window: MainWindow) -> bool:
    back = window.payment.back_button
    return back.isVisible() and f"“{back.text().replace('&', '')}”" in window.payment.detail.text()


@pytest.mark.parametrize("lang", ["en", "es", "pt_BR"])
def test_canceled_and_expired_say_how_to_charge_again(
    window: MainWindow, qtbot: QtBot, screenshot: Any, lang: str
) -> None:
    quick_cancel(window)
    fill_cart(window, "7790580001018")
    window.charge()
    qtbot.waitUntil(banner_is(window, BannerKind.WAITING), timeout=WAIT)
    qtbot.keyClick(window.payment, Qt.Key.Key_Escape)
    qtbot.waitUntil(banner_is(window, BannerKind.CANCELED), timeout=WAIT)
    assert said_next_step(window), window.payment.detail.text()
    assert "Enter" in window.payment.detail.text()
    screenshot(window, f"next_step_{lang}_canceled")

    window.back_to_cart()
    window.charge()
    qtbot.waitUntil(banner_is(window, BannerKind.WAITING), timeout=WAIT)
    window.rt.engine.monotonic = lambda: time.monotonic() + 120  # past the order's expiry
    look_now(window)
    qtbot.waitUntil(banner_is(window, BannerKind.EXPIRED), timeout=WAIT)
    assert said_next_step(window), window.payment.detail.text()
    screenshot(window, f"next_step_{lang}_expired")
