"""The Alt+letter giver: free letters, word starts first, explicit ones kept, menus respected."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QMainWindow, QPushButton
from pytestqt.qtbot import QtBot

from pos_app.ui.qtkit.keyboard import assign_mnemonics, mnemonic, with_mnemonic

pytestmark = pytest.mark.gui


def test_letters() -> None:
    assert mnemonic("Save && close") is None and mnemonic("&Save") == "s"
    assert mnemonic("Fish && &Chips") == "c"
    assert with_mnemonic("Cash out", {"c"}) == "Cash &out"  # a word's start first
    assert with_mnemonic("Cash out", {"c", "o"}) == "C&ash out"
    assert with_mnemonic("Pie:", {"p", "i", "e"}) is None
    assert with_mnemonic("Añadir", {"a"}) == "Aña&dir"  # Alt+Ñ is not on every keyboard
    assert with_mnemonic("Ñandú", set()) == "Ñ&andú"
    assert with_mnemonic("$", set()) is None


def test_a_part_of_a_window_keeps_clear_of_its_menus(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.menuBar().addMenu("&Tools")
    window.menuBar().addMenu("&Day")
    bar = QFrame()
    window.setCentralWidget(bar)
    field = QLineEdit()
    label = QLabel("Description")
    label.setBuddy(field)
    done = QPushButton("&Done")  # explicit: kept, even where it clashes with a menu
    other = QPushButton("Do it")
    row = QHBoxLayout(bar)
    for widget in (label, field, done, other):
        row.addWidget(widget)
    assign_mnemonics(bar)
    assert label.text() == "D&escription"  # d is the Day menu's
    assert done.text() == "&Done"
    assert other.text() == "Do &it"  # fewer letters to choose from: it chose first
    assign_mnemonics(bar)  # again: nothing changes
    assert label.text() == "D&escription" and other.text() == "Do &it"
