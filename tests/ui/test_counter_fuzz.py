"""Hostile input at the counter: whatever is typed or scanned into the scan field, with the keys
a cashier uses around it, never raises (pytest-qt fails a test on any exception raised inside a
Qt callback), never makes a negative line or total, and the total always adds up the lines.

Seeded, so a failure repeats: strings a scanner or a cat on the keyboard produces (long digit
runs, scale labels, wrong check digits, quantity prefixes, signs and exponents, Unicode of every
kind, control characters, text far over the field's length), then the keys (+, -, Delete, Esc,
the arrows, F2's custom amount opened and closed)."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pos_app.ui.counter.main_window import MainWindow

pytestmark = pytest.mark.gui

PIECES = [
    "7790580001018",
    "779058000101",
    "77905800010189",
    "2000123012345",
    "2012345001503",
    "20",
    "0",
    "00000000",
    "9" * 40,
    "3*",
    "*3",
    "3*7790580001018",
    "-1*7790580001018",
    "1e309*7790580001018",
    "NaN",
    "inf",
    "-",
    "+",
    "1,5",
    "1.5",
    "yerba",
    "Yerba Mate 1 kg",
    "ñandú",
    "  ",
    "%",
    "_",
    "'; DROP TABLE sales; --",
    '" OR 1=1 --',
    "\u202e\u200b\ufeff",
    "🧉" * 3,
    "\t",
    "\x00\x1b[31m",
    "a" * 300,
    "١٢٣٤",  # Arabic-Indic digits
    "７７９０５８０００１０１８",  # full-width digits
]
KEYS = [
    Qt.Key.Key_Plus,
    Qt.Key.Key_Minus,
    Qt.Key.Key_Delete,
    Qt.Key.Key_Escape,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Home,
]


def _typed(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 3)))


def _check_cart(window: MainWindow) -> None:
    cart, site = window.model.cart, window.site
    for line in cart.lines:
        assert line.quantity > 0, line
        assert line.unit_price >= 0, line
        assert line.total(site) >= 0, line
    added = sum((line.total(site) for line in cart.lines), Decimal(0))
    assert cart.total() == added - cart.sale_discount_amount() >= 0


@pytest.mark.parametrize("seed", [1, 2])
def test_anything_typed_at_the_counter_never_breaks_the_cart(
    window: MainWindow, qtbot: QtBot, seed: int, monkeypatch: Any
) -> None:
    rng = random.Random(seed)
    window.activateWindow()
    for step in range(120):
        roll = rng.random()
        if roll < 0.7:
            window.scan.clear()
            window.scan.insert(_typed(rng))
            qtbot.keyClick(window.scan, Qt.Key.Key_Return)
        elif roll < 0.95:
            window.scan.clear()
            qtbot.keyClick(window.scan, rng.choice(KEYS))
        else:
            window.open_custom_amount()
            qtbot.keyClick(window.scan, Qt.Key.Key_Escape)
        _check_cart(window)
        assert len(window.scan.text()) <= window.scan.maxLength(), step
    assert not window.in_payment  # nothing typed there charges by itself
