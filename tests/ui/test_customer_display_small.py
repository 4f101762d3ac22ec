"""The customer's display on a small screen: every cell whole (the quantity "1 pack" showed
"1" with "pack" cut off at 1024 x 600, the type re-sized after the columns were measured)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from pos_app.ui.counter.main_window import MainWindow
from pos_app.ui.display.customer_display import CustomerDisplay
from tests.i18n.texts import visible_texts
from tests.ui.test_ui_charging import fill_cart

pytestmark = pytest.mark.gui


@pytest.fixture
def display(window: MainWindow, qtbot: QtBot) -> Iterator[CustomerDisplay]:
    shown = CustomerDisplay(window.rt.site)
    shown.follow(window.model, window.bridge, window.rt.config.box_external_id)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    shown.close()
    shown.deleteLater()


@pytest.mark.parametrize("size", [(1024, 600), (800, 480), (1366, 768), (1920, 1080)])
def test_every_cell_of_the_cart_is_whole(
    window: MainWindow, display: CustomerDisplay, qtbot: QtBot, screenshot: Any, size: Any
) -> None:
    display.resize(*size)  # the type is sized for the screen before the cart fills
    qtbot.waitUntil(lambda: (display.width(), display.height()) == size, timeout=3000)
    fill_cart(window, "7790580001018", "FIA001")  # "1 pack": the widest quantity
    qtbot.wait(60)
    screenshot(display, f"customer_display_cart_{size[0]}x{size[1]}")
    cut = [str(s) for s in visible_texts(display) if s.clipped]
    assert not cut, "\n".join(cut)
