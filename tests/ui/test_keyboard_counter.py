"""Keyboard only at the counter's dialogs: weight, discount, custom amount, sales history."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.ui.qtkit.keyboard import mnemonic
from tests.benchmarks.dialogs_bench import builders
from tests.ui.keyboard_audit import (
    accessible_name,
    audit,
    build,
    default_button,
    focused,
    missing_mnemonics,
    mnemonic_clashes,
    press,
    show_active,
    unnamed_fields,
)

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return builders(Path(tmp_path_factory.mktemp("kb")), sales=3, products=3)


def test_weight_and_discount_dialogs(qtbot: QtBot, table: dict[str, Any]) -> None:
    weight = build(table, "WeightDialog")
    qtbot.addWidget(weight)
    audit(qtbot, weight, first=weight.measure)
    assert default_button(weight) is None  # Enter is the dialog's own (adds the line)
    press(qtbot, Qt.Key.Key_Escape)
    assert not weight.isVisible()

    discount = build(table, "DiscountDialog")
    qtbot.addWidget(discount)
    stops = audit(qtbot, discount, first=discount.value)
    assert stops == [discount.value, discount.reason, discount.kind]
    press(qtbot, Qt.Key.Key_Escape)
    assert not discount.isVisible()


def test_custom_amount_bar_fields_have_alt_letters(qtbot: QtBot, table: dict[str, Any]) -> None:
    bar = build(table, "CustomAmountBar")
    qtbot.addWidget(bar)
    audit(qtbot, bar, first=bar.description)


def test_sales_history_starts_in_the_search_and_enter_goes_to_the_list(
    qtbot: QtBot, table: dict[str, Any], screenshot: Any
) -> None:
    dialog = build(table, "TodaySalesDialog")
    qtbot.addWidget(dialog)
    rechecked: list[str] = []
    dialog.recheckRequested.connect(rechecked.append)
    dialog.cancelRequested.connect(rechecked.append)
    stops = audit(qtbot, dialog, first=dialog.search)
    assert dialog.table in stops and dialog.events in stops  # not trapped in the list
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is dialog.table and dialog.selected_reference()
    screenshot(dialog, "keyboard_sales")
    press(qtbot, Qt.Key.Key_Down)
    for button in (dialog.recheck_button, dialog.cancel_button):
        button.setEnabled(True)  # as for a sale waiting for payment
    press(qtbot, Qt.Key.Key_Return)  # Enter from the list presses no button
    dialog.search.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert not rechecked and dialog.isVisible()
    press(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_cart_has_a_name(qtbot: QtBot) -> None:
    from pos_app.ui.counter.cart_view import CartView

    view = CartView()
    qtbot.addWidget(view)
    assert accessible_name(view) == "Cart"


def test_the_supervisor_pin_gets_its_alt_letter_when_it_appears(
    qtbot: QtBot, table: dict[str, Any]
) -> None:
    from decimal import Decimal

    from pos_app.domain.money import site_for
    from pos_app.settings.supervisor import hash_pin
    from pos_app.ui.counter.price_dialogs import DiscountDialog

    dialog = DiscountDialog(
        site_for("MLA"),
        what="Yerba",
        gross=Decimal(1000),
        measure=Decimal(1),
        on_line=True,
        current=None,
        limit=10,
        pin_hash=hash_pin("1234", iterations=1000),  # cheap: never checked here
    )
    qtbot.addWidget(dialog)
    show_active(qtbot, dialog)
    assert not dialog.pin.isVisible()
    qtbot.keyClicks(dialog.value, "50")  # over the limit: the PIN is asked
    qtbot.waitUntil(dialog.pin.isVisible, timeout=1000)
    qtbot.waitUntil(lambda: mnemonic(dialog.pin_label.text()) is not None, timeout=1000)
    assert not mnemonic_clashes(dialog) and not missing_mnemonics(dialog)
    assert not unnamed_fields(dialog)
    qtbot.keyClick(focused(), mnemonic(dialog.pin_label.text()), Qt.KeyboardModifier.AltModifier)
    assert focused() is dialog.pin
