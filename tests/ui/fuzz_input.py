"""Hostile pieces of text for the window fuzz tests (seeded: a failure repeats).

What a cashier, a store owner, a scanner or a paste can put in a field: control characters (NUL
first: it crashed the catalog search), bidi and zero-width characters (Qt cannot hold a lone
surrogate), huge and tiny numbers, NaN and infinities, signs, every mix of commas and dots,
thousands separators, full-width and Arabic-Indic digits, very long text, quotes and SQL, emoji,
white space only. :func:`typed` joins one to three of them, sometimes around a plain number.
"""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from pos_app.domain.money import Site, has_valid_decimals

PIECES = [
    "\x00",
    "\x00\x1b[31m",
    "\x07\x08\x7f",
    "\x85\x9b",  # C1 controls
    "\t",
    "\r\n",
    "\u202e\u200b\ufeff",  # right-to-left override, zero-width space, BOM
    "\u2066\u200f\u061c",
    "1e309",
    "1E+3",
    "1e-3",
    "9" * 40,
    "0." + "0" * 30 + "1",
    "NaN",
    "sNaN",
    "-inf",
    "Infinity",
    "-",
    "-5",
    "+5",
    "-0",
    "0",
    "00",
    "1,5",
    "1.5",
    "1,50",
    "1.50",
    "1.234",
    "1,234",
    "1.234,50",
    "1,234.50",
    "1.234.567,89",
    "1,234,567.89",
    "1.2.3",
    "1,,5",
    "1..5",
    ",5",
    ".5",
    "5,",
    "5.",
    "1 234",
    "1\u00a0234",
    "1_000",
    "12,345%",
    "%",
    "$",
    "$ 1.500",
    "１２３",  # full-width digits
    "١٢٣٤",  # Arabic-Indic digits
    "۱۲۳",  # extended Arabic-Indic
    "0x10",
    "a" * 300,
    "ñandú",
    "'; DROP TABLE sales; --",
    '" OR 1=1 --',
    "Robert'); --",
    "🧉" * 3,
    "👨‍👩‍👧",
    "   ",
    "\u3000",
    "<b>x</b>",
    "{amount}",
    "%s%n",
    "kg",
    "7790580001018",
]
PLAIN = ["1", "10", "12", "100", "250", "1500", "99999", "0,350", "0.35", "2"]
SITES = ["MLA", "MLC"]  # decimals and none (Chile, like Colombia, has no cents)


def typed(rng: random.Random) -> str:
    """One to three hostile pieces, now and then around a plain number."""
    parts = [rng.choice(PIECES) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.35:
        parts.insert(rng.randint(0, len(parts)), rng.choice(PLAIN))
    if rng.random() < 0.15:
        return rng.choice(PLAIN)
    return "".join(parts)


def key_in(widget: QWidget, text: str) -> None:
    """Type ``text`` one character at a time as key events carrying it, as a keyboard with an
    input method does (``QTest.keyClicks`` knows only ASCII keys and aborts on others)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def put(qtbot: QtBot, rng: random.Random, edit: QLineEdit, text: str) -> None:
    """Type ``text`` (short ones: each key through Qt), paste it (``insert``, at the cursor of
    what is there), or set it (a program or an older setting)."""
    how = rng.random()
    if how < 0.3 and len(text) <= 40:
        edit.clear()
        if text.isascii() and text.isprintable():
            qtbot.keyClicks(edit, text)
        else:
            key_in(edit, text)
    elif how < 0.6:
        if rng.random() < 0.7:
            edit.selectAll()
        edit.insert(text)
    else:
        edit.setText(text)


def enter(qtbot: QtBot, widget: object) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return)  # type: ignore[arg-type]


def assert_money(amount: Decimal, site: Site, *, zero_ok: bool = False) -> None:
    """Money that may reach the cart or the ledger: Decimal, finite, within the site's ceiling,
    with the currency's decimals (none in Chilean pesos)."""
    assert isinstance(amount, Decimal), amount
    assert amount.is_finite(), amount
    assert (amount >= 0) if zero_ok else (amount > 0), amount
    assert amount <= site.max_amount, amount
    assert has_valid_decimals(amount, site), amount


def assert_clean(text: str, limit: int) -> None:
    """A text that reached the ledger or the cart: one line, no control or invisible character."""
    assert len(text) <= limit, len(text)
    assert text == text.strip()
    assert all(c.isprintable() for c in text), ascii(text)


seeds = pytest.mark.parametrize("seed", [1, 2])
