"""Only a button Enter really presses is drawn (and announced) as the default one. In the
sales history, the products window and the cash drawer Enter from a field or a list presses no
button (tests/ui/test_keyboard_*), yet QDialog made their first push button its default when
shown: the default frame (and a screen reader's "default button") on *Check again with Mercado
Pago*, *Add…* and *Open shift*. Now a button there is the default exactly while it has the
focus, when Enter does press it. Screenshots: 46_default_<window>."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from tests.benchmarks.dialogs_bench import builders
from tests.ui.keyboard_audit import build, default_button, press, show_active

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return builders(Path(tmp_path_factory.mktemp("defaults")), sales=3, products=3)


def announced_default(window: Any) -> list[str]:
    found = []
    for button in window.findChildren(QPushButton):
        access = QAccessible.queryAccessibleInterface(button)
        if access is not None and access.state().defaultButton:
            found.append(button.text())
    return found


@pytest.mark.parametrize(
    ("name", "field", "button"),
    [
        ("TodaySalesDialog", "search", "recheck_button"),
        ("ProductsWindow", "search", "close_button"),
        ("CashDrawerDialog", "amount", "cash_in_button"),
    ],
)
def test_no_button_looks_default_until_enter_would_press_it(
    name: str, field: str, button: str, qtbot: QtBot, table: dict[str, Any], screenshot: Any
) -> None:
    window = build(table, name)
    qtbot.addWidget(window)
    show_active(qtbot, window)
    assert default_button(window) is None
    assert announced_default(window) == []
    screenshot(window, f"46_default_{name}_opened")

    # Tab or a click on a button: Enter presses it now, and it looks so.
    chosen: QPushButton = getattr(window, button)
    pressed: list[bool] = []
    chosen.clicked.connect(lambda _checked=False: pressed.append(True))
    chosen.setEnabled(True)
    chosen.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(chosen.hasFocus, timeout=1000)
    assert default_button(window) is chosen
    assert announced_default(window) == [chosen.text()]
    screenshot(window, f"46_default_{name}_button_focused")
    press(qtbot, Qt.Key.Key_Return)
    assert pressed == [True]
    pressed.clear()
    show_active(qtbot, window)  # the products window's Close closed it

    # Back in a field: no default again, and Enter presses nothing.
    getattr(window, field).setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: getattr(window, field).hasFocus(), timeout=1000)
    assert default_button(window) is None
    assert announced_default(window) == []
    press(qtbot, Qt.Key.Key_Return)
    assert not pressed
    window.close()
