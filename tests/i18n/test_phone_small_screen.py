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
        phone._render(LONG_ORDER)
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
