"""A refused order is an answer from Mercado Pago: the status bar says it is reachable (it said
"Mercado Pago: not contacted yet" beside "Mercado Pago refused the order")."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.counter.sale_banner import BannerKind
from tests.ui.test_ui_charging import WAIT, banner_is, fill_cart

pytestmark = pytest.mark.gui


def test_a_refused_order_shows_mercado_pago_online(
    window: MainWindow, qtbot: QtBot, control: Any
) -> None:
    assert window.status.connection.property("state") in (None, "", "unknown")
    control.state.boxes.clear()  # the box was deleted in Mercado Pago's panel
    fill_cart(window, "7790580001018")
    window.charge()
    qtbot.waitUntil(banner_is(window, BannerKind.FAILED), timeout=WAIT)
    qtbot.waitUntil(lambda: window.status.connection.property("state") == "online", timeout=WAIT)
    assert "not contacted" not in window.status.connection.text()
