"""The demo's phone window on a 1024 x 600 screen: it opened 680 px tall (its buttons below the
screen's edge) and its widgets needed more height than the screen has. Now it opens within the
screen and every button is within reach, in English and in Spanish (longer), with an order of
several lines, a payment result and another system's payment said."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen
from pytestqt.qtbot import QtBot

from pos_app.domain.money import site_for
from pos_app.ui.demo.phone_window import CustomerPhoneWindow
from pos_app.ui.qtkit.window_settings import TITLE_BAR
from tests.ui.conftest import settle

pytestmark = pytest.mark.gui

FREE = QRect(0, 0, 1024, 600)
ORDER = {
    "external_reference": "sale-1",
    "title": "Almacén Don Pepe",
    "total_amount": "12345.50",
    "items": [
        {"title": title, "quantity": 1, "total_amount": "1000"}
        for title in (
            "Yerba mate 1 kg",
            "Galletitas de agua sin sal agregada paquete familiar 3 x 100 g",
            "Leche entera larga vida 1 l",
            "Pan",
        )
    ],
}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_phone_fits_a_small_screen(
    lang: str, qloop: Any, qtbot: QtBot, screenshot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _self: QRect(FREE))
    phone = CustomerPhoneWindow("http://127.0.0.1:9", "BOX1", site_for("MLA"))
    qtbot.addWidget(phone)
    try:
        phone._render(ORDER)
        phone._set_result(phone.tr("✗ Card rejected — you can try again with another card"), "")
        phone.foreign_result.setText("Another system was paid $ 1.500 at this box.")
        phone.foreign_result.show()
        phone.show()
        qtbot.waitExposed(phone)
        height = FREE.height() - TITLE_BAR
        least = phone.minimumSizeHint().expandedTo(phone.minimumSize())
        assert least.height() <= height, least
        assert phone.height() <= height, phone.size()
        for button in (
            phone.pay_button,
            phone.reject_button,
            phone.idle_button,
            phone.expire_button,
            phone.foreign_button,
        ):
            top_left = button.mapTo(phone, button.rect().topLeft())
            assert phone.rect().contains(QRect(top_left, button.size())), button.objectName()
        screenshot(phone, f"phone_small_{lang}")
    finally:
        task = asyncio.ensure_future(phone.aclose())
        qtbot.waitUntil(task.done, timeout=3000)
        phone.close()


LONG_ORDER = {
    **ORDER,
    "items": [
        {"title": title, "quantity": 1, "total_amount": "1000"}
        for title in (
            "Yerba mate 1 kg",
            "Galletitas de agua sin sal agregada paquete familiar 3 x 100 g",
            "Leche entera larga vida 1 l",
            "Pan",
            "Queso cremoso (por kg)",
            "Aceite de girasol 1,5 l",
            "Café molido 500 g",
            "Arroz largo fino 1 kg",
        )
    ],
}
# Longer than the compact phone's list at 1024 x 600 (which shows LONG_ORDER whole): some
# lines are reached by scrolling.
LONGER_ORDER = {
    **LONG_ORDER,
    "items": LONG_ORDER["items"]
    + [
        {"title": title, "quantity": 2, "total_amount": "500"}
        for title in ("Fideos moñito 500 g", "Azúcar 1 kg", "Dulce de leche 400 g", "Sal fina")
    ],
}


@pytest.mark.parametrize("lang", ["en", "es", "pt_BR"])
def test_the_phone_shows_several_lines_on_a_small_screen(
    lang: str, qloop: Any, qtbot: QtBot, screenshot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 1024 x 600 the order's list showed one line and a half (the caption, five 48-px
    buttons and another system's payment took the rest): now at least four whole lines, the
    rest reached by scrolling."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _self: QRect(FREE))
    phone = CustomerPhoneWindow("http://127.0.0.1:9", "BOX1", site_for("MLA"))
    qtbot.addWidget(phone)
    try:
        phone._render(LONGER_ORDER)
        phone._set_result(phone.tr("✗ Card rejected — you can try again with another card"), "")
        phone.show()
        qtbot.waitExposed(phone)
        settle()
        screenshot(phone, f"phone_small_lines_{lang}")
        view = phone.items.viewport().rect()
        whole = [
            row
            for row in range(phone.items.rowCount())
            if view.contains(phone.items.visualItemRect(phone.items.item(row, 0)))
        ]
        assert len(whole) >= 4, (whole, phone.items.height())
        assert phone.items.verticalScrollBar().maximum() > 0  # the rest: scrolling
    finally:
        task = asyncio.ensure_future(phone.aclose())
        qtbot.waitUntil(task.done, timeout=3000)
        phone.close()


def test_a_new_order_shows_its_first_lines(qloop: Any, qtbot: QtBot) -> None:
    """The list kept the last order's scroll position: the next customer's order opened on its
    middle lines. A new order starts at its top; the same order polled again stays put."""
    phone = CustomerPhoneWindow("http://127.0.0.1:9", "BOX1", site_for("MLA"))
    qtbot.addWidget(phone)
    try:
        phone.resize(380, 520)
        phone._render(LONG_ORDER)
        phone.show()
        qtbot.waitExposed(phone)
        bar = phone.items.verticalScrollBar()
        assert bar.maximum() > 0
        bar.setValue(bar.maximum())
        phone._render(LONG_ORDER)  # the next poll
        assert bar.value() == bar.maximum()
        phone._render({**LONG_ORDER, "external_reference": "sale-2"})
        assert bar.value() == 0
    finally:
        task = asyncio.ensure_future(phone.aclose())
        qtbot.waitUntil(task.done, timeout=3000)
        phone.close()


@pytest.mark.parametrize("lang", ["en", "es", "pt_BR"])
def test_the_phone_beside_the_customer_display_shows_the_order_readably(
    lang: str, qloop: Any, qtbot: QtBot, screenshot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worst case: a 1024 x 600 screen with the customer display (``--demo
    --customer-display``): the phone shares the cart's side with the display, at its least
    height. Its list had 38 px (one line and a bit of "Galletitas…") and the total, squeezed
    by the two-line "Card rejected", was drawn over it. Compact now: at least five lines of
    the order (three whole lines of it here), nothing over anything, at no more height."""
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QWidget

    from pos_app.ui.demo.phone_window import LEAST_LINES
    from pos_app.ui.display.screen_layout import Rect, demo_layout
    from tests.i18n.texts import visible_texts

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _self: QRect(FREE))
    phone = CustomerPhoneWindow("http://127.0.0.1:9", "BOX1", site_for("MLA"))
    qtbot.addWidget(phone)
    try:
        phone._render(LONG_ORDER)
        phone._set_result(phone.tr("✗ Card rejected — you can try again with another card"), "")
        phone.foreign_result.setText("Another system was paid $ 1.500 at this box.")
        phone.foreign_result.show()
        phone.show()
        qtbot.waitExposed(phone)
        area = Rect(0, 0, FREE.width(), FREE.height() - TITLE_BAR)
        least = phone.minimumSizeHint().height()
        layout = demo_layout(area, with_display=True, phone_min_height=least)
        assert layout.display is not None
        phone.resize(layout.phone.w, layout.phone.h)
        qtbot.waitUntil(lambda: phone.height() == layout.phone.h, timeout=3000)
        qtbot.wait(30)
        screenshot(phone, f"phone_beside_display_{lang}")
        assert phone.compact
        assert least <= 456, least  # its least height before: the display keeps its room
        items = phone.items
        lines = QFontMetrics(items.font()).lineSpacing()
        assert items.viewport().height() >= LEAST_LINES * lines, items.viewport().height()
        view = items.viewport().rect()
        whole = [
            row
            for row in range(items.rowCount())
            if view.contains(items.visualItemRect(items.item(row, 0)))
        ]
        assert len(whole) >= 3, whole
        screen = phone.items.parentWidget()
        shown = [w for w in screen.findChildren(QWidget) if w.isVisible() and w.parent() is screen]
        overlaps = [
            f"{a.objectName()} / {b.objectName()}"
            for i, a in enumerate(shown)
            for b in shown[i + 1 :]
            if a.geometry().intersects(b.geometry())
        ]
        assert not overlaps, overlaps
        for button in (*phone._buttons, phone.foreign_button):
            where = QRect(button.mapTo(phone, button.rect().topLeft()), button.size())
            assert phone.rect().contains(where), button.objectName()
            assert button.height() >= button.sizeHint().height(), button.objectName()
        cut = [str(s) for s in visible_texts(phone) if s.clipped and s.kind != "scroll"]
        assert not cut, cut
    finally:
        task = asyncio.ensure_future(phone.aclose())
        qtbot.waitUntil(task.done, timeout=3000)
        phone.close()
